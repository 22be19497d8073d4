"""Quickstart: a lease signed by two people, from draft to signature image.

Runs against OneSpan Sign when ONESPAN_API_KEY (or ONESPAN_CLIENT_ID and
ONESPAN_CLIENT_SECRET, or ONESPAN_OAUTH_CLIENT_ID, ONESPAN_OAUTH_CLIENT_SECRET and
ONESPAN_OAUTH_TOKEN_URL) are set, with ONESPAN_ENVIRONMENT or ONESPAN_BASE_URL; otherwise
against the emulator embedded in the package, with its OAuth 2.0 client credentials, and
the emulator also plays the signers' part.
"""

import os
import struct
import time
from typing import Optional

from onespan_sign import Approval, Client, Document, Field, Package, Role, Signer
from onespan_sign.testing import Emulator

# The smallest PDF the service accepts as a document to sign.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
    b"endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"
)


EVENTS = [
    "PACKAGE_CREATE", "PACKAGE_ACTIVATE", "DOCUMENT_SIGNED", "SIGNER_COMPLETE", "PACKAGE_COMPLETE",
]


def say(text: str) -> None:
    print(f"[python] {text}")


def story(client: Client, emu: Optional[Emulator] = None) -> None:
    # `make demo` runs examples/webhook_receiver.py beside this and passes its address.
    receiver = os.environ.get("DEMO_CALLBACK_URL")
    if emu is not None and receiver:
        client.callbacks.set({"url": receiver, "key": os.environ["DEMO_CALLBACK_KEY"], "events": EVENTS})
        say(f"events go to {receiver}")

    package = Package(
        name="Quickstart lease",
        roles=[
            Role(id="Tenant", signers=[Signer(email="ann@example.com", first_name="Ann", last_name="Lee")]),
            Role(id="Landlord", signers=[Signer(email="bob@example.com", first_name="Bob", last_name="Kay")]),
        ],
        # The service sends a package with a signer, a document and a signature field.
        documents=[Document(name="Lease", approvals=[
            Approval(role="Tenant", fields=[Field(type="SIGNATURE", page=0, left=72, top=600, width=200, height=50)]),
            Approval(role="Landlord", fields=[Field(type="SIGNATURE", page=0, left=320, top=600, width=200, height=50)]),
        ])],
    )
    package_id = client.packages.create(package, documents=[("lease.pdf", PDF)])
    say(f"created package {package_id}: status {client.packages.get(package_id).status}")
    sender_token = client.auth_tokens.create_sender_token(package_id)
    say(f"designer URL: {client.auth_tokens.designer_url(sender_token, package_id)}")

    roles = client.roles.reorder(package_id, ["Landlord", "Tenant"])
    say("signing order: " + ", ".join(f"{r.index}. {r.id}" for r in roles))

    client.packages.send(package_id)
    say(f"sent: status {client.packages.get(package_id).status}, "
        f"signing status {client.packages.signing_status(package_id)}")

    token = client.auth_tokens.create_single_use(package_id, "ann@example.com")
    say(f"Ann's single-use signing URL: {client.auth_tokens.signing_url(token, package_id=package_id)}")
    say(f"Bob's reusable signing URL:   {client.roles.signing_url(package_id, 'Landlord')}")

    client.roles.send_email_notification(package_id, "Tenant")
    say("reminder emailed to Ann")

    if emu is None:
        say("sign at the URLs above, then download the signature images with roles.signature_image()")
        return
    for role in ("Landlord", "Tenant"):
        emu.complete_signing(package_id, role)  # the emulator plays the signer
        say(f"{role} signed: signer status {client.packages.signing_status(package_id, signer=role)}")
    say(f"package signing status: {client.packages.signing_status(package_id)}")
    image = client.roles.signature_image(package_id, "Tenant")
    width, height = struct.unpack(">II", image[16:24])
    say(f"Ann's signature: {len(image)} bytes of PNG, {width}x{height}")
    say(f"emails sent: {[n['to'] for n in emu.notifications()]}")
    if receiver:
        wait_for_deliveries(emu)


def wait_for_deliveries(emu: Emulator) -> None:
    """Lets the emulator finish delivering before it stops with the script."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        wanted = sum(e["name"] in EVENTS for e in emu.events())
        if wanted == sum(d["delivered"] for d in emu.deliveries()):
            break
        time.sleep(0.05)


def main() -> None:
    if any(os.environ.get(v) for v in ("ONESPAN_API_KEY", "ONESPAN_CLIENT_ID", "ONESPAN_OAUTH_CLIENT_ID")):
        with Client() as client:
            say(f"using OneSpan Sign at {client.base_url}")
            story(client)
        return
    with Emulator() as emu:
        say(f"no ONESPAN_* credentials set: using the embedded emulator at {emu.base_url}")
        with Client(
            oauth_client_id=emu.oauth_client_id,
            oauth_client_secret=emu.oauth_client_secret,
            oauth_token_url=emu.oauth_token_url,
            base_url=emu.base_url,
        ) as client:
            story(client, emu)


if __name__ == "__main__":
    main()
