"""The code keeps the shape the architecture asks for: no function over 60 lines, no module over 500.

A function's length is counted from its ``def`` (decorators left out) to its last line, as ``ast``
gives them: ``end_lineno - lineno + 1``. Nested functions and methods count on their own as well.
"""

from __future__ import annotations

import ast
from pathlib import Path

MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 500

# Files exempt from the limits (paths relative to src/specguard/). Keep it empty: a long function is
# split, not listed here.
ALLOWED_FOR_NOW: frozenset[str] = frozenset()

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "specguard"


def _modules() -> list[tuple[str, Path]]:
    found = [(p.relative_to(PACKAGE).as_posix(), p) for p in sorted(PACKAGE.rglob("*.py"))]
    return [(name, p) for name, p in found if name not in ALLOWED_FOR_NOW]


def _where(p: Path) -> str:
    return p.relative_to(PACKAGE.parent.parent).as_posix()


def test_package_is_found():
    assert len(_modules()) > 20, f"no modules under {PACKAGE}"


def test_no_function_over_60_lines():
    offenders = []
    for _, p in _modules():
        for node in ast.walk(ast.parse(p.read_text("utf-8"), str(p))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    offenders.append((_where(p), node.lineno, f"{node.name} ({n} lines)"))
    listed = [f"{path}:{line} {what}" for path, line, what in sorted(offenders)]
    assert not listed, f"functions over {MAX_FUNCTION_LINES} lines; split them:\n" + "\n".join(listed)


def test_no_module_over_500_lines():
    offenders = []
    for _, p in _modules():
        n = len(p.read_text("utf-8").splitlines())
        if n > MAX_MODULE_LINES:
            offenders.append(f"{_where(p)}:1 {p.stem} ({n} lines)")
    assert not offenders, f"modules over {MAX_MODULE_LINES} lines; a module that long is two:\n" + "\n".join(offenders)
