"""OAuth 2.0 client credentials against the emulator's token endpoint, sync and async."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from logging import DEBUG

import pytest

from onespan_sign import AsyncClient, AuthenticationError, Client, InvalidArgumentError, Package
from onespan_sign.testing import Emulator


def oauth_args(emu: Emulator, **overrides) -> dict:
    args = {
        "oauth_client_id": emu.oauth_client_id,
        "oauth_client_secret": emu.oauth_client_secret,
        "oauth_token_url": emu.oauth_token_url,
        "base_url": emu.base_url,
    }
    args.update(overrides)
    return args


def test_the_emulator_exposes_its_oauth_client(emulator):
    assert emulator.oauth_token_url == emulator.base_url + "/oauth2/token"
    assert emulator.oauth_client_id and emulator.oauth_client_secret
    assert emulator.oauth_client_secret not in repr(emulator)


def test_oauth_is_accepted(connect, emulator):
    api = connect("oauth")
    package_id = api.packages.create(Package(name="o"))
    assert api.packages.get(package_id).name == "o"
    assert emulator.token_requests == 1


def test_a_sender_id_is_accepted(connect, emulator):
    api = connect("oauth", sender_id="sender-7")
    assert api.packages.create({"name": "s"})


def test_wrong_secret_is_an_authentication_error(connect):
    client = connect("oauth", oauth_client_secret="wrong-oauth-s3cret")
    with pytest.raises(AuthenticationError) as info:
        client.packages.get("x")
    assert info.value.status == 401
    assert "invalid_client" in str(info.value)
    assert "wrong-oauth-s3cret" not in str(info.value) and "wrong-oauth-s3cret" not in repr(info.value)


def test_expiring_token_is_refreshed_unnoticed(connect):
    with Emulator(token_ttl=0.4) as emu:
        client = connect("oauth", emu=emu)
        package_id = client.packages.create({"name": "r"})
        time.sleep(1.1)
        assert client.packages.get(package_id).name == "r"
        assert emu.token_requests == 2


def test_revoked_token_is_fetched_again_on_401(connect, emulator):
    api = connect("oauth")
    package_id = api.packages.create({"name": "v"})
    emulator.expire_tokens()
    assert api.packages.get(package_id).id == package_id
    assert emulator.token_requests == 2


def test_fifty_threads_on_a_cold_client_fetch_one_token(emulator):
    client = Client(**oauth_args(emulator))
    with ThreadPoolExecutor(max_workers=50) as pool:
        ids = list(pool.map(lambda i: client.packages.create({"name": f"p{i}"}), range(50)))
    assert len(set(ids)) == 50
    assert emulator.token_requests == 1


def test_fifty_tasks_on_a_cold_async_client_fetch_one_token(emulator):
    async def main():
        client = AsyncClient(**oauth_args(emulator))
        return await asyncio.gather(*(client.packages.create({"name": f"p{i}"}) for i in range(50)))

    ids = asyncio.run(main())
    assert len(set(ids)) == 50
    assert emulator.token_requests == 1


@pytest.mark.parametrize(
    "extra",
    [
        {"api_key": "k"},
        {"client_id": "i", "client_secret": "s"},
    ],
)
def test_one_kind_of_credentials_per_client(emulator, kind, extra):
    cls = Client if kind == "sync" else AsyncClient
    with pytest.raises(InvalidArgumentError):
        cls(**oauth_args(emulator), **extra)


def test_sender_id_needs_oauth(emulator):
    with pytest.raises(InvalidArgumentError):
        Client(api_key="k", sender_id="x", base_url=emulator.base_url)


def test_a_plain_http_token_url_elsewhere_is_refused(emulator):
    with pytest.raises(InvalidArgumentError) as info:
        Client(**oauth_args(emulator, oauth_token_url="http://auth.example.com/token"))
    assert "https" in str(info.value)


def test_half_the_oauth_options_is_an_error(emulator):
    with pytest.raises(InvalidArgumentError):
        Client(oauth_client_id="i", oauth_token_url="https://auth.example.com/t", base_url=emulator.base_url)


def test_credentials_from_the_environment(monkeypatch, emulator):
    for var in ("ONESPAN_API_KEY", "ONESPAN_CLIENT_ID", "ONESPAN_CLIENT_SECRET"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ONESPAN_OAUTH_CLIENT_ID", emulator.oauth_client_id)
    monkeypatch.setenv("ONESPAN_OAUTH_CLIENT_SECRET", emulator.oauth_client_secret)
    monkeypatch.setenv("ONESPAN_OAUTH_TOKEN_URL", emulator.oauth_token_url)
    monkeypatch.setenv("ONESPAN_BASE_URL", emulator.base_url)
    assert Client().packages.create({"name": "env"})
    assert emulator.token_requests == 1


def test_the_secret_never_shows_in_repr_or_logs(connect, emulator, caplog):
    caplog.set_level(DEBUG, logger="onespan_sign")
    client = connect("oauth")
    client.packages.create({"name": "l"})
    secret = emulator.oauth_client_secret
    built = Client(oauth_client_id="app", oauth_client_secret="sup3r-oauth-s3cret", oauth_token_url="https://a.example.com/t")
    shown = [repr(client), str(client), repr(built), str(built), repr(built.packages)]
    logged = "\n".join(r.getMessage() + repr(r.__dict__) for r in caplog.records)
    assert any(r.getMessage().startswith("API-token fetch") for r in caplog.records), logged
    for text in [*shown, logged]:
        assert secret not in text and "sup3r-oauth-s3cret" not in text


def test_oauth_credentials_and_sender_id_from_the_environment(monkeypatch, emulator):
    for var in ("ONESPAN_API_KEY", "ONESPAN_CLIENT_ID", "ONESPAN_CLIENT_SECRET"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("ONESPAN_OAUTH_CLIENT_ID", emulator.oauth_client_id)
    monkeypatch.setenv("ONESPAN_OAUTH_CLIENT_SECRET", emulator.oauth_client_secret)
    monkeypatch.setenv("ONESPAN_OAUTH_TOKEN_URL", emulator.oauth_token_url)
    monkeypatch.setenv("ONESPAN_SENDER_ID", "sender-9")
    monkeypatch.setenv("ONESPAN_BASE_URL", emulator.base_url)
    client = Client()
    assert client.packages.get(client.packages.create({"name": "env"})).sender == {"id": "sender-9"}
