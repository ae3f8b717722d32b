"""A fast path for clean spec documents, so that a check importing no Pydantic is the common case.

Importing Pydantic and building the spec models (``specmodels.py``) costs more than the rest of an
incremental check. Most documents are valid, so ``fast_spec`` first tries a plain-Python validator
that mirrors the models field by field and returns light ``__slots__`` objects with the very
attribute values (same types: bool is not int, lists stay lists) ``model_validate`` would give. It
answers only when it is sure: any key, type or value it does not recognize as plainly valid makes it
decline (``None``), and the Pydantic path runs as before, so every diagnostic still comes from there.

The field tables below restate ``specmodels.py``; ``tests/load/test_fastspec.py`` fails when they
drift from the models, and checks with generated documents that this path never accepts what
Pydantic refuses and never gives an object that differs from Pydantic's.
"""

from __future__ import annotations

from typing import Any, Callable

KINDS = ("model", "enum", "config", "cache_policy")  # the order of specmodels.SPEC_KINDS
# specmodels.py as these tables were written for it (tests/load/test_fastspec.py computes it)
MODELS_FINGERPRINT = "6862592b55378b35"
_REQUIRED = object()


class Decline(Exception):
    """Not plainly valid: let Pydantic decide (and word the diagnostic)."""


class LightSpec:
    """A frozen record with the fields, ``repr``, ``str`` and equality of a Pydantic spec model."""

    __slots__ = ()
    FIELDS: tuple = ()  # (name, alias, check, default): default is _REQUIRED or a factory

    def __init__(self, values: dict) -> None:
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def _items(self) -> list[tuple[str, Any]]:
        return [(f[0], getattr(self, f[0])) for f in self.FIELDS]

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._items() == other._items()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(v for _, v in self._items())))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{n}={v!r}' for n, v in self._items())})"

    def __str__(self) -> str:
        return " ".join(f"{n}={v!r}" for n, v in self._items())


def _text(v: Any) -> str:
    # Pydantic refuses a str it cannot encode as UTF-8 (a lone surrogate from a `\ud800` escape)
    if type(v) is not str or not (v.isascii() or _encodes(v)):
        raise Decline
    return v


def _encodes(v: str) -> bool:
    try:
        v.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _ident(v: Any) -> str:
    if not _text(v):  # Identifier: min_length=1 (its pattern is for editors only)
        raise Decline
    return v


def _flag(v: Any) -> bool:
    if type(v) is not bool:
        raise Decline
    return v


def _optional(check: Callable) -> Callable:
    return lambda v: None if v is None else check(v)


def _list_of(check: Callable, min_length: int = 0) -> Callable:
    def run(v: Any) -> list:
        if type(v) is not list or len(v) < min_length:
            raise Decline
        return [check(x) for x in v]
    return run


def _dict_of(check: Callable, min_length: int = 0) -> Callable:
    def run(v: Any) -> dict:
        if type(v) is not dict or len(v) < min_length:
            raise Decline
        return {_text(k): check(x) for k, x in v.items()}
    return run


def _one_of(*choices: str) -> Callable:
    allowed = frozenset(choices)

    def run(v: Any) -> str:
        if type(v) is not str or v not in allowed:
            raise Decline
        return v
    return run


def _anything(v: Any) -> Any:
    return v


def _version(v: Any) -> int:
    if type(v) is not int or not 1 <= v <= 100_000:
        raise Decline
    return v


def _size(v: Any) -> str | int:
    return v if type(v) is int else _text(v)


_SCALARS = frozenset({bool, int, float, str, type(None)})


def _default(v: Any) -> Any:
    """``Union[SqlDefault, bool, int, float, str, list, dict, None]`` as Pydantic's smart union picks."""
    t = type(v)
    if t is str:
        return _text(v)
    if t in _SCALARS:
        return v
    if t is list:
        return list(v)
    if t is not dict:
        raise Decline
    if len(v) == 1 and type(v.get("sql")) is str:
        return SqlDefault({"sql": _text(v["sql"])})
    return dict(v)


def _model(cls: type[LightSpec]) -> Callable:
    fields = cls.FIELDS
    keys = frozenset(f[1] for f in fields)

    def run(v: Any) -> LightSpec:
        if type(v) is not dict or not keys.issuperset(v):
            raise Decline
        values = {}
        for name, alias, check, default in fields:
            if alias in v:
                values[name] = check(v[alias])
            elif default is _REQUIRED:
                raise Decline
            else:
                values[name] = default()
        return cls(values)
    return run


def _spec(name: str, *fields: tuple) -> type[LightSpec]:
    """A light class named like its Pydantic model; a field is (name, check[, default factory][, alias])."""
    table = tuple((f[0], f[3] if len(f) > 3 else f[0], f[1], f[2] if len(f) > 2 else _REQUIRED) for f in fields)
    return type(name, (LightSpec,), {"__slots__": tuple(f[0] for f in table), "FIELDS": table})


def _none() -> None:
    return None


def _false() -> bool:
    return False


def _const(value: str) -> Callable:
    return lambda: value


_opt_text, _opt_ident = _optional(_text), _optional(_ident)
_idents = _list_of(_ident, 1)

SqlDefault = _spec("SqlDefault", ("sql", _text))
ConfigVersionSpec = _spec("ConfigVersionSpec", ("key", _optional(_ident), _none), ("column", _opt_ident, _none))
ColumnSpec = _spec(
    "ColumnSpec", ("type", _text), ("nullable", _flag, _false), ("primary_key", _flag, _false),
    ("unique", _flag, _false), ("default", _default, _none), ("config", _opt_ident, _none),
    ("config_version", _optional(_model(ConfigVersionSpec)), _none), ("deprecated", _opt_text, _none),
    ("renamed_from", _opt_ident, _none), ("description", _opt_text, _none),
)
ReferenceSpec = _spec("ReferenceSpec", ("model", _ident), ("columns", _idents))
ForeignKeySpec = _spec(
    "ForeignKeySpec", ("columns", _idents), ("references", _model(ReferenceSpec)),
    ("on_delete", _one_of("cascade", "restrict", "set_null", "no_action"), _const("no_action")),
    ("name", _opt_ident, _none),
)
CheckSpec = _spec("CheckSpec", ("name", _opt_ident, _none), ("expression", _text))
IndexSpec = _spec(
    "IndexSpec", ("name", _opt_ident, _none), ("columns", _idents), ("where", _opt_text, _none),
    ("using", _one_of("btree", "gin", "gist", "brin", "hash"), _const("btree")), ("unique", _flag, _false),
)
ModelSpec = _spec(
    "ModelSpec", ("kind", _one_of("model")), ("name", _ident), ("description", _opt_text, _none),
    ("critical", _flag, _false), ("renamed_from", _opt_ident, _none),
    ("primary_key", _optional(_idents), _none), ("columns", _dict_of(_model(ColumnSpec), 1)),
    ("foreign_keys", _list_of(_model(ForeignKeySpec)), list), ("unique", _list_of(_list_of(_ident)), list),
    ("checks", _list_of(_model(CheckSpec)), list), ("indexes", _list_of(_model(IndexSpec)), list),
)
EnumSpec = _spec(
    "EnumSpec", ("kind", _one_of("enum")), ("name", _ident), ("description", _opt_text, _none),
    ("renamed_from", _opt_ident, _none), ("values", _list_of(_text, 1)),
)
UpgradeSpec = _spec(
    "UpgradeSpec", ("rename", _dict_of(_text), dict), ("remove", _list_of(_text), list),
    ("map_values", _dict_of(_dict_of(_anything)), dict), ("set", _dict_of(_anything), dict),
)
ConfigSpec = _spec(
    "ConfigSpec", ("kind", _one_of("config")), ("name", _ident), ("version", _version),
    ("description", _opt_text, _none),
    ("compatibility", _one_of("backward", "backward_transitive", "forward", "forward_transitive", "full",
                              "full_transitive", "none"), _const("backward")),
    ("schema_", _dict_of(_anything), _REQUIRED, "schema"), ("upgrade", _optional(_model(UpgradeSpec)), _none),
)
TtlSpec = _spec("TtlSpec", ("anonymous", _opt_text, _none), ("authenticated", _opt_text, _none))
ChunkingSpec = _spec("ChunkingSpec", ("max_bytes", _size))
CachePolicySpec = _spec(
    "CachePolicySpec", ("kind", _one_of("cache_policy")), ("name", _ident), ("description", _opt_text, _none),
    ("model", _ident), ("key", _text), ("ttl", _optional(_model(TtlSpec)), _none), ("critical", _flag, _false),
    ("invalidate_on", _list_of(_ident), list), ("chunking", _optional(_model(ChunkingSpec)), _none),
)

LIGHT_KINDS: dict[str, type[LightSpec]] = {
    "model": ModelSpec, "enum": EnumSpec, "config": ConfigSpec, "cache_policy": CachePolicySpec,
}
_VALIDATORS = {kind: _model(cls) for kind, cls in LIGHT_KINDS.items()}


def fast_spec(kind: str, value: dict) -> LightSpec | None:
    """The spec ``specmodels.SPEC_KINDS[kind].model_validate(value)`` would give, as a light object,
    or None when this path is not sure (then ask Pydantic)."""
    try:
        return _VALIDATORS[kind](value)
    except (Decline, RecursionError):
        return None
