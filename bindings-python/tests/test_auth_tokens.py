"""Signer authentication tokens and signing-session URLs (signing status: test_packages.py)."""

from __future__ import annotations

import time

import pytest

from conftest import open_url, sent_package, two_signer_package
from onespan_sign import BadRequestError, InvalidArgumentError, NotFoundError
from onespan_sign.testing import Emulator


def test_tokens_need_a_sent_package(api):
    p = api.packages.create(two_signer_package("D"))
    with pytest.raises(BadRequestError) as info:
        api.auth_tokens.create_single_use(p, "Signer1")
    assert info.value.message_key == "error.validation.invalidPackageState"
    assert "invalid state" in info.value.message


def test_single_use_token_opens_one_session(api, emulator):
    p = sent_package(api)
    token = api.auth_tokens.create_single_use(p, "Signer1")
    url = api.auth_tokens.signing_url(token)
    assert url == f"{emulator.base_url}/auth?signerAuthenticationToken={token}"
    assert open_url(url) == 200
    assert open_url(url) == 401


def test_multi_use_and_signer_tokens(api):
    p = sent_package(api)
    for token in (api.auth_tokens.create_multi_use(p, "bob@example.com"), api.auth_tokens.create_signer_token(p, "Signer2")):
        url = api.auth_tokens.signing_url(token)
        assert (open_url(url), open_url(url)) == (200, 200)


def test_unknown_signer_is_not_found(api):
    p = sent_package(api)
    with pytest.raises(NotFoundError):
        api.auth_tokens.create_multi_use(p, "nobody@example.com")


def test_tokens_expire(connect):
    with Emulator(signer_token_ttl=0.3) as emu:
        api = connect(emu=emu)
        p = sent_package(api)
        token = api.auth_tokens.create_multi_use(p, "Signer1")
        time.sleep(0.5)
        assert open_url(api.auth_tokens.signing_url(token)) == 401


def test_bad_arguments_fail_before_any_request(api, emulator):
    with pytest.raises(InvalidArgumentError):
        api.auth_tokens.create_single_use("", "Signer1")
    with pytest.raises(InvalidArgumentError):
        api.auth_tokens.signing_url("")
    assert emulator.api_requests == 0


def test_signing_url_with_the_package_names_the_transaction_target(api, emulator):
    from urllib.parse import quote

    p = sent_package(api)
    token = api.auth_tokens.create_single_use(p, "Signer1")
    url = api.auth_tokens.signing_url(token, package_id=p)
    target = quote(f"{emulator.base_url}/transaction/{p}/sign", safe="")
    assert url == f"{emulator.base_url}/auth?signerAuthenticationToken={token}&target={target}"
    assert open_url(url) == 200


def test_sender_token_opens_the_designer_once(api, emulator):
    from urllib.parse import quote

    p = api.packages.create(two_signer_package("To design"))
    token = api.auth_tokens.create_sender_token(p)
    url = api.auth_tokens.designer_url(token, p)
    target = quote(f"{emulator.base_url}/designer/{p}", safe="")
    assert url == f"{emulator.base_url}/auth?senderAuthenticationToken={token}&target={target}"
    assert open_url(url) == 200
    assert open_url(url) == 401


def test_sender_token_errors(api, emulator):
    with pytest.raises(NotFoundError):
        api.auth_tokens.create_sender_token("no-such-package")
    with pytest.raises(InvalidArgumentError):
        api.auth_tokens.create_sender_token("")
    with pytest.raises(InvalidArgumentError):
        api.auth_tokens.designer_url("t", "")
    with pytest.raises(InvalidArgumentError, match="package_id must be a str"):
        api.auth_tokens.signing_url("t", package_id=5)
