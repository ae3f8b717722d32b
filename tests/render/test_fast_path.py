"""Rendering is on the ``check`` fast path: it must not import heavy modules."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("jsonschema", "pydantic", "yaml", "typer", "pglast", "psycopg")

SCRIPT = """
import sys
from specguard.diagnostics.codes import diag
from specguard.diagnostics import Span
from specguard.render import render
ds = [diag("SG106", "m", Span("x.yaml", 1, 1))]
for fmt in ("text", "json", "github", "sarif"):
    render(ds, fmt, sources={"x.yaml": "a: 1"}, tool_version="0")
from specguard.render.explain import explain
explain("SG301")
print(",".join(m for m in %r if m in sys.modules))
"""


def test_render_imports_stay_light():
    out = subprocess.run([sys.executable, "-c", SCRIPT % (HEAVY,)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"heavy modules imported: {out.stdout.strip()}"
