"""One writer at a time: the exclusive lock a compile holds on ``generated/``.

Two compiles at once (an editor's on-save hook and a terminal, two scripts in two worktrees of a
checkout) would read the same compiled state and both write the next migrations; worse, the second
one's start-up :func:`~specguard.compiler.store.atomic.recover` would roll back the first one's
transaction while it is still being written. So a compile takes this lock before it reads anything
and keeps it until its transaction is committed or rolled back.

The lock is ``generated/.specguard-lock``, locked with ``flock`` (the kernel releases it when the
holder dies, however it dies) and holding the holder's pid, host and start time, so that the one who
waits can say who holds it. Released, the file is removed; a file still there with nobody holding
its lock was left by a compile that died, and taking it over is reported. A file that another
process replaced between our open and our lock is not trusted: the lock is taken again.
"""

from __future__ import annotations

import json
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from specguard.diagnostics import Diagnostic, Severity, Span, SpecguardError
from specguard.diagnostics.codes import diag

LOCK_FILE = ".specguard-lock"
DEFAULT_WAIT = 10.0  # seconds a compile waits for another one; SPECGUARD_LOCK_TIMEOUT overrides it
_POLL = 0.05
_held: set[str] = set()  # lock paths this process holds (flock does not see a process's own locks)


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists on this host (another user's counts as alive)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) a lock, as its file says."""

    pid: int = 0
    host: str = "?"
    started: str = "?"

    @classmethod
    def read(cls, path: Path) -> Holder | None:
        try:
            data = json.loads(path.read_text("utf-8") or "null")
            return cls(int(data["pid"]), str(data["host"]), str(data["started"])) if data else None
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host}, since {self.started}"


def _this_process() -> str:
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started": now}) + "\n"


def held_by_another(root: Path | str) -> Holder | None:
    """Who holds the lock on ``root``, when another process does; None when nobody (or we) do."""
    path = Path(root) / LOCK_FILE
    if str(path) in _held or not path.exists():
        return None
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
        return Holder.read(path) or Holder()
    finally:
        os.close(fd)


class CompileLock:
    """``with CompileLock(generated):`` holds the lock, or raises SG007 after waiting ``wait`` seconds.

    ``notes`` holds an informational SG007 when the lock was taken over from a compile that died.
    """

    def __init__(self, root: Path | str, wait: float | None = None):
        self.root = Path(root)
        self.path = self.root / LOCK_FILE
        self.wait = _wait_seconds() if wait is None else wait
        self.notes: list[Diagnostic] = []
        self._fd: int | None = None
        self._created_root = False

    def __enter__(self) -> CompileLock:
        self._created_root = _make_root(self.root)
        deadline = time.monotonic() + self.wait
        while not self._attempt():
            if time.monotonic() >= deadline:
                self._give_up()
            time.sleep(_POLL)
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def _attempt(self) -> bool:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as exc:
            raise SpecguardError(not_writable(self.root, exc)) from None
        if not _try_lock(fd):
            os.close(fd)
            return False
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(self.path))
        except FileNotFoundError:
            same = False
        if not same:  # released and removed between our open and our lock: that file is not the lock
            _unlock(fd)
            os.close(fd)
            return False
        self._fd = fd
        self._take_over(fd)
        _held.add(str(self.path))
        return True

    def _take_over(self, fd: int) -> None:
        previous = Holder.read(self.path)
        if previous is not None:
            self.notes.append(diag(
                "SG007", f"took over the lock on {self.root} left by a compile that died ({previous.describe()}); "
                "what it had half-written is rolled back", Span(str(self.path)), severity=Severity.INFO,
                target=LOCK_FILE))
        os.ftruncate(fd, 0)
        os.write(fd, _this_process().encode())  # for the message of who waits: no fsync needed

    def _give_up(self) -> None:
        holder = Holder.read(self.path) or Holder()
        raise SpecguardError(diag(
            "SG007", f"`{self.root}` is locked by another `specguard compile` ({holder.describe()})",
            Span(str(self.path)), target=LOCK_FILE,
            hint=f"wait for it to finish and run the compile again; if no compile is running there, delete {self.path}"))

    def release(self) -> None:
        """Remove the lock file, then release the lock: a waiter never takes a file being removed."""
        if self._fd is None:
            return
        _held.discard(str(self.path))
        try:
            self.path.unlink(missing_ok=True)
        finally:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None
        if self._created_root:
            try:
                self.root.rmdir()  # only if the compile wrote nothing there: never remove content
            except OSError:
                pass


def _make_root(root: Path) -> bool:
    """Create the output folder for the lock; True when it did not exist. A path that is a file, or
    a folder that cannot be written, is SG006."""
    if root.exists() and not root.is_dir():
        raise SpecguardError(diag("SG006", f"the output folder `{root}` is a file, not a folder", Span(str(root)),
                                  hint="pass --generated DIR with a folder (default: generated/)"))
    existed = root.exists()
    try:
        root.mkdir(parents=True, exist_ok=True)
        if not os.access(root, os.W_OK):
            raise PermissionError(13, "Permission denied", str(root))
    except OSError as exc:
        raise SpecguardError(not_writable(root, exc)) from None
    return not existed


def not_writable(path: Path, exc: OSError) -> Diagnostic:
    """SG006 for an output folder that cannot be updated, naming the file and the system's reason."""
    where = f" (`{exc.filename}`)" if exc.filename and str(exc.filename) != str(path) else ""
    return diag("SG006", f"cannot update `{path}`{where}: {exc.strerror or exc}; nothing was changed",
                Span(str(path)), hint="give the user running specguard write access to it, or pass --generated DIR")


def _wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get("SPECGUARD_LOCK_TIMEOUT", DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


try:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

except ImportError:  # pragma: no cover - Windows: a byte-range lock on the first byte
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
