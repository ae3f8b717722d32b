"""Counterexamples: a document the writing version accepts that the reading version rejects.

A candidate from a reason (a value at a path of an old document) is placed into a small valid
document of the writing schema, and counts only when jsonschema accepts it there, the upgrade
steps of :mod:`specguard.compiler.ir.upgrade` carry it to the reading version, and jsonschema
rejects the result there. A finding with a confirmed counterexample is an incompatibility; one
without is a change the checker could not prove safe.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from specguard.compiler.ir.catalog import ConfigVersion
from specguard.compiler.ir.upgrade import upgrade_through
from specguard.compiler.schemacompat.examples import example, examples, item_schema, key_schema
from specguard.compiler.schemacompat.model import ABSENT, ANY
from specguard.compiler.schemacompat.reason import Path
from specguard.compiler.schemacompat.refs import S

MAX_TRIES = 90


@dataclass(frozen=True)
class Witness:
    document: Any  # as the writing version holds it
    received: Any  # as the reading version receives it (upgraded, for backward)
    error: str  # why the reading version rejects it


def place(doc: Any, s: S | None, path: Path, value: Any) -> list[Any]:
    """``doc`` with ``value`` at ``path`` (one document per choice of key where a step has several)."""
    if not path:
        return [doc if value is ANY else value]
    step, rest = path[0], path[1:]
    if isinstance(step, int):
        arr = list(doc) if isinstance(doc, list) else []
        while len(arr) <= step:
            arr.append(example(item_schema(s, len(arr))))
        return [arr[:step] + [v] + arr[step + 1:] for v in place(arr[step], item_schema(s, step), rest, value)]
    obj = dict(doc) if isinstance(doc, dict) else {}
    if not rest and value is ABSENT:
        return [{k: v for k, v in obj.items() if k not in step}]
    out = []
    for key in step:
        sub = key_schema(s, key)
        current = obj[key] if key in obj else example(sub)
        out += [{**obj, key: v} for v in place(current, sub, rest, value)]
    return out


def confirm(writer: S, reader: S, chain: list[ConfigVersion], witnesses, pointer: str = "") -> Witness | None:
    """A candidate document that proves the difference (one the reader rejects at ``pointer``, if any
    does), or None."""
    from jsonschema.exceptions import best_match

    bases = examples(writer, 3) or [example(writer)]
    docs = itertools.chain((d for base in bases for path, v in witnesses for d in place(base, writer, path, v)), bases)
    found = None
    for doc in itertools.islice(docs, MAX_TRIES):
        if (chain and not isinstance(doc, dict)) or not writer.accepts(doc):
            continue
        received = upgrade_through(doc, chain) if chain else doc
        errors = reader.errors(received)
        here = [e for e in errors if reader.pointer_of(list(e.absolute_schema_path)) == pointer]
        if here:
            return Witness(doc, received, here[0].message)
        if errors and found is None:
            found = Witness(doc, received, best_match(errors).message)
    return found
