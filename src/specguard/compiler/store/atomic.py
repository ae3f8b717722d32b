"""Crash-safe writes into ``generated/``.

A single file is written the classic way: a temporary file in the same directory (so the final
``os.replace`` is a rename within one filesystem, hence atomic), fsynced, renamed over the target,
and the directory fsynced so the rename itself survives a power loss.

A compile writes several files (new migration folders, ``migrations.sum``, ``state.json``) and no
filesystem renames several files at once, so :class:`GeneratedTransaction` keeps an undo journal:

1. every staged file is written to a temporary file next to its target (nothing visible changes);
2. the journal ``.specguard-txn/journal.json`` is written, naming every file that will be created
   and every file that will be replaced (each replaced file is first hard-linked or copied into
   ``.specguard-txn/`` as a backup);
3. the temporaries are renamed into place, ``migrations.sum`` and ``state.json`` last;
4. the journal is deleted: that single unlink is the commit point; the backups go after it.

If anything fails in step 3 the transaction rolls back at once. If the process dies instead, the
journal stays behind: :func:`recover` (run at the start of the next compile) rolls back, and
``check`` reports the leftover journal, so a half-written ``generated/`` is never taken for a
compiled one.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from specguard.compiler.store.layout import JOURNAL, TXN_DIR, pending_journal  # noqa: F401 - pending_journal re-exported

_TMP_PREFIX = ".sg-tmp-"
_POOL_FROM = 16  # fewer files than this are written one after another
_POOL_WORKERS = 16


def fsync_dir(path: Path) -> None:
    # Windows cannot open a directory for fsync; its renames are durable enough for our purpose.
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_path(target: Path) -> Path:
    return target.with_name(f"{_TMP_PREFIX}{target.name}")


def _write_temp(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_path(target)
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return tmp


def write_atomic(path: Path | str, data: bytes | str) -> None:
    """Write one file so that readers see either the old or the new bytes, never a mix."""
    path = Path(path)
    raw = data.encode() if isinstance(data, str) else data
    tmp = _write_temp(path, raw)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def write_if_changed(path: Path | str, data: bytes | str) -> bool:
    """Write atomically unless the file already holds these bytes (keeps mtimes of no-op runs)."""
    path = Path(path)
    raw = data.encode() if isinstance(data, str) else data
    if path.is_file() and path.read_bytes() == raw:
        return False
    write_atomic(path, raw)
    return True


class GeneratedTransaction:
    """Stage files under ``root``, then make them all visible, or none of them.

    Paths are relative to ``root`` (POSIX spelling). Files are replaced in staging order, so the
    caller stages the files that say "this is compiled" (the checksums, the snapshot) last.
    """

    def __init__(self, root: Path | str):
        self.root = Path(root)
        self._staged: dict[str, bytes] = {}
        self._removed: list[str] = []

    def stage(self, relpath: str, data: bytes | str) -> None:
        raw = data.encode() if isinstance(data, str) else data
        self._staged.pop(relpath, None)  # re-staging moves the file to the end of the order
        self._staged[relpath] = raw
        if relpath in self._removed:
            self._removed.remove(relpath)

    def remove(self, relpath: str) -> None:
        """Delete this file in the same transaction (a generated file nothing produces any more)."""
        self._staged.pop(relpath, None)
        if relpath not in self._removed:
            self._removed.append(relpath)

    def changes(self) -> list[str]:
        """Paths whose bytes commit would change: staged files that differ, removed files that exist."""
        out = []
        for rel, data in self._staged.items():
            p = self.root / rel
            if not p.is_file() or p.read_bytes() != data:
                out.append(rel)
        return out + [rel for rel in self._removed if (self.root / rel).is_file()]

    def commit(self) -> list[str]:
        """Apply every change; return the paths written or removed. Unchanged files are not touched."""
        todo = self.changes()
        if not todo:
            return []
        recover(self.root)
        root_existed = self.root.exists()
        removals = [rel for rel in todo if rel not in self._staged]
        writes = [rel for rel in todo if rel in self._staged]
        try:
            self._apply(writes, removals)
        except BaseException:
            # Roll back now. If even that fails, the journal stays for the next compile's recover(),
            # and the original error is the one worth reporting.
            try:
                recover(self.root)
                if not root_existed:
                    _remove_empty_dirs(self.root.parent, [self.root.name])
            except Exception:
                pass
            raise
        # The commit point: once the journal is gone, the new files are the compiled state.
        txn = self.root / TXN_DIR
        (txn / JOURNAL).unlink()
        fsync_dir(txn)
        shutil.rmtree(txn, ignore_errors=True)
        _remove_empty_dirs(self.root, sorted({d for rel in removals for d in _ancestors(rel)}))
        fsync_dir(self.root)
        return todo

    def _apply(self, writes: list[str], removals: list[str]) -> None:
        txn = self.root / TXN_DIR
        created_dirs: list[str] = []
        for rel in writes:
            for d in _missing_dirs(self.root, (self.root / rel).parent):
                if d not in created_dirs:
                    created_dirs.append(d)
        replaced = {rel: f"{i}.bak" for i, rel in enumerate(writes + removals) if (self.root / rel).exists()}
        temps = {rel: _temp_path(self.root / rel) for rel in writes}
        # The journal goes first, so that whatever happens next, recover() knows what to undo.
        journal = {
            "created": [r for r in writes if r not in replaced],
            "created_dirs": created_dirs,
            "replaced": replaced,  # removed files too: their backup is what recover() puts back
            "temps": [t.relative_to(self.root).as_posix() for t in temps.values()],
        }
        txn.mkdir(parents=True, exist_ok=True)
        write_atomic(txn / JOURNAL, json.dumps(journal, indent=2, sort_keys=True) + "\n")
        self._write_temps(writes)
        for rel, backup in replaced.items():
            _link_or_copy(self.root / rel, txn / backup)
        fsync_dir(txn)
        for rel in writes:
            os.replace(temps[rel], self.root / rel)
        for rel in removals:
            (self.root / rel).unlink()
        # each folder once, after all its renames and before the commit point: one fsync per file
        # made a 10,000-model compile spend seconds in the kernel for the same durability
        for folder in dict.fromkeys((self.root / rel).parent for rel in writes + removals):
            fsync_dir(folder)


    def _write_temps(self, writes: list[str]) -> None:
        """Write and fsync every temporary file, many at once: the kernel and the disk batch
        concurrent fsyncs into few journal commits, where one after another each waits for its own
        (1,800 files: seconds serially, a tenth of a second in a pool, for the same durability)."""
        from specguard.progress import report

        def write(rel: str) -> None:
            _write_temp(self.root / rel, self._staged[rel])

        if len(writes) < _POOL_FROM:
            for i, rel in enumerate(writes):
                report("writing generated/", i, len(writes))
                write(rel)
            return
        for d in dict.fromkeys((self.root / rel).parent for rel in writes):
            d.mkdir(parents=True, exist_ok=True)  # once per folder, not racing in the pool
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=_POOL_WORKERS) as pool:
            # map() re-raises the first failure here, after every submitted write has ended
            for i, _ in enumerate(pool.map(write, writes)):
                report("writing generated/", i, len(writes))


def _ancestors(rel: str) -> list[str]:
    """``a/b/c.txt`` -> ``["a/b", "a"]``: the folders a removal may leave empty."""
    parts = rel.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(len(parts), 0, -1)]


def recover(root: Path | str) -> list[str]:
    """Roll back an interrupted transaction under ``root``; return the paths it restored or removed.

    A transaction of a compile that is still running (another process holds the compile lock) is
    not interrupted: it is left alone, and nothing is returned.
    """
    from specguard.compiler.store.lock import held_by_another

    root = Path(root)
    if held_by_another(root) is not None:
        return []
    txn = root / TXN_DIR
    journal_path = txn / JOURNAL
    touched: list[str] = []
    if journal_path.is_file():
        journal = json.loads(journal_path.read_text())
        for rel, backup in journal.get("replaced", {}).items():
            b, target = txn / backup, root / rel
            if not b.exists():
                continue
            if target.exists() and _same(b, target):
                b.unlink()  # the crash came before this file was replaced
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(b, target)
                touched.append(rel)
        for rel in journal.get("created", []):
            p = root / rel
            if p.exists():
                p.unlink()
                touched.append(rel)
        for rel in journal.get("temps", []):
            (root / rel).unlink(missing_ok=True)
        _remove_empty_dirs(root, journal.get("created_dirs", []))
        fsync_dir(root)
        journal_path.unlink()
    if txn.exists():  # backups left by a commit that died after its commit point
        shutil.rmtree(txn, ignore_errors=True)
    return touched


def _missing_dirs(root: Path, d: Path) -> list[str]:
    out = []
    while d != root and not d.exists():
        out.append(d.relative_to(root).as_posix())
        d = d.parent
    return list(reversed(out))


def _remove_empty_dirs(root: Path, rels: list[str]) -> None:
    # deepest first, and only if empty: never delete something a user put there
    for rel in sorted(rels, key=lambda r: r.count("/"), reverse=True):
        try:
            (root / rel).rmdir()
        except OSError:
            pass


def _same(a: Path, b: Path) -> bool:
    if os.path.samefile(a, b):
        return True
    return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()


def _link_or_copy(src: Path, dst: Path) -> None:
    dst.unlink(missing_ok=True)
    try:
        os.link(src, dst)  # cheap, and os.replace on src later leaves the link holding old bytes
    except OSError:
        shutil.copy2(src, dst)
