"""The README's five-minute tour, run as a reader would: every console block of the tour that shows
`check`, `plan` or `compile` is what specguard prints on a copy of the example, after the same edits.

Timestamps in migration names are the only thing that differs between runs: both sides have them
replaced. When specguard's output changes on purpose, change the README with it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAMP = re.compile(r"\d{14}")


def _tour() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    start = readme.index("\n## Five-minute tour\n")
    return readme[start: readme.index("\n## ", start + 1)]


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", _tour(), flags=re.S)


def _console(command: str) -> list[str]:
    """The README's console blocks for ``$ specguard <command>``, their output only."""
    return [b.split("\n", 1)[1] for b in _blocks("console") if b.startswith(f"$ specguard {command}")]


@pytest.fixture
def example(tmp_path):
    for part in ("specs", "generated"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


def _run(cwd: Path, *args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "specguard", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "SPECGUARD_NO_CACHE": "1"})
    return STAMP.sub("<timestamp>", proc.stdout + proc.stderr)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"the tour's edit no longer applies to {path.name}: {old!r}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_the_tour_prints_what_the_readme_shows(example):
    clean, typo = _console("check")
    assert _run(example, "check") == clean
    companion = example / "specs" / "models" / "companion.yaml"
    _edit(companion, "{type: boolean, default: false}", "{type: boolean, defualt: false}")
    assert _run(example, "check") == typo
    _edit(companion, "defualt: false", "default: false")

    columns, index = _blocks("yaml")[0].split("...\n")
    message = example / "specs" / "models" / "message.yaml"
    _edit(message, "  createdAt:   {type: timestamptz, default: {sql: now()}}\n",
          "  createdAt:   {type: timestamptz, default: {sql: now()}}\n" + columns)
    _edit(message, "indexes:\n", "indexes:\n" + index)
    (plan,) = _console("plan")
    assert _run(example, "plan", "--name", "message_edits") == plan
    compiled, refused = _console("compile")
    assert _run(example, "compile", "--name", "message_edits") == STAMP.sub("<timestamp>", compiled)
    assert _run(example, "compile", "--name", "again").strip() == "no changes: generated/ is up to date"

    user = example / "specs" / "models" / "user.yaml"
    user.write_text("".join(line for line in user.read_text("utf-8").splitlines(keepends=True)
                            if not line.strip().startswith("displayName")), "utf-8")
    shown = _run(example, "compile", "--name", "drop_display_name")
    head, _, _ = refused.partition("  = hint:")
    assert shown.startswith(head) and "--accept SG302:User.displayName" in shown
