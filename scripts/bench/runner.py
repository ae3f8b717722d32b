"""Timing: contestants run round-robin, so that machine noise hits each of them alike.

A contestant is a command run as a fresh process (started, timed and reaped by a small spawner
process, ``spawn_server.py``, which reports its own peak RSS) or a function called in this process. Each round runs every contestant once, in the same
order; warm-up rounds are run and thrown away. Times are wall-clock milliseconds; a summary keeps
medians, and nothing here judges them.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.progress import Progress


def measured_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of measured processes: bytecode caching on, no colour, no import profiling."""
    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # Measure what an installed hook runs: code from cached bytecode. With PYTHONDONTWRITEBYTECODE
    # (set in some containers and CI images) every run would recompile every module from source,
    # which measures source size rather than the work a user waits for.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NO_COLOR"] = "1"
    env.update(extra or {})
    return env


@dataclass
class Run:
    """One process run: exit code, peak RSS in KiB, what it printed."""

    code: int
    rss_kb: int
    stdout: str
    stderr: str


class Spawner:
    """The client of ``spawn_server.py``: started once, early, while this process is still small."""

    def __init__(self) -> None:
        import sys

        server = Path(__file__).resolve().parent / "spawn_server.py"
        self.proc = subprocess.Popen([sys.executable, "-I", "-S", str(server)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True, bufsize=1)

    def run(self, argv: list[str], cwd: Path | None, env: dict[str, str], out: str, err: str) -> tuple[float, int, int]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        request = {"argv": argv, "cwd": str(cwd) if cwd else None, "env": env, "stdout": out, "stderr": err}
        self.proc.stdin.write(json.dumps(request) + "\n")
        reply = json.loads(self.proc.stdout.readline())
        return reply["ms"], reply["code"], reply["rss_kb"]

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait()


_spawner: Spawner | None = None


def start_spawner() -> Spawner:
    """Start the spawner (the earlier, the smaller its own footprint); later calls return it."""
    global _spawner
    if _spawner is None:
        _spawner = Spawner()
    return _spawner


def stop_spawner() -> None:
    global _spawner
    if _spawner is not None:
        _spawner.close()
        _spawner = None


def run_process(argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, Run]:
    """Run ``argv`` once through the spawner; return its wall time in ms and what it did.

    Output goes to files rather than pipes; the spawner reaps the child with ``wait4``, which gives
    the child's own peak RSS (``RUSAGE_CHILDREN`` would give the largest of all children so far).
    """
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        out, err = os.path.join(tmp, "out"), os.path.join(tmp, "err")
        ms, code, rss = start_spawner().run(argv, cwd, env if env is not None else measured_env(), out, err)
        return ms, Run(code, rss, Path(out).read_text("utf-8", "replace"), Path(err).read_text("utf-8", "replace"))


@dataclass
class Contestant:
    """One thing to time: ``argv`` (a fresh process) or ``call`` (a function in this process).

    ``before`` runs untimed before every run (reset a folder, edit a file). ``max_runs`` caps the
    timed runs of an expensive contestant (it then takes part in the first rounds only);
    ``warmup=False`` skips its warm-up runs. A process contestant whose stdout is a JSON object
    reports inner timings (``inner``), e.g. the part of a worker that excludes its imports.
    """

    name: str
    argv: list[str] | None = None
    call: Callable[[], Any] | None = None
    cwd: Path | None = None
    env: dict[str, str] | None = None
    before: Callable[[], None] | None = None
    max_runs: int | None = None
    warmup: bool = True
    inner_json: bool = False
    times_ms: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    codes: list[int] = field(default_factory=list)
    inner: list[dict] = field(default_factory=list)
    last_error: str = ""
    last_stdout: str = ""

    def run_once(self, timed: bool) -> None:
        if self.before is not None:
            self.before()
        if self.call is not None:
            gc.collect()
            start = time.perf_counter()
            self.call()
            elapsed = (time.perf_counter() - start) * 1000
            run = Run(0, 0, "", "")
        else:
            elapsed, run = run_process(self.argv or [], self.cwd, self.env)
        if not timed:
            return
        self.times_ms.append(elapsed)
        self.codes.append(run.code)
        if run.rss_kb:
            self.rss_kb.append(run.rss_kb)
        self.last_stdout = run.stdout
        if run.code not in (0, 1):
            self.last_error = run.stderr[-2000:]
        if self.inner_json and run.code == 0:
            self.inner.append(json.loads(run.stdout))

    def summary(self) -> dict:
        """Medians and ranges of the timed runs (and of inner timings and peak memory, if any)."""
        t = self.times_ms
        out: dict[str, Any] = {
            "name": self.name,
            "command": " ".join(self.argv) if self.argv else None,
            "runs": len(t),
            "median_ms": _r(statistics.median(t)) if t else None,
            "min_ms": _r(min(t)) if t else None,
            "max_ms": _r(max(t)) if t else None,
            "exit_codes": sorted(set(self.codes)),
        }
        if self.rss_kb:
            out["peak_rss_mb"] = _r(max(self.rss_kb) / 1024)
        if self.inner:
            keys = sorted({k for d in self.inner for k in d if k.endswith("_ms")})
            out["inner_median_ms"] = {k: _r(statistics.median(d[k] for d in self.inner if k in d)) for k in keys}
        if self.last_error:
            out["stderr"] = self.last_error
        return out


def _r(x: float) -> float:
    return round(x, 1)


def interleave(group: str, contestants: list[Contestant], runs: int, warmup: int, progress: Progress) -> list[dict]:
    """Run ``warmup`` untimed rounds, then ``runs`` timed rounds of every contestant in turn."""
    total = sum(warmup * c.warmup + min(runs, c.max_runs or runs) for c in contestants)
    done = 0
    for rnd in range(warmup + runs):
        timed = rnd >= warmup
        for c in contestants:
            if (not timed and not c.warmup) or (timed and c.max_runs is not None and rnd - warmup >= c.max_runs):
                continue
            progress.update(group, done, total, c.name)
            c.run_once(timed)
            done += 1
    progress.clear()
    return [c.summary() for c in contestants]
