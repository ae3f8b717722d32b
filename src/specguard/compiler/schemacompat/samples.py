"""A few values a model may hold: counterexample candidates, confirmed or dropped by validation."""

from __future__ import annotations

from typing import Any

from specguard.compiler.schemacompat.meet import item_at, regex
from specguard.compiler.schemacompat.model import Arr, Atom, Finite, Model, Num, Obj, Str
from specguard.compiler.schemacompat.scalars import num_samples, str_samples

FREE_KEYS = ("extra", "x", "other_key", "_", "zz")


def atom_samples(atom: Atom) -> list[Any]:
    if isinstance(atom, Finite):
        return list(atom.values)
    if isinstance(atom, Num):
        return list(num_samples(atom))
    if isinstance(atom, Str):
        return str_samples(atom)
    if isinstance(atom, Arr):
        n = min(max(atom.min_items, len(atom.prefix)), 5)
        return [[_first(item_at(atom, i)) for i in range(n)], [], [None], [0], [""]]
    if isinstance(atom, Obj):
        return [{k: _first(p.model) for k, p in atom.props.items() if p.required and not p.model.empty}, {}]
    return []


def _first(model: Model) -> Any:
    found = model_samples(model, 1)
    return found[0] if found else None


def model_samples(model: Model, limit: int = 16) -> list[Any]:
    out: list[Any] = []
    for atom in model.atoms:
        out += atom_samples(atom)[:6]
    return out[:limit]


def free_keys(taken: set[str], avoid: list[str]) -> list[str]:
    """Key names not in ``taken`` that match none of the ``avoid`` patterns."""
    return [k for k in FREE_KEYS if k not in taken and not any(regex(p).search(k) for p in avoid)]
