"""A FastAPI dependency that verifies and parses OneSpan Sign webhooks.

    from fastapi import Depends, FastAPI
    from onespan_sign.fastapi import webhook_event
    from onespan_sign.webhooks import Event

    app = FastAPI()

    @app.post("/onespan/events")
    async def receive(event: Event = Depends(webhook_event(CALLBACK_KEY))):
        ...

A request whose Authorization header does not carry the key is answered 401; a body that is
not a OneSpan event, 400. Needs ``fastapi`` (``pip install onespan-sign[fastapi]``); importing
``onespan_sign`` alone does not.
"""

from __future__ import annotations

from typing import Awaitable, Callable

from fastapi import HTTPException, Request

from .errors import WebhookParseError, WebhookVerificationError
from .webhooks import Event, verify

__all__ = ["webhook_event"]


def webhook_event(callback_key: str) -> Callable[[Request], Awaitable[Event]]:
    """A dependency giving the verified ``Event`` of the request, for ``Depends(...)``."""
    if not isinstance(callback_key, str) or not callback_key:
        # Fail at start-up rather than answer 401 to every event.
        raise ValueError("webhook_event needs a non-empty callback_key")

    async def onespan_webhook_event(request: Request) -> Event:
        # The raw bytes: a body parsed and re-serialised by the framework is not what was sent.
        body = await request.body()
        try:
            return verify(body, request.headers.get("authorization"), callback_key)
        except WebhookVerificationError:
            # The same answer for every key failure: no hint at what was wrong.
            raise HTTPException(status_code=401, detail="invalid callback key") from None
        except WebhookParseError as e:
            raise HTTPException(status_code=400, detail=str(e)) from None

    return onespan_webhook_event
