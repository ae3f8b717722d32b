"""Intersection of models (``allOf``), the value a key holds, membership and emptiness.

Intersection is exact on what the model represents; membership and emptiness answer conservatively
("may contain", "is provably empty"), which keeps every conclusion drawn from them sound.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import replace
from fractions import Fraction
from typing import Any

from specguard.compiler.schemacompat.model import (
    EMPTY,
    TOP,
    Arr,
    Atom,
    Finite,
    Model,
    Num,
    Obj,
    Prop,
    Str,
    Unsupported,
    json_key,
)


@functools.lru_cache(maxsize=1024)
def regex(pattern: str) -> re.Pattern:
    """A JSON Schema pattern as Python reads it (as jsonschema does); Unsupported when it cannot."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise Unsupported(f"the pattern {pattern!r} is not a regular expression Python reads ({exc})") from None


def value_at(obj: Obj, key: str) -> Model:
    """What ``key`` may hold in ``obj``: its property, else every matching pattern, else ``additional``."""
    if key in obj.props:
        return obj.props[key].model
    out = TOP
    for rest in obj.rest:
        matched = [m for p, m in rest.patterns if regex(p).search(key)]
        if matched:
            for m in matched:
                out = meet(out, m)
        elif rest.additional is not None:
            out = meet(out, rest.additional)
    return out


def prop_at(obj: Obj, key: str) -> Prop:
    """The property ``key`` of ``obj``, made explicit when only patterns or ``additional`` govern it."""
    return obj.props.get(key) or Prop(value_at(obj, key), False, (key,))


def meet(a: Model, b: Model) -> Model:
    if a.top:
        return b
    if b.top:
        return a
    out = [z for x in a.atoms for y in b.atoms if (z := meet_atoms(x, y)) is not None and not atom_empty(z)]
    return Model(tuple(out))


def meet_atoms(x: Atom, y: Atom) -> Atom | None:
    """The intersection of two atoms, or None when their types differ."""
    res = x.residuals | y.residuals
    if isinstance(y, Finite) and not isinstance(x, Finite):
        x, y = y, x
    if isinstance(x, Finite):
        keep = [i for i, v in enumerate(x.values) if may_contain(y, v)]
        return replace(x, values=tuple(x.values[i] for i in keep), pre=tuple(x.preimages(i) for i in keep),
                       residuals=res, src=x.src if x.src == y.src else None)
    if type(x) is not type(y):
        return None
    meet_kind = {Num: _meet_num, Str: _meet_str, Arr: _meet_arr, Obj: _meet_obj}[type(x)]
    at = y.at if len(y.at) > len(x.at) else x.at  # the deeper node says more precisely where it comes from
    return replace(meet_kind(x, y), residuals=res, src=x.src if x.src == y.src else None, at=at)


def _tighter(a: Fraction | None, ax: bool, b: Fraction | None, bx: bool, lower: bool) -> tuple[Fraction | None, bool]:
    if a is None:
        return b, bx
    if b is None or a == b:
        return a, ax or (bx and a == b)
    return (a, ax) if (a > b) == lower else (b, bx)


def _meet_num(x: Num, y: Num) -> Num:
    lo, lo_x = _tighter(x.lo, x.lo_x, y.lo, y.lo_x, True)
    hi, hi_x = _tighter(x.hi, x.hi_x, y.hi, y.hi_x, False)
    return replace(x, integer=x.integer or y.integer, lo=lo, lo_x=lo_x, hi=hi, hi_x=hi_x,
                   mult=tuple(dict.fromkeys(x.mult + y.mult)))


def _meet_str(x: Str, y: Str) -> Str:
    hi = y.max_len if x.max_len is None else x.max_len if y.max_len is None else min(x.max_len, y.max_len)
    return replace(x, min_len=max(x.min_len, y.min_len), max_len=hi, patterns=x.patterns | y.patterns,
                   formats=x.formats | y.formats)


def item_at(arr: Arr, i: int) -> Model:
    if i < len(arr.prefix):
        return arr.prefix[i]
    return TOP if arr.items is None else arr.items


def _min_opt(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else min(a, b)


def _meet_arr(x: Arr, y: Arr) -> Arr:
    n = max(len(x.prefix), len(y.prefix))
    prefix = tuple(meet(item_at(x, i), item_at(y, i)) for i in range(n))
    items = None if x.items is None and y.items is None else meet(x.items or TOP, y.items or TOP)
    return replace(x, prefix=prefix, items=items, min_items=max(x.min_items, y.min_items),
                   max_items=_min_opt(x.max_items, y.max_items), unique=x.unique or y.unique)


def _meet_obj(x: Obj, y: Obj) -> Obj:
    props = {}
    for k in sorted(set(x.props) | set(y.props)):
        px, py = prop_at(x, k), prop_at(y, k)
        props[k] = Prop(meet(px.model, py.model), px.required or py.required, (k,))
    names = x.names if y.names is None else y.names if x.names is None else meet(x.names, y.names)
    return replace(x, props=props, rest=x.rest + y.rest, min_props=max(x.min_props, y.min_props),
                   max_props=_min_opt(x.max_props, y.max_props), dep_required=x.dep_required + y.dep_required,
                   names=names)


# --- membership and emptiness ------------------------------------------------------------------


def is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and (isinstance(v, int) or math.isfinite(v))


def may_contain(atom: Atom, v: Any) -> bool:
    """False only when ``v`` is certainly not in ``atom`` (residuals are not looked at)."""
    if isinstance(atom, Finite):
        return json_key(v) in {json_key(a) for a in atom.values}
    if isinstance(atom, Num):
        return is_number(v) and num_contains(atom, Fraction(v))
    if isinstance(atom, Str):
        return isinstance(v, str) and _str_may_contain(atom, v)
    if isinstance(atom, Arr):
        return isinstance(v, list) and _arr_may_contain(atom, v)
    if isinstance(atom, Obj):
        return isinstance(v, dict) and _obj_may_contain(atom, v)
    return True


def model_may_contain(model: Model, v: Any) -> bool:
    return model.top or any(may_contain(a, v) for a in model.atoms)


def num_contains(x: Num, f: Fraction) -> bool:
    if x.integer and f.denominator != 1:
        return False
    if x.lo is not None and (f < x.lo or (x.lo_x and f == x.lo)):
        return False
    if x.hi is not None and (f > x.hi or (x.hi_x and f == x.hi)):
        return False
    return all((f / m).denominator == 1 for m in x.mult if m > 0)


def _str_may_contain(x: Str, v: str) -> bool:
    if len(v) < x.min_len or (x.max_len is not None and len(v) > x.max_len):
        return False
    return all(regex(p).search(v) for p in x.patterns)


def _arr_may_contain(x: Arr, v: list) -> bool:
    if len(v) < x.min_items or (x.max_items is not None and len(v) > x.max_items):
        return False
    return all(model_may_contain(item_at(x, i), item) for i, item in enumerate(v))


def _obj_may_contain(x: Obj, v: dict) -> bool:
    if any(p.required and k not in v for k, p in x.props.items()):
        return False
    if len(v) < x.min_props or (x.max_props is not None and len(v) > x.max_props):
        return False
    return all(model_may_contain(value_at(x, k), item) for k, item in v.items())


def atom_empty(atom: Atom) -> bool:
    """True only when ``atom`` provably holds no value."""
    if isinstance(atom, Finite):
        return not atom.values
    if isinstance(atom, Num):
        return _num_empty(atom)
    if isinstance(atom, Str):
        return atom.max_len is not None and atom.min_len > atom.max_len
    if isinstance(atom, Arr):
        if atom.max_items is not None and atom.min_items > atom.max_items:
            return True
        return any(item_at(atom, i).empty for i in range(min(atom.min_items, len(atom.prefix) + 1)))
    if isinstance(atom, Obj):
        required = [p for p in atom.props.values() if p.required]
        if any(p.model.empty for p in required):
            return True
        return atom.max_props is not None and max(len(required), atom.min_props) > atom.max_props
    return False


def _num_empty(x: Num) -> bool:
    lo, hi = int_bounds(x) if x.integer else (x.lo, x.hi)
    if lo is None or hi is None:
        return False
    if x.integer:
        return lo > hi
    return lo > hi or (lo == hi and (x.lo_x or x.hi_x))


def int_bounds(x: Num) -> tuple[Fraction | None, Fraction | None]:
    """The least and greatest integer an integer atom may hold (None: unbounded)."""
    lo = hi = None
    if x.lo is not None:
        lo = Fraction(math.floor(x.lo) + 1) if x.lo_x and x.lo.denominator == 1 else Fraction(math.ceil(x.lo))
    if x.hi is not None:
        hi = Fraction(math.ceil(x.hi) - 1) if x.hi_x and x.hi.denominator == 1 else Fraction(math.floor(x.hi))
    return lo, hi


__all__ = ["EMPTY", "TOP", "atom_empty", "item_at", "meet", "may_contain", "prop_at", "value_at"]
