"""``specguard plan`` works out the migrations and verdicts without emitting the generated code: the
same migrations and diagnostics as a full plan, whatever the change."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from specguard.compiler import pipeline

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


@pytest.mark.parametrize("edit", [
    lambda t: t,  # nothing to plan
    lambda t: t.replace("columns:\n", "columns:\n  extra: {type: text, nullable: true}\n", 1),
    lambda t: t.replace("columns:\n", "columns:\n  needed: {type: text}\n", 1),  # refused: no default
    lambda t: "\n".join(line for line in t.splitlines() if "displayName" not in line) + "\n",  # a drop
])
def test_a_light_plan_decides_what_a_full_one_does(tmp_path, edit):
    for folder in ("specs", "generated"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    user = tmp_path / "specs/models/user.yaml"
    user.write_text(edit(user.read_text("utf-8")), "utf-8")
    full = pipeline.plan(tmp_path / "specs", tmp_path / "generated", name="x", now=NOW)
    light = pipeline.plan(tmp_path / "specs", tmp_path / "generated", name="x", now=NOW, files=False)
    assert light.migrations == full.migrations and light.diagnostics == full.diagnostics
    assert light.accepted == full.accepted and light.written == ()
