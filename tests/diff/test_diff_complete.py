"""diff(a, b) is empty exactly when a == b: every compared field of the IR has an operation.

If a field could change without an operation, the compiled state would silently disagree with the
specs (check would call generated/ stale but name nothing), and no rule could ever judge the change.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from specguard.compiler.diff import diff
from specguard.compiler.ir import catalog as ir
from specguard.compiler.ir import ops as o

from .strategies import full_catalogs


def _compared_fields(cls) -> set[str]:
    return {f.name for f in dataclasses.fields(cls) if f.compare}


@given(full_catalogs(), full_catalogs())
def test_diff_is_empty_exactly_when_equal(a, b):
    assert (diff(a, b) == []) == (a == b)
    assert diff(a, a) == [] and diff(b, b) == []


@given(full_catalogs(), st.data())
def test_every_single_edit_has_an_operation(a, data):
    b = data.draw(_edited(a))
    if a != b:
        ops = diff(a, b)
        assert ops, "a change with no operation"


@st.composite
def _edited(draw, c: ir.Catalog) -> ir.Catalog:
    edits = []
    if c.tables:
        t = draw(st.sampled_from(c.tables))
        edits += [
            lambda: _table(c, replace(t, critical=not t.critical)),
            lambda: _table(c, replace(t, columns=tuple(reversed(t.columns)))),
            lambda: _table(c, replace(t, columns=tuple(
                replace(col, deprecated=None if col.deprecated else "gone", nullable=True) for col in t.columns))),
            lambda: _table(c, replace(t, columns=tuple(replace(col, config=None if col.config else "tool_config")
                                                       for col in t.columns))),
        ]
    if c.configs:
        cfg = draw(st.sampled_from(c.configs))
        edits.append(lambda: replace(c, configs=tuple(replace(x, schema_json='{"type":"array"}') if x == cfg else x
                                                      for x in c.configs)))
    if c.cache_policies:
        p = draw(st.sampled_from(c.cache_policies))
        field = draw(st.sampled_from(sorted(_compared_fields(ir.CachePolicy) - {"name"})))
        new = {"model": "Other", "key": "k:{id}", "ttl_anonymous": 7, "ttl_authenticated": 8, "invalidate_on": ("X",),
               "chunk_max_bytes": 99, "critical": not p.critical}[field]
        edits.append(lambda: replace(c, cache_policies=tuple(replace(x, **{field: new}) if x == p else x
                                                             for x in c.cache_policies)))
    return draw(st.sampled_from(edits))() if edits else c


def _table(c: ir.Catalog, t: ir.Table) -> ir.Catalog:
    return replace(c, tables=tuple(t if x.name == t.name else x for x in c.tables))


def test_every_cache_policy_field_has_an_operation():
    from specguard.compiler.diff.cache import _ATTRIBUTES

    covered = {f for _, fields in _ATTRIBUTES for f in fields}
    assert covered == _compared_fields(ir.CachePolicy) - {"name"}


def test_record_operations_produce_no_sql_and_schema_operations_do():
    assert all(not t.produces_sql for t in o.RECORD_OPS)
    assert all(t.produces_sql for t in o.SCHEMA_OPS)
    assert set(o.ALL_OPS) == set(o.SCHEMA_OPS) | set(o.RECORD_OPS)


def test_the_planner_refuses_an_operation_kind_it_does_not_know():
    import pytest

    from specguard.compiler.emit.sql import plan_ops

    @dataclasses.dataclass(frozen=True)
    class Mystery(o.Op):
        target = "T.x"

    with pytest.raises(TypeError, match="no step for Mystery"):
        plan_ops([Mystery()], "m")
    # operations that change only the compiled state are not the planner's business
    cfg = ir.ConfigVersion("c", 1, "{}")
    assert plan_ops([o.AddConfigVersion(cfg)], "m") == []
