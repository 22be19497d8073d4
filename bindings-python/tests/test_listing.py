"""Listings: ``for`` over ``Client``, ``async for`` over ``AsyncClient``; every package
once, in the service's order, one request per page; filters; past the last page;
templates and packages made from them; status changes."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import pytest

from conftest import make_client, sent_package, two_signer_package
from onespan_sign import (
    BadRequestError,
    InvalidArgumentError,
    NotFoundError,
    Package,
)
from onespan_sign._native import Pages


def list_requests(emu) -> int:
    return sum(1 for r in emu.requests() if r == "GET /api/packages")


def make_packages(emu, n: int) -> list:
    client = make_client("sync", emu)
    return [client.packages.create({"name": f"P{i:03}"}) for i in range(n)]


def test_for_yields_250_packages_once_each_in_5_requests(emulator):
    created = make_packages(emulator, 250)
    client = make_client("sync", emulator)
    before = list_requests(emulator)
    pages = client.packages.list(page_size=50)
    assert isinstance(pages, Pages)
    assert list_requests(emulator) == before, "nothing is sent before the first item"
    seen = [p.id for p in pages]
    assert list_requests(emulator) - before == 5
    assert seen == created[::-1], "each once, newest first, as the service orders them"
    assert all(isinstance(p, Package) for p in client.packages.list(page_size=100))
    # Past the last page: the iterator stays ended, with no more requests.
    before = list_requests(emulator)
    with pytest.raises(StopIteration):
        next(pages)
    assert list_requests(emulator) == before


def test_async_for_yields_250_packages_once_each_in_5_requests(emulator):
    created = make_packages(emulator, 250)

    async def run() -> list:
        async with make_client("async", emulator) as client:
            return [p.id async for p in client.packages.list(page_size=50)]

    before = list_requests(emulator)
    assert asyncio.run(run()) == created[::-1]
    assert list_requests(emulator) - before == 5


def test_filters_and_an_empty_listing(api):
    for name in ("Lease 1", "Lease 2", "Loan"):
        api.packages.create({"name": name})
    names = sorted(p.name for p in api.packages.list(status="DRAFT", search="lease", page_size=2))
    assert names == ["Lease 1", "Lease 2"]
    now = datetime.now(timezone.utc)
    hour = timedelta(hours=1)
    assert len(list(api.packages.list(updated_after=now - hour, updated_before=now + hour))) == 3
    assert list(api.packages.list(updated_after=now + hour)) == []
    assert list(api.packages.list(status="SENT")) == []


def test_bad_listing_arguments(api):
    with pytest.raises(InvalidArgumentError, match="INBOX"):
        api.packages.list(status="FINISHED")
    with pytest.raises(InvalidArgumentError, match="timezone-aware"):
        api.packages.list(updated_after=datetime.now())
    with pytest.raises(InvalidArgumentError, match="datetime"):
        api.packages.list(updated_after="2026-01-01")
    with pytest.raises(InvalidArgumentError, match="page_size"):
        api.packages.list(page_size=0)
    with pytest.raises(InvalidArgumentError, match="int"):
        api.packages.list(page_size=True)


def test_templates_create_list_clone(api):
    template_id = api.templates.create(two_signer_package("NDA"), documents=[("nda.pdf", b"%PDF-1.4")])
    api.packages.create({"name": "Not a template"})
    assert [t.id for t in api.templates.list()] == [template_id]
    assert template_id not in [p.id for p in api.packages.list()]
    new = two_signer_package("NDA with Ann")
    del new["documents"]
    package_id = api.packages.create_from_template(template_id, new)
    assert package_id != template_id
    assert api.packages.get(package_id).name == "NDA with Ann"
    assert "doc1" in [d.id for d in api.documents.list(package_id)]
    with pytest.raises(NotFoundError):
        api.packages.create_from_template("no-such-template", new)


def test_trash_restore_to_draft(api, emulator):
    package_id = sent_package(api)
    api.packages.trash(package_id)
    assert package_id in [p.id for p in api.packages.list(status="TRASH")]
    api.packages.restore(package_id)
    assert package_id not in [p.id for p in api.packages.list(status="TRASH")]
    api.packages.to_draft(package_id)
    assert api.packages.get(package_id).status == "DRAFT"
    names = [e["name"] for e in emulator.events() if e["packageId"] == package_id]
    assert "PACKAGE_TRASH" in names and "PACKAGE_RESTORE" in names
    for call in (api.packages.trash, api.packages.restore, api.packages.mark_complete, api.packages.to_draft):
        with pytest.raises(NotFoundError):
            call("no-such-package")


def test_mark_complete_then_archive(api, emulator):
    pkg = two_signer_package("Review")
    pkg["autocomplete"] = False
    package_id = api.packages.create(pkg, documents=[("doc.pdf", b"%PDF-1.4")])
    api.packages.send(package_id)
    with pytest.raises(BadRequestError):
        api.packages.archive(package_id)
    emulator.complete_signing(package_id, "Signer1")
    emulator.complete_signing(package_id, "Signer2")
    names = [e["name"] for e in emulator.events() if e["packageId"] == package_id]
    assert "PACKAGE_READY_FOR_COMPLETE" in names and "PACKAGE_COMPLETE" not in names
    api.packages.mark_complete(package_id)
    assert api.packages.get(package_id).status == "COMPLETED"
    api.packages.archive(package_id)
    assert api.packages.get(package_id).status == "ARCHIVED"
