"""The package's modules import each other without a loop, counting imports inside functions.

A loop hidden in a function-level import still ties two modules together: neither can be understood,
tested or moved without the other, and which one loads first decides whether an import fails.
``import a.b`` is an edge to ``a.b``; ``from a import b`` is an edge to ``a.b`` when that is a module,
else to ``a``. Importing a submodule also runs its package's ``__init__``, but that is not counted:
a package may gather its own submodules.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _modules() -> dict[str, Path]:
    out = {}
    for p in (SRC / "specguard").rglob("*.py"):
        parts = p.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = p
    return out


def _package(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _edges(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = _package(name, path).split(".")
                base = ".".join(pkg[: len(pkg) - node.level + 1] + ([base] if base else []))
            for a in node.names:
                sub = f"{base}.{a.name}"
                found.add(sub if sub in modules else base)
    return {m for m in found if m in modules and m != name}


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _edges(name, path, modules) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_loops():
    assert _cycles(import_graph()) == []


def test_the_graph_sees_function_level_imports():
    graph = import_graph()
    # cli.entry imports the Typer app only inside a function: that edge must still be seen
    assert "specguard.cli.app" in graph["specguard.cli.entry"]


def test_lower_layers_never_import_higher_ones():
    """diagnostics is the bottom layer; the compiler never imports db, render or cli."""
    layer = {"diagnostics": 0, "compiler": 1, "db": 2, "render": 2, "cli": 3}
    graph = import_graph()
    wrong = []
    for mod, deps in graph.items():
        top = mod.split(".")[1] if "." in mod else ""
        for dep in deps:
            dtop = dep.split(".")[1] if "." in dep else ""
            if top in layer and dtop in layer and layer[dtop] > layer[top]:
                wrong.append(f"{mod} -> {dep}")
    assert wrong == []
