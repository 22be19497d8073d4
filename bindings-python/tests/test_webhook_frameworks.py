"""The FastAPI dependency and the Flask decorator, through each framework's test client."""

from __future__ import annotations

import json

import pytest
from fastapi import Depends, FastAPI
from fastapi.testclient import TestClient
from flask import Flask

from onespan_sign.fastapi import webhook_event
from onespan_sign.flask import verified_webhook
from onespan_sign.webhooks import MAX_BODY_BYTES, Event

KEY = "cb-key-5f2a9c1e"
PAYLOAD = {
    "@class": "com.silanis.esl.packages.event.ESLProcessEvent",
    "name": "PACKAGE_DECLINE",
    "sessionUser": "Signer1",
    "packageId": "p1",
    "message": "Délai trop court ✍️",
    "documentId": None,
    "createdDate": "2017-05-02T20:17:58.408Z",
    "extra": {"kept": [1, 2]},
}
# Deliberately not what json.dumps would write back: spacing, key order and raw UTF-8.
BODY = ('  {"name" :"PACKAGE_DECLINE",  "@class":"com.silanis.esl.packages.event.ESLProcessEvent",'
        '"sessionUser":"Signer1","packageId":"p1","message":"Délai trop court ✍️","documentId":null,'
        '"createdDate":"2017-05-02T20:17:58.408Z","extra":{"kept":[1,2]}}\n').encode("utf-8")
AUTH = {"Authorization": f"Basic {KEY}", "Content-Type": "application/json"}


def summary(event: Event) -> dict:
    return {"name": event.name, "package_id": event.package_id, "message": event.message, "raw": event.raw}


EXPECTED = {"name": "PACKAGE_DECLINE", "package_id": "p1", "message": "Délai trop court ✍️", "raw": PAYLOAD}


# --- FastAPI --------------------------------------------------------------------------


@pytest.fixture
def fastapi_client() -> TestClient:
    app = FastAPI()

    @app.post("/events")
    async def receive(event: Event = Depends(webhook_event(KEY))):
        return summary(event)

    return TestClient(app)


def test_fastapi_gives_the_verified_event(fastapi_client):
    r = fastapi_client.post("/events", content=BODY, headers=AUTH)
    assert r.status_code == 200, r.text
    assert r.json() == EXPECTED


def test_fastapi_header_name_and_scheme_case_do_not_matter(fastapi_client):
    r = fastapi_client.post("/events", content=BODY, headers={"AUTHORIZATION": f"basic {KEY}"})
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Basic wrong-key-zz9"}, {"Authorization": f"Bearer {KEY}"}])
def test_fastapi_refuses_a_bad_key_with_401(fastapi_client, headers):
    r = fastapi_client.post("/events", content=BODY, headers=headers)
    assert r.status_code == 401
    assert r.json() == {"detail": "invalid callback key"}
    assert KEY not in r.text and "wrong-key-zz9" not in r.text


@pytest.mark.parametrize(
    "body", [b"", b"not json", b"[1,2]", b'{"packageId":"p1"}', b'{"name":"\xff"}', b"{" * (MAX_BODY_BYTES + 1)]
)
def test_fastapi_refuses_a_bad_body_with_400(fastapi_client, body):
    r = fastapi_client.post("/events", content=body, headers=AUTH)
    assert r.status_code == 400
    assert r.json()["detail"].startswith("webhook payload is not a OneSpan event")


def test_fastapi_checks_the_key_before_the_body(fastapi_client):
    r = fastapi_client.post("/events", content=b"not json", headers={"Authorization": "Basic nope-nope"})
    assert r.status_code == 401


def test_fastapi_dependency_needs_a_key():
    with pytest.raises(ValueError):
        webhook_event("")


# --- Flask ----------------------------------------------------------------------------


@pytest.fixture
def flask_client():
    app = Flask(__name__)

    @app.post("/events/<tenant>")
    @verified_webhook(KEY)
    def receive(event: Event, tenant: str):
        return {**summary(event), "tenant": tenant}

    return app.test_client()


def test_flask_passes_the_event_and_route_arguments(flask_client):
    r = flask_client.post("/events/acme", data=BODY, headers=AUTH)
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.get_json() == {**EXPECTED, "tenant": "acme"}


def test_flask_keeps_the_view_name(flask_client):
    assert flask_client.application.view_functions["receive"].__name__ == "receive"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Basic wrong-key-zz9"}, {"authorization": ""}])
def test_flask_refuses_a_bad_key_with_401(flask_client, headers):
    r = flask_client.post("/events/acme", data=BODY, headers=headers)
    assert r.status_code == 401
    assert KEY not in r.get_data(as_text=True)


@pytest.mark.parametrize("body", [b"", b"<html></html>", b'"PACKAGE_COMPLETE"', json.dumps({"name": 3}).encode()])
def test_flask_refuses_a_bad_body_with_400(flask_client, body):
    r = flask_client.post("/events/acme", data=body, headers=AUTH)
    assert r.status_code == 400
    assert "not a OneSpan event" in r.get_data(as_text=True)


def test_flask_decorator_needs_a_key():
    with pytest.raises(ValueError):
        verified_webhook("")
