"""Batched backfills on a real PostgreSQL: batches commit, only rows that need it change, a failed run
keeps its committed batches and a second run finishes the work, and the file runs as Prisma sends it."""

from __future__ import annotations

import psycopg
import pytest

from specguard.compiler.emit.sql.backfill import Backfill, backfill_sql
from specguard.compiler.ir.catalog import Column, ColumnType, PrimaryKey, Table
from specguard.db.replay import MigrationError, apply_migrations

pytestmark = pytest.mark.pg

UUID, INT, TEXT, TSTZ = ColumnType("uuid"), ColumnType("integer"), ColumnType("text"), ColumnType("timestamptz")


def _table(name, cols, pk=None) -> Table:
    return Table(name, tuple(Column(n, t, nullable=nullable) for n, t, nullable in cols),
                 primary_key=PrimaryKey(f"{name}_pkey", pk) if pk else None)


def _run(conn, sql: str) -> list[str]:
    notices: list[str] = []
    conn.add_notice_handler(lambda d: notices.append(d.message_primary))
    conn.execute(sql.encode())  # no parameters: one simple-protocol query string, as Prisma sends a file
    return notices


@pytest.fixture
def conn(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as c:
        yield c


def test_keyset_batches_commit_and_touch_only_rows_that_need_it(conn):
    t = _table("T", [("id", INT, False), ("v", INT, True)], ("id",))
    conn.execute('CREATE TABLE "T" (id int PRIMARY KEY, v int)')
    conn.execute('INSERT INTO "T" SELECT g, CASE WHEN g % 10 = 0 THEN 7 END FROM generate_series(1, 250) g')
    sql = backfill_sql(Backfill(t, (("v", "0"),), '"v" IS NULL', "fill v"), batch_rows=100)
    notices = _run(conn, sql)
    assert notices == [f"specguard backfill T (fill v): {n} rows updated" for n in (90, 180, 225)]
    assert conn.execute('SELECT count(*) FILTER (WHERE v = 0), count(*) FILTER (WHERE v = 7) FROM "T"').fetchone() == (225, 25)
    assert _run(conn, sql)[-1].endswith(": 0 rows updated")  # idempotent


def test_composite_key_and_column_names_that_match_the_variables(conn):
    cols = [("a", UUID, False), ("b", TSTZ, False), ("n", INT, True), ("total", INT, True), ("last_0", TEXT, True)]
    t = _table("Odd", cols, ("a", "b"))
    conn.execute('CREATE TABLE "Odd" (a uuid, b timestamptz, n int, total int, last_0 text, PRIMARY KEY (a, b))')
    conn.execute('INSERT INTO "Odd" SELECT gen_random_uuid(), now() - g * interval \'1 s\', NULL, g, \'x\' '
                 'FROM generate_series(1, 120) g')
    sql = backfill_sql(Backfill(t, (("n", '"total" * 2'),), '"n" IS NULL AND "last_0" = \'x\'', "double"),
                       batch_rows=50)
    assert _run(conn, sql)[-1].endswith(": 120 rows updated")
    assert conn.execute('SELECT count(*) FROM "Odd" WHERE n = total * 2').fetchone() == (120,)


def test_a_table_without_a_primary_key_is_walked_by_ctid(conn):
    t = _table("Loose", [("v", INT, True)])
    conn.execute('CREATE TABLE "Loose" (v int)')
    conn.execute('INSERT INTO "Loose" SELECT NULL FROM generate_series(1, 130)')
    sql = backfill_sql(Backfill(t, (("v", "1"),), '"v" IS NULL', "fill"), batch_rows=50)
    assert _run(conn, sql)[-1].endswith(": 130 rows updated")
    assert conn.execute('SELECT count(*) FROM "Loose" WHERE v IS NULL').fetchone() == (0,)


def test_a_failed_run_keeps_its_committed_batches_and_a_second_run_finishes(conn):
    t = _table("T", [("id", INT, False), ("v", INT, True)], ("id",))
    conn.execute('CREATE TABLE "T" (id int PRIMARY KEY, v int)')
    conn.execute('INSERT INTO "T" SELECT g, NULL FROM generate_series(1, 300) g')
    # a row the backfill cannot write, half-way: the batch holding it fails, the ones before stay
    conn.execute('ALTER TABLE "T" ADD CONSTRAINT no_150 CHECK (id <> 150 OR v IS NULL)')
    sql = backfill_sql(Backfill(t, (("v", "1"),), '"v" IS NULL', "fill"), batch_rows=100)
    with pytest.raises(psycopg.errors.CheckViolation):
        conn.execute(sql.encode())
    assert conn.execute('SELECT count(*) FROM "T" WHERE v = 1').fetchone() == (100,)
    conn.execute('ALTER TABLE "T" DROP CONSTRAINT no_150')
    assert _run(conn, sql)[-1].endswith(": 200 rows updated")  # only what was left
    assert conn.execute('SELECT count(*) FROM "T" WHERE v IS NULL').fetchone() == (0,)


def test_the_file_runs_alone_and_fails_whole_beside_another_statement(tmp_path, pg_url, conn):
    t = _table("T", [("id", INT, False), ("v", INT, True)], ("id",))
    conn.execute('CREATE TABLE "T" (id int PRIMARY KEY, v int)')
    conn.execute('INSERT INTO "T" SELECT g, NULL FROM generate_series(1, 10) g')
    sql = backfill_sql(Backfill(t, (("v", "1"),), '"v" IS NULL', "fill"), batch_rows=4)
    alone = tmp_path / "m" / "20250101000000_backfill"
    alone.mkdir(parents=True)
    (alone / "migration.sql").write_text(sql + "\n")
    assert apply_migrations(pg_url, tmp_path / "m") == ["20250101000000_backfill"]
    assert conn.execute('SELECT count(*) FROM "T" WHERE v = 1').fetchone() == (10,)
    conn.execute('UPDATE "T" SET v = NULL')
    together = tmp_path / "n" / "20250101000000_backfill"
    together.mkdir(parents=True)
    (together / "migration.sql").write_text("SET LOCAL lock_timeout = '5s';\n" + sql + "\n")
    with pytest.raises(MigrationError) as info:
        apply_migrations(pg_url, tmp_path / "n")
    assert "invalid transaction termination" in info.value.diagnostic.message
    assert conn.execute('SELECT count(*) FROM "T" WHERE v IS NULL').fetchone() == (10,)  # nothing half done


def test_an_expression_holding_the_dollar_tag_gets_another_tag():
    t = _table("T", [("id", INT, False), ("s", TEXT, True)], ("id",))
    sql = backfill_sql(Backfill(t, (("s", "'$specguard$'"),), '"s" IS NULL', "fill"))
    assert sql.startswith("DO $specguard1$\n") and sql.endswith("\n$specguard1$;")
