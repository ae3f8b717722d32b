"""Model specs -> IR tables: types, defaults, keys, constraints and indexes, each checked."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import TYPE_CHECKING

from specguard.compiler.ir.catalog import (
    Check,
    Column,
    Default,
    ForeignKey,
    Index,
    PrimaryKey,
    Table,
    Unique,
    fit_identifier,
    index_name,
)
from specguard.compiler.load.validate import LoadedSpec
from specguard.compiler.resolve.sqlfrag import FragmentError, parse_expression
from specguard.compiler.resolve.types import TypeError_, literal_default_sql, parse_type
from specguard.diagnostics import Diagnostic, Span
from specguard.diagnostics.codes import diag
from specguard.diagnostics.suggest import did_you_mean

if TYPE_CHECKING:
    from specguard.compiler.load.specmodels import ModelSpec
    from specguard.compiler.load.yamlsrc import SourceDoc

IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def check_identifier(name: str, what: str, span: Span | None, out: list[Diagnostic]) -> bool:
    if not isinstance(name, str) or not IDENT.match(name):
        out.append(
            diag("SG109", f"{what} `{name}` is not a valid identifier", span,
                 hint="use letters, digits and `_`, starting with a letter")
        )
        return False
    if len(name.encode()) > 63:
        out.append(
            diag("SG109", f"{what} `{name[:20]}…` is {len(name.encode())} bytes; PostgreSQL's limit is 63", span,
                 hint="shorten it: PostgreSQL would silently cut it at 63 bytes")
        )
        return False
    return True


def fragment_span(span: Span | None, offset: int) -> Span | None:
    # Point inside a one-line fragment when we can; multi-line scalars keep the value's start.
    if span is None or not offset:
        return span
    return Span(span.file, span.line, span.column + offset)


def parse_fragment(text: str, what: str, span: Span | None, out: list[Diagnostic], target: str):
    try:
        return parse_expression(text)
    except FragmentError as exc:
        out.append(diag("SG111", f"{what}: {exc}", fragment_span(span, exc.offset), hint=exc.hint, target=target))
        return None


def build_table(loaded: LoadedSpec, enums: dict[str, tuple[str, ...]], out: list[Diagnostic],
                broken_enums: set[str] = frozenset()) -> Table | None:
    """The table a model spec declares, or None when any part of it is wrong (all reported to ``out``)."""
    t = _TableBuild(loaded.spec, loaded.doc, out)
    t.ok = check_identifier(t.name, "model name", t.doc.span(("name",)), out)
    columns = _located_versions(t, _columns(t, enums, broken_enums))
    t.built = {c.name for c in columns}
    pk = _primary_key(t, columns)
    if pk is not None:
        columns = [replace(c, nullable=False) if c.nullable and c.name in pk.columns else c for c in columns]
    uniques = _uniques(t, columns)
    fks = _foreign_keys(t, columns)
    checks = _checks(t)
    indexes = _indexes(t)
    _report_name_clashes(t, ([pk] if pk else []) + uniques + fks + checks + indexes)
    if not t.ok:
        return None
    by_name = attrgetter("name")
    spec, doc = t.spec, t.doc
    return Table(
        t.name,
        tuple(columns),
        pk,
        tuple(sorted(fks, key=by_name)),
        tuple(sorted(uniques, key=by_name)),
        tuple(sorted(checks, key=by_name)),
        tuple(sorted(indexes, key=by_name)),
        spec.critical,
        spec.renamed_from,
        spec.description,
        doc.span(("name",)),
    )


@dataclass
class _TableBuild:
    """One model spec while its table is built: where to report, and whether all went well."""

    spec: ModelSpec
    doc: SourceDoc
    out: list[Diagnostic]
    ok: bool = True
    built: set[str] = field(default_factory=set)  # the columns that built without error

    @property
    def name(self) -> str:
        return self.spec.name

    def fail(self, diagnostic: Diagnostic) -> None:
        self.out.append(diagnostic)
        self.ok = False

    def have_columns(self, cols, path, what) -> bool:
        """Whether every column named at ``path`` exists and built, each named once; else reported."""
        good = True
        declared = self.spec.columns
        for i, c in enumerate(cols):
            if c not in declared:
                self.out.append(diag("SG201", f"{what} names the column `{c}`, which `{self.name}` does not have",
                                     self.doc.span(path + (i,)),
                                     hint=did_you_mean(c, declared, "columns: " + ", ".join(declared)),
                                     target=f"{self.name}.{c}"))
                good = False
            elif c not in self.built:
                good = False  # the column itself was reported
        if len(set(cols)) != len(cols):
            self.out.append(diag("SG107", f"{what} lists a column twice", self.doc.span(path), target=self.name))
            good = False
        return good


def _columns(t: _TableBuild, enums: dict[str, tuple[str, ...]], broken_enums) -> list[Column]:
    """The columns that build; a column whose name or type is wrong is left out."""
    columns = []
    enum_names = set(enums)
    for cname, cspec in t.spec.columns.items():
        cpath = ("columns", cname)
        if not check_identifier(cname, "column name", t.doc.key_span(cpath), t.out):
            t.ok = False
            continue
        target = f"{t.name}.{cname}"
        try:
            ctype = parse_type(cspec.type, enum_names)
        except TypeError_ as exc:
            if cspec.type.rstrip("[] ") not in broken_enums:  # a broken enum reported its own error
                t.out.append(diag("SG110", str(exc), t.doc.span(cpath + ("type",)), hint=exc.hint, target=target))
            t.ok = False
            continue
        default = _column_default(t, cspec, ctype, enums, cpath, target)
        _check_column_flags(t, cname, cspec, ctype, cpath, target)
        columns.append(
            Column(cname, ctype, bool(cspec.nullable or cspec.deprecated), default, cspec.config, cspec.deprecated,
                   cspec.renamed_from, cspec.description, t.doc.key_span(cpath))
        )
    return columns


def _located_versions(t: _TableBuild, columns: list[Column]) -> list[Column]:
    """Each config column with where its documents keep their version (see ``config_support``)."""
    from specguard.compiler.resolve.config_support import version_at

    by_name, reported = {c.name: c for c in columns}, len(t.out)
    located = []
    for c in columns:  # a column built here has no config_version yet: most stay as they are
        at = version_at(t.spec.columns[c.name], by_name, t.doc, ("columns", c.name), f"{t.name}.{c.name}", t.out)
        located.append(c if at is None else replace(c, config_version=at))
    t.ok = t.ok and len(t.out) == reported
    return located


def _column_default(t: _TableBuild, cspec, ctype, enums, cpath, target: str) -> Default | None:
    """The column's default in canonical SQL: a `{sql: ...}` fragment, or a literal of the column's type."""
    raw = cspec.default
    if raw is None:
        return None
    dspan = t.doc.span(cpath + ("default",))
    if hasattr(raw, "sql"):
        frag = parse_fragment(raw.sql, "default", t.doc.text_span(cpath + ("default", "sql")), t.out, target)
        if frag is None:
            t.ok = False
        elif frag.columns:
            t.fail(diag("SG116", "a default may not refer to columns", dspan, target=target))
        else:
            return Default(frag.canonical, frag.volatile)
        return None
    try:
        sql = literal_default_sql(raw, ctype, enums.get(ctype.base) if ctype.enum else None)
        return Default(parse_expression(sql).canonical, False, raw)
    except TypeError_ as exc:
        t.fail(diag("SG116", str(exc), dspan, hint=exc.hint, target=target))
        return None


def _check_column_flags(t: _TableBuild, cname: str, cspec, ctype, cpath, target: str) -> None:
    """Flags that contradict each other or the type: a nullable or deprecated key, `config:` off jsonb."""
    if cspec.primary_key and cspec.nullable:
        t.fail(diag("SG107", "a primary key column cannot be nullable", t.doc.span(cpath + ("nullable",)),
                    hint="remove `nullable: true`", target=target))
    if cspec.deprecated and cspec.primary_key:
        t.fail(diag("SG107", "a primary key column cannot be deprecated", t.doc.span(cpath + ("deprecated",)),
                    target=target))
    if cspec.config and ctype.base != "jsonb":
        t.fail(diag("SG205", f"`config:` needs a jsonb column, and `{cname}` is `{ctype}`",
                    t.doc.span(cpath + ("config",)), hint="change the type to jsonb", target=target))


def _primary_key(t: _TableBuild, columns: list[Column]) -> PrimaryKey | None:
    """The key marked on columns or given as `primary_key:` (not both); a missing key is reported."""
    spec, doc = t.spec, t.doc
    pk_cols = [c.name for c in columns if spec.columns[c.name].primary_key]
    if spec.primary_key is not None:
        if pk_cols:
            t.fail(diag("SG107", "the primary key is given both on columns and as `primary_key:`",
                        doc.span(("primary_key",)), hint="keep one of them", target=t.name))
        elif t.have_columns(spec.primary_key, ("primary_key",), "the primary key"):
            pk_cols = list(spec.primary_key)
    if not pk_cols:
        # reported, yet not a reason to leave the table out: the rest of it is still checked
        t.out.append(diag("SG207", f"`{t.name}` has no primary key", doc.span(("name",)),
                          hint="mark a column with `primary_key: true`", target=t.name))
        return None
    # marked on columns: a finding about the key points at the first column's `primary_key: true`
    where = ("primary_key",) if spec.primary_key else ("columns", pk_cols[0], "primary_key")
    return PrimaryKey(fit_identifier(f"{t.name}_pkey"), tuple(pk_cols), doc.span(where))


def _uniques(t: _TableBuild, columns: list[Column]) -> list[Unique]:
    """Unique constraints: those marked on columns first, then the table's `unique:` lists."""
    spec, doc = t.spec, t.doc
    uniques = [Unique(fit_identifier(f"{t.name}_{c.name}_key"), (c.name,), doc.span(("columns", c.name, "unique")))
               for c in columns if spec.columns[c.name].unique]
    for i, u in enumerate(spec.unique):
        if t.have_columns(u, ("unique", i), "a unique constraint"):
            uniques.append(Unique(fit_identifier("_".join((t.name, *u, "key"))), tuple(u), doc.span(("unique", i))))
        else:
            t.ok = False
    return uniques


def _foreign_keys(t: _TableBuild, columns: list[Column]) -> list[ForeignKey]:
    """Foreign keys on existing columns; `set_null` needs nullable columns. Targets are checked later."""
    fks = []
    for i, fk in enumerate(t.spec.foreign_keys):
        path = ("foreign_keys", i)
        if not t.have_columns(fk.columns, path + ("columns",), "a foreign key"):
            t.ok = False
            continue
        name = fk.name or fit_identifier("_".join((t.name, *fk.columns, "fkey")))
        fks.append(ForeignKey(name, tuple(fk.columns), fk.references.model, tuple(fk.references.columns),
                              fk.on_delete, t.doc.span(path)))
        if fk.on_delete == "set_null":
            for c in fk.columns:
                col = next((x for x in columns if x.name == c), None)
                if col is not None and not col.nullable:
                    t.fail(diag("SG107", f"`on_delete: set_null` needs `{c}` to be nullable",
                                t.doc.span(path + ("on_delete",)), hint=f"make `{c}` nullable or use cascade",
                                target=f"{t.name}.{c}"))
    return fks


def _checks(t: _TableBuild) -> list[Check]:
    """Check constraints whose expression parses and names only the table's columns."""
    checks = []
    for i, ch in enumerate(t.spec.checks):
        path = ("checks", i)
        frag = parse_fragment(ch.expression, "check expression", t.doc.text_span(path + ("expression",)), t.out, t.name)
        if frag is None or not t.have_columns(sorted(frag.columns), path + ("expression",), "the check expression"):
            t.ok = False
            continue
        name = ch.name or fit_identifier(f"{t.name}_{hashlib.sha256(frag.canonical.encode()).hexdigest()[:8]}_check")
        checks.append(Check(name, frag.canonical, t.doc.span(path)))
    return checks


def _indexes(t: _TableBuild) -> list[Index]:
    """Indexes on existing columns, with their partial-index predicate in canonical SQL."""
    indexes = []
    for i, ix in enumerate(t.spec.indexes):
        path = ("indexes", i)
        if not t.have_columns(ix.columns, path + ("columns",), "the index"):
            t.ok = False
            continue
        where = None
        if ix.where is not None:
            frag = parse_fragment(ix.where, "index predicate", t.doc.text_span(path + ("where",)), t.out, t.name)
            if frag is None or not t.have_columns(sorted(frag.columns), path + ("where",), "the index predicate"):
                t.ok = False
                continue
            where = frag.canonical
        name = ix.name or index_name(t.name, tuple(ix.columns))
        indexes.append(Index(name, tuple(ix.columns), ix.using, where, ix.unique, t.doc.span(path)))
    return indexes


def _report_name_clashes(t: _TableBuild, objects) -> None:
    # names share one namespace per table (constraints) and per schema (indexes): report clashes here
    seen: set[str] = set()
    for obj in objects:
        if obj.name in seen:
            t.fail(diag("SG206", f"`{obj.name}` names two indexes or constraints of `{t.name}`", obj.span,
                        hint="give one of them another `name:`", target=f"{t.name}.{obj.name}"))
        seen.add(obj.name)
