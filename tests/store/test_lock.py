"""One writer at a time, nothing lost: the compile lock on generated/, with real processes.

A second compile waits, then stops with SG007 naming the holder; a compile killed outright (SIGKILL,
at every write of its transaction) leaves a lock that the next compile takes over, rolling back what
the dead one half-wrote; recovery never touches the transaction of a compile that is still running;
and many real compiles started at once end in one consistent, verify-clean generated/.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from specguard.compiler.store.atomic import pending_journal, recover
from specguard.compiler.store.lock import LOCK_FILE, CompileLock, held_by_another
from specguard.diagnostics import SpecguardError

from .helpers import tree

ROOT = Path(__file__).resolve().parents[2]
SPEC = """\
kind: model
name: Account
columns:
  id: {type: uuid, primary_key: true}
  email: {type: text}
"""


def _python(code: str, cwd: Path, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_COLOR": "1"}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


@pytest.fixture
def holder(tmp_path):
    """Another process holding the lock on tmp_path/generated until the test ends."""
    proc = _python(f"""
        import sys
        from specguard.compiler.store.lock import CompileLock
        with CompileLock({str(tmp_path / "generated")!r}):
            print("held", flush=True)
            sys.stdin.read()
    """, tmp_path, stdin=subprocess.PIPE)
    assert proc.stdout.readline() == "held\n", proc.stderr.read()
    yield proc
    proc.stdin.close()
    proc.wait(timeout=30)


def test_the_lock_file_names_the_holder_and_goes_away(tmp_path):
    gen = tmp_path / "generated"
    with CompileLock(gen) as lock:
        record = json.loads((gen / LOCK_FILE).read_text())
        assert record["pid"] == os.getpid() and record["host"] and record["started"].endswith("Z")
        assert held_by_another(gen) is None and lock.notes == []
    assert not gen.exists()  # made for the lock, left empty: removed again


def test_a_second_compile_waits_then_says_who_holds_the_lock(tmp_path, holder):
    with pytest.raises(SpecguardError) as info:
        with CompileLock(tmp_path / "generated", wait=0.3):
            pass
    d = info.value.diagnostic
    assert d.code == "SG007" and f"pid {holder.pid} on " in d.message and LOCK_FILE in d.hint
    assert held_by_another(tmp_path / "generated").pid == holder.pid


def test_recovery_never_touches_a_running_compile(tmp_path, holder):
    gen = tmp_path / "generated"
    (gen / ".specguard-txn").mkdir()
    (gen / ".specguard-txn" / "journal.json").write_text('{"created": ["state.json"]}')
    (gen / "state.json").write_text("{}")
    before = tree(gen)
    assert recover(gen) == [] and tree(gen) == before and pending_journal(gen) is not None


def test_the_cli_exits_2_while_another_compile_runs(tmp_path, holder, monkeypatch):
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "a.yaml").write_text(SPEC)
    proc = subprocess.run([sys.executable, "-m", "specguard", "compile", "--name", "x"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "SPECGUARD_LOCK_TIMEOUT": "0.5"})
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "SG007" in proc.stderr and f"pid {holder.pid}" in proc.stderr and "Traceback" not in proc.stderr


# --- killed at every write ---------------------------------------------------------------------------

KILLER = """
    import os, signal, sys
    from datetime import datetime, timezone
    from specguard.compiler.store import atomic
    from specguard.compiler import pipeline
    real, calls = os.replace, [0]
    def replace(src, dst):
        calls[0] += 1
        if calls[0] > {at}:
            os.kill(os.getpid(), signal.SIGKILL)  # no except clause, no finally, no atexit
        return real(src, dst)
    atomic.os.replace = replace
    r = pipeline.compile(__import__("pathlib").Path("specs"), __import__("pathlib").Path("generated"),
                         name="two", now=datetime(2026, 1, 2, tzinfo=timezone.utc))
    print("finished", calls[0])
"""


def _count_writes(project: Path) -> int:
    proc = _python(KILLER.replace("{at}", "10**9"), project)
    out, err = proc.communicate(timeout=120)
    assert out.startswith("finished"), err
    return int(out.split()[1])


def test_a_compile_killed_at_every_write_is_taken_over_and_rolled_back(tmp_path):
    from datetime import datetime, timezone

    from specguard.compiler import pipeline

    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "a.yaml").write_text(SPEC)
    assert pipeline.compile(tmp_path / "specs", tmp_path / "generated", name="one",
                            now=datetime(2026, 1, 1, tzinfo=timezone.utc)).ok
    (tmp_path / "specs" / "a.yaml").write_text(SPEC + "  name: {type: text, nullable: true}\n")
    probe = tmp_path / "probe"
    shutil.copytree(tmp_path, probe)
    writes = _count_writes(probe)
    assert writes >= 3  # the journal, the files, the records
    released = tree(tmp_path / "generated")
    for at in range(writes):
        shutil.rmtree(tmp_path / "generated")
        for rel, data in released.items():
            (tmp_path / "generated" / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / "generated" / rel).write_bytes(data)
        proc = _python(KILLER.replace("{at}", str(at)), tmp_path)
        proc.communicate(timeout=120)
        assert proc.returncode == -signal.SIGKILL
        assert (tmp_path / "generated" / LOCK_FILE).exists()  # left behind by the dead compile
        r = pipeline.compile(tmp_path / "specs", tmp_path / "generated", name="two",
                             now=datetime(2026, 1, 2, tzinfo=timezone.utc))
        assert r.ok and [d.code for d in r.diagnostics] == ["SG007"], r.diagnostics
        assert "died" in r.diagnostics[0].message and r.written
        assert pipeline.check(tmp_path / "specs", tmp_path / "generated").diagnostics == []
        assert not (tmp_path / "generated" / LOCK_FILE).exists()


# --- many compiles at once ---------------------------------------------------------------------------


def _start_compiles(project: Path, n: int, name: str) -> list[subprocess.Popen]:
    env = {**os.environ, "SPECGUARD_LOCK_TIMEOUT": "60", "NO_COLOR": "1"}
    cmd = [sys.executable, "-m", "specguard", "compile", "--name"]
    return [subprocess.Popen(cmd + [f"{name}_{i}"], cwd=project, env=env, text=True, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE) for i in range(n)]


@pytest.mark.pg
def test_concurrent_compiles_end_consistent_and_verify_clean(tmp_path, pg_admin_url):
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    message = tmp_path / "specs" / "models" / "message.yaml"
    created = "  createdAt:   {type: timestamptz, default: {sql: now()}}\n"
    edits = [created + "  editedAt:    {type: timestamptz, nullable: true}\n",
             created + "  editedAt:    {type: timestamptz, nullable: true}\n  tokens:      {type: integer, default: 0}\n"]
    folders = len(list((tmp_path / "generated" / "migrations").iterdir()))
    for round_, edit in enumerate(edits):
        message.write_text(message.read_text().replace(created, edit) if round_ == 0
                           else message.read_text().replace(edits[0], edit))
        procs = _start_compiles(tmp_path, 5, f"r{round_}")
        results = [(p.wait(timeout=300), p.stdout.read() + p.stderr.read()) for p in procs]
        assert all(rc == 0 for rc, _ in results), results
        wrote = [out for _, out in results if "wrote" in out]
        assert len(wrote) == 1, results  # one compile did the work; the others found nothing to do
        folders_now = len(list((tmp_path / "generated" / "migrations").iterdir()))
        assert folders_now == folders + 1, results
        folders = folders_now
        check = subprocess.run([sys.executable, "-m", "specguard", "check", "--no-cache"], cwd=tmp_path,
                               capture_output=True, text=True, timeout=120)
        assert check.returncode == 0, check.stdout + check.stderr
    verify = subprocess.run([sys.executable, "-m", "specguard", "verify", "--database-url", pg_admin_url],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert verify.returncode == 0, verify.stdout + verify.stderr


def test_check_during_a_running_compile_says_so(tmp_path, holder):
    from specguard.compiler.pipeline import check_compiled

    from .helpers import catalog

    gen = tmp_path / "generated"
    (gen / ".specguard-txn").mkdir()
    (gen / ".specguard-txn" / "journal.json").write_text("{}")
    (d,) = check_compiled(gen, catalog())
    assert d.code == "SG800" and f"being written by a `specguard compile` (pid {holder.pid}" in d.message
