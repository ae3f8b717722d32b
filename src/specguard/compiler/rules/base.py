"""What every rule is and gets: its metadata and documentation, and the change with both catalogs.

A rule module defines ``RULE = Rule.define(__doc__, code=..., name=..., severity=..., category=...)``
and ``check(change, ctx)``. The module docstring is the rule's documentation, the one source that
``specguard explain`` prints and SARIF carries: its first line is the summary, the rest is Markdown
in four sections (``## What it does``, ``## Why it matters``, ``## Example``, ``## Use instead``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import Catalog, Column
from specguard.diagnostics import Category, Diagnostic, Severity, Span


@dataclass(frozen=True)
class Rule:
    """A rule's code, kebab-case name, severity, category, summary and four-part doc."""

    code: str
    name: str
    severity: Severity
    category: Category
    summary: str
    doc: str
    acceptable: bool = True  # whether `--accept CODE:TARGET` may let a finding through

    @classmethod
    def define(
        cls,
        docstring: str | None,
        *,
        code: str,
        name: str,
        severity: Severity,
        category: Category,
        acceptable: bool = True,
    ) -> Rule:
        """The rule described by a module docstring: summary line, blank line, Markdown doc."""
        # `python -OO` strips docstrings; the rule must still work, only undocumented
        summary, _, doc = (docstring or "").strip().partition("\n")
        return cls(code, name, severity, category, summary.strip() or name, doc.strip(), acceptable)

    def diag(
        self,
        message: str,
        span: Span | None = None,
        *,
        target: str | None = None,
        hint: str | None = None,
    ) -> Diagnostic:
        """A finding of this rule, with the rule's own severity and category."""
        return Diagnostic(
            code=self.code,
            severity=self.severity,
            category=self.category,
            message=message,
            span=span,
            hint=hint,
            target=target,
        )


@dataclass(frozen=True)
class RuleContext:
    old: Catalog
    new: Catalog
    ops: tuple[o.Op, ...]

    # Every rule sees every change, so what they ask of all the ops is indexed once (cached_property
    # writes the instance's __dict__, which a frozen dataclass allows): asked per change, a scan of
    # the ops made rules quadratic in the size of the change.
    @cached_property
    def new_tables(self) -> frozenset[str]:
        """Tables created by this change: empty, so locks and rewrites on them cost nothing."""
        return frozenset(op.table.name for op in self.ops if isinstance(op, o.CreateTable))

    @cached_property
    def _by_table(self) -> dict[str, tuple[frozenset[str], dict[str, Column]]]:
        dropped: dict[str, set[str]] = {}
        added: dict[str, dict[str, Column]] = {}
        for op in self.ops:
            if isinstance(op, o.DropColumn):
                dropped.setdefault(op.table, set()).add(op.column.name)
            elif isinstance(op, o.AddColumn):
                added.setdefault(op.table, {})[op.column.name] = op.column
        return {t: (frozenset(dropped.get(t, ())), added.get(t, {})) for t in dropped.keys() | added.keys()}

    @cached_property
    def _first_by_target(self) -> dict[str, o.Op]:
        first: dict[str, o.Op] = {}
        for op in self.ops:
            first.setdefault(op.target, op)
        return first

    def is_existing_table(self, name: str) -> bool:
        return name not in self.new_tables

    def dropped_columns(self, table: str) -> frozenset[str]:
        """Columns of ``table`` that this change drops: what goes with them is their rules' business."""
        return self._by_table.get(table, (frozenset(), {}))[0]

    def added_columns(self, table: str) -> dict[str, Column]:
        """Columns that this change adds to ``table``, by name."""
        return dict(self._by_table.get(table, (frozenset(), {}))[1])

    def first_op_on(self, target: str) -> o.Op | None:
        """The first operation with this target: a rule that judges an object once fires on it."""
        return self._first_by_target.get(target)
