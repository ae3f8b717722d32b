"""The SQL backfill of a config column, run on a real PostgreSQL, writes exactly what the Python
upgraders (the generated one and the reference ``ir.upgrade``) make of each stored document: rows
written under every older version, with the version inside the document and in a column beside it,
a run interrupted half-way and resumed, and rows whose version is missing left alone."""

from __future__ import annotations

import json

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specguard.compiler.emit.sql.backfill import backfill_sql
from specguard.compiler.emit.sql.configdocs import config_backfill
from specguard.compiler.ir.upgrade import upgrade_through

from .generated import compile_versions
from .specs import GOLDEN, catalog_of

pytestmark = pytest.mark.pg

CATALOG = catalog_of(GOLDEN)
VERSIONS = CATALOG.config_versions("persona")
TABLE = CATALOG.table("Bot")
PERSONA, STYLE = TABLE.column("persona"), TABLE.column("style")
DDL = 'CREATE TABLE "Bot" (id bigint PRIMARY KEY, persona jsonb, "styleVersion" integer, style jsonb, fresh jsonb)'

KEYS = st.sampled_from(["mood", "tone", "level", "legacy", "limits", "tags", "tokens", "other"])
SCALARS = (st.none() | st.booleans() | st.integers(-4, 4) | st.sampled_from([1.5, 3.0, 2.5, 0.0, 1e16, -0.0])
           | st.floats(allow_nan=False, allow_infinity=False) | st.sampled_from(["cheerful", "calm", "1", "1.5", "3", ""]))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
                      max_leaves=8)
DOCS = st.dictionaries(KEYS, VALUES, max_size=6)
ROWS = st.lists(st.tuples(st.integers(1, 3), DOCS), min_size=1, max_size=12)


@pytest.fixture(scope="module")
def module(tmp_path_factory):
    return compile_versions(tmp_path_factory.mktemp("persona"), "persona", list(VERSIONS))


@pytest.fixture
def conn(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as c:
        c.execute(DDL)
        yield c


def _insert(conn, rows) -> dict[int, tuple[int, dict, dict]]:
    """Rows as stored (the documents read back, so numbers are what PostgreSQL made of them)."""
    conn.execute('TRUNCATE "Bot"')
    for i, (version, doc) in enumerate(rows, start=1):
        conn.execute('INSERT INTO "Bot" VALUES (%s, %s::jsonb, %s, %s::jsonb, NULL)',
                     (i, json.dumps({**doc, "$version": version}), version, json.dumps(doc)))
    stored = conn.execute('SELECT id, "styleVersion", persona - \'$version\', style FROM "Bot"').fetchall()
    return {i: (v, p, s) for i, v, p, s in stored}


def _backfill(conn, column, batch_rows=4) -> None:
    conn.execute(backfill_sql(config_backfill(TABLE, column, VERSIONS), batch_rows=batch_rows).encode())


def _expect(module, stored):
    latest = VERSIONS[-1].version
    out = {}
    for i, (v, p, s) in stored.items():
        ref_p, ref_s = upgrade_through(p, list(VERSIONS[v:])), upgrade_through(s, list(VERSIONS[v:]))
        assert module.upgrade_persona(p, v) == ref_p and module.upgrade_persona(s, v) == ref_s
        out[i] = ({**ref_p, "$version": latest}, latest, ref_s)
    return out


@settings(max_examples=10, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=ROWS)
def test_sql_backfill_writes_what_the_python_upgraders_write(conn, module, rows):
    stored = _insert(conn, rows)
    expected = _expect(module, stored)
    _backfill(conn, PERSONA)
    _backfill(conn, STYLE)
    got = {i: (p, v, s) for i, p, v, s in conn.execute('SELECT id, persona, "styleVersion", style FROM "Bot"')}
    assert got == expected


def test_an_interrupted_backfill_resumes_and_touches_only_rows_that_need_it(conn, module):
    rows = [(1 + i % 3, {"mood": "cheerful", "level": 1.5, "legacy": True} if i % 3 == 0 else {"tone": "calm"})
            for i in range(30)]
    stored = _insert(conn, rows)
    expected = _expect(module, stored)
    # a row the backfill cannot write, half-way: its batch fails, the batches before it stay committed
    conn.execute('ALTER TABLE "Bot" ADD CONSTRAINT stop_at_17 CHECK (id <> 17 OR persona ->> \'$version\' <> \'3\')')
    with pytest.raises(psycopg.errors.CheckViolation):
        _backfill(conn, PERSONA, batch_rows=5)
    done = conn.execute("SELECT count(*) FROM \"Bot\" WHERE persona ->> '$version' = '3' AND id < 16").fetchone()[0]
    assert done == 15 and conn.execute("SELECT count(*) FROM \"Bot\" WHERE persona ->> '$version' = '3'").fetchone()[0] == 15 + 5
    conn.execute('ALTER TABLE "Bot" DROP CONSTRAINT stop_at_17')
    notices: list[str] = []
    conn.add_notice_handler(lambda d: notices.append(d.message_primary))
    _backfill(conn, PERSONA, batch_rows=5)
    assert notices[-1].endswith(": 10 rows updated")  # rows 16 to 30, less the five of version 3
    got = {i: p for i, p in conn.execute('SELECT id, persona FROM "Bot"')}
    assert got == {i: e[0] for i, e in expected.items()}
    notices.clear()
    _backfill(conn, PERSONA, batch_rows=5)
    assert notices[-1].endswith(": 0 rows updated")  # idempotent


def test_documents_without_a_known_version_are_left_alone(conn):
    conn.execute('INSERT INTO "Bot" VALUES (1, \'{"mood": "cheerful"}\', NULL, \'{"mood": "calm"}\', NULL), '
                 '(2, \'{"mood": "calm", "$version": "1"}\', 7, \'[1]\', NULL), '
                 '(3, \'{"mood": "calm", "$version": 1.0}\', 0, \'"x"\', NULL)')
    before = conn.execute('SELECT * FROM "Bot" ORDER BY id').fetchall()
    _backfill(conn, PERSONA)
    _backfill(conn, STYLE)
    assert conn.execute('SELECT * FROM "Bot" ORDER BY id').fetchall() == before
