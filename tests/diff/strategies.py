"""Hypothesis strategies for random, valid IR catalogs."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import strategies as st

from specguard.compiler.ir.catalog import (
    CachePolicy,
    Catalog,
    Check,
    Column,
    ColumnType,
    ConfigUpgrade,
    ConfigVersion,
    Default,
    Enum,
    ForeignKey,
    Index,
    PrimaryKey,
    Table,
    Unique,
    index_name,
)  # fmt: skip

NAMES = st.from_regex(r"[a-z][a-zA-Z0-9_]{0,7}", fullmatch=True)
SCALARS = ("text", "integer", "bigint", "boolean", "uuid", "jsonb", "timestamptz")


@st.composite
def column_types(draw, enums: tuple[str, ...]):
    choice = draw(st.sampled_from(SCALARS + ("varchar", "numeric") + enums))
    if choice in enums:
        return ColumnType(choice, enum=True, array=draw(st.booleans()))
    args = ()
    if choice == "varchar":
        args = (draw(st.integers(1, 500)),)
    elif choice == "numeric":
        p = draw(st.integers(1, 20))
        args = (p, draw(st.integers(0, p)))
    return ColumnType(choice, args, array=draw(st.booleans()))


@st.composite
def tables(draw, name: str, enums: tuple[str, ...], others: tuple[str, ...]):
    col_names = draw(st.lists(NAMES, min_size=1, max_size=6, unique=True))
    cols = tuple(
        Column(
            n,
            ColumnType("uuid") if i == 0 else draw(column_types(enums)),
            nullable=i > 0 and draw(st.booleans()),
            default=draw(st.sampled_from([None, Default("0"), Default("gen_random_uuid()", volatile=True)])),
        )
        for i, n in enumerate(col_names)
    )
    pick = st.lists(st.sampled_from(col_names), min_size=1, max_size=3, unique=True).map(tuple)
    idx_cols = draw(st.lists(pick, max_size=3, unique=True))
    indexes = {index_name(name, c): Index(index_name(name, c), c, where=draw(st.sampled_from([None, "true"])))
               for c in idx_cols}  # fmt: skip
    uniques = {index_name(name, c, "key"): Unique(index_name(name, c, "key"), c) for c in draw(st.lists(pick, max_size=2))}
    fks = {}
    for ref in draw(st.lists(st.sampled_from(others), max_size=2, unique=True)) if others else ():
        c = (col_names[0],)
        fks[f"{name}_{ref}_fkey"] = ForeignKey(f"{name}_{ref}_fkey", c, ref, ("id",), draw(st.sampled_from(["cascade", "no_action"])))
    checks = tuple(Check(f"{name}_chk{i}", "true") for i in range(draw(st.integers(0, 1))))
    return Table(
        name,
        cols,
        primary_key=PrimaryKey(f"{name}_pkey", (col_names[0],)) if draw(st.booleans()) else None,
        foreign_keys=tuple(sorted(fks.values(), key=lambda x: x.name)),
        uniques=tuple(sorted(uniques.values(), key=lambda x: x.name)),
        checks=checks,
        indexes=tuple(sorted(indexes.values(), key=lambda x: x.name)),
    )


@st.composite
def catalogs(draw):
    enum_names = tuple(draw(st.lists(NAMES.map(str.capitalize), max_size=2, unique=True)))
    enums = tuple(Enum(n, tuple(draw(st.lists(NAMES, min_size=1, max_size=4, unique=True)))) for n in sorted(enum_names))
    table_names = sorted(draw(st.lists(NAMES.map(lambda s: "T" + s), max_size=4, unique=True)))
    ts = tuple(draw(tables(n, enum_names, tuple(x for x in table_names if x != n))) for n in table_names)
    return Catalog(tables=ts, enums=enums)


@st.composite
def configs(draw):
    """Config versions 1..n of up to two configs, with optional upgrade steps."""
    out = []
    for name in draw(st.lists(st.sampled_from(["personality_config", "tool_config"]), max_size=2, unique=True)):
        for v in range(1, draw(st.integers(1, 3)) + 1):
            schema = draw(st.sampled_from(['{"type":"object"}', '{"additionalProperties":false,"type":"object"}']))
            upgrade = ConfigUpgrade(remove=("legacy",)) if v > 1 and draw(st.booleans()) else None
            out.append(ConfigVersion(name, v, schema, upgrade))
    return tuple(sorted(out, key=lambda c: (c.name, c.version)))


@st.composite
def cache_policies(draw, tables: tuple[Table, ...]):
    out = []
    for i, t in enumerate(draw(st.lists(st.sampled_from(tables), max_size=3, unique_by=lambda t: t.name)) if tables else ()):
        critical = draw(st.booleans())
        ttl = None if critical else draw(st.sampled_from([60, 300]))
        out.append(CachePolicy(f"p{i}", t.name, f"p{i}:{{{t.columns[0].name}}}", ttl, ttl, (t.name,),
                               draw(st.sampled_from([None, 1024])), critical))
    return tuple(out)


@st.composite
def full_catalogs(draw):
    """Catalogs with every kind of object: tables (some critical, columns with config and deprecation
    marks), enums, config versions and cache policies."""
    base = draw(catalogs())
    cfgs = draw(configs())
    names = sorted({c.name for c in cfgs})
    ts = []
    for t in base.tables:
        cols = [t.columns[0]] + [
            replace(c, config=draw(st.sampled_from([None, *names])) if c.type.base == "jsonb" and not c.type.array else None,
                    deprecated=draw(st.sampled_from([None, "old"])) if c.nullable else None)
            for c in t.columns[1:]
        ]
        ts.append(replace(t, columns=tuple(cols), critical=draw(st.booleans())))
    ts = tuple(ts)
    return replace(base, tables=ts, configs=cfgs, cache_policies=draw(cache_policies(ts)))
