"""The base of every change operation: a kind to dispatch on, a stable target, a span."""

from __future__ import annotations

from typing import ClassVar

from specguard.diagnostics import Span


class Op:
    """Base of every operation. ``kind`` is the snake_case name emit dispatches on.

    ``produces_sql`` is False for operations that change only what specguard itself records (config
    versions, cache policies, the ``critical`` flag, column metadata): they update the compiled state
    and the generated code, never the database schema. The SQL planner refuses any other operation it
    does not know, so a new kind cannot be dropped from a migration silently.
    """

    produces_sql: ClassVar[bool] = True

    @property
    def kind(self) -> str:
        name = type(self).__name__
        return "".join("_" + ch.lower() if ch.isupper() else ch for ch in name).lstrip("_")

    @property
    def target(self) -> str:  # pragma: no cover - every subclass overrides
        raise NotImplementedError

    @property
    def span(self) -> Span | None:
        return None

    def describe(self) -> str:
        """One line for migration headers and ``specguard plan``."""
        return f"{self.kind.replace('_', ' ')} {self.target}"
