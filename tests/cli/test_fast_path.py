"""The pre-commit path: a plain ``check`` skips Typer, and a warm check is served from the cache."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from specguard.cli.entry import _parse_fast, entry

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        rc = entry(argv)
    return rc, out.getvalue()


@pytest.mark.parametrize(
    "argv,fast",
    [
        (["check"], True),
        (["check", "--format", "json"], True),
        (["check", "--format=sarif", "--specs", "x", "--no-cache"], True),
        (["check", "-f", "GITHUB"], True),
        (["check", "--help"], False),
        (["check", "--format", "yaml"], False),
        (["check", "--specs"], False),
        (["plan"], False),
        ([], False),
    ],
)
def test_fast_path_takes_only_plain_checks(argv, fast):
    assert (_parse_fast(argv) is not None) is fast


def test_fast_and_typer_paths_agree(project):
    from specguard.cli.app import main

    for fmt in ("text", "json", "github", "sarif"):
        a = run(["check", "--format", fmt, "--no-cache"])
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            rc = main(["check", "--format", fmt, "--no-cache"])
        assert a == (rc, out.getvalue())


def test_warm_check_is_served_from_cache_and_edits_invalidate_it(project):
    assert run(["check"]) == run(["check"])
    assert list((project / ".specguard-cache").glob("check-*.json"))
    spec = project / "specs" / "models" / "user.yaml"
    spec.write_text(spec.read_text().replace("  email:       {type: text, unique: true}", "  email:       {type: txt, unique: true}"))
    rc, out = run(["check", "--format", "json"])
    assert rc == 1 and [d["code"] for d in json.loads(out)["diagnostics"]] == ["SG110"]
    # a cached result with errors replays identically
    assert run(["check", "--format", "json"]) == (rc, out)


def test_cache_misses_when_generated_changes(project):
    assert run(["check"])[0] == 0
    sql = next((project / "generated" / "migrations").glob("*/migration.sql"))
    sql.write_text(sql.read_text() + "-- edit\n")
    rc, out = run(["check"])
    assert rc == 1 and "SG801" in out


def test_fast_check_never_imports_typer_or_database_code(project):
    code = ("import sys; from specguard.cli.entry import entry; rc = entry(['check', '--no-cache']); "
            "bad = [m for m in ('typer', 'click', 'psycopg', 'sqlalchemy', 'pgserver') if m in sys.modules]; "
            "print(rc, bad)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip().endswith("0 []"), proc.stdout + proc.stderr


def test_cascading_reference_errors_are_not_reported(project):
    spec = project / "specs" / "models" / "companion.yaml"
    spec.write_text(spec.read_text().replace("{type: boolean, default: false}", "{type: boolean, defualt: false}"))
    rc, out = run(["check", "--format", "json", "--no-cache"])
    assert rc == 1 and [d["code"] for d in json.loads(out)["diagnostics"]] == ["SG106"]
