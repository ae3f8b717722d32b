"""The JSON format of the CLI contract, for scripts.

    {"diagnostics": [{"code", "severity", "category", "message", "file", "line", "column", "target",
                      "hint"}, ...],
     "summary": {"errors": n, "warnings": n, "infos": n, "total": n}}

Every key is always present (``null`` when a diagnostic has no span, target or hint), keys keep this
order, diagnostics keep the caller's order, non-ASCII is escaped (safe on any console encoding), and
the output ends with a newline: the same diagnostics give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from specguard.diagnostics import Diagnostic, summarize


def diagnostic_record(d: Diagnostic) -> dict:
    """One diagnostic as the contract's JSON object."""
    record = d.to_dict()
    del record["notes"]  # not part of the contract
    line, column = record["line"], record["column"]
    if line is None or line <= 0:  # a span without a line names only the file
        record["line"] = record["column"] = None
    elif column <= 0:
        record["column"] = None
    return record


def render_json(diagnostics: Sequence[Diagnostic]) -> str:
    """The diagnostics and their counts as one JSON document."""
    doc = {
        "diagnostics": [diagnostic_record(d) for d in diagnostics],
        "summary": summarize(diagnostics),
    }
    return json.dumps(doc, indent=2, ensure_ascii=True) + "\n"
