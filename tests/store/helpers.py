"""Small IR catalogs for the store tests, which run on the real diff, rules and planner."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from specguard.compiler.ir import catalog as ir

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
