"""The catching-up example (examples/catch_up.py), end to end against the emulator: every
delivery fails while the receiver is down, none is resent, and one listing by last update
brings the local record up to date."""

from __future__ import annotations

import importlib.util
import pathlib
import time
from datetime import datetime, timedelta, timezone

from onespan_sign import Client
from onespan_sign.testing import Emulator

EXAMPLE = pathlib.Path(__file__).resolve().parents[2] / "examples" / "catch_up.py"


def load_example():
    spec = importlib.util.spec_from_file_location("catch_up", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_demo_recovers_every_package_changed_during_the_outage(capsys):
    local = load_example().demo()
    assert sorted(local.values()) == ["COMPLETED", "SENT", "SENT"]
    out = capsys.readouterr().out
    assert "deliveries failed during the outage" in out
    assert "3 records brought up to date" in out


def test_catch_up_finds_what_changed_since_the_checkpoint_and_nothing_twice():
    example = load_example()
    catch_up = example.catch_up
    with Emulator() as emu:
        client = Client(api_key=emu.api_key, base_url=emu.base_url)
        old = client.packages.create({"name": "Before"})
        local = {}
        since, changed = catch_up(client, datetime.now(timezone.utc) - timedelta(hours=1), local)
        assert (local, changed) == ({old: "DRAFT"}, 1)
        # The receiver is down: the event of the change below is not delivered.
        client.callbacks.set({"url": "http://127.0.0.1:9/down", "events": ["PACKAGE_TRASH"]})
        client.packages.trash(old)
        new = client.packages.create({"name": "During the outage"})
        failed = example.attempts(emu, 1)
        time.sleep(0.3)  # time for a retry, were there one
        assert [(d["event_name"], d["attempt"]) for d in emu.deliveries()] == [("PACKAGE_TRASH", 1)]
        assert [(d["event_name"], d["attempt"]) for d in failed] == [("PACKAGE_TRASH", 1)], "tried once, never resent"
        since, changed = catch_up(client, since, local)
        assert local[new] == "DRAFT" and changed == 1
        # Nothing changed since: nothing to record, however often it runs.
        assert catch_up(client, since, local)[1] == 0
