"""Diagnostics: the one shape every problem specguard reports takes.

A diagnostic has a code (``SG...``), a severity, a category from the CLI contract, a source span, a
message and, where one helps, a hint. Every stage returns diagnostics instead of raising at the user.
This module is imported on the ``check`` fast path: keep it free of heavy imports.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Category(str, enum.Enum):
    SYNTAX = "syntax"
    REFERENCE = "reference"
    DESTRUCTIVE = "destructive"
    INCOMPATIBLE = "incompatible"
    LOCKING = "locking"
    CONFIG = "config"
    CACHE = "cache"
    INTEGRITY = "integrity"
    DRIFT = "drift"


@dataclass(frozen=True, order=True, slots=True)  # slots: a 10,000-model tree holds millions of spans
class Span:
    """A place in a spec file. Lines and columns are 1-based, as editors show them."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


def line_column(text: str | bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a 0-based offset into ``text``.

    Only ``\n`` counts as a line break, so CRLF text numbers lines as LF text does; in bytes, the
    column counts bytes.
    """
    newline = b"\n" if isinstance(text, bytes) else "\n"
    line_start = text.rfind(newline, 0, offset) + 1
    return text.count(newline, 0, offset) + 1, offset - line_start + 1


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    category: Category
    message: str
    span: Span | None = None
    hint: str | None = None
    target: str | None = None
    # extra lines of context (e.g. the SQL a drift concerns); rendered after the hint
    notes: tuple[str, ...] = field(default=())

    def sort_key(self) -> tuple:
        s = self.span
        return (
            s.file if s else "",
            s.line if s else 0,
            s.column if s else 0,
            self.code,
            self.target or "",
            self.message,
        )

    def to_dict(self) -> dict:
        """Every field as plain JSON values, in the JSON contract's key order with ``notes`` last.

        ``from_dict`` reads it back unchanged: no span is a null ``file``, and a span's line and
        column stay as they are, 0 included (the contract's renderer turns those into nulls).
        """
        s = self.span
        return {
            "code": self.code,
            "severity": self.severity.value,
            "category": self.category.value,
            "message": self.message,
            "file": s.file if s else None,
            "line": s.line if s else None,
            "column": s.column if s else None,
            "target": self.target,
            "hint": self.hint,
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, x: dict) -> Diagnostic:
        """The diagnostic ``to_dict`` gave; a missing key or a wrong value raises KeyError, ValueError or TypeError."""
        span = Span(x["file"], int(x["line"]), int(x["column"])) if x["file"] is not None else None
        return cls(x["code"], Severity(x["severity"]), Category(x["category"]), x["message"], span,
                   x["hint"], x["target"], tuple(x["notes"]))


def sorted_diagnostics(diags) -> list[Diagnostic]:
    """Sorted by file, line, column (habit 1), duplicates removed."""
    seen: set = set()
    out = []
    for d in sorted(diags, key=Diagnostic.sort_key):
        key = (d.code, d.span, d.message, d.target)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def has_errors(diags) -> bool:
    return any(d.severity is Severity.ERROR for d in diags)


class SpecguardError(Exception):
    """A usage or environment problem (exit code 2), carried as a diagnostic (and any more of the
    same run that stop it too: every unreadable spec path, not just the first)."""

    def __init__(self, diagnostic: Diagnostic, *more: Diagnostic):
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.diagnostics = (diagnostic, *more)


def summarize(diagnostics: Iterable[Diagnostic]) -> dict[str, int]:
    """Counts by severity: ``{"errors", "warnings", "infos", "total"}``."""
    counts = {"errors": 0, "warnings": 0, "infos": 0}
    for d in diagnostics:
        if d.severity is Severity.ERROR:
            counts["errors"] += 1
        elif d.severity is Severity.WARNING:
            counts["warnings"] += 1
        else:
            counts["infos"] += 1
    counts["total"] = counts["errors"] + counts["warnings"] + counts["infos"]
    return counts
