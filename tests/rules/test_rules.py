"""Table-driven rule tests: for each rule, changes that must fire (with span) and must not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from specguard.compiler.ir.catalog import Catalog, Column, ColumnType, Default, Enum, Table
from specguard.compiler.diff import diff
from specguard.compiler.rules import RULES, check_changes
from specguard.compiler.rules.registry import lookup
from specguard.diagnostics import Severity, Span

SPAN = Span("specs/models/t.yaml", 7, 5)
U, TXT, INT = ColumnType("uuid"), ColumnType("text"), ColumnType("integer")
ID = Column("id", U)


def cat(*cols: Column, name="T", enums=(), extra=()) -> Catalog:
    return Catalog(tables=(Table(name, (ID, *cols), span=SPAN), *extra), enums=enums)


def col(name, type_=TXT, **kw) -> Column:
    return Column(name, type_, span=SPAN, **kw)


E3 = Enum("E", ("a", "b", "c"), span=SPAN)
E_COL = col("e", ColumnType("E", enum=True))

# (id, old, new, expected [(code, target)])
CASES = [
    ("drop-table", cat(), Catalog(), [("SG300", "T")]),
    ("rename-table-is-not-drop", cat(), Catalog(tables=(Table("U", (ID,), renamed_from="T", span=SPAN),)), [("SG305", "U")]),
    ("drop-deprecated-column", cat(col("x", nullable=True, deprecated="old")), cat(), [("SG301", "T.x")]),
    ("drop-column", cat(col("x")), cat(), [("SG302", "T.x")]),
    ("deprecate-column", cat(col("x")), cat(col("x", nullable=True, deprecated="old")), []),
    ("rename-column", cat(col("x")), cat(col("y", renamed_from="x")), [("SG305", "T.y")]),
    ("narrow-varchar", cat(col("x", ColumnType("varchar", (20,)))), cat(col("x", ColumnType("varchar", (10,)))), [("SG303", "T.x")]),
    ("text-to-int", cat(col("x")), cat(col("x", INT)), [("SG303", "T.x")]),
    ("widen-varchar", cat(col("x", ColumnType("varchar", (10,)))), cat(col("x")), []),
    ("int-to-bigint", cat(col("x", INT)), cat(col("x", ColumnType("bigint"))), [("SG400", "T.x")]),
    ("enum-value-added", cat(E_COL, enums=(E3,)), cat(E_COL, enums=(replace(E3, values=("a", "b", "c", "d")),)), []),
    ("enum-value-removed", cat(E_COL, enums=(E3,)), cat(E_COL, enums=(replace(E3, values=("a", "b")),)),
     [("SG304", "E"), ("SG400", "E")]),
    ("enum-reordered", cat(E_COL, enums=(E3,)), cat(E_COL, enums=(replace(E3, values=("c", "b", "a")),)), [("SG400", "E")]),
    ("enum-removed-unused", cat(enums=(E3,)), cat(), [("SG306", "E")]),
    ("required-column", cat(), cat(col("x")), [("SG307", "T.x")]),
    ("required-column-with-default", cat(), cat(col("x", default=Default("'a'"))), []),
    ("nullable-column", cat(), cat(col("x", nullable=True)), []),
    ("made-required", cat(col("x", nullable=True)), cat(col("x")), [("SG308", "T.x")]),
    ("made-required-with-default", cat(col("x", nullable=True)), cat(col("x", default=Default("'a'"))), []),
    ("made-nullable", cat(col("x")), cat(col("x", nullable=True)), []),
    ("required-column-new-table", Catalog(), cat(col("x")), []),
    ("volatile-default", cat(), cat(col("x", U, default=Default("gen_random_uuid()", volatile=True))), [("SG401", "T.x")]),
    ("stable-default", cat(), cat(col("x", ColumnType("timestamptz"), default=Default("now()"))), []),
    ("volatile-default-new-table", Catalog(), cat(col("x", U, default=Default("gen_random_uuid()", volatile=True))), []),
]


@pytest.mark.parametrize("old, new, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule(old, new, expected):
    diags = check_changes(diff(old, new), old, new)
    assert sorted((d.code, d.target) for d in diags) == sorted(expected)
    for d in diags:
        assert d.span == SPAN, d  # file, line and column of the object the change concerns
        rule = lookup(d.code)  # severity and category come from the rule that fired
        assert (d.severity, d.category) == (rule.severity, rule.category) and d.hint
        if "--accept" in d.hint:  # as written it must work: a reason is required, warnings are never gated
            assert "--reason" in d.hint and d.severity is Severity.ERROR, d.hint


def test_every_rule_is_registered_under_its_code_and_name():
    for module in RULES:
        assert lookup(module.RULE.code) is lookup(module.RULE.name) is module.RULE


def test_every_rule_fires_somewhere():
    fired = {code for _, old, new, exp in CASES for code, _ in exp}
    assert {r.RULE.code for r in RULES} <= fired
