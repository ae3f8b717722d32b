"""Comparing the declared catalog with one read from a database: the SG9xx drift diagnostics.

Only schema objects are compared: what PostgreSQL can tell us. Configs, cache policies,
descriptions, ``deprecated``, ``config`` and ``critical`` live only in the specs. Objects are
matched by name (constraint and index names are part of the IR and of the generated SQL), never
by position: a column added later sits last in the table even when the spec lists it first, and
that is not drift.

Expressions go through ``same_expression`` (the normal form of :mod:`specguard.db.normalize` by
default; :func:`specguard.db.verify.verify` passes one that can also ask the server).
"""

from __future__ import annotations

from typing import Callable

from specguard.compiler.ir.catalog import Catalog, Table
from specguard.diagnostics import Diagnostic, sorted_diagnostics
from specguard.diagnostics.codes import diag

# (kind, table, column or None, expected sql, actual sql) -> same?
SameExpression = Callable[[str, str, "str | None", str, str], bool]


def _default_same(kind, table, column, expected, actual) -> bool:
    from specguard.db.normalize import same_expression

    return same_expression(expected, actual)


def _same_default(same: SameExpression, table: str, column, expected: str, actual: str) -> bool:
    from specguard.db.normalize import same_default

    # the column's type settles bare literals without asking the server (drift cannot ask it)
    return same_default(expected, actual, column.type.sql()) or same("default", table, column.name, expected, actual)


def compare_catalogs(
    expected: Catalog, actual: Catalog, *, same_expression: SameExpression | None = None
) -> list[Diagnostic]:
    """Every difference between the declared and the live schema, sorted and deduplicated."""
    same = same_expression or _default_same
    out: list[Diagnostic] = []
    _compare_enums(expected, actual, out)
    for name in sorted({t.name for t in expected.tables} | {t.name for t in actual.tables}):
        exp, act = expected.table(name), actual.table(name)
        if act is None:
            out.append(diag("SG900", f"table {name} is missing from the database", exp.span, target=name,
                            hint="apply the pending migrations, or compile the specs"))
        elif exp is None:
            out.append(diag("SG901", f"table {name} exists in the database but no spec declares it", target=name,
                            hint="declare it in a spec, or drop it from the database"))
        else:
            _compare_table(exp, act, same, out)
    return sorted_diagnostics(out)


def _compare_enums(expected: Catalog, actual: Catalog, out: list) -> None:
    for name in sorted({e.name for e in expected.enums} | {e.name for e in actual.enums}):
        exp, act = expected.enum(name), actual.enum(name)
        if act is None:
            out.append(diag("SG900", f"enum type {name} is missing from the database", exp.span, target=name))
        elif exp is None:
            out.append(diag("SG901", f"enum type {name} exists in the database but no spec declares it", target=name))
        elif exp.values != act.values:
            out.append(diag("SG902", f"enum type {name} has values {_list(act.values)} in the database, "
                            f"the specs declare {_list(exp.values)} (order matters: it is the sort order)",
                            exp.span, target=name))


def _list(values) -> str:
    return "[" + ", ".join(values) + "]"


def _compare_table(exp: Table, act: Table, same: SameExpression, out: list) -> None:
    t = exp.name
    for name in _names(exp.columns, act.columns):
        ec, ac = exp.column(name), act.column(name)
        target = f"{t}.{name}"
        if ac is None:
            out.append(diag("SG900", f"column {target} is missing from the database", ec.span, target=target))
            continue
        if ec is None:
            out.append(diag("SG901", f"column {target} ({ac.type}) exists in the database but the spec does not "
                            "declare it", exp.span, target=target))
            continue
        span = ec.span or exp.span
        if ec.type != ac.type:
            out.append(_mismatch(f"column {target} type", ec.type.spec(), ac.type.spec(), span, target))
        if ec.nullable != ac.nullable:
            word = {True: "nullable", False: "NOT NULL"}
            out.append(_mismatch(f"column {target}", word[ec.nullable], word[ac.nullable], span, target))
        e_sql = ec.default.sql if ec.default else None
        a_sql = ac.default.sql if ac.default else None
        if (e_sql is None) != (a_sql is None) or (e_sql is not None and not _same_default(same, t, ec, e_sql, a_sql)):
            out.append(_mismatch(f"column {target} default", e_sql or "no default", a_sql or "no default",
                                 span, target))

    epk, apk = exp.primary_key, act.primary_key
    if epk or apk:
        target = f"{t}.{(epk or apk).name}"
        span = (epk.span if epk else None) or exp.span
        if apk is None:
            out.append(diag("SG900", f"primary key {target} is missing from the database", span, target=target))
        elif epk is None:
            out.append(diag("SG901", f"primary key {target} exists in the database but the spec declares none",
                            span, target=target))
        elif (epk.name, epk.columns) != (apk.name, apk.columns):
            out.append(_mismatch(f"primary key of {t}", _pk(epk), _pk(apk), span, f"{t}.{epk.name}"))

    _compare_named(exp, "foreign key", exp.foreign_keys, act.foreign_keys, _fk_shape, out)
    _compare_named(exp, "unique constraint", exp.uniques, act.uniques, lambda u: _cols(u.columns), out)
    _compare_named(exp, "check constraint", exp.checks, act.checks, None, out,
                   expr=lambda e, a: same("check", t, None, e.expression, a.expression),
                   show=lambda c: f"CHECK ({c.expression})")
    _compare_named(exp, "index", exp.indexes, act.indexes, _index_shape, out,
                   expr=lambda e, a: same("index", t, None, e.where, a.where) if e.where and a.where
                   else e.where == a.where,
                   show=lambda i: _index_shape(i) + (f" WHERE {i.where}" if i.where else ""))


def _compare_named(table: Table, kind: str, expected, actual, shape, out: list, *, expr=None, show=None) -> None:
    """Constraints and indexes of one table, matched by name."""
    by_exp = {o.name: o for o in expected}
    by_act = {o.name: o for o in actual}
    show = show or shape
    for name in sorted(by_exp.keys() | by_act.keys()):
        e, a = by_exp.get(name), by_act.get(name)
        target = f"{table.name}.{name}"
        span = (e.span if e else None) or table.span
        invalid = a is not None and getattr(a, "valid", True) is False
        if invalid:
            # reported whether or not the specs declare it: IF NOT EXISTS would skip it forever
            out.append(diag("SG903", f"index {target} is INVALID (a CREATE INDEX CONCURRENTLY failed)", span,
                            target=target, hint=f'DROP INDEX CONCURRENTLY "{name}", fix the cause, and re-run the '
                            "migration that creates it"))
        if a is None:
            out.append(diag("SG900", f"{kind} {target} is missing from the database", span, target=target,
                            notes=(show(e),)))
        elif e is None:
            if not invalid:
                out.append(diag("SG901", f"{kind} {target} exists in the database but the spec does not declare "
                                "it", span, target=target, notes=(show(a),)))
        else:
            if (shape and shape(e) != shape(a)) or (expr and not expr(e, a)):
                out.append(_mismatch(f"{kind} {target}", show(e), show(a), span, target))
            if getattr(a, "validated", True) is False:
                out.append(diag("SG902", f"{kind} {target} is NOT VALID in the database: it was never validated",
                                span, target=target, hint=f"run ALTER TABLE ... VALIDATE CONSTRAINT \"{name}\""))


def _mismatch(what: str, expected: str, actual: str, span, target: str) -> Diagnostic:
    return diag("SG902", f"{what} differs: expected {expected}, actual {actual}", span, target=target)


def _cols(columns) -> str:
    return "(" + ", ".join(columns) + ")"


def _pk(pk) -> str:
    return f"{pk.name} {_cols(pk.columns)}"


def _fk_shape(fk) -> str:
    return f"{_cols(fk.columns)} REFERENCES {fk.ref_table}{_cols(fk.ref_columns)} ON DELETE {fk.on_delete}"


def _index_shape(ix) -> str:
    return ("UNIQUE " if ix.unique else "") + f"USING {ix.using} {_cols(ix.columns)}"


def _names(expected_cols, actual_cols) -> list[str]:
    """Declared columns in spec order, then the undeclared ones in table order: reads like the spec."""
    seen = [c.name for c in expected_cols]
    return seen + [c.name for c in actual_cols if c.name not in set(seen)]
