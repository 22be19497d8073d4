"""A FastAPI dependency that verifies and parses OneSpan Sign webhooks.

    from fastapi import Depends, FastAPI
    from onespan_sign.fastapi import webhook_event
    from onespan_sign.webhooks import Event

    app = FastAPI()

    @app.post("/onespan/events")
    async def receive(event: Event = Depends(webhook_event(CALLBACK_KEY))):
        ...

The key is checked before the body is read: a request whose Authorization header does not
carry it is answered 401 and its body is never read. Then at most ``MAX_BODY_BYTES`` (1 MiB)
are read: a longer body is answered 413 (at once when its Content-Length says so, else as
soon as the stream passes the cap), and a body that is not a OneSpan event 400. Needs
``fastapi`` (``pip install 'onespan-sign[fastapi]'``); importing ``onespan_sign`` alone does
not.
"""

from __future__ import annotations

from typing import Awaitable, Callable

try:
    from fastapi import HTTPException, Request
except ImportError as _missing:
    # The same class (ModuleNotFoundError when it is not installed), saying what to install.
    # A private name: stubtest (make check) would take a public one, which Python deletes
    # after the block, for an attribute missing at runtime.
    raise type(_missing)(
        f"onespan_sign.fastapi needs FastAPI: pip install 'onespan-sign[fastapi]' ({_missing})",
        name=_missing.name,
    ) from _missing

from .errors import WebhookParseError, WebhookVerificationError
from .webhooks import MAX_BODY_BYTES, Event, _key_matches, verify

__all__ = ["webhook_event"]

_TOO_LARGE = f"the body is over the {MAX_BODY_BYTES}-byte limit of a OneSpan event"


def webhook_event(callback_key: str) -> Callable[[Request], Awaitable[Event]]:
    """A dependency giving the verified ``Event`` of the request, for ``Depends(...)``.

    401 for a wrong or missing key (the body is not read), 413 for a body over
    ``MAX_BODY_BYTES``, 400 for a body that is not a OneSpan event.
    """
    if not isinstance(callback_key, str) or not callback_key:
        # Fail at start-up rather than answer 401 to every event.
        raise ValueError("webhook_event needs a non-empty callback_key")

    async def onespan_webhook_event(request: Request) -> Event:
        authorization = request.headers.get("authorization")
        # The key first: a stranger's body is never read, however large it says it is.
        if not _key_matches(authorization, callback_key):
            # The same answer for every key failure: no hint at what was wrong.
            raise HTTPException(status_code=401, detail="invalid callback key")
        body = await _read_capped(request)
        try:
            # The raw bytes: a body parsed and re-serialised by the framework is not what was sent.
            return verify(body, authorization, callback_key)
        except WebhookVerificationError:  # pragma: no cover - the key was checked above
            raise HTTPException(status_code=401, detail="invalid callback key") from None
        except WebhookParseError as e:
            raise HTTPException(status_code=400, detail=str(e)) from None

    return onespan_webhook_event


async def _read_capped(request: Request) -> bytes:
    """The body, read chunk by chunk and given up on (413) once it passes the cap."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise HTTPException(status_code=413, detail=_TOO_LARGE)
    body = bytearray()
    # request.stream() gives the body the ASGI server hands over, one chunk at a time (or the
    # whole body, when something before us already read it).
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            # Chunked, or a Content-Length that lied: stop here; the server drops the rest.
            raise HTTPException(status_code=413, detail=_TOO_LARGE)
    # As request.body() would: the endpoint can still `await request.body()` for the raw bytes.
    request._body = bytes(body)
    return request._body
