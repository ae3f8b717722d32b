"""Machine formats always print a well-formed document on stdout, also when a command cannot run.

``check --format sarif > specguard.sarif`` must never leave an empty file for the upload step, and a
script reading ``--format json`` must never get text: usage errors, setup errors (no spec folder, an
unreadable path, a bad revision), connection errors and internal errors all come as a document
holding one diagnostic (exit 2). Every SARIF result has a location, as GitHub's upload demands.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from specguard.cli.entry import entry

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
FAKE = "Sekr1t-fake-pw"


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = entry(list(argv))
    return rc, out.getvalue(), err.getvalue()


FAILURES = [
    # (argv, the code of the one diagnostic)
    (["check", "--specs", "no-such-folder"], "SG001"),
    (["check", "--base", "no-such-ref"], "SG004"),
    (["check", "--no-such-option"], "SG003"),
    (["drift", f"postgresql://app:{FAKE}@db.example.invalid/app"], "SG003"),  # a URL given as an argument
    (["drift"], "SG003"),  # no database given
    (["drift", "--database-url", f"postgresql://app:{FAKE}@127.0.0.1:1/app?connect_timeout=2"], "SG002"),
    (["drift", "--database-url", f"mysql://app:{FAKE}@db.example.invalid/app"], "SG003"),
    (["verify", "--database-url", f"postgresql://app:{FAKE}@127.0.0.1:1/app?connect_timeout=2"], "SG002"),
    (["verify", "--database-url", f"postgresql://app:{FAKE}@h-pooler.example.invalid/app"], "SG008"),
    (["plan", "--name", "!!!"], "SG003"),
    (["explain", "SG999"], "SG003"),
]


@pytest.mark.parametrize("argv, code", FAILURES, ids=[" ".join(a)[:50] for a, _ in FAILURES])
@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_a_command_that_cannot_run_still_prints_a_document(project, argv, code, fmt):
    rc, out, err = run(*argv, "--format", fmt)
    assert rc == 2, out + err
    assert FAKE not in out + err
    if fmt == "github":
        (line,) = out.splitlines()
        assert line.startswith("::error ") and f"title={code} " in line
        return
    doc = json.loads(out)
    if fmt == "json":
        assert [d["code"] for d in doc["diagnostics"]] == [code] and doc["summary"]["errors"] == 1
    else:
        jsonschema.validate(doc, SCHEMA)
        (result,) = doc["runs"][0]["results"]
        assert result["ruleId"] == code and result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert err  # a one-line copy for the log, since stdout is likely redirected to a file


def test_text_usage_error_masks_a_url_given_by_mistake(project):
    rc, out, err = run("drift", f"postgresql://app:{FAKE}@db.example.invalid/app")
    assert rc == 2 and out == ""
    assert err.startswith("Usage: specguard drift [OPTIONS]\n")
    assert "postgresql://app:***@db.example.invalid/app" in err and FAKE not in err


def test_an_internal_error_is_a_diagnostic_in_every_format(project, monkeypatch):
    from specguard.compiler import pipeline

    def boom(*args, **kwargs):
        raise RuntimeError(f"unexpected, while reading postgresql://app:{FAKE}@db/x")

    monkeypatch.setattr(pipeline, "check", boom)
    for fmt in ("text", "json", "sarif", "github"):
        rc, out, err = run("check", "--no-cache", "--format", fmt)
        assert rc == 2 and "SG009" in out + err and FAKE not in out + err and "Traceback" not in err
        if fmt in ("json", "sarif"):
            json.loads(out)


def test_every_sarif_result_has_a_location_on_an_existing_file(project):
    (project / "specs" / "models" / "group_chat.yaml").unlink()  # findings about dropped models
    rc, out, _ = run("check", "--no-cache", "--format", "sarif")
    doc = json.loads(out)
    jsonschema.validate(doc, SCHEMA)
    results = doc["runs"][0]["results"]
    assert rc == 1 and results
    for r in results:
        (loc,) = r["locations"]
        assert (project / loc["physicalLocation"]["artifactLocation"]["uri"]).is_file(), loc
