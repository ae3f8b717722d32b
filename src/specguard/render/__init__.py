"""Renderers: diagnostics as text for people, JSON for scripts, GitHub annotations, SARIF 2.1.0.

:func:`render` is on the ``check`` fast path: it imports only the renderer it is asked for, and no
renderer imports anything heavier than the standard library's ``json`` and ``hashlib``.
"""

from __future__ import annotations

from collections.abc import Sequence

from specguard.diagnostics import Diagnostic, summarize

FORMATS: tuple[str, ...] = ("text", "json", "github", "sarif")


def render(
    diagnostics: Sequence[Diagnostic],
    fmt: str,
    *,
    sources: dict[str, str] | None = None,
    color: bool = False,
    tool_version: str,
) -> str:
    """Render diagnostics (already sorted by the caller) in one of :data:`FORMATS`.

    ``sources`` maps a diagnostic's file to its text, for the text format's source excerpts; files
    not in it are read lazily from disk. ``color`` applies to the text format only. The result ends
    with a newline unless it is empty (the github format with nothing to report).
    """
    diagnostics = list(diagnostics)
    if fmt == "text":
        from specguard.render.text import render_text

        return render_text(diagnostics, sources=sources, color=color)
    if fmt == "json":
        from specguard.render.json import render_json

        return render_json(diagnostics)
    if fmt == "github":
        from specguard.render.github import render_github

        return render_github(diagnostics)
    if fmt == "sarif":
        from specguard.render.sarif import render_sarif

        return render_sarif(diagnostics, tool_version=tool_version)
    raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "render", "summarize"]
