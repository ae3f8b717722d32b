"""Where the time goes: cProfile of ``compile`` from scratch (at each tree size), and
``python -X importtime`` of a cold ``check`` (imports by package). Profiles, not targets.

Both run in a fresh process of the measured interpreter, so that the profile is of the code a user
runs, and ``pstats`` is read by the interpreter that wrote it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bench.common import Context, NotAvailable, result
from bench.runner import measured_env, run_process

TITLE = "profiles: cProfile of compile, import time of a cold check"

PROFILE = """\
import cProfile, json, pstats, sys
from specguard.cli.entry import entry
prof = cProfile.Profile()
prof.enable()
try:
    code = entry(sys.argv[2:])
except SystemExit as exc:
    code = exc.code
prof.disable()
rows = [[f, l, fn, nc, tt, ct] for (f, l, fn), (cc, nc, tt, ct, _) in pstats.Stats(prof).stats.items()]
with open(sys.argv[1], "w") as out:
    json.dump({"exit_code": code, "rows": rows}, out)
"""

IMPORTTIME = "import sys; from specguard.cli.entry import entry; sys.exit(entry(sys.argv[1:]))"


def area(path: str) -> str:
    """What a profiled function belongs to: a specguard sub-package, a third-party package, or Python."""
    p = path.replace("\\", "/")
    if "/specguard/" in p:
        parts = p.rsplit("/specguard/", 1)[1].split("/")[:-1]
        return ".".join(["specguard", *parts[:2]])
    if "site-packages/" in p:
        return p.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if p.startswith("~") or p.startswith("<"):
        return "builtins (C)"
    return "python: " + Path(p).stem


def summarize_profile(rows: list[list], top: int) -> dict:
    """Total, self time by area, the top functions by own time, and the compiler's by cumulative time."""
    total = sum(r[4] for r in rows)
    by_area: dict[str, float] = {}
    for r in rows:
        by_area[area(r[0])] = by_area.get(area(r[0]), 0.0) + r[4]

    def fmt(r):
        where = f"{Path(r[0]).name}:{r[1]}" if not r[0].startswith("~") else "built-in"
        return {"function": f"{r[2]} ({where})", "area": area(r[0]), "calls": r[3],
                "self_ms": round(r[4] * 1000, 1), "cumulative_ms": round(r[5] * 1000, 1)}

    return {
        "total_self_ms": round(total * 1000, 1),
        "by_area": [{"area": k, "self_ms": round(v * 1000, 1), "share": round(v / total, 3) if total else 0}
                    for k, v in sorted(by_area.items(), key=lambda kv: -kv[1])][:top],
        "top_self": [fmt(r) for r in sorted(rows, key=lambda r: -r[4])[:top]],
        # the CLI and Typer wrap everything: the compiler's own functions say which stage takes the time
        "top_cumulative": [fmt(r) for r in sorted(rows, key=lambda r: -r[5])
                           if area(r[0]).startswith("specguard.compiler")][:top],
    }


def profile_compile(ctx: Context, models: int, top: int) -> dict:
    """cProfile of one ``compile`` from scratch of a tree of ``models`` models."""
    root = ctx.copy_tree(ctx.sizes(models), compiled=False, name=f"profile-{models}")
    out = ctx.work / f"profile-{models}.json"
    ctx.progress.note("profile", f"cProfile of compile, {models:,} models")
    ms, run = run_process([ctx.python, "-c", PROFILE, str(out), "compile", "--name", "init"], root)
    ctx.progress.clear()
    shutil.rmtree(root, ignore_errors=True)
    if run.code != 0 or not out.exists():
        raise NotAvailable(f"the profiled compile exited {run.code}: {run.stderr.strip()[-400:]}")
    data = json.loads(out.read_text())
    return {"models": models, "wall_ms_under_profiler": round(ms, 1), **summarize_profile(data["rows"], top)}


def parse_importtime(stderr: str) -> list[dict]:
    """Rows of ``-X importtime`` output: module, depth, self and cumulative microseconds."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        parts = line[len("import time:"):].split("|", 2)
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue  # the header line
        name = parts[2].rstrip()
        indent = len(name) - len(name.lstrip(" ")) - 1  # one space follows the bar
        rows.append({"module": name.strip(), "depth": max(indent, 0) // 2,
                     "self_us": int(parts[0]), "cumulative_us": int(parts[1])})
    return rows


def importtime(ctx: Context, project: Path, top: int) -> dict:
    """Imports of a cold ``check`` (the second of two runs, so bytecode caches are warm)."""
    argv = [ctx.python, "-X", "importtime", "-c", IMPORTTIME, "check", "--no-cache"]
    for _ in range(2):
        _, run = run_process(argv, project, measured_env())
    rows = parse_importtime(run.stderr)
    packages: dict[str, int] = {}
    for r in rows:
        root = r["module"].split(".")[0]
        packages[root] = packages.get(root, 0) + r["self_us"]
    total = sum(r["self_us"] for r in rows)
    top_level = sorted((r for r in rows if r["depth"] == 0), key=lambda r: -r["cumulative_us"])[:top]
    return {
        "exit_code": run.code, "modules": len(rows), "total_ms": round(total / 1000, 1),
        "by_package": [{"package": k, "self_ms": round(v / 1000, 1)}
                       for k, v in sorted(packages.items(), key=lambda kv: -kv[1])][:top],
        "top_level": [{"module": r["module"], "cumulative_ms": round(r["cumulative_us"] / 1000, 1)} for r in top_level],
    }


def measure(ctx: Context, top: int = 15) -> dict:
    """Profiles of compile at the small and the big size, and the import time of a cold check."""
    from bench.m_check import example_project

    compiles, notes = [], []
    for models in (ctx.models, ctx.big_models):
        if not models:
            continue
        try:
            compiles.append(profile_compile(ctx, models, top))
        except NotAvailable as exc:
            notes.append(f"compile of {models:,} models: n/a: {exc}")
    imports = importtime(ctx, example_project(ctx), top)
    return result("profile", TITLE, notes=notes, compile_profiles=compiles, check_imports=imports)
