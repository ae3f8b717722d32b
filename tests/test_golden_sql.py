"""Golden cases: each tests/cases/<case>/case.py plans to exactly expected.sql and expected_diagnostics.txt.

Refresh with ``pytest tests/test_golden_sql.py --update-golden`` (or ``SPECGUARD_UPDATE_GOLDEN=1``),
then review the diff of the expected files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "cases"))
import irkit  # noqa: E402

from specguard.compiler.diff import diff  # noqa: E402
from specguard.compiler.emit.sql import plan_migrations  # noqa: E402
from specguard.compiler.rules import check_changes  # noqa: E402

CASES = irkit.load_cases()


def _update(config) -> bool:
    try:
        if config.getoption("--update-golden"):
            return True
    except ValueError:  # --update-golden needs registering in the root tests/conftest.py (lead)
        pass
    return os.environ.get("SPECGUARD_UPDATE_GOLDEN") == "1"


def _check(path: Path, actual: str, update: bool) -> None:
    if update:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run pytest tests/test_golden_sql.py --update-golden"
    assert actual == path.read_text(encoding="utf-8"), f"{path} differs: review, then --update-golden"


def render_diagnostics(case) -> str:
    diags = check_changes(diff(case.old, case.new), case.old, case.new)
    return "".join(f"{d.code} {d.severity.value} {d.target}: {d.message}\n" for d in diags) or "(none)\n"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_sql(case, request):
    scripts = plan_migrations(case.old, case.new, case.migration_name)
    _check(case.path / "expected.sql", irkit.render_scripts(scripts), _update(request.config))
    _check(case.path / "expected_diagnostics.txt", render_diagnostics(case), _update(request.config))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_plan_is_deterministic_and_complete(case):
    a = plan_migrations(case.old, case.new, case.migration_name)
    b = plan_migrations(case.old, case.new, case.migration_name)
    assert a == b
    assert all(s.sql.endswith("\n") and not s.sql.endswith("\n\n") for s in a)
    # the new catalog compared with itself needs no migration
    assert plan_migrations(case.new, case.new, "noop") == []
    # every op of the diff lands in some script
    planned = {op for s in a for op in s.ops}
    assert {op for op in diff(case.old, case.new) if op.produces_sql} <= planned


def test_cases_cover_every_op_kind():
    from specguard.compiler.ir.ops import SCHEMA_OPS

    seen = {type(op) for c in CASES for op in diff(c.old, c.new)}
    assert {t.__name__ for t in SCHEMA_OPS} - {t.__name__ for t in seen} == set()
