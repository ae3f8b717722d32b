"""compile_catalog and plan_catalog: layout, determinism, refusals, acceptances, recovery."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from specguard.compiler.pipeline import check_compiled as check_generated
from specguard.compiler.pipeline import compile_catalog as compile_migrations
from specguard.compiler.pipeline import plan_catalog as plan
from specguard.compiler.rules.accept import Accept, parse_accept
from specguard.compiler.store import atomic
from specguard.compiler.store.layout import LOCK_CONTENT, migration_name
from specguard.compiler.store.snapshot import AcceptedFinding, load_state
from specguard.diagnostics import SpecguardError

from .helpers import NOW, catalog, col, config, mtimes, table, tree

V1 = catalog(table("User"))
V2 = catalog(table("User"), table("Message", col("id", "uuid"), col("body")))


def test_first_compile_layout(tmp_path):
    r = compile_migrations(tmp_path, V1, name="init", now=NOW)
    assert r.ok and [m.folder for m in r.migrations] == ["20250102030405_init"]
    assert r.written == (
        "migrations/20250102030405_init/migration.sql",
        "migrations/migration_lock.toml",
        "migrations.sum",
        "state.json",
    )
    files = tree(tmp_path)
    assert set(files) == set(r.written)
    assert files["migrations/migration_lock.toml"].decode() == LOCK_CONTENT
    assert files["migrations.sum"].decode().splitlines()[1].startswith("20250102030405_init sql=")
    assert load_state(tmp_path / "state.json") == (V1, ())
    assert check_generated(tmp_path, V1) == []


def test_compile_is_deterministic(tmp_path):
    for d in ("a", "b"):
        compile_migrations(tmp_path / d, V1, name="init", now=NOW)
        compile_migrations(tmp_path / d, V2, name="message", now=NOW + timedelta(hours=1))
    assert tree(tmp_path / "a") == tree(tmp_path / "b")


def test_unchanged_specs_write_nothing(tmp_path):
    compile_migrations(tmp_path, V1, name="init", now=NOW)
    before, stamps = tree(tmp_path), mtimes(tmp_path)
    r = compile_migrations(tmp_path, V1, name="again", now=NOW + timedelta(days=1))
    assert r.ok and r.written == () and r.migrations == ()
    assert tree(tmp_path) == before and mtimes(tmp_path) == stamps


def test_nothing_at_all_for_an_empty_catalog(tmp_path):
    r = compile_migrations(tmp_path / "generated", catalog(), name="init", now=NOW)
    assert r.ok and r.written == ()
    assert not (tmp_path / "generated").exists()


def test_timestamps_increase_and_follow_the_last_folder(tmp_path):
    compile_migrations(tmp_path, V1, name="init", now=NOW)
    v3 = catalog(table("User", indexes=[_index("User")]), table("Tag", col("id", "uuid")))
    # a clock behind the last migration (another machine, a rebase) still sorts after it
    r = compile_migrations(tmp_path, v3, name="tags", now=NOW - timedelta(days=3))
    assert r.ok, r.diagnostics
    assert [m.folder for m in r.migrations] == ["20250102030406_tags", "20250102030407_tags_idx_User_id"]
    assert [m.transactional for m in r.migrations] == [True, False]


def _index(t):
    from specguard.compiler.ir.catalog import Index

    return Index(f"{t}_id_idx", ("id",))


def test_naive_and_non_utc_now_are_handled(tmp_path):
    tz = timezone(timedelta(hours=2))
    r = plan(tmp_path, V1, name="init", now=datetime(2025, 1, 2, 5, 4, 5, 999, tzinfo=tz))
    assert r.migrations[0].folder == "20250102030405_init"
    r = plan(tmp_path, V1, name="init", now=datetime(2025, 1, 2, 3, 4, 5))
    assert r.migrations[0].folder == "20250102030405_init"


def test_plan_writes_nothing(tmp_path):
    r = plan(tmp_path / "g", V2, name="init", now=NOW)
    assert r.ok and len(r.migrations) == 1 and "Message" in r.migrations[0].sql
    assert not (tmp_path / "g").exists()


def test_refuses_to_compile_over_an_edited_history(tmp_path):
    compile_migrations(tmp_path, V1, name="init", now=NOW)
    f = tmp_path / "migrations/20250102030405_init/migration.sql"
    f.write_text("-- edited\n")
    before = tree(tmp_path)
    r = compile_migrations(tmp_path, V2, name="message", now=NOW)
    assert not r.ok and [d.code for d in r.diagnostics] == ["SG801"]
    assert r.written == () and tree(tmp_path) == before


def test_error_findings_need_an_accept(tmp_path):
    compile_migrations(tmp_path, V2, name="init", now=NOW)
    before = tree(tmp_path)
    r = compile_migrations(tmp_path, V1, name="drop_message", now=NOW)
    assert not r.ok and r.written == () and tree(tmp_path) == before
    (d,) = r.diagnostics
    assert (d.code, d.target) == ("SG300", "Message")
    assert "--accept SG300:Message" in d.hint


def test_accepted_finding_is_recorded_in_sql_and_state(tmp_path):
    compile_migrations(tmp_path, V2, name="init", now=NOW)
    reason = "replaced by GroupMessage;\nDROP TABLE \"User\"; -- sneaky"
    r = compile_migrations(tmp_path, V1, name="drop_message", now=NOW,
                           accepts=[parse_accept("drop-table:Message", reason)])
    assert r.ok, r.diagnostics
    folder = "20250102030406_drop_message"
    rec = AcceptedFinding("SG300", "Message", 'replaced by GroupMessage; DROP TABLE "User"; -- sneaky', folder)
    assert r.accepted == (rec,)
    sql = (tmp_path / "migrations" / folder / "migration.sql").read_text()
    head = sql.splitlines()[:2]
    assert head[0].startswith("-- specguard: accepted findings")
    assert head[1] == f"--   SG300 Message: {rec.reason}"  # the reason never leaves its comment line
    assert load_state(tmp_path / "state.json") == (V1, (rec,))
    assert check_generated(tmp_path, V1) == []


def test_accepted_findings_accumulate(tmp_path):
    v0 = catalog(table("User"), table("A"), table("B"))
    compile_migrations(tmp_path, v0, name="init", now=NOW)
    compile_migrations(tmp_path, catalog(table("User"), table("B")), name="drop_a", now=NOW,
                       accepts=[Accept("SG300", "A", "unused")])
    compile_migrations(tmp_path, V1, name="drop_b", now=NOW, accepts=[Accept("SG300", "B", "unused")])
    _, accepted = load_state(tmp_path / "state.json")
    assert [(a.target, a.migration) for a in accepted] == [("A", "20250102030406_drop_a"), ("B", "20250102030407_drop_b")]


def test_unused_accept_is_a_warning(tmp_path):
    r = compile_migrations(tmp_path, V1, name="init", now=NOW, accepts=[Accept("SG300", "Nope", "x")])
    assert r.ok and r.written
    (d,) = r.diagnostics
    assert d.code == "SG003" and d.severity.value == "warning" and "Nope" in d.message


def test_config_only_change_updates_state_without_a_migration(tmp_path):
    v1 = catalog(table("User"), configs=[config("personality_config", 1)])
    v2 = catalog(table("User"), configs=[config("personality_config", 1), config("personality_config", 2)])
    compile_migrations(tmp_path, v1, name="init", now=NOW)
    r = compile_migrations(tmp_path, v2, name="config_v2", now=NOW)
    assert r.ok and r.migrations == () and r.written == ("state.json",)
    assert check_generated(tmp_path, v2) == []


def test_editing_a_released_config_is_refused(tmp_path):
    v1 = catalog(table("User"), configs=[config("personality_config", 1)])
    compile_migrations(tmp_path, v1, name="init", now=NOW)
    edited = catalog(table("User"), configs=[config("personality_config", 1, '{"type":"array"}')])
    r = compile_migrations(tmp_path, edited, name="edit", now=NOW)
    assert not r.ok and [(d.code, d.target) for d in r.diagnostics] == [("SG802", "personality_config@1")]
    # and no acceptance can force it through: a released version is immutable
    forced = compile_migrations(tmp_path, edited, name="edit", now=NOW,
                                accepts=[parse_accept("SG802:personality_config@1", "try to force")])
    assert not forced.ok and not forced.written


def test_removing_a_released_config_needs_an_acceptance(tmp_path):
    v1 = catalog(table("User"), configs=[config("personality_config", 1)])
    compile_migrations(tmp_path, v1, name="init", now=NOW)
    gone = catalog(table("User"))
    r = compile_migrations(tmp_path, gone, name="drop_cfg", now=NOW)
    assert not r.ok and [(d.code, d.target) for d in r.diagnostics] == [("SG804", "personality_config@1")]
    r = compile_migrations(tmp_path, gone, name="drop_cfg", now=NOW,
                           accepts=[parse_accept("SG804:personality_config@1", "column dropped, no documents left")])
    assert r.ok


def test_missing_lock_file_is_repaired_alone(tmp_path):
    compile_migrations(tmp_path, V1, name="init", now=NOW)
    (tmp_path / "migrations/migration_lock.toml").unlink()
    r = compile_migrations(tmp_path, V1, name="x", now=NOW)
    assert r.written == ("migrations/migration_lock.toml",)
    assert check_generated(tmp_path, V1) == []


@pytest.mark.parametrize(
    "text, reason, expected",
    [
        ("SG301:Companion.legacyNotes", "moved", Accept("SG301", "Companion.legacyNotes", "moved")),
        ("sg301 : Companion.legacyNotes ", " moved\n out ", Accept("SG301", "Companion.legacyNotes", "moved out")),
        ("drop-column:Companion.legacyNotes", "moved", Accept("SG301", "Companion.legacyNotes", "moved")),
        ("SG303:Companion.a:b", "x", Accept("SG303", "Companion.a:b", "x")),
    ],
)
def test_parse_accept(text, reason, expected):
    assert parse_accept(text, reason) == expected


@pytest.mark.parametrize(
    "text, reason, words",
    [
        ("SG301", "r", "is not CODE:TARGET"),
        ("SG301:", "r", "is not CODE:TARGET"),
        ("SG999:Companion", "r", "unknown code 'SG999'"),
        ("SG301:Companion.x", "  ", "--reason is required"),
    ],
)
def test_parse_accept_errors(text, reason, words):
    with pytest.raises(SpecguardError) as e:
        parse_accept(text, reason)
    d = e.value.diagnostic
    assert d.code == "SG003" and words in d.message and d.hint


def test_migration_name():
    assert migration_name(" add companion-tags! ") == "add_companion_tags"
    with pytest.raises(SpecguardError):
        migration_name("--")


def test_state_json_is_last(tmp_path, monkeypatch):
    order = []
    real = atomic.GeneratedTransaction.stage
    monkeypatch.setattr(atomic.GeneratedTransaction, "stage", lambda self, rel, d: (order.append(rel), real(self, rel, d)))
    compile_migrations(tmp_path, V1, name="init", now=NOW)
    assert order[-2:] == ["migrations.sum", "state.json"]
    assert json.loads((tmp_path / "state.json").read_text())["format"] == 1
