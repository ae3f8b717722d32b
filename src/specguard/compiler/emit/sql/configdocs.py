"""Stored config documents upgraded in SQL: the batched backfill of a config column.

The expression follows ``ir.upgrade`` step by step, as the generated Python upgraders do: for a row of
version ``v``, each later version's steps (rename, remove, map values, set) and defaults, in order,
then the new version written where the column keeps it. Each step reads the result of the one before
through a ``LATERAL`` subquery, so the SQL grows with the number of steps, never with their nesting.
Rows whose version is missing or unknown are left alone: a version is never guessed.

Matching a ``map_values`` entry follows Python's rule (a number matches by its JSON spelling): an
integer spelling matches a stored integer of that text; a float spelling matches a stored number with
a fractional part that Python would read as that very float, written as an exact interval, so the
comparison never rounds differently from Python and never overflows.
"""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction
from typing import Any

from specguard.compiler.emit.sql.backfill import Backfill
from specguard.compiler.ir.catalog import Column, ConfigVersion, Table, canonical_json
from specguard.compiler.ir.catalog import quote_ident as q
from specguard.compiler.ir.defaultsplan import DefaultsPlan, defaults_plan
from specguard.compiler.ir.upgrade import thaw
from specguard.compiler.resolve.sqlfrag import quote_literal


def config_backfill(table: Table, column: Column, versions: tuple[ConfigVersion, ...]) -> Backfill:
    """The backfill that brings every stored document of ``column`` to the latest version."""
    latest = versions[-1].version
    where, col = column.config_version, q(column.name)
    older = ", ".join(str(v) for v in range(1, latest))
    if where is not None and where.column is not None:
        vcol = q(where.column)
        expr = upgrade_expression(versions, col, vcol)
        return Backfill(table, ((column.name, expr), (where.column, str(latest))),
                        f"jsonb_typeof({col}) = 'object' AND {vcol} IN ({older})",
                        f"{column.name} to {versions[-1].name} version {latest}")
    key = _text(where.key if where is not None and where.key is not None else "$version")
    stamp = f"({col} -> {key})::text"
    expr = upgrade_expression(versions, f"({col} - {key})", f"({stamp})::integer")
    return Backfill(table, ((column.name, f"{expr} || jsonb_build_object({key}, {latest})"),),
                    f"jsonb_typeof({col}) = 'object' AND {stamp} IN ({', '.join(_text(str(v)) for v in range(1, latest))})",
                    f"{column.name} to {versions[-1].name} version {latest}")


def upgrade_expression(versions: tuple[ConfigVersion, ...], doc: str, version: str) -> str:
    """A jsonb expression: ``doc`` (of version ``version``) upgraded to the latest version."""
    steps: list[tuple[int, Any]] = []
    for v in versions[1:]:
        steps += [(v.version, s) for s in _steps(v)]
    if not steps:
        return doc
    lines = [f"(SELECT s{len(steps)}.d FROM (SELECT {doc} AS d, {version} AS v) AS s0"]
    for i, (n, step) in enumerate(steps, start=1):
        prev = f"s{i - 1}.d"
        lines.append(f"   CROSS JOIN LATERAL (SELECT CASE WHEN s0.v < {n} THEN {step(prev)} ELSE {prev} END AS d) AS s{i}")
    return "\n".join(lines) + ")"


def _steps(v: ConfigVersion) -> list[Any]:
    """The primitive steps of one version, each a function of the previous document's SQL."""
    out: list[Any] = []
    up = v.upgrade
    if up is not None:
        out += [lambda x, o=o, n=n: _rename(x, o, n) for o, n in up.rename]
        out += [lambda x, k=k: f"({x} - {_text(k)})" for k in up.remove]
        out += [lambda x, k=k, m=m: _map(x, k, m) for k, m in up.map_values]
        out += [lambda x, k=k, val=val: f"jsonb_set({x}, ARRAY[{_text(k)}], {_json(thaw(val))})" for k, val in up.set]
    plan = defaults_plan(v.schema)
    if plan is not None:
        out.append(lambda x: _fill(x, plan, [0]))
    return out


def _text(s: str) -> str:
    return quote_literal(s) + "::text"


def _json(value: Any) -> str:
    return quote_literal(canonical_json(value)) + "::jsonb"


def _rename(x: str, old: str, new: str) -> str:
    return (f"CASE WHEN {x} ? {_text(old)} THEN ({x} - {_text(old)}) || jsonb_build_object({_text(new)}, "
            f"{x} -> {_text(old)}) ELSE {x} END")


def _map(x: str, key: str, mapping: tuple[tuple[str, Any], ...]) -> str:
    y = f"({x} -> {_text(key)})"
    whens = " ".join(f"WHEN {_matches(y, old)} THEN jsonb_set({x}, ARRAY[{_text(key)}], {_json(thaw(new))})"
                     for old, new in mapping)
    return f"CASE WHEN NOT ({x} ? {_text(key)}) THEN {x} {whens} ELSE {x} END"


def _fill(x: str, plan: DefaultsPlan, counter: list[int]) -> str:
    """``fill_defaults`` of one object level: defaults under the document (present keys win), and the
    nested plans applied to the keys that are present. ``x`` is bound once per level."""
    counter[0] += 1
    alias = f"t{counter[0]}"
    t = f"{alias}.x"
    defaults = {e.key: e.default for e in plan.entries if e.has_default}
    parts = [f"{_json(defaults)} || {t}" if defaults else t]
    for e in plan.entries:
        if e.nested is not None:
            inner = _fill(f"({t} -> {_text(e.key)})", e.nested, counter)
            parts.append(f"CASE WHEN {t} ? {_text(e.key)} THEN jsonb_build_object({_text(e.key)}, {inner}) "
                         "ELSE '{}'::jsonb END")
    body = " || ".join(parts)
    return f"(SELECT CASE WHEN jsonb_typeof({t}) = 'object' THEN {body} ELSE {t} END FROM (SELECT {x} AS x) AS {alias})"


_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")


def _matches(y: str, old: str) -> str:
    """SQL for ``upgrade.matches(value, old)`` on the jsonb value ``y``."""
    conds = [f"{y} = {_json(old)}"]
    if old in ("true", "false", "null"):
        conds.append(f"{y} = {quote_literal(old)}::jsonb")
    elif _INT.fullmatch(old) and old != "-0":
        conds.append(f"(jsonb_typeof({y}) = 'number' AND {y}::text = {_text(old)})")
    elif (bounds := _float_bounds(old)) is not None:
        lo, lo_in, hi, hi_in = bounds
        conds.append(f"(jsonb_typeof({y}) = 'number' AND strpos({y}::text, '.') > 0 AND {y}::numeric "
                     f"{'>=' if lo_in else '>'} {lo} AND {y}::numeric {'<=' if hi_in else '<'} {hi})")
    return "(" + " OR ".join(conds) + ")"


def _float_bounds(old: str) -> tuple[str, bool, str, bool] | None:
    """The decimals Python reads as the float ``old`` spells (as ``repr`` writes it), else None."""
    try:
        f = float(old)
    except ValueError:
        return None
    if not math.isfinite(f) or repr(f) != old or json.dumps(f) != old:
        return None
    tiny = _decimal(Fraction(1, 2**1075))  # half the smallest float: what still rounds to zero
    if f == 0:
        return ("0", True, tiny, True) if math.copysign(1, f) > 0 else ("-" + tiny, True, "0", False)
    exact = Fraction(f)
    below = Fraction(math.nextafter(f, -math.inf))
    up = math.nextafter(f, math.inf)
    above = Fraction(up) if math.isfinite(up) else Fraction(2**1024)
    even = _even(f)  # a decimal half-way between two floats rounds to the one whose last bit is 0
    return _decimal((below + exact) / 2), even, _decimal((exact + above) / 2), even


def _even(f: float) -> bool:
    _, e = math.frexp(abs(f))
    unit = Fraction(2) ** max(e - 53, -1074)
    return (Fraction(abs(f)) / unit) % 2 == 0


def _decimal(x: Fraction) -> str:
    """The exact decimal of a dyadic fraction (its denominator is a power of two)."""
    sign = "-" if x < 0 else ""
    x = abs(x)
    digits = 0
    while x.denominator != 1:
        x *= 10
        digits += 1
    s = str(x.numerator).rjust(digits + 1, "0")
    return sign + (s[:-digits] + "." + s[-digits:] if digits else s)
