"""Progress of a long run, reported by the stages and shown (or not) by whoever listens.

The compiler never prints: a stage calls :func:`report` with how far it is, which costs one global
lookup when nobody listens (every ``check``, every test). The command line installs a listener for
the commands that can run long (``compile``, ``verify``), see ``cli/progress.py``.

Standard library only: the ``check`` fast path imports the stages that call it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Listener = Callable[[str, int, int], None]  # (stage, done, total)

_listener: Listener | None = None


def report(stage: str, done: int, total: int) -> None:
    """``done`` of ``total`` steps of ``stage`` are finished."""
    if _listener is not None:
        _listener(stage, done, total)


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Send every report made inside the block to ``listener``."""
    global _listener
    previous, _listener = _listener, listener
    try:
        yield
    finally:
        _listener = previous
