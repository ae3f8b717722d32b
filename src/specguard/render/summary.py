"""Counts of diagnostics by severity, shared by the text and JSON renderers."""

from __future__ import annotations

from collections.abc import Iterable

from specguard.diagnostics import Diagnostic, Severity


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
