"""A state.json that does not describe a catalog says what is wrong with it, value by value."""

from __future__ import annotations

import json

import pytest

from specguard.compiler.store.snapshot import StateError, catalog_from_json

PREFIX = "state.json does not describe a catalog: "
COL = {"name": "id", "type": "uuid"}


@pytest.mark.parametrize("catalog,problem", [
    ({"tables": {}}, "expected a list, not {}"),
    ({"tables": [{"name": "A", "columns": [{"name": "id", "type": 3}]}]}, "a column type is a string, not 3"),
    ({"tables": [{"name": "A", "columns": [{**COL, "bogus": 1}]}]}, "unknown key(s) ['bogus'] in Column"),
    ({"tables": [{"name": 5}]}, "expected str, not 5"),
    ({"tables": [{"name": "A", "columns": "x"}]}, "expected a list, not 'x'"),
    ({"tables": [{"name": "A", "columns": [{**COL, "nullable": 1}]}]}, "expected bool, not 1"),
    ({"tables": [{"name": "A", "columns": [{**COL, "type": "uuid("}]}]}, "invalid column type 'uuid('"),
    ({"enums": [{"name": "E", "values": ["a", 1]}]}, "expected str, not 1"),
    ({"configs": [{"name": "c", "version": True, "schema": {}}]}, "expected int, not True"),
    ({"tables": [{"name": "A", "columns": [COL], "primary_key": {"name": "p", "columns": "id"}}]},
     "expected a list, not 'id'"),
    ([], "Catalog must be an object, not list"),
])
def test_malformed_catalogs(catalog, problem):
    with pytest.raises(StateError) as exc:
        catalog_from_json(json.dumps({"format": 1, "catalog": catalog}), "generated/state.json")
    d = exc.value.diagnostic
    assert (d.code, d.message, str(d.span)) == ("SG803", PREFIX + problem, "generated/state.json")
