"""Logging (src/logging.rs, python/onespan_sign/_logging.py): one DEBUG record on the
`onespan_sign` logger per attempt, retry and API-token fetch, never a secret; and
`ONESPAN_LOG=debug` writing them to stderr.

Issue 11, item 20.
"""

from __future__ import annotations

import http.server
import json
import logging
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest

from onespan_sign import AuthenticationError, Client

DEBUG = logging.DEBUG


def ours(caplog) -> list:
    return [r for r in caplog.records if r.name == "onespan_sign"]


def fields(record: logging.LogRecord) -> dict:
    """`attempt method=GET path=/x attempt=1 status=200 duration_ms=3` as a dict."""
    return dict(re.findall(r'(\w+)=("[^"]*"|\S+)', record.getMessage()))


def test_each_attempt_is_one_debug_record_with_method_path_status_duration_and_attempt(connect, caplog):
    caplog.set_level(DEBUG, logger="onespan_sign")
    api = connect()
    package_id = api.packages.create({"name": "logged"})
    api.packages.get(package_id)
    records = ours(caplog)
    assert [r.levelno for r in records] == [DEBUG, DEBUG]
    assert [r.getMessage().split()[0] for r in records] == ["attempt", "attempt"]
    first, second = (fields(r) for r in records)
    assert {k: first[k] for k in ("method", "path", "attempt", "status")} == {
        "method": "POST", "path": "/api/packages", "attempt": "1", "status": "200"
    }
    assert {k: second[k] for k in ("method", "path", "attempt", "status")} == {
        "method": "GET", "path": f"/api/packages/{package_id}", "attempt": "1", "status": "200"
    }
    assert int(first["duration_ms"]) >= 0 and int(second["duration_ms"]) >= 0


def test_a_retry_is_logged_between_its_attempts(connect, emulator, caplog):
    api = connect()
    package_id = api.packages.create({"name": "retried"})
    emulator.inject_fault(method="GET", status=503, retry_after=0)
    caplog.set_level(DEBUG, logger="onespan_sign")
    api.packages.get(package_id)
    messages = [(r.getMessage().split()[0], fields(r)) for r in ours(caplog)]
    assert [(m, f["attempt"], f["status"]) for m, f in messages] == [
        ("attempt", "1", "503"),
        ("retrying", "1", "503"),
        ("attempt", "2", "200"),
    ]
    assert messages[1][1]["wait_ms"] == "0" and messages[1][1]["kind"] == '"ServerError"'


def test_a_client_app_token_fetch_is_logged_once(connect, caplog):
    caplog.set_level(DEBUG, logger="onespan_sign")
    api = connect("client_app")
    package_id = api.packages.create({"name": "token"})
    api.packages.get(package_id)
    kinds = [r.getMessage().split()[0] for r in ours(caplog)]
    assert kinds == ["API-token", "attempt", "attempt"], kinds
    fetch = fields(ours(caplog)[0])
    assert ours(caplog)[0].getMessage().startswith("API-token fetch")
    assert (fetch["kind"], fetch["status"]) == ('"client_app"', "200")


def test_nothing_is_logged_below_the_loggers_level_and_a_later_level_change_applies(api, caplog):
    caplog.set_level(logging.INFO, logger="onespan_sign")
    package_id = api.packages.create({"name": "quiet"})
    assert ours(caplog) == []
    caplog.set_level(DEBUG, logger="onespan_sign")
    api.packages.get(package_id)
    assert len(ours(caplog)) == 1
    caplog.set_level(logging.WARNING, logger="onespan_sign")
    caplog.clear()
    api.packages.get(package_id)
    assert ours(caplog) == []


class _RecordingForwarder(http.server.BaseHTTPRequestHandler):
    """Forwards to the emulator, noting every API token it hands out."""

    target = ""
    tokens: list = []

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
        req = urllib.request.Request(self.target + self.path, data=body, headers=headers, method=self.command)
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                status, answer = resp.status, resp.read()
        except urllib.error.HTTPError as e:
            status, answer = e.code, e.read()
        if self.path.startswith("/apitoken/") and status == 200:
            self.tokens.append(json.loads(answer)["accessToken"])
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_GET = do_POST = do_PUT = do_DELETE = _forward

    def log_message(self, *args: object) -> None:
        pass


def test_no_record_holds_a_secret(emulator, caplog):
    caplog.set_level(DEBUG, logger="onespan_sign")
    _RecordingForwarder.target, _RecordingForwarder.tokens = emulator.base_url, []
    forwarder = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _RecordingForwarder)
    threading.Thread(target=forwarder.serve_forever, daemon=True).start()
    try:
        via = f"http://127.0.0.1:{forwarder.server_address[1]}"
        app = Client(client_id=emulator.client_id, client_secret=emulator.client_secret, base_url=via)
        package_id = app.packages.create({"name": "secrets"})
        emulator.expire_tokens()  # a 401, a second token fetch, a retry
        app.packages.get(package_id)
        keyed = Client(api_key=emulator.api_key, base_url=via)
        keyed.packages.get(package_id)
        with pytest.raises(AuthenticationError):
            Client(api_key="wr0ng-" + emulator.api_key, base_url=via).packages.get(package_id)
        with pytest.raises(AuthenticationError):
            Client(client_id=emulator.client_id, client_secret="wr0ng-secret", base_url=via).packages.get(package_id)
    finally:
        forwarder.shutdown()
        forwarder.server_close()
    tokens = _RecordingForwarder.tokens
    assert len(tokens) == 2
    messages = "\n".join(r.getMessage() for r in ours(caplog))
    assert messages.count("API-token fetch") == 3 and "retrying with a new API token" in messages
    text = messages + "".join(repr(r.__dict__) for r in ours(caplog))
    for secret in (emulator.api_key, emulator.client_secret, "wr0ng-secret", *tokens):
        assert secret not in text, secret
    assert "Bearer" not in text and "Basic" not in text


_LOGGED_CALL = r"""
import sys
from onespan_sign import Client
Client(api_key=sys.argv[2], base_url=sys.argv[1]).packages.create({"name": "to stderr"})
"""


@pytest.mark.parametrize("value, shown", [("debug", True), ("DEBUG", True), ("", False), ("warning", False)])
def test_onespan_log_debug_writes_records_to_stderr(emulator, value, shown):
    env = {k: v for k, v in os.environ.items() if k != "ONESPAN_LOG"}
    env["ONESPAN_LOG"] = value
    done = subprocess.run(
        [sys.executable, "-c", _LOGGED_CALL, emulator.base_url, emulator.api_key],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    line = "onespan_sign DEBUG attempt method=POST path=/api/packages attempt=1 status=200 duration_ms="
    assert (line in done.stderr) == shown, done.stderr
    assert emulator.api_key not in done.stderr
    if not shown:
        assert done.stderr == ""
