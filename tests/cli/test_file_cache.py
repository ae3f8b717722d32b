"""The per-file cache of parsed spec files: a check served partly from it prints exactly what a cold
check prints, in every format, and it never stores a file that holds a credential."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specguard.cli import FORMATS
from specguard.cli.entry import entry
from specguard.compiler.resolve.sqlfrag import _parse_cached

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "specs").rglob("*.yaml"))
SECRET = "postgresql://app:fake-password@db.example/app"

# edits a person makes: harmless ones, mistakes of every stage, a credential
EDITS = [
    lambda t: t + "\n# a comment\n",
    lambda t: t.replace("description:", "descripton:", 1),
    lambda t: t.replace("type: text", "type: txt", 1),
    lambda t: t.replace(": ", ":  ", 3),
    lambda t: t + "\n  - [unclosed\n",
    lambda t: t.replace("name: ", "name: Renamed", 1),
    lambda t: t + f"\n# {SECRET}\n" if "kind:" not in t else t.replace("description: ", f"description: {SECRET} ", 1),
    lambda t: "",
    lambda t: t.replace("nullable: true", "nullable: false", 1),
    lambda t: "\t" + t,
]


def _project(tmp: Path) -> Path:
    for folder in ("specs", "generated"):
        shutil.copytree(ROOT / folder, tmp / folder)
    return tmp


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        rc = entry(argv)
    return rc, out.getvalue()


def _all_formats(extra: list[str]) -> list[tuple[int, str]]:
    return [_run(["check", "--format", fmt, *extra]) for fmt in FORMATS]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(FILES), st.integers(0, len(EDITS) - 1)), min_size=1, max_size=3))
def test_a_partly_cached_check_equals_a_cold_one(tmp_path_factory, monkeypatch, edits):
    project = _project(tmp_path_factory.mktemp("p"))
    monkeypatch.chdir(project)
    monkeypatch.delenv("SPECGUARD_NO_CACHE", raising=False)
    _run(["check"])  # fills the per-file cache with the unedited files
    for rel, edit in edits:
        path = project / rel
        path.write_text(EDITS[edit](path.read_text("utf-8")), "utf-8")
    cold = _all_formats(["--no-cache"])
    _parse_cached.cache_clear()  # so that the fragments come from the cache file, as in a new process
    for i, fmt in enumerate(FORMATS):  # each first run misses the result cache: the file cache serves it
        for f in (project / ".specguard-cache").glob("check-*.json"):
            f.unlink()
        assert _run(["check", "--format", fmt]) == cold[i], fmt
    assert SECRET not in "".join(p.read_text("utf-8", "replace") for p in (project / ".specguard-cache").rglob("*")
                                 if p.is_file())


@pytest.mark.parametrize("how", [["--no-cache"], "env"])
def test_no_cache_leaves_it_unused(tmp_path, monkeypatch, how):
    monkeypatch.chdir(_project(tmp_path))
    if how == "env":
        monkeypatch.setenv("SPECGUARD_NO_CACHE", "1")
        how = []
    _run(["check", *how])
    assert not (tmp_path / ".specguard-cache" / "files").exists()


def test_only_clean_files_are_stored(tmp_path, monkeypatch):
    monkeypatch.chdir(_project(tmp_path))
    monkeypatch.delenv("SPECGUARD_NO_CACHE", raising=False)
    user = tmp_path / "specs/models/user.yaml"
    user.write_text(user.read_text("utf-8").replace("description: ", f"description: {SECRET} ", 1), "utf-8")
    _run(["check"])
    stored = list((tmp_path / ".specguard-cache" / "files").glob("*.json"))
    assert len(stored) == len(FILES) - 1
    assert all(SECRET not in p.read_text("utf-8") for p in stored)


def test_an_edit_without_sql_leaves_pglast_unimported(tmp_path, monkeypatch):
    import subprocess
    import sys

    monkeypatch.chdir(_project(tmp_path))
    monkeypatch.delenv("SPECGUARD_NO_CACHE", raising=False)
    probe = ("import sys; from specguard.cli.entry import entry; rc = entry(['check']); "
             "print(rc, 'pglast' in sys.modules, 'jsonschema' in sys.modules)")
    first = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    config = tmp_path / "specs/configs/tool_config/v1.yaml"
    config.write_text(config.read_text("utf-8") + "\n# edited\n", "utf-8")
    again = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert first.stdout.splitlines()[-1] == "0 True False"
    assert again.stdout.splitlines()[-1] == "0 False False"


def test_every_cache_folder_is_ignored_by_git_whichever_cache_made_it(tmp_path, monkeypatch):
    # compile makes .specguard-cache/files/ first (the root with it); check then writes into the root
    import subprocess

    project = _project(tmp_path)
    monkeypatch.chdir(project)
    monkeypatch.delenv("SPECGUARD_NO_CACHE", raising=False)
    subprocess.run(["git", "init", "-q"], check=True)
    assert _run(["compile"])[0] == 0
    assert _run(["check"])[0] == 0
    cache = project / ".specguard-cache"
    folders = [cache, *(p for p in cache.rglob("*") if p.is_dir())]
    assert {f.name for f in folders} >= {".specguard-cache", "files", "catalogs"}
    assert all((f / ".gitignore").read_text() == "*\n" for f in folders)
    shown = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], capture_output=True,
                           text=True, check=True).stdout
    assert ".specguard-cache" not in shown
