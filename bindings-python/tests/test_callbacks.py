"""Callback configuration, and event delivery end to end through the Python binding:
configure → act → a receiver on loopback verifies each event with the key, in order."""

from __future__ import annotations

import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import sent_package
from onespan_sign import (
    CallbackAuthType,
    CallbackConfig,
    InvalidArgumentError,
    KeyValue,
    OAuthMechanism,
    OAuthSetting,
    WebhookVerificationError,
    webhooks,
)


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


def test_get_set_disable(api):
    assert api.callbacks.get().url is None
    config = CallbackConfig(url="https://example.com/hook", key="cb-key", events=["PACKAGE_COMPLETE"])
    assert api.callbacks.set(config) is None
    stored = api.callbacks.get()
    assert stored == config
    assert "cb-key" not in repr(stored)
    api.callbacks.disable()
    disabled = api.callbacks.get()
    assert disabled.events == [] and disabled.url == config.url and disabled.key == "cb-key"
    assert not hasattr(api.callbacks, "delete")
    with pytest.raises(InvalidArgumentError):
        api.callbacks.set({"url": "ftp://example.com"})


def test_authentication_settings_are_typed_and_secrets_never_show(api, caplog):
    config = CallbackConfig(
        url="https://example.com/hook",
        key="cb-key-9",
        events=["PACKAGE_COMPLETE"],
        auth_type=CallbackAuthType.OAUTH2,
        oauth_setting=OAuthSetting(
            client_id="cid",
            client_secret="oauth-secret-1",
            authorization_server_url="https://auth.example.com/token",
            scope="hooks",
            grant_type="client_credentials",
            ignore_ssl=False,
            username="u",
            password="oauth-pass-2",
            auth_mechanism=OAuthMechanism.BASIC_AUTH,
            custom_parameters=[KeyValue(key="audience", value="esl")],
        ),
        custom_headers=[KeyValue(key="X-Tenant", value="t1")],
    )
    with caplog.at_level(logging.DEBUG, logger="onespan_sign"):
        api.callbacks.set(config)
        stored = api.callbacks.get()
    assert stored == config
    assert stored.oauth_setting.client_secret == "oauth-secret-1"
    assert stored.to_dict()["oauthSetting"]["authMechanism"] == "BASIC_AUTH"
    assert stored.custom_headers == [KeyValue(key="X-Tenant", value="t1")]
    shown = repr(stored) + repr(stored.oauth_setting) + str(stored) + caplog.text
    for secret in ("cb-key-9", "oauth-secret-1", "oauth-pass-2"):
        assert secret not in shown
    assert "cid" in repr(stored.oauth_setting)
    # An unknown auth type is kept as sent.
    api.callbacks.set({"url": "https://example.com/h", "authType": "MTLS"})
    assert api.callbacks.get().auth_type == "MTLS"


def test_connector_callbacks_are_per_origin(api):
    sf = CallbackConfig(url="https://sf.example.com/h", events=["PACKAGE_COMPLETE"])
    api.callbacks.set(sf, origin="salesforceOauth2")
    api.callbacks.set({"url": "https://d.example.com/h"}, "dynamics2015")
    assert api.callbacks.get(origin="salesforceOauth2") == sf
    assert api.callbacks.get("dynamics2015").url == "https://d.example.com/h"
    assert api.callbacks.get(origin="sharepoint").url is None
    assert api.callbacks.get().url is None
    for bad in ("nope", "", "SalesforceOauth2"):
        with pytest.raises(InvalidArgumentError, match="origin"):
            api.callbacks.get(origin=bad)
        with pytest.raises(InvalidArgumentError, match="origin"):
            api.callbacks.set(sf, origin=bad)


def test_delete_on_the_configuration_is_405_with_a_onespan_error(emulator):
    import json
    import urllib.error
    import urllib.request

    req = urllib.request.Request(
        f"{emulator.base_url}/api/callback",
        method="DELETE",
        headers={"Authorization": f"Basic {emulator.api_key}"},
    )
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=10)
    assert e.value.code == 405
    body = json.loads(e.value.read())
    assert body["code"] == 405 and body["name"] == "Method Not Allowed"


def test_events_are_delivered_verified_and_in_order(api, emulator, receiver):
    wanted = ["PACKAGE_CREATE", "PACKAGE_ACTIVATE", "DOCUMENT_SIGNED", "SIGNER_COMPLETE", "PACKAGE_COMPLETE"]
    api.callbacks.set({"url": receiver.url, "key": "s3cret-key", "events": wanted})
    p = sent_package(api)
    emulator.complete_signing(p, "Signer1")
    emulator.complete_signing(p, "Signer2")
    got = receiver.wait_for(9)
    events = [webhooks.verify(body, auth, "s3cret-key") for auth, body in got]
    # Each signer signs the consent document and the lease.
    assert [e.name for e in events] == [
        "PACKAGE_CREATE", "PACKAGE_ACTIVATE",
        "DOCUMENT_SIGNED", "DOCUMENT_SIGNED", "SIGNER_COMPLETE",
        "DOCUMENT_SIGNED", "DOCUMENT_SIGNED", "SIGNER_COMPLETE",
        "PACKAGE_COMPLETE",
    ]
    assert [e.document_id for e in events if e.name == "DOCUMENT_SIGNED"] == ["default-consent", "doc1"] * 2
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


def test_salesforce_key_is_base64_of_the_documented_json(api, emulator):
    import base64
    import json as _json

    key = api.callbacks.salesforce_key("https://acme.my.salesforce.com", "cid", "rt-s3cret")
    assert _json.loads(base64.b64decode(key)) == {
        "host": "https://acme.my.salesforce.com",
        "client_id": "cid",
        "refresh_token": "rt-s3cret",
    }
    api.callbacks.set(CallbackConfig(url="https://example.com/sf", key=key, events=["PACKAGE_COMPLETE"]), origin="salesforceOauth2")
    assert api.callbacks.get(origin="salesforceOauth2").key == key
    with pytest.raises(InvalidArgumentError, match="refresh_token must not be empty"):
        api.callbacks.salesforce_key("h", "c", "")
