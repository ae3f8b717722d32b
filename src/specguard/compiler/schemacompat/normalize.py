"""A schema node (read through :class:`S`) as a :class:`Model` of the values it accepts.

Sound over-approximation: ``oneOf`` is read as ``anyOf``, ``if``/``then``/``else`` as
``(if and then) or else``, ``not`` and the keywords the model has no place for are left out, and each
of those is kept as a residual so that the same keyword on the reading side is still discharged.
Finite nodes (``enum``, ``const``, only ``null``/``boolean``) become their values, filtered by
validating each against the whole node, which makes them exact.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from specguard.compiler.schemacompat.meet import atom_empty, meet, regex, value_at
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
    Rest,
    Str,
    finite,
    retag,
    union,
    with_numeric_twins,
)
from specguard.compiler.schemacompat.refs import S, canonical

ALL_TYPES = frozenset({"null", "boolean", "integer", "number", "string", "array", "object"})
# keyword groups the model does not represent; the reading side discharges them by identity. Only
# groups whose meaning does not depend on their siblings: `unevaluated*` depends on what the other
# keywords evaluated, so it is discharged only when the whole node is the same.
RESIDUAL_GROUPS: tuple[tuple[str, ...], ...] = (
    ("anyOf",), ("oneOf",), ("not",), ("dependentSchemas",), ("contains", "minContains", "maxContains"),
    ("propertyNames",), ("if", "then", "else"),
)


def residual_keys(s: S) -> frozenset[str]:
    """Canonical JSON of each keyword group of ``s`` (dereferenced), and of each ``allOf`` branch."""
    resolved = s.resolved if isinstance(s.resolved, dict) else {}
    out = {group_key(resolved, g) for g in RESIDUAL_GROUPS if g[0] in resolved}
    out |= {c.canon for c in s.conjuncts()}
    return frozenset(out)


def group_key(resolved: dict, group: tuple[str, ...]) -> str:
    return canonical({k: resolved[k] for k in group if k in resolved})


def carried(s: S, atom: Atom, group: tuple[str, ...]) -> bool:
    """Whether the writing atom already holds the reader's keyword group (so it fits by identity)."""
    return group_key(s.resolved if isinstance(s.resolved, dict) else {}, group) in atom.residuals


def normalize(s: S) -> Model:
    """The values ``s`` accepts, as a union of atoms marked with their source node."""
    if s.node is True:
        return retag(TOP, s.canon, s.at)
    if s.node is False:
        return EMPTY
    values = finite_values(s)
    if values is not None:
        kept = [v for v in with_numeric_twins(values) if s.accepts(v)]
        return retag(Model((finite(kept, at=s.at),)), s.canon, s.at) if kept else EMPTY
    model = Model(tuple(base_atoms(s)))
    for c in s.conjuncts():
        model = meet(model, normalize(c))
    for key in ("anyOf", "oneOf"):
        branches = s.subs(key)
        if branches:
            model = meet(model, union(*(normalize(b) for b in branches)))
    if s.has("if") and (s.has("then") or s.has("else")):
        cond, then, other = (s.sub(k) for k in ("if", "then", "else"))
        yes = meet(normalize(cond), normalize(then)) if then is not None else normalize(cond)  # type: ignore[arg-type]
        model = meet(model, union(yes, normalize(other) if other is not None else TOP))
    model = Model(tuple(a for a in model.atoms if not atom_empty(a))) if not model.top else model
    return retag(model, s.canon, s.at, residual_keys(s))


def finite_values(s: S) -> list[Any] | None:
    """The values ``s`` can be narrowed to before validation, or None when it is not finite."""
    if s.has("const"):
        return [s.get("const")]
    if s.has("enum") and isinstance(s.get("enum"), list):
        return list(s.get("enum"))
    for c in s.conjuncts():
        inner = finite_values(c)
        if inner is not None:
            return inner
    for key in ("anyOf", "oneOf"):
        branches = [finite_values(b) for b in s.subs(key)]
        if branches and all(b is not None for b in branches):
            return [v for b in branches for v in b]  # type: ignore[union-attr]
    types = s.types()
    if types is not None and types <= {"null", "boolean"}:
        return ([None] if "null" in types else []) + ([True, False] if "boolean" in types else [])
    return None


def base_atoms(s: S) -> list[Atom]:
    """One atom per type ``s`` allows, with that type's keywords of ``s`` itself."""
    types = s.types() or ALL_TYPES
    out: list[Atom] = []
    if "null" in types:
        out.append(finite([None], at=s.at))
    if "boolean" in types:
        out.append(finite([True, False], at=s.at))
    if types & {"integer", "number"}:
        out.append(_num(s, "number" not in types))
    if "string" in types:
        out.append(Str(min_len=s.count("minLength", 0), max_len=s.count("maxLength"),
                       patterns=frozenset([s.get("pattern")]) if s.has("pattern") else frozenset(),
                       formats=frozenset([s.get("format")]) if s.has("format") else frozenset(), at=s.at))
    if "array" in types:
        out.append(_arr(s))
    if "object" in types:
        out.append(_obj(s))
    return out


def _frac(v: Any) -> Fraction | None:
    return None if v is None or isinstance(v, bool) else Fraction(v)


def _num(s: S, integer: bool) -> Num:
    x = Num(integer=integer, mult=tuple(Fraction(m) for m in [s.get("multipleOf")] if m is not None), at=s.at)
    for key, attr, excl in (("minimum", "lo", False), ("exclusiveMinimum", "lo", True),
                            ("maximum", "hi", False), ("exclusiveMaximum", "hi", True)):
        bound = _frac(s.get(key))
        if bound is None:
            continue
        cur = getattr(x, attr)
        lower = attr == "lo"
        if cur is None or (bound > cur if lower else bound < cur) or (bound == cur and excl):
            setattr(x, attr, bound)
            setattr(x, attr + "_x", excl)
    return x


def _arr(s: S) -> Arr:
    items = s.sub("items")
    return Arr(prefix=tuple(normalize(p) for p in s.subs("prefixItems")),
               items=normalize(items) if items is not None else None, min_items=s.count("minItems", 0),
               max_items=s.count("maxItems"), unique=bool(s.get("uniqueItems", False)), at=s.at)


def _obj(s: S) -> Obj:
    declared = s.named("properties")
    extra = s.sub("additionalProperties")
    rest = Rest(tuple((p, normalize(ps)) for p, ps in s.named("patternProperties").items()),
                normalize(extra) if extra is not None else None)
    required = set(s.get("required", []))
    deps = {k: tuple(v) for k, v in (s.get("dependentRequired") or {}).items()}
    names = sorted(set(declared) | required | set(deps) | {d for v in deps.values() for d in v})
    shell = Obj(rest=(rest,))
    props: dict[str, Prop] = {}
    for k in names:
        if k in declared:
            value = normalize(declared[k])
            for pattern, m in rest.patterns:
                if regex(pattern).search(k):
                    value = meet(value, m)
        else:
            value = value_at(shell, k)
        props[k] = Prop(value, k in required, (k,))
    pn = s.sub("propertyNames")
    return Obj(props=props, rest=(rest,), min_props=s.count("minProperties", 0), max_props=s.count("maxProperties"),
               dep_required=tuple(sorted(deps.items())), names=normalize(pn) if pn is not None else None, at=s.at)


__all__ = ["Finite", "normalize"]
