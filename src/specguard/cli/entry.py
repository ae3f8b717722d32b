"""``specguard check`` without Typer: the pre-commit path, kept free of every import it can avoid.

The console script enters through :func:`entry`. A plain ``check`` invocation (the options below
and nothing else) runs here directly, because importing Typer alone costs more than a warm check.
Anything else (``--help``, other commands, a malformed option) goes to the Typer app in
``cli/app.py``, which calls the same :func:`specguard.cli.check.run_check`, so both paths behave
identically.
"""

from __future__ import annotations

import sys
from pathlib import Path

from specguard.cli import FORMATS


def _parse_fast(argv: list[str]) -> dict | None:
    """The options of a plain ``check`` call, or None to let Typer handle (and explain) the rest."""
    if not argv or argv[0] != "check":
        return None
    opts: dict = {"base": None, "specs": None, "generated": None, "fmt": "text", "use_cache": True}
    names = {"--base": "base", "--specs": "specs", "--generated": "generated", "--format": "fmt", "-f": "fmt"}
    args = argv[1:]
    i = 0
    while i < len(args):
        a = args[i]
        if a == "--no-cache":
            opts["use_cache"] = False
            i += 1
            continue
        name, eq, value = a.partition("=")
        if name not in names or (not eq and i + 1 >= len(args)):
            return None
        if not eq:
            value = args[i + 1]
            i += 1
        i += 1
        key = names[name]
        if key == "fmt":
            value = value.lower()
            if value not in FORMATS:
                return None
        opts[key] = Path(value) if key in ("specs", "generated") else value
    return opts


def entry(argv: list[str] | None = None) -> int:
    """The console script: the fast path for ``check``, else the Typer app."""
    argv = list(sys.argv[1:] if argv is None else argv)
    opts = _parse_fast(argv)
    if opts is None:
        from specguard.cli.app import main

        return main(argv)
    from specguard.cli.check import run_check
    from specguard.cli.errors import guarded

    return guarded(lambda: run_check(**opts), opts["fmt"])


def tune_gc() -> None:
    """Collect cycles a hundred times less often than Python's default: a run builds hundreds of
    thousands of objects that all live until it ends (parsed documents, catalogs), and the default
    threshold (700 allocations) made the collector walk them again and again, a third of a cold
    check on a 1,000-model tree. The process is short-lived and its garbage is freed by reference
    counting all the same; only cycles wait a little longer."""
    import gc

    gc.set_threshold(100_000, 20, 20)


def main() -> None:  # pragma: no cover - console script
    tune_gc()
    sys.exit(entry())
