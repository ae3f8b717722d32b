"""What every measurement shares: the options, the work folder, synthetic trees, and the shape of a
result (rows of timings, ratios against the issue's targets, or ``n/a`` with the reason)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.progress import Progress
from bench.runner import measured_env
from bench.synth import Sizes, write_tree

ROOT = Path(__file__).resolve().parents[2]
BENCH_EXTRA = "pip install -e '.[bench]'"


class NotAvailable(Exception):
    """A measurement (or a part of it) cannot run here; the message says why."""


@dataclass
class Context:
    """The run's options and its work folder; trees are built once and shared by the measurements."""

    python: str  # the interpreter whose specguard is measured (a runtime-only venv, for the floor)
    work: Path
    runs: int = 5
    warmup: int = 1
    models: int = 1000
    big_models: int = 10000
    big_runs: int = 3
    configs: int = 200
    policies: int = 100
    documents: int = 10000
    progress: Progress = field(default_factory=Progress)
    _trees: dict[tuple, Path] = field(default_factory=dict)

    def sizes(self, models: int | None = None) -> Sizes:
        return Sizes(self.models if models is None else models, self.configs, self.policies)

    def specguard(self, *args: str) -> list[str]:
        """argv of the measured specguard: the console script beside ``python``, else ``-m specguard``."""
        bindir = Path(self.python).parent
        script = bindir / "specguard"
        return [str(script), *args] if script.exists() else [self.python, "-m", "specguard", *args]

    def tree(self, sizes: Sizes, compiled: bool) -> Path:
        """A project folder holding a synthetic tree (compiled once, if asked); shared: copy to edit."""
        key = (sizes, compiled)
        if key not in self._trees:
            root = self.work / f"tree-{sizes.models}-{sizes.configs}-{sizes.policies}-{'c' if compiled else 's'}"
            self.progress.note("setup", f"writing a tree of {sizes.models} models")
            write_tree(root, sizes)
            if compiled:
                self.progress.note("setup", f"compiling the tree of {sizes.models} models")
                self.run_specguard(root, "compile", "--name", "init")
            self.progress.clear()
            self._trees[key] = root
        return self._trees[key]

    def copy_tree(self, sizes: Sizes, compiled: bool, name: str) -> Path:
        """A private copy of :meth:`tree`, to edit."""
        dest = self.work / name
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(self.tree(sizes, compiled), dest, ignore=shutil.ignore_patterns(".specguard-cache"))
        return dest

    def run_specguard(self, cwd: Path, *args: str, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess:
        """Run specguard untimed (setup); a failure stops the measurement with its output."""
        proc = subprocess.run(self.specguard(*args), cwd=cwd, capture_output=True, text=True, env=measured_env())
        if proc.returncode not in ok:
            raise NotAvailable(f"`specguard {' '.join(args)}` exited {proc.returncode}: "
                               f"{(proc.stderr or proc.stdout).strip()[-600:]}")
        return proc


def need(module: str, what: str) -> None:
    """Refuse a peer measurement whose package is missing, saying how to install it."""
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise NotAvailable(f"{what} is not installed in {sys.executable}: {BENCH_EXTRA}")


def ratio(name: str, numerator: float | None, denominator: float | None, op: str, limit: float,
          target: str, unit: str = "x") -> dict[str, Any]:
    """A ratio with its target (``op`` is ``<=`` or ``>=``); ``value`` is None when a side is missing.

    ``target`` is the number of the issue's target; ``unit`` is how the value reads (``x`` for a
    ratio, ``MB``, or empty for a count)."""
    value = None
    if numerator is not None and denominator:
        value = round(numerator / denominator, 2)
    met = None if value is None else (value <= limit if op == "<=" else value >= limit)
    return {"name": name, "value": value, "op": op, "limit": limit, "unit": unit, "target": target, "met": met}


def median_of(rows: list[dict], name: str) -> float | None:
    """The median time of the row called ``name``, if it ran cleanly (exit 0, or 1 for findings)."""
    for r in rows:
        if r["name"] == name and r.get("median_ms") is not None and set(r["exit_codes"]) <= {0, 1}:
            return r["median_ms"]
    return None


def result(mid: str, title: str, rows: list[dict] | None = None, ratios: list[dict] | None = None,
           notes: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    """One measurement's result, as printed and as written to JSON."""
    return {"id": mid, "title": title, "status": "ok", "rows": rows or [], "ratios": ratios or [],
            "notes": notes or [], **extra}


def not_available(mid: str, title: str, reason: str) -> dict[str, Any]:
    return {"id": mid, "title": title, "status": "n/a", "reason": reason, "rows": [], "ratios": [], "notes": []}
