"""Golden cases: each tests/cases/<case>/ (before/ and after/ spec folders) plans to exactly
expected.sql and expected_diagnostics.txt, through the real loader, diff, rules and planner.

Refresh with ``pytest tests/test_golden_sql.py --update-golden`` (or ``SPECGUARD_UPDATE_GOLDEN=1``),
then review the diff of the expected files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "cases"))
import yamlcases  # noqa: E402

from specguard.compiler.ir.ops import ALL_OPS, RECORD_OPS  # noqa: E402

CASES = yamlcases.load_cases()

# Operation kinds that produce no SQL, so that no golden file can show them; the coverage test
# skips them. Name them here, and only here, with the reason.
NO_SQL_OPS: dict[str, str] = {t.__name__: "changes only the compiled state, never the schema" for t in RECORD_OPS}


def _update(config) -> bool:
    return bool(config.getoption("--update-golden")) or os.environ.get("SPECGUARD_UPDATE_GOLDEN") == "1"


def _check(path: Path, actual: str, update: bool) -> None:
    if update:
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} is missing: run pytest tests/test_golden_sql.py --update-golden"
    assert actual == path.read_text(encoding="utf-8"), f"{path} differs: review, then --update-golden"


def render_diagnostics(case) -> str:
    """The loader's warnings of both sides (errors fail the case earlier), then the rules' findings."""
    loaded = case.side("before").diagnostics + case.side("after").diagnostics
    return yamlcases.render_diagnostics(loaded + case.outcome.diagnostics)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_sql(case, request):
    update = _update(request.config)
    _check(case.path / "expected.sql", yamlcases.render_scripts(case.outcome.scripts), update)
    _check(case.path / "expected_diagnostics.txt", render_diagnostics(case), update)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_findings_point_into_the_case_specs(case):
    lines = {path: text.count("\n") + 1 for path, text in case.sources.items()}
    for d in case.outcome.diagnostics:
        assert d.span is not None and d.span.file in lines, d
        assert 1 <= d.span.line <= lines[d.span.file] and d.span.column >= 1, d


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_plan_is_deterministic_and_complete(case):
    a = yamlcases.compile_change(case.old, case.new, case.migration_name)
    b = yamlcases.compile_change(case.old, case.new, case.migration_name)
    assert a == b
    assert all(s.sql.endswith("\n") and not s.sql.endswith("\n\n") for s in a.scripts)
    # the new catalog compared with itself needs no migration
    noop = yamlcases.compile_change(case.new, case.new, "noop")
    assert noop.ops == () and noop.scripts == ()
    # every op of the diff lands in some script
    planned = {op for s in a.scripts for op in s.ops}
    assert {op for op in a.ops if op.produces_sql} <= planned


def test_cases_cover_every_op_kind():
    kinds = {t.__name__ for t in ALL_OPS}
    assert set(NO_SQL_OPS) <= kinds, "NO_SQL_OPS names an operation that no longer exists"
    seen = {type(op).__name__ for c in CASES for op in c.outcome.ops}
    assert kinds - set(NO_SQL_OPS) - seen == set()


def test_case_folders_are_complete():
    folders = sorted(p.name for p in yamlcases.CASES_DIR.iterdir() if p.is_dir() and p.name != "__pycache__")
    assert folders == [c.name for c in CASES], "a folder under tests/cases/ has no after/"
    for c in CASES:
        assert yamlcases.read_side(c.path, "after"), f"{c.name}/after/ holds no spec file"
        for name in ("expected.sql", "expected_diagnostics.txt"):
            assert (c.path / name).is_file(), f"{c.name}/{name} is missing: run with --update-golden"
