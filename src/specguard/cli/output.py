"""Printing diagnostics to stdout in the chosen format; color only for a text terminal."""

from __future__ import annotations

import os
import sys

from specguard import __version__
from specguard.diagnostics import Diagnostic, sorted_diagnostics

FORMATS = ("text", "json", "github", "sarif")


def emit(diags: list[Diagnostic], fmt: str, sources: dict[str, str] | None = None, extra: str | None = None) -> None:
    """Render ``diags`` (sorted here) in ``fmt``; ``extra`` is a closing line for the text format."""
    from specguard.render import render

    color = fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    out = render(sorted_diagnostics(diags), fmt, sources=sources or {}, color=color, tool_version=__version__)
    if out:
        sys.stdout.write(out if out.endswith("\n") else out + "\n")
    if extra and fmt == "text":
        sys.stdout.write(extra.rstrip("\n") + "\n")
