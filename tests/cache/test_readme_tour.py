"""The README's tour of typed rows and the cache runs as written, on the example package and a real
Redis, and prints what it says it prints."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def tour() -> str:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text("utf-8"), flags=re.S)
    found = [b for b in blocks if "PolicyCache(redis.Redis()" in b]
    assert len(found) == 1, "the README has one tour of rows and the cache"
    return found[0]


def test_the_readme_tour_runs(r, gen):
    code = tour().replace("redis.Redis()", "_client")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(README), "exec"), {"_client": r, "__name__": "tour"})
    said = [line.removeprefix("# ") for line in code.splitlines() if line.startswith("# Value error")]
    assert out.getvalue().splitlines() == said
    assert r.dbsize() == 0  # invalidated
