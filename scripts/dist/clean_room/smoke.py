"""The clean room's Python test: run from a venv outside the repository where only the wheel
from dist/ is installed. Exits non-zero at the first failed assertion."""

import json
import os
import shutil
import signal
import subprocess
import sys

import onespan_sign
from onespan_sign import Client, NotFoundError, Package, Role, Signer
from onespan_sign.testing import Emulator

room = os.environ["CLEAN_ROOM"]
want_version = os.environ["WANT_VERSION"]

# The installed package, not the repository's sources.
assert onespan_sign.__file__.startswith(room), onespan_sign.__file__
assert onespan_sign.__version__ == want_version, onespan_sign.__version__
assert shutil.which("cargo") is None, "cargo is on PATH in the clean room"

with Emulator() as emu, Client(api_key=emu.api_key, base_url=emu.base_url) as client:
    package = Package(
        name="Clean room",
        roles=[Role(id="Signer1", signers=[Signer(email="ann@example.com", first_name="Ann", last_name="Lee")])],
    )
    package_id = client.packages.create(package, documents=[("a.pdf", b"%PDF-1.4\n%%EOF")])
    got = client.packages.get(package_id)
    assert got.name == "Clean room", got
    # The service's count: the owner's SENDER role first, then the one given.
    assert [r.id for r in got.roles] == [emu.sender_id, "Signer1"], got.roles
    try:
        client.packages.get("no-such-package")
        raise AssertionError("no NotFoundError")
    except NotFoundError:
        pass

# The emulator command the wheel installs, stopped by SIGTERM.
cmd = shutil.which("onespan-sign-emulator")
assert cmd is not None and cmd.startswith(room), cmd
proc = subprocess.Popen([cmd, "--api-key", "room-key"], stdout=subprocess.PIPE, text=True)
assert proc.stdout is not None
line = json.loads(proc.stdout.readline())
assert line["apiKey"] == "room-key", line
with Client(api_key="room-key", base_url=line["baseUrl"]) as client:
    try:
        client.packages.get("no-such-package")
        raise AssertionError("no NotFoundError")
    except NotFoundError:
        pass
proc.send_signal(signal.SIGTERM)
assert proc.wait(timeout=10) == 0, proc.returncode

print("clean room (python): wheel", want_version, "ok from", os.path.dirname(onespan_sign.__file__))
sys.exit(0)
