"""Faults, concurrency, and the FFI boundary, through the Python binding.

The emulator injects the faults; each must end in a correct retry or the right typed
error within the timeout.
"""

from __future__ import annotations

import asyncio
import os
import resource
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from onespan_sign import (
    AsyncClient,
    Client,
    OneSpanError,
    OneSpanTimeoutError,
    ServerError,
    TransportError,
)
from onespan_sign import _native


def test_a_slow_server_times_out(connect, emulator):
    emulator.inject_fault(method="GET", path="/api/packages", delay=5)
    api = connect(timeout=0.4)
    started = time.monotonic()
    with pytest.raises(OneSpanTimeoutError) as info:
        api.packages.get("p")
    assert isinstance(info.value, TimeoutError)
    assert time.monotonic() - started < 3


def test_an_html_gateway_error_is_a_server_error(connect, emulator):
    emulator.inject_fault(method="GET", status=502, body="html", count=10)
    with pytest.raises(ServerError) as info:
        connect(max_retries=1).packages.get("p")
    assert info.value.status == 502 and "HTML" in info.value.message
    assert emulator.requests().count("GET /api/packages/p") == 2


def test_retry_after_then_success(api, emulator):
    package_id = api.packages.create({"name": "r"})
    emulator.inject_fault(method="GET", status=503, retry_after=0)
    assert api.packages.get(package_id).name == "r"
    assert emulator.requests().count(f"GET /api/packages/{package_id}") == 2


def test_a_post_whose_connection_drops_is_sent_exactly_once(api, emulator):
    emulator.inject_fault(method="POST", path="/api/packages", action="drop_after")
    with pytest.raises(TransportError):
        api.packages.create({"name": "once"})
    assert emulator.requests().count("POST /api/packages") == 1
    assert [e["name"] for e in emulator.events()] == ["PACKAGE_CREATE"]


def test_a_bad_fault_is_refused(emulator):
    with pytest.raises(ValueError):
        emulator.inject_fault(body="sideways")


def test_a_panic_in_the_core_is_an_exception_not_a_crash():
    with pytest.raises(OneSpanError) as info:
        _native._panic_for_tests()
    assert "deliberate panic" in str(info.value)

    async def main():
        return await _native._panic_for_tests_async()

    with pytest.raises(OneSpanError):
        asyncio.run(main())


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_ten_thousand_calls_from_eight_threads_share_one_client(emulator):
    client = Client(client_id=emulator.client_id, client_secret=emulator.client_secret, base_url=emulator.base_url)
    package_id = client.packages.create({"name": "load"})

    def work(n: int) -> int:
        ok = 0
        for _ in range(n):
            ok += client.packages.signing_status(package_id) == "DRAFT"
        return ok

    def round_of(calls: int) -> tuple:
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=8) as pool:
            ok = sum(pool.map(work, [calls // 8] * 8))
        return ok, time.monotonic() - started, _open_fds(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    first = round_of(5_000)
    second = round_of(5_000)
    assert first[0] + second[0] == 10_000
    assert emulator.token_requests == 1
    # Pooled connections: the second round opens none beyond the first's (the emulator is
    # in this process, so each connection holds two descriptors).
    assert second[2] - first[2] <= 4, (first, second)
    print(f"10k calls, 8 threads: {first[1] + second[1]:.2f}s; fds after each 5k: {first[2]}, {second[2]}; "
          f"max RSS after each 5k: {first[3]}, {second[3]} KiB")


def test_many_tasks_share_one_async_client(emulator):
    async def main():
        client = AsyncClient(api_key=emulator.api_key, base_url=emulator.base_url)
        package_id = await client.packages.create({"name": "load"})
        sem = asyncio.Semaphore(64)

        async def one():
            async with sem:
                return await client.packages.signing_status(package_id)

        return await asyncio.gather(*(one() for _ in range(2000)))

    assert set(asyncio.run(main())) == {"DRAFT"}


def test_with_options_sets_limits_per_call(connect, emulator):
    api = connect("client_app")
    package_id = api.packages.create({"name": "p"})
    emulator.inject_fault(method="GET", path="/api/packages", delay=3)
    with pytest.raises(OneSpanTimeoutError):
        api.with_options(timeout=0.3).packages.get(package_id)
    assert api.packages.get(package_id).name == "p"
    assert emulator.token_requests == 1
    with pytest.raises(ValueError):
        api.with_options(timeout=-1)
