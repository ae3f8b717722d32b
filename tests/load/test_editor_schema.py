"""The editor schema (``specguard schema``, ``generated/spec.schema.json``) is standard JSON Schema
2020-12, and independent validators agree with ``check`` on it: ajv (from npm, in strict mode, as
editors' validators run it) and Python's ``jsonschema`` with format checks.

They agree on the example specs (every document of every file: all valid) and on a table of broken
documents that ``check`` refuses for their shape. What the schema cannot know (references to other
documents, column types, SQL fragments) is checked by later stages and is not part of the table.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from specguard.compiler.load.specmodels import spec_json_schema
from specguard.compiler.load.yamlsrc import parse_documents
from specguard.compiler.pipeline import load_texts
from specguard.diagnostics import Severity

ROOT = Path(__file__).resolve().parents[2]

# the keywords of JSON Schema 2020-12's vocabularies (core, applicator, unevaluated, validation,
# meta-data, format-annotation, content)
KEYWORDS = frozenset("""
$schema $id $ref $anchor $dynamicRef $dynamicAnchor $vocabulary $comment $defs
allOf anyOf oneOf not if then else dependentSchemas prefixItems items contains properties patternProperties
additionalProperties propertyNames unevaluatedItems unevaluatedProperties
type const enum multipleOf maximum exclusiveMaximum minimum exclusiveMinimum maxLength minLength pattern
maxItems minItems uniqueItems maxContains minContains maxProperties minProperties required dependentRequired
title description default deprecated readOnly writeOnly examples format contentEncoding contentMediaType
contentSchema
""".split())
SUBSCHEMA = ("allOf", "anyOf", "oneOf", "prefixItems")  # lists of schemas
SUBSCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")  # name -> schema
SUBSCHEMA_ONE = ("not", "if", "then", "else", "items", "contains", "additionalProperties", "propertyNames",
                 "unevaluatedItems", "unevaluatedProperties", "contentSchema")

BROKEN = [  # (what, document, the code check reports)
    ("unknown top-level key", "kind: model\nname: A\ncolumns:\n  id: {type: uuid}\ncolumnz: {}\n", "SG106"),
    ("unknown key in a column", "kind: model\nname: A\ncolumns:\n  id: {type: uuid, defualt: x}\n", "SG106"),
    ("unknown kind", "kind: table\nname: A\n", "SG105"),
    ("no kind", "name: A\ncolumns:\n  id: {type: uuid}\n", "SG105"),
    ("enum without values", "kind: enum\nname: E\n", "SG108"),
    ("a string for a boolean", 'kind: model\nname: A\ncolumns:\n  id: {type: uuid, nullable: "yes"}\n', "SG107"),
    ("a model name that is no identifier", "kind: model\nname: 9lives\ncolumns:\n  id: {type: uuid}\n", "SG109"),
    ("a column name that is no identifier", "kind: model\nname: A\ncolumns:\n  my-id: {type: uuid}\n", "SG109"),
    ("no columns", "kind: model\nname: A\ncolumns: {}\n", "SG107"),
    ("an unknown on_delete", "kind: model\nname: A\ncolumns:\n  id: {type: uuid}\nforeign_keys:\n"
     "  - {columns: [id], references: {model: A, columns: [id]}, on_delete: delete}\n", "SG107"),
    ("an unknown index method", "kind: model\nname: A\ncolumns:\n  id: {type: uuid}\nindexes:\n"
     "  - {columns: [id], using: bitmap}\n", "SG107"),
    ("config version 0", "kind: config\nname: c\nversion: 0\nschema: {type: object}\n", "SG107"),
    ("a TTL that is a number", "kind: cache_policy\nname: p\nmodel: A\nkey: 'a:{id}'\nttl: 300\n", "SG107"),
]  # fmt: skip


def _documents(text: str, file: str) -> list:
    docs, errors = parse_documents(text, file)
    assert errors == []
    return [d.value for d in docs]


def _example_documents() -> list[tuple[str, object]]:
    out = []
    for path in sorted((ROOT / "specs").rglob("*.y*ml")):
        rel = path.relative_to(ROOT).as_posix()
        out += [(f"{rel}#{i}", doc) for i, doc in enumerate(_documents(path.read_text("utf-8"), rel))]
    assert len(out) > len(list((ROOT / "specs").rglob("*.y*ml")))  # multi-document files are in there
    return out


def _walk(schema, where="#"):
    """Every (location, keyword) of the schema, descending only into places that hold schemas."""
    if not isinstance(schema, dict):
        return
    for key, value in schema.items():
        yield where, key
        if key in SUBSCHEMA:
            for i, sub in enumerate(value):
                yield from _walk(sub, f"{where}/{key}/{i}")
        elif key in SUBSCHEMA_MAPS:
            for name, sub in value.items():
                yield from _walk(sub, f"{where}/{key}/{name}")
        elif key in SUBSCHEMA_ONE:
            yield from _walk(value, f"{where}/{key}")


def test_the_schema_uses_only_standard_keywords():
    schema = spec_json_schema()
    unknown = sorted({f"{where}: {key}" for where, key in _walk(schema) if key not in KEYWORDS})
    assert unknown == []
    committed = json.loads((ROOT / "generated" / "spec.schema.json").read_text("utf-8"))
    assert committed == schema, "generated/spec.schema.json is stale: run `specguard compile`"


def test_check_accepts_the_examples_and_refuses_each_broken_document():
    for what, text, code in BROKEN:
        found = {d.code for d in load_texts({"specs/x.yaml": text}).diagnostics if d.severity is Severity.ERROR}
        assert code in found, (what, found)


def test_jsonschema_agrees_with_check():
    import jsonschema

    validator = jsonschema.Draft202012Validator(spec_json_schema(), format_checker=jsonschema.FormatChecker())
    for where, doc in _example_documents():
        assert list(validator.iter_errors(doc)) == [], where
    for what, text, _ in BROKEN:
        (doc,) = _documents(text, "x.yaml")
        assert list(validator.iter_errors(doc)), f"jsonschema accepts a document check refuses: {what}"


AJV_SCRIPT = """
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const ajv = new Ajv2020({strict: true, allErrors: true});
addFormats(ajv);
const validate = ajv.compile(input.schema);
console.log(JSON.stringify(input.documents.map(d => validate(d))));
"""


@pytest.fixture(scope="module")
def ajv(tmp_path_factory) -> Path:
    """ajv 8 and ajv-formats, installed from npm into a folder of this test run."""
    npm = shutil.which("npm")
    if npm is None:
        if os.environ.get("CI"):
            pytest.fail("npm is needed to install ajv: CI must not skip the editor schema test")
        pytest.skip("npm is not installed")
    folder = tmp_path_factory.mktemp("ajv")
    subprocess.run([npm, "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(folder),
                    "ajv@8", "ajv-formats@3"], check=True, capture_output=True, timeout=300)
    (folder / "validate.js").write_text(AJV_SCRIPT, encoding="utf-8")
    return folder


def test_ajv_in_strict_mode_compiles_the_schema_and_agrees_with_check(ajv):
    examples = _example_documents()
    broken = [_documents(text, "x.yaml")[0] for _, text, _ in BROKEN]
    payload = json.dumps({"schema": spec_json_schema(), "documents": [d for _, d in examples] + broken})
    proc = subprocess.run(["node", str(ajv / "validate.js")], input=payload, capture_output=True, text=True,
                          cwd=ajv, timeout=120)
    assert proc.returncode == 0, proc.stderr  # strict mode throws on any keyword it does not know
    verdicts = json.loads(proc.stdout)
    assert verdicts[: len(examples)] == [True] * len(examples), [w for (w, _), ok in zip(examples, verdicts) if not ok]
    assert verdicts[len(examples):] == [False] * len(broken), [w for (w, _, _), ok in
                                                               zip(BROKEN, verdicts[len(examples):]) if ok]
