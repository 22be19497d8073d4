"""Roles and signers: CRUD, order, lock/unlock, notifications, signing URLs, images."""

from __future__ import annotations

import struct

import pytest

from conftest import open_url, sent_package, two_signer_package
from onespan_sign import (
    BadRequestError,
    ConflictError,
    InvalidArgumentError,
    NotFoundError,
    Role,
    Signer,
)


def test_list_get_create_update_delete(api, emulator):
    p = api.packages.create(two_signer_package())
    assert [r.id for r in api.roles.list(p)] == [emulator.sender_id, "Signer1", "Signer2"]
    assert api.roles.get(p, "Signer2").signers[0].email == "bob@example.com"

    created = api.roles.create(p, Role(id="Witness", signers=[Signer(email="cy@example.com", first_name="Cy", last_name="Ng")]))
    assert isinstance(created, Role)
    assert (created.id, created.index, created.type) == ("Witness", 3, "SIGNER")

    created.signers[0].first_name = "Cyrus"
    assert api.roles.update(p, "Witness", created).signers[0].first_name == "Cyrus"

    api.roles.delete(p, "Witness")
    with pytest.raises(NotFoundError) as info:
        api.roles.get(p, "Witness")
    assert info.value.message_key == "error.notFound.roleNotFound"


def test_unknown_role_fields_survive_get_modify_update(api):
    p = api.packages.create(two_signer_package())
    role = api.roles.get(p, "Signer1")
    assert "attachmentRequirements" in role.extra
    role.extra["data"] = {"crm": 42}
    role.name = "Tenant"
    stored = api.roles.update(p, "Signer1", role)
    assert stored.extra["data"] == {"crm": 42} and stored.name == "Tenant"
    assert "attachmentRequirements" in stored.extra


def test_duplicate_role_is_a_conflict_and_a_signer_needs_an_email(api):
    p = api.packages.create(two_signer_package())
    with pytest.raises(ConflictError):
        api.roles.create(p, {"id": "Signer1", "signers": [{"email": "z@example.com"}]})
    with pytest.raises(BadRequestError) as info:
        api.roles.create(p, {"id": "X", "signers": [{"email": "not-an-email"}]})
    assert info.value.message_key == "error.validation.invalidEmail"


def test_reorder(api, emulator):
    p = api.packages.create(two_signer_package())
    answered = api.roles.reorder(p, ["Signer2", "Signer1"])
    owner = emulator.sender_id
    assert [(r.id, r.index) for r in answered] == [(owner, 0), ("Signer2", 1), ("Signer1", 2)]
    assert [r.id for r in api.roles.list(p)] == [owner, "Signer2", "Signer1"]
    with pytest.raises(NotFoundError):
        api.roles.reorder(p, ["Nobody"])
    with pytest.raises(InvalidArgumentError):
        api.roles.reorder(p, [])


def test_a_locked_signer_is_unlocked(api, emulator):
    p = sent_package(api)
    emulator.lock_signer(p, "Signer1")
    assert api.roles.get(p, "Signer1").locked is True
    with pytest.raises(BadRequestError):
        emulator.sign_document(p, "Signer1")
    api.roles.unlock_signer(p, "Signer1")
    assert api.roles.get(p, "Signer1").locked is False
    emulator.sign_document(p, "Signer1")


def test_notifications_are_recorded(api, emulator):
    draft = api.packages.create(two_signer_package("D"))
    with pytest.raises(BadRequestError):
        api.roles.send_email_notification(draft, "Signer1")
    p = sent_package(api)
    api.roles.send_email_notification(p, "Signer1")
    with pytest.raises(BadRequestError) as info:
        api.roles.send_sms_passcode(p, "Signer1")
    assert info.value.message_key == "error.validation.sms.noPhoneNumber"
    assert emulator.notifications() == [{"kind": "email", "package_id": p, "role_id": "Signer1", "to": "ann@example.com"}]


def test_role_signing_url_is_reusable(api, emulator):
    p = sent_package(api)
    url = api.roles.signing_url(p, "Signer1")
    assert url.startswith(emulator.base_url)
    assert open_url(url) == 200
    assert open_url(url) == 200


def test_signature_image(api, emulator):
    p = sent_package(api)
    with pytest.raises(NotFoundError):
        api.roles.signature_image(p, "Signer1")
    emulator.complete_signing(p, "Signer1")
    png = api.roles.signature_image(p, "Signer1")
    assert isinstance(png, bytes) and png.startswith(b"\x89PNG\r\n\x1a\n")
    assert struct.unpack(">II", png[16:24]) == (350, 100)
    assert api.roles.signature_image(p, "Signer1", "jpeg").startswith(b"\xff\xd8\xff")
    gif = api.roles.signature_image(p, "Signer1", format="gif")
    assert gif.startswith(b"GIF8") and struct.unpack("<HH", gif[6:10]) == (350, 100)
    with pytest.raises(InvalidArgumentError):
        api.roles.signature_image(p, "Signer1", "bmp")
