"""Verifying and parsing OneSpan Sign event notifications (webhooks).

    from onespan_sign import webhooks

    event = webhooks.verify(raw_body, request.headers.get("Authorization"), callback_key)
    if event.name == webhooks.EventName.PACKAGE_COMPLETE:
        ...

``body`` is the raw request body (``bytes`` or ``str``) exactly as received, not JSON that a
framework parsed and serialised again. ``verify`` raises ``WebhookVerificationError`` when
the Authorization header does not carry the callback key, and ``WebhookParseError`` when
the body is not a OneSpan event (not UTF-8 JSON, not an object, no string ``name``, or over
``MAX_BODY_BYTES``). ``parse`` skips the key check.

Ready-made receivers: ``onespan_sign.fastapi.webhook_event`` and
``onespan_sign.flask.verified_webhook``.
"""

from __future__ import annotations

from typing import Optional

from ._native import WEBHOOK_MAX_BODY_BYTES as MAX_BODY_BYTES
from ._native import Event
from ._native import parse_webhook as parse
from ._native import verify_webhook as verify
from .errors import WebhookParseError, WebhookVerificationError

__all__ = [
    "verify",
    "parse",
    "Event",
    "EventName",
    "MAX_BODY_BYTES",
    "WebhookVerificationError",
    "WebhookParseError",
]


def _key_matches(authorization: Optional[str], callback_key: str) -> bool:
    """Whether ``authorization`` carries ``callback_key``, decided before any body is read.

    For the framework helpers, which must refuse a stranger before reading what it sends. The
    comparison is the core's own, in constant time: ``verify`` checks the key before it looks
    at the body, so with an empty body a wrong key is ``WebhookVerificationError`` and a right
    one goes on to ``WebhookParseError`` (an empty body is never an event).
    """
    try:
        verify(b"", authorization, callback_key)
    except WebhookVerificationError:
        return False
    except WebhookParseError:
        return True
    raise AssertionError("an empty body was taken for an event")  # pragma: no cover


class EventName:
    """The event names OneSpan documents. ``Event.name`` is a plain ``str``: new names appear
    over time and are passed through unchanged."""

    PACKAGE_CREATE = "PACKAGE_CREATE"
    PACKAGE_ACTIVATE = "PACKAGE_ACTIVATE"
    PACKAGE_DEACTIVATE = "PACKAGE_DEACTIVATE"
    PACKAGE_READY_FOR_COMPLETE = "PACKAGE_READY_FOR_COMPLETE"
    PACKAGE_COMPLETE = "PACKAGE_COMPLETE"
    PACKAGE_ARCHIVE = "PACKAGE_ARCHIVE"
    PACKAGE_TRASH = "PACKAGE_TRASH"
    PACKAGE_RESTORE = "PACKAGE_RESTORE"
    PACKAGE_DELETE = "PACKAGE_DELETE"
    PACKAGE_DECLINE = "PACKAGE_DECLINE"
    PACKAGE_EXPIRE = "PACKAGE_EXPIRE"
    PACKAGE_OPT_OUT = "PACKAGE_OPT_OUT"
    PACKAGE_ATTACHMENT = "PACKAGE_ATTACHMENT"
    DOCUMENT_SIGNED = "DOCUMENT_SIGNED"
    SIGNER_COMPLETE = "SIGNER_COMPLETE"
    ROLE_REASSIGN = "ROLE_REASSIGN"
    SIGNER_LOCKED = "SIGNER_LOCKED"
    KBA_FAILURE = "KBA_FAILURE"
    EMAIL_BOUNCE = "EMAIL_BOUNCE"
    COBROWSE_REQUEST = "COBROWSE_REQUEST"
    TEMPLATE_CREATE = "TEMPLATE_CREATE"
    DOCUMENT_VIEWED = "DOCUMENT_VIEWED"
