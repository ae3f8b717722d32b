"""The comment block at the top of a migration that records the findings a reviewer accepted."""

from __future__ import annotations

import re

_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")


def with_accepted_header(sql: str, accepted) -> str:
    """``sql`` with one comment line per accepted finding (code, target, reason) above it."""
    if not accepted:
        return sql
    # A reason is free user text inside a SQL comment: a line break would end the comment.
    lines = ["-- specguard: accepted findings (also recorded in generated/state.json)"]
    for a in accepted:
        lines.append(f"--   {a.code} {_BREAKS.sub(' ', a.target)}: {_BREAKS.sub(' ', a.reason)}")
    return "\n".join(lines) + "\n" + sql
