"""Downloads a package's signed PDF and its evidence summary into a temporary folder and
prints their sizes and page counts (the end of `make demo`).

    python examples/download_signed.py [PACKAGE_ID DOCUMENT_ID]

With ONESPAN_* credentials set, it downloads from your account the document and package
given; otherwise it signs a lease on the emulator first. Both downloads stream to their
files (`to=`), so memory stays flat whatever their size. Page counts come from pypdf.
"""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Tuple

from pypdf import PdfReader

from onespan_sign import Client
from onespan_sign.testing import Emulator

FIELD = {"type": "SIGNATURE", "page": 0, "left": 72, "top": 600, "width": 200, "height": 50}


def signed_lease(client: Client, emu: Emulator) -> Tuple[str, str]:
    """A lease signed by its two signers on the emulator: (package ID, document ID)."""
    with open(os.path.join(os.path.dirname(__file__), "lease.pdf"), "rb") as f:
        pdf = f.read()
    package_id = client.packages.create({
        "name": "Demo lease",
        "roles": [
            {"id": "Tenant", "signers": [{"email": "ann@example.com", "firstName": "Ann", "lastName": "Lee"}]},
            {"id": "Landlord", "signers": [{"email": "bob@example.com", "firstName": "Bob", "lastName": "Kay"}]},
        ],
        "documents": [{"id": "lease", "name": "Lease", "approvals": [
            {"role": "Tenant", "fields": [FIELD]},
            {"role": "Landlord", "fields": [{**FIELD, "left": 320}]},
        ]}],
    }, documents=[("lease.pdf", pdf)])
    client.packages.send(package_id)
    emu.complete_signing(package_id, "Tenant")
    emu.complete_signing(package_id, "Landlord")
    return package_id, "lease"


def download(client: Client, package_id: str, document_id: str) -> None:
    with tempfile.TemporaryDirectory(prefix="onespan-demo-") as folder:
        signed = os.path.join(folder, "signed.pdf")
        summary = os.path.join(folder, "evidence-summary.pdf")
        client.documents.download(package_id, document_id, to=signed)
        client.packages.evidence_summary(package_id, to=summary)
        print(f"[download] into {folder}:")
        for path in (signed, summary):
            pages = len(PdfReader(path).pages)
            print(f"[download]   {os.path.basename(path)}: {os.path.getsize(path):,} bytes, {pages} page(s)")


def main() -> None:
    if os.environ.get("ONESPAN_API_KEY") or os.environ.get("ONESPAN_CLIENT_ID"):
        if len(sys.argv) != 3:
            sys.exit("with an account, give the package ID and the document ID")
        download(Client(), sys.argv[1], sys.argv[2])
        return
    with Emulator() as emu:
        client = Client(api_key=emu.api_key, base_url=emu.base_url)
        package_id, document_id = signed_lease(client, emu)
        download(client, package_id, document_id)


if __name__ == "__main__":
    main()
