"""Golden files of the text renderer: refresh with ``pytest tests/render --update-render-golden``.

The option has its own name so that it cannot clash with the golden flag of other test folders.
pytest registers options only from the conftest files it loads at start-up, so when running the
whole suite from the repository root, use ``SPECGUARD_UPDATE_GOLDEN=1 pytest`` instead.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN_DIR = Path(__file__).parent / "golden"


def pytest_addoption(parser):
    try:
        parser.addoption(
            "--update-render-golden",
            action="store_true",
            default=False,
            help="rewrite tests/render/golden/*.txt from the current output",
        )
    except ValueError:  # registered already
        pass


@pytest.fixture
def golden(request):
    """``golden(name, actual)``: compare with ``golden/<name>``, or rewrite it when refreshing."""
    try:
        update = bool(request.config.getoption("--update-render-golden"))
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
            pytest.fail(f"missing golden file {path}: run pytest tests/render --update-render-golden")
        expected = path.read_text(encoding="utf-8")
        assert actual == expected, f"output differs from {path.name} (refresh with --update-render-golden)"

    return check
