"""Target 5: generating the validators of the synthetic configs (each of three versions) with
specguard's config emitter, against datamodel-code-generator on the same JSON Schemas.

Both run in this process, on input already in memory or on disk: specguard's emitter from the
catalog, datamodel-code-generator from one folder of schema files with no formatter (its fastest
setting; black and isort off). Imports are paid in the warm-up round, by both.
"""

from __future__ import annotations

import shutil

from bench.common import Context, NotAvailable, median_of, need, ratio, result
from bench.configgen import config_catalog, config_emitter, datamodel_codegen, write_schemas
from bench.runner import Contestant, interleave

TITLE = "generating config validators vs datamodel-code-generator (no formatter)"


def measure(ctx: Context) -> dict:
    """The config emitter and datamodel-code-generator, interleaved; either may be n/a."""
    catalog = config_catalog(ctx)
    versions = len(catalog.configs)
    sg_name = f"specguard config emitter, {versions} schemas"
    dm_name = f"datamodel-code-generator, {versions} schemas"
    contestants, notes = [], []
    try:
        emit = config_emitter(catalog)
        contestants.append(Contestant(sg_name, call=lambda: emit(catalog)))
    except NotAvailable as exc:
        notes.append(f"specguard: n/a: {exc}")
    try:
        need("datamodel_code_generator", "datamodel-code-generator")
        out = ctx.work / "configs-datamodel"
        run = datamodel_codegen(write_schemas(ctx, catalog), out)
        contestants.append(Contestant(dm_name, call=run, before=lambda: shutil.rmtree(out, ignore_errors=True)))
    except NotAvailable as exc:
        notes.append(f"datamodel-code-generator: n/a: {exc}")
    rows = interleave("configs", contestants, ctx.runs, ctx.warmup, ctx.progress) if contestants else []
    ratios = [ratio("datamodel-code-generator / specguard", median_of(rows, dm_name), median_of(rows, sg_name),
                    ">=", 5, "5")]
    notes.append(f"{ctx.configs} configs x 3 versions; both in this process ({ctx.runs} timed runs each)")
    return result("configs", TITLE, rows, ratios, notes)
