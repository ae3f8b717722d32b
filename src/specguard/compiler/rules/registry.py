"""Every diagnostic code specguard reports: the codes that are not rules, and the rules.

For the places that need the name or the documentation of any code: ``specguard explain``, SARIF,
GitHub annotation titles and ``--accept``. It lives here, above both halves, because the
diagnostics package is the bottom layer and must not know the compiler; import it inside the
function that needs it, so that ``specguard check`` does not load every rule to print a finding.
"""

from __future__ import annotations

import functools

from specguard.compiler.rules import RULES
from specguard.compiler.rules.base import Rule
from specguard.diagnostics.codes import CODES, Code


def all_codes() -> tuple[Code | Rule, ...]:
    """Every code, rules included, sorted by code."""
    return _index()[0]


def lookup(code_or_name: str) -> Code | Rule | None:
    """The code for ``SG301``, ``sg301`` or its kebab-case name ``drop-column``; None if unknown."""
    _, by_code, by_name = _index()
    key = code_or_name.strip()
    return by_code.get(key.upper()) or by_name.get(key.lower())


@functools.cache
def _index() -> tuple[tuple[Code | Rule, ...], dict[str, Code | Rule], dict[str, Code | Rule]]:
    entries = tuple(sorted([*CODES.values(), *(rule.RULE for rule in RULES)], key=lambda c: c.code))
    return entries, {c.code: c for c in entries}, {c.name: c for c in entries}
