"""The emulator object itself: options, reading what it recorded after it stops, and
stopping for real (a request in flight is cut off, no connection is accepted).

Requests go over plain HTTP with urllib, so these tests depend on the emulator only.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from typing import Any, List, Optional, Tuple

import pytest

from onespan_sign import InvalidArgumentError
from onespan_sign.testing import Emulator


def call(
    emu: Emulator, method: str, path: str, body: Any = None, *, auth: bool = True, timeout: float = 10
) -> Tuple[int, Any]:
    """One request; the status and the JSON body (or None)."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(emu.base_url + path, data=data, method=method)
    req.add_header("User-Agent", "test-emulator/1")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if auth:
        req.add_header("Authorization", f"Basic {emu.api_key}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            status, raw = resp.status, resp.read()
    except urllib.error.HTTPError as e:
        status, raw = e.code, e.read()
    return status, (json.loads(raw) if raw else None)


class Receiver:
    """A webhook receiver on 127.0.0.1 that records what it gets."""

    def __init__(self) -> None:
        self.got: List[Tuple[Optional[str], dict]] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", "0"))
                outer.got.append((self.headers.get("Authorization"), json.loads(self.rfile.read(length))))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def wait_for(condition, limit: float = 5.0) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_what_was_recorded_is_readable_after_stop():
    receiver = Receiver()
    try:
        with Emulator() as emu:
            status, _ = call(
                emu, "POST", "/api/callback", {"url": receiver.url, "key": "cb-key", "events": ["PACKAGE_CREATE"]}
            )
            assert status == 200
            package = {
                "name": "Lease",
                "roles": [{"id": "Signer1", "signers": [{"email": "ann@example.com"}]}],
                "documents": [{"name": "Lease", "approvals": [{"role": "Signer1", "fields": [{"type": "SIGNATURE"}]}]}],
            }
            status, created = call(emu, "POST", "/api/packages", package)
            assert status == 200
            package_id = created["id"]
            assert call(emu, "PUT", f"/api/packages/{package_id}", {"status": "SENT"})[0] == 200
            assert call(emu, "POST", f"/api/packages/{package_id}/roles/Signer1/notifications", {})[0] == 200
            assert wait_for(lambda: any(d["delivered"] for d in emu.deliveries()))
        # Stopped by leaving the block: everything recorded is still there to assert on.
        deliveries = emu.deliveries()
        assert [(d["event_name"], d["package_id"], d["delivered"], d["status"]) for d in deliveries] == [
            ("PACKAGE_CREATE", package_id, True, 200)
        ]
        assert [e["name"] for e in emu.events()] == ["PACKAGE_CREATE", "PACKAGE_ACTIVATE"]
        assert emu.requests() == [
            "POST /api/callback",
            "POST /api/packages",
            f"PUT /api/packages/{package_id}",
            f"POST /api/packages/{package_id}/roles/Signer1/notifications",
        ]
        assert emu.notifications() == [
            {"kind": "email", "package_id": package_id, "role_id": "Signer1", "to": "ann@example.com"}
        ]
        assert emu.api_requests == 4
        assert emu.token_requests == 0
        assert emu.last_user_agent == "test-emulator/1"
        assert receiver.got == [("Basic cb-key", receiver.got[0][1])]
        assert receiver.got[0][1]["name"] == "PACKAGE_CREATE"
        # Controls that would change it refuse; stopping again does nothing.
        with pytest.raises(RuntimeError, match="stopped"):
            emu.reset()
        with pytest.raises(RuntimeError, match="stopped"):
            emu.inject_fault(status=503)
        emu.stop()
        assert len(emu.events()) == 2
    finally:
        receiver.close()


def test_stop_cuts_off_a_request_in_flight_and_refuses_new_connections():
    emu = Emulator()
    port = int(emu.base_url.rsplit(":", 1)[1])
    emu.inject_fault(method="POST", path="/api/packages", delay=2)
    outcome: List[Any] = []

    def in_flight() -> None:
        try:
            outcome.append(call(emu, "POST", "/api/packages", {"name": "too late"}))
        except Exception as e:  # the connection is closed without an answer
            outcome.append(e)

    thread = threading.Thread(target=in_flight)
    thread.start()
    assert wait_for(lambda: emu.requests() == ["POST /api/packages"])

    started = time.monotonic()
    emu.stop()
    took = time.monotonic() - started
    thread.join(timeout=1.0)

    assert took < 1.0, f"stop waited {took:.2f}s for the request in flight"
    assert not thread.is_alive(), "the request is still in flight after stop"
    assert isinstance(outcome[0], (OSError, urllib.error.URLError)), f"answered after stop: {outcome[0]!r}"
    # Its handler never ran, not even once the delay was up.
    time.sleep(2.2)
    assert emu.events() == []
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


def test_start_options_in_python_words():
    with Emulator(api_key="key", client_id="id", client_secret="secret", token_ttl=0.5, signer_token_ttl=60) as emu:
        assert (emu.api_key, emu.client_id, emu.client_secret) == ("key", "id", "secret")
        before = time.time() * 1000
        status, token = call(
            emu, "POST", "/apitoken/clientApp/accessToken", {"clientId": "id", "secret": "secret"}, auth=False
        )
        assert status == 200
        assert before + 300 <= token["expiresAt"] <= before + 1500


def test_unknown_options_and_wrong_types_are_named_as_python_spells_them():
    with pytest.raises(TypeError) as info:
        Emulator(tokenTtlMs=5)
    assert str(info.value).startswith("unknown option 'tokenTtlMs'")
    assert "token_ttl, signer_token_ttl, retry_deliveries" in str(info.value)
    with pytest.raises(TypeError, match=r"^'port' must be a whole number from 0 to 65535$"):
        Emulator(port="8080")
    with pytest.raises(TypeError, match=r"^'api_key' must be a string$"):
        Emulator(api_key=5)
    with pytest.raises(InvalidArgumentError, match=r"'token_ttl' must be a number of seconds, 0 or more$"):
        Emulator(token_ttl=-1)
    with Emulator() as emu:
        with pytest.raises(TypeError) as info:
            emu.inject_fault(delayMs=5)
        assert str(info.value).startswith("unknown fault option 'delayMs'")
        assert "delay, status, retry_after" in str(info.value)
        with pytest.raises(ValueError, match="'body' must be one of"):
            emu.inject_fault(body="sideways")
        with pytest.raises(TypeError, match="'retry_after' must be a whole number"):
            emu.inject_fault(retry_after="soon")
        with pytest.raises(InvalidArgumentError, match="'token_ttl' must be a number of seconds"):
            emu.set_token_ttl(-1)


def test_fault_options_in_python_words():
    with Emulator() as emu:
        emu.inject_fault(method="GET", path="/api/callback", status=503, retry_after=3, body="json", count=2)
        for _ in range(2):
            with pytest.raises(urllib.error.HTTPError) as info:
                urllib.request.urlopen(
                    urllib.request.Request(
                        emu.base_url + "/api/callback", headers={"Authorization": f"Basic {emu.api_key}"}
                    ),
                    timeout=5,
                )
            assert info.value.code == 503
            assert info.value.headers["Retry-After"] == "3"
            assert json.loads(info.value.read())["messageKey"] == "error.emulator.injectedFault"
        assert call(emu, "GET", "/api/callback")[0] == 200
        emu.inject_fault(method="GET", delay=0.3)
        started = time.monotonic()
        assert call(emu, "GET", "/api/callback")[0] == 200
        assert time.monotonic() - started >= 0.28


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("retry", [False, True])
def test_a_failed_delivery_is_resent_only_when_asked(retry):
    # The service never resends (KB0014510); retry_deliveries=True tries four times in all.
    nobody = f"http://127.0.0.1:{_free_port()}/hook"
    with Emulator(retry_deliveries=retry) as emu:
        call(emu, "POST", "/api/callback", {"url": nobody, "events": ["PACKAGE_CREATE"]})
        call(emu, "POST", "/api/packages", {"name": "lost"})
        want = 4 if retry else 1
        assert wait_for(lambda: len(emu.deliveries()) >= want)
        time.sleep(0.5)
        attempts = [(d["attempt"], d["delivered"], d["status"]) for d in emu.deliveries()]
        assert attempts == [(n, False, None) for n in range(1, want + 1)]
        assert all(d["error"] for d in emu.deliveries())


def test_the_sender_is_exposed_and_owns_every_package():
    with Emulator() as emu:
        assert emu.sender_id and "@" in emu.sender_email
        _, created = call(emu, "POST", "/api/packages", {"name": "owned"})
        _, pkg = call(emu, "GET", f"/api/packages/{created['id']}")
        owner = pkg["roles"][0]
        assert (owner["id"], owner["type"], owner["signers"][0]["email"]) == (emu.sender_id, "SENDER", emu.sender_email)
        assert [d["id"] for d in pkg["documents"]] == ["default-consent"]
    with pytest.raises(TypeError, match="'retry_deliveries' must be True or False"):
        Emulator(retry_deliveries="yes")
