"""compile and check with the real diff, rules and emit stages on the example application."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import pytest

pytest.importorskip("specguard.compiler.emit.sql.planner", reason="emit/plan.py (plan_migrations) has not landed")
pytest.importorskip("specguard.compiler.rules", reason="rules/ (check_changes) has not landed")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "cases"))
import yamlcases  # noqa: E402

from specguard.compiler.pipeline import check_compiled as check_generated  # noqa: E402
from specguard.compiler.pipeline import compile_catalog as compile_migrations  # noqa: E402
from specguard.compiler.pipeline import plan_catalog as plan
from specguard.compiler.rules.accept import parse_accept  # noqa: E402
from specguard.compiler.store.snapshot import load_state  # noqa: E402

from .helpers import NOW, mtimes, tree  # noqa: E402

# the example application as the golden case "initial" declares it (tests/cases/initial/after/)
TEXTS = {p: b.decode() for p, b in yamlcases.read_side(yamlcases.CASES_DIR / "initial", "after").items()}


def app(*edits: tuple[str, str, str]):
    """The example application's catalog after ``(file, old, new)`` text replacements in its specs."""
    texts = dict(TEXTS)
    for name, old, new in edits:
        path = f"after/models/{name}.yaml"
        assert texts[path].count(old) == 1, (path, old)
        texts[path] = texts[path].replace(old, new)
    return yamlcases.load_side(texts).catalog


APP = app()
CREATED = "  createdAt:   {type: timestamptz, default: {sql: now()}}\n"
EDITED_AT = ("message", CREATED, CREATED + "  editedAt:    {type: timestamptz, nullable: true}\n")


def test_initial_compile_is_clean_and_stable(tmp_path):
    r = compile_migrations(tmp_path, APP, name="init", now=NOW)
    assert r.ok, r.diagnostics
    folders = [m.folder for m in r.migrations]
    assert folders == sorted(folders) and folders[0] == "20250102030405_init"
    assert load_state(tmp_path / "state.json")[0] == APP
    assert check_generated(tmp_path, APP) == []
    # habit 5: compiling the compiled state again yields no change
    before, stamps = tree(tmp_path), mtimes(tmp_path)
    again = compile_migrations(tmp_path, APP, name="again", now=NOW + timedelta(days=1))
    assert again.ok and again.written == () and tree(tmp_path) == before and mtimes(tmp_path) == stamps


def test_deterministic_across_directories(tmp_path):
    later = app(EDITED_AT)
    for d in ("a", "b"):
        assert compile_migrations(tmp_path / d, APP, name="init", now=NOW).ok
        assert compile_migrations(tmp_path / d, later, name="edited_at", now=NOW).ok
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_each_script_gets_its_own_folder_in_order(tmp_path):
    compile_migrations(tmp_path, APP, name="init", now=NOW)
    last_index = "  - columns: [companionId, userId, createdAt]\n"
    spec = app(EDITED_AT, ("message", last_index, last_index + "  - columns: [editedAt]\n"))
    r = compile_migrations(tmp_path, spec, name="edited", now=NOW)
    assert r.ok, r.diagnostics
    assert len(r.migrations) >= 2
    stamps = [m.folder[:14] for m in r.migrations]
    assert stamps == sorted(set(stamps))
    assert any(not m.transactional for m in r.migrations)
    assert check_generated(tmp_path, spec) == []


def test_drop_table_is_refused_then_accepted(tmp_path):
    compile_migrations(tmp_path, APP, name="init", now=NOW)
    group_message = TEXTS["after/models/group_chat.yaml"].split("---\n")[1]
    dropped = app(("group_chat", "---\n" + group_message, ""))
    refused = plan(tmp_path, dropped, name="drop_group_message", now=NOW)
    assert not refused.ok and "SG300" in {d.code for d in refused.diagnostics}
    before = tree(tmp_path)
    assert not compile_migrations(tmp_path, dropped, name="drop_group_message", now=NOW).ok
    assert tree(tmp_path) == before
    accepts = [parse_accept(f"{d.code}:{d.target}", "replaced by the v2 chat service")
               for d in refused.diagnostics if d.severity.value == "error"]
    r = compile_migrations(tmp_path, dropped, name="drop_group_message", now=NOW, accepts=accepts)
    assert r.ok, r.diagnostics
    assert {a.code for a in r.accepted} >= {"SG300"}
    first = (tmp_path / "migrations" / r.migrations[0].folder / "migration.sql").read_text()
    assert first.startswith("-- specguard: accepted findings")
    assert check_generated(tmp_path, dropped) == []


def test_stale_names_real_ops(tmp_path):
    compile_migrations(tmp_path, APP, name="init", now=NOW)
    spec = app(EDITED_AT)
    (d,) = check_generated(tmp_path, spec)
    assert d.code == "SG800" and "1 change(s) pending" in d.message and "Message.editedAt" in d.message


def test_random_catalogs_compile_clean_and_stable(tmp_path_factory):
    """Any valid catalog, then any other: compile (accepting what the gate refuses), check is clean."""
    from hypothesis import given, settings

    from .strategies import catalogs

    @settings(max_examples=30, deadline=None)
    @given(catalogs(), catalogs())
    def run(first, second):
        import dataclasses

        # released config versions are immutable (SG802 cannot be accepted): keep them
        second = dataclasses.replace(second, configs=first.configs)
        gen = tmp_path_factory.mktemp("gen")
        for i, spec in enumerate((first, second)):
            refused = plan(gen, spec, name=f"step{i}", now=NOW)
            accepts = [parse_accept(f"{d.code}:{d.target}", "property test")
                       for d in refused.diagnostics if d.severity.value == "error"]
            r = compile_migrations(gen, spec, name=f"step{i}", now=NOW, accepts=accepts)
            assert r.ok, r.diagnostics
            assert check_generated(gen, spec) == []
            before = tree(gen)
            assert compile_migrations(gen, spec, name="noop", now=NOW).written == ()
            assert tree(gen) == before

    run()
