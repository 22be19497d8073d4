"""Models of OneSpan Sign's JSON, with snake_case attributes.

Each model knows its wire (camelCase) names, keeps fields it does not know in ``extra``,
and gives them back from ``to_dict()``, so a get-modify-update round trip loses nothing.
Methods that take a model take a plain dict of wire JSON just as well.
"""

from __future__ import annotations

from typing import Any, ClassVar, Dict, List, Mapping, Optional, Tuple, Type, TypeVar

M = TypeVar("M", bound="Model")

# (attribute, wire name, nested model or None, is a list of it)
_Spec = Tuple[str, str, Optional[str], bool]


class Model:
    """Base of the models: ``from_dict``/``to_dict``, ``repr``, ``==``."""

    _spec: ClassVar[Tuple[_Spec, ...]] = ()
    _hidden: ClassVar[frozenset[str]] = frozenset()
    extra: Dict[str, Any]

    @classmethod
    def from_dict(cls: Type[M], data: Mapping[str, Any]) -> M:
        """Builds the model from wire JSON (camelCase keys); ``data`` is left as it is."""
        if isinstance(data, cls):
            return data
        if not isinstance(data, Mapping):
            raise TypeError(f"{cls.__name__}.from_dict takes a mapping, not {type(data).__name__}")
        return cls._from_wire(dict(data), copy=True)

    @classmethod
    def _from_wire(cls: Type[M], data: Dict[str, Any], copy: bool = False) -> M:
        """Builds the model from a dict of wire JSON that it takes over: the fields it knows
        are popped and what is left becomes ``extra``, without a copy. The binding hands its
        answers here (no one else holds them, and a large answer must not be copied);
        ``from_dict`` hands a shallow copy of the caller's mapping, and nested ones are
        copied the same way (``copy``)."""
        obj = cls.__new__(cls)
        for attr, wire, nested, many in cls._spec:
            value = data.pop(wire, None)
            if value is not None and nested is not None:
                model = _MODELS[nested]
                build = model.from_dict if copy else model._from_wire
                value = [build(v) for v in value] if many else build(value)
            setattr(obj, attr, value)
        obj.extra = data
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
        assert isinstance(other, Model)
        return self.to_dict() == other.to_dict()

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
