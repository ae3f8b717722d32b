"""One mistake, one diagnostic: a spec left out for any reason produces no follow-on errors elsewhere.

Each case breaks one spec of the example application in one way (a credential, a duplicate key, an
unknown or missing kind, a YAML error, a tag, bytes that are not UTF-8, a file too large to read, a
validation error) and expects exactly the diagnostics of that mistake: never "the foreign key
references the model `User`, which no spec declares" in the files that use it, nor an unknown type,
a version gap or an unknown config caused by the same mistake.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from specguard.compiler.pipeline import load_texts

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = {p.relative_to(ROOT).as_posix(): p.read_text("utf-8") for p in sorted((ROOT / "specs").rglob("*.yaml"))}
USER = "specs/models/user.yaml"
ENUMS = "specs/enums/enums.yaml"
CONFIG = "specs/configs/personality_config/v1.yaml"
TOKEN = "ghp_" + "aB3" * 12

CASES = [
    # (id, file, (old, new) text replacement or None for "too large to read", expected codes)
    ("credential-value", USER, ("nullable: true}", f'nullable: true, default: "{TOKEN}"}}'), ["SG112"]),
    ("credential-key", USER, ("  createdAt:", f'  "{TOKEN}": {{type: text}}\n  createdAt:'), ["SG112"]),
    ("duplicate-key", USER, ("name: User\n", "name: User\nname: User\n"), ["SG102"]),
    ("unknown-kind", USER, ("kind: model", "kind: modle"), ["SG105"]),
    ("missing-kind", USER, ("kind: model\n", ""), ["SG105"]),
    ("yaml-syntax", USER, ("columns:\n", "columns: [\n"), ["SG100"]),
    ("yaml-tag", USER, ("kind: model\n", "kind: model\nextra: !!python/object x\n"), ["SG103"]),
    ("not-utf8", USER, ("description: A person", "description: A p\udcffrson"), ["SG101"]),
    ("too-large", USER, None, ["SG104"]),
    ("unknown-key", USER, ("kind: model\n", "kind: model\nbogus: 1\n"), ["SG106"]),
    ("enum-duplicate-key", ENUMS, ("name: MessageRole\n", "name: MessageRole\nname: MessageRole\n"), ["SG102"]),
    ("enum-credential", ENUMS, ("values: [user, assistant, system]", f'values: [user, "{TOKEN}"]'), ["SG112"]),
    ("config-duplicate-key", CONFIG, ("version: 1\n", "version: 1\nversion: 1\n"), ["SG102"]),
    ("config-credential", CONFIG, ("legacyFlag: {type: boolean}", f'legacyFlag: {{type: boolean, default: "{TOKEN}"}}'),
     ["SG112"]),
    ("config-unknown-kind", CONFIG, ("kind: config", "kind: konfig"), ["SG105"]),
]


def _texts(file: str, edit) -> dict[str, str | bytes | None]:
    texts: dict[str, str | bytes | None] = dict(EXAMPLES)
    if edit is None:
        texts[file] = None  # what read_spec_tree gives for a file over the size limit: never read
        return texts
    old, new = edit
    assert texts[file].count(old) >= 1, (file, old)
    text = texts[file].replace(old, new, 1)
    texts[file] = text.encode("utf-8", "surrogateescape")
    return texts


@pytest.mark.parametrize("case, file, edit, codes", CASES, ids=[c[0] for c in CASES])
def test_one_mistake_one_diagnostic(case, file, edit, codes):
    diags = load_texts(_texts(file, edit)).diagnostics
    assert [d.code for d in diags if d.severity.value == "error"] == codes, [
        f"{d.span}: {d.code} {d.message}" for d in diags]
    assert all(d.span is not None and d.span.file == file for d in diags if d.severity.value == "error")


def test_the_example_specs_are_clean():
    assert load_texts(EXAMPLES).diagnostics == []


def test_a_reference_that_no_spec_declares_is_still_reported():
    texts = dict(EXAMPLES)
    texts[USER] = texts[USER].replace("name: User", "name: Person")
    codes = {d.code for d in load_texts(texts).diagnostics}
    assert codes == {"SG200"}  # nothing was left out: the dangling references are the mistake
