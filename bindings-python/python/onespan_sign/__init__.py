"""OneSpan Sign e-signature API client, with a Rust core.

>>> from onespan_sign import Client, Package, Role, Signer
>>> client = Client(api_key="...", environment="sandbox")          # doctest: +SKIP
>>> package_id = client.packages.create(Package(name="Lease"))    # doctest: +SKIP

``AsyncClient`` has the same methods as coroutines. ``onespan_sign.testing.Emulator``
runs an offline API for tests. Each attempt, retry and API-token fetch is logged at DEBUG
to the ``onespan_sign`` logger; ``ONESPAN_LOG=debug`` sends those records to stderr.
"""

from ._native import AsyncClient, Client, Pages, __version__
from .errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InvalidArgumentError,
    NotFoundError,
    OneSpanError,
    OneSpanTimeoutError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    TransportError,
    UnexpectedResponseError,
    WebhookParseError,
    WebhookVerificationError,
    WriteError,
)
from .models import (
    Approval,
    AuditEvent,
    CallbackAuthType,
    CallbackConfig,
    Delivery,
    Document,
    EmailMessage,
    Field,
    KeyValue,
    NotificationMethods,
    OAuthMechanism,
    OAuthSetting,
    Package,
    PackageStatus,
    Role,
    Signer,
    SignerAuth,
    SigningStatus,
)
from . import webhooks
from ._logging import configure_from_environment as _configure_logging
from .webhooks import Event

_configure_logging()

__all__ = [
    "__version__",
    "Client",
    "AsyncClient",
    "Package",
    "Document",
    "AuditEvent",
    "Pages",
    "Approval",
    "Field",
    "Role",
    "Signer",
    "SignerAuth",
    "NotificationMethods",
    "Delivery",
    "EmailMessage",
    "CallbackConfig",
    "CallbackAuthType",
    "OAuthSetting",
    "OAuthMechanism",
    "KeyValue",
    "SigningStatus",
    "PackageStatus",
    "OneSpanError",
    "ApiError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "RateLimitError",
    "ServerError",
    "TransportError",
    "OneSpanTimeoutError",
    "InvalidArgumentError",
    "UnexpectedResponseError",
    "WebhookVerificationError",
    "WriteError",
    "WebhookParseError",
    "webhooks",
    "Event",
]
