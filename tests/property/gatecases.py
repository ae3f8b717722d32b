"""Random changes for the gate: a random valid spec set with cache policies, configs, critical models
and deprecated columns, and one random edit of it, safe or not.

The edits are the safe ones of ``test_safe_edit_sequences`` and the risky ones below, each written so
that the edited specs still load: a risky edit is one the rules should judge, never a broken spec.
``RULE_EDITS`` names, for every rule, the edits that make it fire; ``test_safe_is_safe`` shows that
each rule fires on a case drawn from them.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from . import specgen as g
from .test_safe_edit_sequences import EDITS as SAFE_EDITS
from .test_safe_edit_sequences import _col_names, _model, _taken

# --- the extras: what spec_sets leaves out -----------------------------------------------------------


def with_extras(draw, spec: g.SpecSet) -> g.SpecSet:
    """Deprecated columns, critical models, cache policies and config versions, drawn into ``spec``."""
    taken = _taken(spec)
    for m in spec.models.values():
        free = [c for c in m.columns if not m.referenced_by_constraints(c.name) and not c.primary_key]
        if free and draw(st.integers(0, 3)) == 0:
            c = draw(st.sampled_from(free))
            c.deprecated, c.nullable = "on its way out", True
        m.critical = draw(st.integers(0, 3)) == 0
    for m in draw(st.lists(st.sampled_from(list(spec.models.values())), max_size=2, unique_by=id)):
        key = [m.col(n) for n in m.pk] or [draw(st.sampled_from(m.columns))]
        ttl = None if m.critical else draw(st.sampled_from([(300, 60), (300, None), (None, 60), (600, 600)]))
        name = g.fresh(draw, taken)
        # a prefix of its own: no policy's key prefix may start another's (SG502)
        spec.policies.append(g.Policy(name, m, key, prefix=name, ttl=ttl))
    for _ in range(draw(st.integers(0, 1))):
        versions = [{"type": "object", "properties": {"a": {"type": "string"}}}]
        if draw(st.booleans()):
            versions.append({"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}})
        spec.configs[g.fresh(draw, taken)] = versions
    return spec


@st.composite
def gate_cases(draw, edits=None):
    """(before, after, what): a spec set with extras and the same set after one edit that applies."""
    before = with_extras(draw, draw(g.spec_sets(max_models=3)))
    before.step = 0
    after = before.copy()
    after.step = 1
    for _ in range(8):
        edit = draw(st.sampled_from(edits or ALL_EDITS))
        what = edit(draw, after, [])
        if what:
            return before, after, what
    return before, after, "no edit applied"


# --- helpers -------------------------------------------------------------------------------------------


def _uses(spec: g.SpecSet, m: g.Model, name: str) -> bool:
    """Whether a constraint of ``m``, or a foreign key of another model, names the column."""
    referenced = any(f.model == m.name and name in f.ref_cols for o in spec.models.values() for f in o.fks)
    return m.referenced_by_constraints(name) or referenced


def _plain_columns(spec, m: g.Model) -> list[g.Col]:
    """Columns that nothing else names: free to change in type, nullability or default."""
    return [c for c in m.columns if not _uses(spec, m, c.name) and not c.deprecated]


def _forget_column(spec: g.SpecSet, m: g.Model, c: g.Col) -> None:
    m.columns.remove(c)
    m.uniques = [u for u in m.uniques if c.name not in u]
    m.checks = [ch for ch in m.checks if c.name not in ch.cols]
    m.indexes = [i for i in m.indexes if c.name not in i.cols and not (i.where and i.where.col == c.name)]
    m.fks = [f for f in m.fks if c.name not in f.cols]


# --- risky edits: each returns what it did, or None when it does not apply ---------------------------------


def drop_table(draw, spec, accepts):
    m = _model(draw, spec)
    if m is None or len(spec.models) < 2:
        return None
    del spec.models[m.name]
    for other in spec.models.values():
        other.fks = [f for f in other.fks if f.model != m.name]
    return f"drop table {m.name}"


def drop_column(draw, spec, accepts):
    m = _model(draw, spec, lambda m: any(not c.primary_key and c.name not in m.pk for c in m.columns)
               and len(m.columns) > 1)
    if m is None:
        return None
    c = draw(st.sampled_from([c for c in m.columns if c.name not in m.pk]))
    if any(f.model == m.name and c.name in f.ref_cols for o in spec.models.values() for f in o.fks):
        return None
    _forget_column(spec, m, c)
    return f"drop column {m.name}.{c.name} ({'deprecated' if c.deprecated else 'not deprecated'})"


def narrow_type(draw, spec, accepts):
    narrower = {"bigint": "integer", "integer": "smallint"}
    m = _model(draw, spec, lambda m: any(c.type.base in narrower or c.type.base == "varchar" and c.type.args[0] > 1
                                         for c in _plain_columns(spec, m)))
    if m is None:
        return None
    c = draw(st.sampled_from([c for c in _plain_columns(spec, m)
                              if c.type.base in narrower or c.type.base == "varchar" and c.type.args[0] > 1]))
    if c.type.base == "varchar":
        c.type = replace(c.type, args=(c.type.args[0] - 1,))
    else:
        c.type = replace(c.type, base=narrower[c.type.base])
    c.default = None  # the old default may not fit the narrower type
    return f"narrow {m.name}.{c.name} to {c.type.spec()}"


def drop_enum_value(draw, spec, accepts):
    cands = [e for e, values in spec.enums.items() if len(values) > 1]
    if not cands:
        return None
    e = draw(st.sampled_from(cands))
    v = spec.enums[e].pop(draw(st.integers(0, len(spec.enums[e]) - 1)))
    _clear_enum_defaults(spec, e)
    return f"drop value {v!r} of enum {e}"


def reorder_enum(draw, spec, accepts):
    cands = [e for e, values in spec.enums.items() if len(values) > 1]
    if not cands:
        return None
    e = draw(st.sampled_from(cands))
    spec.enums[e] = list(reversed(spec.enums[e]))
    return f"reverse the values of enum {e}"


def _clear_enum_defaults(spec, enum: str) -> None:
    for m in spec.models.values():
        for c in m.columns:
            if c.type.enum and c.type.base == enum:
                c.default = None


def rename_table(draw, spec, accepts):
    m = _model(draw, spec)
    old, new = m.name, g.fresh(draw, _taken(spec))
    spec.models = {(new if k == old else k): v for k, v in spec.models.items()}
    m.name, m.renamed_from = new, old
    for other in spec.models.values():
        for f in other.fks:
            if f.model == old:
                f.model = new
    return f"rename table {old} -> {new}"


def rename_enum(draw, spec, accepts):
    if not spec.enums:
        return None
    old = draw(st.sampled_from(sorted(spec.enums)))
    new = g.fresh(draw, _taken(spec))
    spec.enums = {(new if k == old else k): v for k, v in spec.enums.items()}
    spec.enum_renamed_from[new] = old
    for m in spec.models.values():
        for c in m.columns:
            if c.type.enum and c.type.base == old:
                c.type = replace(c.type, base=new)
    return f"rename enum {old} -> {new}"


def drop_enum(draw, spec, accepts):
    used = {c.type.base for m in spec.models.values() for c in m.columns if c.type.enum}
    cands = sorted(e for e in spec.enums if e not in used)
    if not cands:
        return None
    e = draw(st.sampled_from(cands))
    del spec.enums[e]
    return f"drop enum {e}"


def add_volatile_column(draw, spec, accepts):
    m = _model(draw, spec)
    base = draw(st.sampled_from(["uuid", "timestamptz"]))
    c = g.Col(g.fresh(draw, _col_names(m)), g.Type(base), nullable=draw(st.booleans()),
              default={"sql": "gen_random_uuid()" if base == "uuid" else "clock_timestamp()"})
    m.columns.append(c)
    return f"add column {m.name}.{c.name} with a volatile default"


def add_required_column(draw, spec, accepts):
    m = _model(draw, spec)
    t = draw(g.types(spec.enums))
    c = g.Col(g.fresh(draw, _col_names(m)), t)
    m.columns.append(c)
    return f"add required column {m.name}.{c.name} without a default"


def make_required(draw, spec, accepts):
    def ok(m, c):  # a default given to old NULLs must not break a check, a reference or a unique key
        return c.nullable and not c.deprecated and not _uses(spec, m, c.name)
    m = _model(draw, spec, lambda m: any(ok(m, c) for c in m.columns))
    if m is None:
        return None
    c = draw(st.sampled_from([c for c in m.columns if ok(m, c)]))
    c.nullable = False
    if draw(st.booleans()):
        d = draw(g.literal(c.type, spec.enums))
        c.default = {} if d is None else d
    return f"make {m.name}.{c.name} required, default={c.default!r}"


def drop_default(draw, spec, accepts):
    m = _model(draw, spec, lambda m: any(c.default is not None and c.name not in m.pk for c in m.columns))
    if m is None:
        return None
    c = draw(st.sampled_from([c for c in m.columns if c.default is not None and c.name not in m.pk]))
    c.default = None
    return f"drop the default of {m.name}.{c.name} ({'nullable' if c.nullable else 'required'})"


def add_unique_any(draw, spec, accepts):
    m = _model(draw, spec, lambda m: any(c.type.btree and not c.type.array for c in m.columns))
    if m is None:
        return None
    cols = draw(st.lists(st.sampled_from([c.name for c in m.columns if c.type.btree and not c.type.array]),
                         min_size=1, max_size=2, unique=True))
    if cols in m.uniques or cols == m.pk:
        return None
    m.uniques.append(cols)
    return f"add unique on {m.name}: {cols}"


def make_index_unique(draw, spec, accepts):
    def ok(i):
        return i.using == "btree" and not i.unique
    m = _model(draw, spec, lambda m: any(ok(i) for i in m.indexes))
    if m is None:
        return None
    ix = draw(st.sampled_from([i for i in m.indexes if ok(i)]))
    ix.unique = True
    return f"make index {ix.name or ix.cols} of {m.name} unique"


def drop_unique(draw, spec, accepts):
    m = _model(draw, spec, lambda m: m.uniques)
    if m is None:
        return None
    u = m.uniques.pop(draw(st.integers(0, len(m.uniques) - 1)))
    return f"drop unique {u} of {m.name}"


def drop_foreign_key(draw, spec, accepts):
    m = _model(draw, spec, lambda m: m.fks)
    if m is None:
        return None
    fk = m.fks.pop(draw(st.integers(0, len(m.fks) - 1)))
    return f"drop foreign key {m.name}{fk.cols} -> {fk.model}"


def change_on_delete(draw, spec, accepts):
    m = _model(draw, spec, lambda m: m.fks)
    if m is None:
        return None
    fk = draw(st.sampled_from(m.fks))
    nullable = all(m.col(c).nullable for c in fk.cols)
    choices = [a for a in ("cascade", "restrict", "no_action") + (("set_null",) if nullable else ()) if a != fk.on_delete]
    old, fk.on_delete = fk.on_delete, draw(st.sampled_from(choices))
    return f"change on_delete of {m.name}{fk.cols} from {old} to {fk.on_delete}"


def change_primary_key(draw, spec, accepts):
    def ok(m, c):
        return c.name not in m.pk and not c.nullable and not c.deprecated and c.type.btree and not c.type.array
    m = _model(draw, spec, lambda m: m.pk and any(ok(m, c) for c in m.columns))
    if m is None:
        return None
    extra = draw(st.sampled_from([c.name for c in m.columns if ok(m, c)]))
    old = list(m.pk)
    new = draw(st.sampled_from([[*old, extra], [extra]]))
    if any(f.model == m.name for o in spec.models.values() for f in o.fks) and old not in m.uniques:
        m.uniques.append(old)  # the foreign keys that reference the old key need a unique key there
    m.pk, m.pk_inline = new, False
    for c in m.columns:
        c.primary_key = False
    return f"change the primary key of {m.name} from {old} to {new}"


# --- cache policies and configs --------------------------------------------------------------------------


def _policy(draw, spec, pred):
    ps = [p for p in g.live_policies(spec) if pred(p)]
    return draw(st.sampled_from(ps)) if ps else None


def uncritical_cached(draw, spec, accepts):
    """Remove `critical` from a model that a policy names, and let that policy cache."""
    p = _policy(draw, spec, lambda p: p.model.critical or p.critical)
    if p is None:
        return None
    p.model.critical = p.critical = False
    for other in g.live_policies(spec):
        if other.model is p.model and not other.critical:
            other.ttl = (300, 60)
    return f"remove critical from {p.model.name} and policy {p.name}, which now caches"


def change_cache_key(draw, spec, accepts):
    p = _policy(draw, spec, lambda p: True)
    if p is None:
        return None
    p.prefix = p.prefix + "2"
    return f"change the key prefix of policy {p.name}"


def raise_ttl(draw, spec, accepts):
    p = _policy(draw, spec, lambda p: p.ttl is not None)
    if p is None:
        return None
    anon, auth = p.ttl
    p.ttl = ((anon or 60) * 2, auth)
    return f"raise the anonymous TTL of policy {p.name}"


def authenticated_longer(draw, spec, accepts):
    p = _policy(draw, spec, lambda p: p.ttl is not None)
    if p is None:
        return None
    p.ttl = (60, 600)
    return f"cache signed-in readers of policy {p.name} longer"


def edit_released_config(draw, spec, accepts):
    if not spec.configs:
        return None
    name = draw(st.sampled_from(sorted(spec.configs)))
    spec.configs[name][0] = {**spec.configs[name][0], "maxProperties": 5}
    return f"edit version 1 of config {name}"


def remove_config_version(draw, spec, accepts):
    if not spec.configs:
        return None
    name = draw(st.sampled_from(sorted(spec.configs)))
    spec.configs[name].pop()
    if not spec.configs[name]:
        del spec.configs[name]
    return f"remove the last version of config {name}"


def _next_version(draw, spec, change) -> str | None:
    """Append to a config a version made by ``change`` from its last one."""
    if not spec.configs:
        return None
    name = draw(st.sampled_from(sorted(spec.configs)))
    last = spec.configs[name][-1]
    props = dict(last.get("properties", {}))
    spec.configs[name].append(change({**last, "properties": props}, props))
    return name


def add_required_config_key(draw, spec, accepts):
    """Old documents lack the new required key and no default fills it: backward incompatible."""
    name = _next_version(draw, spec, lambda v, props: {**v, "properties": {**props, "zz": {"type": "integer"}},
                                                       "required": sorted({*v.get("required", []), "zz"})})
    return name and f"add a version of config {name} requiring a new key"


def retype_config_key_forward(draw, spec, accepts):
    """Under `forward`, the previous version must read new documents; a retyped key breaks that."""
    name = _next_version(draw, spec, lambda v, props: {**v, "properties": {**props, "a": {"type": "integer"}},
                                                       "__spec__": {"compatibility": "forward"}})
    return name and f"add a forward-compatible version of config {name} that retypes `a`"


def add_config_pattern(draw, spec, accepts):
    """Two new versions with a pattern on `a`, the second one widened: no regular-expression containment
    is proven, and no counterexample exists."""
    name = _next_version(draw, spec, lambda v, props: {**v, "properties": {
        **props, "a": {"type": "string", "pattern": "^a+$"}}})
    if name is None:
        return None
    last = spec.configs[name][-1]
    spec.configs[name].append({**last, "properties": {**last["properties"], "a": {"type": "string", "pattern": "^a*$"}}})
    return f"add two versions of config {name} with a pattern on `a`, then a wider one"


def change_config_default(draw, spec, accepts):
    """Two new versions: the first gives `a` a default, the second changes it."""
    name = _next_version(draw, spec, lambda v, props: {**v, "properties": {**props, "a": {"type": "string", "default": "x"}}})
    if name is None:
        return None
    last = spec.configs[name][-1]
    spec.configs[name].append({**last, "properties": {**last["properties"], "a": {"type": "string", "default": "y"}}})
    return f"add two versions of config {name}, the second changing the default of `a`"


RISKY_EDITS = [drop_table, drop_column, narrow_type, drop_enum_value, reorder_enum, rename_table, rename_enum,
               drop_enum, add_volatile_column, add_required_column, make_required, drop_default, add_unique_any, make_index_unique,
               drop_unique, drop_foreign_key, change_on_delete, change_primary_key, uncritical_cached,
               change_cache_key, raise_ttl, authenticated_longer, edit_released_config, remove_config_version,
               add_required_config_key, retype_config_key_forward, add_config_pattern, change_config_default]
ALL_EDITS = SAFE_EDITS + RISKY_EDITS
# the edits whose outcome the rules may let through (with warnings at most): the ones worth applying
PASSABLE_EDITS = SAFE_EDITS + [rename_table, rename_enum, reorder_enum, add_volatile_column, make_required,
                               drop_default, add_unique_any, make_index_unique, drop_unique, drop_foreign_key,
                               change_on_delete, change_primary_key, change_cache_key, raise_ttl,
                               authenticated_longer]

S = {e.__name__: e for e in ALL_EDITS}
RULE_EDITS: dict[str, list] = {
    "SG300": [drop_table], "SG301": [S["drop_deprecated_column"]], "SG302": [drop_column], "SG303": [narrow_type],
    "SG304": [drop_enum_value], "SG305": [rename_table, rename_enum, S["rename_column"]], "SG306": [drop_enum],
    "SG307": [add_required_column], "SG308": [make_required], "SG309": [drop_default],
    "SG310": [add_unique_any, S["add_unique"]], "SG311": [make_index_unique],
    "SG312": [S["drop_index"], drop_unique], "SG313": [drop_foreign_key], "SG314": [change_on_delete],
    "SG315": [change_primary_key], "SG316": [make_required], "SG400": [S["widen_type"], reorder_enum],
    "SG401": [add_volatile_column, S["add_column_with_default"]], "SG510": [uncritical_cached], "SG511": [change_cache_key],
    "SG512": [raise_ttl], "SG513": [authenticated_longer], "SG802": [edit_released_config],
    "SG804": [remove_config_version], "SG610": [add_required_config_key], "SG611": [retype_config_key_forward],
    "SG612": [add_config_pattern], "SG613": [change_config_default],
}  # fmt: skip
