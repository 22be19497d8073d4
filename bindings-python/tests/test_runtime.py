"""How calls run (src/runtime.rs): a blocking call on the caller's own thread, Ctrl-C during
one, `fork`, and `AsyncClient` methods as coroutines (create_task, TaskGroup, never awaited,
cancelled).

Issue 11, items 8, 9 and 10.
"""

from __future__ import annotations

import asyncio
import gc
import inspect
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
import warnings

import pytest

from onespan_sign import AsyncClient, Client, InvalidArgumentError, NotFoundError
from onespan_sign.testing import Emulator

# --- where a blocking call runs ------------------------------------------------------


def _attempt_threads(caplog) -> list:
    return [r.thread for r in caplog.records if r.name == "onespan_sign" and r.getMessage().startswith("attempt")]


def test_a_blocking_call_runs_on_the_calling_thread(emulator, caplog):
    # Its log records are made where the request is sent: on the caller's thread, not on a
    # runtime worker it would have to wake and wait for (core/src/blocking.rs).
    caplog.set_level(logging.DEBUG, logger="onespan_sign")
    client = Client(client_id=emulator.client_id, client_secret=emulator.client_secret, base_url=emulator.base_url)
    package_id = client.packages.create({"name": "here"})
    assert _attempt_threads(caplog) == [threading.get_ident()]

    caplog.clear()
    seen: dict = {}

    def work(i: int) -> None:
        seen[i] = (threading.get_ident(), client.packages.get(package_id).name)

    # All three alive at once, so that their idents are distinct (a finished thread's may be
    # reused).
    barrier = threading.Barrier(3)
    threads = [threading.Thread(target=lambda i=i: (barrier.wait(), work(i), barrier.wait())) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {name for _, name in seen.values()} == {"here"}
    assert sorted(_attempt_threads(caplog)) == sorted(ident for ident, _ in seen.values())
    # Each call runs on a lane of its own; the client's one API token serves them all.
    assert [e for e in emulator.requests() if "accessToken" in e] == ["POST /apitoken/clientApp/accessToken"]


# --- Ctrl-C ---------------------------------------------------------------------------

# The child starts with Python's own SIGINT handler, as a program run from a terminal does:
# a shell that starts the suite in the background (`make test &`) has it inherit SIGINT
# ignored, and Python then installs no KeyboardInterrupt at all.
_BLOCKED = r"""
import signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
from onespan_sign import AsyncClient, Client
base_url, api_key, how = sys.argv[1:4]
if how == "sync":
    Client(api_key=api_key, base_url=base_url).packages.get("slow")
else:
    import asyncio
    asyncio.run(AsyncClient(api_key=api_key, base_url=base_url).packages.get("slow"))
print("the call returned", flush=True)
"""


def _wait_for(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


@pytest.mark.parametrize("how", ["sync", "asyncio"])
def test_ctrl_c_interrupts_a_call_the_server_holds_for_30_s(emulator, how):
    emulator.inject_fault(path="/api/packages/slow", delay=30)
    child = subprocess.Popen(
        [sys.executable, "-c", _BLOCKED, emulator.base_url, emulator.api_key, how],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        # The request has reached the server and the call is waiting on it.
        _wait_for(lambda: "GET /api/packages/slow" in emulator.requests())
        time.sleep(0.5)
        sent = time.monotonic()
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=10)
        latency = time.monotonic() - sent
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    print(f"Ctrl-C ({how}) to exit: {latency * 1000:.0f} ms")
    assert "KeyboardInterrupt" in err, err
    assert child.returncode != 0 and "the call returned" not in out
    assert latency < 1.5, latency


# --- fork -----------------------------------------------------------------------------


def _in_child(work) -> tuple:
    """Runs `work()` in a forked child; returns (exit code, what it wrote, or the error)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 1
        try:
            os.close(read)
            result = repr(work())
            code = 0
        except BaseException as e:  # noqa: BLE001 - reported to the parent
            result = f"{type(e).__name__}: {e}"
        finally:
            os.write(write, result.encode())
            os._exit(code)
    os.close(write)
    with os.fdopen(read) as pipe:
        text = pipe.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), text


def test_a_client_made_before_fork_works_in_the_child_and_the_parent(emulator):
    client = Client(client_id=emulator.client_id, client_secret=emulator.client_secret, base_url=emulator.base_url)
    package_id = client.packages.create({"name": "before the fork"})

    def child():
        made = client.packages.create({"name": "in the child"})
        return client.packages.get(package_id).name, client.packages.get(made).name

    code, out = _in_child(child)
    assert (code, out) == (0, repr(("before the fork", "in the child")))
    assert client.packages.get(package_id).name == "before the fork"
    assert [e["name"] for e in emulator.events()].count("PACKAGE_CREATE") == 2


def test_a_new_client_and_a_new_emulator_work_in_a_forked_child(emulator):
    Client(api_key=emulator.api_key, base_url=emulator.base_url).packages.create({"name": "starts the runtime"})

    def child():
        with Emulator() as own:
            client = Client(api_key=own.api_key, base_url=own.base_url)
            made = client.packages.create({"name": "child's own"})
            return client.packages.get(made).name, own.api_requests

    code, out = _in_child(child)
    assert (code, out) == (0, repr(("child's own", 2)))


def test_an_async_client_made_before_fork_works_in_the_child(emulator):
    client = AsyncClient(api_key=emulator.api_key, base_url=emulator.base_url)
    package_id = asyncio.run(client.packages.create({"name": "async, before"}))

    def child():
        return asyncio.run(client.packages.get(package_id)).name

    assert _in_child(child) == (0, repr("async, before"))
    assert asyncio.run(client.packages.get(package_id)).name == "async, before"


# A gunicorn --preload-like server: the client is made once in the master, at import time,
# and each forked worker serves several requests with it.
_PRELOADED: dict = {}


def _worker_request(package_id: str) -> tuple:
    client = _PRELOADED["client"]
    return os.getpid(), client.packages.get(package_id).name, client.packages.signing_status(package_id)


def test_preloaded_client_serves_requests_in_forked_workers(emulator):
    _PRELOADED["client"] = Client(api_key=emulator.api_key, base_url=emulator.base_url)
    package_id = _PRELOADED["client"].packages.create({"name": "preloaded"})
    try:
        with multiprocessing.get_context("fork").Pool(3) as pool:
            answers = pool.map(_worker_request, [package_id] * 12, chunksize=1)
    finally:
        client = _PRELOADED.pop("client")
    assert {(name, status) for _, name, status in answers} == {("preloaded", "DRAFT")}
    assert os.getpid() not in {pid for pid, _, _ in answers}
    assert len({pid for pid, _, _ in answers}) >= 2
    assert emulator.requests().count(f"GET /api/packages/{package_id}") == 12
    assert client.packages.get(package_id).name == "preloaded"


# --- coroutines -----------------------------------------------------------------------


def test_async_methods_return_coroutines_that_create_task_and_taskgroup_take(emulator):
    async def main():
        client = AsyncClient(api_key=emulator.api_key, base_url=emulator.base_url)
        call = client.packages.create({"name": "coro", "roles": [{"id": "R1", "signers": [{"email": "a@x.com"}]}]})
        assert inspect.iscoroutine(call) and asyncio.iscoroutine(call)
        assert call.__qualname__ == "AsyncPackages.create"
        package_id = await call
        task = asyncio.create_task(client.packages.get(package_id))
        assert (await task).name == "coro"
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(client.packages.signing_status(package_id)) for _ in range(5)]
            roles = group.create_task(client.roles.list(package_id))
        return [t.result() for t in tasks], roles.result()

    statuses, roles = asyncio.run(main())
    assert statuses == ["DRAFT"] * 5
    assert [r.id for r in roles] == [emulator.sender_id, "R1"]  # the owner's role first


def test_errors_come_out_of_the_await_and_of_the_task(emulator):
    async def main():
        client = AsyncClient(api_key=emulator.api_key, base_url=emulator.base_url)
        with pytest.raises(NotFoundError):
            await asyncio.create_task(client.packages.get("missing"))
        bad = client.packages.get(7)  # read when awaited, as in an `async def`
        with pytest.raises(InvalidArgumentError, match="package_id must be a str, not int"):
            await bad

    asyncio.run(main())
    assert emulator.requests() == ["GET /api/packages/missing"]


def test_a_call_never_awaited_sends_nothing(emulator):
    client = AsyncClient(api_key=emulator.api_key, base_url=emulator.base_url)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call = client.packages.create({"name": "never sent"})
        time.sleep(0.3)  # were it running on the runtime, it would have arrived by now
        del call
        gc.collect()
    assert emulator.api_requests == 0 and emulator.events() == []
    assert any("'AsyncPackages.create' was never awaited" in str(w.message) for w in caught), caught


def test_cancelling_a_task_drops_its_request(emulator):
    async def main():
        client = AsyncClient(api_key=emulator.api_key, base_url=emulator.base_url)
        emulator.inject_fault(method="POST", path="/api/packages", delay=1.0)
        task = asyncio.create_task(client.packages.create({"name": "cancelled"}))
        while "POST /api/packages" not in emulator.requests():
            await asyncio.sleep(0.01)
        started = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        cancelled_in = time.monotonic() - started
        # Past the delay: had the request stayed open, the server would have created it.
        await asyncio.sleep(1.5)
        emulator.inject_fault(method="POST", path="/api/packages", delay=0.3)
        kept = await client.packages.create({"name": "not cancelled"})
        return cancelled_in, kept

    cancelled_in, kept = asyncio.run(main())
    assert cancelled_in < 0.5
    created = [e["packageId"] for e in emulator.events() if e["name"] == "PACKAGE_CREATE"]
    assert created == [kept]
