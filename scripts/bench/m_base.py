"""Target 3: ``check --base REV`` in a real git repository where 3 spec files of a large tree changed
since REV (and were compiled, as on a pull request), against a full cold check of the same tree.

Two rows for ``check --base``: the same tree again (what a repeated run, e.g. a re-run CI job or the
pre-commit hook on an unchanged tree, sees: whole-tree caches hit after the warm-up), and the tree
with one of the changed spec files given new bytes before every run (a comment appended: what a
developer editing the change sees, where every cache keyed on the working tree's content misses).
The target's verdict is on the edited row."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from bench.common import Context, NotAvailable, median_of, ratio, result
from bench.runner import Contestant, interleave
from bench.synth import apply_change, changed_models

TITLE = "check --base with 3 changed files vs a full cold check"
CHANGED = 3


def _git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid",
                           "-c", "commit.gpgsign=false", *args], cwd=repo, capture_output=True, text=True)
    if proc.returncode:
        raise NotAvailable(f"git {' '.join(args)} failed: {proc.stderr.strip()[-300:]}")
    return proc.stdout.strip()


def pull_request(ctx: Context) -> tuple[Path, str]:
    """A repository whose HEAD changes (and compiles) 3 models since its first commit; that commit."""
    if shutil.which("git") is None:
        raise NotAvailable("git is not installed")
    sizes = ctx.sizes()
    repo = ctx.copy_tree(sizes, compiled=True, name="base-repo")
    (repo / ".gitignore").write_text(".specguard-cache/\n")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    base = _git(repo, "rev-parse", "HEAD")
    apply_change(repo / "specs", sizes, changed_models(sizes, CHANGED))
    ctx.run_specguard(repo, "compile", "--name", "change")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "change 3 models")
    return repo, base


def _editor(repo: Path, base: str):
    """Appends a new comment to one of the changed spec files: new bytes before every run."""
    changed = sorted(_git(repo, "diff", "--name-only", base, "HEAD", "--", "specs").splitlines())
    if not changed:
        raise NotAvailable("the change touched no spec file")
    path, count = repo / changed[0], [0]

    def edit() -> None:
        count[0] += 1
        with path.open("a", encoding="utf-8") as f:
            f.write(f"# edit {count[0]}\n")
    return edit, changed[0]


def measure(ctx: Context) -> dict:
    """``check --base`` against the base commit (the same tree again, and a tree edited before each
    run), interleaved with ``check --no-cache``."""
    repo, base = pull_request(ctx)
    edit, edited = _editor(repo, base)
    same = f"specguard check --base <base>, {CHANGED} of {ctx.models:,} files changed, same tree again"
    fresh = f"specguard check --base <base>, {CHANGED} of {ctx.models:,} files changed, one edited before each run"
    cold = f"specguard check --no-cache, {ctx.models:,} models"
    contestants = [
        Contestant(same, ctx.specguard("check", "--base", base), cwd=repo),
        Contestant(fresh, ctx.specguard("check", "--base", base), cwd=repo, before=edit),
        Contestant(cold, ctx.specguard("check", "--no-cache"), cwd=repo),
    ]
    rows = interleave("check --base", contestants, ctx.runs, ctx.warmup, ctx.progress)
    ratios = [ratio("check --base (a changed file edited before each run) / cold check", median_of(rows, fresh),
                    median_of(rows, cold), "<=", 0.3, "3")]
    again = ratio("", median_of(rows, same), median_of(rows, cold), "<=", 0.3, "3")["value"]
    notes = [f"base: the commit before the change ({base[:12]})",
             f"edited row: a comment appended to {edited} before every run (its bytes are new each time)",
             f"same tree again / cold check: {again}x (no verdict: the whole-tree caches hit after the warm-up)"]
    return result("base", TITLE, rows, ratios, notes)
