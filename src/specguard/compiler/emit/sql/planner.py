"""Order change operations into migration scripts that follow the safe-migration rules.

One call to ``plan_migrations`` yields up to seven kinds of script, in this order (each kind only
when it has something to do):

1. ``<name>_enum_values`` (transactional): ``ALTER TYPE .. ADD VALUE``. A new value cannot be used
   in the transaction that adds it, so it commits before the main script may use it.
2. ``<name>`` (transactional): renames first, then constraint drops, relaxations (DROP NOT NULL,
   DROP DEFAULT), new enums, new tables with their indexes (empty, so no CONCURRENTLY needed), new
   columns, type and default changes, a ``NOT VALID`` check standing in for each SET NOT NULL,
   foreign keys and checks (``NOT VALID`` on existing tables), and last the drops of columns,
   tables and enums.
3. ``<name>_backfill`` (transactional): fills columns added with a volatile default. Adding them
   with that default would rewrite the table under ACCESS EXCLUSIVE; they are added without it.
   Also gives the default to the NULLs of a column with a default that becomes NOT NULL. Then
   ``<name>_upgrade_<table>_<column>`` (a ``DO`` block alone, committing per batch): the stored
   documents of a config column upgraded to a new version of its config.
4. ``<name>_drop_idx_<index>`` (one statement each): ``DROP INDEX CONCURRENTLY`` of an index that
   is re-created under the same name below.
5. ``<name>_idx_<index>`` / ``_key_`` / ``_pkey_`` (one statement each): ``CREATE [UNIQUE] INDEX
   CONCURRENTLY IF NOT EXISTS`` on an existing table, including the unique index a new UNIQUE or
   PRIMARY KEY constraint is attached to. A file sent as one query string runs in one implicit
   transaction, where CONCURRENTLY fails: so no ``SET`` line either.
6. ``<name>_validate`` (transactional): ``VALIDATE CONSTRAINT``, ``SET NOT NULL`` behind a validated
   check, ``ADD CONSTRAINT .. USING INDEX``, then the foreign keys that reference such a key. A
   script of its own so the scan runs under SHARE UPDATE EXCLUSIVE only, not under the ACCESS
   EXCLUSIVE lock the main script took.
7. ``<name>_drop_idx_<index>`` (one statement each): the remaining index drops, last.

Timeouts use ``SET LOCAL``: a migration runner (Prisma) sends every file on one connection, and a
session-wide ``statement_timeout`` would otherwise leak into the CONCURRENTLY files that follow and
cancel a long index build, leaving an INVALID index behind.

``plan_ops`` fills the scripts phase by phase, one function per phase; each script gets its
statements in the order listed here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from specguard.compiler.diff import diff
from specguard.compiler.emit.sql.generator import SqlGenerator, not_null_check_name
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import Catalog, fit_identifier

LOCK_TIMEOUT = "5s"  # give up (and roll back) rather than queue behind a long transaction
STATEMENT_TIMEOUT = "60s"  # DDL under ACCESS EXCLUSIVE should be catalog-only; a longer one is a rewrite
LONG_STATEMENT_TIMEOUT = "30min"  # backfills and validations scan, but block neither reads nor writes
SUFFIX_LIMIT = 100  # folder names stay far below any filesystem's limit


@dataclass(frozen=True)
class MigrationScript:
    suffix: str  # the folder name after the timestamp
    sql: str  # the whole file, ending in a newline
    transactional: bool
    ops: tuple[o.Op, ...] = ()


@dataclass
class _Script:
    suffix: str
    title: str
    transactional: bool = True
    timeout: str = STATEMENT_TIMEOUT
    ops: list[o.Op] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)

    def add(self, op: o.Op | None, statements) -> None:
        if op is not None and op not in self.ops:
            self.ops.append(op)
        self.statements.extend(statements)

    def render(self) -> MigrationScript:
        lines = [f"-- specguard: {self.title}"]
        lines += [f"--   {d}" for d in dict.fromkeys(op.describe() for op in self.ops)]
        if self.transactional:
            lines += [f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}';", f"SET LOCAL statement_timeout = '{self.timeout}';"]
        text = "\n".join(lines) + "\n\n" + "\n\n".join(self.statements) + "\n"
        return MigrationScript(self.suffix, text, self.transactional, tuple(self.ops))


def plan_migrations(old: Catalog, new: Catalog, name: str) -> list[MigrationScript]:
    """The migration scripts that turn ``old`` into ``new``, in the order they must run."""
    return plan_ops(diff(old, new), name)


def schema_ops(ops) -> list[o.Op]:
    """The operations that change the database; an operation kind the planner does not know is a bug,
    never something to leave out of a migration silently."""
    unknown = sorted({type(op).__name__ for op in ops if op.produces_sql and type(op) not in o.SCHEMA_OPS})
    if unknown:
        raise TypeError(f"the SQL planner has no step for {', '.join(unknown)}")
    return [op for op in ops if op.produces_sql]


def plan_ops(ops: list[o.Op], name: str) -> list[MigrationScript]:
    """The migration scripts for ``ops``, filled phase by phase in the order the module docstring gives."""
    p = _Plan(schema_ops(ops), _slug(name))
    _renames_and_relaxations(p)
    _new_enums_and_tables(p)
    not_null_later = _not_null_steps(p, _added_columns(p))
    deferred_fks = _foreign_keys_and_checks(p)
    _drops(p.main, p.g, p.by(o.DropColumn), p.by(o.DropTable), p.by(o.DropEnum), p.by(o.RecreateEnum))
    _not_null_validations(p, not_null_later)
    concurrent = _concurrent_indexes(p)
    _deferred_foreign_keys(p, deferred_fks)
    early_drops, late_drops = _index_drops(p)
    documents = _config_documents(p)
    order = [p.enum_values, p.main, p.backfill, *documents, *early_drops, *concurrent, p.validate, *late_drops]
    return [s.render() for s in order if s.statements]


class _Plan:
    """The ops to plan and the scripts the phases fill."""

    def __init__(self, ops: list[o.Op], base: str):
        self.ops = ops
        self.base = base
        self.g = SqlGenerator()
        self.new_tables = {op.table.name for op in ops if isinstance(op, o.CreateTable)}
        self.enum_values = _Script(f"{base}_enum_values", "add enum values (committed before any use)")
        self.main = _Script(base, "schema changes, in one transaction")
        self.backfill = _Script(f"{base}_backfill", "backfill columns with their defaults", timeout=LONG_STATEMENT_TIMEOUT)
        self.validate = _Script(f"{base}_validate", "validate constraints added NOT VALID, then SET NOT NULL and attach keys",
                                timeout=LONG_STATEMENT_TIMEOUT)

    def by(self, *kinds) -> list:
        """The ops of these kinds, in their given order."""
        return [op for op in self.ops if isinstance(op, kinds)]

    def existing(self, op) -> bool:
        """Whether the op's table existed before this migration (it holds rows, so locks matter)."""
        return op.table not in self.new_tables

    def to_main(self, ops) -> None:
        for op in ops:
            self.main.add(op, self.g.generate(op))


def _renames_and_relaxations(p: _Plan) -> None:
    """Renames (enum values in their own script), then constraint drops, DROP NOT NULL, DROP DEFAULT."""
    renames = p.by(o.RenameEnum, o.RenameTable, o.RenameColumn, o.RenameIndex, o.RenameConstraint)
    if p.by(o.AddEnumValue):
        # the values are added under the enum's new name, so its rename travels with them
        for op in p.by(o.RenameEnum) + p.by(o.AddEnumValue):
            p.enum_values.add(op, p.g.generate(op))
        renames = [op for op in renames if not isinstance(op, o.RenameEnum)]
    p.to_main(renames)
    p.to_main(p.by(o.DropForeignKey) + p.by(o.DropUnique, o.DropPrimaryKey, o.DropCheck))
    p.to_main(p.by(o.DropNotNull, o.DropDefault))


def _new_enums_and_tables(p: _Plan) -> None:
    """New and re-created enums, then new tables with their indexes (empty: no CONCURRENTLY needed)."""
    p.to_main(p.by(o.RecreateEnum, o.CreateEnum))
    p.to_main(p.by(o.CreateTable) + [op for op in p.by(o.CreateIndex) if not p.existing(op)])


def _added_columns(p: _Plan) -> list[tuple[o.Op, o.SetNotNull]]:
    """Adds the new columns; returns the NOT NULL steps of those that must be backfilled first."""
    not_null_later: list[tuple[o.Op, o.SetNotNull]] = []  # (the op it belongs to, the step)
    g = p.g
    for op in p.by(o.AddColumn):
        col = op.column
        if p.existing(op) and col.default is not None and col.default.volatile:
            # ADD COLUMN with a volatile default rewrites the table: add it bare, default new rows,
            # backfill old rows in their own transaction, then NOT NULL via a validated check
            p.main.add(op, g.add_column_sql(replace(op, column=replace(col, nullable=True, default=None))))
            p.main.add(op, g.set_default_sql(o.SetDefault(op.table, col)))
            p.backfill.add(op, g.backfill_sql(op))
            if not col.nullable:
                not_null_later.append((op, o.SetNotNull(op.table, col)))
        else:
            p.main.add(op, g.generate(op))
    p.to_main(p.by(o.AlterColumnType, o.SetDefault))
    return not_null_later


def _not_null_steps(p: _Plan, added: list[tuple[o.Op, o.SetNotNull]]) -> list[tuple[o.Op, o.SetNotNull]]:
    """Every SET NOT NULL, with its owning op: each gets a NOT VALID check now, validated later."""
    for op in p.by(o.SetNotNull):
        if op.column.default is not None:
            # a default fills new rows only: old NULLs get it too, or the NOT NULL validation fails
            p.backfill.add(op, p.g.backfill_nulls_sql(op.table, op.column))
    steps = [(op, op) for op in p.by(o.SetNotNull)] + added
    for owner, op in steps:
        p.main.add(owner, p.g.not_null_check_sql(op))
    return steps


def _foreign_keys_and_checks(p: _Plan) -> list[o.Op]:
    """Adds FKs and checks (NOT VALID on existing tables); returns the FKs that must wait for a key."""
    g = p.g
    # keys attached USING INDEX only in the validate script; FKs that reference them must wait
    pending_keys = {(op.table, op.obj.columns) for op in p.by(o.AddUnique, o.AddPrimaryKey) if p.existing(op)}
    deferred_fks = []
    for op in p.by(o.AddForeignKey):
        fk = op.foreign_key
        if (fk.ref_table, fk.ref_columns) in pending_keys:
            deferred_fks.append(op)
        else:
            p.main.add(op, g.add_foreign_key_sql(op, not_valid=p.existing(op)))
            if p.existing(op):
                p.validate.add(op, g.validate_constraint_sql(op.table, fk.name))
    for op in p.by(o.AddCheck):
        p.main.add(op, g.add_check_sql(op, not_valid=p.existing(op)))
        if p.existing(op):
            p.validate.add(op, g.validate_constraint_sql(op.table, op.check.name))
    return deferred_fks


def _not_null_validations(p: _Plan, steps: list[tuple[o.Op, o.SetNotNull]]) -> None:
    """Validate each helper check, SET NOT NULL (a catalog-only change behind it), drop the check."""
    for owner, op in steps:
        helper = not_null_check_name(op.table, op.column.name)
        p.validate.add(owner, p.g.validate_constraint_sql(op.table, helper))
        p.validate.add(owner, p.g.set_not_null_sql(op))
        p.validate.add(owner, p.g.drop_constraint_sql(op.table, helper))


def _concurrent_indexes(p: _Plan) -> list[_Script]:
    """One script per index or key index built CONCURRENTLY on an existing table; keys attach later."""
    concurrent = []
    for op in p.by(o.CreateIndex, o.AddPrimaryKey, o.AddUnique):
        if not p.existing(op):
            continue  # new tables: indexes are in the main script, keys inline in CREATE TABLE
        if isinstance(op, o.CreateIndex):
            s = _one(p.base, "idx", op.index.name, f"create index {op.target} without blocking writes")
            s.add(op, p.g.create_index_sql(op, concurrently=True))
        else:
            kind = "pkey" if isinstance(op, o.AddPrimaryKey) else "key"
            s = _one(p.base, kind, op.obj.name, f"build the unique index of {op.target} without blocking writes")
            s.add(op, p.g.unique_index_sql(op.table, op.obj.name, op.obj.columns))
            p.validate.add(op, p.g.generate(op, using_index=True))
        concurrent.append(s)
    return concurrent


def _deferred_foreign_keys(p: _Plan, deferred: list[o.Op]) -> None:
    """FKs that reference a key attached in the validate script come after it there."""
    for op in deferred:
        p.validate.add(op, p.g.add_foreign_key_sql(op, not_valid=p.existing(op)))
        if p.existing(op):
            p.validate.add(op, p.g.validate_constraint_sql(op.table, op.foreign_key.name))


def _index_drops(p: _Plan) -> tuple[list[_Script], list[_Script]]:
    """DROP INDEX CONCURRENTLY scripts: those whose name is built again (run first), and the rest (last)."""
    recreated = {op.obj.name for op in p.by(o.CreateIndex, o.AddUnique, o.AddPrimaryKey) if p.existing(op)}
    early_drops, late_drops = [], []
    for op in p.by(o.DropIndex):
        s = _one(p.base, "drop_idx", op.index.name, f"drop index {op.target} without blocking reads or writes")
        s.add(op, p.g.drop_index_sql(op, concurrently=True))
        (early_drops if op.index.name in recreated else late_drops).append(s)
    return early_drops, late_drops


def _drops(main: _Script, g: SqlGenerator, columns, tables, enums, recreated) -> None:
    """Drops come last. FKs between dropped tables go first, so table order does not matter."""
    for op in columns:
        main.add(op, g.generate(op))
    gone = {op.table.name for op in tables}
    for op in tables:
        for fk in op.table.foreign_keys:
            if fk.ref_table in gone and fk.ref_table != op.table.name:
                main.add(None, g.drop_constraint_sql(op.table.name, fk.name))
    for op in tables:
        main.add(op, g.generate(op))
    for op in recreated:
        main.add(op, g.recreate_enum_cleanup_sql(op))
    for op in enums:
        main.add(op, g.generate(op))


def _config_documents(p: _Plan) -> list[_Script]:
    """One script per config column whose stored documents a new config version upgrades: a batched
    backfill that commits per batch, so its ``DO`` block must be alone in its file (no ``SET`` lines)."""
    from specguard.compiler.emit.sql.backfill import backfill_sql
    from specguard.compiler.emit.sql.configdocs import config_backfill

    scripts = []
    for op in p.by(o.UpgradeConfigDocuments):
        s = _Script(_fit(f"{p.base}_upgrade_{op.table.name}_{op.column.name}"),
                    f"{op.describe()}, in batches that each commit (alone: the block commits itself)", False)
        s.add(op, [backfill_sql(config_backfill(op.table, op.column, op.versions))])
        scripts.append(s)
    return scripts


def _one(base: str, kind: str, obj: str, title: str) -> _Script:
    stem = re.sub(r"_(idx|key|pkey)$", "", obj)
    return _Script(_fit(f"{base}_{kind}_{stem}"), title + " (alone: CONCURRENTLY cannot run in a transaction)", False)


def _slug(name: str) -> str:
    s = re.sub(r"[^A-Za-z0-9_]+", "_", name.strip()).strip("_")
    return _fit(s or "migration")


def _fit(suffix: str) -> str:
    return fit_identifier(suffix, SUFFIX_LIMIT)
