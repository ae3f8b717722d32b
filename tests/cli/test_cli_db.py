"""verify and drift through the CLI, on a real PostgreSQL (embedded, or TEST_DATABASE_URL)."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import psycopg
import pytest

from specguard.cli.app import main
from specguard.db.replay import apply_migrations

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.pg


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        rc = main(list(args))
    return rc, out.getvalue()


def test_verify_the_example_app(project, pg_admin_url):
    rc, out = run("verify", "--database-url", pg_admin_url)
    assert rc == 0, out
    assert "verified" in out


def test_verify_reports_a_migration_that_builds_the_wrong_schema(project, pg_admin_url):
    sql = next((project / "generated" / "migrations").glob("*_init/migration.sql"))
    sql.write_text(sql.read_text().replace('    "displayName" text,\n', ""))
    rc, out = run("verify", "--database-url", pg_admin_url, "--format", "json")
    diags = json.loads(out)["diagnostics"]
    assert rc == 1 and [(d["code"], d["target"]) for d in diags] == [("SG900", "User.displayName")]


def test_drift_clean_then_drifted(project, pg_url):
    apply_migrations(pg_url, project / "generated" / "migrations")
    rc, out = run("drift", "--database-url", pg_url)
    assert rc == 0 and "no drift" in out
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute('ALTER TABLE "Companion" ALTER COLUMN "version" SET DEFAULT 2')
        conn.execute('CREATE INDEX "Message_extra_idx" ON "Message" ("content")')
    rc, out = run("drift", "--database-url", pg_url, "--format", "json")
    got = sorted((d["code"], d["target"]) for d in json.loads(out)["diagnostics"])
    assert rc == 1 and got == [("SG901", "Message.Message_extra_idx"), ("SG902", "Companion.version")]


def test_unreachable_database_exits_2_and_never_prints_the_password(project, monkeypatch):
    fake = "hunter2-fake-password"
    url = f"postgresql://app:{fake}@127.0.0.1:1/app?connect_timeout=2"
    for args in (("drift", "--database-url", url), ("verify", "--database-url", url)):
        rc, out = run(*args)
        assert rc == 2, out
        assert fake not in out
        assert "postgresql://app:***@127.0.0.1:1/app" in out  # the URL is shown, masked
    monkeypatch.setenv("DATABASE_URL", url)
    rc, out = run("drift")
    assert rc == 2 and fake not in out


def test_drift_needs_a_url(project, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    rc, out = run("drift")
    assert rc == 2 and "DATABASE_URL" in out
