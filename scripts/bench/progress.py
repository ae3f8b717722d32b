"""A progress bar on stderr when it is a terminal, and nothing at all when it is not.

Issue 11's seventh target holds for the benchmark too: a long run shows where it is; a run piped to
a file or a CI log gets only its results.
"""

from __future__ import annotations

import shutil
import sys
from typing import TextIO


class Progress:
    """``update(group, done, total, what)`` redraws one line; ``clear()`` erases it."""

    def __init__(self, stream: TextIO | None = None, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._shown = False

    def update(self, group: str, done: int, total: int, what: str) -> None:
        if not self.enabled:
            return
        width = shutil.get_terminal_size((80, 20)).columns
        bar_width = 20
        filled = bar_width * done // max(total, 1)
        head = f"[{group}] {'#' * filled}{'.' * (bar_width - filled)} {done}/{total} "
        line = (head + what)[: max(width - 1, 10)]
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()
        self._shown = True

    def note(self, group: str, what: str) -> None:
        """A step without a count (building a tree, starting a server)."""
        if not self.enabled:
            return
        width = shutil.get_terminal_size((80, 20)).columns
        self.stream.write("\r\x1b[K" + f"[{group}] {what}"[: max(width - 1, 10)])
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False
