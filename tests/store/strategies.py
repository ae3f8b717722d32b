"""Hypothesis strategies for valid IR catalogs, for any test that needs random catalogs.

``catalogs()`` draws a whole Catalog whose cross references resolve: enum-typed columns name a
declared enum, foreign keys and cache policies name declared tables and columns, config columns are
jsonb and name a declared config, config versions run 1..n, deprecated columns are nullable, and
every tuple is name-sorted as the build stage sorts it. Spans and descriptions are filled in on
purpose: they must not take part in equality or the snapshot.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

from specguard.compiler.ir import catalog as ir
from specguard.diagnostics import Span

IDENT = st.from_regex(r"\A[A-Za-z][A-Za-z0-9_]{0,11}\Z", fullmatch=True)
SPANS = st.builds(Span, st.sampled_from(["specs/a.yaml", "specs/b.yaml"]), st.integers(1, 99), st.integers(1, 40))
JSON_SCALARS = st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=8)
DEFAULT_SQL = st.sampled_from(
    [("0", False), ("'x'::text", False), ("now()", False), ("gen_random_uuid()", True), ("true", False),
     ("'{}'::jsonb", False), ("random()", True)]
)


def names(min_size=0, max_size=4):
    return st.lists(IDENT, min_size=min_size, max_size=max_size, unique_by=str.lower).map(sorted)


@st.composite
def column_types(draw, enum_names=()):
    if enum_names and draw(st.booleans()):
        return ir.ColumnType(draw(st.sampled_from(list(enum_names))), array=draw(st.booleans()), enum=True)
    base = draw(st.sampled_from(ir.BASE_TYPES))
    args: tuple[int, ...] = ()
    if base == "varchar":
        args = (draw(st.integers(1, 10485760)),)
    elif base == "numeric":
        args = draw(st.sampled_from([(), (10,), (12, 2), (38, 10)]))
    return ir.ColumnType(base, args, array=draw(st.booleans()))


@st.composite
def columns(draw, name, enum_names=(), config_names=()):
    ctype = draw(column_types(enum_names))
    deprecated = draw(st.none() | st.text(min_size=1, max_size=20))
    default = None
    if draw(st.booleans()):
        sql, volatile = draw(DEFAULT_SQL)
        default = ir.Default(sql, volatile, literal=draw(JSON_SCALARS))
    config = None
    if config_names and ctype == ir.ColumnType("jsonb") and draw(st.booleans()):
        config = draw(st.sampled_from(list(config_names)))
    return ir.Column(
        name=name,
        type=ctype,
        nullable=True if deprecated else draw(st.booleans()),
        default=default,
        config=config,
        deprecated=deprecated,
        renamed_from=draw(st.none() | IDENT),
        description=draw(st.none() | st.text(max_size=10)),
        span=draw(st.none() | SPANS),
    )


@st.composite
def tables(draw, name, other_tables=(), enum_names=(), config_names=()):
    """A table named ``name``; ``other_tables`` are ``(name, column names)`` it may reference."""
    col_names = draw(names(1, 6))
    cols = tuple(draw(columns(c, enum_names, config_names)) for c in col_names)
    some_cols = st.lists(st.sampled_from(col_names), min_size=1, max_size=3, unique=True).map(tuple)
    pk = None
    if draw(st.booleans()):
        pk = ir.PrimaryKey(ir.fit_identifier(f"{name}_pkey"), draw(some_cols), span=draw(st.none() | SPANS))
    fks = []
    for ref_name, ref_cols in draw(st.lists(st.sampled_from(list(other_tables)), max_size=2, unique=True)) if other_tables else []:
        local = draw(some_cols)
        fks.append(ir.ForeignKey(
            ir.fit_identifier(f"{name}_{'_'.join(local)}_fkey"), local, ref_name,
            tuple(draw(st.sampled_from(ref_cols)) for _ in local),
            on_delete=draw(st.sampled_from(ir.ON_DELETE_ACTIONS)),
        ))
    uniques = [ir.Unique(ir.index_name(name, c, "key"), c) for c in draw(st.lists(some_cols, max_size=2, unique=True))]
    checks = [ir.Check(f"{name}_{n}_check", f'("{col_names[0]}" IS NOT NULL)') for n in draw(names(0, 2))]
    indexes = [
        ir.Index(ir.index_name(name, c), c, using=draw(st.sampled_from(ir.INDEX_METHODS)),
                 where=draw(st.none() | st.just(f'"{c[0]}" IS NOT NULL')), unique=draw(st.booleans()))
        for c in draw(st.lists(some_cols, max_size=3, unique=True))
    ]

    def dedupe(items):
        return tuple(sorted({i.name: i for i in items}.values(), key=lambda i: i.name))

    return ir.Table(
        name=name, columns=cols, primary_key=pk, foreign_keys=dedupe(fks), uniques=dedupe(uniques),
        checks=dedupe(checks), indexes=dedupe(indexes), critical=draw(st.booleans()),
        renamed_from=draw(st.none() | IDENT), description=draw(st.none() | st.text(max_size=10)),
        span=draw(st.none() | SPANS),
    )


JSON_SCHEMAS = st.fixed_dictionaries(
    {"type": st.just("object")},
    optional={
        "properties": st.dictionaries(IDENT, st.fixed_dictionaries({"type": st.sampled_from(["string", "integer", "boolean"])}), max_size=3),
        "additionalProperties": st.booleans(),
        "description": st.text(max_size=12),
    },
)


@st.composite
def upgrades(draw):
    pairs = st.lists(st.tuples(IDENT, IDENT), max_size=2, unique_by=lambda p: p[0]).map(lambda x: tuple(sorted(x)))
    return ir.ConfigUpgrade(
        rename=draw(pairs),
        remove=tuple(draw(names(0, 2))),
        map_values=tuple(
            (k, tuple(sorted(draw(st.dictionaries(IDENT, JSON_SCALARS, max_size=2)).items())))
            for k in draw(names(0, 2))
        ),
        set=tuple(sorted(draw(st.dictionaries(IDENT, JSON_SCALARS, max_size=2)).items())),
    )


@st.composite
def config_versions(draw, name):
    out = []
    for v in range(1, draw(st.integers(1, 3)) + 1):
        schema = draw(JSON_SCHEMAS)
        out.append(ir.ConfigVersion(
            name=name, version=v, schema_json=json.dumps(schema, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
            upgrade=draw(st.none() | upgrades()) if v > 1 else None,
            description=draw(st.none() | st.text(max_size=10)), span=draw(st.none() | SPANS),
        ))
    return out


@st.composite
def cache_policies(draw, name, table: ir.Table, table_names):
    critical = table.critical or draw(st.booleans())
    ttl = st.none() if critical else st.none() | st.integers(1, 86400)
    return ir.CachePolicy(
        name=name, model=table.name, key=f"{table.name.lower()}:{{{table.columns[0].name}}}",
        ttl_anonymous=draw(ttl), ttl_authenticated=draw(ttl),
        invalidate_on=tuple(sorted(draw(st.sets(st.sampled_from(table_names), max_size=2)))),
        chunk_max_bytes=draw(st.none() | st.integers(1, 1 << 20)), critical=critical,
        span=draw(st.none() | SPANS),
    )


@st.composite
def catalogs(draw, max_tables=4):
    """A valid, name-sorted Catalog."""
    enums = tuple(
        ir.Enum(n, tuple(draw(st.lists(IDENT, min_size=1, max_size=4, unique=True))), span=draw(st.none() | SPANS))
        for n in draw(names(0, 2))
    )
    config_names = draw(st.lists(IDENT.map(str.lower), max_size=2, unique=True).map(sorted))
    configs = tuple(cv for n in config_names for cv in draw(config_versions(n)))
    enum_names = [e.name for e in enums]
    table_list: list[ir.Table] = []
    for n in draw(names(0, max_tables).map(lambda xs: [x for x in xs if x.lower() not in {e.lower() for e in enum_names}])):
        others = [(t.name, t.column_names) for t in table_list]
        table_list.append(draw(tables(n, others, enum_names, config_names)))
    table_names = [t.name for t in table_list]
    policies = []
    if table_list:
        for pn in draw(names(0, 2)):
            policies.append(draw(cache_policies(pn, draw(st.sampled_from(table_list)), table_names)))
    return ir.Catalog(
        tables=tuple(sorted(table_list, key=lambda t: t.name)),
        enums=enums,
        configs=configs,
        cache_policies=tuple(policies),
    )
