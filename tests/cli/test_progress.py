"""Long runs show a progress bar on a terminal, and nothing at all otherwise."""

from __future__ import annotations

import io

import pytest

from specguard.cli.progress import DELAY, TerminalProgress, render
from specguard.progress import listening, report


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("stage,done,total,elapsed,line", [
    ("loading specs", 0, 4, 2.04, "loading specs [........................] 0/4  2.0 s"),
    ("loading specs", 2, 4, 3.0, "loading specs [############............] 2/4  3.0 s"),
    ("writing generated/", 1819, 1819, 10.25, "writing generated/ [########################] 1,819/1,819  10.2 s"),
    ("judging changes", 0, 0, 2.5, "judging changes [........................] 0/1  2.5 s"),
])
def test_the_bar(stage, done, total, elapsed, line):
    assert render(stage, done, total, elapsed) == line


def _run(stream, steps: list[tuple[float, int]]) -> TerminalProgress:
    clock = Clock()
    bar = TerminalProgress(stream, clock)
    with listening(bar):
        for at, done in steps:
            clock.now = at
            report("loading specs", done, 10)
    bar.close()
    return bar


def test_shown_on_a_terminal_after_the_delay_then_erased():
    out = Tty()
    _run(out, [(0.5, 1), (DELAY + 0.1, 5), (DELAY + 0.15, 6), (DELAY + 0.5, 9)])
    text = out.getvalue()
    assert "1/10" not in text and "6/10" not in text  # before the delay; and redraws are throttled
    assert "\r\x1b[Kloading specs [############............] 5/10  2.1 s" in text and "9/10" in text
    assert text.endswith("\r\x1b[K")


@pytest.mark.parametrize("stream", [io.StringIO(), Tty()])
def test_nothing_when_not_a_terminal_or_quick(stream):
    steps = [(0.1, 1), (60.0, 5)] if not stream.isatty() else [(0.1, 1), (1.0, 9)]
    _run(stream, steps)
    assert stream.getvalue() == ""


def test_reports_go_nowhere_without_a_listener():
    report("loading specs", 1, 2)  # no listener: nothing to call, nothing printed
