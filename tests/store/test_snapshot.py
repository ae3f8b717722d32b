"""state.json: a canonical, lossless (for everything that takes part in equality) snapshot."""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from specguard.compiler.ir import catalog as ir
from specguard.compiler.store.snapshot import (
    AcceptedFinding,
    StateError,
    catalog_from_json,
    catalog_to_json,
    load_state,
)
from specguard.diagnostics import Span

from .strategies import catalogs

ACCEPTED = (AcceptedFinding("SG301", "Companion.legacyNotes", "moved to knowledgeConfig", "20250102030405_drop"),)


@given(catalogs())
def test_round_trip(c):
    text = catalog_to_json(c, ACCEPTED)
    back, accepted = catalog_from_json(text)
    assert back == c
    assert accepted == ACCEPTED
    # deterministic byte for byte, and a fixed point: re-encoding what was read changes nothing
    assert catalog_to_json(c, ACCEPTED) == text
    assert catalog_to_json(back, accepted) == text


@given(catalogs())
def test_canonical_form(c):
    text = catalog_to_json(c)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    # presentation never reaches the snapshot (config schemas are user JSON: not searched)
    keys = set(_keys(json.loads(text)))
    assert not keys & {"span", "description", "renamed_from", "literal"}


def _keys(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k != "schema":
                yield k
                yield from _keys(v)
    elif isinstance(node, list):
        for v in node:
            yield from _keys(v)


def test_sample_shape():
    c = ir.Catalog(
        tables=(ir.Table("Companion", (
            ir.Column("id", ir.ColumnType("uuid"), default=ir.Default("gen_random_uuid()", True)),
            ir.Column("role", ir.ColumnType("MessageRole", enum=True)),
            ir.Column("name", ir.ColumnType("varchar", (40,), array=True), nullable=True,
                      description="shown", span=Span("specs/c.yaml", 3, 5)),
        ), primary_key=ir.PrimaryKey("Companion_pkey", ("id",))),),
        configs=(ir.ConfigVersion("personality_config", 1, '{"type":"object"}'),),
    )
    doc = json.loads(catalog_to_json(c))
    cols = doc["catalog"]["tables"][0]["columns"]
    assert cols == [
        {"name": "id", "type": "uuid", "default": {"sql": "gen_random_uuid()", "volatile": True}},
        {"name": "role", "type": "enum:MessageRole"},
        {"name": "name", "type": "varchar(40)[]", "nullable": True},
    ]
    assert doc["catalog"]["configs"] == [{"name": "personality_config", "version": 1, "schema": {"type": "object"}}]
    assert doc["format"] == 1 and doc["accepted"] == []


def test_missing_file_is_the_empty_catalog(tmp_path):
    assert load_state(tmp_path / "state.json") == (ir.Catalog(), ())


@pytest.mark.parametrize(
    "text, line, words",
    [
        ('{"format": 1,\n "catalog": {,}}\n', 2, "not valid JSON"),
        ('{"format": 99, "catalog": {}}\n', 0, "unknown format"),
        ('{"format": 1, "catalog": {"tables": [{"name": "T", "columns": [], "colour": 1}]}}', 0, "colour"),
        ('{"format": 1, "catalog": {"tables": [{"name": "T", "columns": [{"name": "a", "type": "text("}]}]}}', 0, "column type"),
        ('{"format": 1, "catalog": {"enums": [{"name": 3, "values": []}]}}', 0, "expected str"),
        ('{"format": 1, "catalog": {}, "accepted": [{"code": "SG300"}]}', 0, "does not describe"),
    ],
)
def test_malformed_state_is_sg803(tmp_path, text, line, words):
    p = tmp_path / "state.json"
    p.write_text(text)
    with pytest.raises(StateError) as e:
        load_state(p)
    d = e.value.diagnostic
    assert d.code == "SG803" and words in d.message
    assert d.span.file == str(p) and d.span.line == line


def test_schema_encoding_matches_the_builder():
    configs = pytest.importorskip("specguard.compiler.resolve.configs")
    schema = {"type": "object", "description": "Persönlichkeit — ☺", "properties": {"b": {}, "a": {"type": "string"}}}
    cv = ir.ConfigVersion("personality_config", 1, configs.canonical_json(schema))
    back, _ = catalog_from_json(catalog_to_json(ir.Catalog(configs=(cv,))))
    assert back.configs[0].schema_json == cv.schema_json
