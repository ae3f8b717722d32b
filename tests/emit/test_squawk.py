"""squawk finds nothing in the golden migrations beyond emit.squawk_policy's allowlist."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cases"))
import yamlcases  # noqa: E402

from specguard.compiler.emit.sql.squawk_policy import SQUAWK_ALLOWLIST, allowed_rules, squawk_args  # noqa: E402

# squawk-cli is a test dependency; its binary sits beside this interpreter even when the venv's bin/
# is not on PATH (as when the suite runs as .venv/bin/python -m pytest)
SQUAWK = shutil.which("squawk") or shutil.which("squawk", path=str(Path(sys.executable).parent))


def test_squawk_is_installed_in_ci():
    if os.environ.get("CI") and SQUAWK is None:
        pytest.fail("squawk-cli is a test dependency: CI must not skip the squawk tests")


CASES = yamlcases.load_cases()


def run_squawk(path: Path, transactional: bool) -> list[dict]:
    proc = subprocess.run([SQUAWK, *squawk_args(transactional), str(path)], capture_output=True, text=True)
    out = proc.stdout.strip()
    assert proc.returncode in (0, 1) and (out or proc.returncode == 0), proc.stderr
    return json.loads(out) if out else []


@pytest.mark.skipif(SQUAWK is None, reason="the squawk binary is not installed")
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_migrations_pass_squawk(case, tmp_path):
    unexpected = []
    for i, script in enumerate(case.outcome.scripts):
        path = tmp_path / f"{i:02d}_{script.suffix}" / "migration.sql"
        path.parent.mkdir()
        path.write_text(script.sql, encoding="utf-8")
        allowed = allowed_rules(script.transactional)
        for finding in run_squawk(path, script.transactional):
            if finding["rule_name"] not in allowed:
                unexpected.append(f"{script.suffix}:{finding['line']}: {finding['rule_name']}: {finding['message']}")
    assert unexpected == []


def test_allowlist_is_documented():
    rules = [a.rule for a in SQUAWK_ALLOWLIST]
    assert len(rules) == len(set(rules))
    assert all(a.reason and a.scripts in ("transactional", "non-transactional", "any") for a in SQUAWK_ALLOWLIST)


@pytest.mark.skipif(SQUAWK is None, reason="the squawk binary is not installed")
def test_committed_example_migrations_pass_squawk():
    """The migrations in generated/ (what teams deploy) pass squawk like the golden cases do."""
    root = Path(__file__).resolve().parents[2] / "generated" / "migrations"
    folders = sorted(p for p in root.iterdir() if p.is_dir())
    assert folders
    unexpected = []
    for folder in folders:
        path = folder / "migration.sql"
        transactional = "CONCURRENTLY" not in path.read_text(encoding="utf-8")
        allowed = allowed_rules(transactional)
        for finding in run_squawk(path, transactional):
            if finding["rule_name"] not in allowed:
                unexpected.append(f"{folder.name}:{finding['line']}: {finding['rule_name']}: {finding['message']}")
    assert unexpected == []
