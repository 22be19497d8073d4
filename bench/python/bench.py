"""The Python side of `make bench`: the SDK against requests / httpx / hand-written webhook code.

    python bench/python/bench.py MODE CONFIG_JSON

MODE is one of http-sync, http-async, http-threads, webhook, rss-webhook, rss-http.
CONFIG_JSON carries base, key, package, role, secs, rounds, vector (see bench/run.py).

Prints one JSON object per measured round. Rounds alternate which side goes first (in
http-sync, which side starts a round's slices), and one warm-up round of each side is run
and dropped. Every loop stops at a deadline and at a
maximum count, and only talks to the loopback base URL it is given.
"""

from __future__ import annotations

import asyncio
import gc
import hmac
import json
import resource
import sys
import threading
import time
from typing import Any, Callable, Dict, List, Optional

perf = time.perf_counter


def emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def loopback(base: str) -> str:
    base = base.rstrip("/")
    if not base.startswith("http://127.0.0.1:"):
        raise SystemExit(f"refusing a non-loopback base URL {base!r}")
    return base


def alternate(rounds: int, sides: List[str]):
    """(round, side) pairs: round 0 is the warm-up; the order flips every round."""
    for r in range(rounds + 1):
        for side in (sides if r % 2 == 0 else list(reversed(sides))):
            yield r, side


# ---- HTTP ------------------------------------------------------------------------------


class Http:
    def __init__(self, cfg: Dict[str, Any]):
        self.base = loopback(cfg["base"])
        self.key = cfg["key"]
        self.package = cfg["package"]
        self.role = cfg["role"]
        self.secs = float(cfg["secs"])
        self.rounds = int(cfg["rounds"])
        self.max_calls = int(cfg.get("max_calls", 200_000))
        self.role_url = f"{self.base}/api/packages/{self.package}/roles/{self.role}"
        self.status_url = f"{self.base}/api/packages/{self.package}/signingStatus"
        # The same headers the SDK sends (its User-Agent aside).
        self.headers = {"Authorization": f"Basic {self.key}", "Accept": "application/json"}

    # -- the calls, one function per (side, call) --------------------------------------

    def ours_sync(self, client, call: str) -> Callable[[], Any]:
        pkg, role = self.package, self.role
        if call == "roles_get":
            return lambda: client.roles.get(pkg, role)
        return lambda: client.packages.signing_status(pkg)

    def requests_sync(self, session, call: str) -> Callable[[], Any]:
        url = self.role_url if call == "roles_get" else self.status_url
        headers = self.headers
        loads = json.loads

        if call == "roles_get":

            def f():
                r = session.get(url, headers=headers)
                r.raise_for_status()
                return loads(r.content)

        else:

            def f():
                r = session.get(url, headers=headers)
                r.raise_for_status()
                return loads(r.content)["status"]

        return f


def check_same(ours_role, baseline_dict) -> None:
    """The two sides must fetch the same role before anything is timed."""
    if ours_role.to_dict() != baseline_dict:
        raise SystemExit("the SDK and the baseline decoded different roles")


def http_sync(cfg: Dict[str, Any]) -> None:
    import requests
    from onespan_sign import Client

    h = Http(cfg)
    client = Client(api_key=h.key, base_url=h.base)
    session = requests.Session()
    check_same(client.roles.get(h.package, h.role), h.requests_sync(session, "roles_get")())
    for call in ("roles_get", "signing_status"):
        fns = {"ours": h.ours_sync(client, call), "baseline": h.requests_sync(session, call)}
        for r in range(h.rounds + 1):
            calls, secs = interleaved(fns, h.secs, h.max_calls, first=r % 2)
            if r:
                for side in fns:
                    emit(bench="py_sync", call=call, side=side, round=r, calls=calls[side],
                         secs=secs[side])


def interleaved(fns: Dict[str, Callable[[], Any]], secs: float, max_calls: int, first: int):
    """One round of one call at a time: each side runs for `secs` in all, in slices of
    about 50 ms that take turns (A B B A ...), so that a burst of load from elsewhere on
    the machine, which lasts longer than a slice, lands on both sides alike. `first` (0 or
    1) says which side starts, alternated by the caller from round to round (with an odd
    number of slices the starting side goes first once more). Returns the calls made and
    the seconds taken, per side."""
    slices = max(2, round(secs / 0.05))
    calls = {side: 0 for side in fns}
    taken = {side: 0.0 for side in fns}
    sides = list(fns)
    per_slice_max = max_calls // slices + 1
    for i in range(slices):
        for side in (sides if (i + first) % 2 == 0 else sides[::-1]):
            f = fns[side]
            n, start = 0, perf()
            deadline = start + secs / slices
            while n < per_slice_max and perf() < deadline:
                f()
                n += 1
            taken[side] += perf() - start
            calls[side] += n
    return calls, taken


def http_threads(cfg: Dict[str, Any]) -> None:
    import requests
    from onespan_sign import Client

    h = Http(cfg)
    threads = int(cfg.get("threads", 8))
    client = Client(api_key=h.key, base_url=h.base)  # one client shared by every thread
    sessions = [requests.Session() for _ in range(threads)]  # requests: one per thread
    per_thread_max = h.max_calls // threads + 1
    for call in ("roles_get", "signing_status"):
        ours = h.ours_sync(client, call)
        baseline = [h.requests_sync(s, call) for s in sessions]
        for r, side in alternate(h.rounds, ["ours", "baseline"]):
            counts = [0] * threads
            barrier = threading.Barrier(threads + 1)
            deadline_box: List[float] = []

            def worker(i: int) -> None:
                f = ours if side == "ours" else baseline[i]
                barrier.wait()
                deadline = deadline_box[0]
                n = 0
                while n < per_thread_max and perf() < deadline:
                    f()
                    n += 1
                counts[i] = n

            ts = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
            for t in ts:
                t.start()
            start = perf()
            deadline_box.append(start + h.secs)
            barrier.wait()
            for t in ts:
                t.join()
            elapsed = perf() - start
            if r:
                emit(bench="py_threads", call=call, side=side, round=r, calls=sum(counts),
                     secs=elapsed, threads=threads)


def http_async(cfg: Dict[str, Any]) -> None:
    import httpx
    from onespan_sign import AsyncClient

    h = Http(cfg)
    inflight = int(cfg.get("inflight", 64))
    per_task_max = h.max_calls // inflight + 1
    loads = json.loads

    async def main() -> None:
        ours_client = AsyncClient(api_key=h.key, base_url=h.base)
        # A fair baseline: a pool as large as the concurrency, so no connection is closed
        # and reopened between calls (httpx keeps only 20 idle connections by default).
        limits = httpx.Limits(max_connections=inflight, max_keepalive_connections=inflight)
        async with httpx.AsyncClient(limits=limits, headers=h.headers) as hx:
            pkg, role = h.package, h.role

            async def hx_role():
                r = await hx.get(h.role_url)
                r.raise_for_status()
                return loads(r.content)

            async def hx_status():
                r = await hx.get(h.status_url)
                r.raise_for_status()
                return loads(r.content)["status"]

            check_same(await ours_client.roles.get(pkg, role), await hx_role())
            fns = {
                ("roles_get", "ours"): lambda: ours_client.roles.get(pkg, role),
                ("roles_get", "baseline"): hx_role,
                ("signing_status", "ours"): lambda: ours_client.packages.signing_status(pkg),
                ("signing_status", "baseline"): hx_status,
            }
            for call in ("roles_get", "signing_status"):
                for r, side in alternate(h.rounds, ["ours", "baseline"]):
                    f = fns[(call, side)]
                    start = perf()
                    deadline = start + h.secs

                    async def worker() -> int:
                        n = 0
                        while n < per_task_max and perf() < deadline:
                            await f()
                            n += 1
                        return n

                    counts = await asyncio.gather(*(worker() for _ in range(inflight)))
                    elapsed = perf() - start
                    if r:
                        emit(bench="py_async", call=call, side=side, round=r,
                             calls=sum(counts), secs=elapsed, inflight=inflight)

    asyncio.run(main())


# ---- webhooks ----------------------------------------------------------------------------


class BaselineEvent:
    """What `webhooks.verify` hands back, built by hand: the typed fields and the raw dict."""

    __slots__ = ("name", "package_id", "document_id", "session_user", "message",
                 "created_date", "raw")

    def __init__(self, raw: Dict[str, Any]):
        name = raw.get("name")
        if not isinstance(name, str) or not name:
            raise ValueError("not a OneSpan event")

        def text(k: str) -> Optional[str]:
            v = raw.get(k)
            return v if isinstance(v, str) else None

        self.name = name
        self.package_id = text("packageId")
        self.document_id = text("documentId")
        self.session_user = text("sessionUser")
        self.message = text("message")
        self.created_date = text("createdDate")
        self.raw = raw


def baseline_verify(body: bytes, authorization: Optional[str], key: str) -> BaselineEvent:
    """The same checks the SDK makes: key present, `Basic <key>` or the bare key, compared in
    constant time; then UTF-8 JSON holding an object with a string name, size-capped."""
    if not key or authorization is None:
        raise PermissionError("no key or no header")
    header = authorization.strip(" \t")
    k = key.encode()
    ok = hmac.compare_digest(header.encode(), k)
    if header[:5].lower() == "basic" and header[5:6] in (" ", "\t"):
        ok |= hmac.compare_digest(header[5:].lstrip(" \t").encode(), k)
    if not ok:
        raise PermissionError("wrong key")
    if not body or len(body) > 1024 * 1024:
        raise ValueError("bad size")
    raw = json.loads(body)
    if not isinstance(raw, dict):
        raise ValueError("not an object")
    return BaselineEvent(raw)


def load_vector(cfg: Dict[str, Any]):
    with open(cfg["vector"], encoding="utf-8") as f:
        v = json.load(f)
    return v["body"].encode(), v["headers"]["Authorization"], v["key"]


def webhook(cfg: Dict[str, Any]) -> None:
    from onespan_sign import webhooks

    body, auth, key = load_vector(cfg)
    secs, rounds = float(cfg["secs"]), int(cfg["rounds"])
    max_calls = int(cfg.get("max_calls", 5_000_000))
    ours_e, base_e = webhooks.verify(body, auth, key), baseline_verify(body, auth, key)
    for field in ("name", "package_id", "document_id", "session_user", "message",
                  "created_date"):
        if getattr(ours_e, field) != getattr(base_e, field):
            raise SystemExit(f"the SDK and the baseline disagree on {field}")
    if ours_e.raw != base_e.raw:
        raise SystemExit("the SDK and the baseline disagree on raw")
    verify_fns = {"ours": webhooks.verify, "baseline": baseline_verify}
    for r, side in alternate(rounds, ["ours", "baseline"]):
        v = verify_fns[side]
        n, start = 0, perf()
        deadline = start + secs
        while n < max_calls and perf() < deadline:
            for _ in range(100):  # the clock is read once per 100 events
                e = v(body, auth, key)
                e.name, e.package_id  # a receiver reads at least these
            n += 100
        elapsed = perf() - start
        if r:
            emit(bench="py_webhook", side=side, round=r, calls=n, secs=elapsed)


# ---- memory --------------------------------------------------------------------------------


def rss_kib() -> int:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() // 1024


def peak_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def rss_run(what: str, n: int, step: Callable[[], Any]) -> None:
    warm = n // 10
    start = perf()
    for _ in range(warm):
        step()
    gc.collect()
    after_warm = rss_kib()
    for _ in range(n - warm):
        step()
    gc.collect()
    emit(bench="rss", what=what, calls=n, rss_after_warmup_kib=after_warm,
         rss_end_kib=rss_kib(), peak_kib=peak_kib(), secs=perf() - start)


def rss_webhook(cfg: Dict[str, Any]) -> None:
    from onespan_sign import webhooks

    body, auth, key = load_vector(cfg)
    verify = webhooks.verify
    rss_run("python webhooks.verify", int(cfg["n"]), lambda: verify(body, auth, key).raw)


def rss_http(cfg: Dict[str, Any]) -> None:
    from onespan_sign import Client

    h = Http(cfg)
    client = Client(api_key=h.key, base_url=h.base)
    rss_run("python Client.roles.get", int(cfg["n"]), h.ours_sync(client, "roles_get"))


MODES = {
    "http-sync": http_sync,
    "http-async": http_async,
    "http-threads": http_threads,
    "webhook": webhook,
    "rss-webhook": rss_webhook,
    "rss-http": rss_http,
}

if __name__ == "__main__":
    MODES[sys.argv[1]](json.loads(sys.argv[2]))
