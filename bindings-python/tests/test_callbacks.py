"""Callback configuration, and event delivery end to end through the Python binding:
configure → act → a receiver on loopback verifies each event with the key, in order."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import sent_package
from onespan_sign import CallbackConfig, InvalidArgumentError, WebhookVerificationError, webhooks


class Receiver:
    """A webhook endpoint on 127.0.0.1 that keeps (Authorization, raw body) per request."""

    def __init__(self) -> None:
        self.got: list = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                outer.got.append((self.headers.get("Authorization"), body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, n: int) -> list:
        deadline = time.monotonic() + 5
        while len(self.got) < n and time.monotonic() < deadline:
            time.sleep(0.02)
        return list(self.got)


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.server.shutdown()


def test_get_set_delete(api):
    assert api.callbacks.get().url is None
    config = CallbackConfig(url="https://example.com/hook", key="cb-key", events=["PACKAGE_COMPLETE"])
    stored = api.callbacks.set(config)
    assert stored == config and api.callbacks.get() == config
    assert "cb-key" not in repr(stored)
    api.callbacks.delete()
    assert api.callbacks.get().url is None
    with pytest.raises(InvalidArgumentError):
        api.callbacks.set({"url": "ftp://example.com"})


def test_events_are_delivered_verified_and_in_order(api, emulator, receiver):
    wanted = ["PACKAGE_CREATE", "PACKAGE_ACTIVATE", "DOCUMENT_SIGNED", "SIGNER_COMPLETE", "PACKAGE_COMPLETE"]
    api.callbacks.set({"url": receiver.url, "key": "s3cret-key", "events": wanted})
    p = sent_package(api)
    emulator.complete_signing(p, "Signer1")
    emulator.complete_signing(p, "Signer2")
    got = receiver.wait_for(7)
    events = [webhooks.verify(body, auth, "s3cret-key") for auth, body in got]
    assert [e.name for e in events] == [
        "PACKAGE_CREATE", "PACKAGE_ACTIVATE",
        "DOCUMENT_SIGNED", "SIGNER_COMPLETE", "DOCUMENT_SIGNED", "SIGNER_COMPLETE",
        "PACKAGE_COMPLETE",
    ]
    assert {e.package_id for e in events} == {p}
    with pytest.raises(WebhookVerificationError):
        webhooks.verify(got[0][1], got[0][0], "wrong-key")
    assert all(d["delivered"] for d in emulator.deliveries())


def test_simulated_opt_out_carries_the_reason(api, emulator, receiver):
    api.callbacks.set({"url": receiver.url, "key": "k", "events": ["PACKAGE_OPT_OUT"]})
    p = sent_package(api)
    emulator.simulate_event(p, "PACKAGE_OPT_OUT", role_id="Signer1", message="Not me")
    (auth, body), = receiver.wait_for(1)
    event = webhooks.verify(body, auth, "k")
    assert (event.name, event.message, event.session_user) == ("PACKAGE_OPT_OUT", "Not me", "Signer1")
    assert api.packages.get(p).status == "OPTED_OUT"
