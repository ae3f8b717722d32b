"""Target 2: ``check`` as a pre-commit hook runs it, against ``python -c "import yaml, pydantic"``.

Three states of the cache: warm (nothing changed since the last run), incremental (one spec file
edited since the last run) and cold (``--no-cache``). Every command is a fresh process in a copy of
the project, so the measurement never writes into the repository. The edit appends a comment that
is new in every round: a cache keyed on content can never have seen it, and the specs still compile
to the same catalog (so ``check`` stays clean).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.common import ROOT, Context, NotAvailable, median_of, ratio, result
from bench.runner import Contestant, interleave
from bench.synth import PYPROJECT

TITLE = "check: warm, incremental (one file edited), cold, vs import yaml, pydantic"
INCREMENTAL = "specguard check, incremental (1 file edited)"
WARM = "specguard check, warm (nothing changed)"
COLD = "specguard check, cold (--no-cache)"
FLOOR = "floor: python -c 'import yaml, pydantic'"


def example_project(ctx: Context, source: Path = ROOT) -> Path:
    """A copy of a project's specs/ and generated/ (default: this repository's example app)."""
    dest = ctx.work / "check-example"
    if dest.exists():
        shutil.rmtree(dest)
    for name in ("specs", "generated"):
        if not (source / name).is_dir():
            raise NotAvailable(f"{source / name} does not exist")
        shutil.copytree(source / name, dest / name, ignore=shutil.ignore_patterns(".specguard-cache"))
    (dest / "pyproject.toml").write_text(PYPROJECT)
    return dest


class Editor:
    """Edits one spec file so that its bytes are new each time, without changing what it declares."""

    def __init__(self, specs: Path):
        files = sorted(p for p in specs.rglob("*") if p.suffix in (".yaml", ".yml"))
        if not files:
            raise NotAvailable(f"no spec file under {specs}")
        self.path = files[len(files) // 2]
        self.original = self.path.read_text("utf-8")
        self.count = 0

    def __call__(self) -> None:
        self.count += 1
        text = self.original if self.original.endswith("\n") else self.original + "\n"
        self.path.write_text(text + f"# benchmark edit {self.count}\n", "utf-8")


def measure_synthetic(ctx: Context, models: int) -> dict:
    """The check group on a compiled synthetic tree, for scaling: rows only (the targets are on the example)."""
    project = ctx.copy_tree(ctx.sizes(models), compiled=True, name=f"check-{models}")
    res = measure(ctx, project, f"a synthetic tree of {models:,} models")
    return dict(res, id=f"check-{models}", title=f"check on {models:,} synthetic models (scaling)", ratios=[])


def measure(ctx: Context, project: Path | None = None, label: str = "the example specs") -> dict:
    """The check group on ``project`` (a folder with specs/ and generated/; default: a copy of the repo's)."""
    project = project or example_project(ctx)
    editor = Editor(project / "specs")
    contestants = [
        Contestant(INCREMENTAL, ctx.specguard("check"), cwd=project, before=editor),
        Contestant(WARM, ctx.specguard("check"), cwd=project),
        Contestant(COLD, ctx.specguard("check", "--no-cache"), cwd=project),
        Contestant(FLOOR, [ctx.python, "-c", "import yaml, pydantic"], cwd=project),
        Contestant("python -c pass", [ctx.python, "-c", "pass"], cwd=project),
    ]
    rows = interleave("check", contestants, ctx.runs, ctx.warmup, ctx.progress)
    floor = median_of(rows, FLOOR)
    ratios = [
        ratio("incremental / floor", median_of(rows, INCREMENTAL), floor, "<=", 1.5, "2"),
        ratio("cold / floor", median_of(rows, COLD), floor, "<=", 3, "2"),
        ratio("warm / floor", median_of(rows, WARM), floor, "<=", 1.0, "2"),
    ]
    notes = [f"project: {label}; the edited file: {editor.path.relative_to(project)}",
             f"specguard and the floor run with {ctx.python}"]
    return result("check", TITLE, rows, ratios, notes)
