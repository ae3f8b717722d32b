"""The compatibility checker against the validator and the upgrader, on random schemas and changes.

For a random version 1, a random change of it (version 2) and random upgrade steps:
- a change called backward compatible never rejects an upgraded version-1 document: every document
  jsonschema's Draft202012Validator accepts under version 1, upgraded by ``ir/upgrade.py``, is
  accepted under version 2;
- a change called forward compatible: every version-2 document is accepted under version 1;
- a change called incompatible shows a counterexample that the validator and the upgrader confirm;
- where the drawn documents hold a counterexample, the checker found one too (not only "unproven").
The documents are drawn around each schema's edges (tests/property/schemagen.py), and the validator
alone decides which of them are documents of a version.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
import schemagen  # noqa: E402

from specguard.compiler.ir.catalog import ConfigUpgrade, ConfigVersion, canonical_json  # noqa: E402
from specguard.compiler.ir.upgrade import upgrade_document  # noqa: E402
from specguard.compiler.schemacompat.modes import judge_version  # noqa: E402
from specguard.compiler.schemacompat.refs import RefError, check_refs  # noqa: E402

DOCS_PER_CHANGE = 30


def _validator(schema):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _up(steps: dict) -> ConfigUpgrade | None:
    if not steps:
        return None
    freeze = lambda v: canonical_json(v) if isinstance(v, (dict, list)) else v  # noqa: E731
    return ConfigUpgrade(
        rename=tuple(sorted(steps.get("rename", {}).items())),
        remove=tuple(sorted(steps.get("remove", []))),
        map_values=tuple(sorted((k, tuple(sorted(m.items()))) for k, m in steps.get("map_values", {}).items())),
        set=tuple(sorted((k, freeze(v)) for k, v in steps.get("set", {}).items())),
    )


@st.composite
def changes(draw):
    v1 = draw(schemagen.config_schema())
    v2 = draw(schemagen.changed(v1))
    assume(_refs_ok(v2))  # an edit may drop `$defs`: the resolver refuses that version (SG640)
    steps = draw(schemagen.upgrade_steps(v1, v2))
    return ConfigVersion("c", 1, canonical_json(v1)), ConfigVersion("c", 2, canonical_json(v2), _up(steps))


def _refs_ok(schema: dict) -> bool:
    try:
        check_refs(schema)
    except RefError:
        return False
    return True


def _valid_docs(data, schema: dict, n: int) -> list:
    validator = _validator(schema)
    drawn = data.draw(st.lists(schemagen.documents(schema, schema), min_size=n, max_size=n))
    return [d for d in drawn if isinstance(d, dict) and validator.is_valid(d)]


def _confirm(f, v1: ConfigVersion, v2: ConfigVersion) -> None:
    """A counterexample is a document of the writer that the reader rejects (after the upgrade)."""
    w = f.witness
    writer, reader = (v1, v2) if f.direction == "backward" else (v2, v1)
    assert _validator(writer.schema).is_valid(w.document), f
    received = upgrade_document(w.document, v2) if f.direction == "backward" else w.document
    assert received == w.received
    assert not _validator(reader.schema).is_valid(received), f


HEALTH = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large]


@settings(suppress_health_check=HEALTH)
@given(change=changes(), data=st.data())
def test_compatible_changes_never_reject_an_upgraded_document(change, data):
    _judge_against_documents(change, data, complete=False)


# Deterministic in every profile: a counterexample the checker misses is a weakness to fix, found by
# the deep profile and then kept as a regression, never a random failure of someone else's run.
@settings(suppress_health_check=HEALTH, derandomize=True, database=None)
@given(change=changes(), data=st.data())
def test_the_checker_finds_the_counterexamples_documents_show(change, data):
    _judge_against_documents(change, data, complete=True)


def _judge_against_documents(change, data, complete: bool) -> None:
    v1, v2 = change
    findings = judge_version((v1,), v2, "full")
    for f in findings:
        if f.witness is not None:
            _confirm(f, v1, v2)
    v1_validator, v2_validator = _validator(v1.schema), _validator(v2.schema)
    for doc in _valid_docs(data, v1.schema, DOCS_PER_CHANGE):
        upgraded = upgrade_document(doc, v2)
        if not v2_validator.is_valid(upgraded):
            _proven(findings, "backward", doc, upgraded, complete)
    for doc in _valid_docs(data, v2.schema, DOCS_PER_CHANGE):
        if not v1_validator.is_valid(doc):
            _proven(findings, "forward", doc, doc, complete)


def _proven(findings, direction: str, doc, received, complete: bool) -> None:
    """A counterexample exists: the change was not called compatible (and the checker found one too)."""
    mine = [f for f in findings if f.direction == direction]
    assert mine, f"called {direction} compatible, but {doc} becomes {received}, which is rejected"
    if complete:
        assert any(f.witness is not None for f in mine), f"{direction}: no counterexample found, but {doc} is one"


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(schema=schemagen.config_schema(), data=st.data())
def test_a_version_is_compatible_with_itself(schema, data):
    """Nothing between a schema and itself, but defaults its own schema rejects, and those are shown."""
    v1 = ConfigVersion("c", 1, canonical_json(schema))
    v2 = ConfigVersion("c", 2, canonical_json(schema))
    findings = judge_version((v1,), v2, "full_transitive")
    assert [f for f in findings if f.direction == "forward"] == []
    for f in findings:
        assert "default" in canonical_json(schema), f  # only a filled-in default can be rejected
        if f.witness is not None:
            _confirm(f, v1, v2)
        else:  # unproven is honest only where no version-1 document exists to show it
            assert not _valid_docs(data, schema, DOCS_PER_CHANGE), f


@pytest.mark.parametrize("mode", ["none"])
def test_mode_none_checks_nothing(mode):
    v1 = ConfigVersion("c", 1, canonical_json({"type": "object", "properties": {"a": {"type": "string"}}}))
    v2 = ConfigVersion("c", 2, canonical_json({"type": "object", "properties": {"a": {"type": "integer"}}}))
    assert judge_version((v1,), v2, mode) == ()
    assert [f.direction for f in judge_version((v1,), v2, "full")] == ["backward", "forward"]
