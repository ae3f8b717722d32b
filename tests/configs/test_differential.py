"""Differential proof: on random schemas and documents, a generated Pydantic validator accepts exactly
what ``jsonschema``'s Draft202012Validator accepts (formats asserted, as specguard asserts them)."""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from specguard.compiler.ir.schemakeywords import unsupported_keywords

from .docgen import valid_documents
from .generated import compile_schema
from .schemagen import buildable_schemas, documents_near, schemas

pytestmark = pytest.mark.slow


def _agree(model, schema, docs) -> None:
    """``model_validate`` and the module's ``is_valid_probe`` both give jsonschema's verdict."""
    reference = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    is_valid = sys.modules[model.__module__].is_valid_probe
    for doc in docs:
        try:
            model.model_validate(doc)
            ours = True
        except ValidationError:
            ours = False
        note(f"document {doc!r}: ours {ours}")
        expected = reference.is_valid(doc)
        assert ours == expected, f"{doc!r} under {schema!r}"
        assert is_valid(doc) == expected, f"is_valid_probe: {doc!r} under {schema!r}"


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data(), schema=schemas())
def test_generated_validator_agrees_with_jsonschema(tmp_path_factory, data, schema):
    assume(not unsupported_keywords(schema))
    Draft202012Validator.check_schema(schema)
    model = compile_schema(tmp_path_factory.mktemp("diff"), schema)
    docs = data.draw(st.lists(documents_near(schema), min_size=1, max_size=12))
    _agree(model, schema, docs)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data(), schema=buildable_schemas())
def test_documents_valid_by_construction_are_accepted(tmp_path_factory, data, schema):
    """Documents built to be valid (where ``docgen`` can build them): both validators must agree."""
    strategy = valid_documents(schema)
    assume(strategy is not None and not unsupported_keywords(schema))
    docs = data.draw(st.lists(strategy, min_size=1, max_size=4))
    _agree(compile_schema(tmp_path_factory.mktemp("valid"), schema), schema, docs)
