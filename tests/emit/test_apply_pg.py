"""Golden cases on a real PostgreSQL: the migrations apply as Prisma applies them, and build the
catalog of the case's after/ specs.

Each script is sent as ONE query string on an autocommit connection, as ``prisma migrate deploy``
sends ``migration.sql``: a multi-statement file then runs in one implicit transaction, which is
exactly where a misplaced CONCURRENTLY or an enum value used too early would fail.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cases"))
import yamlcases  # noqa: E402

from specguard.compiler.ir.catalog import Catalog, quote_ident  # noqa: E402

pytestmark = pytest.mark.pg
CASES = yamlcases.load_cases()


def plan(old: Catalog, new: Catalog, name: str):
    return yamlcases.compile_change(old, new, name).scripts


def apply(conn, scripts, retry: bool = False) -> None:
    """Each script as one query string; with ``retry``, every script that runs outside a transaction is
    sent twice, as a runner retrying a timed-out file would (IF [NOT] EXISTS and the backfill's
    condition make that a no-op)."""
    for s in scripts:
        for _ in range(2 if retry and not s.transactional else 1):
            try:
                conn.execute(s.sql)
            except Exception as exc:
                raise AssertionError(f"migration {s.suffix} failed: {exc}\n{s.sql}") from exc


def seed(conn, cat: Catalog) -> None:
    """One row per table, every column filled, foreign keys pointing at the parent's row."""
    rows: dict[str, dict[str, str]] = {}  # table -> column -> SQL value of its one row
    pending = list(cat.tables)
    while pending:
        t = next(t for t in pending if all(fk.ref_table in rows or fk.ref_table == t.name for fk in t.foreign_keys))
        pending.remove(t)
        row_id = str(uuid.uuid5(uuid.NAMESPACE_OID, t.name))
        values = {c.name: _value(cat, c, row_id) for c in t.columns}
        for fk in t.foreign_keys:
            parent = values if fk.ref_table == t.name else rows[fk.ref_table]
            values.update({c: parent[rc] for c, rc in zip(fk.columns, fk.ref_columns)})
        cols = ", ".join(quote_ident(n) for n in values)
        conn.execute(f"INSERT INTO {quote_ident(t.name)} ({cols}) VALUES ({', '.join(values.values())})")
        rows[t.name] = values


def _value(cat: Catalog, c, row_id: str) -> str:
    t = c.type
    if t.enum:
        v = f"'{cat.enum(t.base).values[0]}'"
    else:
        v = {
            "uuid": f"'{row_id}'", "boolean": "true", "bytea": "'\\x00'", "jsonb": "'{}'", "json": "'{}'",
            "timestamptz": "now()", "timestamp": "now()", "date": "now()", "time": "now()", "interval": "'1s'",
        }.get(t.base, "1" if t.base in ("smallint", "integer", "bigint", "numeric", "real", "double precision") else "'x'")
    return f"ARRAY[{v}]" if t.array else v


def _fails_with_rows(case) -> bool:
    # a required column without default cannot be added to a table that has rows: the rule says so
    return any(d.code == "SG307" for d in case.outcome.diagnostics)


@pytest.mark.parametrize("seeded", [False, True], ids=["empty", "seeded"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_migrations_apply_and_build_new(case, seeded, pg_url):
    import psycopg

    from specguard.db.compare import compare_catalogs
    from specguard.db.introspect import introspect
    from specguard.db.probe import ServerRenderer

    with psycopg.connect(pg_url, autocommit=True) as conn:
        apply(conn, plan(Catalog(), case.old, "old"))
        if seeded:
            seed(conn, case.old)
        scripts = case.outcome.scripts
        if seeded and _fails_with_rows(case):
            with pytest.raises(AssertionError, match="not-null|null value"):
                apply(conn, scripts)
            return
        apply(conn, scripts, retry=True)
        live = introspect(conn)
        problems = compare_catalogs(case.new, live, same_expression=ServerRenderer(conn))
        assert [f"{d.code} {d.target}: {d.message}" for d in problems] == []
        invalid = conn.execute("SELECT indexrelid::regclass::text FROM pg_index WHERE NOT indisvalid").fetchall()
        assert invalid == []


def test_concurrent_index_script_is_one_statement(pg_url):
    """Guard for the rule the planner exists for: with a SET line the file would fail."""
    import psycopg

    case = next(c for c in CASES if c.name == "add_columns_and_indexes")
    with psycopg.connect(pg_url, autocommit=True) as conn:
        apply(conn, plan(Catalog(), case.old, "old"))
        script = next(s for s in case.outcome.scripts if "CONCURRENTLY" in s.sql)
        with pytest.raises(psycopg.errors.ActiveSqlTransaction):
            conn.execute("SET lock_timeout = '5s';\n" + script.sql)


def test_fk_to_a_new_key_on_existing_tables_applies_with_rows(pg_url):
    """A FK that references a UNIQUE built concurrently is added only after the attach."""
    import psycopg

    a = "kind: model\nname: A\ncolumns:\n  id: {type: text, primary_key: true}\n  code: {type: text}\n"
    b = "kind: model\nname: B\ncolumns:\n  id: {type: text, primary_key: true}\n  aCode: {type: text}\n"
    old = yamlcases.load_side({"a.yaml": a, "b.yaml": b}).catalog
    new = yamlcases.load_side({
        "a.yaml": a.replace("code: {type: text}", "code: {type: text, unique: true}"),
        "b.yaml": b + "foreign_keys:\n  - columns: [aCode]\n    references: {model: A, columns: [code]}\n",
    }).catalog  # fmt: skip
    with psycopg.connect(pg_url, autocommit=True) as conn:
        apply(conn, plan(Catalog(), old, "old"))
        conn.execute("""INSERT INTO "A" VALUES ('1', 'c'); INSERT INTO "B" VALUES ('1', 'c')""")
        apply(conn, plan(old, new, "fk"))
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            conn.execute("""INSERT INTO "B" VALUES ('2', 'nope')""")
