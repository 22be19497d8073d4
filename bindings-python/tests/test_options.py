"""Client options (core/src/surface/options.rs) from Python: `proxy`, `ca_bundle` and
`max_connections`, and unknown options.

Issue 11, items 7, 19 and 21, as they reach Python.
"""

from __future__ import annotations

import http.server
import json
import shutil
import ssl
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from onespan_sign import AsyncClient, Client, InvalidArgumentError, TransportError

# A proxy URL with credentials, on a loopback port where nothing listens.
PROXY = "http://proxyuser:pr0xy-pw@127.0.0.1:9"


def test_an_unknown_option_is_refused_by_name(emulator):
    for cls in (Client, AsyncClient):
        with pytest.raises(InvalidArgumentError) as info:
            cls(api_key=emulator.api_key, base_url=emulator.base_url, max_conections=4)
        assert 'unknown option "max_conections"' in str(info.value)
        assert "max_connections" in str(info.value)  # the options are listed


def test_a_missing_ca_bundle_is_refused_naming_the_path(emulator):
    with pytest.raises(InvalidArgumentError) as info:
        Client(api_key=emulator.api_key, base_url=emulator.base_url, ca_bundle="/nonexistent.pem")
    assert "/nonexistent.pem" in str(info.value) and "CA bundle" in str(info.value)


def test_a_ca_bundle_without_a_certificate_is_refused(emulator, tmp_path):
    bundle = tmp_path / "empty.pem"
    bundle.write_text("not a certificate\n")
    with pytest.raises(InvalidArgumentError, match="holds no PEM certificate"):
        Client(api_key=emulator.api_key, base_url=emulator.base_url, ca_bundle=str(bundle))


@pytest.mark.parametrize("cls", [Client, AsyncClient])
def test_zero_connections_is_refused(emulator, cls):
    with pytest.raises(InvalidArgumentError) as info:
        cls(api_key=emulator.api_key, base_url=emulator.base_url, max_connections=0)
    assert "max_connections" in str(info.value)


def test_a_loopback_base_url_is_reached_directly_whatever_the_proxy(connect, emulator, monkeypatch):
    for variable in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(variable, PROXY)
    api = connect(proxy=PROXY)
    package_id = api.packages.create({"name": "direct"})
    assert api.packages.get(package_id).name == "direct"
    assert emulator.requests() == ["POST /api/packages", f"GET /api/packages/{package_id}"]
    assert "pr0xy-pw" not in repr(api) and "proxyuser" not in repr(api)


def test_errors_through_a_proxy_say_so_and_never_show_its_password():
    client = Client(api_key="k", base_url="https://onespan.example.invalid", proxy=PROXY, max_retries=0, timeout=5)
    assert "pr0xy-pw" not in repr(client)
    with pytest.raises(TransportError) as info:
        client.packages.get("p")
    message = str(info.value)
    assert "through the proxy 127.0.0.1:9" in message, message
    assert "pr0xy-pw" not in message and "proxyuser" not in message, message
    assert "pr0xy-pw" not in repr(info.value.args)


def test_a_bad_proxy_url_is_refused_without_showing_its_password():
    with pytest.raises(InvalidArgumentError) as info:
        Client(api_key="k", base_url="https://onespan.example.invalid", proxy="http://proxyuser:pr0xy-pw@")
    assert "proxy" in str(info.value) and "pr0xy-pw" not in str(info.value)


def test_calls_beyond_max_connections_queue_and_all_succeed(emulator):
    setup = Client(api_key=emulator.api_key, base_url=emulator.base_url)
    package_id = setup.packages.create({"name": "capped"})

    def fifty_concurrent_calls(max_connections: int) -> float:
        client = Client(api_key=emulator.api_key, base_url=emulator.base_url, max_connections=max_connections)
        emulator.inject_fault(method="GET", path=f"/api/packages/{package_id}", delay=0.2, count=50)
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=50) as pool:
            names = list(pool.map(lambda _: client.packages.get(package_id).name, range(50)))
        elapsed = time.monotonic() - started
        assert names == ["capped"] * 50
        return elapsed

    capped = fifty_concurrent_calls(4)
    uncapped = fifty_concurrent_calls(64)
    print(f"50 calls held 0.2 s each: {capped:.2f} s with 4 connections, {uncapped:.2f} s with 64")
    # 4 at a time: 13 waves of 0.2 s (2.6 s). 64: all at once (0.5 s here).
    assert capped >= 12 * 0.2, capped
    assert uncapped < 2.0, uncapped
    assert emulator.requests().count(f"GET /api/packages/{package_id}") == 100


# --- ca_bundle against a TLS server whose CA only the bundle holds ----------------------


def _make_ca_and_server_cert(where: Path) -> None:
    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=where, check=True, capture_output=True)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-days", "2", "-subj", "/CN=onespan-sign test CA")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=127.0.0.1")
    (where / "ext.cnf").write_text("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")


class _PackageOverTls(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        body = json.dumps({"id": "tls", "name": "over TLS"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_a_ca_bundle_is_trusted_besides_the_system_roots(tmp_path):
    _make_ca_and_server_cert(tmp_path)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _PackageOverTls)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "server.pem", tmp_path / "server.key")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = f"https://127.0.0.1:{server.server_address[1]}"
    try:
        trusting = Client(api_key="k", base_url=base_url, ca_bundle=str(tmp_path / "ca.pem"), max_retries=0)
        assert trusting.packages.get("tls").name == "over TLS"
        with pytest.raises(TransportError):
            Client(api_key="k", base_url=base_url, max_retries=0, timeout=5).packages.get("tls")
    finally:
        server.shutdown()
        server.server_close()
