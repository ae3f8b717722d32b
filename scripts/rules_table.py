#!/usr/bin/env python3
"""The README's table of every code, made from the registry (one source: the rules and diagnostics/).

    python scripts/rules_table.py           # print the table
    python scripts/rules_table.py --write   # replace the table between the README's markers

tests/test_readme.py fails when the README's table differs from what this prints.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"


def table() -> str:
    from specguard.compiler.rules.registry import all_codes

    rows = ["| code | name | severity | category | what it flags | acceptable |", "| --- | --- | --- | --- | --- | --- |"]
    for c in all_codes():
        acceptable = getattr(c, "acceptable", None)
        accept = "—" if acceptable is None else ("yes" if acceptable and c.severity.value == "error" else
                                                  "never" if not acceptable else "not needed")
        rows.append(f"| {c.code} | `{c.name}` | {c.severity.value} | {c.category.value} | {c.summary} | {accept} |")
    return "\n".join(rows) + "\n"


def replace_in(readme: str) -> str:
    head, _, rest = readme.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{table()}{END}{tail}"


def main(argv: list[str]) -> int:
    if "--write" in argv:
        path = ROOT / "README.md"
        path.write_text(replace_in(path.read_text("utf-8")), "utf-8")
    else:
        sys.stdout.write(table())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
