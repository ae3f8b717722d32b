"""The normal form: what PostgreSQL prints back equals what the spec says, verified on the server."""

from __future__ import annotations

import pytest

from specguard.compiler.resolve.sqlfrag import canonical
from specguard.db.normalize import normal_form, same_default, same_expression
from specguard.db.probe import ServerRenderer
from specguard.db.server import connect

from .conftest import run_sql

TABLE = """
CREATE TYPE "MessageRole" AS ENUM ('user', 'assistant');
CREATE TABLE "T" (
  "id" integer, "n" integer, "big" bigint, "num" numeric(10,2), "r" real, "b" boolean, "s" text,
  "vc" varchar(40), "j" jsonb, "arr" text[], "ts" timestamptz, "t3" timestamp(3), "d" date,
  "iv" interval, "role" "MessageRole", "u" uuid, "dp" double precision, "sm" smallint, "by" bytea,
  "tm" time, "vca" varchar(10)[], "roles" "MessageRole"[]
);
"""

# (column, spec default) pairs: the spec side in canonical form, as the builder keeps it
DEFAULTS = [
    ("u", "gen_random_uuid()"),
    ("j", "'{}'::jsonb"),
    ("j", "'{}'"),
    ("j", """'{"b": 1, "a": [1, 2]}'::jsonb"""),
    ("arr", "'{}'"),
    ("arr", "ARRAY[]::text[]"),
    ("arr", "ARRAY['a', 'b']"),
    ("arr", "'{a,b}'::text[]"),
    ("n", "1"),
    ("n", "-1"),
    ("big", "0"),
    ("num", "0.50"),
    ("r", "1.5"),
    ("b", "false"),
    ("b", "true"),
    ("s", "'hello'"),
    ("s", "'it''s'"),
    ("vc", "'x'"),
    ("role", "'user'"),
    ("ts", "now()"),
    ("ts", "CURRENT_TIMESTAMP"),
    ("d", "CURRENT_DATE"),
    ("iv", "'1 day'"),
    # the literal forms the builder writes for YAML defaults (types.literal_default_sql)
    ("num", "0"),
    ("num", "1.5"),
    ("dp", "0.1"),
    ("dp", "1e-05"),
    ("big", "5000000000"),
    ("sm", "1"),
    ("u", "'00000000-0000-0000-0000-000000000000'"),
    ("by", "'abc'"),
    ("d", "'2020-01-01'"),
    ("tm", "'12:00:00'"),
    ("j", """'{"a":1,"b":[true,null]}'"""),
    ("j", "'[]'"),
    ("arr", "'{\"a b\",c}'"),
    ("vca", "'{x,y}'"),
    ("roles", "'{user}'"),
]

CHECKS = [
    '"big" >= 0',
    "s IN ('a', 'b')",
    "vc IN ('a', 'b')",
    "s NOT IN ('z')",
    "vc = 'x'",
    "role = 'user'",
    "n BETWEEN 1 AND 5",
    "n NOT BETWEEN 1 AND 5",
    "s LIKE 'a%' AND length(vc) > 0",
    "s ILIKE 'a%' OR s NOT LIKE 'b%'",
    "num >= 0.5 OR n IS NULL",
    "n >= 1.5",
    "jsonb_typeof(j) = 'object'",
    "cardinality(arr) <= 10",
    "(n > 0 AND big > 0) AND s IS NOT NULL",
    "NOT b",
    "s <> ''",
    "lower(s) = s",
]

PREDICATES = ['"b"', "role = 'user' AND NOT b", "s IS NOT NULL", "vc IN ('a', 'b')", "n > 0 OR big < 0"]


@pytest.fixture(scope="module")
def conn(pg_admin_url):
    from specguard.db.server import scratch_database

    with scratch_database(pg_admin_url, prefix="sgnorm") as url:
        run_sql(url, TABLE)
        with connect(url) as c:
            yield c


def _read_back(conn, ddl: str, query: str) -> str:
    with conn.transaction(force_rollback=True):
        conn.execute(ddl.encode())
        return conn.execute(query).fetchone()[0]


def _type_sql(conn, column: str) -> str:
    return conn.execute(
        "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '\"T\"'::regclass AND attname = %s",
        (column,),
    ).fetchone()[0]


@pytest.mark.pg
@pytest.mark.parametrize("column, spec", DEFAULTS)
def test_default_read_back_matches_spec(conn, column, spec):
    actual = _read_back(
        conn,
        f'ALTER TABLE "T" ALTER COLUMN "{column}" SET DEFAULT {spec}',
        f"SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid "
        f"AND a.attnum = d.adnum WHERE d.adrelid = '\"T\"'::regclass AND a.attname = '{column}'",
    )
    assert same_default(canonical(spec), actual, _type_sql(conn, column)), (spec, actual)


@pytest.mark.pg
@pytest.mark.parametrize("spec", CHECKS)
def test_check_read_back_matches_spec(conn, spec):
    actual = _read_back(
        conn,
        f'ALTER TABLE "T" ADD CONSTRAINT probe CHECK ({spec})',
        "SELECT pg_get_expr(conbin, conrelid) FROM pg_constraint WHERE conname = 'probe'",
    )
    assert same_expression(canonical(spec), actual), (spec, actual, normal_form(spec), normal_form(actual))


@pytest.mark.pg
@pytest.mark.parametrize("spec", PREDICATES)
def test_index_predicate_read_back_matches_spec(conn, spec):
    actual = _read_back(
        conn,
        f'CREATE INDEX probe_idx ON "T" ("id") WHERE {spec}',
        "SELECT pg_get_expr(indpred, indrelid) FROM pg_index WHERE indexrelid = 'probe_idx'::regclass",
    )
    assert same_expression(canonical(spec), actual), (spec, actual)


@pytest.mark.pg
def test_server_renderer_settles_what_the_normal_form_cannot(conn):
    # the server re-prints a timestamp literal; only the server itself knows that spelling
    actual = _read_back(
        conn,
        "ALTER TABLE \"T\" ALTER COLUMN \"t3\" SET DEFAULT '2020-01-01'",
        "SELECT pg_get_expr(adbin, adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid "
        "AND a.attnum = d.adnum WHERE d.adrelid = '\"T\"'::regclass AND a.attname = 't3'",
    )
    assert actual == "'2020-01-01 00:00:00'::timestamp without time zone"
    assert not same_expression("'2020-01-01'", actual)
    renderer = ServerRenderer(conn)
    assert renderer("default", "T", "t3", "'2020-01-01'", actual)
    assert not renderer("default", "T", "t3", "'2020-01-02'", actual)
    assert renderer("check", "T", None, "n >= 1.5", "((n)::numeric >= 1.5)")
    assert renderer("index", "T", None, "b", "b")
    assert renderer.render("check", "T", None, "no_such_column > 0") is None
    # nothing the renderer did survives it
    assert conn.execute("SELECT count(*) FROM pg_class WHERE relname LIKE 'sg_probe%'").fetchone()[0] == 0


@pytest.mark.parametrize(
    "a, b",
    [
        ('"big" >= 0', '"big" > 0'),
        ("'1'::text", "1"),
        ("'a'", "'b'"),
        ("now()", "gen_random_uuid()"),
        ("s IN ('a', 'b')", "s IN ('b', 'a')"),
        ("true", "false"),
        ("'{}'::jsonb", "'[]'::jsonb"),
        ("ARRAY['a']", "ARRAY['b']"),
        ("x::date > now()", "x > now()"),
    ],
)
def test_real_differences_stay_different(a, b):
    assert not same_expression(a, b)


def test_unparsable_text_is_compared_as_text():
    assert same_expression("GENERATED ALWAYS AS IDENTITY", "GENERATED  ALWAYS AS IDENTITY")
    assert not same_expression("GENERATED ALWAYS AS IDENTITY", "GENERATED BY DEFAULT AS IDENTITY")
    assert same_expression(None, None) and not same_expression(None, "1")
