"""Config compatibility, change type by change type, in both directions and under every mode.

Each case is two versions of one config written as spec files (``v1.yaml``, ``v2.yaml``), loaded
by the real loader and judged by the pipeline. ``back`` is what the backward direction finds (the
new version reading old documents, after its upgrade steps), ``fwd`` what the forward direction
finds (the old version reading new documents); each finding is (code, "file:line:column") in the
new version's file, where the caret goes. Under a mode, the expected findings are those of the
directions the mode checks: ``backward*`` the first, ``forward*`` the second, ``full*`` both,
``none`` neither. In v2.yaml the schema body starts on line 6.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cases"))
import yamlcases  # noqa: E402

from specguard.compiler.ir.catalog import COMPATIBILITY_MODES  # noqa: E402

B, F, U = "SG610", "SG611", "SG612"


def spec(version: int, body: str, mode: str = "backward", upgrade: str = "") -> str:
    lines = "".join(f"  {line}\n" for line in body.strip("\n").split("\n"))
    return (f"kind: config\nname: c\nversion: {version}\ncompatibility: {mode}\nschema:\n{lines}"
            + (f"upgrade: {upgrade}\n" if upgrade else ""))


class Case(NamedTuple):
    id: str
    v1: str
    v2: str
    back: list[tuple[str, str]]  # (code, "v2.yaml:line:column"); U means "not proven" in that direction
    fwd: list[tuple[str, str]]
    upgrade: str = ""


OBJ = "type: object\n"
CLOSED = "additionalProperties: false\n"
A_STR = "properties:\n  a: {type: string}\n"
AB_STR = "properties:\n  a: {type: string}\n  b: {type: integer}\n"

CASES = [
    # --- content models ---------------------------------------------------------------------
    Case("optional-added-closed", OBJ + A_STR + CLOSED, OBJ + AB_STR + CLOSED, [], [(F, "v2.yaml:9:5")]),
    Case("optional-added-open", OBJ + A_STR, OBJ + AB_STR, [(B, "v2.yaml:9:5")], []),
    Case("optional-added-open-any", OBJ + A_STR, OBJ + "properties:\n  a: {type: string}\n  b: {}\n", [], []),
    Case("removed-from-open", OBJ + AB_STR, OBJ + A_STR, [], [(F, "v2.yaml:7:3")]),
    Case("removed-from-closed", OBJ + AB_STR + CLOSED, OBJ + A_STR + CLOSED, [(B, "v2.yaml:9:3")], []),
    Case("removed-from-closed-upgraded", OBJ + AB_STR + CLOSED, OBJ + A_STR + CLOSED, [], [], "{remove: [b]}"),
    Case("closed", OBJ + A_STR, OBJ + A_STR + CLOSED, [(B, "v2.yaml:9:3")], []),
    Case("opened", OBJ + A_STR + CLOSED, OBJ + A_STR, [], [(F, "v2.yaml:5:1")]),
    Case("pattern-properties-cover-new-key", OBJ + A_STR + "patternProperties:\n  '^x_': {type: integer}\n" + CLOSED,
         OBJ + "properties:\n  a: {type: string}\n  x_b: {type: integer}\n" + "patternProperties:\n  '^x_': {type: integer}\n"
         + CLOSED, [], []),
    Case("pattern-properties-narrowed", OBJ + "patternProperties:\n  '^x_': {type: integer}\n",
         OBJ + "patternProperties:\n  '^x_': {type: integer, maximum: 9}\n", [(B, "v2.yaml:8:28")], []),
    # --- required ---------------------------------------------------------------------------
    Case("required-added", OBJ + A_STR + CLOSED, OBJ + AB_STR + "required: [b]\n" + CLOSED,
         [(B, "v2.yaml:10:3")], [(F, "v2.yaml:9:5")]),
    Case("required-added-with-default", OBJ + A_STR + CLOSED,
         OBJ + "properties:\n  a: {type: string}\n  b: {type: integer, default: 0}\nrequired: [b]\n" + CLOSED,
         [], [(F, "v2.yaml:9:5")]),
    Case("made-required", OBJ + A_STR, OBJ + A_STR + "required: [a]\n", [(B, "v2.yaml:9:3")], []),
    Case("made-required-with-set", OBJ + A_STR, OBJ + A_STR + "required: [a]\n", [], [], "{set: {a: x}}"),
    Case("made-optional", OBJ + A_STR + "required: [a]\n", OBJ + A_STR, [], [(F, "v2.yaml:8:5")]),
    Case("dependent-required-added", OBJ + AB_STR, OBJ + AB_STR + "dependentRequired: {a: [b]}\n",
         [(B, "v2.yaml:10:3")], []),
    # --- types ------------------------------------------------------------------------------
    Case("number-to-integer", OBJ + "properties:\n  n: {type: number}\n", OBJ + "properties:\n  n: {type: integer}\n",
         [(B, "v2.yaml:8:9")], []),
    Case("integer-to-number", OBJ + "properties:\n  n: {type: integer}\n", OBJ + "properties:\n  n: {type: number}\n",
         [], [(F, "v2.yaml:8:9")]),
    Case("null-added", OBJ + A_STR, OBJ + "properties:\n  a: {type: [string, 'null']}\n", [], [(F, "v2.yaml:8:9")]),
    Case("null-removed", OBJ + "properties:\n  a: {type: [string, 'null']}\n", OBJ + A_STR, [(B, "v2.yaml:8:9")], []),
    Case("string-to-integer", OBJ + A_STR, OBJ + "properties:\n  a: {type: integer}\n",
         [(B, "v2.yaml:8:9")], [(F, "v2.yaml:8:9")]),
    # --- enum and const -----------------------------------------------------------------------
    Case("enum-value-removed", OBJ + "properties:\n  t: {enum: [a, b, c]}\n", OBJ + "properties:\n  t: {enum: [a, b]}\n",
         [(B, "v2.yaml:8:9")], []),
    Case("enum-value-removed-mapped", OBJ + "properties:\n  t: {enum: [a, b, c]}\n", OBJ + "properties:\n  t: {enum: [a, b]}\n",
         [], [], "{map_values: {t: {c: b}}}"),
    Case("enum-value-added", OBJ + "properties:\n  t: {enum: [a, b]}\n", OBJ + "properties:\n  t: {enum: [a, b, c]}\n",
         [], [(F, "v2.yaml:8:9")]),
    Case("enum-numbers-mapped-by-spelling", OBJ + "properties:\n  t: {type: integer, enum: [1, 2, 3]}\n",
         OBJ + "properties:\n  t: {type: integer, enum: [1, 2]}\n", [(B, "v2.yaml:8:24")], [], "{map_values: {t: {3: 2}}}"),
    Case("const-changed", OBJ + "properties:\n  k: {const: a}\n", OBJ + "properties:\n  k: {const: b}\n",
         [(B, "v2.yaml:8:9")], [(F, "v2.yaml:8:9")]),
    Case("enum-added-to-string", OBJ + A_STR, OBJ + "properties:\n  a: {type: string, enum: [x]}\n", [(B, "v2.yaml:8:23")], []),
    # --- numeric bounds -----------------------------------------------------------------------
    Case("maximum-lowered", OBJ + "properties:\n  n: {type: integer, maximum: 5}\n",
         OBJ + "properties:\n  n: {type: integer, maximum: 3}\n", [(B, "v2.yaml:8:24")], []),
    Case("maximum-raised", OBJ + "properties:\n  n: {type: integer, maximum: 3}\n",
         OBJ + "properties:\n  n: {type: integer, maximum: 5}\n", [], [(F, "v2.yaml:8:24")]),
    Case("minimum-raised", OBJ + "properties:\n  n: {type: number, minimum: 0}\n",
         OBJ + "properties:\n  n: {type: number, minimum: 1}\n", [(B, "v2.yaml:8:23")], []),
    Case("exclusive-maximum-added", OBJ + "properties:\n  n: {type: integer, maximum: 5}\n",
         OBJ + "properties:\n  n: {type: integer, maximum: 5, exclusiveMaximum: 5}\n", [(B, "v2.yaml:8:36")], []),
    Case("exclusive-integer-equivalent", OBJ + "properties:\n  n: {type: integer, maximum: 4}\n",
         OBJ + "properties:\n  n: {type: integer, exclusiveMaximum: 5}\n", [], []),
    Case("multiple-of-added", OBJ + "properties:\n  n: {type: integer}\n",
         OBJ + "properties:\n  n: {type: integer, multipleOf: 2}\n", [(B, "v2.yaml:8:24")], []),
    Case("multiple-of-divisor", OBJ + "properties:\n  n: {type: integer, multipleOf: 4}\n",
         OBJ + "properties:\n  n: {type: integer, multipleOf: 2}\n", [], [(F, "v2.yaml:8:24")]),
    # --- strings ------------------------------------------------------------------------------
    Case("max-length-lowered", OBJ + "properties:\n  s: {type: string, maxLength: 40}\n",
         OBJ + "properties:\n  s: {type: string, maxLength: 20}\n", [(B, "v2.yaml:8:23")], []),
    Case("min-length-raised", OBJ + "properties:\n  s: {type: string}\n",
         OBJ + "properties:\n  s: {type: string, minLength: 1}\n", [(B, "v2.yaml:8:23")], []),
    Case("pattern-added", OBJ + "properties:\n  s: {type: string}\n",
         OBJ + "properties:\n  s: {type: string, pattern: '^[a-z]+$'}\n", [(B, "v2.yaml:8:23")], []),
    Case("pattern-removed", OBJ + "properties:\n  s: {type: string, pattern: '^[a-z]+$'}\n",
         OBJ + "properties:\n  s: {type: string}\n", [], [(F, "v2.yaml:8:5")]),
    Case("pattern-widened", OBJ + "properties:\n  s: {type: string, pattern: '^[a-z]+$'}\n",
         OBJ + "properties:\n  s: {type: string, pattern: '^[a-z]*$'}\n", [(U, "v2.yaml:8:23")], [(F, "v2.yaml:8:23")]),
    Case("format-added", OBJ + "properties:\n  s: {type: string}\n",
         OBJ + "properties:\n  s: {type: string, format: date}\n", [(B, "v2.yaml:8:23")], []),
    # --- arrays -------------------------------------------------------------------------------
    Case("max-items-lowered", OBJ + "properties:\n  l: {type: array, maxItems: 5}\n",
         OBJ + "properties:\n  l: {type: array, maxItems: 2}\n", [(B, "v2.yaml:8:22")], []),
    Case("min-items-raised", OBJ + "properties:\n  l: {type: array}\n",
         OBJ + "properties:\n  l: {type: array, minItems: 1}\n", [(B, "v2.yaml:8:22")], []),
    Case("unique-items-added", OBJ + "properties:\n  l: {type: array}\n",
         OBJ + "properties:\n  l: {type: array, uniqueItems: true}\n", [(B, "v2.yaml:8:22")], []),
    Case("items-narrowed", OBJ + "properties:\n  l: {type: array, items: {type: string}}\n",
         OBJ + "properties:\n  l: {type: array, items: {type: string, maxLength: 3}}\n", [(B, "v2.yaml:8:44")], []),
    Case("tuple-item-narrowed", OBJ + "properties:\n  p: {type: array, prefixItems: [{type: number}, {type: string}]}\n",
         OBJ + "properties:\n  p: {type: array, prefixItems: [{type: integer}, {type: string}]}\n", [(B, "v2.yaml:8:37")], []),
    Case("tuple-closed", OBJ + "properties:\n  p: {type: array, prefixItems: [{type: number}]}\n",
         OBJ + "properties:\n  p: {type: array, prefixItems: [{type: number}], items: false}\n", [(B, "v2.yaml:8:53")], []),
    # --- nesting ------------------------------------------------------------------------------
    Case("nested-maximum-lowered", OBJ + "properties:\n  o:\n    type: object\n    properties:\n      n: {type: integer, maximum: 9}\n",
         OBJ + "properties:\n  o:\n    type: object\n    properties:\n      n: {type: integer, maximum: 5}\n",
         [(B, "v2.yaml:11:28")], []),
    Case("nested-required-with-default", OBJ + "properties:\n  o:\n    type: object\n    properties:\n      n: {type: integer}\n",
         OBJ + "properties:\n  o:\n    type: object\n    properties:\n      n: {type: integer, default: 1}\n    required: [n]\n",
         [], []),
    # --- combinators --------------------------------------------------------------------------
    Case("any-of-branch-removed", OBJ + "properties:\n  v: {anyOf: [{type: string}, {type: integer}]}\n",
         OBJ + "properties:\n  v: {anyOf: [{type: string}]}\n", [(B, "v2.yaml:8:18")], []),
    Case("any-of-branch-added", OBJ + "properties:\n  v: {anyOf: [{type: string}]}\n",
         OBJ + "properties:\n  v: {anyOf: [{type: string}, {type: integer}]}\n", [], [(F, "v2.yaml:8:34")]),
    Case("one-of-disjoint-added", OBJ + "properties:\n  v: {oneOf: [{type: string}]}\n",
         OBJ + "properties:\n  v: {oneOf: [{type: string}, {type: integer}]}\n", [], [(F, "v2.yaml:8:34")]),
    Case("one-of-overlapping-added", OBJ + "properties:\n  v: {oneOf: [{type: string}]}\n",
         OBJ + "properties:\n  v: {oneOf: [{type: string}, {type: string, maxLength: 3}]}\n",
         [(B, "v2.yaml:8:9")], []),
    Case("all-of-branch-added", OBJ + "properties:\n  v: {allOf: [{type: string}]}\n",
         OBJ + "properties:\n  v: {allOf: [{type: string}, {maxLength: 3}]}\n", [(B, "v2.yaml:8:34")], []),
    Case("all-of-branch-removed", OBJ + "properties:\n  v: {allOf: [{type: string}, {maxLength: 3}]}\n",
         OBJ + "properties:\n  v: {allOf: [{type: string}]}\n", [], [(F, "v2.yaml:8:17")]),
    Case("not-added", OBJ + A_STR, OBJ + "properties:\n  a: {type: string, not: {const: x}}\n", [(B, "v2.yaml:8:23")], []),
    Case("not-disjoint", OBJ + A_STR, OBJ + "properties:\n  a: {type: string, not: {type: integer}}\n", [], []),
    Case("if-then-added", OBJ + AB_STR,
         OBJ + AB_STR + "if: {properties: {a: {const: x}}, required: [a]}\nthen: {required: [b]}\n",
         [(U, "v2.yaml:11:10")], []),
    # --- references and annotations -----------------------------------------------------------
    Case("inline-to-ref", OBJ + A_STR, OBJ + "properties:\n  a: {$ref: '#/$defs/s'}\n$defs:\n  s: {type: string, title: S}\n",
         [], []),
    Case("ref-target-narrowed", OBJ + "properties:\n  a: {$ref: '#/$defs/s'}\n$defs:\n  s: {type: string}\n",
         OBJ + "properties:\n  a: {$ref: '#/$defs/s'}\n$defs:\n  s: {type: string, maxLength: 2}\n", [(B, "v2.yaml:10:23")], []),
    Case("description-changed", OBJ + A_STR, OBJ + "description: new words\nproperties:\n  a: {type: string, title: A}\n",
         [], []),
    # --- upgrades -----------------------------------------------------------------------------
    Case("renamed", OBJ + A_STR + "required: [a]\n" + CLOSED,
         OBJ + "properties:\n  z: {type: string}\nrequired: [z]\n" + CLOSED, [(B, "v2.yaml:9:3"), (B, "v2.yaml:10:3")],
         [(F, "v2.yaml:5:1"), (F, "v2.yaml:8:5")]),
    Case("renamed-upgraded", OBJ + A_STR + "required: [a]\n" + CLOSED,
         OBJ + "properties:\n  z: {type: string}\nrequired: [z]\n" + CLOSED, [], [(F, "v2.yaml:5:1"), (F, "v2.yaml:8:5")],
         "{rename: {a: z}}"),
    Case("set-value-outside-schema", OBJ + A_STR, OBJ + "properties:\n  a: {type: string, maxLength: 1}\n",
         [(B, "v2.yaml:8:23")], [], "{set: {a: too long}}"),
]  # fmt: skip


def _findings(case: Case, mode: str) -> list[tuple[str, str]]:
    old = yamlcases.load_side({"v1.yaml": spec(1, case.v1)}).catalog
    new = yamlcases.load_side({"v1.yaml": spec(1, case.v1), "v2.yaml": spec(2, case.v2, mode, case.upgrade)}).catalog
    diags = yamlcases.compile_change(old, new, "change").diagnostics
    return sorted((d.code, yamlcases.where(d)) for d in diags if d.code in (B, F, U))


def _expected(case: Case, mode: str) -> list[tuple[str, str]]:
    backward = mode.startswith(("backward", "full"))
    forward = mode.startswith(("forward", "full"))
    fwd = [(U if code == U else F, where) for code, where in case.fwd]
    return sorted((case.back if backward else []) + (fwd if forward else []))


@pytest.mark.parametrize("mode", ["backward", "forward", "full"])
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_change(case, mode):
    assert _findings(case, mode) == _expected(case, mode)


@pytest.mark.parametrize("mode", COMPATIBILITY_MODES)
def test_every_mode_judges_its_directions(mode):
    """The transitive modes agree with their plain forms between two versions; `none` checks nothing."""
    case = next(c for c in CASES if c.id == "string-to-integer")
    assert _findings(case, mode) == _expected(case, mode.removesuffix("_transitive"))


def _three(v1: str, v2: str, v3: str, mode: str, up2: str = "", up3: str = "") -> list[tuple[str, str, str]]:
    """Findings when version 3 (``mode``) is added after versions 1 and 2 (version 2 added with `none`)."""
    files = {"v1.yaml": spec(1, v1), "v2.yaml": spec(2, v2, "none", up2)}
    old = yamlcases.load_side(files).catalog
    new = yamlcases.load_side({**files, "v3.yaml": spec(3, v3, mode, up3)}).catalog
    diags = yamlcases.compile_change(old, new, "change").diagnostics
    return sorted((d.code, yamlcases.where(d), d.message.split(":")[0]) for d in diags if d.code in (B, F, U))


ENUM_XYZ = OBJ + "properties:\n  t: {enum: [x, y, z]}\n"
ENUM_XY = OBJ + "properties:\n  t: {enum: [x, y]}\n"


@pytest.mark.parametrize("mode,expected", [
    ("backward", []),
    ("full", []),
    ("backward_transitive", [(B, "v3.yaml:8:9", "c@3 rejects documents of version 1")]),
    ("full_transitive", [(B, "v3.yaml:8:9", "c@3 rejects documents of version 1")]),
    ("forward_transitive", []),
    ("none", []),
])  # fmt: skip
def test_transitive_modes_reach_every_earlier_version(mode, expected):
    """Version 2 dropped `z` unchecked (mode none); only the transitive modes see that version 3 rejects it."""
    assert _three(ENUM_XYZ, ENUM_XY, ENUM_XY + "description: same\n", mode) == expected


def test_forward_transitive_reads_new_documents_with_every_old_version():
    assert _three(ENUM_XY, ENUM_XYZ, ENUM_XYZ, "forward") == []
    assert _three(ENUM_XY, ENUM_XYZ, ENUM_XYZ, "forward_transitive") == [
        (F, "v3.yaml:8:9", "version 1 rejects documents of c@3")]


def test_transitive_backward_runs_every_upgrade_in_between():
    """A version-1 document goes through version 2's rename and version 3's value map."""
    v1 = OBJ + "properties:\n  mood: {enum: [cheerful, calm]}\nrequired: [mood]\n" + CLOSED
    v2 = OBJ + "properties:\n  tone: {enum: [cheerful, calm]}\nrequired: [tone]\n" + CLOSED
    v3 = OBJ + "properties:\n  tone: {enum: [friendly, calm]}\nrequired: [tone]\n" + CLOSED
    up2, up3 = "{rename: {mood: tone}}", "{map_values: {tone: {cheerful: friendly}}}"
    assert _three(v1, v2, v3, "backward_transitive", up2, up3) == []
    # the same keyword breaks documents of both earlier versions: one mistake, one finding naming both
    assert _three(v1, v2, v3, "backward_transitive", up2) == [(B, "v3.yaml:8:12", "c@3 rejects documents of versions 1 and 2")]
