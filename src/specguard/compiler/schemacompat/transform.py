"""Upgrade steps and defaults applied to a model: what version N receives from documents of N-1.

The semantics are :mod:`specguard.compiler.ir.upgrade`'s (rename, remove, map_values, set, then the
defaults of version N, nested objects included); finite values go through that module itself, so
they are exact. For the rest the result over-approximates the upgraded documents: a constraint of
the old object that the steps may break (counts, dependencies, ``propertyNames``, residuals) is
dropped, never assumed.
"""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from typing import Any

from specguard.compiler.ir.catalog import ConfigUpgrade, ConfigVersion
from specguard.compiler.ir.upgrade import deref, fill_defaults, map_value, matches, thaw, upgrade_document
from specguard.compiler.schemacompat.meet import may_contain, prop_at
from specguard.compiler.schemacompat.model import (
    ABSENT,
    ANY,
    EMPTY,
    Atom,
    Finite,
    Model,
    Obj,
    Prop,
    finite,
    union,
)


def upgrade_model(model: Model, target: ConfigVersion) -> Model:
    """``model`` (documents of version ``target.version - 1``) as version ``target`` receives them."""
    schema = target.schema
    atoms: list[Atom] = []
    for a in model.atoms:
        if isinstance(a, Finite):
            atoms.append(_upgrade_finite(a, target))
        elif isinstance(a, Obj):
            o = _steps(a, target.upgrade) if target.upgrade is not None else a
            atoms.append(_defaults(o, schema, schema))
        else:
            atoms.append(a)
    return Model(tuple(atoms))


def _upgrade_finite(a: Finite, target: ConfigVersion) -> Finite:
    values = [upgrade_document(v, target) if isinstance(v, dict) else v for v in a.values]
    return replace(finite(values, [a.preimages(i) for i in range(len(a.values))], a.at), src=None)


def _steps(o: Obj, up: ConfigUpgrade) -> Obj:
    work = replace(o, props=dict(o.props))
    removed = added = 0
    for old, new in up.rename:
        po, pn = prop_at(work, old), prop_at(work, new)
        work.props[old] = Prop(EMPTY, False, po.origins)  # popped first: renaming a key to itself keeps it
        if not po.model.empty:
            model = po.model if po.required else union(po.model, pn.model)
            origins = po.origins if po.required else tuple(dict.fromkeys(po.origins + pn.origins))
            work.props[new] = Prop(model, po.required or pn.required, origins)
        removed, added = removed + 1, added + 1
    for key in up.remove:
        work.props[key] = Prop(EMPTY, False, prop_at(work, key).origins)
        removed += 1
    for key, mapping in up.map_values:
        p = prop_at(work, key)
        work.props[key] = Prop(map_model(p.model, mapping), p.required, p.origins)
    for key, value in up.set:
        work.props[key] = Prop(Model((finite([thaw(value)], [(ANY,)]),)), True, (key,))
        added += 1
    touched = {k for pair in up.rename for k in pair} | set(up.remove) | {k for k, _ in up.map_values} | \
        {k for k, _ in up.set}
    return _forget(work, touched, removed, added)


def _forget(o: Obj, touched: set[str], removed: int, added: int) -> Obj:
    """``o`` after its keys ``touched`` changed: what the changes may break is no longer assumed."""
    return replace(o, src=None, residuals=frozenset(), names=None,
                   dep_required=tuple((k, ds) for k, ds in o.dep_required if k not in touched and not set(ds) & touched),
                   min_props=max(0, o.min_props - removed),
                   max_props=None if o.max_props is None else o.max_props + added)


def _old_candidates(old_text: str) -> list[Any]:
    """The document values a ``map_values`` key matches: the text, and the JSON scalar it spells."""
    out: list[Any] = [old_text]
    try:
        parsed = json.loads(old_text)
    except ValueError:
        return out
    if parsed is None or isinstance(parsed, (bool, int, float)):
        out.append(parsed)
    return out


def map_model(model: Model, mapping: tuple[tuple[str, Any], ...]) -> Model:
    """``model`` with ``map_values`` applied: finite values exactly, others by adding what they may become."""
    atoms: list[Atom] = []
    extra: list[Any] = []
    extra_pre: list[tuple[Any, ...]] = []
    for a in model.atoms:
        if isinstance(a, Finite):
            values = [map_value(v, mapping) for v in a.values]
            atoms.append(replace(finite(values, [a.preimages(i) for i in range(len(values))], a.at), src=None))
            continue
        atoms.append(a)
        for old_text, new_value in mapping:
            olds = [v for v in _old_candidates(old_text) if matches(v, old_text) and may_contain(a, v)]
            if olds:
                extra.append(thaw(new_value))
                extra_pre.append(tuple(olds))
    if extra:
        atoms.append(finite(extra, extra_pre))
    return Model(tuple(atoms))


def _defaults(o: Obj, node: Any, root: Any) -> Obj:
    """Step 5 on an object atom: absent keys with a default hold it; present objects get theirs."""
    node = deref(node, root)
    props = node.get("properties") if isinstance(node, dict) else None
    if not isinstance(props, dict):
        return o
    work = dict(o.props)
    filled: set[str] = set()
    for key, sub in props.items():
        sub = deref(sub, root)
        p = prop_at(o, key)
        inner = fill_model(p.model, sub, root)
        if isinstance(sub, dict) and "default" in sub and not (p.required and not p.model.empty):
            default = Model((finite([copy.deepcopy(sub["default"])], [(ABSENT,)]),))
            work[key] = Prop(union(inner, default), True, p.origins)
            filled.add(key)
        elif inner is not p.model:
            work[key] = Prop(inner, p.required, p.origins)
            filled.add(key)
    if not filled:
        return o
    return _forget(replace(o, props=work), filled, 0, len(filled))


def fill_model(model: Model, sub: Any, root: Any) -> Model:
    """Defaults of the schema ``sub`` filled into the objects of ``model`` (the same model if none apply)."""
    if model.empty or not isinstance(sub, dict) or not isinstance(sub.get("properties"), dict):
        return model
    atoms: list[Atom] = []
    for a in model.atoms:
        if isinstance(a, Obj):
            atoms.append(_defaults(a, sub, root))
        elif isinstance(a, Finite) and any(isinstance(v, dict) for v in a.values):
            values = [fill_defaults(v, sub, root) for v in a.values]
            atoms.append(replace(finite(values, [a.preimages(i) for i in range(len(values))], a.at), src=None))
        else:
            atoms.append(a)
    if all(x is y for x, y in zip(atoms, model.atoms)) and not model.top:
        return model
    return Model(tuple(atoms))
