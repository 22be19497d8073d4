"""`python -m onespan_sign.emulator`: the emulator as a command for code in any language.

It prints the JSON line of tests/vectors/emulator_command.json (the Rust binary's line),
serves with the credentials it was given, and SIGINT or SIGTERM stops it with exit code 0.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

from onespan_sign import AuthenticationError, Client, NotFoundError

VECTOR = json.loads(
    (Path(__file__).resolve().parents[2] / "tests" / "vectors" / "emulator_command.json").read_text()
)


def start(*args: str) -> Tuple[subprocess.Popen, Dict[str, Any]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "onespan_sign.emulator", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        proc.kill()
        raise AssertionError(f"no line; stderr: {proc.communicate()[1]}")
    return proc, json.loads(line)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_prints_the_shared_line_serves_and_stops_cleanly(sig: signal.Signals) -> None:
    proc, line = start("--api-key", "cmd-key-7c1d", "--token-ttl-secs", "60")
    try:
        assert list(line) == VECTOR["keys"]
        assert line["apiKey"] == "cmd-key-7c1d"
        assert line["baseUrl"].startswith("http://127.0.0.1:")
        assert line["oauthTokenUrl"] == line["baseUrl"] + "/oauth2/token"
        with Client(api_key="cmd-key-7c1d", base_url=line["baseUrl"], max_retries=0) as client:
            with pytest.raises(NotFoundError):
                client.packages.get("no-such-package")
        with Client(api_key="another-key", base_url=line["baseUrl"], max_retries=0) as client:
            with pytest.raises(AuthenticationError):
                client.packages.get("no-such-package")
        # OAuth credentials from the line work too.
        with Client(
            client_id=line["clientId"], client_secret=line["clientSecret"], base_url=line["baseUrl"]
        ) as client:
            with pytest.raises(NotFoundError):
                client.packages.get("no-such-package")
    finally:
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert "Traceback" not in err


def test_every_shared_flag_is_accepted() -> None:
    args: List[str] = []
    for flag in VECTOR["flags"]:
        args += [flag, VECTOR["sample"].get(flag, "17")]
    proc, line = start(*args)
    proc.terminate()
    proc.communicate(timeout=10)
    assert line["clientId"] == "17" and line["clientSecret"] == "17" and line["apiKey"] == "17"
    assert proc.returncode == 0


@pytest.mark.parametrize(
    "args, words",
    [
        (["--colour", "blue"], "unrecognized arguments: --colour blue"),
        (["--port", "eighty"], "invalid int value: 'eighty'"),
        (["--port", "70000"], "'port' must be a whole number from 0 to 65535"),
    ],
)
def test_bad_flags_are_refused_in_one_line(args: List[str], words: str) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "onespan_sign.emulator", *args],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert r.returncode in (1, 2)
    assert words in r.stderr
    assert "Traceback" not in r.stderr
    assert r.stdout == ""
