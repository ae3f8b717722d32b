"""Target 3: ``check --base REV`` in a real git repository where 3 spec files of a large tree changed
since REV (and were compiled, as on a pull request), against a full cold check of the same tree."""

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


def measure(ctx: Context) -> dict:
    """``check --base`` against the base commit, interleaved with ``check --no-cache``."""
    repo, base = pull_request(ctx)
    with_base = f"specguard check --base <base>, {CHANGED} of {ctx.models:,} files changed"
    cold = f"specguard check --no-cache, {ctx.models:,} models"
    contestants = [
        Contestant(with_base, ctx.specguard("check", "--base", base), cwd=repo),
        Contestant(cold, ctx.specguard("check", "--no-cache"), cwd=repo),
    ]
    rows = interleave("check --base", contestants, ctx.runs, ctx.warmup, ctx.progress)
    ratios = [ratio("check --base / cold check", median_of(rows, with_base), median_of(rows, cold), "<=", 0.3, "3")]
    return result("base", TITLE, rows, ratios, [f"base: the commit before the change ({base[:12]})"])
