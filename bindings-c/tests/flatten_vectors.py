"""Flattens tests/vectors/webhooks/*.json for the C test program, which has no JSON parser.

Usage: python3 flatten_vectors.py VECTOR_DIR > vectors.bin

Each case becomes a list of fields, each written as `<tag> <length>\\n<bytes>\\n` (length -1,
and no bytes, for an absent value), in this order: file, mode, key, authorization, body,
expect, name, package_id, document_id, session_user, message, created_date, raw. `raw` is the
body as this harness's JSON parser reads it, written back compactly in the order received:
the same text the core's `onespan_event_raw_json` must give. The rules of the vector files
(header names matched case-insensitively, the three body forms) are those of
tests/vectors/README.md.
"""

import base64
import json
import pathlib
import sys

FIELDS = ["name", "package_id", "document_id", "session_user", "message", "created_date"]


def body_of(case):
    if "body" in case:
        return case["body"].encode()
    if "body_base64" in case:
        return base64.b64decode(case["body_base64"])
    rep = case["body_repeat"]
    return (rep["prefix"] + rep["unit"] * rep["count"] + rep["suffix"]).encode()


def authorization_of(case):
    found = [v for k, v in case["headers"].items() if k.lower() == "authorization"]
    return found[0].encode() if found else None


def field(out, tag, value):
    if value is None:
        out.write(f"{tag} -1\n".encode())
    else:
        out.write(f"{tag} {len(value)}\n".encode() + value + b"\n")


def main():
    files = sorted(pathlib.Path(sys.argv[1]).glob("*.json"))
    if not files:
        sys.exit(f"no vector files in {sys.argv[1]}")
    out = sys.stdout.buffer
    for path in files:
        case = json.loads(path.read_text(encoding="utf-8"))
        body = body_of(case)
        expect = case["expect"]
        field(out, "file", path.name.encode())
        field(out, "mode", case["mode"].encode())
        field(out, "key", case["key"].encode())
        field(out, "authorization", authorization_of(case))
        field(out, "body", body)
        field(out, "expect", b"ok" if expect.get("ok") else expect["error"].encode())
        event = expect.get("event", {})
        for name in FIELDS:
            value = event.get(name)
            field(out, name, None if value is None else value.encode())
        raw = None
        if expect.get("ok"):
            parsed = json.loads(body)
            raw = json.dumps(parsed, ensure_ascii=False, separators=(",", ":")).encode()
        field(out, "raw", raw)


if __name__ == "__main__":
    main()
