"""A one-line progress bar on stderr for runs that take more than a couple of seconds.

Shown only when stderr is a terminal, and only once the run has lasted ``DELAY`` seconds, so a quick
compile prints exactly what it printed before, and a redirected or piped one (CI, pre-commit, a test)
never gets a control character. The line is erased before the command prints its result.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

DELAY = 2.0  # seconds before the bar appears
REDRAW = 0.1  # seconds between redraws
WIDTH = 24  # cells of the bar


class TerminalProgress:
    """The listener of :mod:`specguard.progress` that draws the bar."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic, delay: float = DELAY):
        self.stream = stream
        self.clock = clock
        self.start = clock()
        self.delay = delay
        self.drawn_at: float | None = None
        self.tty = _is_tty(stream)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.tty:
            return
        now = self.clock()
        if now - self.start < self.delay or (self.drawn_at is not None and now - self.drawn_at < REDRAW
                                             and done < total):
            return
        self.drawn_at = now
        self.stream.write("\r\x1b[K" + render(stage, done, total, now - self.start))
        self.stream.flush()

    def close(self) -> None:
        """Erase the bar, if it was drawn."""
        if self.drawn_at is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn_at = None


def render(stage: str, done: int, total: int, elapsed: float) -> str:
    """``loading specs [#######.........] 412/1,000  3.2 s``"""
    total = max(total, 1)
    done = min(max(done, 0), total)
    filled = WIDTH * done // total
    return f"{stage} [{'#' * filled}{'.' * (WIDTH - filled)}] {done:,}/{total:,}  {elapsed:.1f} s"


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def shown(stream: TextIO | None = None) -> Iterator[TerminalProgress]:
    """Show the progress of what runs inside the block on ``stream`` (stderr) if it is a terminal."""
    from specguard.progress import listening

    bar = TerminalProgress(stream if stream is not None else sys.stderr)
    try:
        with listening(bar):
            yield bar
    finally:
        bar.close()
