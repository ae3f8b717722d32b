"""Target 1: ``compile`` from scratch against PyYAML's C loader reading the same files, 10,000 models
against ten times 1,000 (linearity), and the peak memory of each compile."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.common import Context, median_of, ratio, result
from bench.runner import Contestant, interleave

TITLE = "compile from scratch vs PyYAML's C loader on the same files"

# Loads every spec file the way the target names (yaml.load with CSafeLoader), load_all for files
# that hold several documents; a fresh process, so that both sides pay the interpreter's start.
LOAD_YAML = """\
import os, sys, yaml
for d, _, names in os.walk(sys.argv[1]):
    for n in names:
        if n.endswith(('.yaml', '.yml')):
            with open(os.path.join(d, n), 'rb') as f:
                list(yaml.load_all(f, Loader=yaml.CSafeLoader))
"""


def _compile_contestant(ctx: Context, models: int, **kw) -> Contestant:
    root = ctx.copy_tree(ctx.sizes(models), compiled=False, name=f"compile-{models}")

    def fresh() -> None:  # from scratch: no generated/, no cache, no leftover journal
        for name in ("generated", ".specguard-cache"):
            shutil.rmtree(root / name, ignore_errors=True)

    return Contestant(f"specguard compile, {models:,} models", ctx.specguard("compile", "--name", "init"),
                      cwd=root, before=fresh, **kw)


def _yaml_contestant(ctx: Context, models: int, specs: Path, **kw) -> Contestant:
    return Contestant(f"PyYAML CSafeLoader, the same {models:,}-model files", [ctx.python, "-c", LOAD_YAML, str(specs)],
                      **kw)


def measure(ctx: Context) -> dict:
    """Compile N (and the big N) models from scratch, interleaved with PyYAML loading the same files."""
    small = _compile_contestant(ctx, ctx.models)
    contestants = [small, _yaml_contestant(ctx, ctx.models, small.cwd / "specs")]
    big = None
    if ctx.big_models:
        big = _compile_contestant(ctx, ctx.big_models, max_runs=ctx.big_runs, warmup=False)
        contestants += [big, _yaml_contestant(ctx, ctx.big_models, big.cwd / "specs", max_runs=ctx.big_runs,
                                              warmup=False)]
    rows = interleave("compile", contestants, ctx.runs, ctx.warmup, ctx.progress)
    t_small, t_yaml = median_of(rows, small.name), median_of(rows, contestants[1].name)
    ratios = [ratio(f"compile {ctx.models:,} / CSafeLoader", t_small, t_yaml, "<=", 3, "1")]
    notes = [f"the tree: {ctx.configs} configs of 3 versions and {ctx.policies} cache policies besides the models"]
    if big is not None:
        t_big = median_of(rows, big.name)
        peak = rows[2].get("peak_rss_mb")
        ratios.append(ratio(f"compile {ctx.big_models:,} / compile {ctx.models:,}", t_big, t_small, "<=",
                            11 * ctx.big_models / ctx.models / 10, "1"))
        ratios.append(ratio(f"peak RSS of compile {ctx.big_models:,}", peak, 1, "<=", 1024, "1", unit="MB"))
        if ctx.big_runs < ctx.runs:
            notes.append(f"the {ctx.big_models:,}-model runs take part in the first {ctx.big_runs} rounds only")
    return result("compile", TITLE, rows, ratios, notes)
