"""Client-app credentials acting as a sender (``sender_email=``), sync and async, and the
``esl_api_version`` every JSON request names."""

from __future__ import annotations

import asyncio
import http.server
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from onespan_sign import AsyncClient, AuthenticationError, Client, InvalidArgumentError, Package
from onespan_sign.testing import Emulator

SENDER = "ann.sender@example.com"


def test_sender_tokens_act_as_that_sender(connect, emulator):
    api = connect("client_app", sender_email=SENDER)
    package_id = api.packages.create(Package(name="by Ann"))
    assert api.packages.get(package_id).sender["email"] == SENDER
    assert emulator.token_requests == 1


def test_owner_is_the_default(connect, emulator):
    api = connect("client_app")
    package_id = api.packages.create(Package(name="by the owner"))
    assert api.packages.get(package_id).sender == {"id": emulator.sender_id, "email": emulator.sender_email}


def test_wrong_secret_as_sender_is_an_authentication_error(connect):
    api = connect("client_app", sender_email=SENDER, client_secret="wrong-s3cret")
    with pytest.raises(AuthenticationError) as info:
        api.packages.get("x")
    assert info.value.status == 401
    assert "wrong-s3cret" not in str(info.value) and "wrong-s3cret" not in repr(info.value)


def test_expiring_sender_token_is_refreshed_unnoticed(connect):
    with Emulator(token_ttl=0.4) as emu:
        api = connect("client_app", emu=emu, sender_email=SENDER)
        package_id = api.packages.create({"name": "r"})
        time.sleep(1.1)
        assert api.packages.get(package_id).sender["email"] == SENDER
        assert emu.token_requests == 2


def test_fifty_threads_on_a_cold_sender_client_fetch_one_token(emulator):
    client = Client(
        client_id=emulator.client_id, client_secret=emulator.client_secret, sender_email=SENDER, base_url=emulator.base_url
    )
    with ThreadPoolExecutor(max_workers=50) as pool:
        ids = list(pool.map(lambda i: client.packages.create({"name": f"p{i}"}), range(50)))
    assert len(set(ids)) == 50
    assert emulator.token_requests == 1


def test_fifty_tasks_on_a_cold_async_sender_client_fetch_one_token(emulator):
    async def main():
        client = AsyncClient(
            client_id=emulator.client_id,
            client_secret=emulator.client_secret,
            sender_email=SENDER,
            base_url=emulator.base_url,
        )
        return await asyncio.gather(*(client.packages.create({"name": f"p{i}"}) for i in range(50)))

    assert len(set(asyncio.run(main()))) == 50
    assert emulator.token_requests == 1


@pytest.mark.parametrize("bad", ["", "not-an-email", "a b@example.com"])
def test_a_bad_sender_email_is_refused(emulator, bad):
    with pytest.raises(InvalidArgumentError) as info:
        Client(client_id="i", client_secret="s", sender_email=bad, base_url=emulator.base_url)
    assert "sender_email" in str(info.value)


def test_sender_email_goes_with_client_app_credentials(emulator):
    with pytest.raises(InvalidArgumentError, match="sender_email goes with client-app"):
        Client(api_key="k", sender_email=SENDER, base_url=emulator.base_url)
    with pytest.raises(InvalidArgumentError, match="sender_email must be a str, not int"):
        Client(client_id="i", client_secret="s", sender_email=5, base_url=emulator.base_url)


def test_sender_email_from_the_environment(monkeypatch, emulator):
    monkeypatch.delenv("ONESPAN_API_KEY", raising=False)
    monkeypatch.setenv("ONESPAN_CLIENT_ID", emulator.client_id)
    monkeypatch.setenv("ONESPAN_CLIENT_SECRET", emulator.client_secret)
    monkeypatch.setenv("ONESPAN_SENDER_EMAIL", SENDER)
    monkeypatch.setenv("ONESPAN_BASE_URL", emulator.base_url)
    client = Client()
    assert client.packages.get(client.packages.create({"name": "env"})).sender["email"] == SENDER


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers every request with a package, recording (method, Accept, Content-Type)."""

    seen: list = []

    def _answer(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        type(self).seen.append((self.command, self.headers.get("accept"), self.headers.get("content-type")))
        body = json.dumps({"id": "p1", "name": "n"}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_PUT = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def recorder():
    _Recorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.seen
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_every_json_request_names_the_api_version(recorder, kind):
    url, seen = recorder

    def run(client):
        if isinstance(client, AsyncClient):

            async def go():
                await client.packages.get("p1")
                await client.packages.update("p1", {"name": "x"})

            asyncio.run(go())
        else:
            client.packages.get("p1")
            client.packages.update("p1", {"name": "x"})

    cls = Client if kind == "sync" else AsyncClient
    run(cls(api_key="k", base_url=url))
    wanted = "application/json; esl-api-version=11.68.0"
    assert seen == [("GET", wanted, None), ("PUT", wanted, wanted)]
    seen.clear()
    run(cls(api_key="k", base_url=url, esl_api_version="11.70.0"))
    assert seen[0][1] == "application/json; esl-api-version=11.70.0"


def test_a_bad_api_version_is_refused():
    for bad in ["", "1;x=2", "a b"]:
        with pytest.raises(InvalidArgumentError, match="esl_api_version"):
            Client(api_key="k", base_url="http://127.0.0.1:9", esl_api_version=bad)
