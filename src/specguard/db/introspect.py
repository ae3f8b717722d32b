"""Reading a live schema back into an IR :class:`Catalog`, from pg_catalog.

pg_catalog rather than information_schema: it shows what information_schema hides or spells
ambiguously (index methods and predicates, ``indisvalid``, ``NOT VALID`` constraints, enum sort
order, array element types). One query per object kind for the whole schema, so a schema of
thousands of tables costs five round trips.

Two facts the IR has no field for are carried by subclasses of the IR objects: an INVALID index
(a failed ``CREATE INDEX CONCURRENTLY``) and a constraint left ``NOT VALID`` (a migration that never
ran its ``VALIDATE CONSTRAINT``). Expressions are kept exactly as ``pg_get_expr`` prints them;
:mod:`specguard.db.normalize` decides whether they mean what the specs say.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from specguard.compiler.ir.catalog import (
    TYPE_PG,
    Catalog,
    Check,
    Column,
    ColumnType,
    Default,
    Enum,
    ForeignKey,
    Index,
    PrimaryKey,
    Table,
    Unique,
)


@dataclass(frozen=True)
class LiveIndex(Index):
    valid: bool = True  # pg_index.indisvalid


@dataclass(frozen=True)
class LiveForeignKey(ForeignKey):
    validated: bool = True  # pg_constraint.convalidated


@dataclass(frozen=True)
class LiveCheck(Check):
    validated: bool = True


# pg_constraint.confdeltype -> the spec's on_delete; 'd' (SET DEFAULT) has no spec spelling and is
# reported under its own name so that it shows up as a mismatch
ON_DELETE = {"a": "no_action", "r": "restrict", "c": "cascade", "n": "set_null", "d": "set_default"}
_PG_TO_SPEC = {pg: spec for spec, pg in TYPE_PG.items()}
_TYPMOD = re.compile(r"\((\d+(?:,\d+)*)\)")

# tables that belong to the migration runners, not to the specs
_EXCLUDED_TABLES = "c.relname <> '_prisma_migrations' AND c.relname NOT LIKE '\\_specguard%%'"

_COLUMNS = f"""
SELECT c.relname, a.attname, a.attnotnull, a.attidentity, a.attgenerated,
       (t.typcategory = 'A' AND t.typelem <> 0) AS is_array,
       format_type(bt.oid, a.atttypmod) AS base_type, bt.typtype = 'e' AS is_enum, bt.typname,
       pg_get_expr(d.adbin, d.adrelid) AS default_sql
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
JOIN pg_type bt ON bt.oid = CASE WHEN t.typcategory = 'A' AND t.typelem <> 0 THEN t.typelem ELSE t.oid END
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
  AND {_EXCLUDED_TABLES}
ORDER BY c.relname, a.attnum
"""

# NOT NULL is read from pg_attribute; contype 'n' (PostgreSQL 18) is therefore not selected
_CONSTRAINTS = f"""
SELECT c.relname, con.conname, con.contype, con.convalidated, con.confdeltype, rc.relname,
       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num ORDER BY k.i),
       ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(num, i)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num ORDER BY k.i),
       pg_get_expr(con.conbin, con.conrelid)
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class rc ON rc.oid = con.confrelid
WHERE n.nspname = %s AND con.contype IN ('p', 'f', 'u', 'c') AND {_EXCLUDED_TABLES}
ORDER BY c.relname, con.conname
"""

# indexes that back a PRIMARY KEY, UNIQUE or EXCLUDE constraint are that constraint, not an index;
# an expression column (indkey 0) is shown as its expression, INCLUDE columns are left out
_INDEXES = f"""
SELECT c.relname, i.relname, am.amname, x.indisunique, x.indisvalid,
       ARRAY(SELECT CASE WHEN k.num = 0 THEN pg_get_indexdef(x.indexrelid, k.i::int, true)
                         ELSE (SELECT a.attname FROM pg_attribute a
                               WHERE a.attrelid = x.indrelid AND a.attnum = k.num) END
             FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(num, i)
             WHERE k.i <= x.indnkeyatts ORDER BY k.i),
       pg_get_expr(x.indpred, x.indrelid)
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = i.relam
WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND {_EXCLUDED_TABLES}
  AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid
                  AND con.conrelid = x.indrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY c.relname, i.relname
"""

_TABLES = f"""
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %s AND c.relkind IN ('r', 'p') AND {_EXCLUDED_TABLES}
"""

_ENUMS = """
SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_enum e ON e.enumtypid = t.oid
WHERE n.nspname = %s
GROUP BY t.typname
ORDER BY t.typname
"""


def column_type(base_type: str, is_array: bool, is_enum: bool, typname: str) -> ColumnType:
    """format_type()'s spelling back to a ColumnType: ``character varying(40)`` -> varchar(40).

    A type the specs cannot spell (``character(3)``, ``citext``) keeps PostgreSQL's name, so that
    it is reported as a mismatch rather than mistaken for a known one.
    """
    if is_enum:
        return ColumnType(typname, array=is_array, enum=True)
    args: tuple[int, ...] = ()
    m = _TYPMOD.search(base_type)
    if m:
        args = tuple(int(a) for a in m.group(1).split(","))
        # the typmod sits mid-name for timestamp(3) with time zone
        base_type = (base_type[: m.start()] + base_type[m.end() :]).strip()
    return ColumnType(_PG_TO_SPEC.get(base_type, base_type), args, is_array)


def introspect(conn, schema: str = "public") -> Catalog:
    """The schema objects of ``schema`` as a Catalog: tables, columns, constraints, indexes, enums.

    Runs only SELECTs, so it works inside a READ ONLY transaction.
    """
    columns: dict[str, list[Column]] = defaultdict(list)
    for rel, name, notnull, identity, generated, is_array, base, is_enum, typname, dflt in conn.execute(
        _COLUMNS, (schema,)
    ):
        default = None
        if generated:  # the expression of a generated column is in pg_attrdef too; keep it distinct
            default = Default(f"GENERATED ALWAYS AS ({dflt}) STORED")
        elif identity:
            how = "ALWAYS" if identity == "a" else "BY DEFAULT"
            default = Default(f"GENERATED {how} AS IDENTITY")
        elif dflt is not None:
            default = Default(dflt)
        ctype = column_type(base, is_array, is_enum, typname)
        columns[rel].append(Column(name=name, type=ctype, nullable=not notnull, default=default))

    pks: dict[str, PrimaryKey] = {}
    fks: dict[str, list] = defaultdict(list)
    uniques: dict[str, list] = defaultdict(list)
    checks: dict[str, list] = defaultdict(list)
    for rel, name, kind, validated, deltype, ref, cols, ref_cols, expr in conn.execute(_CONSTRAINTS, (schema,)):
        cols = tuple(cols or ())
        if kind == "p":
            pks[rel] = PrimaryKey(name, cols)
        elif kind == "f":
            fks[rel].append(
                LiveForeignKey(name, cols, ref, tuple(ref_cols or ()), ON_DELETE.get(deltype, deltype), validated=validated)
            )
        elif kind == "u":
            uniques[rel].append(Unique(name, cols))
        else:
            checks[rel].append(LiveCheck(name, expr, validated=validated))

    indexes: dict[str, list] = defaultdict(list)
    for rel, name, method, unique, valid, cols, pred in conn.execute(_INDEXES, (schema,)):
        indexes[rel].append(LiveIndex(name, tuple(cols or ()), method, pred, unique, valid=valid))

    tables = tuple(
        Table(
            name=rel,
            columns=tuple(cols),
            primary_key=pks.get(rel),
            foreign_keys=tuple(sorted(fks[rel], key=lambda o: o.name)),
            uniques=tuple(sorted(uniques[rel], key=lambda o: o.name)),
            checks=tuple(sorted(checks[rel], key=lambda o: o.name)),
            indexes=tuple(sorted(indexes[rel], key=lambda o: o.name)),
        )
        for rel in sorted({r for (r,) in conn.execute(_TABLES, (schema,))})
        for cols in (columns[rel],)
    )
    enums = tuple(Enum(name, tuple(values)) for name, values in conn.execute(_ENUMS, (schema,)))
    return Catalog(tables=tables, enums=tuple(sorted(enums, key=lambda e: e.name)))
