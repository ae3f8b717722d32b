"""Minimal reproductions of the bugs the property tests in this folder found, one test each."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from specguard.compiler.pipeline import compile_catalog as compile_migrations
from specguard.compiler.pipeline import load_texts
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


def _compile_steps(tmp_path, pg_admin_url, *yaml_texts):
    from specguard.db.verify import verify

    cat = None
    for i, text in enumerate(yaml_texts):
        cat = catalog(text)
        r = compile_migrations(tmp_path, cat, name=f"step{i}", now=NOW.replace(hour=i))
        assert r.ok, r.diagnostics
    return verify(tmp_path / "migrations", cat, pg_admin_url)


@pytest.mark.pg
def test_two_enum_values_added_in_front(pg_admin_url, tmp_path):
    """The first new value was placed BEFORE the second new one, which did not exist yet."""
    problems = _compile_steps(tmp_path, pg_admin_url,
                              "kind: enum\nname: E\nvalues: [c]\n",
                              "kind: enum\nname: E\nvalues: [a, b, c]\n")
    assert problems == []


@pytest.mark.parametrize("index", ["indexes:\n  - columns: [b]\n", "unique:\n  - [b]\n", ""])
def test_model_named_like_an_index_is_refused(index):
    """Tables and indexes share pg_class: ``CREATE TABLE IF NOT EXISTS "A_b_idx"`` after the index
    ``A_b_idx`` (or the reverse) silently skipped one of them, and compile accepted the specs."""
    clash = {"indexes": "A_b_idx", "unique": "A_b_key", "": "A_pkey"}[index.split(":")[0]]
    text = ("kind: model\nname: A\ncolumns:\n  id: {type: integer, primary_key: true}\n  b: {type: integer}\n"
            f"{index}---\nkind: model\nname: {clash}\ncolumns:\n  id: {{type: integer, primary_key: true}}\n")
    assert "SG206" in {d.code for d in load_texts({"specs/a.yaml": text}).diagnostics}


@pytest.mark.pg
def test_making_a_column_required_on_a_table_with_nulls(pg_admin_url, tmp_path):
    """`nullable: true` -> required with a default: old NULLs are backfilled with the default before the
    NOT NULL check is validated (found by the edit-sequence property test: it used to fail there)."""
    import shutil

    from specguard.db.replay import apply_migrations
    from specguard.db.server import connect, scratch_database

    head = "kind: model\nname: T\ncolumns:\n  id: {type: integer, primary_key: true}\n"
    first = compile_migrations(tmp_path / "g", catalog(head + "  n: {type: text, nullable: true}\n"), name="a", now=NOW)
    second = compile_migrations(tmp_path / "g", catalog(head + "  n: {type: text, default: x}\n"), name="b",
                                now=NOW.replace(hour=5))
    assert first.ok and second.ok
    with scratch_database(pg_admin_url) as url:
        for r, folder in ((first, "one"), (second, "two")):
            for m in r.migrations:
                shutil.copytree(tmp_path / "g" / "migrations" / m.folder, tmp_path / folder / m.folder)
        apply_migrations(url, tmp_path / "one")
        with connect(url) as conn:
            conn.execute('INSERT INTO "T" (id) VALUES (1)')
        apply_migrations(url, tmp_path / "two")  # the default backfills the NULL before NOT NULL is validated
        with connect(url) as conn:
            assert conn.execute('SELECT n FROM "T"').fetchall() == [("x",)]
    # without a default, the rules refuse it (SG308) unless accepted
    third = compile_migrations(tmp_path / "g3", catalog(head + "  n: {type: text, nullable: true}\n"), name="a", now=NOW)
    refused = compile_migrations(tmp_path / "g3", catalog(head + "  n: {type: text}\n"), name="b", now=NOW.replace(hour=5))
    assert third.ok and [d.code for d in refused.diagnostics] == ["SG308"]


@pytest.mark.parametrize("name", ["Companion2PersonalityConfigHistorySnapshotsV3",
                                  "OrderLineItem2FulfillmentShipmentTrackingEvents"])
def test_long_descriptive_identifier_is_not_a_credential(name):
    """A 32+ character name with lower case, upper case and a digit used to be refused as a 'random token'."""
    text = f"kind: model\nname: {name}\ncolumns:\n  id: {{type: integer, primary_key: true}}\n"
    assert [d.code for d in load_texts({"specs/a.yaml": text}).diagnostics] == []


@pytest.mark.pg
def test_json_array_default_elements_are_json_texts(pg_admin_url, tmp_path):
    """Each element of a json[] literal is a JSON text: the YAML string "a" must be written "\\"a\\""
    (found by the deep profile: `invalid input syntax for type json`)."""
    from specguard.db.verify import verify

    cat = catalog("kind: model\nname: T\ncolumns:\n  id: {type: integer, primary_key: true}\n"
                  "  j: {type: 'json[]', default: ['a\"}b', 1, {k: [true, null]}]}\n"
                  "  jb: {type: 'jsonb[]', default: [x]}\n")
    assert compile_migrations(tmp_path, cat, name="init", now=NOW).ok
    assert verify(tmp_path / "migrations", cat, pg_admin_url) == []


def test_strings_that_yaml_12_reads_as_numbers_are_numbers():
    """`09` and `1e3` are numbers in YAML 1.2 (PyYAML's own dumper, YAML 1.1, leaves them unquoted):
    an enum value written that way is reported, with its place, rather than silently changed."""
    r = load_texts({"specs/e.yaml": "kind: enum\nname: E\nvalues: [a, 09]\n"})
    assert [(d.code, str(d.span)) for d in r.diagnostics] == [("SG107", "specs/e.yaml:3:13")]
