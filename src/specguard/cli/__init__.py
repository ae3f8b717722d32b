"""The command line. What every command shares lives here: where the specs and ``generated/`` are
(flags, else ``[tool.specguard]`` in pyproject.toml, else defaults) and how diagnostics are printed.

``entry`` is the console script (a plain ``check`` runs without Typer); ``app`` is the Typer app for
everything else; ``check`` is shared by both. Kept in this package's ``__init__`` because the fast path
imports the package anyway: one module fewer on every pre-commit run.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

from specguard import __version__
from specguard.diagnostics import Diagnostic, SpecguardError, sorted_diagnostics

FORMATS = ("text", "json", "github", "sarif")


class Settings(NamedTuple):  # not a dataclass: this is defined on every check's start-up
    root: Path
    specs: Path
    generated: Path


def settings_for(specs: Path | None, generated: Path | None = None, memo: bool = False) -> Settings:
    """Paths from flags, else ``[tool.specguard]`` in ./pyproject.toml, else specs/ and generated/.

    With ``memo`` (a cached ``check``), what a pyproject.toml gave is remembered under the cache
    folder, so that a check of an unchanged project does not import and run a TOML parser."""
    root = Path.cwd()
    folders = ("specs", "generated")
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        folders = _configured_folders(root, pyproject, memo)
    return Settings(root, specs or Path(folders[0]), generated or Path(folders[1]))


def _configured_folders(root: Path, pyproject: Path, memo: bool) -> tuple[str, str]:
    try:
        text = pyproject.read_text("utf-8")
    except (UnicodeDecodeError, OSError) as exc:
        raise _unreadable(pyproject, exc) from None
    if memo:
        from specguard.cli import resultcache

        remembered = resultcache.remembered_folders(root, text)
        if remembered is not None:
            return remembered
    import tomllib

    try:
        conf = tomllib.loads(text).get("tool", {}).get("specguard", {}) or {}
    except tomllib.TOMLDecodeError as exc:
        raise _unreadable(pyproject, exc) from None
    folders = (str(conf.get("specs", "specs")), str(conf.get("generated", "generated")))
    if memo:
        resultcache.remember_folders(root, text, folders)
    return folders


def _unreadable(pyproject: Path, exc: Exception) -> SpecguardError:
    from specguard.diagnostics.codes import diag

    return SpecguardError(diag("SG003", f"cannot read {pyproject}: {exc}"))


def anchor(settings: Settings | None = None) -> str:
    """An existing file for SARIF results that have none: the compiled state, else pyproject.toml,
    else the spec root (code scanning refuses a result without a location)."""
    candidates = [settings.generated / "state.json"] if settings else []
    candidates += [Path("pyproject.toml")] + ([settings.specs] if settings else [])
    return next((str(p) for p in candidates if p.exists()), str(candidates[0]))


def emit(diags: list[Diagnostic], fmt: str, sources: dict[str, str] | None = None, extra: str | None = None,
         settings: Settings | None = None) -> None:
    """Render ``diags`` (sorted here) in ``fmt``; ``extra`` is a closing line for the text format."""
    from specguard.render import render

    color = fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    out = render(sorted_diagnostics(diags), fmt, sources=sources or {}, color=color, tool_version=__version__,
                 anchor=anchor(settings) if fmt == "sarif" else None)
    if out:
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
    if extra and fmt == "text":
        sys.stdout.write(extra.rstrip("\n") + "\n")
