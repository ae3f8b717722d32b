"""Compiler-style text output, as rustc and ruff print it.

    specs/models/companion.yaml:12:5: error[SG106] unknown key `nulable` (syntax)
       |
    12 |     nulable: true
       |     ^^^^^^^
       = hint: did you mean `nullable`?

The source line comes from :class:`specguard.render.safety.Excerpts` (the given texts, or the file
itself read once, only when a diagnostic points into it): already cut to a window around the caret
and with credentials masked. A missing file, a line out of range, tabs and bytes that are not UTF-8
never stop the report: the excerpt is simply left out, or shown with replacement characters.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from specguard.diagnostics import Diagnostic, Severity, summarize
from specguard.render.safety import Excerpt, Excerpts, prepare

TAB_WIDTH = 4

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_BLUE = "\x1b[1;34m"
_SEVERITY_COLOR = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.INFO: "\x1b[1;36m",
}
_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.$[]")


class _Style:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.color and text else text


def _expand(line: str) -> str:
    """Tabs to spaces (to the next multiple of TAB_WIDTH), other control characters to U+FFFD."""
    out: list[str] = []
    width = 0
    for ch in line:
        if ch == "\t":
            pad = TAB_WIDTH - width % TAB_WIDTH
            out.append(" " * pad)
            width += pad
        else:
            out.append(ch if ch.isprintable() else "\ufffd")
            width += 1
    return "".join(out)


def _width(text: str) -> int:
    """Terminal columns: wide (CJK) characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text
    )


def _marker_width(line: str, start: int) -> int:
    """How many characters to underline from ``start``: a word, a quoted string, or one character."""
    if start >= len(line):
        return 1
    first = line[start]
    if first in "\"'":
        end = line.find(first, start + 1)
        return end - start + 1 if end > start else 1
    end = start
    while end < len(line) and line[end] in _WORD:
        end += 1
    return max(end - start, 1)


def _excerpt(ex: Excerpt) -> tuple[str, int, int]:
    """The line as shown, and where (offset, width) the marker goes, tabs expanded."""
    line = ex.text
    start = min(max(ex.column, 1) - 1, len(line))
    left = "…" if ex.cut_left else ""
    prefix = _expand(line[:start])
    marked = _expand(prefix + line[start : start + _marker_width(line, start)])[len(prefix) :]
    shown = left + _expand(line) + ("…" if ex.cut_right else "")
    return shown.rstrip(), _width(left + prefix), max(_width(marked), 1)


def _format_one(d: Diagnostic, src: Excerpts, style: _Style) -> list[str]:
    sev_color = _SEVERITY_COLOR.get(d.severity, _BOLD)
    span = d.span
    where = f"{span}: " if span and span.file else ""
    head = (
        style(where, _BOLD)
        + style(f"{d.severity.value}[{d.code}]", sev_color)
        + " "
        + style(d.message.replace("\n", " "), _BOLD)
        + f" ({d.category.value})"
    )
    out = [head]

    excerpt = src.excerpt(span.file, span.line, span.column) if span and span.file and span.line > 0 else None
    gutter_width = len(str(span.line)) if excerpt is not None else 1
    pad = " " * gutter_width
    bar = style("|", _BLUE)
    if excerpt is not None:
        shown, offset, width = _excerpt(excerpt)
        out.append(f"{pad} {bar}")
        out.append(f"{style(str(span.line), _BLUE)} {bar} {shown}".rstrip())
        if span.column > 0:
            out.append(f"{pad} {bar} {' ' * offset}{style('^' * width, sev_color)}")
    eq = style("=", _BLUE)
    if d.target and (span is None or span.line <= 0):
        out.append(f"{pad} {eq} target: {d.target}")
    if d.hint:
        out.extend(_labelled(pad, eq, "hint", d.hint))
    for note in d.notes:
        out.extend(_labelled(pad, eq, "note", note))
    return out


def _labelled(pad: str, eq: str, label: str, text: str) -> list[str]:
    first, *rest = text.splitlines() or [""]
    lines = [f"{pad} {eq} {label}: {first}"]
    indent = " " * (len(pad) + 3 + len(label) + 2)
    lines.extend(f"{indent}{more}".rstrip() for more in rest)
    return lines


_NOUNS = (("errors", "error", "errors"), ("warnings", "warning", "warnings"), ("infos", "info", "info"))


def summary_line(diagnostics: Sequence[Diagnostic]) -> str:
    """``2 errors, 1 warning`` or ``no problems found``."""
    counts = summarize(diagnostics)
    parts = []
    for key, singular, plural in _NOUNS:
        n = counts[key]
        if n:
            parts.append(f"{n} {singular if n == 1 else plural}")
    return ", ".join(parts) if parts else "no problems found"


def render_text(
    diagnostics: Sequence[Diagnostic], *, sources: dict[str, str] | None = None, color: bool = False,
    excerpts: Excerpts | None = None,
) -> str:
    """Every diagnostic with its source excerpt, hint and notes, then a summary line.

    ``excerpts`` comes with diagnostics already made safe (``render`` passes both); without it, the
    diagnostics go through :func:`specguard.render.safety.prepare` here.
    """
    if excerpts is None:
        diagnostics, excerpts = prepare(diagnostics, sources)
    style = _Style(color)
    blocks = ["\n".join(_format_one(d, excerpts, style)) for d in diagnostics]
    counts = summarize(diagnostics)
    summary = summary_line(diagnostics)
    if counts["errors"]:
        summary = style(summary, _SEVERITY_COLOR[Severity.ERROR])
    elif counts["warnings"]:
        summary = style(summary, _SEVERITY_COLOR[Severity.WARNING])
    elif not counts["total"]:
        summary = style(summary, "\x1b[1;32m")
    return "\n\n".join([*blocks, summary]) + "\n"
