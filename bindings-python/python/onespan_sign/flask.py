"""A Flask view decorator that verifies and parses OneSpan Sign webhooks.

    from flask import Flask
    from onespan_sign.flask import verified_webhook

    app = Flask(__name__)

    @app.post("/onespan/events")
    @verified_webhook(CALLBACK_KEY)
    def receive(event):
        ...
        return "", 204

The view gets the verified ``Event`` as its first argument (route arguments follow). A request
whose Authorization header does not carry the key is aborted with 401; a body that is not a
OneSpan event, with 400. Needs ``flask`` (``pip install onespan-sign[flask]``); importing
``onespan_sign`` alone does not.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, TypeVar

from flask import abort, request

from .errors import WebhookParseError, WebhookVerificationError
from .webhooks import verify

__all__ = ["verified_webhook"]

F = TypeVar("F", bound=Callable[..., Any])


def verified_webhook(callback_key: str) -> Callable[[F], F]:
    """Decorates a view so that it runs only for a verified event, passed as its first argument."""
    if not isinstance(callback_key, str) or not callback_key:
        # Fail at start-up rather than answer 401 to every event.
        raise ValueError("verified_webhook needs a non-empty callback_key")

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            # The raw bytes: request.get_json() would be parsed JSON, not what was sent.
            body = request.get_data(cache=True)
            try:
                event = verify(body, request.headers.get("Authorization"), callback_key)
            except WebhookVerificationError:
                # The same answer for every key failure: no hint at what was wrong.
                abort(401, description="invalid callback key")
            except WebhookParseError as e:
                abort(400, description=str(e))
            return view(event, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
