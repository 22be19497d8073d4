"""Webhooks: every shared vector in tests/vectors/webhooks/, and the Event's Python surface."""

from __future__ import annotations

import base64
import copy
import json
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

import pytest

import onespan_sign
from onespan_sign import OneSpanError, WebhookParseError, WebhookVerificationError, webhooks
from onespan_sign.webhooks import Event, EventName

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors" / "webhooks"
FILES = sorted(VECTORS.glob("*.json"))
FIELDS = ("name", "package_id", "document_id", "session_user", "message", "created_date")
ERRORS = {"WebhookVerificationError": WebhookVerificationError, "WebhookParseError": WebhookParseError}
KEY = "cb-key-5f2a9c1e"
BODY = json.dumps(
    {
        "@class": "com.silanis.esl.packages.event.ESLProcessEvent",
        "name": "PACKAGE_COMPLETE",
        "sessionUser": "u1",
        "packageId": "p1",
        "message": None,
        "documentId": None,
        "createdDate": "2017-05-02T20:17:58.408Z",
    }
).encode()


def load(path: Path) -> Dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def body_of(v: Dict[str, Any]) -> bytes:
    forms = [k for k in ("body", "body_base64", "body_repeat") if k in v]
    assert len(forms) == 1, f"exactly one body form, got {forms}"
    if "body" in v:
        return v["body"].encode("utf-8")
    if "body_base64" in v:
        return base64.b64decode(v["body_base64"], validate=True)
    r = v["body_repeat"]
    return (r["prefix"] + r["unit"] * r["count"] + r["suffix"]).encode("utf-8")


def authorization_of(v: Dict[str, Any]) -> Optional[str]:
    """The harness's job, as an HTTP server's: find the header whatever its letter case."""
    found = [value for name, value in v["headers"].items() if name.lower() == "authorization"]
    assert len(found) <= 1
    return found[0] if found else None


def run(v: Dict[str, Any], body: Union[bytes, str]) -> Event:
    if v["mode"] == "verify":
        return webhooks.verify(body, authorization_of(v), v["key"])
    assert v["mode"] == "parse", v["mode"]
    return webhooks.parse(body)


def test_vectors_are_there():
    assert len(FILES) >= 50, f"found only {len(FILES)} vectors in {VECTORS}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_vector(path: Path):
    v = load(path)
    raw_body = body_of(v)
    # A str body must behave exactly as its UTF-8 bytes.
    bodies: List[Union[bytes, str]] = [raw_body] + ([v["body"]] if "body" in v else [])
    expect = v["expect"]
    for body in bodies:
        if "error" in expect:
            with pytest.raises(OneSpanError) as info:
                run(v, body)
            assert type(info.value) is ERRORS[expect["error"]], f"{v['description']}: {info.value!r}"
            if len(v["key"]) >= 6:
                assert v["key"] not in str(info.value) and v["key"] not in repr(info.value)
        else:
            assert expect["ok"] is True
            event = run(v, body)
            assert isinstance(event, Event)
            got = {f: getattr(event, f) for f in FIELDS}
            assert got == expect["event"], v["description"]
            assert event.raw == json.loads(raw_body), "raw must be the whole payload as sent"


def test_event_name_constants_match_the_documented_vectors():
    documented = {load(p)["expect"]["event"]["name"] for p in FILES if p.name.startswith("event-")}
    constants = {v for k, v in vars(EventName).items() if k.isupper()}
    assert len(documented) == 22
    assert constants == documented


def test_event_surface():
    event = webhooks.verify(BODY, f"Basic {KEY}", KEY)
    assert event.name == EventName.PACKAGE_COMPLETE == "PACKAGE_COMPLETE"
    assert event == webhooks.parse(BODY.decode())
    assert event != webhooks.parse(BODY.replace(b'"p1"', b'"p2"'))
    assert event != "PACKAGE_COMPLETE"
    assert repr(event) == (
        "Event(name='PACKAGE_COMPLETE', package_id='p1', document_id=None, session_user='u1', "
        "message=None, created_date='2017-05-02T20:17:58.408Z')"
    )
    assert event.to_dict() == event.raw == json.loads(BODY)
    # raw is a fresh copy: changing it does not change the event.
    event.raw["name"] = "CHANGED"
    assert event.raw["name"] == "PACKAGE_COMPLETE"
    with pytest.raises(AttributeError):
        event.name = "X"  # type: ignore[misc]
    assert isinstance(event, onespan_sign.Event)
    assert onespan_sign.webhooks is webhooks


def test_raw_keeps_json_types():
    body = b'{"name":"X","n":3,"f":1.5,"big":18446744073709551615,"t":true,"z":null,"l":[1,"a"],"o":{"k":{}}}'
    assert webhooks.parse(body).raw == json.loads(body)


def test_bytearray_body_is_accepted():
    assert webhooks.verify(bytearray(BODY), KEY, KEY).package_id == "p1"


def test_other_body_types_are_a_type_error():
    with pytest.raises(TypeError, match=r"^body must be bytes or str, not dict$"):
        webhooks.parse({"name": "PACKAGE_COMPLETE"})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^body must be bytes or str, not NoneType$"):
        webhooks.verify(None, f"Basic {KEY}", KEY)  # type: ignore[arg-type]


def test_str_body_with_lone_surrogate_is_a_parse_error():
    with pytest.raises(WebhookParseError):
        webhooks.parse('{"name":"X","m":"\ud800"}')


def test_errors_are_catchable_as_the_base_class_and_hide_the_key():
    with pytest.raises(OneSpanError) as info:
        webhooks.verify(BODY, "Basic wrong-key-zz9", KEY)
    assert isinstance(info.value, WebhookVerificationError)
    text = str(info.value) + repr(info.value)
    assert KEY not in text and "wrong-key-zz9" not in text
    assert "does not carry the callback key" in str(info.value)


def test_body_cap_is_exposed():
    assert webhooks.MAX_BODY_BYTES == 1024 * 1024
    ok = b'{"name":"X","p":"' + b"a" * (webhooks.MAX_BODY_BYTES - 19) + b'"}'
    assert len(ok) == webhooks.MAX_BODY_BYTES
    assert webhooks.parse(ok).name == "X"
    with pytest.raises(WebhookParseError):
        webhooks.parse(ok + b" ")


def test_importing_the_package_needs_no_framework():
    code = "import sys, onespan_sign, onespan_sign.webhooks; print('fastapi' in sys.modules, 'flask' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.split() == ["False", "False"]


# --- pickling (task queues, multiprocessing) ------------------------------------------

OK_VECTORS = [p for p in FILES if "ok" in load(p)["expect"]]


def assert_same_event(got: Event, want: Event) -> None:
    assert isinstance(got, Event)
    assert got == want
    assert {f: getattr(got, f) for f in FIELDS} == {f: getattr(want, f) for f in FIELDS}
    assert got.raw == want.raw
    assert list(got.raw) == list(want.raw), "raw keeps its key order"
    assert repr(got) == repr(want)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_event_pickles_with_every_field_and_raw(protocol):
    body = (
        '{"@class":"com.silanis.esl.packages.event.ESLProcessEvent","name":"DOCUMENT_SIGNED",'
        '"sessionUser":"Signer1","packageId":"p1","documentId":"d1","message":"Délai trop court ✍️",'
        '"createdDate":"2017-05-02T20:17:58.408Z","big":18446744073709551615,"neg":-3,"t":true,'
        # A float whose shortest text the parser would not give back bit for bit: raw must
        # survive as it is, not through JSON text.
        '"f":9.68595478868183e-196,"half":1.5,"l":[1,"a",null,{"k":{}}],"zz":null}'
    ).encode()
    event = webhooks.verify(body, f"Basic {KEY}", KEY)
    again = pickle.loads(pickle.dumps(event, protocol=protocol))
    assert_same_event(again, event)
    assert again.document_id == "d1" and again.message == "Délai trop court ✍️"


@pytest.mark.parametrize("path", OK_VECTORS, ids=lambda p: p.stem)
def test_every_vector_event_pickles(path: Path):
    v = load(path)
    event = run(v, body_of(v))
    assert_same_event(pickle.loads(pickle.dumps(event)), event)


def test_event_copies():
    event = webhooks.parse(BODY)
    assert_same_event(copy.copy(event), event)
    assert_same_event(copy.deepcopy(event), event)


def test_event_unpickles_in_another_process():
    # As a task queue would: pickled here, loaded by a worker that only imports pickle.
    event = webhooks.verify(BODY, f"Basic {KEY}", KEY)
    code = (
        "import pickle, sys; e = pickle.loads(sys.stdin.buffer.read()); "
        "print(type(e).__module__, e.name, e.package_id, e.session_user, e.created_date, e.raw == "
        + repr(json.loads(BODY))
        + ")"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=pickle.dumps(event), check=True, capture_output=True
    )
    assert out.stdout.decode().split() == [
        "onespan_sign.webhooks", "PACKAGE_COMPLETE", "p1", "u1", "2017-05-02T20:17:58.408Z", "True"
    ]
