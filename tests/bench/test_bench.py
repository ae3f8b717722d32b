"""The benchmark's smoke test: its synthetic trees are valid specs, its configs are genuinely backward
compatible, and every measurement runs at a tiny size and reports in the documented JSON shape.

Benchmarks are not tests: nothing here asserts a time.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from bench.m_profile import area, parse_importtime  # noqa: E402
from bench.progress import Progress  # noqa: E402
from bench.synth import Sizes, apply_change, changed_models, tree_files, write_tree  # noqa: E402
from bench.synthconfigs import documents, invalid_document, schema, valid_document  # noqa: E402

TINY = Sizes(models=5, configs=3, policies=3)
MEASUREMENTS = {"compile", "check", "base", "plan", "configs", "validate", "profile"}


def specguard(*args: str) -> tuple[int, str]:
    from specguard.cli.entry import entry

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = entry(list(args))
    return code, out.getvalue()


@pytest.fixture
def compiled_tree(tmp_path, monkeypatch):
    write_tree(tmp_path, TINY)
    monkeypatch.chdir(tmp_path)
    code, out = specguard("compile", "--name", "init")
    assert code == 0, out
    return tmp_path, out


def test_the_synthetic_tree_compiles_with_no_finding_and_checks_clean(compiled_tree):
    _, out = compiled_tree
    assert all(line.startswith("wrote ") for line in out.splitlines()), out
    code, out = specguard("check", "--no-cache", "--format", "json")
    assert (code, json.loads(out)["diagnostics"]) == (0, [])


def test_the_benchmark_change_plans_with_no_finding(compiled_tree):
    root, _ = compiled_tree
    apply_change(root / "specs", TINY, changed_models(TINY, 2))
    code, out = specguard("plan", "--name", "change", "--format", "json")
    payload = json.loads(out)
    assert (code, payload["diagnostics"]) == (0, [])
    sql = "\n".join(m["sql"] for m in payload["migrations"])
    assert "extraNote" in sql and "priority" in sql and "varchar(120)" in sql


@pytest.mark.parametrize("sizes, files", [
    (Sizes(5, 3, 3), 1 + 5 + 9 + 3),
    (Sizes(20, 0, 0), 1 + 20),
    (Sizes(200, 7, 10), 1 + 200 + 21 + 10),
])
def test_a_tree_has_one_file_per_model_config_version_and_policy(sizes, files):
    assert len(tree_files(sizes)) == files


def test_each_config_version_accepts_every_upgraded_document_of_the_one_before(tmp_path):
    """Backward compatibility checked on documents, with the reference upgrader (ir/upgrade.py)."""
    from jsonschema import Draft202012Validator

    from specguard.compiler.ir.upgrade import upgrade_document
    from specguard.compiler.pipeline import load_specs

    write_tree(tmp_path, Sizes(0, 10, 0))
    loaded = load_specs(tmp_path / "specs")
    assert loaded.diagnostics == []
    versions = {(c.name, c.version): c for c in loaded.catalog.configs}
    rng = random.Random(5)
    for k in range(10):
        for v in (2, 3):
            new = Draft202012Validator(schema(k, v))
            old = Draft202012Validator(schema(k, v - 1))
            for _ in range(40):
                doc = valid_document(schema(k, v - 1), rng)
                assert old.is_valid(doc), doc
                upgraded = upgrade_document(doc, versions[(f"config_{k:03d}", v)])
                assert new.is_valid(upgraded), (k, v, doc, upgraded)


def test_documents_mix_valid_and_invalid():
    from jsonschema import Draft202012Validator

    docs = documents(configs=4, count=300)
    verdicts = [Draft202012Validator(schema(k, v)).is_valid(d) for k, v, d in docs]
    assert 0.5 < sum(verdicts) / len(verdicts) < 0.9
    rng = random.Random(1)
    broken = [invalid_document(schema(1, 3), rng) for _ in range(50)]
    assert sum(Draft202012Validator(schema(1, 3)).is_valid(d) for d in broken) < 10


@pytest.mark.parametrize("path, expected", [
    ("/w/src/specguard/compiler/load/yamlsrc.py", "specguard.compiler.load"),
    ("/w/src/specguard/cli/app.py", "specguard.cli"),
    ("/v/lib/python3.11/site-packages/pydantic/main.py", "pydantic"),
    ("/v/lib/python3.11/site-packages/yaml/__init__.py", "yaml"),
    ("~", "builtins (C)"),
    ("/usr/lib/python3.11/json/encoder.py", "python: encoder"),
])
def test_profile_areas(path, expected):
    assert area(path) == expected


def test_importtime_rows():
    text = ("import time: self [us] | cumulative | imported package\n"
            "import time:       120 |        120 |   _io\n"
            "import time:       300 |       2500 | yaml\n"
            "import time:        40 |         40 |     yaml.error\n"
            "something else\n")
    assert [(r["module"], r["depth"], r["self_us"], r["cumulative_us"]) for r in parse_importtime(text)] == [
        ("_io", 1, 120, 120), ("yaml", 0, 300, 2500), ("yaml.error", 2, 40, 40)]


@pytest.mark.parametrize("tty", [True, False])
def test_progress_is_drawn_on_a_terminal_only(tty):
    class Stream(io.StringIO):
        def isatty(self):
            return tty

    stream = Stream()
    p = Progress(stream)
    p.update("compile", 1, 4, "specguard compile")
    p.clear()
    assert ("specguard compile" in stream.getvalue()) is tty
    assert stream.getvalue() == "" or tty


@pytest.mark.pg
def test_every_measurement_runs_at_a_tiny_size(tmp_path):
    out = tmp_path / "bench.json"
    argv = [sys.executable, str(ROOT / "scripts" / "bench.py"), "all", "--models", "5", "--big-models", "10",
            "--big-runs", "1", "--configs", "3", "--policies", "2", "--documents", "30", "-n", "1", "--warmup", "0",
            "--json", str(out)]
    proc = subprocess.run(argv, capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"), timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "\x1b[K" not in proc.stderr  # no progress bar when stderr is not a terminal
    report = json.loads(out.read_text())
    results = {r["id"]: r for r in report["results"]}
    assert set(results) == MEASUREMENTS
    for r in results.values():
        assert r["status"] in ("ok", "n/a"), r
        for row in r["rows"]:
            assert {"name", "runs", "median_ms", "min_ms", "max_ms", "exit_codes"} <= set(row), row
            assert row["runs"] == 1 and row["median_ms"] > 0
            assert set(row["exit_codes"]) <= {0, 1}, row
        for ratio in r["ratios"]:
            assert {"name", "value", "op", "limit", "unit", "target", "met"} <= set(ratio)
    assert {t["target"] for t in report["targets"]} == {"1", "2", "3", "4", "5", "6"}
    for mid in ("compile", "check", "base"):
        assert results[mid]["status"] == "ok" and all(r["median_ms"] for r in results[mid]["rows"])
        assert all(v["value"] is not None for v in results[mid]["ratios"])
    assert all(row["peak_rss_mb"] > 0 for row in results["compile"]["rows"])
    specguard_rows = [row for r in results.values() for row in r["rows"] if row["name"].startswith("specguard")]
    assert specguard_rows and all(row["exit_codes"] == [0] for row in specguard_rows)
    assert [p["models"] for p in results["profile"]["compile_profiles"]] == [5, 10]
    assert results["profile"]["check_imports"]["modules"] > 0
    assert "== targets (issue 11)" in proc.stdout


STUB_CONFIG_MODULE = '''\
import json
from jsonschema import Draft202012Validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

def _model(name, schema):
    checker = Draft202012Validator(json.loads(schema))

    def model_validate(cls, doc):
        if not checker.is_valid(doc):
            error = InitErrorDetails(type=PydanticCustomError("stub", "invalid"), input=doc)
            raise ValidationError.from_exception_data(name, [error])
        return doc
    return type(name, (), {"model_validate": classmethod(model_validate)})
'''


def stub_config_emitter(catalog):
    """Issue 9's contract in its simplest form: one module per config, a class per version."""
    from bench.configgen import CONFIGS_PREFIX, pascal

    out = {}
    for name in sorted({c.name for c in catalog.configs}):
        body = [STUB_CONFIG_MODULE] + [f"{pascal(name)}V{c.version} = _model({pascal(name)!r}, {c.schema_json!r})"
                                       for c in catalog.config_versions(name)]
        out[f"{CONFIGS_PREFIX}{name}.py"] = "\n".join(body) + "\n"
    return out


@pytest.fixture
def with_stub_emitter(monkeypatch):
    from specguard.compiler.emit import artifacts

    monkeypatch.setattr(artifacts, "EMITTERS", (*artifacts.EMITTERS, stub_config_emitter))
    monkeypatch.setattr(sys, "path", list(sys.path))
    yield
    for name in [m for m in sys.modules if m.startswith("specguard_generated")]:
        del sys.modules[name]


def test_the_config_measurements_find_and_run_an_emitter_of_the_contract(tmp_path, with_stub_emitter):
    from bench import m_configs, m_validate
    from bench.common import Context

    ctx = Context(python=sys.executable, work=tmp_path, runs=1, warmup=0, configs=2, documents=40)
    emitted = m_configs.measure(ctx)
    assert emitted["rows"][0]["name"] == "specguard config emitter, 6 schemas"
    validated = m_validate.measure(ctx)
    assert [r["name"] for r in validated["rows"]] == ["generated is_valid_<config>, 40 documents",
                                                      "generated model_validate, 40 documents",
                                                      "jsonschema Draft202012Validator, 40 documents"]
    assert validated["verdicts"]["disagreements"] == 0
    assert validated["verdicts"]["is_valid"]["disagreements"] == 0
    assert [r["value"] is not None for r in validated["ratios"]] == [True, True]
