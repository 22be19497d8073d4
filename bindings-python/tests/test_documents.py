"""Documents and downloads: upload, list, get, update, delete; the signed PDF, the
original, the zip, the evidence summary and the audit trail, as bytes, to a path and to a
binary file; what is left behind when a download fails. Each test runs with Client and
AsyncClient (the ``api`` fixture)."""

from __future__ import annotations

import io
import os
import pathlib

import pytest

from conftest import sent_package, two_signer_package
from onespan_sign import (
    AuditEvent,
    BadRequestError,
    Document,
    InvalidArgumentError,
    NotFoundError,
    TransportError,
)


def pdf(text: str) -> bytes:
    return f"%PDF-1.4\n% {text}\n%%EOF\n".encode()


def draft(api) -> str:
    return api.packages.create(two_signer_package("Docs"), documents=[("lease.pdf", pdf("lease"))])


def test_upload_list_get_update_delete(api, emulator):
    package_id = draft(api)
    before = len(emulator.requests())
    docs = api.documents.upload(package_id, [("annex-a.pdf", pdf("a")), ("annex-b.pdf", pdf("b"))])
    assert emulator.requests()[before:] == [f"POST /api/packages/{package_id}/documents"]
    assert [type(d) for d in docs] == [Document, Document]
    assert [d.name for d in docs] == ["annex-a.pdf", "annex-b.pdf"]

    listed = api.documents.list(package_id)
    assert [d.id for d in listed][:2] == ["default-consent", "doc1"]
    assert len(listed) == 4
    assert api.documents.download_original(package_id, docs[1].id) == pdf("b")

    assert api.documents.get(package_id, "doc1").name == "Lease"
    updated = api.documents.update(package_id, "doc1", Document(name="Lease v2"))
    assert updated.name == "Lease v2"
    assert api.documents.get(package_id, "doc1").name == "Lease v2"

    api.documents.delete(package_id, docs[0].id)
    with pytest.raises(NotFoundError):
        api.documents.get(package_id, docs[0].id)


def test_errors(api):
    package_id = draft(api)
    with pytest.raises(BadRequestError):
        api.documents.upload(package_id, [("notes.txt", b"plain text")])
    with pytest.raises(InvalidArgumentError):
        api.documents.upload(package_id, [])
    with pytest.raises(InvalidArgumentError, match="document_id"):
        api.documents.get(package_id, "")
    with pytest.raises(InvalidArgumentError, match="flatten must be a bool"):
        api.documents.download(package_id, "doc1", flatten="yes")
    with pytest.raises(InvalidArgumentError, match="binary file"):
        api.documents.download(package_id, "doc1", to=42)
    with pytest.raises(InvalidArgumentError, match="binary mode"):
        api.documents.download(package_id, "doc1", to=io.StringIO())
    for call in (
        lambda: api.documents.get(package_id, "nope"),
        lambda: api.documents.delete(package_id, "nope"),
        lambda: api.documents.download(package_id, "nope"),
        lambda: api.documents.download_original(package_id, "nope"),
        lambda: api.documents.download_zip("no-such-package"),
        lambda: api.packages.evidence_summary("no-such-package"),
        lambda: api.packages.audit("no-such-package"),
    ):
        with pytest.raises(NotFoundError):
            call()


def test_download_before_signing_is_the_document_as_it_stands(api):
    package_id = draft(api)
    current = api.documents.download(package_id, "doc1")
    assert isinstance(current, bytes) and current.startswith(b"%PDF-")
    assert api.documents.download(package_id, "doc1", flatten=True).startswith(b"%PDF-")
    assert api.documents.download_zip(package_id, flatten=True).startswith(b"PK")


def test_downloads_to_a_path_a_pathlike_and_a_binary_file(api, emulator, tmp_path: pathlib.Path):
    package_id = sent_package(api)
    emulator.complete_signing(package_id, "Signer1")
    emulator.complete_signing(package_id, "Signer2")
    n = api.documents.download(package_id, "doc1", to=str(tmp_path / "signed.pdf"))
    assert isinstance(n, int) and n == os.path.getsize(tmp_path / "signed.pdf")
    assert (tmp_path / "signed.pdf").read_bytes().startswith(b"%PDF-")
    n = api.packages.evidence_summary(package_id, to=tmp_path / "evidence.pdf")
    assert n == (tmp_path / "evidence.pdf").stat().st_size > 0
    sink = io.BytesIO()
    n = api.documents.download_zip(package_id, to=sink)
    assert n == len(sink.getvalue()) and sink.getvalue().startswith(b"PK")
    with open(tmp_path / "original.pdf", "wb") as f:
        api.documents.download_original(package_id, "doc1", to=f)
    assert (tmp_path / "original.pdf").read_bytes() == b"%PDF-1.4"
    assert sorted(os.listdir(tmp_path)) == ["evidence.pdf", "original.pdf", "signed.pdf"]

    audit = api.packages.audit(package_id)
    assert audit and all(isinstance(e, AuditEvent) and e.type for e in audit)


def test_a_directory_that_does_not_exist_is_refused_and_nothing_is_written(api, emulator, tmp_path):
    package_id = draft(api)
    before = len(emulator.requests())
    target = tmp_path / "missing" / "out.pdf"
    with pytest.raises(InvalidArgumentError, match="does not exist"):
        api.documents.download(package_id, "doc1", to=target)
    assert len(emulator.requests()) == before, "nothing was sent"
    assert os.listdir(tmp_path) == []


def test_a_download_cut_mid_stream_raises_transport_error_and_leaves_no_file(api, emulator, tmp_path):
    big = pdf("big").ljust(4 * 1024 * 1024, b" ")
    package_id = api.packages.create(two_signer_package("Big"), documents=[("big.pdf", big)])
    path = f"/api/packages/{package_id}/documents/doc1/original"
    target = tmp_path / "big.pdf"
    target.write_bytes(b"the previous version")
    emulator.inject_fault(path=path, action="cut")
    with pytest.raises(TransportError):
        api.documents.download_original(package_id, "doc1", to=target)
    assert target.read_bytes() == b"the previous version"
    assert os.listdir(tmp_path) == ["big.pdf"]
    # To a file object: the error too (what was written before the cut is the caller's).
    emulator.inject_fault(path=path, action="cut")
    with pytest.raises(TransportError):
        api.documents.download_original(package_id, "doc1", to=io.BytesIO())
    assert api.documents.download_original(package_id, "doc1", to=target) == len(big)
    assert target.read_bytes() == big


def test_a_file_whose_write_fails_raises_write_error(api, tmp_path):
    from onespan_sign.errors import WriteError

    package_id = draft(api)

    class Full(io.RawIOBase):
        def writable(self) -> bool:
            return True

        def write(self, b) -> int:
            raise OSError(28, "No space left on device")

    with pytest.raises(WriteError, match="No space left"):
        api.documents.download(package_id, "doc1", to=Full())
