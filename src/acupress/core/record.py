"""Immutable records: the small part of `dataclasses` that the core needs.

Why not `dataclasses`? Importing it (it pulls in `inspect`) and decorating
the core's two dozen classes costs about 25 ms at every start, half of the
whole run time of `acupress plan` (see benchmarks/cli_startup.py). This
module gives the same shape for a fraction of that: `@record` classes get an
`__init__` with defaults, are frozen, compare and hash by value, and print
readably. `field(default_factory=...)`, `replace()` and `as_dict()` work like
their `dataclasses` namesakes, and type checkers treat `@record` as a
dataclass (PEP 681).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")
_MISSING = object()


class _Factory:
    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], Any]) -> Any:
    """A default made fresh for each instance, e.g. field(default_factory=dict)."""
    return _Factory(default_factory)


def _init_source(names: list[str], defaults: dict[str, Any]) -> str:
    params, lines = [], []
    for name in names:
        default = defaults.get(name, _MISSING)
        if default is _MISSING:
            params.append(name)
            lines.append(f"    _set(self, {name!r}, {name})")
        elif isinstance(default, _Factory):
            params.append(f"{name}=_MISSING")
            lines.append(f"    _set(self, {name!r}, _defaults[{name!r}].make() if {name} is _MISSING else {name})")
        else:
            params.append(f"{name}=_defaults[{name!r}]")
            lines.append(f"    _set(self, {name!r}, {name})")
    return f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(lines) or "    pass")


def _frozen(self: Any, name: str, value: Any) -> None:
    raise AttributeError(f"{type(self).__name__} is immutable; use replace() to change {name!r}")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[T]) -> type[T]:
    """Make `cls` an immutable record of its annotated fields, in order."""
    own = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 (inspect is the import we avoid)
    names = [name for name in own if not name.startswith("_")]
    defaults = {name: cls.__dict__[name] for name in names if name in cls.__dict__}
    namespace: dict[str, Any] = {"_set": object.__setattr__, "_defaults": defaults, "_MISSING": _MISSING}
    exec(_init_source(names, defaults), namespace)  # one small __init__ per class, as dataclasses does
    for name in defaults:
        delattr(cls, name)

    def values(self: Any) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in names)

    def __eq__(self: Any, other: object) -> bool:
        return type(other) is type(self) and values(self) == values(other)

    def __hash__(self: Any) -> int:
        return hash(values(self))

    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__name__}({shown})"

    for attribute, value in (("__init__", namespace["__init__"]), ("__eq__", __eq__), ("__hash__", __hash__),
                             ("__repr__", __repr__), ("__setattr__", _frozen), ("__record_fields__", tuple(names))):
        setattr(cls, attribute, value)
    return cls


def replace(instance: T, **changes: Any) -> T:
    """A copy of a record with some fields changed."""
    names: tuple[str, ...] = type(instance).__record_fields__  # type: ignore[attr-defined]
    values = {name: changes.pop(name, getattr(instance, name)) for name in names}
    if changes:
        raise TypeError(f"{type(instance).__name__} has no field {next(iter(changes))!r}")
    return type(instance)(**values)


def as_dict(value: Any) -> Any:
    """Records (nested in lists, tuples and dicts too) as plain dicts, like dataclasses.asdict."""
    names = getattr(type(value), "__record_fields__", None)
    if names is not None:
        return {name: as_dict(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [as_dict(item) for item in value]
    if isinstance(value, dict):
        return {key: as_dict(item) for key, item in value.items()}
    return value
