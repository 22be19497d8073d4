"""The Python quickstart runs whole with OAuth 2.0 client credentials against the emulator:
its own embedded one, and one this test starts (credentials from ONESPAN_OAUTH_*)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from onespan_sign.testing import Emulator

QUICKSTART = Path(__file__).resolve().parents[2] / "examples" / "quickstart.py"
CREDENTIALS = ("ONESPAN_API_KEY", "ONESPAN_CLIENT_ID", "ONESPAN_CLIENT_SECRET", "ONESPAN_OAUTH_CLIENT_ID",
               "ONESPAN_OAUTH_CLIENT_SECRET", "ONESPAN_OAUTH_TOKEN_URL", "ONESPAN_BASE_URL", "ONESPAN_ENVIRONMENT",
               "DEMO_CALLBACK_URL")


def run(extra: dict) -> str:
    env = {k: v for k, v in os.environ.items() if k not in CREDENTIALS}
    env.update(extra)
    done = subprocess.run([sys.executable, str(QUICKSTART)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_the_quickstart_runs_whole_on_the_embedded_emulator_with_oauth():
    out = run({})
    for line in ("using the embedded emulator", "designer URL: ", "senderAuthenticationToken=", "&target=",
                 "Landlord signed: signer status SIGNING_COMPLETED", "package signing status: COMPLETED",
                 "Ann's signature: ", "PNG, 350x100"):
        assert line in out, out


def test_the_quickstart_runs_with_oauth_credentials_from_the_environment():
    with Emulator() as emu:
        out = run({
            "ONESPAN_OAUTH_CLIENT_ID": emu.oauth_client_id,
            "ONESPAN_OAUTH_CLIENT_SECRET": emu.oauth_client_secret,
            "ONESPAN_OAUTH_TOKEN_URL": emu.oauth_token_url,
            "ONESPAN_BASE_URL": emu.base_url,
        })
        assert f"using OneSpan Sign at {emu.base_url}" in out, out
        assert "reminder emailed to Ann" in out and "sign at the URLs above" in out, out
        # One OAuth token served every call; the package was sent and the reminder went out.
        assert emu.token_requests == 1
        assert any(r.startswith("POST /api/authenticationTokens/sender") for r in emu.requests())
        assert "ann@example.com" in [n["to"] for n in emu.notifications()]
        assert emu.oauth_client_secret not in out
