"""What a pyproject.toml gave is remembered for cached checks: an unchanged project is not parsed
again, any edit of the file is, a file that does not parse is reported every time, and the memo holds
a digest, never the file's text (it may hold a credential)."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from specguard.cli.entry import entry

ROOT = Path(__file__).resolve().parents[2]
SECRET = "postgresql://app:fake-password@db.example/app"


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        rc = entry(list(argv))
    return rc, out.getvalue()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The example, its folders named by [tool.specguard]."""
    for folder in ("specs", "generated"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "pyproject.toml").write_text(
        f'# {SECRET}\n[tool.specguard]\nspecs = "specs"\ngenerated = "generated"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SPECGUARD_NO_CACHE", raising=False)
    monkeypatch.delenv("SPECGUARD_CACHE_DIR", raising=False)
    return tmp_path


# (how pyproject.toml is edited after a first, remembered check; what the next check prints)
EDITS = [
    ("unchanged", lambda t: t, 0, "no problems found\n"),
    ("a comment", lambda t: t + "# edited\n", 0, "no problems found\n"),
    ("specs moved", lambda t: t.replace('"specs"', '"elsewhere"'), 2, "SG001"),
    ("generated moved", lambda t: t.replace('"generated"', '"elsewhere"'), 1, "SG800"),
    ("section gone", lambda t: t.replace("[tool.specguard]", "[tool.other]"), 0, "no problems found\n"),
    ("not TOML", lambda t: t + "specs = [\n", 2, "SG003"),
]


@pytest.mark.parametrize("name, edit, rc, out", EDITS, ids=[e[0] for e in EDITS])
def test_an_edited_pyproject_is_read_again(project, name, edit, rc, out):
    assert _run("check") == (0, "no problems found\n")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(edit(pyproject.read_text("utf-8")), "utf-8")
    for _ in range(2):  # the second run: whatever the first remembered (or did not)
        got_rc, got = _run("check")
        assert got_rc == rc and (got == out if out.endswith("\n") else out in got), got


def test_the_memo_holds_no_text_of_the_file(project):
    _run("check")
    memo = (project / ".specguard-cache" / "settings.json").read_text("utf-8")
    assert "fake-password" not in memo and '"specs"' in memo


def test_no_cache_remembers_nothing(project):
    assert _run("check", "--no-cache") == (0, "no problems found\n")
    assert not (project / ".specguard-cache").exists()


def test_a_remembered_project_is_checked_without_a_toml_parser(project):
    _run("check")
    (project / "specs" / "enums" / "enums.yaml").open("a").write("# edited\n")  # not a whole-tree hit
    code = ("import sys; from specguard.cli.entry import entry; rc = entry(['check']); "
            "print(rc, 'tomllib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[-1] == "0 False"
