"""Minimal reproductions of the bugs the property tests in this folder found, one test each."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from specguard.compiler.pipeline import load_texts
from specguard.compiler.store.compile import compile_migrations
from specguard.diagnostics import Severity

NOW = datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


def catalog(yaml_text: str):
    r = load_texts({"specs/a.yaml": yaml_text})
    assert [d for d in r.diagnostics if d.severity is Severity.ERROR] == []
    return r.catalog


@pytest.mark.pg
def test_default_that_is_not_a_b_expr_is_parenthesized(pg_admin_url, tmp_path):
    """``DEFAULT NOT FALSE`` is a syntax error in a column definition (only b_expr may follow)."""
    from specguard.db.verify import verify

    cat = catalog("kind: model\nname: T\ncolumns:\n  id: {type: integer, primary_key: true}\n"
                  "  flag: {type: boolean, default: {sql: NOT false}}\n")
    assert compile_migrations(tmp_path, cat, name="init", now=NOW).ok
    assert verify(tmp_path / "migrations", cat, pg_admin_url) == []
