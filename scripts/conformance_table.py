#!/usr/bin/env python3
"""The README's table of the JSON Schema Test Suite results per keyword file (tests/configs/conformance.py).

    python scripts/conformance_table.py           # print the table
    python scripts/conformance_table.py --write   # replace the table between the README's markers

tests/configs/test_conformance.py fails when the README's table differs from the suite's results.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- conformance:start -->", "<!-- conformance:end -->"


def compute() -> str:
    sys.path.insert(0, str(ROOT))
    import pytest

    from tests.configs import test_conformance as t

    if t.SUITE is None:
        raise SystemExit("the JSON Schema Test Suite is not beside this repository")

    class _Factory:
        def mktemp(self, name: str) -> Path:
            return Path(tempfile.mkdtemp(prefix=name))

    results = t.results.__wrapped__(_Factory())  # type: ignore[attr-defined]
    del pytest
    from tests.configs.conformance import table

    return table(results)


def main(argv: list[str]) -> int:
    text = compute()
    if "--write" in argv:
        path = ROOT / "README.md"
        head, _, rest = path.read_text("utf-8").partition(START)
        _, _, tail = rest.partition(END)
        path.write_text(f"{head}{START}\n{text}{END}{tail}", "utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
