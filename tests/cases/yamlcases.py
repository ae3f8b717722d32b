"""Golden cases as spec folders, run through the real compiler.

A case is a folder ``tests/cases/<case>/`` holding ``before/`` and ``after/`` (YAML spec files, as a
spec root holds them; ``before/`` empty or absent means the empty catalog), an optional
``case.toml`` (``migration_name``, default the folder's name, and ``description``) and the golden
files ``expected.sql`` and ``expected_diagnostics.txt``.

Every call into the compiler that the golden tests make (load, diff, rules, plan) lives in this
module and nowhere else, so that the suite moves to the pipeline's orchestrator in one place.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from specguard.compiler.emit.sql import MigrationScript, plan_ops
from specguard.compiler.ir.catalog import Catalog
from specguard.compiler.ir.ops import Op
from specguard.compiler.load.discover import find_spec_files
from specguard.compiler.pipeline import judge, load_texts
from specguard.diagnostics import Diagnostic, Severity

CASES_DIR = Path(__file__).resolve().parent
SIDES = ("before", "after")


class SpecError(AssertionError):
    """A case's specs do not load: the case is broken, not the compiler's output."""


@dataclass(frozen=True)
class Outcome:
    """What the compiler makes of one change: its operations, the rules' findings, the scripts."""

    ops: tuple[Op, ...]
    diagnostics: tuple[Diagnostic, ...]
    scripts: tuple[MigrationScript, ...]


@dataclass(frozen=True)
class Loaded:
    """One side of a case: its catalog, source texts and the loader's (non-error) diagnostics."""

    catalog: Catalog
    sources: dict[str, str]
    diagnostics: tuple[Diagnostic, ...]


def load_side(texts: dict[str, str | bytes]) -> Loaded:
    """Spec texts (display path -> content) -> catalog; raises SpecError when any error is found."""
    result = load_texts(texts)
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors:
        raise SpecError("the specs do not load:\n" + render_diagnostics(errors))
    return Loaded(result.catalog, result.sources, tuple(result.diagnostics))


def compile_change(old: Catalog, new: Catalog, name: str) -> Outcome:
    """diff and rules (the pipeline's ``judge``) and the plan, as ``specguard compile`` runs them."""
    judged = judge(old, new)
    return Outcome(tuple(judged.ops), tuple(judged.findings), tuple(plan_ops(judged.ops, name, new)))


def read_side(case_dir: Path, side: str) -> dict[str, bytes]:
    """Every spec file of one side, keyed by its path relative to the case folder (``after/x.yaml``)."""
    root = case_dir / side
    if not root.is_dir():
        return {}
    return {f.relative_to(case_dir).as_posix(): f.read_bytes() for f in find_spec_files(root)}


@dataclass
class Case:
    """One golden case. The specs are loaded on first use, so a broken case fails its own tests only."""

    name: str
    path: Path
    migration_name: str
    description: str = ""
    _sides: dict[str, Loaded] = field(default_factory=dict, repr=False)

    def side(self, side: str) -> Loaded:
        if side not in self._sides:
            self._sides[side] = load_side(read_side(self.path, side))
        return self._sides[side]

    @property
    def old(self) -> Catalog:
        return self.side("before").catalog

    @property
    def new(self) -> Catalog:
        return self.side("after").catalog

    @property
    def sources(self) -> dict[str, str]:
        """Display path -> text, both sides."""
        return {**self.side("before").sources, **self.side("after").sources}

    @functools.cached_property
    def outcome(self) -> Outcome:
        return compile_change(self.old, self.new, self.migration_name)


@functools.cache
def load_cases() -> tuple[Case, ...]:
    """Every folder of tests/cases/ with an ``after/`` folder, by name."""
    out = []
    for d in sorted(p for p in CASES_DIR.iterdir() if (p / "after").is_dir()):
        meta = tomllib.loads((d / "case.toml").read_text(encoding="utf-8")) if (d / "case.toml").is_file() else {}
        out.append(Case(d.name, d, meta.get("migration_name", d.name), meta.get("description", "")))
    return tuple(out)


def render_scripts(scripts) -> str:
    """All scripts of a plan in one file, as the golden ``expected.sql`` holds them."""
    parts = []
    for s in scripts:
        mode = "transactional" if s.transactional else "non-transactional"
        parts.append(f"-- migration: {s.suffix} ({mode})\n{s.sql}")
    return "\n".join(parts)


def where(d: Diagnostic) -> str:
    """``file:line:column`` of a finding; ``-`` for each part it lacks, so a missing place shows."""
    if d.span is None:
        return "-:-:-"
    if not d.span.line:
        return f"{d.span.file}:-:-"
    return f"{d.span.file}:{d.span.line}:{d.span.column}"


def render_diagnostics(diags) -> str:
    """One finding a line, as ``expected_diagnostics.txt`` holds them; ``(none)`` when there are none."""
    lines = [f"{where(d)}: {d.code} {d.severity.value} {d.target}: {d.message}\n" for d in diags]
    return "".join(lines) or "(none)\n"
