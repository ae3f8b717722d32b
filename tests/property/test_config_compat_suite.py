"""The compatibility checker on the official JSON Schema Test Suite's schemas and instances.

Every pair of schemas of one keyword file (each with itself included) is judged as a writer and a
reader, with no upgrade in between: the checker must not fail, a schema always reads itself, and a
pair called compatible must agree with jsonschema on every instance of the file (an instance the
writer accepts, the reader accepts). These schemas are the corner cases the suite's authors chose,
so they exercise the checker where hand-written cases would not. Skipped, saying why, where the
suite is absent (it lives in ../shared/conformance).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from specguard.compiler.ir.catalog import ConfigVersion, canonical_json
from specguard.compiler.schemacompat.modes import judge_version

SUITE = Path(__file__).resolve().parents[3] / "shared" / "conformance" / "json-schema-test-suite" / "draft2020-12"
if not SUITE.is_dir():  # a worktree sits one level deeper than the main checkout
    SUITE = Path(__file__).resolve().parents[4] / "shared" / "conformance" / "json-schema-test-suite" / "draft2020-12"
FILES = sorted(SUITE.glob("*.json")) if SUITE.is_dir() else []
pytestmark = pytest.mark.skipif(not FILES, reason=f"the JSON Schema Test Suite is not at {SUITE}")


def _validator(schema):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _valid(schema, instance) -> bool | None:
    try:
        return _validator(schema).is_valid(instance)
    except Exception:  # noqa: BLE001 - remote references: the checker refuses those schemas anyway
        return None


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_suite_pairs(path):
    groups = json.loads(path.read_text("utf-8"))
    schemas = [g["schema"] for g in groups]
    instances = [t["data"] for g in groups for t in g["tests"]]
    for reader in schemas:
        old = ConfigVersion("c", 1, canonical_json(reader))
        for writer in schemas:
            new = ConfigVersion("c", 2, canonical_json(writer))
            findings = judge_version((old,), new, "forward")  # the old version reads new documents
            if writer is reader:
                assert all(f.witness is None and "`$" in f.message + f.pointer for f in findings) or not findings, findings
            if findings:
                continue
            for x in instances:
                if _valid(writer, x):
                    assert _valid(reader, x), (path.stem, writer, reader, x)
