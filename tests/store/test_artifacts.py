"""Generated code (artifacts): written by every compile, recorded in artifacts.sha256, removed when
nothing produces it any more, and a hand edit is caught by check without regenerating anything."""

from __future__ import annotations

import pytest

from specguard.compiler.emit import artifacts as emit_artifacts
from specguard.compiler.pipeline import check_compiled, compile_catalog, plan_catalog
from specguard.compiler.rules.accept import Accept

from .helpers import NOW, catalog, table, tree


def _one_file_per_table(cat):
    return {f"code/{t.name.lower()}.py": f"# {t.name}\n" for t in cat.tables}


@pytest.fixture(autouse=True)
def emitter(monkeypatch):
    monkeypatch.setattr(emit_artifacts, "EMITTERS", (_one_file_per_table,))


def test_artifacts_are_written_and_recorded(tmp_path):
    r = compile_catalog(tmp_path, catalog(table("User"), table("Tag")), name="init", now=NOW)
    assert r.ok and {"code/tag.py", "code/user.py", "artifacts.sha256"} <= set(r.written)
    files = tree(tmp_path)
    assert files["code/user.py"] == b"# User\n"
    header, *lines = files["artifacts.sha256"].decode().splitlines()
    assert header.startswith("# specguard-artifacts 1 inputs=")
    assert [line.split("  ")[1] for line in lines] == ["code/tag.py", "code/user.py"]
    assert r.written.index("artifacts.sha256") < r.written.index("state.json")  # the records come last
    assert check_compiled(tmp_path, catalog(table("User"), table("Tag"))) == []


def test_a_hand_edited_or_deleted_artifact_is_reported(tmp_path):
    cat = catalog(table("User"), table("Tag"))
    compile_catalog(tmp_path, cat, name="init", now=NOW)
    (tmp_path / "code/user.py").write_text("# edited\n")
    (tmp_path / "code/tag.py").unlink()
    found = sorted((d.code, d.target, d.message.split(" ")[-1]) for d in check_compiled(tmp_path, cat))
    assert found == [("SG800", "code/tag.py", "missing"), ("SG800", "code/user.py", "compiled")]
    r = compile_catalog(tmp_path, cat, name="again", now=NOW)  # compile repairs, with no migration
    assert r.ok and r.migrations == () and set(r.written) == {"code/tag.py", "code/user.py"}
    assert check_compiled(tmp_path, cat) == []


def test_an_artifact_nothing_produces_any_more_is_removed(tmp_path):
    compile_catalog(tmp_path, catalog(table("User"), table("Tag")), name="init", now=NOW)
    r = compile_catalog(tmp_path, catalog(table("User")), name="drop_tag", now=NOW,
                        accepts=[Accept("SG300", "Tag", "unused")])
    assert r.ok and "code/tag.py" in r.written
    assert not (tmp_path / "code/tag.py").exists() and (tmp_path / "code/user.py").exists()
    assert "code/tag.py" not in (tmp_path / "artifacts.sha256").read_text()


def test_plan_reports_artifacts_it_would_write_and_writes_nothing(tmp_path):
    r = plan_catalog(tmp_path / "g", catalog(table("User")), name="init", now=NOW)
    assert "code/user.py" in r.written and not (tmp_path / "g").exists()


def test_a_malformed_manifest_is_sg803(tmp_path):
    compile_catalog(tmp_path, catalog(table("User")), name="init", now=NOW)
    (tmp_path / "artifacts.sha256").write_text("not a line\n")
    (d,) = check_compiled(tmp_path, catalog(table("User")))
    assert (d.code, d.span.line) == ("SG803", 1)


def test_a_description_only_change_makes_generated_code_stale(tmp_path):
    import dataclasses

    old = catalog(table("User"))
    compile_catalog(tmp_path, old, name="init", now=NOW)
    new = dataclasses.replace(old, tables=(dataclasses.replace(old.tables[0], description="reworded"),))
    assert new == old  # the compiled state does not hold descriptions...
    (d,) = check_compiled(tmp_path, new)  # ...but the generated code does
    assert (d.code, d.target) == ("SG800", "generated") and "description" in d.message
    r = compile_catalog(tmp_path, new, name="again", now=NOW)
    assert r.ok and r.migrations == () and "artifacts.sha256" in r.written
    assert check_compiled(tmp_path, new) == []


def test_pending_changes_make_one_stale_diagnostic_not_two(tmp_path):
    """A new described table changes the generated code's inputs too; the pending change says why."""
    import dataclasses

    compile_catalog(tmp_path, catalog(table("User")), name="init", now=NOW)
    (d,) = check_compiled(tmp_path, catalog(table("User"), dataclasses.replace(table("Tag"), description="tags")))
    assert d.code == "SG800" and "pending" in d.message and "Tag" in d.message
