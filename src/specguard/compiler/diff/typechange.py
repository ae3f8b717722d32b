"""What a column type change costs in PostgreSQL: shared by emit (USING or not) and rules (verdict).

The classes were checked on PostgreSQL 16.2 by comparing ``pg_class.relfilenode`` before and after
``ALTER COLUMN .. TYPE`` (a new relfilenode means the table was rewritten).
"""

from __future__ import annotations

import enum

from specguard.compiler.ir.catalog import ColumnType


class TypeChange(str, enum.Enum):
    SAME = "same"
    # binary-coercible: catalog-only, no rewrite, no value can fail (varchar(n) -> varchar(m>=n), ...)
    COERCIBLE = "coercible"
    # every old value fits, but PostgreSQL rewrites the table and its indexes (integer -> bigint)
    WIDENING = "widening"
    # values may fail to convert or change meaning (narrowing, text -> integer, timestamp -> timestamptz)
    INCOMPATIBLE = "incompatible"


_INT_RANK = {"smallint": 1, "integer": 2, "bigint": 3}
_TEXTUAL = ("text", "varchar")


def classify_type_change(old: ColumnType, new: ColumnType) -> TypeChange:
    """Classify the change of a column from ``old`` to ``new``."""
    if old == new:
        return TypeChange.SAME
    if old.array != new.array:
        return TypeChange.INCOMPATIBLE
    scalar = _classify_scalar(old, new)
    # an array's elements are never relabelled in place: even varchar(10)[] -> text[] rewrites
    if old.array and scalar is TypeChange.COERCIBLE:
        return TypeChange.WIDENING
    return scalar


def _classify_scalar(old: ColumnType, new: ColumnType) -> TypeChange:
    if old.enum or new.enum:
        # an enum's labels always fit unbounded text (a rewrite); text -> enum may fail
        if old.enum and not new.enum and new.base in _TEXTUAL and not new.args:
            return TypeChange.WIDENING
        return TypeChange.INCOMPATIBLE
    o, n = old.base, new.base
    if o in _TEXTUAL and n in _TEXTUAL:
        if not new.args:  # text, or varchar without a length
            return TypeChange.COERCIBLE
        if o == "varchar" and old.args and new.args[0] >= old.args[0]:
            return TypeChange.COERCIBLE
        return TypeChange.INCOMPATIBLE
    if o == "numeric" and n == "numeric":
        return _classify_numeric(old.args, new.args)
    if o in _INT_RANK and n in _INT_RANK:
        return TypeChange.WIDENING if _INT_RANK[n] > _INT_RANK[o] else TypeChange.INCOMPATIBLE
    if o in _INT_RANK and n == "numeric":
        # numeric(P,S) holds every bigint only with P-S >= 19 digits; unbounded numeric holds all
        digits = {"smallint": 5, "integer": 10, "bigint": 19}[o]
        if not new.args or (new.args[0] - (new.args[1] if len(new.args) > 1 else 0)) >= digits:
            return TypeChange.WIDENING
        return TypeChange.INCOMPATIBLE
    if (o, n) == ("real", "double precision"):
        return TypeChange.WIDENING
    return TypeChange.INCOMPATIBLE


def _classify_numeric(old: tuple[int, ...], new: tuple[int, ...]) -> TypeChange:
    if not new:
        return TypeChange.COERCIBLE  # unbounded numeric accepts every value, no rewrite
    if not old:
        return TypeChange.INCOMPATIBLE  # bounding an unbounded numeric may overflow
    op, os_ = old[0], old[1] if len(old) > 1 else 0
    np_, ns = new[0], new[1] if len(new) > 1 else 0
    if ns == os_ and np_ >= op:
        return TypeChange.COERCIBLE
    if ns >= os_ and np_ - ns >= op - os_:
        return TypeChange.WIDENING  # more scale: values are re-encoded, none is lost
    return TypeChange.INCOMPATIBLE
