"""The command line of ``scripts/bench.py``: one subcommand per measurement, and ``all``."""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import m_base, m_check, m_compile, m_configs, m_plan, m_profile, m_validate
from bench.common import Context, NotAvailable, not_available
from bench.progress import Progress
from bench.report import print_all, write_json
from bench.runner import start_spawner, stop_spawner
from bench.synth import Sizes, write_tree

DESCRIPTION = ("specguard's benchmark: synthetic spec trees, and each target of issue 11 measured side by side "
               "with its comparison (interleaved runs, medians, ratios).")
EPILOG = """\
peers: alembic, SQLAlchemy 2 and datamodel-code-generator come with the `bench` extra:
    .venv/bin/pip install -e '.[bench]'
A measurement whose peer is missing says so (n/a) and the others run. squawk comes with the test extra.

the floor: measure `check` with an interpreter whose environment holds the runtime dependencies only
(a pre-commit hook's; test extras make pydantic's plugin scan slower), e.g.
    python3 -m venv /tmp/sg-runtime && /tmp/sg-runtime/bin/pip install -e .
    .venv/bin/python scripts/bench.py all --python /tmp/sg-runtime/bin/python --json bench.json

examples:
    python scripts/bench.py all                          # every measurement, full size (takes a while)
    python scripts/bench.py check -n 20                  # check on the example specs vs the floor
    python scripts/bench.py compile --big-models 0       # 1,000 models only
    python scripts/bench.py all --models 5 --big-models 10 --configs 3 --policies 2 --documents 50 -n 1
    python scripts/bench.py generate /tmp/tree --models 100   # write (and --compile) a synthetic tree
"""


def _measure(name: str, fn: Callable[[Context], dict], title: str) -> Callable[[Context], dict]:
    """Run one measurement; missing parts are n/a, a crash is reported as an error and the run goes on."""
    def run(ctx: Context) -> dict:
        try:
            return fn(ctx)
        except NotAvailable as exc:
            return not_available(name, title, str(exc))
        except Exception as exc:  # a benchmark of code in flux: report, keep measuring the rest
            ctx.progress.clear()
            traceback.print_exc()
            res = not_available(name, title, f"error: {type(exc).__name__}: {exc}")
            res["status"] = "error"
            return res
    return run


MEASUREMENTS = {
    "compile": _measure("compile", m_compile.measure, m_compile.TITLE),
    "check": _measure("check", m_check.measure, m_check.TITLE),
    "base": _measure("base", m_base.measure, m_base.TITLE),
    "plan": _measure("plan", m_plan.measure, m_plan.TITLE),
    "configs": _measure("configs", m_configs.measure, m_configs.TITLE),
    "validate": _measure("validate", m_validate.measure, m_validate.TITLE),
    "profile": _measure("profile", m_profile.measure, m_profile.TITLE),
}
HELP = {
    "compile": "target 1: compile from scratch vs PyYAML's C loader; linearity; peak memory",
    "check": "target 2: check warm, incremental, cold vs python -c 'import yaml, pydantic'",
    "base": "target 3: check --base with 3 changed files vs a full cold check",
    "plan": "target 4: plan of a 5%% change vs alembic autogenerate; squawk as reference",
    "configs": "target 5: config validators generated vs datamodel-code-generator",
    "validate": "target 6: generated validators vs jsonschema: throughput and verdicts",
    "profile": "cProfile of compile at each size; import time of a cold check",
    "all": "every measurement above, in one run",
}


def _options() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("-n", "--runs", type=int, default=5, help="timed runs of each contestant (default 5)")
    p.add_argument("--warmup", type=int, default=1, help="untimed rounds first (default 1)")
    p.add_argument("--python", default=sys.executable, help="interpreter whose specguard is measured")
    p.add_argument("--json", type=Path, metavar="PATH", help="also write the results as JSON to PATH")
    p.add_argument("--models", type=int, default=1000, help="models of the synthetic tree (default 1000)")
    p.add_argument("--big-models", type=int, default=10000, help="the linearity tree (default 10000; 0: skip)")
    p.add_argument("--big-runs", type=int, default=3, help="timed runs of the big compile (default 3)")
    p.add_argument("--configs", type=int, default=200, help="configs of 3 versions each (default 200)")
    p.add_argument("--policies", type=int, default=100, help="cache policies (default 100)")
    p.add_argument("--documents", type=int, default=10000, help="documents to validate (default 10000)")
    p.add_argument("--work", type=Path, help="work folder, kept afterwards (default: a temporary one, removed)")
    p.add_argument("--project", type=Path, help="check: a folder with specs/ and generated/ (default: this repo)")
    p.add_argument("--synthetic", type=int, nargs="+", metavar="N",
                   help="check: also on compiled synthetic trees of N models each, for scaling (no targets)")
    return p


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="scripts/bench.py", description=DESCRIPTION,
                                  epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = top.add_subparsers(dest="command", metavar="COMMAND")
    common = _options()
    for name in [*MEASUREMENTS, "all"]:
        sub.add_parser(name, parents=[common], help=HELP[name], description=HELP[name].replace("%%", "%"))
    gen = sub.add_parser("generate", parents=[common], help="write a synthetic tree (no measurement)")
    gen.add_argument("dest", type=Path)
    gen.add_argument("--compile", action="store_true", help="compile it too")
    return top


def _context(args: argparse.Namespace, work: Path) -> Context:
    return Context(python=args.python, work=work, runs=args.runs, warmup=args.warmup, models=args.models,
                   big_models=args.big_models, big_runs=args.big_runs, configs=args.configs,
                   policies=args.policies, documents=args.documents, progress=Progress())


def _meta(args: argparse.Namespace, names: list[str]) -> dict:
    version = subprocess.run([args.python, "-c", "import sys; print(sys.version.split()[0])"],
                             capture_output=True, text=True).stdout.strip()
    return {"date": datetime.date.today().isoformat(), "python": args.python, "python_version": version,
            "orchestrator": sys.executable, "cpus": os.cpu_count(), "load_average_at_end": os.getloadavg(), "runs": args.runs, "warmup": args.warmup,
            "measurements": names, "sizes": {"models": args.models, "big_models": args.big_models,
                                              "configs": args.configs, "policies": args.policies,
                                              "documents": args.documents}}


def _generate(args: argparse.Namespace) -> int:
    write_tree(args.dest, Sizes(args.models, args.configs, args.policies))
    if args.compile:
        ctx = _context(args, args.dest)
        try:
            ctx.run_specguard(args.dest, "compile", "--name", "init")
        except NotAvailable as exc:
            print(exc, file=sys.stderr)
            return 1
    print(f"wrote {args.dest / 'specs'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        parser().print_help()
        return 2
    if args.command == "generate":
        return _generate(args)
    names = list(MEASUREMENTS) if args.command == "all" else [args.command]
    start_spawner()  # before anything large is imported: see bench/spawn_server.py
    work = args.work or Path(tempfile.mkdtemp(prefix="specguard-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    ctx = _context(args, work)
    try:
        results = [res for name in names for res in _run(name, ctx, args)]
    finally:
        ctx.progress.clear()
        stop_spawner()
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    meta = _meta(args, names)
    print_all(meta, results, sys.stdout)
    if args.json:
        write_json(args.json, meta, results)
    return 1 if any(r["status"] == "error" for r in results) else 0


def _run(name: str, ctx: Context, args: argparse.Namespace) -> list[dict]:
    if name != "check":
        return [MEASUREMENTS[name](ctx)]
    out = []
    if args.project:
        def on_project(c: Context) -> dict:
            return m_check.measure(c, m_check.example_project(c, args.project), str(args.project))
        out.append(_measure("check", on_project, m_check.TITLE)(ctx))
    else:
        out.append(MEASUREMENTS["check"](ctx))
    for n in args.synthetic or ():
        out.append(_measure(f"check-{n}", lambda c, n=n: m_check.measure_synthetic(c, n), m_check.TITLE)(ctx))
    return out
