"""Table-driven rule tests on real specs: each case is a before and an after spec set, loaded by the
real loader, and the exact findings with the file, line and column a user would see.

Every rule has cases that fire and near misses that must not (``quiet``). Findings about something
removed point into the *before* specs when the old side is specs (``check --base``); against the
compiled state (no spans), ``_locate`` moves them to the model's spec in the after set, or leaves
them without a place when the model itself is gone: ``vs_state`` pins those positions.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cases"))
import yamlcases  # noqa: E402

from specguard.compiler.rules import RULES  # noqa: E402
from specguard.compiler.rules.registry import lookup  # noqa: E402
from specguard.compiler.store.snapshot import catalog_from_json, catalog_to_json  # noqa: E402
from specguard.diagnostics import Severity  # noqa: E402


def model(*columns: str, name: str = "T", extra: str = "") -> str:
    """A model spec: ``id`` on line 4, then one column a line from line 5 (key at column 3).

    The model's name is at 2:7, where findings about the model point.
    """
    body = "".join(f"  {c}\n" for c in columns)
    return f"kind: model\nname: {name}\ncolumns:\n  id: {{type: uuid, primary_key: true}}\n{body}{extra}"


def enum(*values: str, name: str = "E", extra: str = "") -> str:
    """An enum spec; its name is at 2:7."""
    return f"kind: enum\nname: {name}\nvalues: [{', '.join(values)}]\n{extra}"


E_COL = "e: {type: E}"


def config(version: int, extra: str = "") -> str:
    """A config version of ``c``; its name is at 2:7. ``extra`` goes into the schema."""
    more = f"\n  {extra}" if extra else ""
    return f"kind: config\nname: c\nversion: {version}\nschema:\n  type: object{more}\n"


def policy(ttl: str | None = "{anonymous: 300s, authenticated: 60s}", *, name: str = "p", key: str = "t:{id}",
           extra: str = "") -> str:
    """A cache policy on ``T``; its name is at 2:7. ``ttl=None`` leaves the TTL out."""
    ttl_line = f"ttl: {ttl}\n" if ttl else ""
    return f'kind: cache_policy\nname: {name}\nmodel: T\nkey: "{key}"\n{ttl_line}{extra}'


def parent(extra: str = "") -> str:
    """A model ``P`` that ``T`` may reference; its name is at 2:7."""
    return model(name="P", extra=extra)


FK_TO_P = "foreign_keys:\n  - columns: [pId]\n    references: {model: P, columns: [id]}\n    on_delete: cascade\n"
P_COL = "pId: {type: uuid}"
P_WITH_CODE = model("code: {type: uuid, unique: true}", name="P")


ENUM_ABC = "properties: {k: {type: string, enum: [a, b, c]}}"
ENUM_AB = "properties: {k: {type: string, enum: [a, b]}}"


class Case(NamedTuple):
    id: str
    before: dict[str, str]  # file name -> text; loaded as before/<name>
    after: dict[str, str]  # loaded as after/<name>
    expected: list[tuple[str, str, str]]  # (code, target, "file:line:column")
    quiet: tuple[str, ...] = ()  # the rules this case is a near miss for
    vs_state: list[tuple[str, str, str]] | None = None  # when the old side is the compiled state


T = "t.yaml"
CASES = [
    # SG300 drop_table
    Case("drop-table", {T: model(), "u.yaml": model(name="U")}, {"u.yaml": model(name="U")},
         [("SG300", "T", "before/t.yaml:2:7")], vs_state=[("SG300", "T", "-:-:-")]),
    Case("rename-table", {T: model()}, {T: model(name="U", extra="renamed_from: T\n")},
         [("SG305", "U", "after/t.yaml:2:7")], quiet=("SG300",)),
    # SG301 drop_column, SG302 drop_column_not_deprecated
    Case("drop-deprecated-column", {T: model("n: {type: text}", "x: {type: text, deprecated: old}")},
         {T: model("n: {type: text}")},
         [("SG301", "T.x", "before/t.yaml:6:3")], quiet=("SG302",),
         vs_state=[("SG301", "T.x", "after/t.yaml:2:7")]),
    Case("drop-column", {T: model("x: {type: text}", "n: {type: text}")}, {T: model("n: {type: text}")},
         [("SG302", "T.x", "before/t.yaml:5:3")], quiet=("SG301",),
         vs_state=[("SG302", "T.x", "after/t.yaml:2:7")]),
    Case("deprecate-column", {T: model("x: {type: text}")}, {T: model("x: {type: text, deprecated: old}")},
         [], quiet=("SG301", "SG302")),
    Case("rename-column", {T: model("x: {type: text}")}, {T: model("y: {type: text, renamed_from: x}")},
         [("SG305", "T.y", "after/t.yaml:5:3")], quiet=("SG302",)),
    Case("renamed-from-already-released", {T: model("y: {type: text}")},
         {T: model("y: {type: text, renamed_from: x}")}, [], quiet=("SG305",)),
    # SG303 column_type_narrowed, SG400 table_rewrite (columns)
    Case("narrow-varchar", {T: model('x: {type: "varchar(20)"}')}, {T: model('x: {type: "varchar(10)"}')},
         [("SG303", "T.x", "after/t.yaml:5:3")]),
    Case("text-to-integer", {T: model("n: {type: text}", "x: {type: text}")},
         {T: model("n: {type: text}", "x: {type: integer}")}, [("SG303", "T.x", "after/t.yaml:6:3")]),
    Case("widen-varchar-to-text", {T: model('x: {type: "varchar(10)"}')}, {T: model("x: {type: text}")},
         [], quiet=("SG303", "SG400")),
    Case("integer-to-bigint", {T: model("x: {type: integer}")}, {T: model("x: {type: bigint}")},
         [("SG400", "T.x", "after/t.yaml:5:3")], quiet=("SG303",)),
    # SG304 drop_enum_value, SG400 table_rewrite (enums), SG306 drop_enum
    Case("enum-value-appended", {T: model(E_COL), "e.yaml": enum("a", "b", "c")},
         {T: model(E_COL), "e.yaml": enum("a", "b", "c", "d")}, [], quiet=("SG304", "SG400")),
    Case("enum-value-removed", {T: model(E_COL), "e.yaml": enum("a", "b", "c")},
         {T: model(E_COL), "e.yaml": enum("a", "b")},
         [("SG304", "E", "after/e.yaml:2:7"), ("SG400", "E", "after/e.yaml:2:7")]),
    Case("enum-value-removed-unused", {T: model(), "e.yaml": enum("a", "b", "c")},
         {T: model(), "e.yaml": enum("a", "b")}, [("SG304", "E", "after/e.yaml:2:7")], quiet=("SG400",)),
    Case("enum-reordered", {T: model(E_COL), "e.yaml": enum("a", "b", "c")},
         {T: model(E_COL), "e.yaml": enum("c", "b", "a")}, [("SG400", "E", "after/e.yaml:2:7")], quiet=("SG304",)),
    Case("enum-removed", {T: model(), "e.yaml": enum("a")}, {T: model()},
         [("SG306", "E", "before/e.yaml:2:7")], vs_state=[("SG306", "E", "-:-:-")]),
    Case("enum-renamed", {T: model(), "e.yaml": enum("a")},
         {T: model(), "e.yaml": enum("a", name="F", extra="renamed_from: E\n")},
         [("SG305", "F", "after/e.yaml:2:7")], quiet=("SG306",)),
    # SG307 add_required_column, SG401 volatile_default
    Case("required-column", {T: model()}, {T: model("x: {type: text}")}, [("SG307", "T.x", "after/t.yaml:5:3")]),
    Case("required-column-with-default", {T: model()}, {T: model("x: {type: text, default: a}")}, [], quiet=("SG307",)),
    Case("nullable-column", {T: model()}, {T: model("x: {type: text, nullable: true}")}, [], quiet=("SG307",)),
    Case("required-column-on-new-table", {}, {T: model("x: {type: text}")}, [], quiet=("SG307",)),
    Case("volatile-default", {T: model()},
         {T: model("n: {type: text, nullable: true}", "x: {type: uuid, default: {sql: gen_random_uuid()}}")},
         [("SG401", "T.x", "after/t.yaml:6:3")], quiet=("SG307",)),
    Case("stable-default", {T: model()}, {T: model("x: {type: timestamptz, default: {sql: now()}}")},
         [], quiet=("SG401",)),
    Case("volatile-default-on-new-table", {}, {T: model("x: {type: uuid, default: {sql: gen_random_uuid()}}")},
         [], quiet=("SG401",)),
    # SG308 column_made_required
    Case("made-required", {T: model("x: {type: text, nullable: true}")}, {T: model("x: {type: text}")},
         [("SG308", "T.x", "after/t.yaml:5:3")]),
    # SG316 required_rejects_null_writes
    Case("made-required-with-default", {T: model("x: {type: text, nullable: true}")},
         {T: model("x: {type: text, default: a}")}, [("SG316", "T.x", "after/t.yaml:5:3")], quiet=("SG308",)),
    Case("made-required-on-new-table", {}, {T: model("x: {type: text, default: a}")}, [], quiet=("SG316",)),
    # SG309 drop_required_default
    Case("drop-required-default", {T: model("x: {type: text, default: a}")}, {T: model("x: {type: text}")},
         [("SG309", "T.x", "after/t.yaml:5:3")]),
    Case("drop-default-with-type-change", {T: model("x: {type: integer, default: 1}")}, {T: model("x: {type: bigint}")},
         [("SG309", "T.x", "after/t.yaml:5:3"), ("SG400", "T.x", "after/t.yaml:5:3")]),
    Case("drop-nullable-default", {T: model("x: {type: text, nullable: true, default: a}")},
         {T: model("x: {type: text, nullable: true}")}, [], quiet=("SG309",)),
    Case("drop-default-of-column-made-required", {T: model("x: {type: text, nullable: true, default: a}")},
         {T: model("x: {type: text}")}, [("SG308", "T.x", "after/t.yaml:5:3")], quiet=("SG309",)),
    # SG310 add_unique_constraint, SG311 index_made_unique
    Case("add-unique", {T: model("n: {type: text}")}, {T: model("n: {type: text}", extra="unique:\n  - [n]\n")},
         [("SG310", "T.T_n_key", "after/t.yaml:7:5")]),
    Case("add-unique-index", {T: model("n: {type: text}")},
         {T: model("n: {type: text}", extra="indexes:\n  - columns: [n]\n    unique: true\n")},
         [("SG310", "T.T_n_idx", "after/t.yaml:7:5")]),
    Case("add-primary-key", {T: "kind: model\nname: T\ncolumns:\n  id: {type: uuid}\n"},
         {T: "kind: model\nname: T\ncolumns:\n  id: {type: uuid, primary_key: true}\n"},
         [("SG310", "T.T_pkey", "after/t.yaml:4:33")]),
    Case("add-unique-on-new-nullable-column", {T: model()},
         {T: model("n: {type: text, nullable: true, unique: true}")}, [], quiet=("SG310",)),
    Case("add-unique-on-new-table", {}, {T: model("n: {type: text, unique: true}")}, [], quiet=("SG310",)),
    Case("index-made-unique", {T: model("n: {type: text}", extra="indexes:\n  - columns: [n]\n")},
         {T: model("n: {type: text}", extra="indexes:\n  - columns: [n]\n    unique: true\n")},
         [("SG311", "T.T_n_idx", "after/t.yaml:7:5")], quiet=("SG310", "SG312")),
    Case("index-predicate-changed", {T: model("n: {type: integer}", extra="indexes:\n  - columns: [n]\n")},
         {T: model("n: {type: integer}", extra="indexes:\n  - columns: [n]\n    where: '\"n\" > 0'\n")},
         [], quiet=("SG311", "SG312")),
    # SG312 drop_index
    Case("drop-index", {T: model("n: {type: text}", extra="indexes:\n  - columns: [n]\n")},
         {T: model("n: {type: text}")}, [("SG312", "T.T_n_idx", "before/t.yaml:7:5")],
         vs_state=[("SG312", "T.T_n_idx", "after/t.yaml:2:7")]),
    Case("drop-unique", {T: model("n: {type: text, unique: true}")}, {T: model("n: {type: text}")},
         [("SG312", "T.T_n_key", "before/t.yaml:5:27")], vs_state=[("SG312", "T.T_n_key", "after/t.yaml:2:7")]),
    Case("drop-index-with-its-column", {T: model("n: {type: text, deprecated: old}", extra="indexes:\n  - columns: [n]\n")},
         {T: model()}, [("SG301", "T.n", "before/t.yaml:5:3")], quiet=("SG312",),
         vs_state=[("SG301", "T.n", "after/t.yaml:2:7")]),
    # SG313 drop_foreign_key, SG314 foreign_key_on_delete_changed
    Case("drop-foreign-key", {"p.yaml": parent(), T: model(P_COL, extra=FK_TO_P)}, {"p.yaml": parent(), T: model(P_COL)},
         [("SG313", "T.T_pId_fkey", "before/t.yaml:7:5")], vs_state=[("SG313", "T.T_pId_fkey", "after/t.yaml:2:7")]),
    Case("drop-foreign-key-with-its-table", {"p.yaml": parent(), T: model(P_COL, extra=FK_TO_P)}, {T: model(P_COL)},
         [("SG300", "P", "before/p.yaml:2:7")], quiet=("SG313",), vs_state=[("SG300", "P", "-:-:-")]),
    Case("foreign-key-on-delete-changed", {"p.yaml": parent(), T: model(P_COL, extra=FK_TO_P)},
         {"p.yaml": parent(), T: model(P_COL, extra=FK_TO_P.replace("cascade", "restrict"))},
         [("SG314", "T.T_pId_fkey", "after/t.yaml:7:5")], quiet=("SG313",)),
    Case("foreign-key-target-changed", {"p.yaml": P_WITH_CODE, T: model(P_COL, extra=FK_TO_P.replace("[id]", "[code]"))},
         {"p.yaml": P_WITH_CODE, T: model(P_COL, extra=FK_TO_P)}, [], quiet=("SG313", "SG314")),
    # SG315 primary_key_changed
    Case("primary-key-changed", {T: model("n: {type: text}")},
         {T: model("n: {type: text}").replace(", primary_key: true", "") + "primary_key: [id, n]\n"},
         [("SG315", "T.T_pkey", "after/t.yaml:6:14")], quiet=("SG310",)),
    Case("primary-key-renamed-column", {T: model()},
         {T: model().replace("id: {type: uuid", "key: {type: uuid, renamed_from: id")},
         [("SG305", "T.key", "after/t.yaml:4:3")], quiet=("SG315",)),
    Case("made-nullable", {T: model("x: {type: text}")}, {T: model("x: {type: text, nullable: true}")},
         [], quiet=("SG308",)),
    # SG510 cache_critical_removed
    Case("cache-critical-removed", {T: model(extra="critical: true\n"), "c.yaml": policy(None)},
         {T: model(), "c.yaml": policy()}, [("SG510", "cache:p", "after/c.yaml:2:7")]),
    Case("cache-policy-critical-removed", {T: model(), "c.yaml": policy(None, extra="critical: true\n")},
         {T: model(), "c.yaml": policy("{anonymous: 60s}")}, [("SG510", "cache:p", "after/c.yaml:2:7")],
         quiet=("SG512",)),
    Case("cache-added-on-formerly-critical-model", {T: model(extra="critical: true\n")},
         {T: model(), "c.yaml": policy()}, [("SG510", "cache:p", "after/c.yaml:2:7")]),
    Case("critical-removed-policy-stays-critical", {T: model(extra="critical: true\n"), "c.yaml": policy(None)},
         {T: model(), "c.yaml": policy(None, extra="critical: true\n")}, [], quiet=("SG510",)),
    # SG511 cache_key_changed
    Case("cache-key-changed", {T: model(), "c.yaml": policy()}, {T: model(), "c.yaml": policy(key="t2:{id}")},
         [("SG511", "cache:p", "after/c.yaml:2:7")]),
    Case("cache-policy-renamed-with-its-key", {T: model(), "c.yaml": policy()},
         {T: model(), "c.yaml": policy(name="p2", key="t2:{id}")}, [], quiet=("SG511",)),
    # SG512 cache_ttl_raised, SG513 cache_ttl_authenticated_longer
    Case("cache-ttl-raised", {T: model(), "c.yaml": policy()},
         {T: model(), "c.yaml": policy("{anonymous: 10m, authenticated: 60s}")}, [("SG512", "cache:p", "after/c.yaml:2:7")]),
    Case("cache-ttl-lowered", {T: model(), "c.yaml": policy()},
         {T: model(), "c.yaml": policy("{anonymous: 60s, authenticated: 30s}")}, [], quiet=("SG512", "SG513")),
    Case("cache-ttl-authenticated-longer", {T: model()}, {T: model(), "c.yaml": policy("{anonymous: 60s, authenticated: 5m}")},
         [("SG513", "cache:p", "after/c.yaml:2:7")]),
    Case("cache-ttl-authenticated-only", {T: model()}, {T: model(), "c.yaml": policy("{authenticated: 5m}")},
         [], quiet=("SG513",)),
    # SG802 released_config_edited, SG804 released_config_removed
    Case("released-config-edited", {T: model(), "c.yaml": config(1)}, {T: model(), "c.yaml": config(1, "maxProperties: 3")},
         [("SG802", "c@1", "after/c.yaml:2:7")]),
    Case("released-config-removed", {T: model(), "c.yaml": config(1)}, {T: model()},
         [("SG804", "c@1", "before/c.yaml:2:7")], vs_state=[("SG804", "c@1", "-:-:-")]),
    Case("config-version-added", {T: model(), "c.yaml": config(1)},
         {T: model(), "c.yaml": config(1) + "---\n" + config(2)}, [], quiet=("SG802", "SG804")),
    # SG610-SG613: config compatibility (the full table is tests/rules/test_config_compat.py)
    Case("config-enum-narrowed", {T: model(), "c.yaml": config(1, ENUM_ABC)},
         {T: model(), "c.yaml": config(1, ENUM_ABC) + "---\n" + config(2, ENUM_AB)},
         [("SG610", "c@2", "after/c.yaml:13:34")]),
    Case("config-enum-narrowed-with-map", {T: model(), "c.yaml": config(1, ENUM_ABC)},
         {T: model(), "c.yaml": config(1, ENUM_ABC) + "---\n" + config(2, ENUM_AB) + "upgrade: {map_values: {k: {c: a}}}\n"},
         [], quiet=("SG610", "SG612")),
    Case("config-enum-widened-full", {T: model(), "c.yaml": config(1, ENUM_AB)},
         {T: model(), "c.yaml": config(1, ENUM_AB) + "---\n" + config(2, ENUM_ABC).replace("schema:", "compatibility: full\nschema:")},
         [("SG611", "c@2", "after/c.yaml:14:34")], quiet=("SG610",)),
    Case("config-enum-widened-backward", {T: model(), "c.yaml": config(1, ENUM_AB)},
         {T: model(), "c.yaml": config(1, ENUM_AB) + "---\n" + config(2, ENUM_ABC)}, [], quiet=("SG611",)),
    Case("config-pattern-widened", {T: model(), "c.yaml": config(1, "properties: {k: {type: string, pattern: '^a+$'}}")},
         {T: model(), "c.yaml": config(1, "properties: {k: {type: string, pattern: '^a+$'}}") + "---\n"
          + config(2, "properties: {k: {type: string, pattern: '^a*$'}}")},
         [("SG612", "c@2", "after/c.yaml:13:34")], quiet=("SG610",)),
    Case("config-pattern-kept", {T: model(), "c.yaml": config(1, "properties: {k: {type: string, pattern: '^a+$'}}")},
         {T: model(), "c.yaml": config(1, "properties: {k: {type: string, pattern: '^a+$'}}") + "---\n"
          + config(2, "properties: {k: {type: string, pattern: '^a+$', maxLength: 9}}").replace("maxLength: 9", "title: k")},
         [], quiet=("SG612",)),
    Case("config-default-changed", {T: model(), "c.yaml": config(1, "properties: {k: {type: integer, default: 1}}")},
         {T: model(), "c.yaml": config(1, "properties: {k: {type: integer, default: 1}}") + "---\n"
          + config(2, "properties: {k: {type: integer, default: 2}}")},
         [("SG613", "c@2", "after/c.yaml:13:35")]),
    Case("config-default-kept", {T: model(), "c.yaml": config(1, "properties: {k: {type: integer, default: 1}}")},
         {T: model(), "c.yaml": config(1, "properties: {k: {type: integer, default: 1}}") + "---\n"
          + config(2, "properties: {k: {type: integer, default: 1, minimum: 0}}").replace(", minimum: 0", "")},
         [], quiet=("SG613",)),
    Case("config-description-reworded", {T: model(), "c.yaml": config(1)},
         {T: model(), "c.yaml": config(1).replace("version: 1", "version: 1\ndescription: reworded")}, [],
         quiet=("SG802",)),
]  # fmt: skip


def load(side: str, files: dict[str, str]):
    return yamlcases.load_side({f"{side}/{name}": text for name, text in files.items()}).catalog


def findings(old, new) -> list[tuple[str, str, str]]:
    diags = yamlcases.compile_change(old, new, "change").diagnostics
    for d in diags:
        rule = lookup(d.code)  # severity and category come from the rule that fired
        assert (d.severity, d.category) == (rule.severity, rule.category) and d.hint, d
        if "--accept" in d.hint:  # as written it must work: a reason is required, warnings are never gated
            assert "--reason" in d.hint and d.severity is Severity.ERROR, d.hint
    return sorted((d.code, d.target, yamlcases.where(d)) for d in diags)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_against_specs(case):
    """The old side is specs too (``check --base``): removed objects point into the before files."""
    assert findings(load("before", case.before), load("after", case.after)) == sorted(case.expected)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_against_compiled_state(case):
    """The old side is the compiled state, which has no spans: ``_locate`` places removed objects."""
    state = catalog_from_json(catalog_to_json(load("before", case.before)))[0]
    expected = case.vs_state if case.vs_state is not None else case.expected
    assert findings(state, load("after", case.after)) == sorted(expected)


def test_cases_pin_positions_for_both_old_sides():
    for c in CASES:
        in_before = any(where.startswith("before/") for _, _, where in c.expected)
        assert in_before == (c.vs_state is not None), f"{c.id}: give vs_state exactly when a finding is in before/"


def test_near_misses_stay_quiet():
    for c in CASES:
        assert not {code for code, _, _ in c.expected} & set(c.quiet), c.id


def test_every_rule_fires_and_has_a_near_miss():
    codes = {r.RULE.code for r in RULES}
    fired = {code for c in CASES for code, _, _ in c.expected}
    quiet = {code for c in CASES for code in c.quiet}
    assert codes - fired == set(), "rules without a case that fires"
    assert codes - quiet == set(), "rules without a near miss"
    assert (fired | quiet) <= codes, "a case names a code that is not a rule"


def test_every_rule_is_registered_under_its_code_and_name():
    for module in RULES:
        assert lookup(module.RULE.code) is lookup(module.RULE.name) is module.RULE
