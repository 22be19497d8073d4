"""Every sample of the real API in tests/vectors/api/ (its model named in manifest.json) goes
JSON → Python model → JSON unchanged, unknown fields (nested ones too) included, and the
typed attributes hold the input's values, so a model cannot pass by keeping all in ``extra``.

Null rule: a typed attribute that is ``None`` is left out of ``to_dict()``, so an explicit
``null`` for a typed field comes back absent. OneSpan treats an absent field as unchanged, so
null and absent are taken as equal: null-valued keys are removed, recursively, from both
sides before comparing. Nothing else is loosened (``1`` and ``1.0`` still differ).
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest

import onespan_sign
from onespan_sign import CallbackConfig, Client, Package, Role, Signer, SigningStatus, webhooks

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors" / "api"
MANIFEST: Dict[str, Dict[str, Any]] = json.loads((VECTORS / "manifest.json").read_text(encoding="utf-8"))["files"]
MODELS = {
    "Package",
    "Role",
    "CallbackConfig",
    "SigningStatusAnswer",
    "AuthTokenAnswer",
    "SigningUrlAnswer",
    "Event",
}
KNOWN_STATUSES = {v for k, v in vars(SigningStatus).items() if k.isupper()}


def files(model: str, array: bool = False) -> List[str]:
    out = sorted(f for f, e in MANIFEST.items() if e.get("model") == model and bool(e.get("array")) == array)
    assert out, f"the manifest maps no file to {model} (array: {array})"
    return out


def sample(file: str) -> Any:
    return json.loads((VECTORS / file).read_text(encoding="utf-8"))


def without_nulls(v: Any) -> Any:
    """``v`` with every null-valued object key removed, at any depth; nulls in lists stay."""
    if isinstance(v, dict):
        return {k: without_nulls(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [without_nulls(x) for x in v]
    return v


def first_difference(want: Any, got: Any, path: str = "$") -> Optional[str]:
    """Where ``got`` first differs from ``want``, or None; types must match (1 is not 1.0)."""
    if isinstance(want, dict) and isinstance(got, dict):
        for k, w in want.items():
            if k not in got:
                return f"{path}.{k}: lost (was {w!r})"
            d = first_difference(w, got[k], f"{path}.{k}")
            if d:
                return d
        added = [k for k in got if k not in want]
        return f"{path}.{added[0]}: added ({got[added[0]]!r})" if added else None
    if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
        for i, (w, g) in enumerate(zip(want, got)):
            d = first_difference(w, g, f"{path}[{i}]")
            if d:
                return d
        return None
    if type(want) is type(got) and want == got:
        return None
    return f"{path}: was {want!r}, came back {got!r}"


def assert_round_trip(file: str, input: Any, output: Any) -> None:
    d = first_difference(without_nulls(input), without_nulls(output))
    assert d is None, f"{file}: the round trip changed the JSON at {d}"


def test_the_comparison_is_strict_except_for_null_keys() -> None:
    input = {"a": {"b": [1, {"c": "x", "n": None}]}, "z": None}
    assert first_difference(without_nulls(input), without_nulls({"a": {"b": [1, {"c": "x"}]}})) is None
    for got in (
        {"a": {"b": [1, {}]}},
        {"a": {"b": [1, {"c": "y"}]}},
        {"a": {"b": [1, {"c": "x", "d": 1}]}},
        {"a": {"b": [1.0, {"c": "x"}]}},
        {"a": {"b": [True, {"c": "x"}]}},
        {"a": {"b": [1]}},
        {"a": {"b": [1, {"c": "x"}, None]}},
    ):
        assert first_difference(without_nulls(input), without_nulls(got)) is not None, got


def test_the_manifest_lists_every_sample_with_a_model_or_a_reason() -> None:
    on_disk = {p.name for p in VECTORS.glob("*.json")} - {"manifest.json"}
    assert on_disk, "tests/vectors/api holds no sample"
    assert sorted(on_disk - set(MANIFEST)) == [], "samples missing from manifest.json"
    assert sorted(set(MANIFEST) - on_disk) == [], "manifest.json lists files that do not exist"
    for f, e in MANIFEST.items():
        if e.get("model") is None:
            assert str(e.get("skip", "")).strip(), f"{f}: no model and no skip reason"
        else:
            assert e["model"] in MODELS, f"{f}: unknown model {e['model']}"


# --- typed attributes were read -------------------------------------------------------------


def not_in_extra(file: str, model: Any, keys: List[str]) -> None:
    wrong = [k for k in keys if k in model.extra]
    assert not wrong, f"{file}: {type(model).__name__} put typed field(s) {wrong} in extra"


def check_signer(file: str, s: Signer, d: Dict[str, Any]) -> None:
    assert isinstance(s, Signer), file
    for attr, wire in (
        ("id", "id"),
        ("email", "email"),
        ("first_name", "firstName"),
        ("last_name", "lastName"),
        ("company", "company"),
        ("title", "title"),
        ("phone", "phone"),
        ("language", "language"),
        ("created", "created"),
        ("updated", "updated"),
    ):
        assert getattr(s, attr) == d.get(wire), f"{file}: signer.{attr}"
    assert (s.auth.scheme if s.auth else None) == (d.get("auth") or {}).get("scheme"), f"{file}: signer.auth"
    assert (s.delivery.email if s.delivery else None) == (d.get("delivery") or {}).get("email"), f"{file}: delivery"
    not_in_extra(file, s, ["id", "email", "firstName", "lastName", "company", "title", "phone", "auth", "delivery"])


def check_role(file: str, r: Role, d: Dict[str, Any]) -> None:
    assert isinstance(r, Role), file
    for attr, wire in (("id", "id"), ("name", "name"), ("type", "type"), ("index", "index"),
                       ("reassign", "reassign"), ("locked", "locked")):
        assert getattr(r, attr) == d.get(wire), f"{file}: role.{attr}"
    content = (d.get("emailMessage") or {}).get("content")
    assert (r.email_message.content if r.email_message else None) == content, f"{file}: role.email_message"
    want = d.get("signers") or []
    assert len(r.signers or []) == len(want), f"{file}: role.signers"
    for s, sd in zip(r.signers or [], want):
        check_signer(file, s, sd)
    not_in_extra(file, r, ["id", "name", "type", "index", "reassign", "locked", "signers"])


def check_package(file: str, p: Package, d: Dict[str, Any]) -> None:
    for attr, wire in (("id", "id"), ("name", "name"), ("description", "description"), ("status", "status"),
                       ("email_message", "emailMessage"), ("autocomplete", "autocomplete"), ("due", "due"),
                       ("settings", "settings"), ("sender", "sender"), ("created", "created"),
                       ("updated", "updated")):
        assert getattr(p, attr) == d.get(wire), f"{file}: package.{attr}"
    roles = d.get("roles") or []
    assert len(p.roles or []) == len(roles), f"{file}: roles"
    for r, rd in zip(p.roles or [], roles):
        check_role(file, r, rd)
    docs = d.get("documents") or []
    assert len(p.documents or []) == len(docs), f"{file}: documents"
    for doc, dd in zip(p.documents or [], docs):
        assert isinstance(doc, onespan_sign.Document), file
        assert (doc.id, doc.name, doc.index) == (dd.get("id"), dd.get("name"), dd.get("index")), f"{file}: document"
        approvals = dd.get("approvals") or []
        assert len(doc.approvals or []) == len(approvals), f"{file}: approvals"
        for ap, ad in zip(doc.approvals or [], approvals):
            assert isinstance(ap, onespan_sign.Approval), file
            assert (ap.id, ap.role) == (ad.get("id"), ad.get("role")), f"{file}: approval"
            fields = ad.get("fields") or []
            assert len(ap.fields or []) == len(fields), f"{file}: fields"
            for f, fd in zip(ap.fields or [], fields):
                assert isinstance(f, onespan_sign.Field), file
                for attr in ("id", "type", "subtype", "page", "top", "left", "width", "height"):
                    assert getattr(f, attr) == fd.get(attr), f"{file}: field.{attr}"
                not_in_extra(file, f, ["id", "type", "subtype", "page", "top", "left", "width", "height"])
            not_in_extra(file, ap, ["id", "role", "fields"])
        not_in_extra(file, doc, ["id", "name", "index", "approvals"])
    not_in_extra(file, p, ["id", "name", "description", "status", "emailMessage", "roles", "documents", "settings"])


# --- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("file", files("Package"))
def test_package_sample_round_trips(file: str) -> None:
    d = sample(file)
    p = Package.from_dict(d)
    assert_round_trip(file, d, p.to_dict())
    check_package(file, p, d)


@pytest.mark.parametrize("file", files("Role"))
def test_role_sample_round_trips(file: str) -> None:
    d = sample(file)
    r = Role.from_dict(d)
    assert_round_trip(file, d, r.to_dict())
    check_role(file, r, d)


@pytest.mark.parametrize("file", files("Role", array=True))
def test_role_array_sample_round_trips(file: str) -> None:
    d = sample(file)
    assert isinstance(d, list), file
    roles = [Role.from_dict(x) for x in d]
    assert_round_trip(file, d, [r.to_dict() for r in roles])
    for r, rd in zip(roles, d):
        check_role(file, r, rd)


@pytest.mark.parametrize("file", files("CallbackConfig"))
def test_callback_sample_round_trips(file: str) -> None:
    d = sample(file)
    c = CallbackConfig.from_dict(d)
    assert_round_trip(file, d, c.to_dict())
    assert (c.url, c.key, c.events) == (d.get("url"), d.get("key"), d.get("events")), file
    not_in_extra(file, c, ["url", "key", "events"])


@pytest.mark.parametrize("file", files("SigningStatusAnswer"))
def test_signing_status_sample_holds_a_known_status(file: str) -> None:
    # No Python model: packages.signing_status returns the plain string (checked below, too).
    d = sample(file)
    assert set(d) == {"status"}, file
    assert d["status"] in KNOWN_STATUSES, f"{file}: {d['status']} is not a SigningStatus value"


@pytest.mark.parametrize("file", files("Event"))
def test_event_sample_parses_with_raw_kept_and_typed_fields_read(file: str) -> None:
    body = (VECTORS / file).read_bytes()
    d = sample(file)
    event = webhooks.parse(body)
    # ``raw`` is the payload as received: compared exactly, nulls included.
    assert first_difference(d, event.raw) is None, f"{file}: {first_difference(d, event.raw)}"
    assert event.name == d["name"], file
    assert event.name in {v for k, v in vars(webhooks.EventName).items() if k.isupper()}, file
    for attr, wire in (("package_id", "packageId"), ("document_id", "documentId"), ("session_user", "sessionUser"),
                       ("message", "message"), ("created_date", "createdDate")):
        assert getattr(event, attr) == d.get(wire), f"{file}: event.{attr}"


# --- answers the client reads but has no model for -------------------------------------------


class _Stub:
    """A loopback HTTP server answering every request with one JSON body; ``requests``
    records each request as ``(method, path, body)``."""

    def __init__(self, body: Any) -> None:
        payload = json.dumps(body).encode()
        self.requests: List[Any] = []
        requests = self.requests

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                requests.append((self.command, self.path, self.rfile.read(length) if length else b""))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = _answer

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Client:
        self.thread.start()
        host, port = self.server.server_address[:2]
        return Client(api_key="stub-key", base_url=f"http://{host}:{port}")

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.parametrize("file", files("SigningStatusAnswer"))
def test_signing_status_answer_is_read_by_the_client(file: str) -> None:
    d = sample(file)
    with _Stub(d) as client:
        assert client.packages.signing_status("pkg1") == d["status"]


@pytest.mark.parametrize("file", files("AuthTokenAnswer"))
def test_auth_token_answer_is_read_by_the_client(file: str) -> None:
    d = sample(file)
    with _Stub(d) as client:
        assert client.auth_tokens.create_single_use("pkg1", "signer1") == d["value"]
        assert client.auth_tokens.create_multi_use("pkg1", "signer1") == d["value"]
        assert client.auth_tokens.create_signer_token("pkg1", "signer1") == d["value"]


@pytest.mark.parametrize("file", files("SigningUrlAnswer"))
def test_signing_url_answer_is_read_by_the_client(file: str) -> None:
    d = sample(file)
    with _Stub(d) as client:
        assert client.roles.signing_url("pkg1", "role1") == d["url"]


# --- request bodies the client builds itself (no model; manifest "request") -----------------


def requests_sent(call: str) -> List[str]:
    out = sorted(f for f, e in MANIFEST.items() if (e.get("request") or {}).get("call") == call)
    assert out, f"the manifest maps no request sample to {call}"
    return out


def test_every_sample_without_a_model_is_checked_as_a_request() -> None:
    # A sample that is no model of ours must say which call sends it, so that a suite checks it.
    unchecked = sorted(f for f, e in MANIFEST.items() if e.get("model") is None and not e.get("request"))
    assert unchecked == [], "samples with neither a model nor a request to check"


@pytest.mark.parametrize("file", requests_sent("auth_tokens.create_multi_use"))
def test_signer_token_request_is_what_the_official_sdk_sends(file: str) -> None:
    # The SDK's own body also carries placeholders the server fills or ignores (an empty
    # ``value``, a null ``sessionFields``): those are left out; every other field must be sent
    # exactly, and nothing else.
    d = sample(file)
    want = {k: v for k, v in d.items() if k not in MANIFEST[file]["request"]["placeholders"]}
    stub = _Stub({"value": "a-token"})
    with stub as client:
        assert client.auth_tokens.create_multi_use(d["packageId"], d["signerId"]) == "a-token"
    [(method, path, body)] = stub.requests
    assert (method, path) == (MANIFEST[file]["request"]["method"], MANIFEST[file]["request"]["path"]), file
    assert json.loads(body) == want, file
