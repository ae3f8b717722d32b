"""Crash safety: an interrupted write or compile leaves the old generated/ intact, or detectably not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from specguard.compiler.pipeline import check_compiled as check_generated
from specguard.compiler.pipeline import compile_catalog as compile_migrations
from specguard.compiler.store import atomic
from specguard.compiler.store.atomic import GeneratedTransaction, pending_journal, recover, write_atomic
from specguard.diagnostics import SpecguardError

from .helpers import NOW, catalog, col, dirs, table, tree


def test_write_atomic_replaces_and_leaves_no_temporary(tmp_path):
    p = tmp_path / "a" / "f.txt"
    write_atomic(p, "one")
    write_atomic(p, b"two")
    assert p.read_bytes() == b"two"
    assert [q.name for q in p.parent.iterdir()] == ["f.txt"]


def test_write_atomic_failure_keeps_old_bytes(tmp_path, monkeypatch):
    p = tmp_path / "f.txt"
    p.write_text("old")
    monkeypatch.setattr(atomic.os, "replace", _failing_replace(0))
    with pytest.raises(OSError):
        write_atomic(p, "new")
    assert p.read_text() == "old"
    assert [q.name for q in tmp_path.iterdir()] == ["f.txt"]


def _failing_replace(fail_at: int, exc=OSError, once=False):
    """os.replace that works ``fail_at`` times, then raises (every time, or ``once``)."""
    real = os.replace
    calls = {"n": 0}

    def replace(src, dst):
        calls["n"] += 1
        if calls["n"] > fail_at and not (once and calls["n"] > fail_at + 1):
            raise exc("simulated failure")
        return real(src, dst)

    return replace


def _seed(root):
    txn = GeneratedTransaction(root)
    txn.stage("migrations/1_a/migration.sql", "A\n")
    txn.stage("migrations.sum", "sum v1\n")
    txn.stage("state.json", "{}\n")
    txn.commit()


def _second(root):
    txn = GeneratedTransaction(root)
    txn.stage("migrations/1_a/migration.sql", "A\n")  # unchanged: not rewritten
    txn.stage("migrations/2_b/migration.sql", "B\n")
    txn.stage("migrations/3_c/migration.sql", "C\n")
    txn.stage("migrations.sum", "sum v2\n")
    txn.stage("state.json", '{"v": 2}\n')
    return txn


def test_commit_writes_only_changed_files_in_order(tmp_path):
    _seed(tmp_path)
    txn = _second(tmp_path)
    assert txn.commit() == [
        "migrations/2_b/migration.sql", "migrations/3_c/migration.sql", "migrations.sum", "state.json",
    ]
    assert tree(tmp_path)["state.json"] == b'{"v": 2}\n'
    assert not (tmp_path / atomic.TXN_DIR).exists()
    assert _second(tmp_path).commit() == []


@pytest.mark.parametrize("fail_at", range(4))  # 4 replaces; the journal's own write is one more
@pytest.mark.parametrize("exc", [OSError, KeyboardInterrupt])
def test_failed_commit_rolls_back_to_the_old_tree(tmp_path, monkeypatch, fail_at, exc):
    _seed(tmp_path)
    before, before_dirs = tree(tmp_path), dirs(tmp_path)
    txn = _second(tmp_path)
    # +1: the first os.replace is the journal's atomic write
    monkeypatch.setattr(atomic.os, "replace", _failing_replace(fail_at + 1, exc, once=True))
    with pytest.raises(exc):
        txn.commit()
    monkeypatch.undo()
    assert tree(tmp_path) == before
    assert dirs(tmp_path) == before_dirs
    assert pending_journal(tmp_path) is None


@pytest.mark.parametrize("fail_at", range(4))
def test_a_killed_commit_is_detected_then_rolled_back(tmp_path, monkeypatch, fail_at):
    _seed(tmp_path)
    before, before_dirs = tree(tmp_path), dirs(tmp_path)
    txn = _second(tmp_path)
    # A kill -9 runs no except clause: the rollback never happens in-process.
    monkeypatch.setattr(atomic, "recover", lambda root: [])
    monkeypatch.setattr(atomic.os, "replace", _failing_replace(fail_at + 1))
    with pytest.raises(OSError):
        txn.commit()
    monkeypatch.undo()
    assert pending_journal(tmp_path) is not None
    (d,) = check_generated(tmp_path, catalog())
    assert d.code == "SG800" and "interrupted" in d.message
    recover(tmp_path)
    assert tree(tmp_path) == before
    assert dirs(tmp_path) == before_dirs


def test_commit_into_a_new_directory_that_fails_leaves_nothing(tmp_path, monkeypatch):
    root = tmp_path / "generated"
    txn = GeneratedTransaction(root)
    txn.stage("migrations/1_a/migration.sql", "A\n")
    txn.stage("state.json", "{}\n")
    monkeypatch.setattr(atomic.os, "replace", _failing_replace(2, once=True))
    with pytest.raises(OSError):
        txn.commit()
    assert not root.exists()


@pytest.mark.parametrize("fail_at", range(3))  # migration.sql, migrations.sum, state.json
def test_interrupted_compile_keeps_the_released_state(tmp_path, monkeypatch, fail_at):
    v1 = catalog(table("User"))
    v2 = catalog(table("User"), table("Message", col("id", "uuid"), col("body")))
    assert compile_migrations(tmp_path, v1, name="init", now=NOW).ok
    before = tree(tmp_path)
    with monkeypatch.context() as m:
        m.setattr(atomic.os, "replace", _failing_replace(fail_at + 1, once=True))
        with pytest.raises(SpecguardError) as info:  # the failed write, as an SG006 diagnostic
            compile_migrations(tmp_path, v2, name="message", now=NOW)
    assert info.value.diagnostic.code == "SG006" and "simulated failure" in info.value.diagnostic.message
    assert tree(tmp_path) == before
    assert [d.code for d in check_generated(tmp_path, v1)] == []
    # and the next compile simply does the work
    r = compile_migrations(tmp_path, v2, name="message", now=NOW)
    assert r.ok and r.written
    assert check_generated(tmp_path, v2) == []


def test_compile_after_a_kill_rolls_back_first(tmp_path, monkeypatch):
    v1 = catalog(table("User"))
    v2 = catalog(table("User"), table("Message"))
    compile_migrations(tmp_path, v1, name="init", now=NOW)
    before = tree(tmp_path)
    with monkeypatch.context() as m:
        m.setattr(atomic, "recover", lambda root: [])
        m.setattr(atomic.os, "replace", _failing_replace(3))  # journal, two files, then dies
        with pytest.raises(SpecguardError):
            compile_migrations(tmp_path, v2, name="message", now=NOW)
    assert tree(tmp_path) != before
    codes = {d.code for d in check_generated(tmp_path, v2)}
    assert codes == {"SG800"}
    r = compile_migrations(tmp_path, v2, name="message", now=NOW)
    assert r.ok and r.recovered
    assert check_generated(tmp_path, v2) == []


def test_remove_deletes_in_the_same_transaction_and_prunes_empty_folders(tmp_path):
    txn = atomic.GeneratedTransaction(tmp_path)
    txn.stage("keep.txt", "k")
    txn.stage("gone/deep/old.json", "o")
    txn.commit()
    txn = atomic.GeneratedTransaction(tmp_path)
    txn.stage("keep.txt", "k2")
    txn.remove("gone/deep/old.json")
    txn.remove("never/was.json")  # removing what is not there is no change
    assert txn.changes() == ["keep.txt", "gone/deep/old.json"]
    assert txn.commit() == ["keep.txt", "gone/deep/old.json"]
    assert tree(tmp_path) == {"keep.txt": b"k2"} and dirs(tmp_path) == []


def test_a_failed_removal_is_rolled_back_with_the_writes(tmp_path, monkeypatch):
    txn = atomic.GeneratedTransaction(tmp_path)
    txn.stage("a.txt", "a")
    txn.stage("sub/b.txt", "b")
    txn.commit()
    before = tree(tmp_path)
    real_unlink = Path.unlink

    def flaky(self, *args, **kwargs):
        if self.name == "b.txt":
            raise OSError("disk gone")
        return real_unlink(self, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", flaky)
    txn = atomic.GeneratedTransaction(tmp_path)
    txn.stage("a.txt", "a2")
    txn.remove("sub/b.txt")
    with pytest.raises(OSError):
        txn.commit()
    monkeypatch.setattr(Path, "unlink", real_unlink)
    atomic.recover(tmp_path)
    assert tree(tmp_path) == before


def _many(root, n: int, version: str) -> GeneratedTransaction:
    txn = GeneratedTransaction(root)
    for i in range(n):
        txn.stage(f"migrations/{i:03d}_m/migration.sql", f"-- {version} {i}\n")
    txn.stage("state.json", f'{{"v": "{version}"}}\n')
    return txn


def test_a_large_commit_writes_every_file_and_no_temporary(tmp_path):
    n = atomic._POOL_FROM * 3  # enough files for the temporaries to be written in the pool
    assert len(_many(tmp_path, n, "one").commit()) == n + 1
    files = tree(tmp_path)
    assert files["migrations/017_m/migration.sql"] == b"-- one 17\n"
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(atomic._TMP_PREFIX)]


@pytest.mark.parametrize("exc", [OSError, KeyboardInterrupt])
def test_a_write_failing_in_the_pool_rolls_everything_back(tmp_path, monkeypatch, exc):
    n = atomic._POOL_FROM * 3
    _many(tmp_path, n, "one").commit()
    before, before_dirs = tree(tmp_path), dirs(tmp_path)
    real = atomic._write_temp

    def flaky(target, data):
        if target.parent.name == "030_m":
            raise exc("simulated failure")
        return real(target, data)

    monkeypatch.setattr(atomic, "_write_temp", flaky)
    txn = _many(tmp_path, n + 5, "two")
    with pytest.raises(exc):
        txn.commit()
    monkeypatch.undo()
    assert tree(tmp_path) == before
    assert dirs(tmp_path) == before_dirs
    assert pending_journal(tmp_path) is None
