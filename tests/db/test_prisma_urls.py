"""Prisma-style URLs on a real server: its own parameters dropped, ``schema=`` compared, pooling noticed;
and the scratch databases of a run that was killed removed by the next one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from specguard.db.drift import drift
from specguard.db.server import connect, scratch_database, scratch_name, stale_scratch
from specguard.db.verify import verify
from specguard.diagnostics import SpecguardError

from .conftest import SCHEMA_DDL, expected_catalog, run_sql
from .test_replay_verify_drift import _split_schema, _write

pytestmark = pytest.mark.pg
PRISMA = "connection_limit=5&pool_timeout=10&socket_timeout=30&statement_cache_size=0"


def _with(url: str, query: str) -> str:
    return url + ("&" if "?" in url else "?") + query


def test_drift_drops_prismas_parameters_and_compares_the_schema_it_names(pg_url):
    run_sql(pg_url, 'CREATE SCHEMA tenant1; SET search_path = tenant1;\n' + SCHEMA_DDL)
    run_sql(pg_url, 'CREATE TABLE public."Stray" (id int)')  # public differs: it is not the one compared
    assert drift(_with(pg_url, f"schema=tenant1&{PRISMA}"), expected_catalog()) == []
    assert [d.code for d in drift(_with(pg_url, PRISMA), expected_catalog())].count("SG900") > 1


def test_drift_through_a_pooler_goes_ahead_with_a_note(pg_url):
    run_sql(pg_url, SCHEMA_DDL)
    (note,) = drift(_with(pg_url, f"pgbouncer=true&{PRISMA}"), expected_catalog())
    assert (note.code, note.severity.value) == ("SG008", "info") and "pgbouncer=true" in note.message


def test_verify_refuses_a_pooled_url(tmp_path, pg_admin_url):
    migrations = _write(tmp_path / "m", _split_schema())
    with pytest.raises(SpecguardError) as info:
        verify(migrations, expected_catalog(), _with(pg_admin_url, "pgbouncer=true"))
    d = info.value.diagnostic
    assert (d.code, d.severity.value) == ("SG008", "error") and "directUrl" in d.hint


def test_verify_replays_into_the_schema_the_url_names(tmp_path, pg_admin_url):
    migrations = _write(tmp_path / "m", _split_schema())
    assert verify(migrations, expected_catalog(), _with(pg_admin_url, f"schema=tenant1&{PRISMA}")) == []


def _databases(admin_url: str) -> set[str]:
    with connect(admin_url) as conn:
        return {r[0] for r in conn.execute("SELECT datname FROM pg_database")}


def test_scratch_databases_name_their_creator():
    name = scratch_name("sgverify")
    prefix, host, pid, rand = name.split("_")
    assert (prefix, int(pid), len(host), len(rand)) == ("sgverify", __import__("os").getpid(), 6, 8)
    assert stale_scratch([name, "sgverify_000000_1_00000000", "app", "sgverify_notours"]) == []


def test_a_later_run_drops_what_a_killed_run_left_and_nothing_else(pg_admin_url, tmp_path):
    # a process that creates a scratch database and is killed before it can drop it
    code = ("import os, signal\nfrom urllib.parse import urlsplit\nfrom specguard.db.server import scratch_database\n"
            f"with scratch_database({pg_admin_url!r}, prefix='sgverify') as url:\n"
            "    print(urlsplit(url).path.lstrip('/'), flush=True)\n"
            "    os.kill(os.getpid(), signal.SIGKILL)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parent)
    left = proc.stdout.strip()
    assert proc.returncode == -9 and left in _databases(pg_admin_url)
    with scratch_database(pg_admin_url, prefix="sgtest") as mine:  # a later run, its own alive
        alive = urlsplit(mine).path.lstrip("/")
        with scratch_database(pg_admin_url, prefix="sgtest"):
            assert left not in _databases(pg_admin_url)
            assert alive in _databases(pg_admin_url)  # a live creator's database is never touched
