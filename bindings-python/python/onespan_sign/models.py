"""Models of OneSpan Sign's JSON, with snake_case attributes.

Each model knows its wire (camelCase) names, keeps fields it does not know in ``extra``,
and gives them back from ``to_dict()``, so a get-modify-update round trip loses nothing.
Methods that take a model take a plain dict of wire JSON just as well.
"""

from __future__ import annotations

from typing import Any, ClassVar, Dict, List, Mapping, Optional, Tuple, Type, TypeVar

__all__ = [
    "Model",
    "Package",
    "Document",
    "Approval",
    "Field",
    "Role",
    "Signer",
    "SignerAuth",
    "Delivery",
    "EmailMessage",
    "CallbackConfig",
    "SigningStatus",
    "PackageStatus",
]

M = TypeVar("M", bound="Model")

# (attribute, wire name, nested model or None, is a list of it)
_Spec = Tuple[str, str, Optional[str], bool]


class Model:
    """Base of the models: keyword construction, ``from_dict``/``to_dict``, ``repr``, ``==``."""

    _spec: ClassVar[Tuple[_Spec, ...]] = ()
    _hidden: ClassVar[frozenset] = frozenset()
    extra: Dict[str, Any]

    def __init__(self, **kwargs: Any) -> None:
        extra = kwargs.pop("extra", None) or {}
        names = {attr for attr, *_ in self._spec}
        unknown = set(kwargs) - names
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field(s) {sorted(unknown)}")
        for attr, *_ in self._spec:
            setattr(self, attr, kwargs.get(attr))
        self.extra = dict(extra)

    @classmethod
    def from_dict(cls: Type[M], data: Mapping[str, Any]) -> M:
        """Builds the model from wire JSON (camelCase keys)."""
        if isinstance(data, cls):
            return data
        if not isinstance(data, Mapping):
            raise TypeError(f"{cls.__name__}.from_dict takes a mapping, not {type(data).__name__}")
        obj = cls.__new__(cls)
        rest = dict(data)
        for attr, wire, nested, many in cls._spec:
            value = rest.pop(wire, None)
            if value is not None and nested is not None:
                model = _MODELS[nested]
                value = [model.from_dict(v) for v in value] if many else model.from_dict(value)
            setattr(obj, attr, value)
        obj.extra = rest
        return obj

    def to_dict(self) -> Dict[str, Any]:
        """The wire JSON (camelCase keys), unset fields left out, unknown fields kept."""
        out: Dict[str, Any] = {}
        for attr, wire, nested, many in self._spec:
            value = getattr(self, attr)
            if value is None:
                continue
            if nested is not None:
                value = [_as_dict(v) for v in value] if many else _as_dict(value)
            out[wire] = value
        for k, v in self.extra.items():
            out.setdefault(k, v)
        return out

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.to_dict() == other.to_dict()  # type: ignore[union-attr]

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        parts = []
        for attr, *_ in self._spec:
            value = getattr(self, attr)
            if value is not None:
                shown = "'[REDACTED]'" if attr in self._hidden else repr(value)
                parts.append(f"{attr}={shown}")
        if self.extra:
            parts.append(f"extra={{{', '.join(repr(k) for k in self.extra)}}}")
        return f"{type(self).__name__}({', '.join(parts)})"


def _as_dict(v: Any) -> Any:
    return v.to_dict() if isinstance(v, Model) else v


class SignerAuth(Model):
    """How a signer proves who they are (``scheme``: NONE, SMS, CHALLENGE, KBA, ...)."""

    _spec = (("scheme", "scheme", None, False), ("challenges", "challenges", None, False))
    scheme: Optional[str]
    challenges: Optional[List[Any]]


class Delivery(Model):
    """Where the signed documents go once the signer completes."""

    _spec = (
        ("email", "email", None, False),
        ("download", "download", None, False),
        ("provider", "provider", None, False),
    )
    email: Optional[bool]
    download: Optional[bool]
    provider: Optional[bool]


class EmailMessage(Model):
    """A personal message added to the role's invitation email."""

    _spec = (("content", "content", None, False),)
    content: Optional[str]


class Signer(Model):
    """The person behind a role. The email identifies the signer wherever an ID is taken."""

    _spec = (
        ("id", "id", None, False),
        ("email", "email", None, False),
        ("first_name", "firstName", None, False),
        ("last_name", "lastName", None, False),
        ("company", "company", None, False),
        ("title", "title", None, False),
        ("phone", "phone", None, False),
        ("language", "language", None, False),
        ("auth", "auth", "SignerAuth", False),
        ("delivery", "delivery", "Delivery", False),
        ("created", "created", None, False),
        ("updated", "updated", None, False),
    )
    id: Optional[str]
    email: Optional[str]
    first_name: Optional[str]
    last_name: Optional[str]
    company: Optional[str]
    title: Optional[str]
    phone: Optional[str]
    language: Optional[str]
    auth: Optional[SignerAuth]
    delivery: Optional[Delivery]
    created: Optional[str]
    updated: Optional[str]


class Role(Model):
    """A role: a placeholder bound to signature fields, holding the signer who fills it."""

    _spec = (
        ("id", "id", None, False),
        ("name", "name", None, False),
        ("type", "type", None, False),
        ("index", "index", None, False),
        ("reassign", "reassign", None, False),
        ("locked", "locked", None, False),
        ("email_message", "emailMessage", "EmailMessage", False),
        ("signers", "signers", "Signer", True),
    )
    id: Optional[str]
    name: Optional[str]
    type: Optional[str]
    index: Optional[int]
    reassign: Optional[bool]
    locked: Optional[bool]
    email_message: Optional[EmailMessage]
    signers: Optional[List[Signer]]


class Field(Model):
    """A field of an approval (a signature, initials, a text box, ...)."""

    _spec = (
        ("id", "id", None, False),
        ("type", "type", None, False),
        ("subtype", "subtype", None, False),
        ("page", "page", None, False),
        ("top", "top", None, False),
        ("left", "left", None, False),
        ("width", "width", None, False),
        ("height", "height", None, False),
    )
    id: Optional[str]
    type: Optional[str]
    subtype: Optional[str]
    page: Optional[int]
    top: Optional[float]
    left: Optional[float]
    width: Optional[float]
    height: Optional[float]


class Approval(Model):
    """A role's signature block on a document."""

    _spec = (("id", "id", None, False), ("role", "role", None, False), ("fields", "fields", "Field", True))
    id: Optional[str]
    role: Optional[str]
    fields: Optional[List[Field]]


class Document(Model):
    """A document within a package."""

    _spec = (
        ("id", "id", None, False),
        ("name", "name", None, False),
        ("index", "index", None, False),
        ("approvals", "approvals", "Approval", True),
    )
    id: Optional[str]
    name: Optional[str]
    index: Optional[int]
    approvals: Optional[List[Approval]]


class Package(Model):
    """A package (the web UI's "transaction"): documents, the roles that sign them, settings."""

    _spec = (
        ("id", "id", None, False),
        ("name", "name", None, False),
        ("description", "description", None, False),
        ("status", "status", None, False),
        ("email_message", "emailMessage", None, False),
        ("autocomplete", "autocomplete", None, False),
        ("due", "due", None, False),
        ("roles", "roles", "Role", True),
        ("documents", "documents", "Document", True),
        ("settings", "settings", None, False),
        ("sender", "sender", None, False),
        ("created", "created", None, False),
        ("updated", "updated", None, False),
    )
    id: Optional[str]
    name: Optional[str]
    description: Optional[str]
    status: Optional[str]
    email_message: Optional[str]
    autocomplete: Optional[bool]
    due: Optional[str]
    roles: Optional[List[Role]]
    documents: Optional[List[Document]]
    settings: Optional[Dict[str, Any]]
    sender: Optional[Dict[str, Any]]
    created: Optional[str]
    updated: Optional[str]


class CallbackConfig(Model):
    """The account's event-notification configuration. ``key`` never shows in ``repr``."""

    _spec = (("url", "url", None, False), ("key", "key", None, False), ("events", "events", None, False))
    _hidden = frozenset({"key"})
    url: Optional[str]
    key: Optional[str]
    events: Optional[List[str]]


class SigningStatus:
    """The values ``packages.signing_status`` returns (a plain ``str``; new values may appear)."""

    DRAFT = "DRAFT"
    SIGNING_PENDING = "SIGNING_PENDING"
    SIGNING_COMPLETED = "SIGNING_COMPLETED"
    COMPLETED = "COMPLETED"
    ARCHIVED = "ARCHIVED"
    DECLINED = "DECLINED"
    OPTED_OUT = "OPTED_OUT"
    EXPIRED = "EXPIRED"
    CANCELED = "CANCELED"
    DELETED = "DELETED"


class PackageStatus:
    """The values of ``Package.status`` (a plain ``str``; new values may appear)."""

    DRAFT = "DRAFT"
    SENT = "SENT"
    COMPLETED = "COMPLETED"
    ARCHIVED = "ARCHIVED"
    DECLINED = "DECLINED"
    OPTED_OUT = "OPTED_OUT"
    EXPIRED = "EXPIRED"


_MODELS: Dict[str, Type[Model]] = {
    cls.__name__: cls
    for cls in (Package, Document, Approval, Field, Role, Signer, SignerAuth, Delivery, EmailMessage, CallbackConfig)
}
