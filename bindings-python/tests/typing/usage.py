"""Type-checked with ``mypy --strict`` by tests/test_typing.py: the stubs must accept it."""

import asyncio
from typing import List

from onespan_sign import AsyncClient, Client, Package, Role, Signer, SigningStatus
from onespan_sign.errors import NotFoundError, OneSpanTimeoutError


def sync_flow(client: Client) -> str:
    package = Package(name="Lease", roles=[Role(id="Signer1", signers=[Signer(email="a@x.com", first_name="Ann")])])
    package_id: str = client.packages.create(package, documents=[("doc.pdf", b"%PDF-1.4")])
    roles: List[Role] = client.roles.list(package_id)
    status: str = client.packages.signing_status(package_id, signer="a@x.com")
    image: bytes = client.roles.signature_image(package_id, roles[0].id or "", format="jpeg")
    url: str = client.auth_tokens.signing_url("token")
    assert status != SigningStatus.COMPLETED or image or url
    try:
        client.packages.get("missing")
    except (NotFoundError, OneSpanTimeoutError) as e:
        print(e.status, e.message_key)
    return package_id


async def async_flow(client: AsyncClient) -> Package:
    package_id = await client.packages.create({"name": "Lease"})
    url: str = client.auth_tokens.signing_url("token")
    print(url)
    return await client.packages.get(package_id)


def with_limits(client: Client) -> Client:
    with Client(api_key="k", base_url="http://127.0.0.1:1", timeout=2.5, max_retries=0) as c:
        print(c.base_url)
    return client.with_options(timeout=1.0)


def returns_inside_with(api_key: str) -> str:
    # `__exit__` returns None, so mypy knows the `with` cannot swallow an exception and
    # does not ask for a return after it.
    with Client(api_key=api_key, base_url="http://127.0.0.1:1") as client:
        return client.packages.create({"name": "x"})


async def returns_inside_async_with(api_key: str) -> Package:
    async with AsyncClient(api_key=api_key, base_url="http://127.0.0.1:1") as client:
        return await client.packages.get("p")


async def tasks(client: AsyncClient) -> List[Role]:
    task: "asyncio.Task[Package]" = asyncio.create_task(client.packages.get("p"))
    roles = asyncio.ensure_future(client.roles.list((await task).id or ""))
    return await roles


def documents_and_listings(client: Client, folder: str) -> int:
    from datetime import datetime, timezone

    from onespan_sign import AuditEvent, Document

    docs: List[Document] = client.documents.upload("p", [("a.pdf", b"%PDF-1.4")])
    pdf: bytes = client.documents.download("p", docs[0].id or "", flatten=True)
    written: int = client.documents.download("p", "d", to=folder + "/signed.pdf")
    with open(folder + "/all.zip", "wb") as f:
        written += client.documents.download_zip("p", to=f)
    audit: List[AuditEvent] = client.packages.audit("p")
    names = [p.name for p in client.packages.list(status="SENT", updated_after=datetime.now(timezone.utc))]
    templates = [t.id for t in client.templates.list(page_size=10)]
    return written + len(pdf) + len(audit) + len(names) + len(templates)


async def async_listing(client: AsyncClient) -> List[str]:
    summary: bytes = await client.packages.evidence_summary("p")
    print(len(summary))
    return [p.id or "" async for p in client.packages.list(page_size=25)]
