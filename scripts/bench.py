#!/usr/bin/env python3
"""Benchmark of a cold ``specguard check``: what a pre-commit hook waits for.

Measured in one run, interleaved so that machine noise hits every command alike:

- ``specguard check`` on a spec tree, each time a fresh process (the console script of this Python's
  environment, else ``python -m specguard``);
- the floor: ``python -c "import yaml, pydantic"``, the cost the roadmap wants ``check`` close to;
- the interpreter alone (``python -c pass``), for scale.

Then ``python -X importtime`` of the same check, summarized: the heaviest imports on the check path.

    python scripts/bench.py                      # specs/, 10 runs
    python scripts/bench.py specs/ -n 30 --json
    python scripts/bench.py --synthetic 100 1000 # generated trees of N models (compiled first), to show scaling
    python scripts/bench.py -- --format json     # extra arguments for check after --

A failing ``check`` (exit 1: findings; 2: usage error; anything else: a crash) is timed all the same
and its exit code reported, so the script is usable while ``check`` is still being written.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Measure:
    name: str
    argv: list[str]
    cwd: Path
    times_ms: list[float] = field(default_factory=list)
    exit_codes: list[int] = field(default_factory=list)
    last_stderr: str = ""

    def run_once(self) -> None:
        start = time.perf_counter()
        proc = subprocess.run(self.argv, cwd=self.cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env())
        self.times_ms.append((time.perf_counter() - start) * 1000)
        self.exit_codes.append(proc.returncode)
        if proc.returncode not in (0, 1):
            self.last_stderr = proc.stderr.decode("utf-8", "replace")[-2000:]

    def stats(self) -> dict:
        t = self.times_ms
        return {
            "name": self.name,
            "command": " ".join(self.argv),
            "runs": len(t),
            "min_ms": round(min(t), 1),
            "median_ms": round(statistics.median(t), 1),
            "max_ms": round(max(t), 1),
            "exit_codes": sorted(set(self.exit_codes)),
        }


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # Measure what an installed hook runs: code from cached bytecode. With PYTHONDONTWRITEBYTECODE
    # (set in some containers and CI images) every run would recompile every module from source,
    # which measures source size rather than the work a user waits for.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NO_COLOR"] = "1"
    return env


def check_command(python: str) -> list[str]:
    """The console script next to ``python`` when it exists, else ``python -m specguard``."""
    bindir = Path(python).parent
    for name in ("specguard", "specguard.exe"):
        script = bindir / name
        if script.exists():
            return [str(script)]
    return [python, "-m", "specguard"]


def importtime(python: str, args: list[str], cwd: Path, top: int) -> dict:
    """Run the check under ``-X importtime`` and return the heaviest imports."""
    code = "import sys; from specguard.cli.entry import entry; sys.argv[0] = 'specguard'; sys.exit(entry())"
    proc = subprocess.run(
        [python, "-X", "importtime", "-c", code, *args], cwd=cwd, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE, env=_env(),
    )
    rows = parse_importtime(proc.stderr.decode("utf-8", "replace"))
    total = sum(r["self_us"] for r in rows)
    packages: dict[str, int] = {}
    for r in rows:
        root = r["module"].split(".")[0]
        packages[root] = packages.get(root, 0) + r["self_us"]
    return {
        "exit_code": proc.returncode,
        "modules": len(rows),
        "total_ms": round(total / 1000, 1),
        "top_level": sorted(
            ({"module": r["module"], "cumulative_ms": round(r["cumulative_us"] / 1000, 1)} for r in rows if r["depth"] == 0),
            key=lambda r: -r["cumulative_ms"],
        )[:top],
        "by_package": sorted(
            ({"package": k, "self_ms": round(v / 1000, 1)} for k, v in packages.items()), key=lambda r: -r["self_ms"]
        )[:top],
    }


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
        rows.append({
            "module": name.strip(),
            "depth": max(indent, 0) // 2,
            "self_us": int(parts[0]),
            "cumulative_us": int(parts[1]),
        })
    return rows


# --- synthetic spec trees ----------------------------------------------------------------------

def synthetic_tree(root: Path, models: int) -> Path:
    """A spec tree of ``models`` models (with foreign keys, indexes), an enum, a config and a policy."""
    specs = root / "specs"
    (specs / "models").mkdir(parents=True)
    (specs / "enums").mkdir()
    (specs / "configs" / "settings").mkdir(parents=True)
    (specs / "cache").mkdir()
    (root / "pyproject.toml").write_text('[tool.specguard]\nspecs = "specs"\ngenerated = "generated"\n')
    (specs / "enums" / "status.yaml").write_text("kind: enum\nname: Status\nvalues: [active, archived]\n")
    (specs / "configs" / "settings" / "v1.yaml").write_text(
        "kind: config\nname: settings\nversion: 1\nschema:\n  type: object\n  properties:\n"
        "    tone: {type: string, enum: [friendly, formal], default: friendly}\n"
        "    level: {type: integer, minimum: 1, maximum: 5, default: 3}\n  additionalProperties: false\n"
    )
    for i in range(models):
        name = f"Model{i:05d}"
        lines = [
            "kind: model",
            f"name: {name}",
            f"description: Synthetic model number {i}.",
            "columns:",
            "  id:        {type: uuid, primary_key: true, default: {sql: gen_random_uuid()}}",
            "  name:      {type: text}",
            "  status:    {type: Status, default: active}",
            "  counter:   {type: bigint, default: 0}",
            "  settings:  {type: jsonb, nullable: true, config: settings}",
            "  createdAt: {type: timestamptz, default: {sql: now()}}",
        ]
        if i:
            lines += [
                "  parentId:  {type: uuid, nullable: true}",
                "foreign_keys:",
                "  - columns: [parentId]",
                f"    references: {{model: Model{i - 1:05d}, columns: [id]}}",
                "    on_delete: set_null",
            ]
        lines += [
            "checks:",
            f"  - name: {name}_counter_nonnegative",
            "    expression: '\"counter\" >= 0'",
            "indexes:",
            "  - columns: [name, createdAt]",
            "  - columns: [createdAt]",
            "    where: '\"status\" = ''active'''",
        ]
        (specs / "models" / f"model_{i:05d}.yaml").write_text("\n".join(lines) + "\n")
    (specs / "cache" / "model0.yaml").write_text(
        "kind: cache_policy\nname: model0_detail\nmodel: Model00000\nkey: \"model0:{id}\"\n"
        "ttl: {anonymous: 300s, authenticated: 60s}\ninvalidate_on: [Model00000]\n"
    )
    return specs


# --- driver ------------------------------------------------------------------------------------

def bench(label: str, specs: Path, cwd: Path, runs: int, warmup: int, python: str, top: int, extra: list[str]) -> dict:
    check_args = ["check", "--specs", str(specs), *extra]
    cold_args = [*check_args, "--no-cache"]
    measures = [
        Measure("check, cold (--no-cache)", [*check_command(python), *cold_args], cwd),
        Measure("check, warm (cache hit)", [*check_command(python), *check_args], cwd),
        Measure("floor: import yaml, pydantic", [python, "-c", "import yaml, pydantic"], cwd),
        Measure("python -c pass", [python, "-c", "pass"], cwd),
    ]
    for _ in range(warmup):  # bytecode caches and the OS page cache, as on a developer's machine
        for m in measures:
            m.run_once()
    for m in measures:
        m.times_ms.clear()
        m.exit_codes.clear()
    for _ in range(runs):
        for m in measures:
            m.run_once()
    return {
        "label": label,
        "specs": str(specs),
        "results": [m.stats() for m in measures],
        "check_stderr": measures[0].last_stderr,
        "importtime": importtime(python, cold_args, cwd, top),
    }


def print_report(report: dict) -> None:
    print(f"\n== {report['label']}  ({report['specs']})")
    width = max(len(r["name"]) for r in report["results"])
    print(f"{'command':<{width}}  {'min ms':>8}  {'median':>8}  {'max ms':>8}  exit")
    for r in report["results"]:
        codes = ",".join(map(str, r["exit_codes"]))
        print(f"{r['name']:<{width}}  {r['min_ms']:>8.1f}  {r['median_ms']:>8.1f}  {r['max_ms']:>8.1f}  {codes}")
    check, warm, floor = report["results"][0], report["results"][1], report["results"][2]
    print(f"cold check / floor (median): {check['median_ms'] / floor['median_ms']:.2f}x; "
          f"warm: {warm['median_ms'] / floor['median_ms']:.2f}x")
    if any(c not in (0, 1) for c in check["exit_codes"]):
        print("check did not run cleanly (exit 0 = clean, 1 = findings); last stderr:")
        print("  " + report["check_stderr"].strip().replace("\n", "\n  "))
    it = report["importtime"]
    print(f"\nimports on the cold check path: {it['modules']} modules, {it['total_ms']} ms (self time, one run)")
    print("  heaviest top-level imports (cumulative ms):")
    for r in it["top_level"]:
        print(f"    {r['cumulative_ms']:>8.1f}  {r['module']}")
    print("  by package (self ms):")
    for r in it["by_package"]:
        print(f"    {r['self_ms']:>8.1f}  {r['package']}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("specs", nargs="?", default="specs", help="spec tree to check (default: specs/)")
    p.add_argument("-n", "--runs", type=int, default=10, help="timed runs of each command (default 10)")
    p.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    p.add_argument("--synthetic", type=int, nargs="*", metavar="N",
                   help="instead of SPECS, generate trees of N models each (e.g. 100 1000)")
    p.add_argument("--no-compile", action="store_true",
                   help="synthetic trees: skip the `specguard compile` that runs first (check then reports SG800)")
    p.add_argument("--top", type=int, default=12, help="rows of the import summaries (default 12)")
    p.add_argument("--python", default=sys.executable, help="interpreter of the environment to measure")
    p.add_argument("--json", action="store_true", help="print the results as JSON")
    p.add_argument("--check-arg", action="append", default=[], metavar="ARG",
                   help="an extra argument for check (repeatable), e.g. --check-arg=--format=json")
    args = p.parse_args(argv)
    extra = list(args.check_arg)

    reports = []
    if args.synthetic:
        for n in args.synthetic:
            tmp = Path(tempfile.mkdtemp(prefix=f"specguard-bench-{n}-"))
            try:
                specs = synthetic_tree(tmp, n)
                if not args.no_compile:
                    proc = subprocess.run([*check_command(args.python), "compile", "--specs", str(specs)], cwd=tmp,
                                          capture_output=True, env=_env())
                    if proc.returncode:
                        print(f"compile of the {n}-model tree exited {proc.returncode}", file=sys.stderr)
                reports.append(bench(f"synthetic: {n} models", specs, tmp, args.runs, args.warmup, args.python,
                                     args.top, extra))
            finally:
                shutil.rmtree(tmp, ignore_errors=True)
    else:
        specs = Path(args.specs)
        if not specs.exists():
            print(f"note: {specs} does not exist; check will report SG001", file=sys.stderr)
        reports.append(bench(f"check {specs}", specs, Path.cwd(), args.runs, args.warmup, args.python, args.top, extra))

    if args.json:
        json.dump({"python": args.python, "reports": reports}, sys.stdout, indent=2)
        sys.stdout.write("\n")
    else:
        for r in reports:
            print_report(r)
        if len(reports) > 1:
            print("\nscaling (median check ms):")
            for r in reports:
                print(f"  {r['label']:<28} cold {r['results'][0]['median_ms']:>9.1f}   warm {r['results'][1]['median_ms']:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
