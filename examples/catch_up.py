"""Catching up on missed events: OneSpan Sign never resends a failed callback (support
article KB0014510), so after an outage of your receiver, ask the service what changed.

`catch_up` lists every package updated since the last checkpoint and brings the local
record of each up to date; run it when your receiver comes back (and, as OneSpan's blog
advises, on a schedule as a backstop). The demo at the bottom runs against the emulator:
the receiver is down while three packages move on, every delivery fails, and one
`catch_up` call finds all three.
"""

from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone
from typing import Dict, Tuple

from onespan_sign import Client

# Listing by "last updated" compares the service's clock with ours: start each poll a
# little before the last one ended, and let the local record absorb the repeats.
CLOCK_MARGIN = timedelta(minutes=5)


def catch_up(client: Client, since: datetime, local: Dict[str, str]) -> Tuple[datetime, int]:
    """Records the status of every package updated after `since` in `local` (package ID ->
    status); returns the next checkpoint and how many records changed."""
    checkpoint = datetime.now(timezone.utc) - CLOCK_MARGIN
    changed = 0
    for package in client.packages.list(updated_after=since - CLOCK_MARGIN):
        if package.id is not None and local.get(package.id) != package.status:
            local[package.id] = str(package.status)
            changed += 1
    return checkpoint, changed


def _closed_port() -> int:
    """A loopback port with nothing listening: the receiver during the outage."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def attempts(emu, n: int) -> list:
    """The emulator's failed deliveries, once there are `n` of them (or after 10 s)."""
    import time

    deadline = time.monotonic() + 10
    failed: list = []
    while time.monotonic() < deadline:
        failed = [d for d in emu.deliveries() if not d["delivered"]]
        if len(failed) >= n:
            break
        time.sleep(0.02)
    return failed


def demo() -> Dict[str, str]:
    from onespan_sign.testing import Emulator

    pdf = b"%PDF-1.4\n%%EOF\n"
    with Emulator() as emu:
        client = Client(api_key=emu.api_key, base_url=emu.base_url)
        local: Dict[str, str] = {}
        since = datetime.now(timezone.utc)

        # The outage: events go to a receiver that is down.
        client.callbacks.set({"url": f"http://127.0.0.1:{_closed_port()}/events",
                              "events": ["PACKAGE_ACTIVATE", "PACKAGE_COMPLETE"]})
        signer = {"id": "Signer1", "signers": [{"email": "ann@example.com", "firstName": "Ann", "lastName": "Lee"}]}
        field = {"type": "SIGNATURE", "page": 0, "left": 100, "top": 500, "width": 200, "height": 50}
        ids = []
        for name in ("Lease", "Loan", "NDA"):
            package_id = client.packages.create(
                {"name": name, "roles": [signer],
                 "documents": [{"id": "doc1", "name": name, "approvals": [{"role": "Signer1", "fields": [field]}]}]},
                documents=[(f"{name}.pdf", pdf)],
            )
            client.packages.send(package_id)
            ids.append(package_id)
        emu.complete_signing(ids[0], "Signer1")  # the lease is signed while nobody listens

        # The emulator delivers in the background, as the service does: wait for its attempts
        # (three activations and one completion).
        failed = attempts(emu, 4)
        print(f"{len(failed)} deliveries failed during the outage; none will be resent")

        # The receiver is back: one call brings the local record up to date.
        since, changed = catch_up(client, since, local)
        for package_id in ids:
            print(f"{package_id}: {local[package_id]}")
        print(f"{changed} records brought up to date")
        return local


if __name__ == "__main__":
    demo()
