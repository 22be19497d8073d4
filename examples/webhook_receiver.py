"""A receiver of OneSpan Sign event notifications, with nothing but the standard library.

    ONESPAN_CALLBACK_KEY=... python examples/webhook_receiver.py [PORT]    (default 8080)

Register http://<this host>:PORT/ as the callback URL, with the same callback key.
"""

import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from onespan_sign import WebhookParseError, WebhookVerificationError, webhooks

CALLBACK_KEY = os.environ["ONESPAN_CALLBACK_KEY"]


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        # Read at most one byte past the cap: verify() refuses anything longer anyway.
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, webhooks.MAX_BODY_BYTES + 1))
        self.close_connection = length > len(body)  # the rest was not read
        try:
            event = webhooks.verify(body, self.headers.get("Authorization"), CALLBACK_KEY)
        except WebhookVerificationError:
            return self.answer(401, "invalid callback key")
        except WebhookParseError as e:
            return self.answer(400, str(e))
        # Answer fast; real work belongs in a queue. OneSpan may deliver an event twice.
        print(f"[python receiver] {event.name} package={event.package_id} user={event.session_user}", flush=True)
        self.answer(204, "")

    def answer(self, status: int, text: str) -> None:
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    print(f"[python receiver] listening on http://0.0.0.0:{port}/", flush=True)
    ThreadingHTTPServer(("0.0.0.0", port), Receiver).serve_forever()
