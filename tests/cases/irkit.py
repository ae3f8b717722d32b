"""Shorthand for writing IR catalogs by hand in golden cases (the YAML loader is not used here).

Names follow the builder's conventions: ``<table>_pkey``, ``<table>_<cols>_fkey``,
``<table>_<cols>_key`` and ``<table>_<cols>_idx``; constraint tuples and tables are name-sorted.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

from specguard.compiler.ir.catalog import (
    BASE_TYPES,
    Catalog,
    Check,
    Column,
    ColumnType,
    Default,
    Enum,
    ForeignKey,
    Index,
    PrimaryKey,
    Table,
    Unique,
    fit_identifier,
    index_name,
)
from specguard.compiler.resolve.sqlfrag import parse_expression

CASES_DIR = Path(__file__).resolve().parent


def ty(spec: str) -> ColumnType:
    """``varchar(40)``, ``text[]``, ``MessageRole`` -> ColumnType."""
    m = re.fullmatch(r"([A-Za-z_ ]+?)(?:\((\d+)(?:,(\d+))?\))?(\[\])?", spec)
    base, a1, a2, arr = m.groups()
    args = tuple(int(a) for a in (a1, a2) if a)
    return ColumnType(base, args, bool(arr), enum=base not in BASE_TYPES)


def default(sql: str) -> Default:
    frag = parse_expression(sql)
    return Default(frag.canonical, volatile=frag.volatile)


def col(name: str, type_: str, *, null: bool = False, d: str | None = None, **kw) -> Column:
    deprecated = kw.get("deprecated")
    return Column(name, ty(type_), nullable=null or bool(deprecated), default=default(d) if d else None, **kw)


def fk(table: str, cols, ref: str, ref_cols=("id",), on_delete="cascade", name=None) -> ForeignKey:
    cols = (cols,) if isinstance(cols, str) else tuple(cols)
    return ForeignKey(name or fit_identifier("_".join((table, *cols, "fkey"))), cols, ref, tuple(ref_cols), on_delete)


def idx(table: str, cols, *, using="btree", where=None, unique=False, name=None) -> Index:
    cols = tuple(cols)
    pred = parse_expression(where).canonical if where else None
    return Index(name or index_name(table, cols), cols, using, pred, unique)


def model(name: str, columns, *, pk=("id",), fks=(), uniques=(), checks=(), indexes=(), renamed_from=None) -> Table:
    return Table(
        name,
        tuple(columns),
        primary_key=PrimaryKey(f"{name}_pkey", tuple(pk)) if pk else None,
        foreign_keys=tuple(sorted((fk(name, *f) if isinstance(f, tuple) else f for f in fks), key=lambda x: x.name)),
        uniques=tuple(sorted((Unique(index_name(name, tuple(u), "key"), tuple(u)) for u in uniques), key=lambda x: x.name)),
        checks=tuple(sorted((Check(n, parse_expression(e).canonical) for n, e in checks), key=lambda x: x.name)),
        indexes=tuple(sorted((i if isinstance(i, Index) else idx(name, i) for i in indexes), key=lambda x: x.name)),
        renamed_from=renamed_from,
    )


def catalog(tables=(), enums=()) -> Catalog:
    return Catalog(tables=tuple(sorted(tables, key=lambda t: t.name)), enums=tuple(sorted(enums, key=lambda e: e.name)))


def enum(name: str, *values: str, renamed_from=None) -> Enum:
    return Enum(name, tuple(values), renamed_from=renamed_from)


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    old: Catalog
    new: Catalog
    migration_name: str


def load_cases() -> list[Case]:
    out = []
    for d in sorted(p for p in CASES_DIR.iterdir() if (p / "case.py").is_file()):
        spec = importlib.util.spec_from_file_location(f"golden_case_{d.name}", d / "case.py")
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        out.append(Case(d.name, d, mod.OLD, mod.NEW, getattr(mod, "NAME", d.name)))
    return out


def render_scripts(scripts) -> str:
    """All scripts of a plan in one file, as the golden ``expected.sql`` holds them."""
    parts = []
    for s in scripts:
        mode = "transactional" if s.transactional else "non-transactional"
        parts.append(f"-- migration: {s.suffix} ({mode})\n{s.sql}")
    return "\n".join(parts)
