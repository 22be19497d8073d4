"""Quickstart: create a package with two signers and send it.

Runs against OneSpan Sign when ONESPAN_API_KEY (or ONESPAN_CLIENT_ID and
ONESPAN_CLIENT_SECRET) are set, with ONESPAN_ENVIRONMENT or ONESPAN_BASE_URL; otherwise
against the emulator embedded in the package.
"""

import os

from onespan_sign import Client, Package, Role, Signer
from onespan_sign.testing import Emulator


def story(client: Client) -> None:
    package = Package(
        name="Quickstart lease",
        roles=[
            Role(id="Tenant", signers=[Signer(email="ann@example.com", first_name="Ann", last_name="Lee")]),
            Role(id="Landlord", signers=[Signer(email="bob@example.com", first_name="Bob", last_name="Kay")]),
        ],
    )
    package_id = client.packages.create(package)
    print(f"[python] created package {package_id}")
    print(f"[python] status before sending: {client.packages.get(package_id).status}")
    client.packages.send(package_id)
    print(f"[python] status after sending:  {client.packages.get(package_id).status}")


def main() -> None:
    if os.environ.get("ONESPAN_API_KEY") or os.environ.get("ONESPAN_CLIENT_ID"):
        with Client() as client:
            print(f"[python] using OneSpan Sign at {client.base_url}")
            story(client)
        return
    with Emulator() as emu:
        print(f"[python] no ONESPAN_* credentials set: using the embedded emulator at {emu.base_url}")
        with Client(api_key=emu.api_key, base_url=emu.base_url) as client:
            story(client)


if __name__ == "__main__":
    main()
