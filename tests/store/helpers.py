"""Small catalogs and a stand-in pipeline, so the store can be tested before diff/rules/emit exist.

``fake_pipeline`` replaces compile's three stage hooks: one op per changed top-level object, an
SG300 finding per dropped table, and one transactional script per compile plus a separate
non-transactional script when an index changed (as the real planner splits CONCURRENTLY out).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from specguard.compiler.rules import drop_table
from specguard.compiler.ir import catalog as ir
from specguard.compiler.store import compile as sc
from specguard.compiler.store.integrity import _object_changes

NOW = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def col(name, type_="text", **kw):
    return ir.Column(name, ir.ColumnType(type_), **kw)


def table(name, *cols, indexes=()):
    cols = cols or (col("id", "uuid"),)
    return ir.Table(name, tuple(cols), primary_key=ir.PrimaryKey(f"{name}_pkey", (cols[0].name,)),
                    indexes=tuple(indexes))


def config(name, version, schema='{"type":"object"}'):
    return ir.ConfigVersion(name, version, schema)


def catalog(*tables, configs=()):
    return ir.Catalog(tables=tuple(sorted(tables, key=lambda t: t.name)), configs=tuple(configs))


@dataclass(frozen=True)
class FakeOp:
    target: str
    dropped: bool = False
    index: bool = False


@dataclass(frozen=True)
class FakeScript:
    suffix: str
    sql: str
    transactional: bool
    ops: tuple


def fake_diff(old, new):
    out = []
    for name in _object_changes(old, new):
        ot, nt = old.table(name), new.table(name)
        index = bool(ot and nt and ot.indexes != nt.indexes) or bool(nt and nt.indexes and not ot)
        out.append(FakeOp(name, dropped=ot is not None and nt is None, index=index))
    return out


def fake_rules(ops, old, new):
    return [drop_table.RULE.diag(f"table {op.target} is dropped", target=op.target) for op in ops if op.dropped]


def fake_plan(ops, old, new, name):
    ops = fake_diff(old, new)
    tables = [op for op in ops if new.table(op.target) or old.table(op.target)]
    if not tables:
        return []
    body = "".join(f"-- change {op.target}\n" for op in tables)
    out = [FakeScript(name, "SET lock_timeout = '5s';\n" + body, True, tuple(o for o in tables if not o.index))]
    idx = tuple(o for o in tables if o.index)
    if idx:
        out.append(FakeScript(f"{name}_indexes", "".join(f"CREATE INDEX CONCURRENTLY -- {o.target}\n" for o in idx), False, idx))
    return out


def use_fake_pipeline(monkeypatch):
    monkeypatch.setattr(sc, "_diff", fake_diff)
    monkeypatch.setattr(sc, "_rules", fake_rules)
    monkeypatch.setattr(sc, "_plan", fake_plan)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root, by relative path: the bytes a test compares before and after."""
    root = Path(root)
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def dirs(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in Path(root).rglob("*") if p.is_dir())


def mtimes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): os.stat(p).st_mtime_ns for p in Path(root).rglob("*")}
