"""Whether no value of an atom fits a schema: what ``not`` and ``oneOf`` on the reading side need.

Conservative: True only when provable (types differ, finite values all rejected, a required key's
values cannot meet, number ranges apart).
"""

from __future__ import annotations

from fractions import Fraction

from specguard.compiler.schemacompat.meet import int_bounds, may_contain, prop_at
from specguard.compiler.schemacompat.model import Arr, Atom, Finite, Model, Num, Obj, Str
from specguard.compiler.schemacompat.refs import S

KIND = {Num: {"number", "integer"}, Str: {"string"}, Arr: {"array"}, Obj: {"object"}}


def type_allowed(atom: Atom, types: frozenset[str] | None) -> bool:
    if types is None or isinstance(atom, Finite):
        return True
    if isinstance(atom, Num) and not atom.integer and "number" not in types:
        return "integer" in types  # integers of the atom may still fit
    return bool(KIND[type(atom)] & types)


def disjoint(atom: Atom, s: S) -> bool:
    if s.node is False:
        return True
    if s.node is True:
        return False
    if isinstance(atom, Finite):
        return all(not s.accepts(v) for v in atom.values)
    if not type_allowed(atom, s.types()):
        return True
    values = [s.get("const")] if s.has("const") else s.get("enum") if isinstance(s.get("enum"), list) else None
    if values is not None and not any(may_contain(atom, v) for v in values):
        return True
    if isinstance(atom, Obj) and _objects_apart(atom, s):
        return True
    if isinstance(atom, Num) and _ranges_apart(atom, s):
        return True
    if any(disjoint(atom, c) for c in s.conjuncts()):
        return True
    branches = s.subs("anyOf") or s.subs("oneOf")
    return bool(branches) and all(disjoint(atom, b) for b in branches)


def model_disjoint(model: Model, s: S) -> bool:
    return not model.top and all(disjoint(a, s) for a in model.atoms)


def _objects_apart(x: Obj, s: S) -> bool:
    """A key both must hold (one requires it) whose values cannot meet: a discriminator."""
    required = set(s.get("required", []))
    for k in required:
        if prop_at(x, k).model.empty:
            return True
    for k, ps in s.named("properties").items():
        mine = prop_at(x, k)
        if (k in required or mine.required) and model_disjoint(mine.model, ps):
            return True
    return False


def _ranges_apart(x: Num, s: S) -> bool:
    lo, hi = int_bounds(x) if x.integer else (x.lo, x.hi)
    for key, excl in (("maximum", False), ("exclusiveMaximum", True)):
        v = s.get(key)
        if v is not None and not isinstance(v, bool) and lo is not None:
            if lo > Fraction(v) or (excl and lo == Fraction(v)) or (x.lo_x and not x.integer and lo == Fraction(v)):
                return True
    for key, excl in (("minimum", False), ("exclusiveMinimum", True)):
        v = s.get(key)
        if v is not None and not isinstance(v, bool) and hi is not None:
            if hi < Fraction(v) or (excl and hi == Fraction(v)) or (x.hi_x and not x.integer and hi == Fraction(v)):
                return True
    return False
