"""Every code has one documentation, in one place: a rule's module docstring, else docs/<CODE>.md."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import specguard
from specguard.compiler.rules import RULES
from specguard.compiler.rules.base import Rule
from specguard.compiler.rules.registry import all_codes, lookup
from specguard.diagnostics.codes import CODES
from specguard.render.explain import SECTIONS, sections

PACKAGE = Path(specguard.__file__).resolve().parent
DOCS_DIR = PACKAGE / "diagnostics" / "docs"
ROOT = PACKAGE.parent.parent
ENTRIES = all_codes()
RULE_CODES = {m.RULE.code for m in RULES}


def headings(doc: str) -> list[str]:
    """The Markdown headings of a doc, leaving out ``#`` comment lines inside code fences."""
    prose = re.sub(r"^```.*?^```", "", doc, flags=re.M | re.S)
    return re.findall(r"^#+ .*$", prose, flags=re.M)


@pytest.mark.parametrize("c", ENTRIES, ids=[c.code for c in ENTRIES])
def test_every_doc_has_the_four_sections_in_order(c):
    headings_ = headings(c.doc)
    assert headings_ == [f"## {title}" for title in SECTIONS], f"{c.code}: headings {headings_}"
    for title, body in sections(c.doc).items():
        assert len(body) >= 20, f"{c.code}: '{title}' is too thin"
    assert "```" in sections(c.doc)["Example"], f"{c.code}: the example needs a snippet"
    assert c.doc.count("```") % 2 == 0, f"{c.code}: unbalanced code fence"
    assert c.summary.endswith(".") and "\n" not in c.summary, f"{c.code}: the summary is one sentence"


@pytest.mark.parametrize("module", RULES, ids=[m.RULE.code for m in RULES])
def test_a_rule_doc_names_its_own_code_and_no_other_rules(module):
    rule = module.RULE
    named = set(re.findall(r"SG\d{3}", rule.summary + rule.doc))
    assert named & RULE_CODES == {rule.code}, f"{rule.code} names {sorted(named & RULE_CODES - {rule.code})}"
    # the example shows the finding as specguard prints it: severity[code] ... (category)
    example = sections(rule.doc)["Example"]
    assert f"{rule.severity.value}[{rule.code}] " in example, f"{rule.code}: the example shows its own finding"
    assert f"({rule.category.value})" in example


@pytest.mark.parametrize("module", RULES, ids=[m.RULE.code for m in RULES])
def test_a_rule_is_defined_from_its_module_docstring(module):
    summary, _, doc = module.__doc__.strip().partition("\n")
    assert (module.RULE.summary, module.RULE.doc) == (summary, doc.strip())
    assert isinstance(module.RULE, Rule) and callable(module.check)


def test_docs_folder_holds_exactly_the_codes_that_are_not_rules():
    files = sorted(p.name for p in DOCS_DIR.iterdir())
    assert files == sorted(f"{code}.md" for code in CODES)
    assert not RULE_CODES & set(CODES), "a rule's code is also in the static table"


def test_codes_and_names_are_unique_and_well_formed():
    codes = [c.code for c in ENTRIES]
    names = [c.name for c in ENTRIES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    assert codes == sorted(codes) and set(codes) == set(CODES) | RULE_CODES
    for c in ENTRIES:
        assert re.fullmatch(r"SG\d{3}", c.code) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.name), c
        assert lookup(c.code) is lookup(c.name) is c


def test_docs_are_declared_package_data():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "diagnostics/docs/*.md" in conf["tool"]["setuptools"]["package-data"]["specguard"]


UPPER_LAYERS = ("specguard.compiler", "specguard.render", "specguard.cli", "specguard.db")


def test_diagnostics_package_imports_nothing_from_the_compiler():
    """diagnostics/ is the bottom layer: not even a function-level import may reach upwards."""
    for path in (PACKAGE / "diagnostics").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            upper = [n for n in names if n.startswith(UPPER_LAYERS)]
            assert not upper, f"{path.name} imports {upper}"


AUDIT = """
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
from specguard.cli.entry import entry
for fmt in ("text", "json", "github"):
    entry(["check", "--no-cache", "--format", fmt])
    entry(["check", "--format", fmt])  # the second one is answered from the result cache
print("DOCS-OPENED:", sorted({p for p in opened if "diagnostics/docs" in p.replace("\\\\", "/")}))
"""


def test_check_never_reads_the_docs(tmp_path):
    """The docs are for explain and SARIF; a check with findings, cold or warm, never opens them."""
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    shutil.copytree(ROOT / "generated", tmp_path / "generated")
    companion = tmp_path / "specs" / "models" / "companion.yaml"
    text = companion.read_text("utf-8")
    companion.write_text("".join(ln for ln in text.splitlines(True) if not ln.startswith("  personality:")), "utf-8")
    out = subprocess.run([sys.executable, "-c", AUDIT], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert "error[SG800]" in out.stdout and "error[SG302]" in out.stdout  # findings, a rule's among them
    assert out.stdout.strip().endswith("DOCS-OPENED: []"), out.stdout[-500:]
