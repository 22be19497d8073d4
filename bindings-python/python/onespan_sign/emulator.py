"""``python -m onespan_sign.emulator [--port N] [--api-key K] ...``: the emulator embedded in
the package, as a command for code in any language (Java, .NET, Go, ...).

Same flags and same JSON line as the Rust binary (``emulator/src/main.rs``): it prints
``{"baseUrl": ..., "apiKey": ..., ...}`` on one line, then serves until SIGINT or SIGTERM,
stops, and exits 0. Also installed as the ``onespan-sign-emulator`` command.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from typing import Any, List, Optional

from .testing import Emulator


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="onespan-sign-emulator",
        description="An offline OneSpan Sign API on 127.0.0.1, for tests in any language. "
        "Prints one JSON line (baseUrl and credentials), then serves until SIGINT or SIGTERM.",
    )
    p.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    p.add_argument("--api-key", help="the API key it accepts (default: generated)")
    p.add_argument("--client-id", help="the client-app id it accepts (default: generated)")
    p.add_argument("--client-secret", help="the client-app secret it accepts (default: generated)")
    p.add_argument("--token-ttl-secs", type=int, help="lifetime of API tokens (default: 1800)")
    p.add_argument(
        "--retry-deliveries",
        choices=["true", "false"],
        default="false",
        help="retry a failed callback delivery (default: false; the service never resends)",
    )
    return p


def main(argv: Optional[List[str]] = None) -> int:
    args = _parser().parse_args(argv)
    options: dict[str, Any] = {
        "port": args.port,
        "api_key": args.api_key,
        "client_id": args.client_id,
        "client_secret": args.client_secret,
        "token_ttl": args.token_ttl_secs,
        "retry_deliveries": args.retry_deliveries == "true",
    }
    try:
        emu = Emulator(**options)
    except (TypeError, ValueError, RuntimeError) as e:
        # A port in use, an option out of range: one line, no traceback.
        print(f"onespan-sign-emulator: {e}", file=sys.stderr)
        return 1
    stopped = threading.Event()

    def stop(_signum: int, _frame: object) -> None:
        stopped.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    # The emulator's credentials are test values for loopback use: printing them is the point.
    line = {
        "baseUrl": emu.base_url,
        "apiKey": emu.api_key,
        "clientId": emu.client_id,
        "clientSecret": emu.client_secret,
        "oauthClientId": emu.oauth_client_id,
        "oauthClientSecret": emu.oauth_client_secret,
        "oauthTokenUrl": emu.oauth_token_url,
        "senderId": emu.sender_id,
        "senderEmail": emu.sender_email,
    }
    print(json.dumps(line, separators=(",", ":")), flush=True)
    # wait() with a timeout, so the main thread wakes for the signal handler on every Python.
    while not stopped.wait(0.5):
        pass
    emu.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
