#!/usr/bin/env python3
"""specguard's benchmark: ``python scripts/bench.py COMMAND [options]`` (``--help`` lists them).

Generates synthetic spec trees (N models of 20 columns and 3 indexes, configs of three compatible
versions, cache policies) and measures each target of issue 11 side by side with its comparison,
interleaved so that machine noise hits both alike: ``compile`` vs PyYAML's C loader, ``check`` vs
``python -c "import yaml, pydantic"``, ``check --base`` vs a cold check, ``plan`` vs alembic's
autogenerate, config validators vs datamodel-code-generator and jsonschema. Prints medians and
ratios against the targets (``--json PATH`` writes the same), and profiles where time goes.
The code lives in ``scripts/bench/``; benchmarks are not tests, and nothing asserts a time.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench.cli import main  # noqa: E402  (the package beside this script)

if __name__ == "__main__":
    sys.exit(main())
