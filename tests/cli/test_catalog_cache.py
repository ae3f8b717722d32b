"""The catalog cache (a base revision's catalog, a clean working tree's) and the result cache of
``check --base``: a run served from them prints exactly what a run with ``--no-cache`` prints, in
every format, whatever was edited since the caches were filled; and no entry holds a credential.

The project is a git repository holding the example application, compiled, as the base commit; the
working tree then gets random edits (harmless ones, mistakes of every stage, a credential), is
compiled or not, and the base branch may move on to another commit under the same name.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_file_cache import EDITS, FILES, SECRET  # tests/cli is on sys.path (no package)

from specguard.cli import FORMATS
from specguard.cli.entry import entry
from specguard.compiler.resolve.sqlfrag import _parse_cached

ROOT = Path(__file__).resolve().parents[2]
GIT = ["git", "-c", "user.email=dev@example.invalid", "-c", "user.name=dev", "-c", "commit.gpgsign=false"]
# plan prints the time of the migration it would write: the same instant for both runs
STAMP = re.compile(r"\b\d{14}\b")


def _run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        rc = entry(argv)
    return rc, STAMP.sub("<time>", out.getvalue())


def _git(repo: Path, *args: str) -> None:
    subprocess.run(GIT + list(args), cwd=repo, check=True, capture_output=True)


def _repository(tmp: Path) -> Path:
    for folder in ("specs", "generated"):
        shutil.copytree(ROOT / folder, tmp / folder)
    (tmp / ".gitignore").write_text(".specguard-cache/\n")
    _git(tmp, "init", "-q", "-b", "main")
    _git(tmp, "add", "-A")
    _git(tmp, "commit", "-q", "-m", "base")
    _git(tmp, "checkout", "-q", "-b", "change")
    return tmp


def _edit(project: Path, edits) -> None:
    for rel, edit in edits:
        path = project / rel
        path.write_text(EDITS[edit](path.read_text("utf-8")), "utf-8")


def _outputs(extra: list[str]) -> list[tuple[int, str]]:
    runs = [_run(["check", "--base", "main", "--format", fmt, *extra]) for fmt in FORMATS]
    runs += [_run(["plan", "--format", fmt]) for fmt in FORMATS] if not extra else []
    return runs


def _cold() -> list[tuple[int, str]]:
    import os

    os.environ["SPECGUARD_NO_CACHE"] = "1"  # plan has no flag: the variable turns every cache off
    try:
        return [_run(["check", "--base", "main", "--format", fmt, "--no-cache"]) for fmt in FORMATS] + \
               [_run(["plan", "--format", fmt]) for fmt in FORMATS]
    finally:
        del os.environ["SPECGUARD_NO_CACHE"]


def _drop_results(project: Path) -> None:
    for f in (project / ".specguard-cache").glob("check-*.json"):
        f.unlink()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(FILES), st.integers(0, len(EDITS) - 1)), min_size=1, max_size=3),
       base_edits=st.lists(st.tuples(st.sampled_from(FILES), st.integers(0, len(EDITS) - 1)), max_size=2),
       compiled=st.booleans())
def test_cached_runs_equal_cold_ones(tmp_path_factory, monkeypatch, edits, base_edits, compiled):
    project = _repository(tmp_path_factory.mktemp("p"))
    monkeypatch.chdir(project)
    monkeypatch.delenv("SPECGUARD_NO_CACHE", raising=False)
    _outputs([])  # fills every cache with the unedited tree and the base
    _edit(project, edits)
    if compiled:
        _run(["compile", "--name", "change"])
    if base_edits:  # main moves on: the same name, another tree
        _git(project, "stash", "-q", "--include-untracked")
        _git(project, "checkout", "-q", "main")
        _edit(project, base_edits)
        _git(project, "commit", "-q", "-am", "main moves on", "--allow-empty")
        _git(project, "checkout", "-q", "change")
        _git(project, "stash", "pop", "-q")
    cold = _cold()
    _parse_cached.cache_clear()  # so that the fragments come from the cache file, as in a new process
    _drop_results(project)
    assert _outputs([]) == cold  # the catalog caches serve it (result cache missed)
    assert _outputs([]) == cold  # the result cache serves the checks
    assert SECRET not in "".join(p.read_text("utf-8", "replace") for p in (project / ".specguard-cache").rglob("*")
                                 if p.is_file())


def test_the_base_catalog_is_read_from_the_cache(tmp_path, monkeypatch):
    """A second --base run against the same tree id resolves no spec of the base."""
    from specguard.compiler.load import git

    monkeypatch.chdir(_repository(tmp_path))
    monkeypatch.delenv("SPECGUARD_NO_CACHE", raising=False)
    first = _run(["check", "--base", "main"])
    _drop_results(tmp_path)
    reads: list[str] = []
    real = git.read_specs_at
    monkeypatch.setattr(git, "read_specs_at", lambda *a: reads.append(a[0]) or real(*a))
    assert _run(["check", "--base", "main"]) == first
    assert reads == []
    assert len(list((tmp_path / ".specguard-cache" / "catalogs").glob("*.json"))) == 1  # the base (check stores no tree)


def test_a_tree_with_a_credential_is_never_stored(tmp_path, monkeypatch):
    monkeypatch.chdir(_repository(tmp_path))
    monkeypatch.delenv("SPECGUARD_NO_CACHE", raising=False)
    user = tmp_path / "specs/models/user.yaml"
    user.write_text(user.read_text("utf-8").replace("description: ", f"description: {SECRET} ", 1), "utf-8")
    _git(tmp_path, "commit", "-q", "-am", "a credential")
    _run(["check", "--base", "HEAD"])
    _run(["plan"])
    assert not list((tmp_path / ".specguard-cache" / "catalogs").glob("*.json"))


@pytest.mark.parametrize("how", [["--no-cache"], "env"])
def test_no_cache_leaves_it_unused(tmp_path, monkeypatch, how):
    monkeypatch.chdir(_repository(tmp_path))
    if how == "env":
        monkeypatch.setenv("SPECGUARD_NO_CACHE", "1")
        how = []
    _run(["check", "--base", "main", *how])
    assert not (tmp_path / ".specguard-cache").exists()
