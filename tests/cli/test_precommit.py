"""specguard where engineers commit: ``specguard init`` edits ``.pre-commit-config.yaml`` as YAML data,
and the published hook runs from a temporary repository through the real ``pre-commit``.

``init`` is table-driven over the layouts users have: none, an empty list, pre-commit's own
``sample-config``, another key after ``repos:``, comments everywhere, the hook already there. Every
result must be exactly the expected text and pass ``pre-commit validate-config``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from specguard.cli.init import scaffold

ROOT = Path(__file__).resolve().parents[2]
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]

HOOK = """\
{d}- repo: local
{k}hooks:
{hd}- id: specguard-check
{hk}name: specguard check
{hk}entry: specguard check
{hk}language: system
{hk}pass_filenames: false
{hk}files: ^(db/specs/|generated/|pyproject\\.toml$)
"""


def hook(dash: int, key: int, hooks_dash: int, hooks_key: int) -> str:
    return HOOK.format(d=" " * dash, k=" " * key, hd=" " * hooks_dash, hk=" " * hooks_key).replace(
        "- repo", "-" + " " * (key - dash - 1) + "repo").replace("- id", "-" + " " * (hooks_key - hooks_dash - 1) + "id")


SAMPLE = """\
# See https://pre-commit.com for more information
# See https://pre-commit.com/hooks.html for more hooks
repos:
-   repo: https://github.com/pre-commit/pre-commit-hooks
    rev: v3.2.0
    hooks:
    -   id: trailing-whitespace
    -   id: end-of-file-fixer
"""
KEY_AFTER = """\
repos:
  - repo: https://github.com/psf/black
    rev: 24.1.0
    hooks:
      - id: black  # formats Python

# everything below applies to all hooks
exclude: ^vendor/
fail_fast: true
"""
INDENTLESS = "default_language_version:\n  python: python3.11\nrepos:\n- repo: local\n  hooks:\n  - id: a\n    name: a\n    entry: a\n    language: system"

LAYOUTS = [
    ("no file", None, "repos:\n" + hook(2, 4, 6, 8)),
    ("empty file", "", "repos:\n" + hook(2, 4, 6, 8)),
    ("empty list", "repos: []\n", "repos:\n" + hook(2, 4, 6, 8)),
    ("empty list with a comment", "repos: []  # none yet\nminimum_pre_commit_version: '3.0'\n",
     "repos:  # none yet\n" + hook(2, 4, 6, 8) + "minimum_pre_commit_version: '3.0'\n"),
    ("no repos key", "fail_fast: true\n", "fail_fast: true\nrepos:\n" + hook(2, 4, 6, 8)),
    ("pre-commit sample-config", SAMPLE, SAMPLE + hook(0, 4, 4, 8)),
    ("another key after repos", KEY_AFTER,
     KEY_AFTER.replace("\n\n# everything", "\n" + hook(2, 4, 6, 8) + "\n# everything")),
    ("indentless lists, no final newline", INDENTLESS, INDENTLESS + "\n" + hook(0, 2, 2, 4)),
]


def _validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*PRE_COMMIT, "validate-config", str(path)], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name, before, expected", LAYOUTS, ids=[name for name, _, _ in LAYOUTS])
def test_init_adds_the_hook_as_yaml_data(tmp_path, name, before, expected):
    config = tmp_path / ".pre-commit-config.yaml"
    if before is not None:
        config.write_text(before, encoding="utf-8")
    out = scaffold(tmp_path, Path("db/specs"))
    assert "added a specguard-check hook to .pre-commit-config.yaml" in out
    assert config.read_text("utf-8") == expected
    proc = _validate(config)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # the second run finds the hook and leaves every file as it is
    assert scaffold(tmp_path, Path("db/specs"))[0].startswith("nothing to do")
    assert config.read_text("utf-8") == expected


@pytest.mark.parametrize("text, why", [
    ("repos: [{repo: local, hooks: []}]\n", "flow-style list"),
    ("- just a list\n", "not a mapping"),
    ("repos: [\n", "not valid YAML"),
])  # fmt: skip
def test_init_leaves_a_file_it_cannot_edit_as_it_is_and_says_why(tmp_path, text, why):
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(text, encoding="utf-8")
    out = scaffold(tmp_path, Path("specs"))
    assert any(line.startswith("left .pre-commit-config.yaml as it is") and why in line for line in out), out
    assert config.read_text("utf-8") == text


# --- the published hook, run by pre-commit itself ---------------------------------------------------------


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=cwd, check=True,
                   capture_output=True, timeout=60)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> Path:
    """specguard's own working tree (tracked and new files, as they are now) as a committed repository:
    what a user's `repo:` line points at. Committed, so pre-commit installs its environment once."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    repo = tmp_path_factory.mktemp("hook-repo")
    for rel in filter(None, listed):
        if (ROOT / rel).is_file():
            (repo / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, repo / rel)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "specguard")
    return repo


MODEL = "kind: model\nname: Account\ncolumns:\n  id: {type: uuid, primary_key: true}\n  email: {type: text}\n"


@pytest.mark.parametrize("specs", ["specs", "db/specs"])
def test_the_published_hook_blocks_a_broken_spec(hook_repo, tmp_path, tmp_path_factory, specs):
    project = tmp_path / "project"
    (project / specs).mkdir(parents=True)
    (project / specs / "account.yaml").write_text(MODEL, encoding="utf-8")
    if specs != "specs":
        (project / "pyproject.toml").write_text(f'[tool.specguard]\nspecs = "{specs}"\n', encoding="utf-8")
    subprocess.run([sys.executable, "-m", "specguard", "compile", "--name", "init"], cwd=project, check=True,
                   capture_output=True, timeout=120)
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-q", "-m", "compiled")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.getbasetemp() / "pre-commit-home")}

    def try_repo() -> subprocess.CompletedProcess:
        return subprocess.run([*PRE_COMMIT, "try-repo", str(hook_repo), "specguard-check"], cwd=project, env=env,
                              capture_output=True, text=True, timeout=600)

    if specs == "specs":  # every try-repo installs the hook's environment anew: once is enough for this
        passed = try_repo()
        assert passed.returncode == 0, passed.stdout + passed.stderr
    # a typo, staged on its own: the commit the hook must stop
    (project / specs / "account.yaml").write_text(MODEL.replace("{type: text}", "{type: text, defualt: x}"), "utf-8")
    _git(project, "add", f"{specs}/account.yaml")
    failed = try_repo()
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert f"{specs}/account.yaml:5:23: error[SG106] unknown key `defualt`" in failed.stdout
