"""The results as a text table (stdout) and as JSON (the same data): medians, then each ratio against
its target, then a summary of every target; profiles last.

The JSON file: ``{"meta": {...}, "results": [...], "targets": [...]}``. A result has ``id``,
``title``, ``status`` (``ok``, ``n/a`` with a ``reason``, or ``error``), ``rows`` (one per contestant:
``name``, ``command``, ``runs``, ``median_ms``, ``min_ms``, ``max_ms``, ``exit_codes``, and where they
apply ``peak_rss_mb``, ``inner_median_ms``, ``documents_per_s``), ``ratios`` (``name``, ``value``,
``op``, ``limit``, ``unit``, ``target``: the issue's number, ``met``: true, false or null when a side
is missing) and ``notes``; ``targets`` lists every ratio of every result, by target.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO


def _fmt(x: Any, width: int, digits: int = 1) -> str:
    return f"{x:>{width},.{digits}f}" if isinstance(x, (int, float)) else f"{'-':>{width}}"


def verdict(r: dict) -> str:
    """``met``, ``missed by 2.9x`` (or by how many, for a count), or ``n/a``."""
    if r["value"] is None:
        return "n/a"
    if r["met"]:
        return "met"
    if r["unit"] == "" or not r["limit"] or not r["value"]:
        return f"missed ({r['value']:g} {r['op']} {r['limit']:g} wanted)"
    by = r["value"] / r["limit"] if r["op"] == "<=" else r["limit"] / r["value"]
    return f"missed by {by:.1f}x"


def _value(r: dict) -> str:
    if r["value"] is None:
        return "n/a"
    return f"{r['value']:g}{r['unit']}" if r["unit"] != "MB" else f"{r['value']:,.0f} MB"


def _rows(res: dict, out: TextIO) -> None:
    rows = res["rows"]
    if not rows:
        return
    width = max(40, *(len(r["name"]) for r in rows))
    out.write(f"   {'':<{width}}  {'median ms':>10}  {'min':>9}  {'max':>9}  {'runs':>4}  {'peak MB':>8}  exit\n")
    for r in rows:
        codes = ",".join(map(str, r["exit_codes"])) or "-"
        out.write(f"   {r['name']:<{width}}  {_fmt(r['median_ms'], 10)}  {_fmt(r['min_ms'], 9)}  {_fmt(r['max_ms'], 9)}"
                  f"  {r['runs']:>4}  {_fmt(r.get('peak_rss_mb'), 8, 0)}  {codes}\n")
        extra = []
        if r.get("documents_per_s"):
            extra.append(f"{r['documents_per_s']:,} documents/s")
        if r.get("inner_median_ms"):
            extra += [f"{k.removesuffix('_ms')} {v:,.1f} ms" for k, v in r["inner_median_ms"].items()]
        if extra:
            out.write(f"   {'':<{width}}    (" + ", ".join(extra) + ")\n")
        if r.get("stderr") and not set(r["exit_codes"]) <= {0, 1}:
            out.write("     last stderr: " + r["stderr"].strip().replace("\n", "\n       ")[-800:] + "\n")


def print_result(res: dict, out: TextIO) -> None:
    """One measurement: its rows, its ratios against the targets, its notes."""
    out.write(f"\n== {res['id']}: {res['title']}\n")
    if res["status"] != "ok":
        out.write(f"   n/a: {res['reason']}\n")
        return
    _rows(res, out)
    for r in res["ratios"]:
        out.write(f"   target {r['target']}: {r['name']} = {_value(r)}  (wanted {r['op']} {r['limit']:g}{r['unit']})"
                  f"  {verdict(r)}\n")
    verdicts = res.get("verdicts")
    if verdicts:
        _verdicts("verdicts", verdicts, out)
    if verdicts and verdicts.get("is_valid"):
        _verdicts("verdicts of is_valid_<config>", verdicts["is_valid"], out)
    for n in res["notes"]:
        out.write(f"   note: {n}\n")
    if res["id"] == "profile":
        print_profile(res, out)


def _verdicts(label: str, verdicts: dict, out: TextIO) -> None:
    out.write(f"   {label}: {verdicts['disagreements']} of {verdicts['documents']:,} documents differ\n")
    for ex in verdicts["examples"]:
        out.write(f"     {ex['config']} v{ex['version']}: jsonschema {'valid' if ex['jsonschema_valid'] else 'invalid'}"
                  f", generated {'valid' if ex['generated_valid'] else 'invalid'}: {ex['document'][:120]}\n")


def _section(out: TextIO, heading: str, items: list[dict], line, lines: int) -> None:
    out.write(heading + "\n")
    for item in items[:lines]:
        out.write("     " + line(item) + "\n")


def _function(f: dict) -> str:
    return f"{f['function'][:60]:<60}  {f['calls']:>9,}  {f['self_ms']:>10,.1f}  {f['cumulative_ms']:>12,.1f}"


def print_profile(res: dict, out: TextIO, lines: int = 12) -> None:
    """Where compile's time goes at each size, and what a cold check imports."""
    for p in res.get("compile_profiles", []):
        out.write(f"\n   cProfile of compile, {p['models']:,} models (wall {p['wall_ms_under_profiler']:,.0f} ms under "
                  f"the profiler, {p['total_self_ms']:,.0f} ms profiled)\n")
        _section(out, "   self time by area:", p["by_area"],
                 lambda a: f"{a['self_ms']:>10,.1f} ms  {a['share']:>6.1%}  {a['area']}", lines)
        columns = f"{'calls':>9}  {'self ms':>10}  {'cumulative ms':>12}"
        _section(out, f"   top functions by self time: {' ' * 36}{columns}", p["top_self"], _function, lines)
        _section(out, f"   top compiler functions by cumulative time: {' ' * 21}{columns}", p["top_cumulative"],
                 _function, lines)
    imp = res.get("check_imports")
    if imp:
        out.write(f"\n   imports of a cold check: {imp['modules']} modules, {imp['total_ms']:,.1f} ms (self time, "
                  f"one run, exit {imp['exit_code']})\n")
        _section(out, "   by package (self ms):", imp["by_package"],
                 lambda p: f"{p['self_ms']:>8.1f}  {p['package']}", lines)
        _section(out, "   heaviest top-level imports (cumulative ms):", imp["top_level"],
                 lambda p: f"{p['cumulative_ms']:>8.1f}  {p['module']}", lines)


def targets(results: list[dict]) -> list[dict]:
    """Every ratio of every measurement, in the issue's order of targets."""
    rows = [dict(r, measurement=res["id"]) for res in results for r in res["ratios"]]
    return sorted(rows, key=lambda r: r["target"])


def print_summary(results: list[dict], out: TextIO) -> None:
    rows = targets(results)
    if not rows:
        return
    width = max(len(r["name"]) for r in rows)
    out.write(f"\n== targets (issue 11)\n   #  {'measure':<{width}}  {'value':>10}  {'wanted':>10}  verdict\n")
    for r in rows:
        wanted = f"{r['op']} {r['limit']:g}{r['unit']}"
        out.write(f"   {r['target']}  {r['name']:<{width}}  {_value(r):>10}  {wanted:>10}  {verdict(r)}\n")
    out.write("   7  progress on a terminal: shown by the benchmark itself (not measured)\n")


def print_all(meta: dict, results: list[dict], out: TextIO) -> None:
    out.write(f"specguard benchmark: {meta['date']}, Python {meta['python_version']} ({meta['python']}), "
              f"{meta['cpus']} CPUs (load {meta['load_average_at_end'][1]:.1f} over the last 5 min at the end); "
              f"{meta['runs']} timed runs interleaved after {meta['warmup']} warm-up\n")
    for res in results:
        print_result(res, out)
    print_summary(results, out)


def write_json(path: Path, meta: dict, results: list[dict]) -> None:
    payload = {"meta": meta, "results": results, "targets": targets(results)}
    path.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", "utf-8")
