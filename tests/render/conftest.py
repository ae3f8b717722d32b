"""Golden files of the text renderer: refresh with ``pytest tests/render --update-golden``.

The flag is registered once, in tests/conftest.py, and refreshes every golden file of the suite.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).parent / "golden"


@pytest.fixture
def golden(request):
    """``golden(name, actual)``: compare with ``golden/<name>``, or rewrite it when refreshing."""
    try:
        update = bool(request.config.getoption("--update-golden"))
    except ValueError:
        update = False
    update = update or os.environ.get("SPECGUARD_UPDATE_GOLDEN") == "1"

    def check(name: str, actual: str) -> None:
        path = GOLDEN_DIR / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
            return
        if not path.exists():
            pytest.fail(f"missing golden file {path}: run pytest tests/render --update-golden")
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"output differs from {path.name} (refresh with --update-golden)"

    return check
