"""The catalog cache's JSON form keeps every field: a decoded catalog is the catalog, field for field
(spans, descriptions, ``renamed_from``, YAML literals and the type of every container included), and
an entry that is not one is a miss, never a wrong catalog."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specguard.compiler.ir import catalog as ir
from specguard.compiler.store.catcache import MAX_ENTRIES, CatalogCache
from specguard.compiler.store.catcodec import Unencodable, decode_catalog, encode_catalog
from specguard.diagnostics import Span

from .strategies import catalogs

ROOT = Path(__file__).resolve().parents[2]
LITERALS = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.floats(allow_nan=False,
                        allow_infinity=False),
                        lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
                        | st.dictionaries(st.text(max_size=3), inner, max_size=3), max_leaves=8)


def full(value):
    """Every field of every object, with the type of every value: what equality leaves out too."""
    if dataclasses.is_dataclass(value):
        return (type(value).__name__, *(full(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, (tuple, list)):
        return (type(value).__name__, *map(full, value))
    if isinstance(value, dict):
        return ("dict", *((k, full(v)) for k, v in value.items()))
    return (type(value).__name__, value)


@given(catalogs(), st.lists(LITERALS, max_size=4))
def test_round_trip_keeps_every_field(c, literals):
    # the YAML literal of a default is any JSON value, as the spec wrote it
    tables = list(c.tables)
    for i, lit in enumerate(literals[: len(tables)]):
        cols = tables[i].columns
        tables[i] = replace(tables[i], columns=(replace(cols[0], default=ir.Default("0", False, lit)), *cols[1:]),
                            description="about it", renamed_from="Old")
    c = replace(c, tables=tuple(tables))
    back = decode_catalog(encode_catalog(c))
    assert full(back) == full(c)
    assert back == c


def test_the_example_catalog_round_trips():
    from specguard.compiler.pipeline import load

    catalog = load(ROOT / "specs").catalog
    assert full(decode_catalog(encode_catalog(catalog))) == full(catalog)


@pytest.mark.parametrize("value", [float("nan"), {1: "a"}, {"a"}, b"x", Span("f", 1, 1)])
def test_a_value_json_would_change_is_refused(value):
    c = ir.Catalog(tables=(ir.Table("T", (ir.Column("a", ir.ColumnType("int"), default=ir.Default("0", literal=value)),)),))
    with pytest.raises(Unencodable):
        encode_catalog(c)


@pytest.mark.parametrize("text", ["", "[]", '{"files": [], "catalog": [[], [], []]}', '{"files": [3], "catalog": []}',
                                  '{"files": [], "catalog": [[["T"]], [], [], []]}',
                                  '{"files": [], "catalog": [[], [], [], [[1, 2, 3]]]}'])
def test_an_entry_that_is_not_a_catalog_is_a_miss(tmp_path, text):
    cache = CatalogCache(tmp_path, b"stamp")
    key = cache.key("x")
    (tmp_path / f"{key}.json").write_text(text)
    assert cache.get(key) is None


def test_entries_are_bounded_and_recent_ones_kept(tmp_path):
    cache = CatalogCache(tmp_path, b"stamp")
    keys = [cache.key(str(i)) for i in range(MAX_ENTRIES + 3)]
    for i, k in enumerate(keys):
        cache.put(k, ir.Catalog())
        os.utime(tmp_path / f"{k}.json", (1_000 + i, 1_000 + i))  # an order that coarse clocks keep too
    assert sorted(p.stem for p in tmp_path.glob("*.json")) == sorted(keys[-MAX_ENTRIES:])
    assert cache.get(keys[-1]) == ir.Catalog()
    assert CatalogCache(tmp_path, b"other stamp").key("0") != cache.key("0")
