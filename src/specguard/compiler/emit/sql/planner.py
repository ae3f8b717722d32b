"""Order change operations into migration scripts that follow the safe-migration rules.

One call to ``plan_ops`` yields these scripts, in this order (each only when it has something to do):

1. ``<name>_enum_values`` (transactional): ``ALTER TYPE .. ADD VALUE``. A new value cannot be used
   in the transaction that adds it, so it commits before the main script may use it.
2. ``<name>`` (transactional): renames first, then foreign key and check drops, relaxations (DROP NOT
   NULL, DROP DEFAULT), new enums, new tables with their indexes (empty, so no CONCURRENTLY needed),
   new columns, type and default changes, a ``NOT VALID`` check standing in for each SET NOT NULL,
   foreign keys and checks (``NOT VALID`` on existing tables), and last the drops of columns,
   tables and enums.
3. ``<name>_backfill_<table>_<column>`` (one ``DO`` block each): fills a column added with a volatile
   default (added without it: with it, PostgreSQL would rewrite the table under ACCESS EXCLUSIVE),
   or gives its default to the NULLs of a column that becomes NOT NULL. The block walks the table in
   key order and commits after every batch (``emit.sql.backfill``), so it must be alone in its file.
   Then ``<name>_upgrade_<table>_<column>`` (one ``DO`` block each, the same way): the stored
   documents of a config column brought to a new version of its config.
4. ``<name>_drop_idx_<index>`` (one statement each): ``DROP INDEX CONCURRENTLY`` of an index whose
   name a new index or key takes below.
5. ``<name>_idx_<index>`` / ``_key_`` / ``_pkey_`` (one statement each): ``CREATE [UNIQUE] INDEX
   CONCURRENTLY IF NOT EXISTS`` on an existing table: new indexes, the unique index a new UNIQUE or
   PRIMARY KEY constraint is attached to, and the replacement of a redefined key or index, built
   beside the old one under a swap name (``<name>__new``).
6. ``<name>_validate`` (transactional): ``VALIDATE CONSTRAINT``, ``SET NOT NULL`` behind a validated
   check, then the short steps under ACCESS EXCLUSIVE: keys attached ``USING INDEX``, redefined keys
   and indexes swapped in, replaced keys dropped (each only once its replacement is in place), and
   the foreign keys that reference such a key added ``NOT VALID``. A script of its own so the
   scans run under SHARE UPDATE EXCLUSIVE only, not under the lock the main script took.
7. ``<name>_validate_fks`` (transactional): validates the foreign keys that step 6 added, outside the
   transaction that held ACCESS EXCLUSIVE.
8. ``<name>_drop_idx_<index>`` (one statement each): the remaining index drops, last.

Timeouts use ``SET LOCAL``: a migration runner (Prisma) sends every file on one connection, and a
session-wide ``statement_timeout`` would otherwise leak into the CONCURRENTLY files that follow and
cancel a long index build, leaving an INVALID index behind.

``plan_ops`` fills the scripts phase by phase, one function per phase; the key and index phases are
``emit.sql.keys``. Each script gets its statements in the order listed here.
"""

from __future__ import annotations

from dataclasses import replace

from specguard.compiler.diff import diff
from specguard.compiler.emit.sql import keys
from specguard.compiler.emit.sql.backfill import backfill_sql
from specguard.compiler.emit.sql.generator import not_null_check_name
from specguard.compiler.emit.sql.scripts import (
    LOCK_TIMEOUT,
    SUFFIX_LIMIT,
    MigrationScript,
    Plan,
    alone,
    slug,
)
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import Catalog, Column, Table

__all__ = ["LOCK_TIMEOUT", "SUFFIX_LIMIT", "MigrationScript", "plan_migrations", "plan_ops", "schema_ops"]

_BACKFILL_ALONE = "a DO block that commits per batch must be its file's only statement"


def plan_migrations(old: Catalog, new: Catalog, name: str) -> list[MigrationScript]:
    """The migration scripts that turn ``old`` into ``new``, in the order they must run."""
    return plan_ops(diff(old, new), name, new)


def schema_ops(ops) -> list[o.Op]:
    """The operations that change the database; an operation kind the planner does not know is a bug,
    never something to leave out of a migration silently."""
    unknown = sorted({type(op).__name__ for op in ops if op.produces_sql and type(op) not in o.SCHEMA_OPS})
    if unknown:
        raise TypeError(f"the SQL planner has no step for {', '.join(unknown)}")
    return [op for op in ops if op.produces_sql]


def plan_ops(ops: list[o.Op], name: str, new: Catalog | None = None) -> list[MigrationScript]:
    """The migration scripts for ``ops`` (the diff into ``new``), filled phase by phase in the order the
    module docstring gives. ``new`` is needed only when a column must be backfilled."""
    p = Plan(schema_ops(ops), slug(name), new)
    relax_later = _renames_and_relaxations(p)
    _new_enums_and_tables(p)
    not_null_later = _not_null_steps(p, _added_columns(p))
    deferred_fks = _foreign_keys_and_checks(p)
    _drops(p)
    _not_null_validations(p, not_null_later)
    _config_documents(p)
    keys.plan_keys(p, deferred_fks, relax_later)
    return p.scripts()


def _renames_and_relaxations(p: Plan) -> list[o.DropNotNull]:
    """Renames (enum values in their own script), then foreign key and check drops, the key drops that
    must come first, DROP NOT NULL, DROP DEFAULT. Returns the DROP NOT NULLs of columns that stay in a
    primary key until the key is swapped (PostgreSQL refuses them before)."""
    renames = p.by(o.RenameEnum, o.RenameTable, o.RenameColumn, o.RenameIndex, o.RenameConstraint)
    if p.by(o.AddEnumValue):
        # the values are added under the enum's new name, so its rename travels with them
        for op in p.by(o.RenameEnum) + p.by(o.AddEnumValue):
            p.enum_values.add(op, p.g.generate(op))
        renames = [op for op in renames if not isinstance(op, o.RenameEnum)]
    p.to_main(renames)
    p.to_main(p.by(o.DropForeignKey))
    for op in p.by(o.ChangeForeignKey):
        if not keys.waits_for_key(p, op.new):  # else dropped just before it is added again
            p.main.add(op, p.g.drop_constraint_sql(op.table, op.old.name))
    keys.early_key_drops(p)
    p.to_main(p.by(o.DropCheck))
    held = keys.columns_held_by_old_keys(p)
    later = [op for op in p.by(o.DropNotNull) if (op.table, op.column.name) in held]
    p.to_main([op for op in p.by(o.DropNotNull) if op not in later] + p.by(o.DropDefault))
    return later


def _new_enums_and_tables(p: Plan) -> None:
    """New and re-created enums, then new tables with their indexes (empty: no CONCURRENTLY needed)."""
    p.to_main(p.by(o.RecreateEnum, o.CreateEnum))
    p.to_main(p.by(o.CreateTable) + [op for op in p.by(o.CreateIndex) if not p.existing(op)])


def _added_columns(p: Plan) -> list[tuple[o.Op, o.SetNotNull]]:
    """Adds the new columns; returns the NOT NULL steps of those that must be backfilled first."""
    not_null_later: list[tuple[o.Op, o.SetNotNull]] = []  # (the op it belongs to, the step)
    g = p.g
    for op in p.by(o.AddColumn):
        col = op.column
        if p.existing(op) and col.default is not None and col.default.volatile:
            # ADD COLUMN with a volatile default rewrites the table: add it bare, default new rows,
            # backfill old rows in committed batches, then NOT NULL via a validated check
            p.main.add(op, g.add_column_sql(replace(op, column=replace(col, nullable=True, default=None))))
            p.main.add(op, g.set_default_sql(o.SetDefault(op.table, col)))
            _backfill(p, op, col)
            if not col.nullable:
                not_null_later.append((op, o.SetNotNull(op.table, col)))
        else:
            p.main.add(op, g.generate(op))
    p.to_main(p.by(o.AlterColumnType, o.SetDefault))
    return not_null_later


def _backfill(p: Plan, op: o.Op, col: Column) -> None:
    s = alone(p.base, "backfill", f"{op.table}_{col.name}",
              f"give {op.table}.{col.name} its default where it is NULL, in batches that each commit", _BACKFILL_ALONE)
    s.add(op, p.g.backfill_nulls_sql(_walked(p, op.table), col))
    p.backfills.append(s)


def _config_documents(p: Plan) -> None:
    """One batched backfill per config column whose stored documents a new config version upgrades,
    after the column backfills: the table's key as it stands then, and the documents' new shape."""
    from specguard.compiler.emit.sql.configdocs import config_backfill

    for op in p.by(o.UpgradeConfigDocuments):
        s = alone(p.base, "upgrade", f"{op.table.name}_{op.column.name}",
                  f"{op.describe()}, in batches that each commit", _BACKFILL_ALONE)
        table = _walked(p, op.table.name) if p.new is not None else op.table
        s.add(op, [backfill_sql(config_backfill(table, op.column, op.versions))])
        p.backfills.append(s)


def _walked(p: Plan, name: str) -> Table:
    """The table as a backfill finds it: new columns and types, and the key it has at that moment (the
    old one while a changed key waits for its swap); a backfill without a key walks by ``ctid``."""
    t = p.table(name)
    key = t.primary_key
    for op in p.by(o.ChangePrimaryKey, o.AddPrimaryKey):
        if op.table == name:
            key = op.old if isinstance(op, o.ChangePrimaryKey) else None
    if key is not None and any(t.column(c) is None for c in key.columns):
        key = None
    return replace(t, primary_key=key)


def _not_null_steps(p: Plan, added: list[tuple[o.Op, o.SetNotNull]]) -> list[tuple[o.Op, o.SetNotNull]]:
    """Every SET NOT NULL, with its owning op: each gets a NOT VALID check now, validated later."""
    for op in p.by(o.SetNotNull):
        if op.column.default is not None:
            # a default fills new rows only: old NULLs get it too, or the NOT NULL validation fails
            _backfill(p, op, op.column)
    steps = [(op, op) for op in p.by(o.SetNotNull)] + added
    for owner, op in steps:
        p.main.add(owner, p.g.not_null_check_sql(op))
    return steps


def _foreign_keys_and_checks(p: Plan) -> list[o.AddForeignKey]:
    """Adds FKs and checks (NOT VALID on existing tables); returns the FKs that must wait for a key."""
    g = p.g
    deferred = []
    fks = [(op, op) for op in p.by(o.AddForeignKey)]
    fks += [(op, o.AddForeignKey(op.table, op.new)) for op in p.by(o.ChangeForeignKey)]
    for owner, op in fks:
        fk = op.foreign_key
        if keys.waits_for_key(p, fk):  # attached USING INDEX only in the validate script
            deferred.append((owner, op))
            continue
        p.main.add(owner, g.add_foreign_key_sql(op, not_valid=p.existing(op)))
        if p.existing(op):
            p.validate.add(owner, g.validate_constraint_sql(op.table, fk.name))
    for op in p.by(o.AddCheck):
        p.main.add(op, g.add_check_sql(op, not_valid=p.existing(op)))
        if p.existing(op):
            p.validate.add(op, g.validate_constraint_sql(op.table, op.check.name))
    return deferred


def _not_null_validations(p: Plan, steps: list[tuple[o.Op, o.SetNotNull]]) -> None:
    """Validate each helper check, SET NOT NULL (a catalog-only change behind it), drop the check."""
    for owner, op in steps:
        helper = not_null_check_name(op.table, op.column.name)
        p.validate.add(owner, p.g.validate_constraint_sql(op.table, helper))
        p.validate.add(owner, p.g.set_not_null_sql(op))
        p.validate.add(owner, p.g.drop_constraint_sql(op.table, helper))


def _drops(p: Plan) -> None:
    """Drops come last. FKs between dropped tables go first, so table order does not matter."""
    main, g = p.main, p.g
    for op in p.by(o.DropColumn):
        main.add(op, g.generate(op))
    tables = p.by(o.DropTable)
    gone = {op.table.name for op in tables}
    for op in tables:
        for fk in op.table.foreign_keys:
            if fk.ref_table in gone and fk.ref_table != op.table.name:
                main.add(None, g.drop_constraint_sql(op.table.name, fk.name))
    for op in tables:
        main.add(op, g.generate(op))
    for op in p.by(o.RecreateEnum):
        main.add(op, g.recreate_enum_cleanup_sql(op))
    for op in p.by(o.DropEnum):
        main.add(op, g.generate(op))
