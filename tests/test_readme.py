"""The README says what the code does: its rule table is the registry's, row for row."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("rules_table", ROOT / "scripts" / "rules_table.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_rule_table_is_the_registry():
    readme = (ROOT / "README.md").read_text("utf-8")
    script = _script()
    assert script.START in readme and script.END in readme
    assert script.replace_in(readme) == readme, "README rule table is stale: python scripts/rules_table.py --write"
