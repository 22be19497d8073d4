"""Both kinds of credentials, token caching and refresh, against the emulator."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from onespan_sign import AsyncClient, AuthenticationError, Client, InvalidArgumentError, Package
from onespan_sign.testing import Emulator


def test_api_key_is_accepted(api, emulator):
    package_id = api.packages.create(Package(name="k"))
    assert api.packages.get(package_id).name == "k"
    assert emulator.token_requests == 0


def test_wrong_api_key_is_an_authentication_error(connect):
    client = connect(api_key="wrong-key-123")
    with pytest.raises(AuthenticationError) as info:
        client.packages.get("anything")
    assert info.value.status == 401
    assert info.value.message_key == "error.unauthorised.noUser"
    assert "wrong-key-123" not in str(info.value) and "wrong-key-123" not in repr(info.value)


def test_client_app_is_accepted(connect, emulator):
    api = connect("client_app")
    package_id = api.packages.create({"name": "c"})
    assert api.packages.get(package_id).id == package_id
    assert emulator.token_requests == 1


def test_wrong_client_secret_is_an_authentication_error(connect):
    client = connect("client_app", client_secret="nope-secret")
    with pytest.raises(AuthenticationError) as info:
        client.packages.get("x")
    assert info.value.status == 401
    assert "nope-secret" not in str(info.value)


def test_expiring_token_is_refreshed_unnoticed(connect):
    with Emulator(token_ttl=0.4) as emu:
        client = connect("client_app", emu=emu)
        package_id = client.packages.create({"name": "r"})
        time.sleep(0.6)
        assert client.packages.get(package_id).name == "r"
        assert emu.token_requests == 2


def test_revoked_token_is_fetched_again_on_401(connect, emulator):
    api = connect("client_app")
    package_id = api.packages.create({"name": "v"})
    emulator.expire_tokens()
    assert api.packages.get(package_id).id == package_id
    assert emulator.token_requests == 2


def test_fifty_threads_on_a_cold_client_fetch_one_token(emulator):
    client = Client(client_id=emulator.client_id, client_secret=emulator.client_secret, base_url=emulator.base_url)
    with ThreadPoolExecutor(max_workers=50) as pool:
        ids = list(pool.map(lambda i: client.packages.create({"name": f"p{i}"}), range(50)))
    assert len(set(ids)) == 50
    assert emulator.token_requests == 1


def test_fifty_tasks_on_a_cold_async_client_fetch_one_token(emulator):
    async def main():
        client = AsyncClient(client_id=emulator.client_id, client_secret=emulator.client_secret, base_url=emulator.base_url)
        return await asyncio.gather(*(client.packages.create({"name": f"p{i}"}) for i in range(50)))

    ids = asyncio.run(main())
    assert len(set(ids)) == 50
    assert emulator.token_requests == 1


def test_both_kinds_of_credentials_is_an_error(emulator):
    with pytest.raises(InvalidArgumentError):
        Client(api_key="k", client_id="i", client_secret="s", base_url=emulator.base_url)


def test_half_a_client_app_is_an_error(emulator):
    with pytest.raises(InvalidArgumentError):
        Client(client_id="i", base_url=emulator.base_url)


def test_no_credentials_is_an_error(monkeypatch):
    for var in ("ONESPAN_API_KEY", "ONESPAN_CLIENT_ID", "ONESPAN_CLIENT_SECRET"):
        monkeypatch.delenv(var, raising=False)
    with pytest.raises(InvalidArgumentError) as info:
        Client(base_url="http://127.0.0.1:9")
    assert isinstance(info.value, ValueError)


def test_credentials_from_the_environment(monkeypatch, emulator):
    monkeypatch.delenv("ONESPAN_CLIENT_ID", raising=False)
    monkeypatch.setenv("ONESPAN_API_KEY", emulator.api_key)
    monkeypatch.setenv("ONESPAN_BASE_URL", emulator.base_url)
    client = Client()
    assert client.base_url == emulator.base_url
    assert client.packages.create({"name": "env"})


def test_secrets_never_show(emulator):
    client = Client(client_id="app", client_secret="sup3r-s3cret", base_url=emulator.base_url)
    for shown in (repr(client), str(client), repr(client.packages)):
        assert "sup3r-s3cret" not in shown
    key_client = Client(api_key="k3y-s3cret", base_url=emulator.base_url)
    assert "k3y-s3cret" not in repr(key_client)
    assert emulator.api_key not in repr(emulator) and emulator.client_secret not in repr(emulator)


def test_the_user_agent_names_the_binding_and_its_version(api, emulator):
    import onespan_sign

    api.packages.create({"name": "ua"})
    ua = emulator.last_user_agent
    assert ua.startswith(f"onespan-sign-python/{onespan_sign.__version__} ")
    assert "onespan-sign-rust/" in ua
