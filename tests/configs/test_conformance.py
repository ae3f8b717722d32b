"""The generated validators agree with the official JSON Schema Test Suite (draft 2020-12) on every
case whose keywords they support; every other case is refused when the specs compile (SG640), and the
README's table says how many of each, per keyword file."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from specguard.compiler.emit.python.configs import class_name, config_module
from specguard.compiler.ir.catalog import ConfigVersion, canonical_json
from specguard.compiler.ir.schemakeywords import unsupported_keywords
from specguard.compiler.pipeline import load_texts

from .conformance import FORMAT_ANNOTATION, ROOT, FileResult, groups, module_name, suite_folder, table
from .generated import import_configs

SUITE = suite_folder()
pytestmark = pytest.mark.skipif(SUITE is None, reason="the JSON Schema Test Suite is not beside this repository "
                                "(../shared/conformance/json-schema-test-suite): nothing to compare with")
START, END = "<!-- conformance:start -->", "<!-- conformance:end -->"


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, FileResult]:
    compiled, out = {}, {}
    for stem, i, group in groups(SUITE):
        out.setdefault(stem, FileResult())
        if unsupported_keywords(group["schema"]):
            out[stem].refused += len(group["tests"])
        else:
            name = module_name(stem, i)
            compiled[name] = (stem, group, config_module(name, [ConfigVersion(name, 1, canonical_json(group["schema"]))]))
    modules = import_configs(tmp_path_factory.mktemp("suite"), {n: text for n, (_, _, text) in compiled.items()})
    for name, (stem, group, _) in compiled.items():
        model = getattr(modules[name], f"{class_name(name)}V1")
        check = getattr(modules[name], f"is_valid_{name}")
        for case in group["tests"]:
            _score(out[stem], model, check, group["description"], case)
    return out


def _score(result: FileResult, model, check, description: str, case: dict) -> None:
    try:
        model.model_validate(case["data"])
        ours = True
    except ValidationError:
        ours = False
    if check(case["data"]) != ours:  # the validation-only entry point must say what the model says
        result.failed.append(f"{description} / {case['description']}: is_valid and model_validate differ")
    elif ours == case["valid"]:
        result.passed += 1
    elif FORMAT_ANNOTATION in case["description"] and case["valid"] and not ours:
        result.asserted += 1
    else:
        result.failed.append(f"{description} / {case['description']}")


def test_every_supported_case_agrees_with_the_suite(results):
    failed = {stem: r.failed for stem, r in results.items() if r.failed}
    assert failed == {}


def test_only_format_cases_differ_and_only_because_formats_are_asserted(results):
    assert {stem for stem, r in results.items() if r.asserted} == {"format"}


def test_refused_schemas_are_refused_when_the_specs_compile():
    """A config spec holding a refused schema fails with SG640, never compiles quietly."""
    for stem, i, group in groups(SUITE):
        schema = group["schema"]
        if isinstance(schema, dict) and unsupported_keywords(schema):
            spec = f"kind: config\nname: c\nversion: 1\nschema: {json.dumps(schema)}\n"
            codes = {d.code for d in load_texts({"c.yaml": spec}).diagnostics}
            assert "SG640" in codes or "SG115" in codes, (stem, i, codes)


def test_readme_lists_the_pass_count_per_keyword_file(results):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    current = readme.partition(START)[2].partition(END)[0]
    assert current.strip() == table(results).strip(), "run: python scripts/conformance_table.py --write"
