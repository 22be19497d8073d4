"""Packages: create, get, update, send, delete, signing status, and their errors."""

from __future__ import annotations

import pickle

import pytest

from conftest import sent_package, two_signer_package
from onespan_sign import (
    BadRequestError,
    InvalidArgumentError,
    NotFoundError,
    OneSpanError,
    Package,
    Role,
    Signer,
    SigningStatus,
)


def test_create_get_update_send_delete(api, emulator):
    package_id = api.packages.create(two_signer_package("Lease"))
    pkg = api.packages.get(package_id)
    assert isinstance(pkg, Package)
    assert (pkg.id, pkg.name, pkg.status) == (package_id, "Lease", "DRAFT")
    # As on the service: the owner's role first, then the roles given; the consent
    # document, then the documents given.
    assert [r.id for r in pkg.roles] == [emulator.sender_id, "Signer1", "Signer2"]
    assert (pkg.roles[0].type, pkg.roles[0].signers[0].email) == ("SENDER", emulator.sender_email)
    assert pkg.roles[1].signers[0].first_name == "Ann"
    assert [d.id for d in pkg.documents] == ["default-consent", "doc1"]

    api.packages.update(package_id, Package(description="12 months"))
    assert api.packages.get(package_id).description == "12 months"

    assert api.packages.send(package_id) is None
    assert api.packages.get(package_id).status == "SENT"

    api.packages.delete(package_id)
    with pytest.raises(NotFoundError):
        api.packages.get(package_id)


def test_model_classes_build_the_same_request_as_dicts(api):
    pkg = Package(
        name="Typed",
        roles=[Role(id="Signer1", signers=[Signer(email="a@x.com", first_name="Ann", last_name="Lee")])],
    )
    assert pkg.to_dict()["roles"][0]["signers"][0]["firstName"] == "Ann"
    got = api.packages.get(api.packages.create(pkg))
    assert got.roles[1].signers[0].email == "a@x.com"


def test_unknown_fields_survive_get_modify_update(api):
    package_id = api.packages.create({"name": "extra", "visibility": "ACCOUNT"})
    pkg = api.packages.get(package_id)
    assert pkg.extra["visibility"] == "ACCOUNT"
    pkg.description = "changed"
    api.packages.update(package_id, pkg)
    again = api.packages.get(package_id)
    assert again.extra["visibility"] == "ACCOUNT" and again.description == "changed"


def test_not_found_carries_onespans_message(api):
    with pytest.raises(NotFoundError) as info:
        api.packages.get("no-such-package")
    e = info.value
    assert e.status == 404
    assert e.message_key == "error.notFound.packageNotFound"
    assert e.message == "The specified package could not be found."
    assert "packageNotFound" in e.body
    assert isinstance(e, OneSpanError)


def test_errors_survive_pickling(api):
    with pytest.raises(NotFoundError) as info:
        api.packages.get("gone")
    again = pickle.loads(pickle.dumps(info.value))
    assert type(again) is NotFoundError
    assert (again.status, again.message_key, again.message) == (404, info.value.message_key, info.value.message)


@pytest.mark.parametrize("bad", ["", "   ", "\t\n", ".", "..", "a\x00b", "x" * 256])
def test_bad_ids_fail_before_any_request(api, emulator, bad):
    with pytest.raises(InvalidArgumentError):
        api.packages.get(bad)
    assert emulator.api_requests == 0


def test_ids_are_encoded_not_concatenated(api):
    with pytest.raises(NotFoundError) as info:
        api.packages.get("x/../y?z=1")
    assert info.value.message_key == "error.notFound.packageNotFound"


def test_nameless_package_is_a_bad_request(api):
    with pytest.raises(BadRequestError) as info:
        api.packages.create({})
    assert info.value.status == 400


def test_a_package_that_is_not_a_mapping_is_refused(api, emulator):
    # InvalidArgumentError documents "an argument of the wrong type": one class, not TypeError.
    with pytest.raises(InvalidArgumentError) as info:
        api.packages.create(["not", "a", "package"])
    assert type(info.value) is InvalidArgumentError
    assert str(info.value) == "invalid argument: package must be a Package or a dict of its wire JSON, not list"
    assert emulator.api_requests == 0


def test_documents_are_uploaded(api):
    package_id = api.packages.create({"name": "docs"}, documents=[("contract.pdf", b"%PDF-1.4 tiny")])
    docs = api.packages.get(package_id).documents
    # The service's consent document first, then the one uploaded.
    assert [(d.id, d.name) for d in docs][0] == ("default-consent", "Electronic Disclosures and Signatures Consent")
    assert [d.name for d in docs][1:] == ["contract"]


def test_model_repr_and_equality():
    a = Package(name="x", roles=[Role(id="r")])
    b = Package.from_dict({"name": "x", "roles": [{"id": "r"}]})
    assert a == b
    assert repr(a).startswith("Package(name='x'")
    with pytest.raises(TypeError):
        Package(nmae="typo")


def test_signing_status_at_each_grain(api, emulator):
    draft = api.packages.create(two_signer_package("D"))
    assert api.packages.signing_status(draft) == SigningStatus.DRAFT
    p = sent_package(api)
    doc = api.packages.get(p).documents[1].id  # [0] is the consent
    assert api.packages.signing_status(p) == "SIGNING_PENDING"
    emulator.sign_document(p, "Signer1", doc)
    assert api.packages.signing_status(p, signer="Signer1", document=doc) == "SIGNING_COMPLETED"
    assert api.packages.signing_status(p, signer="ann@example.com") == "SIGNING_PENDING"
    assert api.packages.signing_status(p, document=doc) == "SIGNING_PENDING"
    emulator.complete_signing(p, "Signer1")
    assert api.packages.signing_status(p, "Signer1") == "SIGNING_COMPLETED"
    emulator.complete_signing(p, "Signer2")
    assert api.packages.signing_status(p) == "COMPLETED"
    with pytest.raises(NotFoundError):
        api.packages.signing_status(p, signer="nobody")
