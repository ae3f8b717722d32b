"""Migration scripts as the planner fills them, and the plan that holds them.

A script is transactional (``SET LOCAL`` timeouts on top, every statement in one transaction when the
runner sends the file as one query string) or alone: a single statement that cannot run inside a
transaction block (``CREATE INDEX CONCURRENTLY``, a ``DO`` block that commits per batch), with no
``SET`` line, since a second statement would make the file an implicit transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from specguard.compiler.emit.sql.generator import SqlGenerator
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import Catalog, ForeignKey, Table, fit_identifier

LOCK_TIMEOUT = "5s"  # give up (and roll back) rather than queue behind a long transaction
STATEMENT_TIMEOUT = "60s"  # DDL under ACCESS EXCLUSIVE should be catalog-only; a longer one is a rewrite
LONG_STATEMENT_TIMEOUT = "30min"  # validations scan, but block neither reads nor writes
SUFFIX_LIMIT = 100  # folder names stay far below any filesystem's limit


@dataclass(frozen=True)
class MigrationScript:
    suffix: str  # the folder name after the timestamp
    sql: str  # the whole file, ending in a newline
    transactional: bool
    ops: tuple[o.Op, ...] = ()


@dataclass
class Script:
    suffix: str
    title: str
    transactional: bool = True
    timeout: str = STATEMENT_TIMEOUT
    ops: list[o.Op] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    # the ops so far by (kind, target): equal ops share both, so a membership test looks at a few ops
    # instead of all of them (a 10,000-table migration made the plain list test quadratic)
    _seen: dict[tuple, list[o.Op]] = field(default_factory=dict, repr=False, compare=False)

    def add(self, op: o.Op | None, statements) -> None:
        if op is not None:
            same = self._seen.setdefault((type(op), op.target), [])
            if op not in same:
                same.append(op)
                self.ops.append(op)
        self.statements.extend(statements)

    def render(self) -> MigrationScript:
        lines = [f"-- specguard: {self.title}"]
        lines += [f"--   {d}" for d in dict.fromkeys(op.describe() for op in self.ops)]
        if self.transactional:
            lines += [f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}';", f"SET LOCAL statement_timeout = '{self.timeout}';"]
        text = "\n".join(lines) + "\n\n" + "\n\n".join(self.statements) + "\n"
        return MigrationScript(self.suffix, text, self.transactional, tuple(self.ops))


class Plan:
    """The ops to plan, the new catalog, and the scripts the phases fill, in the order they run."""

    def __init__(self, ops: list[o.Op], base: str, new: Catalog | None):
        self.ops = ops
        self._by: dict[tuple, list] = {}
        self.memo: dict[str, object] = {}  # what the phases derive from the ops, computed once
        self.base = base
        self.new = new
        self.g = SqlGenerator()
        self.new_tables = {op.table.name for op in ops if isinstance(op, o.CreateTable)}
        self.enum_values = Script(f"{base}_enum_values", "add enum values (committed before any use)")
        self.main = Script(base, "schema changes, in one transaction")
        self.backfills: list[Script] = []
        self.early_drops: list[Script] = []
        self.concurrent: list[Script] = []
        self.validate = Script(f"{base}_validate", "validate constraints added NOT VALID, then SET NOT NULL, "
                               "attach and swap keys", timeout=LONG_STATEMENT_TIMEOUT)
        self.validate_fks = Script(f"{base}_validate_fks", "validate the foreign keys added again around the swapped keys",
                                   timeout=LONG_STATEMENT_TIMEOUT)
        self.late_drops: list[Script] = []
        # foreign keys dropped around a key that they leaned on: (owning op, table, key), added again
        self.fks_again: list[tuple[o.Op, str, ForeignKey]] = []

    def scripts(self) -> list[MigrationScript]:
        order = [self.enum_values, self.main, *self.backfills, *self.early_drops, *self.concurrent, self.validate,
                 self.validate_fks, *self.late_drops]
        return [s.render() for s in order if s.statements]

    def by(self, *kinds) -> list:
        """The ops of these kinds, in their given order (a fresh list: callers may concatenate)."""
        if kinds not in self._by:
            self._by[kinds] = [op for op in self.ops if isinstance(op, kinds)]
        return list(self._by[kinds])

    def existing(self, op) -> bool:
        """Whether the op's table existed before this migration (it holds rows, so locks matter)."""
        return op.table not in self.new_tables

    def table(self, name: str) -> Table:
        """The table as the new catalog declares it."""
        t = self.new.table(name) if self.new is not None else None
        if t is None:
            raise ValueError(f"planning this change needs the new catalog's table {name}")
        return t

    def to_main(self, ops) -> None:
        for op in ops:
            self.main.add(op, self.g.generate(op))


def alone(base: str, kind: str, obj: str, title: str, why: str = "CONCURRENTLY cannot run in a transaction") -> Script:
    """A script for one statement that must be its file's only one."""
    stem = re.sub(r"_(idx|key|pkey)$", "", obj)
    return Script(fit_suffix(f"{base}_{kind}_{stem}"), f"{title} (alone: {why})", False)


def slug(name: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_]+", "_", name.strip()).strip("_")
    return fit_suffix(s or "migration")


def fit_suffix(suffix: str) -> str:
    return fit_identifier(suffix, SUFFIX_LIMIT)
