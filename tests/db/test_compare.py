"""Introspection + compare on real PostgreSQL: the hand-written schema matches its IR exactly, and
each perturbation of one object is reported with the right code and target."""

from __future__ import annotations

import dataclasses

import pytest

from specguard.db.compare import compare_catalogs
from specguard.db.introspect import introspect
from specguard.db.server import connect
from specguard.diagnostics import Span

from .conftest import expected_catalog, run_sql

pytestmark = pytest.mark.pg


def _diff(url: str, expected=None):
    with connect(url) as conn:
        return compare_catalogs(expected or expected_catalog(), introspect(conn))


def _codes(diags) -> list[tuple[str, str]]:
    return [(d.code, d.target) for d in diags]


def test_matching_schema_reports_nothing(schema_url):
    assert _diff(schema_url) == []


def test_introspection_reads_types_and_constraints(schema_url):
    with connect(schema_url) as conn:
        cat = introspect(conn)
    comp = cat.table("Companion")
    assert str(comp.column("price").type) == "numeric(10,2)"
    assert str(comp.column("kind").type) == "varchar(20)"
    assert str(comp.column("toolAccess").type) == "text[]"
    assert cat.table("Message").column("role").type.enum
    assert comp.foreign_keys[0].on_delete == "cascade"
    assert cat.enum("MessageRole").values == ("user", "assistant", "system")


def test_runner_tables_are_not_reported(schema_url):
    run_sql(schema_url, 'CREATE TABLE "_prisma_migrations" (id text); CREATE TABLE "_specguard_history" (id int);')
    assert _diff(schema_url) == []


@pytest.mark.parametrize(
    "ddl, expected",
    [
        ('ALTER TABLE "Companion" DROP COLUMN "legacyNotes"', [("SG900", "Companion.legacyNotes")]),
        ('ALTER TABLE "Companion" ADD COLUMN "extra" text', [("SG901", "Companion.extra")]),
        ('ALTER TABLE "Companion" ALTER COLUMN "version" TYPE bigint', [("SG902", "Companion.version")]),
        ('ALTER TABLE "Companion" ALTER COLUMN "kind" TYPE varchar(30)', [("SG902", "Companion.kind")]),
        ('ALTER TABLE "Companion" ALTER COLUMN "name" DROP NOT NULL', [("SG902", "Companion.name")]),
        ('ALTER TABLE "Companion" ALTER COLUMN "version" SET DEFAULT 2', [("SG902", "Companion.version")]),
        ("ALTER TABLE \"Companion\" ALTER COLUMN \"personality\" SET DEFAULT '{\"a\": 1}'",
         [("SG902", "Companion.personality")]),
        ('ALTER TABLE "Companion" ALTER COLUMN "isPublic" DROP DEFAULT', [("SG902", "Companion.isPublic")]),
        ('CREATE INDEX "Companion_name_idx" ON "Companion" ("name")', [("SG901", "Companion.Companion_name_idx")]),
        ('DROP INDEX "Companion_personality_idx"', [("SG900", "Companion.Companion_personality_idx")]),
        ('DROP INDEX "Companion_public_recent_idx"; '
         'CREATE INDEX "Companion_public_recent_idx" ON "Companion" ("createdAt") WHERE NOT "isPublic"',
         [("SG902", "Companion.Companion_public_recent_idx")]),
        ('DROP INDEX "Companion_personality_idx"; '
         'CREATE INDEX "Companion_personality_idx" ON "Companion" USING btree ("name")',
         [("SG902", "Companion.Companion_personality_idx")]),
        ('ALTER TABLE "Message" DROP CONSTRAINT "Message_userId_fkey", ADD CONSTRAINT "Message_userId_fkey" '
         'FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE', [("SG902", "Message.Message_userId_fkey")]),
        ('ALTER TABLE "Message" DROP CONSTRAINT "Message_userId_fkey", ADD CONSTRAINT "Message_userId_fkey" '
         'FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL NOT VALID',
         [("SG902", "Message.Message_userId_fkey")]),
        ('ALTER TABLE "Companion" DROP CONSTRAINT "tokens_burned_nonnegative", ADD CONSTRAINT '
         '"tokens_burned_nonnegative" CHECK ("tokensBurned" > 0)', [("SG902", "Companion.tokens_burned_nonnegative")]),
        ('ALTER TABLE "Companion" ADD CONSTRAINT "name_nonempty" CHECK ("name" <> \'\')',
         [("SG901", "Companion.name_nonempty")]),
        ('ALTER TABLE "Companion" DROP CONSTRAINT "Companion_userId_name_key"',
         [("SG900", "Companion.Companion_userId_name_key")]),
        ('ALTER TABLE "User" DROP CONSTRAINT "User_pkey" CASCADE',
         [("SG900", "Companion.Companion_userId_fkey"), ("SG900", "Message.Message_userId_fkey"),
          ("SG900", "User.User_pkey")]),
        ('CREATE TABLE "Stray" ("id" int)', [("SG901", "Stray")]),
        ('CREATE TYPE "Mood" AS ENUM (\'happy\')', [("SG901", "Mood")]),
        ("ALTER TYPE \"MessageRole\" ADD VALUE 'tool' BEFORE 'system'", [("SG902", "MessageRole")]),
    ],
)
def test_perturbation_is_reported(schema_url, ddl, expected):
    run_sql(schema_url, ddl)
    diags = _diff(schema_url)
    assert sorted(_codes(diags)) == sorted(expected), [d.message for d in diags]
    assert all(d.category.value == "drift" for d in diags)


def test_enum_order_is_drift(pg_url):
    from .conftest import SCHEMA_DDL

    run_sql(pg_url, SCHEMA_DDL.replace("('user', 'assistant', 'system')", "('assistant', 'user', 'system')"))
    diags = _diff(pg_url)
    assert _codes(diags) == [("SG902", "MessageRole")]
    assert "[assistant, user, system]" in diags[0].message and "[user, assistant, system]" in diags[0].message
    assert diags[0].span == Span("specs/enums.yaml", 1, 1)


def test_missing_table_and_message_and_span(schema_url):
    run_sql(schema_url, 'DROP TABLE "Message"')
    diags = _diff(schema_url)
    assert _codes(diags) == [("SG900", "Message")]
    assert diags[0].span == Span("specs/models.yaml", 40, 1)


def test_mismatch_message_says_expected_and_actual(schema_url):
    run_sql(schema_url, 'ALTER TABLE "Companion" ALTER COLUMN "version" TYPE bigint')
    (d,) = _diff(schema_url)
    assert d.message == "column Companion.version type differs: expected integer, actual bigint"
    assert d.span == Span("specs/models.yaml", 19, 5)


def test_invalid_index_from_failed_concurrent_build(schema_url):
    import psycopg

    run_sql(schema_url, """INSERT INTO "User" ("email") VALUES ('a@x');
        INSERT INTO "Companion" ("userId", "name") SELECT "id", 'one' FROM "User";
        INSERT INTO "Companion" ("userId", "name", "version") SELECT "id", 'two', 1 FROM "User";""")
    with pytest.raises(psycopg.errors.UniqueViolation):
        run_sql(schema_url, 'CREATE UNIQUE INDEX CONCURRENTLY "Companion_version_key" ON "Companion" ("version")')
    # undeclared and invalid: SG903 only
    assert _codes(_diff(schema_url)) == [("SG903", "Companion.Companion_version_key")]
    # declared and invalid: still SG903, and IF NOT EXISTS would silently skip it
    cat = expected_catalog()
    comp = cat.table("Companion")
    from specguard.compiler.ir.catalog import Index

    comp2 = dataclasses.replace(comp, indexes=comp.indexes + (Index("Companion_version_key", ("version",), unique=True),))
    cat2 = dataclasses.replace(cat, tables=tuple(comp2 if t.name == "Companion" else t for t in cat.tables))
    assert _codes(_diff(schema_url, cat2)) == [("SG903", "Companion.Companion_version_key")]


def test_non_schema_fields_are_ignored(schema_url):
    cat = expected_catalog()
    tables = tuple(dataclasses.replace(t, critical=not t.critical, description="x") for t in cat.tables)
    assert _diff(schema_url, dataclasses.replace(cat, tables=tables)) == []


def test_output_is_sorted_and_deterministic(schema_url):
    run_sql(schema_url, 'ALTER TABLE "Companion" DROP COLUMN "legacyNotes"; CREATE TABLE "Stray" ("id" int); '
                        'ALTER TABLE "User" ADD COLUMN "z" int; ALTER TABLE "Message" DROP COLUMN "content"')
    first, second = _diff(schema_url), _diff(schema_url)
    assert first == second
    assert [d.sort_key() for d in first] == sorted(d.sort_key() for d in first)
