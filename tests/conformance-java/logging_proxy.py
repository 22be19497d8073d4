#!/usr/bin/env python3
"""A tiny logging reverse proxy for the conformance run: records exactly what a client sends.

    logging_proxy.py --upstream http://127.0.0.1:PORT --log exchanges.jsonl [--port 0]

Prints one line `{"proxyUrl": "http://127.0.0.1:N"}` once listening, then forwards every
request to the upstream unchanged and appends one JSON line per exchange to the log:
method, path, query, request headers, request body (JSON parsed; multipart split into
parts), response status, headers and body. Loopback only; standard library only.
"""

import argparse
import email.parser
import email.policy
import http.client
import json
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}


def describe_body(content_type, body):
    """A readable rendering of a body for the log."""
    if not body:
        return None
    ct = (content_type or "").lower()
    if ct.startswith("multipart/"):
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        parts = []
        for part in msg.iter_parts():
            raw = part.get_payload(decode=True) or b""
            entry = {
                "name": part.get_param("name", header="content-disposition"),
                "filename": part.get_filename(),
                "contentType": part.get("content-type"),
                "contentTransferEncoding": part.get("content-transfer-encoding"),
                "size": len(raw),
            }
            if entry["filename"] is None:
                text = raw.decode("utf-8", "replace")
                try:
                    entry["json"] = json.loads(text)
                except ValueError:
                    entry["text"] = text[:2000]
            else:
                entry["head"] = raw[:16].decode("latin-1")
            parts.append(entry)
        return {"multipart": parts}
    text = body.decode("utf-8", "replace")
    try:
        return {"json": json.loads(text)}
    except ValueError:
        pass
    if ct.startswith("text/") or "json" in ct or not ct:
        return {"text": text[:2000], "size": len(body)}
    return {"binary": True, "size": len(body), "head": body[:16].decode("latin-1")}


class Proxy(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = None  # (host, port)
    log_file = None
    lock = threading.Lock()

    def log_message(self, *args):  # silence the default stderr access log
        pass

    def _handle(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if not length and "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            body = b"".join(chunks)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        headers["Content-Length"] = str(len(body)) if (body or self.command in ("POST", "PUT", "PATCH")) else None
        headers = {k: v for k, v in headers.items() if v is not None}
        conn = http.client.HTTPConnection(*self.upstream, timeout=30)
        try:
            conn.request(self.command, self.path, body=body or None, headers=headers)
            resp = conn.getresponse()
            rbody = resp.read()
            rstatus, rreason, rheaders = resp.status, resp.reason, resp.getheaders()
        except OSError as e:
            rbody = json.dumps({"proxyError": str(e)}).encode()
            rstatus, rreason, rheaders = 502, "Bad Gateway", [("Content-Type", "application/json")]
        finally:
            conn.close()

        self.send_response(rstatus, rreason)
        for k, v in rheaders:
            if k.lower() not in HOP_BY_HOP and k.lower() != "content-length":
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(rbody)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(rbody)

        url = urllib.parse.urlsplit(self.path)
        rct = dict((k.lower(), v) for k, v in rheaders).get("content-type")
        record = {
            "method": self.command,
            "path": url.path,
            "query": urllib.parse.parse_qs(url.query, keep_blank_values=True) if url.query else None,
            "rawQuery": url.query or None,
            "requestHeaders": dict(self.headers.items()),
            "requestBody": describe_body(self.headers.get("Content-Type"), body),
            "status": rstatus,
            "responseHeaders": dict(rheaders),
            "responseBody": describe_body(rct, rbody),
        }
        with self.lock:
            self.log_file.write(json.dumps(record) + "\n")
            self.log_file.flush()

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_OPTIONS = _handle


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--upstream", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args()
    up = urllib.parse.urlsplit(args.upstream)
    if up.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("upstream must be on loopback")
    Proxy.upstream = (up.hostname, up.port)
    Proxy.log_file = open(args.log, "a", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Proxy)
    print(json.dumps({"proxyUrl": "http://127.0.0.1:%d" % server.server_address[1]}), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
