"""Objects: properties, required keys, open, closed and partially open content models.

Named keys are compared one by one (a key the writer does not name holds what its patterns or
``additionalProperties`` allow, which for an open model is anything). Keys neither side names are
compared region by region: for each reading pattern, and for the reader's ``additionalProperties``,
some writing rule that covers the region must fit. Patterns are not intersected: two patterns are
taken to overlap unless both start with literal text that differs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from specguard.compiler.schemacompat.meet import prop_at, regex, value_at
from specguard.compiler.schemacompat.model import ABSENT, ANY, TOP, Model, Obj, Rest
from specguard.compiler.schemacompat.normalize import carried
from specguard.compiler.schemacompat.reason import Path, Reason, reason
from specguard.compiler.schemacompat.refs import S, join
from specguard.compiler.schemacompat.samples import free_keys, model_samples
from specguard.compiler.schemacompat.scalars import keys_for

Sub = Callable[[Model, S, Path], list[Reason]]


def object_reasons(x: Obj, s: S, path: Path, sub: Sub) -> list[Reason]:
    out = _named_reasons(x, s, path, sub)
    out += _rest_reasons(x, s, path, sub)
    out += _count_reasons(x, s, path)
    out += _dependency_reasons(x, s, path, sub)
    out += _name_reasons(x, s, path, sub)
    return out


def _reader_targets(s: S, key: str) -> list[S]:
    """The reading schemas ``key``'s value must fit: its property and matching patterns, else additional."""
    targets = [p for name, p in s.named("properties").items() if name == key]
    targets += [p for pat, p in s.named("patternProperties").items() if regex(pat).search(key)]
    if not targets:
        extra = s.sub("additionalProperties")
        targets = [extra] if extra is not None else []
    return targets


def _named_reasons(x: Obj, s: S, path: Path, sub: Sub) -> list[Reason]:
    out: list[Reason] = []
    declared = s.named("properties")
    required = [k for k in s.get("required", []) if isinstance(k, str)]
    names = sorted(set(x.props) | set(declared) | set(required))
    refused = [k for k in names if not prop_at(x, k).model.empty and _refused(s, k) is not None]
    for k in names:
        mine = prop_at(x, k)
        step = path + (mine.origins or (k,),)
        present = not mine.model.empty
        if k in required and not (mine.required and present):
            out.append(_missing(s, x, k, present, refused, step))
        if not present:
            continue
        where = _refused(s, k)
        if where is not None:
            out.append(reason(where, "", join(x.at, "properties", k), f"`{k}` is not allowed here, but documents may hold it",
                              f"`upgrade: remove: [{k}]` drops it from old documents, or `rename` it", step,
                              model_samples(mine.model)))
            continue
        found = [r for t in _reader_targets(s, k) for r in sub(mine.model, t, step)]
        if found and k not in x.props and k in declared:
            new = reason(join(s.at, "properties", k), "", x.at, f"`{k}` has a schema here, but the writing model is "
                         f"open and does not declare it: documents may hold `{k}` with any value", f"accept it if no "
                         f"stored document holds `{k}`, or give `{k}` a schema that accepts any value", step, [],
                         writer=join(x.at, "properties"))
            out.append(replace(new, witnesses=tuple(w for r in found for w in r.witnesses)))
        else:
            out += found
    return out


def _refused(s: S, key: str) -> str | None:
    """The pointer of the `false` schema that forbids ``key`` in ``s``, if one does."""
    targets = _reader_targets(s, key)
    return next((t.at for t in targets if t.node is False), None)


def _missing(s: S, x: Obj, key: str, present: bool, refused: list[str], step: Path) -> Reason:
    hint = f"give `{key}` a `default:` (the upgrade fills it in), or `upgrade: set: {{{key}: VALUE}}`"
    if refused and key not in x.props:
        hint += f", or `upgrade: rename: {{{refused[0]}: {key}}}` if it was renamed"
    lacks = "may lack it" if present else "never hold it"
    writer = join(x.at, "properties", key) if key in x.props else x.at
    return reason(s.at, "required", x.at, writer=writer, message=f"`{key}` is required, but documents {lacks}", hint=hint, path=step,
                  values=[ABSENT])


def _overlap(p: str, q: str) -> bool:
    """Whether two patterns may match one key: False only when both begin with differing literal text."""
    if p == q:
        return True
    lits = [re.match(r"\^([A-Za-z0-9_\-]*)", x) for x in (p, q)]
    if not all(lits):
        return True
    a, b = (m.group(1) for m in lits if m)
    return a.startswith(b) or b.startswith(a)


def _region_fits(comp: Rest, target: S, pattern: str | None, reader_patterns: list[str], sub: Sub, path: Path) -> bool:
    """Whether every unnamed key of one reading region holds, in ``comp``, values ``target`` accepts."""
    own = dict(comp.patterns)
    if pattern is not None and pattern in own:
        return not sub(own[pattern], target, path)
    for p, m in comp.patterns:
        skip = p in reader_patterns if pattern is None else not _overlap(p, pattern)
        if not skip and sub(m, target, path):
            return False
    return not sub(comp.additional or TOP, target, path)


def _rest_reasons(x: Obj, s: S, path: Path, sub: Sub) -> list[Reason]:
    """Keys neither side names: each reading region must be covered by some writing rule."""
    out: list[Reason] = []
    patterns = s.named("patternProperties")
    names = set(x.props) | set(s.named("properties"))
    regions: list[tuple[str | None, S]] = list(patterns.items())
    extra = s.sub("additionalProperties")
    if extra is not None and extra.node is not True:
        regions.append((None, extra))
    for pattern, target in regions:
        if any(_region_fits(c, target, pattern, list(patterns), sub, path) for c in x.rest):
            continue
        keys = [k for k in _region_keys(x, pattern, list(patterns)) if k not in names and not value_at(x, k).empty]
        found = [r for k in keys[:3] for r in sub(value_at(x, k), target, path + ((k,),))]
        if pattern is not None and any(pattern in dict(c.patterns) for c in x.rest) and found:
            out += found  # the same pattern on both sides: its own keywords say what changed
            continue
        witnesses = tuple(w for r in found for w in r.witnesses)
        if pattern is None and extra is not None and extra.node is False:
            msg = "`additionalProperties: false`, but documents may hold keys this version does not declare"
            hint = "declare the keys documents may hold, or `upgrade: remove` the known ones"
        else:
            msg = (f"keys {'matching ' + repr(pattern) if pattern else 'not declared'} must fit this schema, "
                   "but documents may hold other values under them")
            hint = "keep the old schema for these keys"
        out.append(replace(reason(target.at, "", x.at, msg, hint, writer=join(x.at, "additionalProperties")),
                           witnesses=witnesses))
    return out


def _region_keys(x: Obj, pattern: str | None, reader_patterns: list[str]) -> list[str]:
    """Key names in one reading region (matching ``pattern``, or no reading pattern) that the writer
    may hold: guesses from the pattern, free names, and names its own patterns allow."""
    guesses = keys_for(pattern) if pattern else free_keys(set(), reader_patterns)
    guesses += [k for c in x.rest for p, _ in c.patterns for k in keys_for(p)]
    if pattern is not None:
        return [k for k in dict.fromkeys(guesses) if regex(pattern).search(k)]
    return [k for k in dict.fromkeys(guesses) if not any(regex(p).search(k) for p in reader_patterns)]


def _count_reasons(x: Obj, s: S, path: Path) -> list[Reason]:
    out: list[Reason] = []
    present = [k for k, p in x.props.items() if not p.model.empty]
    least = max(x.min_props, sum(1 for p in x.props.values() if p.required and not p.model.empty))
    closed = all(not c.patterns and c.additional is not None and c.additional.empty for c in x.rest)
    most = x.max_props
    if closed:
        most = len(present) if most is None else min(most, len(present))
    lo, hi = s.count("minProperties"), s.count("maxProperties")
    if lo is not None and lo > least:
        out.append(reason(s.at, "minProperties", x.at, f"`minProperties: {lo}`, but documents may hold {least} keys",
                          "keep the old `minProperties`", path, [ANY]))
    if hi is not None and (most is None or hi < most):
        out.append(reason(s.at, "maxProperties", x.at, f"`maxProperties: {hi}`, but documents may hold "
                          f"{'any number of' if most is None else most} keys", "keep the old `maxProperties`", path,
                          _crowded(x, present, hi + 1)))
    return out


def _crowded(x: Obj, present: list[str], n: int) -> list[dict]:
    """Objects of ``x`` with ``n`` keys: its own properties first, then keys it leaves open."""
    keys = (present + free_keys(set(x.props), [p for c in x.rest for p, _ in c.patterns]))[:n]
    first = {k: (model_samples(value_at(x, k), 1) or [None])[0] for k in keys}
    return [first, {k: None for k in keys}]


def _dependency_reasons(x: Obj, s: S, path: Path, sub: Sub) -> list[Reason]:
    out: list[Reason] = []
    for k, deps in (s.get("dependentRequired") or {}).items():
        if prop_at(x, k).model.empty:
            continue
        implied = {d for key, ds in x.dep_required if key == k for d in ds}
        missing = [d for d in deps if d not in implied and not (prop_at(x, d).required and not prop_at(x, d).model.empty)]
        if missing:
            out.append(reason(s.at, "dependentRequired", x.at, f"`{k}` requires {', '.join(missing)}, but documents may "
                              f"hold `{k}` without them", "keep the old `dependentRequired`", path + (prop_at(x, k).origins
                              or (k,),), model_samples(prop_at(x, k).model, 4)))
    dependent = s.named("dependentSchemas")
    if dependent and not carried(s, x, ("dependentSchemas",)):
        for k, ds in dependent.items():
            if not prop_at(x, k).model.empty and sub(Model((x,)), ds, path):
                out.append(reason(s.at, "dependentSchemas", x.at, f"documents holding `{k}` may not fit "
                                  f"`dependentSchemas/{k}`", "keep the old `dependentSchemas`", path))
    if s.has("unevaluatedProperties"):  # what it allows depends on its siblings: only an identical node fits
        out.append(reason(s.at, "unevaluatedProperties", x.at, "`unevaluatedProperties` cannot be proven to hold "
                          "for every document", "keep `unevaluatedProperties` as it was", path))
    return out


def _name_reasons(x: Obj, s: S, path: Path, sub: Sub) -> list[Reason]:
    names = s.sub("propertyNames")
    if names is None or carried(s, x, ("propertyNames",)):
        return []
    if x.names is not None and not sub(x.names, names, path):
        return []
    closed = all(not c.patterns and c.additional is not None and c.additional.empty for c in x.rest)
    keys = [k for k, p in x.props.items() if not p.model.empty]
    bad = [k for k in keys if not names.accepts(k)]
    if closed and not bad:
        return []
    return [reason(s.at, "propertyNames", x.at, "`propertyNames` rejects key names documents may hold"
                   + (f": {', '.join(bad)}" if bad else ""), "keep the old `propertyNames`, or rename those keys",
                   path + ((bad[0],),) if bad else path, [ANY] if bad else [])]
