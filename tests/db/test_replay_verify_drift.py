"""Replay as prisma migrate deploy runs it, verify end to end, and drift that never writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from specguard.db.drift import drift
from specguard.db.replay import MigrationError, apply_migrations
from specguard.db.server import connect
from specguard.db.verify import verify

from .conftest import SCHEMA_DDL, expected_catalog, run_sql

pytestmark = pytest.mark.pg


def _write(root: Path, migrations: dict[str, str]) -> Path:
    for name, sql in migrations.items():
        folder = root / name
        folder.mkdir(parents=True)
        (folder / "migration.sql").write_text(sql)
    (root / "migration_lock.toml").write_text('provider = "postgresql"\n')
    return root


def _split_schema() -> dict[str, str]:
    """SCHEMA_DDL as a history: tables in one file, each CREATE INDEX CONCURRENTLY in its own."""
    tables, indexes = [], []
    for stmt in (s.strip() for s in SCHEMA_DDL.split(";\n")):
        if stmt.startswith("CREATE INDEX"):
            indexes.append(stmt.replace("CREATE INDEX", "CREATE INDEX CONCURRENTLY IF NOT EXISTS", 1))
        elif stmt:
            tables.append(stmt)
    out = {"20240101000000_init": "SET lock_timeout = '5s';\nSET statement_timeout = '60s';\n"
           + ";\n".join(tables) + ";\n"}
    for i, stmt in enumerate(indexes, 1):
        out[f"20240101{i:06d}_index_{i}"] = stmt + ";\n"
    return out


def test_verify_of_a_correct_history_reports_nothing(tmp_path, pg_admin_url):
    migrations = _write(tmp_path / "migrations", _split_schema())
    assert verify(migrations, expected_catalog(), pg_admin_url) == []


def test_verify_reports_drift_and_drops_its_database(tmp_path, pg_admin_url):
    # the embedded server is shared and persistent: compare with what was there before this test
    query = "SELECT datname FROM pg_database WHERE datname LIKE 'sgverify%'"
    with connect(pg_admin_url) as conn:
        before = {r[0] for r in conn.execute(query)}
    history = _split_schema()
    history["20250101000000_extra"] = 'ALTER TABLE "Companion" ADD COLUMN "extra" text;'
    diags = verify(_write(tmp_path / "m", history), expected_catalog(), pg_admin_url)
    assert [(d.code, d.target) for d in diags] == [("SG901", "Companion.extra")]
    with connect(pg_admin_url) as conn:
        assert {r[0] for r in conn.execute(query)} <= before


def test_replay_applies_in_order_and_keeps_percent_signs(tmp_path, pg_url):
    root = _write(tmp_path / "m", {
        "20240102000000_second": "INSERT INTO t VALUES ('50% off');",
        "20240101000000_first": "CREATE TABLE t (s text CHECK (s LIKE '%off'));",
    })
    assert apply_migrations(pg_url, root) == ["20240101000000_first", "20240102000000_second"]
    with connect(pg_url) as conn:
        assert conn.execute("SELECT s FROM t").fetchone() == ("50% off",)


def test_every_folder_is_a_migration_as_prisma_sees_it(tmp_path, pg_url):
    # prisma migrate deploy applies every folder under migrations/ and fails on one without a
    # migration.sql; the replay must not be more lenient than the deploy it stands for
    root = _write(tmp_path / "m", {"20240101000000_first": "CREATE TABLE t (s text);"})
    (root / "not_a_migration").mkdir()
    with pytest.raises(MigrationError) as info:
        apply_migrations(pg_url, root)
    assert "not_a_migration has no migration.sql" in info.value.diagnostic.message


def test_a_multi_statement_file_is_one_transaction(tmp_path, pg_url):
    root = _write(tmp_path / "m", {
        "20240101000000_bad": "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\nSELECT * FROM nowhere;\n",
    })
    with pytest.raises(MigrationError) as info:
        apply_migrations(pg_url, root)
    d = info.value.diagnostic
    assert "20240101000000_bad" in d.message and 'relation "nowhere" does not exist' in d.message
    assert d.span.file.endswith("20240101000000_bad/migration.sql") and (d.span.line, d.span.column) == (3, 15)
    with connect(pg_url) as conn:  # CREATE TABLE a and b were rolled back with the file
        assert conn.execute("SELECT to_regclass('a'), to_regclass('b')").fetchone() == (None, None)


def test_concurrently_works_alone_and_fails_in_a_multi_statement_file(tmp_path, pg_url):
    ok = _write(tmp_path / "ok", {
        "20240101000000_t": "CREATE TABLE t (id int);",
        "20240101000001_i": "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_id_idx ON t (id);",
    })
    apply_migrations(pg_url, ok)
    bad = _write(tmp_path / "bad", {
        "20240101000002_i": "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY t_id2_idx ON t (id);",
    })
    with pytest.raises(MigrationError, match="cannot run inside a transaction block"):
        apply_migrations(pg_url, bad)


def test_verify_returns_a_failed_migration_as_its_diagnostic(tmp_path, pg_admin_url):
    root = _write(tmp_path / "m", {"20240101000000_x": "CREATE TABLE t (id nosuchtype);"})
    (d,) = verify(root, expected_catalog(), pg_admin_url)
    assert "20240101000000_x" in d.message and "nosuchtype" in d.message


def test_drift_on_a_matching_database_reports_nothing(schema_url):
    assert drift(schema_url, expected_catalog()) == []


def test_drift_reports_perturbations(schema_url):
    run_sql(schema_url, 'ALTER TABLE "Companion" DROP COLUMN "legacyNotes"')
    assert [(d.code, d.target) for d in drift(schema_url, expected_catalog())] == [("SG900", "Companion.legacyNotes")]


def test_drift_never_writes(schema_url, monkeypatch):
    import psycopg

    import specguard.db.drift as drift_module

    seen = {}
    real = drift_module._introspect

    def spy(conn, schema):
        catalog = real(conn, schema)
        # a write inside the drift transaction is refused by the server ...
        seen["read_only"] = conn.execute("SHOW transaction_read_only").fetchone()[0]
        # ... and introspection took no transaction id, which every write needs
        seen["xid"] = conn.execute("SELECT pg_current_xact_id_if_assigned()").fetchone()[0]
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            with conn.transaction():  # a savepoint, so the outer transaction survives the error
                conn.execute("CREATE TABLE drift_wrote (id int)")
        return catalog

    monkeypatch.setattr(drift_module, "_introspect", spy)
    with connect(schema_url) as conn:
        before = conn.execute("SELECT pg_current_wal_lsn(), (SELECT count(*) FROM pg_class)").fetchone()
    assert drift(schema_url, expected_catalog()) == []
    assert seen == {"read_only": "on", "xid": None}
    with connect(schema_url) as conn:
        assert conn.execute("SELECT to_regclass('drift_wrote')").fetchone()[0] is None
        assert conn.execute("SELECT count(*) FROM pg_class").fetchone()[0] == before[1]
