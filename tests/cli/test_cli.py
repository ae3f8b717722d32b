"""The CLI contract: commands, formats and exit codes, through Typer's runner and as a real subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from specguard.cli.app import app, main

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A copy of the example specs in a fresh project folder (no generated/ yet)."""
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    """In process, through main() so exit codes are exactly what the console script returns."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(list(args))
    return rc, out.getvalue() + err.getvalue()


def test_runner_help_lists_every_command():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for cmd in ("init", "check", "compile", "plan", "verify", "drift", "explain", "schema"):
        assert cmd in result.output


def test_check_on_repo_specs_is_clean_and_generated_is_current():
    """CI fails when generated/ is stale against specs/ (or a released migration was edited)."""
    proc = subprocess.run([sys.executable, "-m", "specguard", "check"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_compiling_the_repo_again_writes_nothing(tmp_path, monkeypatch):
    """generated/ is committed: this specguard compiling specs/ must reproduce it byte for byte
    (a generator change that alters any generated file fails here until generated/ is refreshed)."""
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    rc, out = run("compile", "--name", "noop")
    assert (rc, out) == (0, "no changes: generated/ is up to date\n")


def test_uncompiled_project_is_stale(project):
    rc, out = run("check")
    assert rc == 1 and "SG800" in out


def test_compile_then_check_clean_then_noop(project):
    rc, out = run("compile", "--name", "init")
    assert rc == 0, out
    migrations = sorted((project / "generated" / "migrations").iterdir())
    assert any(p.name.endswith("_init") for p in migrations)
    before = {p: p.read_bytes() for p in (project / "generated").rglob("*") if p.is_file()}
    rc, out = run("check")
    assert rc == 0, out
    rc, out = run("compile", "--name", "again")
    assert rc == 0 and "no changes" in out
    after = {p: p.read_bytes() for p in (project / "generated").rglob("*") if p.is_file()}
    assert before == after


def test_plan_writes_nothing_and_prints_sql(project):
    rc, out = run("plan")
    assert rc == 0, out
    assert 'CREATE TABLE IF NOT EXISTS "Companion"' in out
    assert not (project / "generated").exists()


def test_plan_json_has_migrations(project):
    rc, out = run("plan", "--format", "json")
    payload = json.loads(out)
    assert rc == 0 and payload["migrations"] and "diagnostics" in payload


def test_drop_column_refused_then_accepted(project):
    assert run("compile", "--name", "init")[0] == 0
    spec = project / "specs" / "models" / "companion.yaml"
    spec.write_text(spec.read_text().replace("  version:           {type: integer, default: 1}\n", "")
                    .replace("  - name: Companion_version_positive\n    expression: '\"version\" >= 1'\n", ""))
    rc, out = run("compile", "--name", "drop_version")
    assert rc == 1 and "Companion.version" in out
    rc, out = run("check", "--format", "json")
    codes = {d["code"] for d in json.loads(out)["diagnostics"]}
    assert rc == 1 and codes == {"SG800", "SG302"}  # stale, and what compile will refuse
    rc, out = run("compile", "--name", "drop_version", "--accept", "SG302:Companion.version", "--reason", "unused since v2")
    assert rc == 0, out
    sql = next((project / "generated" / "migrations").glob("*_drop_version*/migration.sql")).read_text()
    assert "SG302" in sql and "unused since v2" in sql
    assert run("check")[0] == 0


def test_dropped_model_finding_points_at_the_compiled_state(project):
    assert run("compile", "--name", "init")[0] == 0
    (project / "specs" / "models" / "group_chat.yaml").unlink()
    (project / "specs" / "cache" / "policies.yaml").write_text(
        (project / "specs" / "cache" / "policies.yaml").read_text().split("---\nkind: cache_policy\nname: group_chat_feed")[0]
        + "---\n" + (project / "specs" / "cache" / "policies.yaml").read_text().split("---\n")[-1])
    rc, out = run("check", "--format", "json")
    drops = [d for d in json.loads(out)["diagnostics"] if d["code"] == "SG300"]
    assert rc == 1 and {d["target"] for d in drops} == {"GroupChat", "GroupMessage"}
    assert all(d["file"] == "generated/state.json" for d in drops)


def test_edited_released_migration_is_detected(project):
    assert run("compile", "--name", "init")[0] == 0
    sql = next((project / "generated" / "migrations").glob("*_init/migration.sql"))
    sql.write_text(sql.read_text() + "\n-- sneaky edit\n")
    rc, out = run("check")
    assert rc == 1 and "SG801" in out


def test_formats(project):
    bad = project / "specs" / "bad.yaml"
    bad.write_text("kind: model\nname: Bad\ncolumns:\n  id: {type: uuid, primary_key: true, nulable: true}\n")
    rc, out = run("check", "--format", "json")
    assert rc == 1
    d = next(x for x in json.loads(out)["diagnostics"] if x["code"] == "SG106")
    assert (d["file"], d["line"], d["column"], d["category"]) == ("specs/bad.yaml", 4, 39, "syntax")
    rc, out = run("check", "--format", "github")
    assert rc == 1 and "::error file=specs/bad.yaml,line=4,col=39" in out
    rc, out = run("check", "--format", "sarif")
    assert rc == 1 and json.loads(out)["version"] == "2.1.0"
    rc, out = run("check")
    assert rc == 1 and "nulable" in out and "^" in out and "did you mean `nullable`?" in out


def test_usage_errors_exit_2(project):
    assert run("check", "--format", "yaml")[0] == 2
    assert run("no-such-command")[0] == 2
    assert run("check", "--specs", str(project / "missing"))[0] == 2
    assert run("explain", "SG999")[0] == 2
    assert run("compile", "--name", "!!!")[0] == 2  # no letter or digit
    assert run("compile", "--name", "x" * 61)[0] == 2  # longer than a migration name may be
    assert run("compile", "--accept", "SG301")[0] == 2  # no reason


def test_explain_and_schema():
    rc, out = run("explain", "SG301")
    assert rc == 0 and "drop-column" in out and "What it does" in out
    rc, out = run("explain", "drop-column")
    assert rc == 0 and "SG301" in out
    rc, out = run("explain", "SG3O1")
    assert rc == 2 and out == "error[SG003]: unknown code `SG3O1`\n  = hint: did you mean `SG301` (drop-column)?\n"
    rc, out = run("schema")
    schema = json.loads(out)
    assert rc == 0 and "ModelSpec" in json.dumps(schema)


def test_schema_validates_the_example_specs():
    """The editor schema comes from the same models that validate specs: the examples must pass it."""
    import jsonschema
    import yaml

    from specguard.compiler.load.specmodels import spec_json_schema

    validator = jsonschema.Draft202012Validator(spec_json_schema())
    for path in sorted((ROOT / "specs").rglob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            errors = list(validator.iter_errors(doc))
            assert not errors, (path, errors[0].message)


def test_init_scaffolds_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out = run("init")
    assert rc == 0 and (tmp_path / "specs" / "account.yaml").exists()
    assert "[tool.specguard]" in (tmp_path / "pyproject.toml").read_text()
    assert "specguard check" in (tmp_path / ".pre-commit-config.yaml").read_text()
    rc, out = run("init")
    assert rc == 0 and "nothing to do" in out
    rc, out = run("check")
    assert rc == 1 and "SG800" in out  # scaffolded but not compiled yet


def test_subprocess_console_script(project):
    exe = shutil.which("specguard", path=str(Path(sys.executable).parent)) or shutil.which("specguard") or ""
    cmd = [exe] if exe else [sys.executable, "-m", "specguard"]
    proc = subprocess.run(cmd + ["check", "--format", "json"], cwd=project, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_COLOR": "1"})
    assert proc.returncode == 1 and "SG800" in proc.stdout
    assert "Traceback" not in proc.stderr
    proc = subprocess.run(cmd + ["compile", "-n", "init"], cwd=project, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = subprocess.run(cmd + ["check"], cwd=project, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr


def test_check_base_classifies_changes_against_git(project):
    git = ["git", "-c", "user.email=dev@example.invalid", "-c", "user.name=dev"]
    subprocess.run(git + ["init", "-q"], cwd=project, check=True)
    assert run("compile", "--name", "init")[0] == 0
    subprocess.run(git + ["add", "-A"], cwd=project, check=True)
    subprocess.run(git + ["commit", "-qm", "base"], cwd=project, check=True)
    spec = project / "specs" / "models" / "group_chat.yaml"
    spec.write_text(spec.read_text().replace("  name:      {type: text}\n", "", 1))
    rc, out = run("check", "--base", "HEAD", "--format", "json")
    codes = {d["code"] for d in json.loads(out)["diagnostics"]}
    assert rc == 1 and "SG302" in codes, out
    assert run("check", "--base", "no-such-ref")[0] == 2
