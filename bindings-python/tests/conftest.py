"""Fixtures: an emulator per test, and clients of both kinds pointed at it.

The ``api`` fixture runs each test body twice: once with ``Client`` and once with
``AsyncClient`` driven by an event loop, behind the same blocking-looking surface.
"""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, Callable

import pytest

from onespan_sign import AsyncClient, Client
from onespan_sign.testing import Emulator


@pytest.fixture
def emulator():
    with Emulator() as emu:
        yield emu


class _Blocking:
    """Wraps an async service so each method call runs to completion on `loop`."""

    def __init__(self, target: Any, loop: asyncio.AbstractEventLoop) -> None:
        self._target = target
        self._loop = loop

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._target, name)
        if not callable(attr):
            return _Blocking(attr, self._loop) if name in _SERVICES else attr

        def call(*args: Any, **kwargs: Any) -> Any:
            async def inside_loop() -> Any:
                result = attr(*args, **kwargs)
                return await result if inspect.isawaitable(result) else result

            result = self._loop.run_until_complete(inside_loop())
            # A client derived from this one (with_options) is wrapped the same way.
            return _Blocking(result, self._loop) if isinstance(result, AsyncClient) else result

        return call


_SERVICES = {"packages", "roles", "auth_tokens", "callbacks", "documents", "templates", "senders"}


def make_client(kind: str, emu: Emulator, auth: str = "api_key", **overrides: Any):
    """A client of `kind` for `emu`; `overrides` replace credentials or add options."""
    cls = Client if kind == "sync" else AsyncClient
    if auth == "api_key":
        args: dict = {"api_key": emu.api_key}
    elif auth == "oauth":
        args = {
            "oauth_client_id": emu.oauth_client_id,
            "oauth_client_secret": emu.oauth_client_secret,
            "oauth_token_url": emu.oauth_token_url,
        }
    else:
        args = {"client_id": emu.client_id, "client_secret": emu.client_secret}
    args.update(overrides)
    return cls(base_url=emu.base_url, **args)


@pytest.fixture(params=["sync", "async"])
def kind(request) -> str:
    return request.param


@pytest.fixture
def connect(kind: str, emulator: Emulator) -> Callable[..., Any]:
    """connect(auth="api_key"|"client_app"|"oauth", **kwargs) -> a client with blocking methods."""
    loop = asyncio.new_event_loop() if kind == "async" else None

    def _connect(auth: str = "api_key", emu: Emulator = emulator, **kwargs: Any) -> Any:
        client = make_client(kind, emu, auth, **kwargs)
        return client if loop is None else _Blocking(client, loop)

    yield _connect
    if loop is not None:
        loop.close()


@pytest.fixture
def api(connect):
    """A client authenticated with the emulator's API key."""
    return connect()


def signature_field(left: float, top: float, page: int = 0) -> dict:
    """A signature field: `page` from 0, `left`/`top` in points from the top-left corner."""
    return {"type": "SIGNATURE", "subtype": "FULLNAME", "page": page, "left": left, "top": top,
            "width": 200, "height": 50}


def two_signer_package(name: str = "Lease") -> dict:
    """Two signers and one document (`doc1`) with a signature for each: the least the
    service sends (a signer, a document besides the consent, a signature)."""
    return {
        "name": name,
        "roles": [
            {"id": "Signer1", "signers": [{"email": "ann@example.com", "firstName": "Ann", "lastName": "Lee"}]},
            {"id": "Signer2", "signers": [{"email": "bob@example.com", "firstName": "Bob", "lastName": "Kay"}]},
        ],
        "documents": [
            {"id": "doc1", "name": "Lease", "approvals": [
                {"role": "Signer1", "fields": [signature_field(100, 500)]},
                {"role": "Signer2", "fields": [signature_field(350, 500)]},
            ]},
        ],
    }


def sent_package(api, name: str = "Sent") -> str:
    """Creates the two-signer package with one document, sends it, returns its ID."""
    package_id = api.packages.create(two_signer_package(name), documents=[("doc.pdf", b"%PDF-1.4")])
    api.packages.send(package_id)
    return package_id


def open_url(url: str) -> int:
    """GETs a signing-session URL the API handed out; returns the HTTP status."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code
