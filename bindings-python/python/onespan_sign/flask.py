"""A Flask view decorator that verifies and parses OneSpan Sign webhooks.

    from flask import Flask
    from onespan_sign.flask import verified_webhook

    app = Flask(__name__)

    @app.post("/onespan/events")
    @verified_webhook(CALLBACK_KEY)
    def receive(event):
        ...
        return "", 204

The view gets the verified ``Event`` as its first argument (route arguments follow). The key
is checked before the body is read: a request whose Authorization header does not carry it
is aborted with 401 and its body is never read. Then at most ``MAX_BODY_BYTES`` (1 MiB) are
read: a longer body is aborted with 413 (at once when its Content-Length says so, else as
soon as the stream passes the cap), and a body that is not a OneSpan event with 400. Needs
``flask`` (``pip install 'onespan-sign[flask]'``); importing ``onespan_sign`` alone does not.
"""

from __future__ import annotations

import functools
from typing import Any, Callable, List, TypeVar

try:
    from flask import abort, request
except ImportError as _missing:
    # The same class (ModuleNotFoundError when it is not installed), saying what to install.
    # A private name: stubtest (make check) would take a public one, which Python deletes
    # after the block, for an attribute missing at runtime.
    raise type(_missing)(
        f"onespan_sign.flask needs Flask: pip install 'onespan-sign[flask]' ({_missing})",
        name=_missing.name,
    ) from _missing

from .errors import WebhookParseError, WebhookVerificationError
from .webhooks import MAX_BODY_BYTES, _key_matches, verify

__all__ = ["verified_webhook"]

F = TypeVar("F", bound=Callable[..., Any])

_TOO_LARGE = f"the body is over the {MAX_BODY_BYTES}-byte limit of a OneSpan event"
_CHUNK = 64 * 1024


def verified_webhook(callback_key: str) -> Callable[[F], F]:
    """Decorates a view so that it runs only for a verified event, passed as its first argument.

    401 for a wrong or missing key (the body is not read), 413 for a body over
    ``MAX_BODY_BYTES``, 400 for a body that is not a OneSpan event.
    """
    if not isinstance(callback_key, str) or not callback_key:
        # Fail at start-up rather than answer 401 to every event.
        raise ValueError("verified_webhook needs a non-empty callback_key")

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            authorization = request.headers.get("Authorization")
            # The key first: a stranger's body is never read, however large it says it is.
            if not _key_matches(authorization, callback_key):
                # The same answer for every key failure: no hint at what was wrong.
                abort(401, description="invalid callback key")
            body = _read_capped()
            try:
                # The raw bytes: request.get_json() would be parsed JSON, not what was sent.
                event = verify(body, authorization, callback_key)
            except WebhookVerificationError:  # pragma: no cover - the key was checked above
                abort(401, description="invalid callback key")
            except WebhookParseError as e:
                abort(400, description=str(e))
            return view(event, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def _read_capped() -> bytes:
    """The body, read chunk by chunk, never more than one byte past the cap (then 413)."""
    length = request.content_length
    if length is not None and length > MAX_BODY_BYTES:
        abort(413, description=_TOO_LARGE)
    # werkzeug keeps what request.get_data() read in _cached_data: a hook before the view may
    # have read the body already, and the stream is then empty.
    cached = getattr(request, "_cached_data", None)
    if cached is not None:
        if len(cached) > MAX_BODY_BYTES:
            abort(413, description=_TOO_LARGE)
        return bytes(cached)
    # request.stream stops at Content-Length, and for a chunked body at its end (when the
    # server says it ends its input, as werkzeug's and gunicorn's do; else it reads nothing).
    stream = request.stream
    parts: List[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(_CHUNK, MAX_BODY_BYTES + 1 - size))
        if not chunk:
            break
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            # Chunked, or a Content-Length that lied: stop at the first byte past the cap.
            abort(413, description=_TOO_LARGE)
        parts.append(chunk)
    body = b"".join(parts)
    # As request.get_data() would: the view can still read the raw body from the request.
    request._cached_data = body  # type: ignore[attr-defined]
    return body
