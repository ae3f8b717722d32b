"""What the writing side may hold: a union of atoms, each one JSON type with its modelled constraints.

A :class:`Model` over-approximates the documents of a schema node (sound: it may admit more, never
fewer), so "every atom fits the reading schema" proves compatibility. Constraints the model does not
represent are kept as ``residuals`` (canonical JSON of the keyword) so that the same keyword on the
reading side is discharged by identity; ``src`` is the dereferenced node an atom came from, for the
same reason. Finite sets (``enum``, ``const``, ``null``, booleans) are kept as values, and those are
judged exactly by validating each one.

Every value of a :class:`Finite` carries its pre-images: what an old document held before upgrade
steps made it this value (the value itself, ``ABSENT`` for a filled-in default, ``ANY`` for a value
``set`` writes whatever was there), so that a counterexample can be written as an old document.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from specguard.compiler.schemacompat.refs import canonical


class _Marker:
    def __init__(self, name: str):
        self.name = name

    def __repr__(self) -> str:
        return self.name


ABSENT = _Marker("ABSENT")  # a key missing from the document
ANY = _Marker("ANY")  # whatever the document held

MAX_ATOMS = 64  # a union larger than this is refused as too complex to judge


class Unsupported(Exception):
    """A schema the checker cannot judge: too many alternatives, or a pattern Python cannot read."""


def json_key(value: Any, strict: bool = False) -> tuple[str, str]:
    """A key under which JSON-equal values are equal (1 and 1.0 are; 1 and true are not).

    ``strict`` keeps 1 and 1.0 apart: validation treats them alike, ``map_values`` does not.
    """
    if isinstance(value, bool) or value is None:
        return ("lit", canonical(value))
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return ("lit", repr(value))
        return ("num" + (type(value).__name__ if strict else ""), str(Fraction(value)))
    return ("json", canonical(value))


@dataclass
class Atom:
    residuals: frozenset[str] = field(default=frozenset(), kw_only=True)
    src: str | None = field(default=None, kw_only=True)  # canonical source node, while untransformed
    at: str = field(default="#", kw_only=True)  # pointer of the writing node, for messages


@dataclass
class Finite(Atom):
    values: tuple[Any, ...] = ()
    pre: tuple[tuple[Any, ...], ...] = ()  # per value: what old documents held there

    def preimages(self, i: int) -> tuple[Any, ...]:
        return self.pre[i] if i < len(self.pre) else (self.values[i],)


@dataclass
class Num(Atom):
    integer: bool = False
    lo: Fraction | None = None
    lo_x: bool = False  # exclusive
    hi: Fraction | None = None
    hi_x: bool = False
    mult: tuple[Fraction, ...] = ()


@dataclass
class Str(Atom):
    min_len: int = 0
    max_len: int | None = None
    patterns: frozenset[str] = frozenset()
    formats: frozenset[str] = frozenset()


@dataclass
class Arr(Atom):
    prefix: tuple[Model, ...] = ()
    items: Model | None = None  # None: any item
    min_items: int = 0
    max_items: int | None = None
    unique: bool = False


@dataclass
class Prop:
    model: Model
    required: bool = False
    origins: tuple[str, ...] = ()  # the keys of an old document this value came from


@dataclass
class Rest:
    """Keys no property names: each matching pattern's schema applies, else ``additional``."""

    patterns: tuple[tuple[str, Model], ...] = ()
    additional: Model | None = None  # None: any value


@dataclass
class Obj(Atom):
    props: dict[str, Prop] = field(default_factory=dict)
    rest: tuple[Rest, ...] = (Rest(),)  # all apply to an unnamed key
    min_props: int = 0
    max_props: int | None = None
    dep_required: tuple[tuple[str, tuple[str, ...]], ...] = ()
    names: Model | None = None  # propertyNames


class Model:
    """A union of atoms; ``TOP`` is every JSON value, a Model without atoms is no value."""

    def __init__(self, atoms: tuple[Atom, ...] = (), top: bool = False):
        if len(atoms) > MAX_ATOMS:
            raise Unsupported(f"the schema has more than {MAX_ATOMS} alternatives to compare")
        self._atoms = atoms
        self.top = top

    @property
    def atoms(self) -> tuple[Atom, ...]:
        if self.top:
            return top_atoms()
        return self._atoms

    @property
    def empty(self) -> bool:
        return not self.top and not self._atoms

    def __repr__(self) -> str:
        return "Model(TOP)" if self.top else f"Model({list(self._atoms)!r})"


TOP = Model(top=True)
EMPTY = Model()


def top_atoms(at: str = "#") -> tuple[Atom, ...]:
    """Every JSON value, one atom per type."""
    return (Finite(values=(None, True, False), at=at), Num(at=at), Str(at=at), Arr(at=at), Obj(at=at))


def finite(values, pre=None, at: str = "#") -> Finite:
    """A Finite atom of distinct values (by JSON equality), each with its pre-images (default: itself)."""
    seen: dict[tuple[str, str], int] = {}
    vals: list[Any] = []
    pres: list[tuple[Any, ...]] = []
    for i, v in enumerate(values):
        p = tuple(pre[i]) if pre is not None else (v,)
        k = json_key(v, strict=True)
        if k in seen:
            j = seen[k]
            pres[j] = pres[j] + tuple(x for x in p if x not in pres[j])
        else:
            seen[k] = len(vals)
            vals.append(v)
            pres.append(p)
    return Finite(values=tuple(vals), pre=tuple(pres), at=at)


def with_numeric_twins(values: list[Any]) -> list[Any]:
    """Each integral number as both int and float: a stored 3.0 equals the enum's 3 for validation,
    but not for ``map_values``, which matches by JSON spelling."""
    out: list[Any] = []
    for v in values:
        out.append(v)
        if isinstance(v, bool):
            continue
        if isinstance(v, int) and abs(v) < 2**53:
            out.append(float(v))
        elif isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
            out.append(int(v))
    return out


def union(*models: Model) -> Model:
    if any(m.top for m in models):
        return TOP
    return Model(tuple(a for m in models for a in m.atoms))


def retag(model: Model, src: str | None, at: str, residuals: frozenset[str] = frozenset()) -> Model:
    """Every atom of ``model`` marked as coming from the node ``src`` at ``at`` (with extra residuals).

    An atom that a deeper node (a branch) already placed keeps that place: it is more precise.
    """
    atoms = top_atoms(at) if model.top else model.atoms
    return Model(tuple(replace(a, src=src, at=a.at if a.at.startswith(at + "/") else at,
                               residuals=a.residuals | residuals) for a in atoms))


def forget(model: Model) -> Model:
    """``model`` with identity marks and residuals dropped: what a transformation leaves of them."""
    if model.top:
        return model
    return Model(tuple(replace(a, src=None, residuals=frozenset()) for a in model.atoms))
