"""check_generated: SG801 (history), SG803 (records), SG800 (stale), SG802 (released configs)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from specguard.compiler.pipeline import check_compiled as check_generated
from specguard.compiler.pipeline import compile_catalog as compile_migrations
from specguard.compiler.store.layout import LOCK_CONTENT

from .helpers import NOW, catalog, col, config, table

V1 = catalog(table("User"), configs=[config("personality_config", 1)])
V2 = catalog(table("User"), table("Message", col("id", "uuid"), col("body")), configs=[config("personality_config", 1)])


@pytest.fixture
def gen(tmp_path, monkeypatch):
    """generated/ with two released migrations: init (V1) and message (V2)."""
    g = tmp_path / "generated"
    assert compile_migrations(g, V1, name="init", now=NOW).ok
    assert compile_migrations(g, V2, name="message", now=NOW).ok
    return g


def _folders(g):
    return sorted(p.name for p in (g / "migrations").iterdir() if p.is_dir())


def _codes(diags):
    return [(d.code, d.target) for d in diags]


def test_clean(gen):
    assert _folders(gen) == ["20250102030405_init", "20250102030406_message"]
    assert check_generated(gen, V2) == []


def test_empty_everything_is_clean(tmp_path):
    assert check_generated(tmp_path / "generated", catalog()) == []


def test_edited_migration(gen):
    f = gen / "migrations/20250102030405_init/migration.sql"
    f.write_text(f.read_text() + "DROP TABLE \"User\";\n")
    (d,) = check_generated(gen, V2)
    assert (d.code, d.target, d.span.file) == ("SG801", "20250102030405_init", str(f))
    assert "edited" in d.message


def test_removed_migration(gen):
    shutil.rmtree(gen / "migrations/20250102030406_message")
    diags = check_generated(gen, V2)
    assert _codes(diags) == [("SG801", "20250102030406_message")]
    assert "removed" in diags[0].message


def test_reordered_migrations(gen):
    a = gen / "migrations/20250102030405_init/migration.sql"
    b = gen / "migrations/20250102030406_message/migration.sql"
    ta, tb = a.read_bytes(), b.read_bytes()
    a.write_bytes(tb)
    b.write_bytes(ta)
    diags = check_generated(gen, V2)
    assert {d.code for d in diags} == {"SG801"} and len(diags) == 2
    assert all("reordered" in d.message for d in diags)


def test_renamed_folder_is_a_removal_and_an_unrecorded_insert(gen):
    (gen / "migrations/20250102030406_message").rename(gen / "migrations/20250101000000_message")
    diags = check_generated(gen, V2)
    assert _codes(diags) == [("SG801", "20250101000000_message"), ("SG801", "20250102030406_message")]
    assert "out of order" in diags[0].message


def test_unrecorded_folder_at_the_end(gen):
    d = gen / "migrations/20300101000000_manual"
    d.mkdir()
    (d / "migration.sql").write_text("SELECT 1;\n")
    (diag,) = check_generated(gen, V2)
    assert (diag.code, diag.target) == ("SG801", "20300101000000_manual")
    assert "not recorded" in diag.message and "remove this folder" in diag.hint


def test_missing_sum_is_sg803(gen):
    (gen / "migrations.sum").unlink()
    assert _codes(check_generated(gen, V2)) == [("SG803", "migrations.sum")]


def test_corrupt_sum_is_sg803_with_line(gen):
    p = gen / "migrations.sum"
    p.write_text(p.read_text().replace(" sql=", " sql=x", 1))
    (d,) = check_generated(gen, V2)
    assert (d.code, d.span.line) == ("SG803", 2)


def test_missing_or_corrupt_state_is_sg803(gen):
    p = gen / "state.json"
    p.write_text("{")
    assert _codes(check_generated(gen, V2)) == [("SG803", "state.json")]
    p.unlink()
    assert _codes(check_generated(gen, V2)) == [("SG803", "state.json")]


def test_stale_names_the_pending_changes(gen):
    v3 = catalog(*V2.tables, table("Zebra"), table("Aardvark"), configs=V2.configs)
    (d,) = check_generated(gen, v3)
    assert (d.code, d.target) == ("SG800", "generated")
    assert "2 change(s) pending" in d.message and "Aardvark" in d.message and "Zebra" in d.message
    assert "specguard compile" in d.hint


def test_stale_lists_at_most_five(gen):
    v3 = catalog(*V2.tables, *(table(f"T{i}") for i in range(8)), configs=V2.configs)
    (d,) = check_generated(gen, v3)
    assert "8 change(s) pending" in d.message and "and 3 more" in d.message


def test_never_compiled(tmp_path):
    (d,) = check_generated(tmp_path / "generated", V1)
    assert d.code == "SG800" and "never been compiled" in d.message


@pytest.mark.parametrize("content, words", [(None, "missing"), ('provider = "mysql"\n', '"mysql"')])
def test_lock_file_missing_or_wrong(gen, content, words):
    p = gen / "migrations/migration_lock.toml"
    assert p.read_text() == LOCK_CONTENT
    if content is None:
        p.unlink()
    else:
        p.write_text(content)
    (d,) = check_generated(gen, V2)
    assert (d.code, d.target) == ("SG800", "migration_lock.toml") and words in d.message


def test_older_prisma_lock_wording_is_fine(gen):
    p = gen / "migrations/migration_lock.toml"
    p.write_text(LOCK_CONTENT.replace("(e.g., Git)", "(i.e. Git)"))
    assert check_generated(gen, V2) == []


def test_released_config_edited(gen):
    edited = catalog(*V2.tables, configs=[config("personality_config", 1, '{"type":"array"}')])
    diags = check_generated(gen, edited)
    assert ("SG802", "personality_config@1") in _codes(diags)
    assert any(d.code == "SG800" for d in diags)  # and, of course, the specs differ from the snapshot


def test_released_config_removed(gen):
    diags = check_generated(gen, catalog(*V2.tables))
    (d,) = [d for d in diags if d.code == "SG804"]
    assert d.target == "personality_config@1" and "removed" in d.message


def test_new_config_version_is_not_sg802(gen):
    more = catalog(*V2.tables, configs=[config("personality_config", 1), config("personality_config", 2)])
    assert [d.code for d in check_generated(gen, more)] == ["SG800"]


def test_check_path_imports_no_database_or_parser(gen):
    code = (
        "import sys; from pathlib import Path;"
        "from specguard.compiler.pipeline import check_compiled as check_generated;"
        "from specguard.compiler.ir.catalog import Catalog;"
        f"check_generated(Path({str(gen)!r}), Catalog());"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('pglast', 'psycopg', 'hypothesis', 'pydantic')];"
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_stale_names_config_and_cache_changes_by_their_targets(gen):
    from specguard.compiler.ir.catalog import CachePolicy

    policy = CachePolicy("user_detail", "User", "user:{id}", 300, 60, ("User",))
    v3 = catalog(*V2.tables, configs=[config("personality_config", 1), config("personality_config", 2)])
    v3 = type(v3)(v3.tables, v3.enums, v3.configs, (policy,))
    (d,) = check_generated(gen, v3)
    assert "2 change(s) pending (personality_config@2, cache:user_detail)" in d.message
