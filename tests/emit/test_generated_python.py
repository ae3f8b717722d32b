"""The Python package compiled from the example specs: lint-clean, strictly typed, importable.

Every emitter of Python adds to this package, so these checks cover all of it: `ruff check` and
`mypy --strict` over generated/python exactly as committed, and an import in a fresh interpreter that
has nothing on its path but the package (and pydantic).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated" / "python"


def _tool(name: str) -> str:
    return str(Path(sys.executable).parent / name)


def test_generated_python_passes_ruff():
    proc = subprocess.run([_tool("ruff"), "check", "--no-cache", "--isolated", "--select", "E,F,W,I,B,UP",
                           "--line-length", "120", str(GENERATED)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_generated_python_passes_mypy_strict():
    proc = subprocess.run([_tool("mypy"), "--strict", "--no-incremental", "--cache-dir", os.devnull,
                           "-p", "specguard_generated"], cwd=GENERATED, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "MYPYPATH": str(GENERATED)})
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_generated_package_imports_with_nothing_but_its_own_folder(tmp_path):
    code = "import specguard_generated, sys; print(sorted(m.split('.')[0] for m in sys.modules if m.startswith('specguard')))"
    proc = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(GENERATED)!r}); {code}"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "'specguard'" not in proc.stdout  # the generated code never needs specguard itself
