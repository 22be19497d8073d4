"""The stubs and generated models, as a type checker sees them (mypy --strict)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent / "typing"


def mypy(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_typical_usage_type_checks_strictly():
    result = mypy(HERE / "usage.py")
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_typo_in_a_model_keyword_fails_the_type_check():
    result = mypy(HERE / "typo.py")
    assert result.returncode == 1, result.stdout
    assert 'Unexpected keyword argument "frist_name" for "Signer"' in result.stdout, result.stdout


def test_exit_returns_none_and_lets_exceptions_through():
    from onespan_sign import Client

    client = Client(api_key="k", base_url="http://127.0.0.1:1")
    assert client.__exit__(None, None, None) is None
    try:
        with client:
            raise KeyError("kept")
    except KeyError as e:
        assert e.args == ("kept",)
    else:
        raise AssertionError("the with block swallowed the exception")
