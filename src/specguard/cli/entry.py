"""``specguard check`` without Typer: the pre-commit path, kept free of every import it can avoid.

The console script enters through :func:`entry`. A plain ``check`` invocation (the options below
and nothing else) runs here directly, because importing Typer alone costs more than a warm check.
Anything else (``--help``, other commands, a malformed option) goes to the Typer app in cli.py,
which calls the same :func:`run_check`, so both paths behave identically.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from specguard import __version__
from specguard.diagnostics import Diagnostic, SpecguardError, has_errors, sorted_diagnostics

FORMATS = ("text", "json", "github", "sarif")


@dataclass(frozen=True)
class Settings:
    root: Path
    specs: Path
    generated: Path


def settings_for(specs: Path | None, generated: Path | None = None) -> Settings:
    """Paths from flags, else ``[tool.specguard]`` in ./pyproject.toml, else specs/ and generated/."""
    root = Path.cwd()
    conf: dict = {}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        import tomllib

        try:
            conf = tomllib.loads(pyproject.read_text("utf-8")).get("tool", {}).get("specguard", {}) or {}
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
            from specguard.diagnostics.codes import diag

            raise SpecguardError(diag("SG003", f"cannot read {pyproject}: {exc}")) from None
    spec_dir = specs or Path(str(conf.get("specs", "specs")))
    gen_dir = generated or Path(str(conf.get("generated", "generated")))
    return Settings(root, spec_dir, gen_dir)


def load(s: Settings):
    """Load the specs; a missing or empty spec root is an environment error (exit 2)."""
    from specguard.compiler.pipeline import load_specs

    result = load_specs(s.specs)
    for d in result.diagnostics:
        if d.code == "SG001":
            raise SpecguardError(d)
    return result


def emit(diags: list[Diagnostic], fmt: str, sources: dict[str, str] | None = None, extra: str | None = None) -> None:
    from specguard.render import render

    color = fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    out = render(sorted_diagnostics(diags), fmt, sources=sources or {}, color=color, tool_version=__version__)
    if out:
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
    if extra and fmt == "text":
        sys.stdout.write(extra.rstrip("\n") + "\n")


def run_check(base: str | None, specs: Path | None, generated: Path | None, fmt: str, use_cache: bool = True) -> int:
    """Validate, check generated/, classify changes; print in ``fmt``; return the exit code."""
    s = settings_for(specs, generated)
    use_cache = use_cache and not base and not os.environ.get("SPECGUARD_NO_CACHE")
    key = None
    if use_cache:
        from specguard.cli import resultcache as checkcache

        key = checkcache.check_key(__version__, {"cmd": "check"}, s.specs, s.generated)
        cached = checkcache.load(s.root, key) if key else None
        if cached is not None:
            emit(cached, fmt)
            return 1 if has_errors(cached) else 0
    result = load(s)
    diags = list(result.diagnostics)
    if not has_errors(diags):
        diags += compiled_findings(s, result.catalog)
        if base:
            from specguard.compiler.load.git import changes_since

            diags += changes_since(base, s.specs, result.catalog)
    diags = sorted_diagnostics(diags)
    if key:
        from specguard.cli import resultcache as checkcache

        checkcache.store(s.root, key, diags)
    emit(diags, fmt, result.sources)
    return 1 if has_errors(diags) else 0


def compiled_findings(s: Settings, catalog) -> list[Diagnostic]:
    """generated/ against the specs: stale state, edited history, released configs; pending changes classified."""
    if not s.generated.exists():
        from specguard.diagnostics.codes import diag

        return [diag("SG800", f"`{s.generated}` does not exist: the specs were never compiled", None,
                     hint="run `specguard compile` and commit generated/")]
    from specguard.compiler.store.integrity import STATE_FILE, inspect_generated

    found = inspect_generated(s.generated, catalog)
    if not found.ops:
        return found.diagnostics
    # what the next compile would refuse, from the same state and diff (read and computed once)
    from dataclasses import replace

    from specguard.compiler.rules import check_changes
    from specguard.diagnostics import Span

    state_file = Span(str(s.generated / STATE_FILE))
    # a finding about an object the specs no longer hold (a dropped model) is shown on the compiled
    # state that still holds it: annotations and SARIF results need a file
    return found.diagnostics + [d if d.span else replace(d, span=state_file)
                                for d in check_changes(found.ops, found.snapshot, catalog)]


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
    from specguard.cli.errors import guarded

    return guarded(lambda: run_check(**opts))


def main() -> None:  # pragma: no cover - console script
    sys.exit(entry())
