"""rules: the gate for destructive, incompatible and locking changes.

Each rule is one module with a ``CODE`` (its name, severity and category live in ``specguard.diagnostics.codes``),
a docstring in four parts (what, why, example, instead) and ``check(change, ctx)``. ``RULES`` is the
registry; ``check_changes`` runs every rule on every change.
"""

from __future__ import annotations

from dataclasses import replace

from specguard.compiler.ir.catalog import Catalog
from specguard.compiler.rules import (
    add_required_column,
    column_made_required,
    column_type_narrowed,
    drop_column,
    drop_column_not_deprecated,
    drop_enum,
    drop_enum_value,
    drop_table,
    released_config_edited,
    released_config_removed,
    rename,
    table_rewrite,
    volatile_default,
)
from specguard.compiler.rules.base import RuleContext
from specguard.diagnostics import Diagnostic, sorted_diagnostics

RULES = (
    drop_table,
    drop_column,
    drop_column_not_deprecated,
    column_type_narrowed,
    drop_enum_value,
    rename,
    drop_enum,
    add_required_column,
    column_made_required,
    table_rewrite,
    volatile_default,
    released_config_edited,
    released_config_removed,
)

RULES_BY_CODE = {r.CODE: r for r in RULES}


def check_changes(ops, old: Catalog, new: Catalog) -> list[Diagnostic]:
    """Every finding of every rule on ``ops`` (the result of ``diff(old, new)``), sorted."""
    ctx = RuleContext(old, new, tuple(ops))
    return sorted_diagnostics(_locate(d, new) for op in ctx.ops for rule in RULES for d in rule.check(op, ctx))


def _locate(d: Diagnostic, new: Catalog) -> Diagnostic:
    """A finding about something removed has no span of its own: point at its model's spec instead.

    Editors, GitHub annotations and SARIF all need a file and line to show a finding at all.
    """
    if d.span is not None or not d.target:
        return d
    table = new.table(d.target.split(".")[0])
    span = table.span if table is not None else None
    return replace(d, span=span) if span is not None else d


__all__ = ["RULES", "RULES_BY_CODE", "RuleContext", "check_changes", "code_of"]


def code_of(code_or_name: str) -> str | None:
    """The code that ``SG301``, ``sg301`` or ``drop-column`` names, or None."""
    from specguard.diagnostics.codes import lookup

    found = lookup(code_or_name)
    return found.code if found else None
