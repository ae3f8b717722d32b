"""The parts of a table's CHECK constraints that a row validator can enforce exactly.

A check is a canonical SQL expression (``resolve/sqlfrag``). Of it, the validator enforces each
conjunct (an ``AND`` operand, or the whole expression) that compares one column with a constant:
``"tokensBurned" >= 0``, ``0 < "version"``, ``"score" BETWEEN 1 AND 5``, ``"status" <> 'gone'``.
Each such conjunct is implied by the check, so refusing a value that fails it never refuses a row
the database would take. Everything else (functions, two columns, ``OR``) is left to the database.

Which comparisons are exact depends on the column: order comparisons for numbers (integers, numeric,
real and double, in PostgreSQL's order where NaN is above every number), equality only for text,
enums and booleans (text order depends on the collation, equality does not).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from specguard.compiler.ir.catalog import Column, Table

NUMERIC_BASES = frozenset({"smallint", "integer", "bigint", "numeric", "real", "double precision"})
EQUALITY_BASES = frozenset({"text", "varchar", "boolean"})
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "<>": "<>"}


class Bound(NamedTuple):
    """One enforceable comparison: ``<column> <op> <value>``, from the check named ``check``."""

    check: str
    op: str
    value: int | Decimal | str | bool


def enforceable_bounds(table: Table) -> dict[str, list[Bound]]:
    """Column name -> the comparisons of the table's checks that its validator enforces, in check order."""
    out: dict[str, list[Bound]] = {}
    for check in table.checks:
        for column, bound in _bounds(check.name, check.expression):
            col = table.column(column)
            if col is not None and _enforceable(col, bound):
                out.setdefault(column, []).append(bound)
    return out


def _enforceable(col: Column, bound: Bound) -> bool:
    if col.type.array or col.config:
        return False
    if col.type.base in NUMERIC_BASES and not col.type.enum:
        return isinstance(bound.value, (int, Decimal)) and not isinstance(bound.value, bool)
    if bound.op not in ("=", "<>"):
        return False
    if col.type.base == "boolean":
        return isinstance(bound.value, bool)
    return isinstance(bound.value, str) and (col.type.enum or col.type.base in EQUALITY_BASES)


def _bounds(name: str, expression: str) -> list[tuple[str, Bound]]:
    from pglast import parse_sql

    node = parse_sql("SELECT " + expression)[0].stmt.targetList[0].val
    out: list[tuple[str, Bound]] = []
    for conjunct in _conjuncts(node):
        out += _comparison(name, conjunct)
    return out


def _conjuncts(node) -> list:
    if type(node).__name__ == "BoolExpr" and node.boolop.name == "AND_EXPR":
        return [c for arg in node.args for c in _conjuncts(arg)]
    return [node]


def _comparison(name: str, node) -> list[tuple[str, Bound]]:
    if type(node).__name__ != "A_Expr":
        return []
    kind = node.kind.name
    if kind == "AEXPR_OP" and len(node.name) == 1:
        op = node.name[0].sval
        if op not in _FLIP:
            return []
        column, value = _column(node.lexpr), _constant(node.rexpr)
        if column is None:  # the constant on the left: 0 < "x" is "x" > 0
            column, value, op = _column(node.rexpr), _constant(node.lexpr), _FLIP[op]
        return [] if column is None or value is None else [(column, Bound(name, op, value))]
    if kind == "AEXPR_BETWEEN":
        column = _column(node.lexpr)
        low, high = (_constant(n) for n in node.rexpr)
        if column is None or low is None or high is None:
            return []
        return [(column, Bound(name, ">=", low)), (column, Bound(name, "<=", high))]
    return []


def _column(node) -> str | None:
    if type(node).__name__ != "ColumnRef" or len(node.fields) != 1:
        return None
    return getattr(node.fields[0], "sval", None)


def _constant(node) -> int | Decimal | str | bool | None:
    if type(node).__name__ != "A_Const" or node.isnull:
        return None
    val = node.val
    kind = type(val).__name__
    if kind == "Integer":
        return val.ival
    if kind == "Float":
        number = Decimal(val.fval)
        return int(number) if number == number.to_integral_value() and "." not in val.fval and "e" not in val.fval.lower() else number
    if kind == "Boolean":
        return bool(val.boolval)
    if kind == "String":
        return val.sval
    return None
