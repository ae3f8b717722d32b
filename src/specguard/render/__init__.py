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
    anchor: str | None = None,
) -> str:
    """Render diagnostics (already sorted by the caller) in one of :data:`FORMATS`.

    Every format gets its input through :func:`specguard.render.safety.prepare`: credentials masked,
    control characters escaped, excerpts bounded. ``sources`` maps a diagnostic's file to its text,
    for the text format's source excerpts; files not in it are read lazily from disk. ``color``
    applies to the text format only; ``anchor`` is the existing file that SARIF places results
    without a file on. The result ends with a newline unless it is empty (the github format with
    nothing to report).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    from specguard.render.safety import prepare

    safe, excerpts = prepare(diagnostics, sources)
    if fmt == "text":
        from specguard.render.text import render_text

        return render_text(safe, excerpts=excerpts, color=color)
    if fmt == "json":
        from specguard.render.json import render_json

        return render_json(safe)
    if fmt == "github":
        from specguard.render.github import render_github

        return render_github(safe)
    from specguard.render.sarif import render_sarif

    return render_sarif(safe, tool_version=tool_version, anchor=anchor)


__all__ = ["FORMATS", "render", "summarize"]
