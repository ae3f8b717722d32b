"""Diagnostics shared by the renderer tests: every shape a renderer must cope with."""

from __future__ import annotations

from specguard.compiler.rules import rename, volatile_default
from specguard.diagnostics import Severity, Span
from specguard.diagnostics.codes import diag

COMPANION = "specs/models/companion.yaml"
COMPANION_TEXT = """\
kind: model
name: Companion
columns:
  id:          {type: uuid, primary_key: true, default: {sql: gen_random_uuid()}}
  userId:      {type: text}
  legacyNotes: {type: text, nulable: true}
\tcreatedAt: {type: datetime}
indexes:
  - columns: [userID, createdAt]
"""

SOURCES = {COMPANION: COMPANION_TEXT}


def mixed():
    """Errors, warnings and an info; spans, no span, a tab, a line past the end, notes and hints."""
    return [
        diag("SG106", "unknown key `nulable`", Span(COMPANION, 6, 29), hint="did you mean `nullable`?",
             target="Companion.legacyNotes"),
        diag("SG110", "unknown type `datetime`", Span(COMPANION, 7, 20), hint="did you mean `timestamptz`?",
             target="Companion.createdAt"),
        diag("SG201", "Companion has no column `userID`", Span(COMPANION, 9, 15), hint="did you mean `userId`?"),
        volatile_default.RULE.diag("volatile default on a new column of an existing table", Span(COMPANION, 40, 3),
             target="Companion.id"),
        rename.RULE.diag("column renamed", Span("specs/missing.yaml", 3, 5), target="User.displayName"),
        diag("SG800", "generated/ does not match the specs", None, hint="run `specguard compile`",
             notes=("generated/models.py differs", "first line\nsecond line")),
        diag("SG902", "Companion.userId is nullable in the database", None, target="Companion.userId",
             severity=Severity.INFO),
    ]
