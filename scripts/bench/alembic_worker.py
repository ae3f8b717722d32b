"""alembic's autogenerate comparison, run as its own process: ``python alembic_worker.py STATE URL``.

Reads a catalog (specguard's state.json format), builds the SQLAlchemy ``MetaData`` an alembic user's
models would hold, connects to the database that holds the old schema, and runs
``alembic.autogenerate.compare_metadata`` with types and server defaults compared (specguard's diff
compares both). Prints one JSON object: the milliseconds of each step and how many differences
alembic found. The step that corresponds to specguard's ``plan`` is ``compare_ms``; the rest are
what an ``alembic revision --autogenerate`` pays besides (imports, model import, connection).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def main(state_path: str, url: str) -> int:
    out: dict[str, float | int] = {}
    t = time.perf_counter()
    import sqlalchemy as sa
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    out["import_ms"] = _ms(t)
    t = time.perf_counter()
    from specguard.compiler.store.snapshot import catalog_from_json

    catalog, _ = catalog_from_json(Path(state_path).read_text("utf-8"))
    out["read_catalog_ms"] = _ms(t)
    t = time.perf_counter()
    from bench.sqla import metadata_for

    metadata = metadata_for(catalog)
    out["metadata_ms"] = _ms(t)
    t = time.perf_counter()
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        out["connect_ms"] = _ms(t)
        t = time.perf_counter()
        diffs = compare_metadata(ctx, metadata)
        out["compare_ms"] = _ms(t)
    out["differences"] = len(diffs)
    out["difference_kinds"] = _kinds(diffs)
    print(json.dumps(out))
    return 0


def _kinds(diffs) -> dict[str, int]:
    """How many differences of each kind (``add_column``, ``modify_type`` ...), nested lists flattened."""
    kinds: dict[str, int] = {}
    for d in diffs:
        for item in d if isinstance(d, list) else [d]:
            kinds[item[0]] = kinds.get(item[0], 0) + 1
    return kinds


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
