"""Target 6: the generated config validators against jsonschema's Draft202012Validator on the same
documents: throughput, and whether the two give the same verdict on every document.

Documents are plain dicts (as psycopg returns jsonb), a share of them broken on purpose
(``synthconfigs.documents``). Each validator is built once, outside the timing, as a service would.
The target compares like with like: jsonschema's ``is_valid`` against the generated
``is_valid_<config>(document, version)``, which answers without building models; ``model_validate``
(which builds them) is timed beside them as a row of its own, and both must agree with jsonschema.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from bench.common import Context, NotAvailable, median_of, ratio, result
from bench.configgen import config_catalog, config_emitter, import_validators
from bench.runner import Contestant, interleave
from bench.synth import config_name
from bench.synthconfigs import documents

TITLE = "generated config validators vs jsonschema Draft202012Validator"
EXAMPLES = 5


def _jsonschema_verdicts(catalog, docs):
    from jsonschema import Draft202012Validator

    validators = {(c.name, c.version): Draft202012Validator(c.schema) for c in catalog.configs}
    pairs = [(validators[(config_name(k), v)], doc) for k, v, doc in docs]
    return lambda: [val.is_valid(doc) for val, doc in pairs]


def _is_valid_verdicts(classes: dict, docs):
    """The generated ``is_valid_<config>`` of each document's config, or None if the modules have none."""
    checks = {}
    for (name, _), cls in classes.items():
        check = getattr(sys.modules[cls.__module__], f"is_valid_{name}", None)
        if check is None:
            return None
        checks[name] = check
    triples = [(checks[config_name(k)], doc, v) for k, v, doc in docs]
    return lambda: [check(doc, v) for check, doc, v in triples]


def _generated_verdicts(classes: dict, docs):
    from pydantic import ValidationError

    pairs = [(classes[(config_name(k), v)], doc) for k, v, doc in docs]

    def run() -> list[bool]:
        out = []
        for cls, doc in pairs:
            try:
                cls.model_validate(doc)
                out.append(True)
            except ValidationError:
                out.append(False)
        return out

    return run


def _disagreements(docs, expected: list[bool], got: list[bool]) -> dict[str, Any]:
    diff = [i for i, (a, b) in enumerate(zip(expected, got)) if a != b]
    return {
        "documents": len(docs), "valid_by_jsonschema": sum(expected), "disagreements": len(diff),
        "examples": [{"config": config_name(docs[i][0]), "version": docs[i][1], "document": json.dumps(docs[i][2]),
                      "jsonschema_valid": expected[i], "generated_valid": got[i]} for i in diff[:EXAMPLES]],
    }


def measure(ctx: Context) -> dict:
    """Validate the same documents with each, interleaved; compare their verdicts once."""
    catalog = config_catalog(ctx)
    docs = documents(ctx.configs, ctx.documents)
    js = _jsonschema_verdicts(catalog, docs)
    n = f"{len(docs):,} documents"
    js_name, valid_name, model_name = (f"jsonschema Draft202012Validator, {n}",
                                       f"generated is_valid_<config>, {n}", f"generated model_validate, {n}")
    contestants = [Contestant(js_name, call=js)]
    notes, verdicts, checked = [], None, None
    try:
        classes = import_validators(ctx, catalog, config_emitter(catalog))
        gen = _generated_verdicts(classes, docs)
        checked = _is_valid_verdicts(classes, docs)
        expected = js()
        verdicts = _disagreements(docs, expected, gen())
        contestants.insert(0, Contestant(model_name, call=gen))
        if checked is not None:
            verdicts["is_valid"] = _disagreements(docs, expected, checked())
            contestants.insert(0, Contestant(valid_name, call=checked))
    except NotAvailable as exc:
        notes.append(f"generated validators: n/a: {exc}")
    rows = interleave("validate", contestants, ctx.runs, ctx.warmup, ctx.progress)
    for r in rows:
        if r.get("median_ms"):
            r["documents_per_s"] = round(len(docs) / (r["median_ms"] / 1000))
    fast = valid_name if checked is not None else model_name
    ratios = [ratio("throughput: generated / jsonschema", median_of(rows, js_name), median_of(rows, fast),
                    ">=", 10, "6")]
    if verdicts is not None:
        differ = verdicts["disagreements"] + verdicts.get("is_valid", {}).get("disagreements", 0)
        ratios.append(ratio("verdicts that differ", differ, 1, "<=", 0, "6", unit=""))
    if checked is not None:
        built = ratio("", median_of(rows, js_name), median_of(rows, model_name), ">=", 10, "6")["value"]
        notes.append(f"the target times is_valid_<config> (jsonschema's is_valid does not build objects either); "
                     f"model_validate, which builds the models: {built}x jsonschema")
    notes.append(f"{len(docs):,} documents over {ctx.configs} configs x 3 versions, "
                 f"{sum(js()):,} of them valid by jsonschema")
    return result("validate", TITLE, rows, ratios, notes, verdicts=verdicts)
