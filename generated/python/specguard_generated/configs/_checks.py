"""Keyword checks of JSON Schema 2020-12, shared by the generated config validators.

A generated model gives a document its shape with strict Pydantic types (``str``, ``int``, ``bool``,
``None``, lists, nested models, ``Literal``); every other keyword is one of the checks below, run on the
raw JSON value before Pydantic converts it (``check(...)`` in an ``Annotated`` type, or ``checks_`` on a
model). Each check is type-guarded exactly as the keyword is (``minimum`` ignores strings) and agrees
with the reference validator; a check raises ``ValueError``, which Pydantic reports with the location.

Subschemas are validated through the ``TypeAdapter`` of their generated type, given lazily (``lambda:
_S3``) so that a schema may refer to itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    PydanticUserError,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from . import _formats
from ._native import NOT_NULL as NOT_NULL
from ._native import native as native
from ._native import validity as validity

Check = Callable[[Any], Any]
Lazy = Callable[[], "TypeAdapter[Any]"]
STRICT = ConfigDict(strict=True)
_NUMBERS = (int, float)


class Model(BaseModel):
    """The base of every generated model: strict types, extra keys forbidden unless a subclass allows
    them."""

    model_config = ConfigDict(strict=True, extra="forbid")


class CheckedModel(Model):
    """A model with keyword checks of its own (``checks_``), run on the raw document first. Only such
    models inherit the validator: a model without checks costs no Python call."""

    checks_: ClassVar[tuple[Check, ...]] = ()

    @model_validator(mode="before")
    @classmethod
    def _schema_checks(cls, value: Any) -> Any:
        for c in cls.checks_:
            value = c(value)
        return value


def adapter(tp: Any) -> TypeAdapter[Any]:
    """A strict validator of a generated type (a model keeps its own configuration)."""
    try:
        return TypeAdapter(tp, config=STRICT)
    except PydanticUserError:
        return TypeAdapter(tp)


def check(*checks: Check) -> BeforeValidator:
    """The checks of one schema, in order, as Pydantic metadata."""
    return BeforeValidator(_compose(checks))


def _compose(checks: Sequence[Check]) -> Check:
    # one Python call per check and none for a loop: these run on every value of every document
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        a, b = checks
        return lambda v: b(a(v))
    if len(checks) == 3:
        a, b, c = checks
        return lambda v: c(b(a(v)))

    def run(value: Any) -> Any:
        for c in checks:
            value = c(value)
        return value

    return run


def valid(sub: Lazy, value: Any) -> bool:
    try:
        sub().validate_python(value)
    except ValidationError:
        return False
    return True


# --- JSON values ---------------------------------------------------------------------------------


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def json_equal(a: Any, b: Any) -> bool:
    """Equality of JSON values: ``1 == 1.0``, but ``true != 1``, element by element."""
    if isinstance(a, str) or isinstance(b, str):
        return bool(a == b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        return False
    return bool(a == b)


def _fail(message: str) -> Any:
    raise ValueError(message)


# --- any type ------------------------------------------------------------------------------------


def integer(value: Any) -> Any:
    """A number with a zero fractional part is an integer in JSON Schema: ``1.0`` is held as ``1``."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def not_null(value: Any) -> Any:
    return _fail("null is not allowed here") if value is None else value


def never(value: Any) -> Any:
    return _fail("no value is allowed here")


def enum(*members: Any) -> Check:
    def run(value: Any) -> Any:
        return value if any(json_equal(value, m) for m in members) else _fail(f"must be one of {list(members)!r}")

    return run


def const(member: Any) -> Check:
    def run(value: Any) -> Any:
        return value if json_equal(value, member) else _fail(f"must be {member!r}")

    return run


# --- numbers -------------------------------------------------------------------------------------


def minimum(bound: float) -> Check:
    return lambda v: (
        _fail(f"must be >= {bound}") if isinstance(v, _NUMBERS) and not isinstance(v, bool) and v < bound else v
    )


def maximum(bound: float) -> Check:
    return lambda v: (
        _fail(f"must be <= {bound}") if isinstance(v, _NUMBERS) and not isinstance(v, bool) and v > bound else v
    )


def exclusive_minimum(bound: float) -> Check:
    return lambda v: (
        _fail(f"must be > {bound}") if isinstance(v, _NUMBERS) and not isinstance(v, bool) and v <= bound else v
    )


def exclusive_maximum(bound: float) -> Check:
    return lambda v: (
        _fail(f"must be < {bound}") if isinstance(v, _NUMBERS) and not isinstance(v, bool) and v >= bound else v
    )


def _not_multiple(value: Any, factor: float) -> bool:
    if isinstance(factor, float):
        quotient = value / factor
        try:
            return bool(int(quotient) != quotient)
        except OverflowError:  # a huge quotient: exact arithmetic cannot overflow
            return (Fraction(value) / Fraction(factor)).denominator != 1
    return bool(value % factor)


def multiple_of(factor: float) -> Check:
    return lambda v: (
        _fail(f"must be a multiple of {factor}")
        if isinstance(v, _NUMBERS) and not isinstance(v, bool) and _not_multiple(v, factor)
        else v
    )


# --- strings -------------------------------------------------------------------------------------


def min_length(n: int) -> Check:
    return lambda v: _fail(f"must have at least {n} characters") if isinstance(v, str) and len(v) < n else v


def max_length(n: int) -> Check:
    return lambda v: _fail(f"must have at most {n} characters") if isinstance(v, str) and len(v) > n else v


def pattern(regex: str) -> Check:
    """``re.search``: a pattern matches anywhere unless anchored, as in every JSON Schema validator."""
    compiled = re.compile(regex)
    return lambda v: _fail(f"must match {regex!r}") if isinstance(v, str) and not compiled.search(v) else v


def format_(name: str) -> Check:
    test = _formats.FORMATS[name]
    return lambda v: _fail(f"is not a valid {name}") if isinstance(v, str) and not test(v) else v


# --- arrays --------------------------------------------------------------------------------------


def min_items(n: int) -> Check:
    return lambda v: _fail(f"must have at least {n} items") if isinstance(v, list) and len(v) < n else v


def max_items(n: int) -> Check:
    return lambda v: _fail(f"must have at most {n} items") if isinstance(v, list) and len(v) > n else v


def _unique(items: Sequence[Any]) -> bool:
    return not any(json_equal(items[i], items[j]) for i in range(len(items)) for j in range(i))


def unique_items(value: Any) -> Any:
    return _fail("items must be unique") if isinstance(value, list) and not _unique(value) else value


def prefix_items(*subs: Lazy) -> Check:
    def run(value: Any) -> Any:
        if isinstance(value, list):
            for i, (sub, item) in enumerate(zip(subs, value, strict=False)):
                if not valid(sub, item):
                    _fail(f"item {i} is not valid")
        return value

    return run


def items_from(start: int, sub: Lazy | None) -> Check:
    """The items after the ``prefixItems`` (all of them without): each valid, or none at all (``false``)."""

    def run(value: Any) -> Any:
        if isinstance(value, list):
            for i in range(start, len(value)):
                if sub is None or not valid(sub, value[i]):
                    _fail(f"item {i} is not allowed" if sub is None else f"item {i} is not valid")
        return value

    return run


def contains(sub: Lazy, least: int = 1, most: int | None = None) -> Check:
    def run(value: Any) -> Any:
        if isinstance(value, list):
            n = sum(1 for item in value if valid(sub, item))
            if n < least or (most is not None and n > most):
                _fail(f"{n} items match `contains`, not between {least} and {most}")
        return value

    return run


# --- objects -------------------------------------------------------------------------------------


def min_properties(n: int) -> Check:
    return lambda v: _fail(f"must have at least {n} properties") if isinstance(v, dict) and len(v) < n else v


def max_properties(n: int) -> Check:
    return lambda v: _fail(f"must have at most {n} properties") if isinstance(v, dict) and len(v) > n else v


def required(*keys: str) -> Check:
    def run(value: Any) -> Any:
        missing = [k for k in keys if k not in value] if isinstance(value, dict) else []
        return _fail(f"missing required properties {missing!r}") if missing else value

    return run


def dependent_required(rules: dict[str, tuple[str, ...]]) -> Check:
    def run(value: Any) -> Any:
        if isinstance(value, dict):
            for key, needs in rules.items():
                if key in value and any(n not in value for n in needs):
                    _fail(f"`{key}` needs {list(needs)!r}")
        return value

    return run


def dependent_schemas(rules: dict[str, Lazy]) -> Check:
    def run(value: Any) -> Any:
        if isinstance(value, dict):
            for key, sub in rules.items():
                if key in value and not valid(sub, value):
                    _fail(f"does not match the schema that `{key}` brings in")
        return value

    return run


def property_names(sub: Lazy) -> Check:
    def run(value: Any) -> Any:
        bad = [k for k in value if not valid(sub, k)] if isinstance(value, dict) else []
        return _fail(f"property names {bad!r} are not valid") if bad else value

    return run


def properties(rules: dict[str, Lazy]) -> Check:
    """Properties of an object that no model describes (a schema without ``type: object``)."""

    def run(value: Any) -> Any:
        if isinstance(value, dict):
            for key, sub in rules.items():
                if key in value and not valid(sub, value[key]):
                    _fail(f"property `{key}` is not valid")
        return value

    return run


def pattern_properties(rules: Sequence[tuple[str, Lazy]]) -> Check:
    """Every property whose name matches a pattern (declared or not) must be valid under its schema."""
    compiled = [(re.compile(p), sub) for p, sub in rules]

    def run(value: Any) -> Any:
        if isinstance(value, dict):
            for key, item in value.items():
                for regex, sub in compiled:
                    if regex.search(key) and not valid(sub, item):
                        _fail(f"property `{key}` is not valid under pattern {regex.pattern!r}")
        return value

    return run


def additional_properties(known: Sequence[str], patterns: Sequence[str], sub: Lazy | None) -> Check:
    """The properties neither declared nor matched by a pattern: each valid under ``sub``, or none
    allowed (``sub`` is None for ``additionalProperties: false``)."""
    names, compiled = frozenset(known), [re.compile(p) for p in patterns]

    def run(value: Any) -> Any:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in names or any(r.search(key) for r in compiled):
                    continue
                if sub is None or not valid(sub, item):
                    _fail(f"property `{key}` is not allowed" if sub is None else f"property `{key}` is not valid")
        return value

    return run


# --- combinators ---------------------------------------------------------------------------------


def all_of(*subs: Lazy) -> Check:
    return lambda v: v if all(valid(s, v) for s in subs) else _fail("does not match every schema of `allOf`")


def any_of(*subs: Lazy) -> Check:
    return lambda v: v if any(valid(s, v) for s in subs) else _fail("matches no schema of `anyOf`")


def one_of(*subs: Lazy) -> Check:
    def run(value: Any) -> Any:
        n = sum(1 for s in subs if valid(s, value))
        return value if n == 1 else _fail(f"matches {n} schemas of `oneOf`, not exactly one")

    return run


def not_(sub: Lazy) -> Check:
    return lambda v: _fail("matches the schema of `not`") if valid(sub, v) else v


def if_then_else(cond: Lazy, then: Lazy | None, otherwise: Lazy | None) -> Check:
    def run(value: Any) -> Any:
        branch, name = (then, "then") if valid(cond, value) else (otherwise, "else")
        return _fail(f"does not match `{name}`") if branch is not None and not valid(branch, value) else value

    return run


def ref(sub: Lazy) -> Check:
    return lambda v: v if valid(sub, v) else _fail("does not match the referenced schema")


def types(*names: str) -> Check:
    """The value's JSON type is one of ``names`` (used where the shape alone cannot say it)."""

    def run(value: Any) -> Any:
        kinds = {"null"} if value is None else {"boolean"} if isinstance(value, bool) else set()
        if is_number(value):
            kinds = {"number", "integer"} if isinstance(value, int) or value.is_integer() else {"number"}
        elif isinstance(value, str):
            kinds = {"string"}
        elif isinstance(value, list):
            kinds = {"array"}
        elif isinstance(value, dict):
            kinds = {"object"}
        return value if kinds & set(names) else _fail(f"must be of type {' or '.join(names)}")

    return run


def null_allowed(sub: Lazy) -> Check:
    """An optional property given as null: valid only where its schema accepts null."""
    return lambda v: _fail("null is not allowed here") if v is None and not valid(sub, v) else v
