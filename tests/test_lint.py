"""specguard's own code passes ruff with the project's configuration (pyproject.toml [tool.ruff])."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _ruff() -> list[str]:
    beside = Path(sys.executable).parent / "ruff"
    return [str(beside)] if beside.exists() else [shutil.which("ruff") or "ruff"]


def test_src_passes_ruff():
    proc = subprocess.run([*_ruff(), "check", "--output-format", "concise", "src"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
