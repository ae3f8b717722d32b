"""rules: the gate for destructive, incompatible and locking changes.

Each rule is one module with a ``RULE`` (its code, name, severity and category, defined from the
module docstring, which is its four-part documentation) and ``check(change, ctx)``. ``RULES`` lists
the modules; ``check_changes`` runs every rule on every change. The registry of every code, rules
and the other codes together, is :mod:`specguard.compiler.rules.registry`.
"""

from __future__ import annotations

from dataclasses import replace

from specguard.compiler.ir.catalog import Catalog
from specguard.compiler.rules import (
    add_required_column,
    add_unique_constraint,
    cache_critical_removed,
    cache_key_changed,
    cache_ttl_authenticated_longer,
    cache_ttl_raised,
    column_made_required,
    column_type_narrowed,
    config_backward_incompatible,
    config_compat_unproven,
    config_default_changed,
    config_forward_incompatible,
    drop_column,
    drop_column_not_deprecated,
    drop_enum,
    drop_enum_value,
    drop_foreign_key,
    drop_index,
    drop_required_default,
    drop_table,
    foreign_key_on_delete_changed,
    index_made_unique,
    primary_key_changed,
    released_config_edited,
    released_config_removed,
    rename,
    required_rejects_null_writes,
    table_rewrite,
    volatile_default,
)
from specguard.compiler.rules.base import Rule, RuleContext
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
    drop_required_default,
    add_unique_constraint,
    index_made_unique,
    drop_index,
    drop_foreign_key,
    foreign_key_on_delete_changed,
    primary_key_changed,
    required_rejects_null_writes,
    table_rewrite,
    volatile_default,
    cache_critical_removed,
    cache_key_changed,
    cache_ttl_raised,
    cache_ttl_authenticated_longer,
    released_config_edited,
    released_config_removed,
    config_backward_incompatible,
    config_forward_incompatible,
    config_compat_unproven,
    config_default_changed,
)


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


__all__ = ["RULES", "Rule", "RuleContext", "check_changes"]
