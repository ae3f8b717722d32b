"""The official JSON Schema Test Suite (draft 2020-12) run through the generated validators.

The suite lives beside the repository, never in it (``../shared/conformance/json-schema-test-suite``
from the repository root, or a folder above): ``suite_folder`` finds it or says it is absent. Every
group's schema either compiles (and each case must then agree with the suite) or is refused at compile
time for a keyword the generators do not support: nothing passes by being skipped silently.

The one deliberate difference: specguard asserts ``format`` (the generated validators check the formats
they know, as reference.md and datamodel-code-generator do), while the suite's ``format.json`` tests
the annotation-only default. Those cases are counted apart, as ``asserted``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

RELATIVE = Path("shared") / "conformance" / "json-schema-test-suite" / "draft2020-12"
ROOT = Path(__file__).resolve().parents[2]
FORMAT_ANNOTATION = "only an annotation by default"


def suite_folder() -> Path | None:
    for parent in ROOT.parents:
        if (parent / RELATIVE).is_dir():
            return parent / RELATIVE
    return None


@dataclass
class FileResult:
    passed: int = 0
    failed: list[str] = field(default_factory=list)
    refused: int = 0  # cases whose schema the compiler refuses (an unsupported keyword)
    asserted: int = 0  # format.json cases where specguard asserts the format on purpose


def groups(folder: Path):
    """``(file stem, group index, group)`` of every group of the suite."""
    for path in sorted(folder.glob("*.json")):
        for i, group in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            yield path.stem, i, group


def module_name(stem: str, index: int) -> str:
    return f"s_{stem.replace('-', '_')}_{index}"


def table(results: dict[str, FileResult]) -> str:
    """The README's table: per keyword file, the cases that pass and those refused at compile time."""
    rows = ["| file | pass | refused (unsupported keyword) |", "| --- | ---: | ---: |"]
    for stem, r in sorted(results.items()):
        note = f" (+{r.asserted} asserted)" if r.asserted else ""
        rows.append(f"| `{stem}.json` | {r.passed}{note} | {r.refused} |")
    total = [sum(r.passed for r in results.values()), sum(r.refused for r in results.values())]
    rows.append(f"| **total** | **{total[0]}** | **{total[1]}** |")
    return "\n".join(rows) + "\n"
