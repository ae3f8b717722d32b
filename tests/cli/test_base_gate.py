"""``check --base REF`` in a real temporary git repository: acceptances honoured, history immutable.

The base branch ``main`` holds the example application, compiled, plus one accepted destructive
change (GroupChat.name dropped with ``--accept``), so that it has an acceptance of its own. Then:

- the round trip: a destructive change compiled with ``--accept`` and committed passes
  ``check --base main``, and its acceptance is listed as a notice in every format; an acceptance
  covers its own code and target, never another finding;
- tampering: every rewrite of what ``main`` released (a migration edited with migrations.sum
  re-chained, a folder removed or added to, a sum line dropped, a config version dropped from
  state.json then edited, a released acceptance dropped, an acceptance forged) is refused.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from specguard.cli.entry import entry

ROOT = Path(__file__).resolve().parents[2]
GIT = ["git", "-c", "user.email=dev@example.invalid", "-c", "user.name=dev", "-c", "commit.gpgsign=false"]
GROUP_NAME = "  name:      {type: text}\n"
DISPLAY_NAME = "  displayName: {type: text, nullable: true}\n"
UPDATED_AT = "  updatedAt:   {type: timestamptz, default: {sql: now()}}\n"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        rc = entry(list(argv))
    return rc, out.getvalue()


def git(cwd: Path, *args: str) -> None:
    subprocess.run(GIT + list(args), cwd=cwd, check=True, capture_output=True)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def _compile(*args: str) -> None:
    rc, out = run("compile", *args)
    assert rc == 0, out


@pytest.fixture(scope="module")
def base_repo(tmp_path_factory):
    """A repository whose main branch holds the compiled example app and one accepted drop."""
    repo = tmp_path_factory.mktemp("repo")
    for part in ("specs", "generated"):
        shutil.copytree(ROOT / part, repo / part)
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    git(repo, "init", "-q", "-b", "main")
    with contextlib.chdir(repo):
        _edit(repo / "specs" / "models" / "group_chat.yaml", GROUP_NAME, "")
        _compile("--name", "drop_group_name", "--accept", "SG302:GroupChat.name", "--reason", "unused since v2")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "main")
    return repo


@pytest.fixture
def repo(base_repo, tmp_path, monkeypatch):
    copy = tmp_path / "repo"
    shutil.copytree(base_repo, copy, symlinks=True)
    monkeypatch.chdir(copy)
    git(copy, "checkout", "-qb", "feature")
    return copy


def _check(fmt: str = "json") -> tuple[int, str]:
    return run("check", "--no-cache", "--base", "main", "--format", fmt)


def _diags(out: str) -> list[tuple[str, str]]:
    return [(d["code"], d["target"]) for d in json.loads(out)["diagnostics"]]


# --- acceptances honoured ----------------------------------------------------------------------------


def test_an_accepted_change_committed_passes_and_its_acceptance_is_listed(repo):
    assert _diags(_check()[1]) == []
    user = repo / "specs" / "models" / "user.yaml"
    _edit(user, DISPLAY_NAME, "")
    assert run("compile", "--name", "drop_display_name")[0] == 1  # refused without an acceptance
    _compile("--name", "drop_display_name", "--accept", "SG302:User.displayName", "--reason", "never shown")
    git(repo, "commit", "-qam", "drop displayName")
    rc, out = _check()
    assert rc == 0 and _diags(out) == [("SG805", "User.displayName")]
    (d,) = json.loads(out)["diagnostics"]
    assert d["severity"] == "info" and "never shown" in d["message"] and d["file"] == "generated/state.json"
    rc, github = _check("github")
    assert rc == 0 and github.startswith("::notice file=generated/state.json,title=SG805 acceptance-added::")
    rc, sarif = _check("sarif")
    (result,) = json.loads(sarif)["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("SG805", "note")
    rc, text = _check("text")
    assert rc == 0 and "info[SG805]" in text and "SG302:User.displayName" in text


def test_an_acceptance_covers_its_own_finding_and_nothing_else(repo):
    user = repo / "specs" / "models" / "user.yaml"
    _edit(user, DISPLAY_NAME, "")
    _compile("--name", "drop_display_name", "--accept", "SG302:User.displayName", "--reason", "never shown")
    _edit(user, UPDATED_AT, "")  # a second drop, never accepted (and not compiled: generated/ is stale)
    rc, out = _check()
    found = _diags(out)
    assert rc == 1 and ("SG302", "User.updatedAt") in found and ("SG302", "User.displayName") not in found
    assert ("SG805", "User.displayName") in found


def test_an_acceptance_at_the_base_does_not_cover_a_change_since_it(repo):
    # main accepted dropping GroupChat.name; it comes back, is released, and is dropped again: the
    # old acceptance (still in state.json) was for the old change, not for this one
    from specguard.compiler import pipeline

    spec = repo / "specs" / "models" / "group_chat.yaml"
    _edit(spec, "  creatorId:", "  name:      {type: text, nullable: true}\n  creatorId:")
    _compile("--name", "name_again")
    git(repo, "commit", "-qam", "name again")
    git(repo, "tag", "released")
    _edit(spec, "  name:      {type: text, nullable: true}\n", "")
    catalog = pipeline.load(Path("specs")).catalog
    found = pipeline.changes_since("released", Path("specs"), catalog, Path("generated"))
    assert ("SG302", "GroupChat.name") in [(d.code, d.target) for d in found]
    assert "SG805" not in [d.code for d in found]


# --- released history is immutable against the base ---------------------------------------------------


def _first_migration(repo: Path) -> Path:
    return sorted((repo / "generated" / "migrations").glob("*/migration.sql"))[0]


def _rechain(repo: Path) -> None:
    from specguard.compiler.store.checksums import build_sum, sha256_hex
    from specguard.compiler.store.layout import migration_folders

    gen = repo / "generated"
    items = [(f, sha256_hex((gen / "migrations" / f / "migration.sql").read_bytes())) for f in migration_folders(gen)]
    (gen / "migrations.sum").write_text(build_sum(items).render())


def _state(repo: Path, change) -> None:
    path = repo / "generated" / "state.json"
    doc = json.loads(path.read_text())
    change(doc)
    path.write_text(json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def _edited_and_rechained(repo):
    m = _first_migration(repo)
    m.write_text(m.read_text() + "\n-- and one more thing\n")
    _rechain(repo)


def _folder_removed_and_rechained(repo):
    shutil.rmtree(sorted((repo / "generated" / "migrations").glob("*_drop_group_name"))[0])
    _rechain(repo)


def _file_added_to_a_released_folder(repo):
    (_first_migration(repo).parent / "extra.sql").write_text("DROP TABLE \"User\";\n")


def _sum_line_removed(repo):
    path = repo / "generated" / "migrations.sum"
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:1] + lines[2:]))


def _config_dropped_from_state_then_edited(repo):
    _state(repo, lambda d: d["catalog"].__setitem__("configs", [
        c for c in d["catalog"]["configs"] if (c["name"], c["version"]) != ("personality_config", 2)]))
    _edit(repo / "specs" / "configs" / "personality_config" / "v2.yaml", "maximum: 5", "maximum: 4")
    # against the doctored state.json it is a new version, and a narrower one: accepted on the record
    _compile("--name", "sneaky", "--accept", "SG610:personality_config@2", "--reason", "doctored")


def _released_acceptance_dropped(repo):
    _state(repo, lambda d: d.__setitem__("accepted", []))


def _acceptance_forged_on_a_released_migration(repo):
    folder = _first_migration(repo).parent.name
    _state(repo, lambda d: d["accepted"].append(
        {"code": "SG300", "target": "Message", "reason": "forged", "migration": folder}))


def _acceptance_missing_from_its_migrations_header(repo):
    _edit(repo / "specs" / "models" / "user.yaml", DISPLAY_NAME, "")
    _compile("--name", "drop_display_name", "--accept", "SG302:User.displayName", "--reason", "never shown")
    m = sorted((repo / "generated" / "migrations").glob("*_drop_display_name/migration.sql"))[0]
    _edit(m, "--   SG302 User.displayName: never shown\n", "")  # the record a reviewer reads is gone


TAMPERS = [
    (_edited_and_rechained, {"SG806"}),
    (_folder_removed_and_rechained, {"SG806"}),
    (_file_added_to_a_released_folder, {"SG806"}),
    (_sum_line_removed, {"SG806"}),
    (_config_dropped_from_state_then_edited, {"SG806", "SG802"}),
    (_released_acceptance_dropped, {"SG806"}),
    (_acceptance_forged_on_a_released_migration, {"SG806"}),
    (_acceptance_missing_from_its_migrations_header, {"SG806"}),
]


@pytest.mark.parametrize("tamper, codes", TAMPERS, ids=[t.__name__.strip("_") for t, _ in TAMPERS])
def test_rewriting_released_history_is_refused(repo, tamper, codes):
    tamper(repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "tamper")
    rc, out = _check()
    errors = {c for c, _ in _diags(out) if c not in ("SG805", "SG800", "SG801", "SG803")}
    assert rc == 1 and codes <= errors, out
