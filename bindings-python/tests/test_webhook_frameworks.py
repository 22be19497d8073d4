"""The FastAPI dependency and the Flask decorator, through each framework's test client."""

from __future__ import annotations

import asyncio
import importlib
import io
import json
import sys
from typing import Dict, Iterable, Iterator, List, Optional, Tuple

import pytest
from fastapi import Depends, FastAPI, Request
from fastapi.testclient import TestClient
from flask import Flask
from werkzeug.test import EnvironBuilder, run_wsgi_app

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

# What the user reported: a 300 MB POST. Never built in memory here: the bodies below are
# produced chunk by chunk, and count how much of them the server side asked for.
HUGE = 300 * 1024 * 1024
CHUNK = 64 * 1024
WRONG = {"Authorization": "Basic wrong-key-zz9", "Content-Type": "application/json"}


def chunks_of(data: bytes, size: int) -> List[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


def spaces(total: int, size: int = CHUNK) -> Iterator[bytes]:
    """``total`` bytes of blanks, lazily, in chunks of ``size``."""
    block = b" " * size
    for _ in range(total // size):
        yield block


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


@pytest.mark.parametrize("body", [b"", b"not json", b"[1,2]", b'{"packageId":"p1"}', b'{"name":"\xff"}'])
def test_fastapi_refuses_a_bad_body_with_400(fastapi_client, body):
    r = fastapi_client.post("/events", content=body, headers=AUTH)
    assert r.status_code == 400
    assert r.json()["detail"].startswith("webhook payload is not a OneSpan event")


def test_fastapi_checks_the_key_before_the_body(fastapi_client):
    r = fastapi_client.post("/events", content=b"not json", headers={"Authorization": "Basic nope-nope"})
    assert r.status_code == 401


def test_fastapi_refuses_a_body_over_the_cap_with_413(fastapi_client):
    r = fastapi_client.post("/events", content=b"{" * (MAX_BODY_BYTES + 1), headers=AUTH)
    assert r.status_code == 413
    assert "limit" in r.json()["detail"]
    # The cap itself is still read and judged: one byte under is a parse error, not a 413.
    assert fastapi_client.post("/events", content=b"{" * MAX_BODY_BYTES, headers=AUTH).status_code == 400


def asgi_post(app, headers: Dict[str, str], chunks: Iterable[bytes]) -> Tuple[int, bytes, int]:
    """POSTs to ``app`` as an ASGI server would, handing the body over one chunk per
    ``receive()``; gives the status, the answer and how many body bytes the app asked for.
    (Starlette's TestClient reads a streamed body whole before the app sees any of it.)"""
    source = iter(chunks)
    consumed = 0
    sent: List[dict] = []

    async def receive() -> dict:
        nonlocal consumed
        chunk = next(source, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        consumed += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/events",
        "raw_path": b"/events",
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    asyncio.run(app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    answer = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, answer, consumed


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_fastapi_wrong_key_is_401_without_reading_the_body(fastapi_client, declared):
    headers = {**WRONG, "Content-Length": str(HUGE)} if declared else WRONG
    status, answer, consumed = asgi_post(fastapi_client.app, headers, spaces(HUGE))
    assert status == 401
    assert json.loads(answer) == {"detail": "invalid callback key"}
    assert consumed == 0


def test_fastapi_content_length_over_the_cap_is_413_at_once(fastapi_client):
    headers = {**AUTH, "Content-Length": str(HUGE)}
    status, answer, consumed = asgi_post(fastapi_client.app, headers, spaces(HUGE))
    assert status == 413
    assert "limit" in json.loads(answer)["detail"]
    assert consumed == 0


@pytest.mark.parametrize("lie", [False, True], ids=["chunked", "lying-content-length"])
def test_fastapi_stream_over_the_cap_is_413_after_one_chunk_past_it(fastapi_client, lie):
    headers = {**AUTH, "Content-Length": "100"} if lie else AUTH
    status, answer, consumed = asgi_post(fastapi_client.app, headers, spaces(HUGE))
    assert status == 413
    assert "limit" in json.loads(answer)["detail"]
    assert MAX_BODY_BYTES < consumed <= MAX_BODY_BYTES + CHUNK


def test_fastapi_streamed_event_reaches_the_handler(fastapi_client):
    # Split inside the UTF-8 of "é" and "✍": the chunks are joined as bytes, then decoded.
    status, answer, consumed = asgi_post(fastapi_client.app, AUTH, chunks_of(BODY, 7))
    assert status == 200, answer
    assert json.loads(answer) == EXPECTED
    assert consumed == len(BODY)


def test_fastapi_endpoint_can_still_read_the_raw_body():
    app = FastAPI()

    @app.post("/events")
    async def receive(request: Request, event: Event = Depends(webhook_event(KEY))):
        return {"same": await request.body() == BODY, "name": event.name}

    r = TestClient(app).post("/events", content=BODY, headers=AUTH)
    assert r.json() == {"same": True, "name": "PACKAGE_DECLINE"}


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


class CountingInput(io.RawIOBase):
    """A WSGI input of ``total`` blanks (or of ``data``) that counts the bytes read from it."""

    def __init__(self, total: int = 0, data: Optional[bytes] = None) -> None:
        self.data = data
        self.total = len(data) if data is not None else total
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        n = min(len(buffer), self.total - self.consumed, CHUNK)
        if self.data is not None:
            buffer[:n] = self.data[self.consumed : self.consumed + n]
        else:
            buffer[:n] = b" " * n
        self.consumed += n
        return n


def wsgi_post(app, path: str, headers: Dict[str, str], body: CountingInput, declared: Optional[int]):
    """POSTs ``body`` to the WSGI ``app``: with a Content-Length of ``declared``, or, when it is
    None, chunked (no length; the server ends the input, as werkzeug's and gunicorn's do)."""
    environ = EnvironBuilder(path=path, method="POST", headers=headers).get_environ()
    environ["wsgi.input"] = body
    environ.pop("CONTENT_LENGTH", None)
    if declared is None:
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
        environ["wsgi.input_terminated"] = True
    else:
        environ["CONTENT_LENGTH"] = str(declared)
    app_iter, status, _ = run_wsgi_app(app, environ, buffered=True)
    return int(status.split()[0]), b"".join(app_iter)


@pytest.mark.parametrize("declared", [HUGE, None], ids=["content-length", "chunked"])
def test_flask_wrong_key_is_401_without_reading_the_body(flask_client, declared):
    body = CountingInput(HUGE)
    status, answer = wsgi_post(flask_client.application, "/events/acme", WRONG, body, declared)
    assert status == 401
    assert b"invalid callback key" in answer
    assert body.consumed == 0


def test_flask_content_length_over_the_cap_is_413_at_once(flask_client):
    body = CountingInput(HUGE)
    status, answer = wsgi_post(flask_client.application, "/events/acme", AUTH, body, HUGE)
    assert status == 413
    assert b"limit" in answer
    assert body.consumed == 0


def test_flask_chunked_body_over_the_cap_is_413_one_byte_past_it(flask_client):
    body = CountingInput(HUGE)
    status, answer = wsgi_post(flask_client.application, "/events/acme", AUTH, body, None)
    assert status == 413
    assert b"limit" in answer
    assert body.consumed == MAX_BODY_BYTES + 1


def test_flask_refuses_a_body_over_the_cap_with_413(flask_client):
    r = flask_client.post("/events/acme", data=b"{" * (MAX_BODY_BYTES + 1), headers=AUTH)
    assert r.status_code == 413
    assert flask_client.post("/events/acme", data=b"{" * MAX_BODY_BYTES, headers=AUTH).status_code == 400


@pytest.mark.parametrize("declared", [len(BODY), None], ids=["content-length", "chunked"])
def test_flask_streamed_event_reaches_the_view(flask_client, declared):
    body = CountingInput(data=BODY)
    status, answer = wsgi_post(flask_client.application, "/events/acme", AUTH, body, declared)
    assert status == 200, answer
    assert json.loads(answer) == {**EXPECTED, "tenant": "acme"}
    assert body.consumed == len(BODY)


def test_flask_view_can_still_read_the_raw_body():
    app = Flask(__name__)

    @app.post("/events")
    @verified_webhook(KEY)
    def receive(event: Event):
        from flask import request

        return {"same": request.get_data() == BODY, "name": event.name}

    r = app.test_client().post("/events", data=BODY, headers=AUTH)
    assert r.get_json() == {"same": True, "name": "PACKAGE_DECLINE"}


def test_flask_body_read_before_the_view_is_used():
    app = Flask(__name__)

    @app.before_request
    def peek() -> None:
        from flask import request

        request.get_data()  # e.g. a logging hook: the stream is empty after this

    @app.post("/events")
    @verified_webhook(KEY)
    def receive(event: Event):
        return summary(event)

    r = app.test_client().post("/events", data=BODY, headers=AUTH)
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.get_json() == EXPECTED


def test_flask_decorator_needs_a_key():
    with pytest.raises(ValueError):
        verified_webhook("")


# --- without the extra -------------------------------------------------------------------


@pytest.mark.parametrize(
    "helper, framework", [("onespan_sign.fastapi", "fastapi"), ("onespan_sign.flask", "flask")]
)
def test_importing_a_helper_without_its_framework_says_what_to_install(monkeypatch, helper, framework):
    monkeypatch.delitem(sys.modules, helper, raising=False)
    monkeypatch.setitem(sys.modules, framework, None)  # as if it were not installed
    with pytest.raises(ImportError) as info:
        importlib.import_module(helper)
    assert f"pip install 'onespan-sign[{framework}]'" in str(info.value)
    # Still a ModuleNotFoundError, for code that catches that.
    assert isinstance(info.value, ModuleNotFoundError) and info.value.name == framework
    assert isinstance(info.value.__cause__, ModuleNotFoundError)
