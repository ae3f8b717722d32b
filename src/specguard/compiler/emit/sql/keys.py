"""Keys and indexes of existing tables: built CONCURRENTLY, then attached or swapped in, then dropped.

The table never lacks a key or an index that it had: a new unique or primary key index is built
beside the old one (under ``<name>__new`` when it keeps its name), and the old one is dropped only
in the transaction that puts the new one in its place. PostgreSQL refuses to attach an index that
is INVALID or missing (a failed CONCURRENTLY build), and a swapped plain index is checked the same
way, so a failed build leaves the old key or index in place. Foreign keys that lean on a key being
dropped (PostgreSQL ties each to the unique index it found when it was added) are dropped in the same
transaction, added again ``NOT VALID`` once the new key is in place, and validated in a later
script, outside the lock.
"""

from __future__ import annotations

from specguard.compiler.emit.sql.scripts import Plan, alone
from specguard.compiler.ir import ops as o
from specguard.compiler.ir.catalog import backs_foreign_keys

_SWAPS = (o.ChangePrimaryKey, o.ChangeIndex)
_KEY_DROPS = (o.DropUnique, o.DropPrimaryKey)
_REBUILD_KIND = {o.ChangePrimaryKey: "rebuild_pkey", o.ChangeIndex: "rebuild_idx"}


def pending_keys(p: Plan) -> set[tuple[str, frozenset[str]]]:
    """(table, columns) of the keys a foreign key may lean on that exist only after the validate script
    attached or swapped them in: foreign keys that reference them wait for that."""
    if "pending_keys" not in p.memo:  # asked once per foreign key and key drop: computed once
        p.memo["pending_keys"] = _pending_keys(p)
        p.memo["pending_tables"] = {t for t, _ in p.memo["pending_keys"]}
    return p.memo["pending_keys"]


def _pending_keys(p: Plan) -> set[tuple[str, frozenset[str]]]:
    out = set()
    for op in p.by(o.AddUnique, o.AddPrimaryKey, o.CreateIndex):
        if p.existing(op) and backs_foreign_keys(op.obj):
            out.add((op.table, frozenset(op.obj.columns)))
    for op in p.by(*_SWAPS):
        if backs_foreign_keys(op.new):
            out.add((op.table, frozenset(op.new.columns)))
    return out


def waits_for_key(p: Plan, fk) -> bool:
    """Whether a foreign key references a key that only the validate script puts in place."""
    return (fk.ref_table, frozenset(fk.ref_columns)) in pending_keys(p)


def _reused_names(p: Plan) -> set[str]:
    """Names that a key or index built on an existing table takes (names share the schema's namespace)."""
    if "reused_names" not in p.memo:
        p.memo["reused_names"] = _names_built(p)
    return p.memo["reused_names"]


def _names_built(p: Plan) -> set[str]:
    return {op.obj.name for op in p.by(o.CreateIndex, o.AddUnique, o.AddPrimaryKey) if p.existing(op)}


def _early(p: Plan, op: o.Op) -> bool:
    """Whether a dropped key (or an index that foreign keys lean on) goes in the main script: when a
    key or index built below takes its name, or when nothing replaces it and nothing leans on it.
    Otherwise it waits for the validate script, where its replacement is attached first."""
    if isinstance(op, o.DropIndex) and not op.dependents:
        return False  # dropped CONCURRENTLY, in a script of its own
    if op.obj.name in _reused_names(p):
        return True
    pending_keys(p)
    return not op.dependents and op.table not in p.memo["pending_tables"]


def early_key_drops(p: Plan) -> None:
    """In the main script: the key drops that come before the builds (see ``_early``)."""
    for op in p.by(*_KEY_DROPS, o.DropIndex):
        if _early(p, op):
            _drop_dependents(p, p.main, op, set())
            p.main.add(op, p.g.generate(op))


def columns_held_by_old_keys(p: Plan) -> set[tuple[str, str]]:
    """(table, column) of the primary keys kept until the validate script swaps or drops them: their
    columns stay NOT NULL until then."""
    held = {(op.table, c) for op in p.by(o.ChangePrimaryKey) for c in op.old.columns}
    held |= {(op.table, c) for op in p.by(o.DropPrimaryKey) if not _early(p, op) for c in op.primary_key.columns}
    return held


def plan_keys(p: Plan, deferred_fks, relax_later) -> None:
    """Every key and index phase, in order: builds, attaches and swaps, foreign keys again, drops."""
    _concurrent_builds(p)
    _attach_and_swap(p)
    for op in relax_later:
        p.validate.add(op, p.g.generate(op))
    _foreign_keys_again(p, deferred_fks)
    _index_drops(p)


def _concurrent_builds(p: Plan) -> None:
    """One script per index, key index or replacement built CONCURRENTLY on an existing table."""
    for op in p.by(o.CreateIndex, o.AddPrimaryKey, o.AddUnique):
        if not p.existing(op):
            continue  # new tables: indexes are in the main script, keys inline in CREATE TABLE
        if isinstance(op, o.CreateIndex):
            s = alone(p.base, "idx", op.index.name, f"create index {op.target} without blocking writes")
            s.add(op, p.g.create_index_sql(op, concurrently=True))
        else:
            kind = "pkey" if isinstance(op, o.AddPrimaryKey) else "key"
            s = alone(p.base, kind, op.obj.name, f"build the unique index of {op.target} without blocking writes")
            s.add(op, p.g.unique_index_sql(op.table, op.obj.name, op.obj.columns))
        p.concurrent.append(s)
    for op in p.by(*_SWAPS):
        s = alone(p.base, _REBUILD_KIND[type(op)], op.new.name,
                  f"build the new {op.target} beside the old one without blocking writes")
        s.add(op, p.g.build_replacement_sql(op))
        p.concurrent.append(s)


def _attach_and_swap(p: Plan) -> None:
    """In the validate script, after the scans: attach new keys, swap redefined ones in, then drop the
    keys (and depended-on indexes) that are replaced, each with the foreign keys leaning on it."""
    for op in p.by(o.AddUnique, o.AddPrimaryKey):
        if p.existing(op):
            p.validate.add(op, p.g.generate(op, using_index=True))
    for op in p.by(o.ChangeForeignKey):
        if waits_for_key(p, op.new):  # its old version may lean on a key swapped below
            p.validate.add(op, p.g.drop_constraint_sql(op.table, op.old.name))
    dropped: set[tuple[str, str]] = set()
    for op in p.by(*_SWAPS, *_KEY_DROPS, o.DropIndex):
        if not _in_validate(p, op):
            continue
        _drop_dependents(p, p.validate, op, dropped)
        if isinstance(op, o.ChangeIndex):
            p.validate.add(op, p.g.swap_index_sql(op))
        elif isinstance(op, _SWAPS):
            p.validate.add(op, p.g.swap_key_sql(op))
        else:
            p.validate.add(op, p.g.generate(op))  # DROP CONSTRAINT, or DROP INDEX in this transaction


def _in_validate(p: Plan, op: o.Op) -> bool:
    if isinstance(op, _SWAPS):
        return True
    if isinstance(op, o.DropIndex) and not op.dependents:
        return False  # dropped CONCURRENTLY, last
    return not _early(p, op)


def _drop_dependents(p: Plan, script, op: o.Op, dropped: set[tuple[str, str]]) -> None:
    for table, fk in op.dependents:
        if (table, fk.name) in dropped or any((t, f.name) == (table, fk.name) for _, t, f in p.fks_again):
            continue
        dropped.add((table, fk.name))
        script.add(op, p.g.drop_constraint_sql(table, fk.name))
        p.fks_again.append((op, table, fk))


def _foreign_keys_again(p: Plan, deferred) -> None:
    """Foreign keys that wait for a key of the validate script, and those dropped around a key: added
    NOT VALID there, validated in the next script, after the ACCESS EXCLUSIVE locks are released."""
    g = p.g
    again = [(owner, o.AddForeignKey(table, fk)) for owner, table, fk in p.fks_again]
    for owner, op in deferred + again:
        p.validate.add(owner, g.add_foreign_key_sql(op, not_valid=p.existing(op)))
        if p.existing(op):
            p.validate_fks.add(owner, g.validate_constraint_sql(op.table, op.foreign_key.name))


def _index_drops(p: Plan) -> None:
    """DROP INDEX CONCURRENTLY scripts: those whose name is built again (run first), and the rest (last)."""
    reused = _reused_names(p)
    for op in p.by(o.DropIndex):
        if op.dependents:
            continue  # dropped in a transaction, with the foreign keys that lean on it
        s = alone(p.base, "drop_idx", op.index.name, f"drop index {op.target} without blocking reads or writes")
        s.add(op, p.g.drop_index_sql(op, concurrently=True))
        (p.early_drops if op.index.name in reused else p.late_drops).append(s)
