"""Types and validators shared by the row models: PostgreSQL's ranges, limits and rounding.

Copied by specguard into every package that has row models; do not edit. Each type takes the Python
values of its kind that PostgreSQL stores in a column of that type, refuses those it would refuse,
and holds what it would store: numeric rounded to its scale, real to single precision, the excess
trailing spaces of a varchar cut.
"""

import datetime as _dt
import decimal
import math
import operator
import struct
from collections.abc import Callable
from typing import Annotated, Any, Final, TypeVar

from pydantic import AfterValidator, AwareDatetime, ConfigDict, Field, JsonValue, NaiveDatetime

_T = TypeVar("_T")

# Strict: a value of the wrong Python type is refused, not converted (a str is not a UUID, a naive
# datetime is not a timestamptz). Assignments are validated like construction.
ROW_CONFIG: Final = ConfigDict(strict=True, extra="forbid", validate_assignment=True)
# The same, for models with a field renamed (a column named like a keyword or a pydantic attribute):
# validation takes the column name (the alias) or the field name.
ROW_CONFIG_ALIASED: Final = ConfigDict(strict=True, extra="forbid", validate_assignment=True, populate_by_name=True)

SmallInt = Annotated[int, Field(ge=-(2**15), le=2**15 - 1)]
Integer = Annotated[int, Field(ge=-(2**31), le=2**31 - 1)]
BigInt = Annotated[int, Field(ge=-(2**63), le=2**63 - 1)]
Double = float
Timestamp = NaiveDatetime
TimestampTz = AwareDatetime


def _naive_time(value: _dt.time) -> _dt.time:
    if value.tzinfo is not None:
        raise ValueError("a time column holds no time zone: give a naive time")
    return value


Time = Annotated[_dt.time, AfterValidator(_naive_time)]


def _text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("PostgreSQL text cannot hold the NUL character (\\x00)")
    _encodable(value)
    return value


def _encodable(value: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("not valid Unicode text (it holds a lone surrogate)") from None


Text = Annotated[str, AfterValidator(_text)]


def varchar(length: int) -> AfterValidator:
    """``varchar(N)``: at most N characters; as in PostgreSQL, excess characters that are all spaces are cut."""

    def check(value: str) -> str:
        if len(value) <= length:
            return value
        if not value[length:].strip(" "):
            return value[:length]
        raise ValueError(f"longer than {length} characters (varchar({length}))")

    return AfterValidator(check)


def _real(value: float) -> float:
    if math.isnan(value) or math.isinf(value):
        return value
    try:
        single: float = struct.unpack("<f", struct.pack("<f", value))[0]
    except OverflowError:
        raise ValueError("out of range for real (single precision): overflow") from None
    if single == 0.0 and value != 0.0:
        raise ValueError("out of range for real (single precision): underflow")
    return single


Real = Annotated[float, AfterValidator(_real)]


def _numeric(value: decimal.Decimal) -> decimal.Decimal:
    if value.is_snan():
        raise ValueError("a signaling NaN is not a numeric value")
    if value.is_finite() and value.adjusted() >= 131072:
        raise ValueError("too large for numeric: more than 131072 digits before the decimal point")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -16383:
        raise ValueError("too precise for numeric: more than 16383 digits after the decimal point")
    return value


Numeric = Annotated[decimal.Decimal, Field(allow_inf_nan=True), AfterValidator(_numeric)]


def numeric(precision: int, scale: int) -> AfterValidator:
    """``numeric(P,S)``: rounded to S decimal places (half away from zero, as PostgreSQL rounds), and
    refused when that leaves P - S or more digits before the point (PostgreSQL: numeric field overflow)."""
    quantum = decimal.Decimal(1).scaleb(-scale)
    limit = decimal.Decimal(10) ** (precision - scale)
    overflow = f"numeric field overflow: numeric({precision},{scale}) holds less than 10^{precision - scale}"

    def check(value: decimal.Decimal) -> decimal.Decimal:
        if value.is_nan():
            return value
        if value.is_infinite() or value.adjusted() > precision - scale:
            raise ValueError(overflow)
        rounded = value.quantize(quantum, rounding=decimal.ROUND_HALF_UP, context=decimal.Context(prec=precision + 3))
        if abs(rounded) >= limit:
            raise ValueError(overflow)
        return rounded

    return AfterValidator(check)


def _json(value: _T) -> _T:
    _walk_json(value, decoded=False)
    return value


def _jsonb(value: _T) -> _T:
    _walk_json(value, decoded=True)
    return value


def _walk_json(value: object, *, decoded: bool) -> None:
    """Refuse what PostgreSQL refuses in a json document (NaN, Infinity) and, when it is ``decoded``
    (jsonb), the NUL character and lone surrogates: jsonb decodes every escape, json keeps its text."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            raise ValueError("JSON has no NaN or Infinity")
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and decoded:
            if "\x00" in item:
                raise ValueError("jsonb cannot hold the NUL character (\\u0000)")
            _encodable(item)


_Document = dict[str, JsonValue] | list[JsonValue] | str | int | float | bool
# A JSON document; None (SQL NULL) is not one of them: JSON's own null is written inside a document.
Json = Annotated[_Document, AfterValidator(_json)]
Jsonb = Annotated[_Document, AfterValidator(_jsonb)]

_ORDER: Final[dict[str, Callable[[Any, Any], bool]]] = {
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "=": operator.eq, "<>": operator.ne,
}


def check(name: str, op: str, bound: int | decimal.Decimal | str | bool) -> AfterValidator:
    """The comparison ``value <op> bound`` that the CHECK constraint ``name`` makes, as PostgreSQL makes it."""

    def validate(value: _T) -> _T:
        if not _holds(value, op, bound):
            raise ValueError(f"violates the check {name}: the value must be {op} {bound}")
        return value

    return AfterValidator(validate)


def _holds(value: object, op: str, bound: int | decimal.Decimal | str | bool) -> bool:
    """PostgreSQL's comparison: NaN above every number and equal to itself, a floating-point column
    compared in double precision, numeric and integers exactly."""
    compare = _ORDER[op]
    if isinstance(value, float):
        return compare(_nan_last(value, math.isnan(value)), _nan_last(float(bound), False))
    if isinstance(value, decimal.Decimal):
        return compare(_nan_last(value, value.is_nan()), _nan_last(bound, False))
    return compare(value, bound)


def _nan_last(value: object, nan: bool) -> tuple[int, Any]:
    return (1, 0) if nan else (0, value)
