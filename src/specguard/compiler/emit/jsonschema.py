"""JSON Schema files of every config version, for other runtimes: ``generated/jsonschema/<config>/v<N>.json``.

Each file is the version's schema as the specs declare it (canonical: sorted keys, two-space indent),
with ``$schema`` set to draft 2020-12 and an ``$id``-free body, so that any validator (ajv, a Zod
converter) reads it as specguard's own validators do. A stored document keeps its version beside these
keys (``$version`` by default, see the README): take it out before validating.
"""

from __future__ import annotations

import json

from specguard.compiler.ir.catalog import Catalog
from specguard.compiler.ir.schemakeywords import META_2020_12


def emit_json_schemas(catalog: Catalog) -> dict[str, str]:
    """``{jsonschema/<config>/v<N>.json: text}`` for every config version."""
    out = {}
    for c in catalog.configs:
        schema = c.schema
        if isinstance(schema, dict) and "$schema" not in schema:
            schema = {"$schema": META_2020_12, **schema}
        out[f"jsonschema/{c.name}/v{c.version}.json"] = json.dumps(schema, indent=2, sort_keys=True,
                                                                    ensure_ascii=False) + "\n"
    return out
