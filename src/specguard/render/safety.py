"""The one door every renderer's input goes through: nothing secret, nothing unbounded, no escapes.

:func:`prepare` is called by :func:`specguard.render.render` for every format, so a new format cannot
forget it. It gives the renderers

- the diagnostics with every text field and file name redacted and their control characters escaped
  (:func:`specguard.diagnostics.redact.redact`): a credential used as a YAML key, a file name holding a
  newline or an escape sequence, reach no output as they are;
- an :class:`Excerpts` source of the lines under a caret, which reads only regular files, at most
  :data:`MAX_SOURCE_BYTES` of them, cuts a long line to a window around the caret, and masks every
  credential in the window before anyone sees it, one ``*`` per character so the caret still lines up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from specguard.diagnostics import Diagnostic

WINDOW = 200  # characters of a source line shown at most
BEFORE = 60  # of them, how many before the caret when the line is cut
# characters masked beyond each edge of the window: a credential that the cut splits is still seen
# whole by the detector, so no part of it shows
MARGIN = 4096
MAX_SOURCE_BYTES = 64 * 1024 * 1024  # a file read for excerpts; past that, no excerpt


class Excerpt(NamedTuple):
    """A window of one source line, safe to print, and where the caret goes in it."""

    text: str
    column: int  # 1-based, within ``text``
    cut_left: bool = False
    cut_right: bool = False


class Excerpts:
    """Lines of spec files, from the given texts or read from disk on first use.

    ``aliases`` maps a file name as shown (escaped, redacted) back to the file to read.
    """

    def __init__(self, sources: dict[str, str] | None = None, aliases: dict[str, str] | None = None):
        self._given = sources or {}
        self._aliases = aliases or {}
        self._lines: dict[str, list[str] | None] = {}

    def excerpt(self, file: str, number: int, column: int) -> Excerpt | None:
        """The line ``number`` of ``file`` around ``column``, or None when there is none to show."""
        line = self._line(self._aliases.get(file, file), number)
        if line is None:
            return None
        return cut(line, column)

    def _line(self, file: str, number: int) -> str | None:
        if file not in self._lines:
            self._lines[file] = self._load(file)
        lines = self._lines[file]
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]

    def _load(self, file: str) -> list[str] | None:
        text = self._given.get(file)
        if text is None:
            text = _read(file)
            if text is None:
                return None
        if text.startswith("\ufeff"):  # the YAML reader skips a BOM, so its columns do too
            text = text[1:]
        # splitlines() would also split on \x0c, \x1c, \u2028 …, which YAML does not count as breaks
        return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _read(file: str) -> str | None:
    from specguard.compiler.load.reading import read_regular_file

    try:
        return read_regular_file(file, MAX_SOURCE_BYTES).decode("utf-8", errors="replace")
    except (OSError, ValueError):  # a FIFO, a device, a missing or oversized file: no excerpt
        return None


def cut(line: str, column: int) -> Excerpt:
    """The part of ``line`` shown around ``column``, credentials masked."""
    from specguard.diagnostics.redact import mask_same_width

    col = min(max(column, 1), len(line) + 1)
    if len(line) <= WINDOW:
        return Excerpt(mask_same_width(line), col)
    # a caret near the start shows the line from its start; else BEFORE characters lead up to it
    start = 0 if col <= WINDOW - BEFORE else max(0, min(col - 1 - BEFORE, len(line) - WINDOW))
    end = start + WINDOW
    lo, hi = max(0, start - MARGIN), min(len(line), end + MARGIN)
    masked = mask_same_width(line[lo:hi])[start - lo : end - lo]
    return Excerpt(masked, col - start, start > 0, end < len(line))


def prepare(diagnostics: Sequence[Diagnostic], sources: dict[str, str] | None) -> tuple[list[Diagnostic], Excerpts]:
    """The diagnostics as they may be shown, and the source lines to show under their carets."""
    if not diagnostics:  # the clean run of a pre-commit hook: not even the patterns are needed
        return [], Excerpts(sources)
    from specguard.diagnostics.redact import redact

    safe = [redact(d) for d in diagnostics]
    aliases = {s.span.file: d.span.file for s, d in zip(safe, diagnostics)
               if d.span and s.span and s.span.file != d.span.file}
    return safe, Excerpts(sources, aliases)
