"""Model specs -> IR tables: types, defaults, keys, constraints and indexes, each checked."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from specguard.diagnostics.codes import diag
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
from specguard.compiler.resolve.sqlfrag import FragmentError, parse_expression
from specguard.compiler.resolve.types import TypeError_, literal_default_sql, parse_type
from specguard.compiler.load.validate import LoadedSpec
from specguard.diagnostics import Diagnostic, Span
from specguard.diagnostics.suggest import did_you_mean

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
    spec, doc = loaded.spec, loaded.doc
    tname = spec.name
    ok = check_identifier(tname, "model name", doc.span(("name",)), out)
    columns: list[Column] = []
    pk_cols: list[str] = []
    uniques: list[Unique] = []
    for cname, cspec in spec.columns.items():
        cpath = ("columns", cname)
        if not check_identifier(cname, "column name", doc.key_span(cpath), out):
            ok = False
            continue
        target = f"{tname}.{cname}"
        try:
            ctype = parse_type(cspec.type, set(enums))
        except TypeError_ as exc:
            if cspec.type.rstrip("[] ") not in broken_enums:  # a broken enum reported its own error
                out.append(diag("SG110", str(exc), doc.span(cpath + ("type",)), hint=exc.hint, target=target))
            ok = False
            continue
        default = None
        dspan = doc.span(cpath + ("default",))
        raw = cspec.default
        if raw is not None and hasattr(raw, "sql"):
            frag = parse_fragment(raw.sql, "default", doc.text_span(cpath + ("default", "sql")), out, target)
            if frag is None:
                ok = False
            elif frag.columns:
                out.append(diag("SG116", "a default may not refer to columns", dspan, target=target))
                ok = False
            else:
                default = Default(frag.canonical, frag.volatile)
        elif raw is not None:
            try:
                sql = literal_default_sql(raw, ctype, enums.get(ctype.base) if ctype.enum else None)
                default = Default(parse_expression(sql).canonical, False, raw)
            except TypeError_ as exc:
                out.append(diag("SG116", str(exc), dspan, hint=exc.hint, target=target))
                ok = False
        if cspec.primary_key:
            pk_cols.append(cname)
            if cspec.nullable:
                out.append(diag("SG107", "a primary key column cannot be nullable", doc.span(cpath + ("nullable",)),
                                hint="remove `nullable: true`", target=target))
                ok = False
        nullable = bool(cspec.nullable or cspec.deprecated)
        if cspec.deprecated and cspec.primary_key:
            out.append(diag("SG107", "a primary key column cannot be deprecated", doc.span(cpath + ("deprecated",)),
                            target=target))
            ok = False
        if cspec.config and ctype.base != "jsonb":
            out.append(diag("SG205", f"`config:` needs a jsonb column, and `{cname}` is `{ctype}`",
                            doc.span(cpath + ("config",)), hint="change the type to jsonb", target=target))
            ok = False
        if cspec.unique:
            uniques.append(Unique(fit_identifier(f"{tname}_{cname}_key"), (cname,), doc.span(cpath + ("unique",))))
        columns.append(
            Column(cname, ctype, nullable, default, cspec.config, cspec.deprecated, cspec.renamed_from,
                   cspec.description, doc.key_span(cpath))
        )
    names = {c.name for c in columns}
    all_names = set(spec.columns)

    def need_columns(cols, path, what) -> bool:
        good = True
        for i, c in enumerate(cols):
            if c not in all_names:
                out.append(diag("SG201", f"{what} names the column `{c}`, which `{tname}` does not have",
                                doc.span(path + (i,)),
                                hint=did_you_mean(c, all_names, "columns: " + ", ".join(spec.columns)),
                                target=f"{tname}.{c}"))
                good = False
            elif c not in names:
                good = False  # the column itself was reported
        if len(set(cols)) != len(cols):
            out.append(diag("SG107", f"{what} lists a column twice", doc.span(path), target=tname))
            good = False
        return good

    pk = None
    if spec.primary_key is not None:
        if pk_cols:
            out.append(diag("SG107", "the primary key is given both on columns and as `primary_key:`",
                            doc.span(("primary_key",)), hint="keep one of them", target=tname))
            ok = False
        elif need_columns(spec.primary_key, ("primary_key",), "the primary key"):
            pk_cols = list(spec.primary_key)
    if pk_cols:
        pk = PrimaryKey(fit_identifier(f"{tname}_pkey"), tuple(pk_cols), doc.span(("primary_key",)) if spec.primary_key else None)
        columns = [replace(c, nullable=False) if c.name in pk_cols else c for c in columns]
    else:
        out.append(diag("SG207", f"`{tname}` has no primary key", doc.span(("name",)),
                        hint="mark a column with `primary_key: true`", target=tname))

    for i, u in enumerate(spec.unique):
        if need_columns(u, ("unique", i), "a unique constraint"):
            uniques.append(Unique(fit_identifier("_".join((tname, *u, "key"))), tuple(u), doc.span(("unique", i))))
        else:
            ok = False

    fks: list[ForeignKey] = []
    for i, fk in enumerate(spec.foreign_keys):
        path = ("foreign_keys", i)
        if not need_columns(fk.columns, path + ("columns",), "a foreign key"):
            ok = False
            continue
        name = fk.name or fit_identifier("_".join((tname, *fk.columns, "fkey")))
        fks.append(ForeignKey(name, tuple(fk.columns), fk.references.model, tuple(fk.references.columns),
                              fk.on_delete, doc.span(path)))
        if fk.on_delete == "set_null":
            for c in fk.columns:
                col = next((x for x in columns if x.name == c), None)
                if col is not None and not col.nullable:
                    out.append(diag("SG107", f"`on_delete: set_null` needs `{c}` to be nullable",
                                    doc.span(path + ("on_delete",)), hint=f"make `{c}` nullable or use cascade",
                                    target=f"{tname}.{c}"))
                    ok = False

    checks: list[Check] = []
    for i, ch in enumerate(spec.checks):
        path = ("checks", i)
        frag = parse_fragment(ch.expression, "check expression", doc.text_span(path + ("expression",)), out, tname)
        if frag is None:
            ok = False
            continue
        if not need_columns(sorted(frag.columns), path + ("expression",), "the check expression"):
            ok = False
            continue
        name = ch.name or fit_identifier(f"{tname}_{hashlib.sha256(frag.canonical.encode()).hexdigest()[:8]}_check")
        checks.append(Check(name, frag.canonical, doc.span(path)))

    indexes: list[Index] = []
    for i, ix in enumerate(spec.indexes):
        path = ("indexes", i)
        if not need_columns(ix.columns, path + ("columns",), "the index"):
            ok = False
            continue
        where = None
        if ix.where is not None:
            frag = parse_fragment(ix.where, "index predicate", doc.text_span(path + ("where",)), out, tname)
            if frag is None or not need_columns(sorted(frag.columns), path + ("where",), "the index predicate"):
                ok = False
                continue
            where = frag.canonical
        name = ix.name or index_name(tname, tuple(ix.columns))
        indexes.append(Index(name, tuple(ix.columns), ix.using, where, ix.unique, doc.span(path)))

    # names share one namespace per table (constraints) and per schema (indexes): report clashes here
    seen: dict[str, Span | None] = {}
    for obj in ([pk] if pk else []) + uniques + fks + checks + indexes:
        if obj.name in seen:
            out.append(diag("SG206", f"`{obj.name}` names two indexes or constraints of `{tname}`", obj.span,
                            hint="give one of them another `name:`", target=f"{tname}.{obj.name}"))
            ok = False
        seen[obj.name] = obj.span
    if not ok:
        return None
    return Table(
        tname,
        tuple(columns),
        pk,
        tuple(sorted(fks, key=lambda x: x.name)),
        tuple(sorted(uniques, key=lambda x: x.name)),
        tuple(sorted(checks, key=lambda x: x.name)),
        tuple(sorted(indexes, key=lambda x: x.name)),
        spec.critical,
        spec.renamed_from,
        spec.description,
        doc.span(("name",)),
    )
