"""The account's senders: signature images, sync and async."""

from __future__ import annotations

import pytest

from onespan_sign import InvalidArgumentError, NotFoundError


@pytest.mark.parametrize("fmt, magic", [(None, b"\x89PNG"), ("png", b"\x89PNG"), ("jpeg", b"\xff\xd8\xff"), ("gif", b"GIF8")])
def test_signature_image_in_each_format(api, emulator, fmt, magic):
    image = api.senders.signature_image(emulator.sender_id) if fmt is None else api.senders.signature_image(emulator.sender_id, format=fmt)
    assert isinstance(image, bytes) and image.startswith(magic)
    assert f"GET /api/account/senders/{emulator.sender_id}/signatureImage" in emulator.requests()


def test_deleted_and_unknown_signatures_are_not_found(api, emulator):
    with pytest.raises(NotFoundError):
        api.senders.signature_image("someone-else")
    assert api.senders.delete_signature_image(emulator.sender_id) is None
    with pytest.raises(NotFoundError) as info:
        api.senders.signature_image(emulator.sender_id)
    assert info.value.message_key == "error.notFound.signatureImage"
    with pytest.raises(NotFoundError):
        api.senders.delete_signature_image(emulator.sender_id)


def test_bad_arguments_fail_before_any_request(api, emulator):
    with pytest.raises(InvalidArgumentError):
        api.senders.signature_image("")
    with pytest.raises(InvalidArgumentError, match="bmp"):
        api.senders.signature_image(emulator.sender_id, format="bmp")
    with pytest.raises(InvalidArgumentError, match="sender_id must be a str"):
        api.senders.signature_image(42)
    assert emulator.api_requests == 0
