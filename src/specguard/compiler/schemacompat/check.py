"""Does every value a model holds fit a reading schema? The dispatcher, and the combinators.

:func:`contained` returns no reasons exactly when it proved the model fits; each reason names the
reading keyword that could not be satisfied. A node identical to the writing node it is compared
with (dereferenced, annotations left out), or a keyword group the writer already carries, fits by
identity. Finite atoms are judged exactly, by validating each value.
"""

from __future__ import annotations

import re

from specguard.compiler.schemacompat.arrays import array_reasons
from specguard.compiler.schemacompat.disjoint import disjoint, type_allowed
from specguard.compiler.schemacompat.examples import examples
from specguard.compiler.schemacompat.model import ABSENT, Arr, Atom, Finite, Model, Num, Obj, Str, json_key
from specguard.compiler.schemacompat.normalize import RESIDUAL_GROUPS, group_key
from specguard.compiler.schemacompat.objects import object_reasons
from specguard.compiler.schemacompat.reason import Path, Reason, reason, show
from specguard.compiler.schemacompat.refs import S, join
from specguard.compiler.schemacompat.samples import atom_samples, model_samples
from specguard.compiler.schemacompat.scalars import integral, number_reasons, string_reasons

TYPE_NAMES = {Num: "numbers", Str: "strings", Arr: "arrays", Obj: "objects"}


def contained(model: Model, s: S, path: Path = ()) -> list[Reason]:
    """Why some value of ``model`` may not fit ``s`` (none: proven to fit)."""
    if s.node is True or model.empty:
        return []
    if s.node is False:
        return [reason(s.at, "", model.atoms[0].at, "this schema is `false` and accepts nothing, but documents may "
                       "hold values here", "restore the old schema", path, model_samples(model))]
    return [r for atom in model.atoms for r in atom_in(atom, s, path)]


def atom_in(atom: Atom, s: S, path: Path) -> list[Reason]:
    if s.node is True or (atom.src is not None and atom.src == s.canon) or s.canon in atom.residuals:
        return []
    if isinstance(atom, Finite):
        return _finite_in(atom, s, path)
    if s.node is False:
        return contained(Model((atom,)), s, path)
    wrong_type = _type_reasons(atom, s, path)
    if wrong_type:
        return wrong_type
    out = _enum_reasons(atom, s, path)
    if isinstance(atom, Num):
        out += number_reasons(atom, s, path)
    elif isinstance(atom, Str):
        out += string_reasons(atom, s, path)
    elif isinstance(atom, Arr):
        out += array_reasons(atom, s, path, contained)
    elif isinstance(atom, Obj):
        out += object_reasons(atom, s, path, contained)
    for c in s.conjuncts():
        out += atom_in(atom, c, path)
    return out + _combinator_reasons(atom, s, path)


def _finite_in(atom: Finite, s: S, path: Path) -> list[Reason]:
    """Each value validated; the reasons grouped by the keyword that rejects them."""
    from jsonschema.exceptions import best_match

    groups: dict[str, list[int]] = {}
    keywords: dict[str, str] = {}
    for i, v in enumerate(atom.values):
        errors = s.errors(v)
        if errors:
            err = best_match(errors)
            at = s.pointer_of(list(err.absolute_schema_path))
            groups.setdefault(at, []).append(i)
            keywords.setdefault(at, str(err.validator))
    out = []
    for at, idx in groups.items():
        held = ", ".join(show(atom.values[i], 30) for i in idx[:4]) + (" …" if len(idx) > 4 else "")
        pre = [p for i in idx for p in atom.preimages(i)]
        out.append(reason(at, "", atom.at, f"documents may hold {held}, which `{keywords[at]}` rejects",
                          _finite_hint(s, path, atom, idx), path, pre, writer=join(atom.at, keywords[at])))
    return out


def _finite_hint(s: S, path: Path, atom: Finite, idx: list[int]) -> str:
    top = re.fullmatch(r"#/properties/([^/]+)", s.at)
    if top and len(path) == 1 and all(ABSENT not in atom.preimages(i) for i in idx):
        key = top.group(1).replace("~1", "/").replace("~0", "~")  # as the new version names it
        value = atom.values[idx[0]]
        old = value if isinstance(value, str) and value.isidentifier() else show(value, 30)
        return f"`upgrade: map_values: {{{key}: {{{old}: NEW}}}}` maps the old value to one this version accepts"
    return "keep accepting the old values"


def _type_reasons(atom: Atom, s: S, path: Path) -> list[Reason]:
    types = s.types()
    if types is None:
        return []
    if not type_allowed(atom, types):
        return [reason(s.at, "type", atom.at, f"`type` no longer accepts {TYPE_NAMES[type(atom)]}, which documents "
                       "may hold", "keep the old type in the `type` list", path, atom_samples(atom))]
    if isinstance(atom, Num) and "number" not in types and not integral(atom):
        values = [v for v in atom_samples(atom) if isinstance(v, float) and not v.is_integer()]
        return [reason(s.at, "type", atom.at, "only integers are accepted, but documents may hold numbers with a "
                       "fraction", "keep `type: number`", path, values or [0.5])]
    return []


def _enum_reasons(atom: Atom, s: S, path: Path) -> list[Reason]:
    key = "const" if s.has("const") else "enum" if s.has("enum") else None
    if key is None:
        return []
    allowed = {json_key(v) for v in ([s.get("const")] if key == "const" else list(s.get("enum")))}
    values = [v for v in atom_samples(atom) if json_key(v) not in allowed]
    return [reason(s.at, key, atom.at, f"only the listed values are accepted, but documents may hold any of "
                   f"their {TYPE_NAMES[type(atom)]}", "keep accepting what the old schema did", path, values)]


def _combinator_reasons(atom: Atom, s: S, path: Path) -> list[Reason]:
    out: list[Reason] = []
    resolved = s.resolved if isinstance(s.resolved, dict) else {}
    carried = {g[0] for g in RESIDUAL_GROUPS if g[0] in resolved and group_key(resolved, g) in atom.residuals}
    if s.subs("anyOf") and "anyOf" not in carried:
        out += _any_of(atom, s, path)
    if s.subs("oneOf") and "oneOf" not in carried:
        out += _one_of(atom, s, path)
    negated = s.sub("not")
    if negated is not None and "not" not in carried and not disjoint(atom, negated):
        out.append(reason(s.at, "not", atom.at, "documents may hold values that the schema under `not` accepts",
                          "keep `not` as it was", path, examples(negated, 4) + atom_samples(atom)))
    if s.has("if") and "if" not in carried:
        out += _if_then_else(atom, s, path)
    return out


def _best(results: list[list[Reason]]) -> list[Reason]:
    return min(results, key=len)


def _any_of(atom: Atom, s: S, path: Path) -> list[Reason]:
    results = [atom_in(atom, b, path) for b in s.subs("anyOf")]
    return [] if any(not r for r in results) else _best(results)


def _one_of(atom: Atom, s: S, path: Path) -> list[Reason]:
    branches = s.subs("oneOf")
    results = [atom_in(atom, b, path) for b in branches]
    fits = [i for i, r in enumerate(results) if not r]
    if not fits:
        return _best(results)
    if any(all(disjoint(atom, b) for j, b in enumerate(branches) if j != i) for i in fits):
        return []
    shared = [v for b in branches for v in examples(b, 4)]  # what a narrow branch accepts, a wide one may too
    return [reason(s.at, "oneOf", atom.at, "documents may match more than one branch of `oneOf`, which must match "
                   "exactly one", "make the branches exclude each other (a `const` discriminator)", path,
                   shared + atom_samples(atom))]


def _if_then_else(atom: Atom, s: S, path: Path) -> list[Reason]:
    cond, then, other = (s.sub(k) for k in ("if", "then", "else"))
    assert cond is not None
    single = Model((atom,))
    if not contained(single, cond, path):
        return contained(single, then, path) if then is not None else []
    if disjoint(atom, cond):
        return contained(single, other, path) if other is not None else []
    return (contained(single, then, path) if then is not None else []) + \
        (contained(single, other, path) if other is not None else [])
