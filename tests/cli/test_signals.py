"""Clean up on every signal: a verify stopped by SIGINT or SIGTERM drops its scratch database and stops
the embedded server it started; what a SIGKILLed verify left (a database, a running server) is cleaned
up by the next run. Real subprocesses, real signals, a real PostgreSQL.

A migration that sleeps keeps verify busy inside the replay: the signal arrives while a query runs.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from specguard.compiler.store.lock import pid_alive

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.pg


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    slow = tmp_path / "generated" / "migrations" / "29991231235959_slow"
    slow.mkdir()
    (slow / "migration.sql").write_text("SELECT pg_sleep(120);\n")
    return tmp_path


def _verify(project: Path, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "specguard", "verify", *args], cwd=project, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **env})


def _wait_for(predicate, what: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if proc.poll() is not None:
            pytest.fail(f"verify ended before {what}: {proc.stdout.read()} {proc.stderr.read()}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


def _scratch_of(url: str, pid: int) -> set[str]:
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            rows = conn.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", (f"sgverify_%_{pid}_%",))
            return {r[0] for r in rows}
    except psycopg.OperationalError:  # the server is not (yet, or any more) up
        return set()


def _sleeping(url: str, pid: int) -> bool:
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            return bool(conn.execute("SELECT 1 FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(120)%%' "
                                     "AND datname LIKE %s", (f"sgverify_%_{pid}_%",)).fetchall())
    except psycopg.OperationalError:
        return False


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["SIGINT", "SIGTERM"])
def test_a_signal_during_verify_drops_the_scratch_database(project, pg_admin_url, sig, code):
    proc = _verify(project, "--database-url", pg_admin_url)
    _wait_for(lambda: _sleeping(pg_admin_url, proc.pid), "the replay", proc)
    assert _scratch_of(pg_admin_url, proc.pid)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == code, out + err
    assert "Traceback" not in err
    assert _scratch_of(pg_admin_url, proc.pid) == set()


# --- the embedded server that verify starts itself ------------------------------------------------------


@pytest.fixture(scope="module")
def own_pgdata():
    """A data folder of these tests only, so that the server's only user is the verify under test."""
    if os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("tests use TEST_DATABASE_URL, not the embedded server")
    from specguard.db.server import default_pgdata

    return Path(str(default_pgdata()) + "-signals")


def _postmaster(pgdata: Path) -> int | None:
    try:
        return int((pgdata / "postmaster.pid").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def _url(pgdata: Path) -> str:
    return f"postgresql://postgres:@/postgres?host={pgdata}"


def _stopped(pgdata: Path, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid = _postmaster(pgdata)
        if pid is None or not pid_alive(pid):
            return True
        time.sleep(0.1)
    return False


def test_sigterm_stops_the_embedded_server_verify_started(project, own_pgdata):
    assert _stopped(own_pgdata)
    proc = _verify(project, SPECGUARD_PGDATA=str(own_pgdata))
    _wait_for(lambda: _sleeping(_url(own_pgdata), proc.pid), "the replay", proc)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 143, out + err
    assert _stopped(own_pgdata), "the embedded server is still running"


def test_what_a_killed_verify_left_is_cleaned_up_by_the_next_run(project, own_pgdata):
    assert _stopped(own_pgdata)
    proc = _verify(project, SPECGUARD_PGDATA=str(own_pgdata))
    _wait_for(lambda: _sleeping(_url(own_pgdata), proc.pid), "the replay", proc)
    proc.kill()  # SIGKILL: nothing of specguard runs any more
    proc.wait(timeout=60)
    left = _scratch_of(_url(own_pgdata), proc.pid)
    assert left and not _stopped(own_pgdata, timeout=1)  # the database and the server outlive it
    # the next run: its own scratch database, then a list of what is there
    code = ("from specguard.db.server import embedded_server_url, scratch_database, connect\n"
            "with scratch_database(embedded_server_url(), prefix='sgverify') as url:\n"
            "    with connect(embedded_server_url()) as c:\n"
            "        print(sorted(r[0] for r in c.execute('SELECT datname FROM pg_database')))\n")
    nxt = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "SPECGUARD_PGDATA": str(own_pgdata)})
    assert nxt.returncode == 0, nxt.stderr
    assert not left & set(eval(nxt.stdout))  # noqa: S307 - a list of names printed by the line above
    assert _stopped(own_pgdata), "the server kept running after its last live user exited"
