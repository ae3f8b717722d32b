"""``specguard drift``: compare a live database with the specs, without ever writing to it.

Three guards, because a drift check must be safe to point at production: the connection opens
every transaction READ ONLY (``BEGIN READ ONLY``), the transaction is checked to really be read-only
before anything runs, and it is always rolled back. Introspection itself runs only SELECTs, and the
server-side expression rendering that verify uses (a temp table) is not used here.
"""

from __future__ import annotations

from specguard.compiler.ir.catalog import Catalog
from specguard.diagnostics import Diagnostic

STATEMENT_TIMEOUT = "60s"  # a catalog read never needs longer; a stuck one should not hang CI


def drift(database_url: str, expected: Catalog, *, schema: str | None = None) -> list[Diagnostic]:
    """Differences between the live schema at ``database_url`` and ``expected`` (SG900–SG903).

    The schema compared is ``schema``, else the URL's (Prisma's ``schema=``), else public. A pooled URL
    is fine here (one read-only transaction stays on one server connection) and is noted (SG008).
    Raises SpecguardError (SG002) when the database cannot be reached or read; its message never
    holds the password.
    """
    import psycopg

    from specguard.db.compare import compare_catalogs
    from specguard.db.server import connect, understood, unreachable

    parsed = understood(database_url)
    schema = schema or parsed.schema
    notes = [_pooled_note(parsed)] if parsed.pooled else []

    with connect(database_url, read_only=True) as conn:
        try:
            with conn.transaction(force_rollback=True):
                (read_only,) = conn.execute("SHOW transaction_read_only").fetchone()
                if read_only != "on":  # pragma: no cover - a pooler that ignores BEGIN READ ONLY
                    raise unreachable("the drift transaction is not read-only; refusing to continue", database_url)
                conn.execute(f"SET LOCAL statement_timeout = '{STATEMENT_TIMEOUT}'")
                actual = _introspect(conn, schema)
        except psycopg.Error as exc:
            raise unreachable(f"cannot read the schema: {exc}", database_url) from None
    return notes + compare_catalogs(expected, actual)


def _pooled_note(parsed) -> Diagnostic:
    from specguard.diagnostics.codes import diag

    return diag("SG008", f"the database URL goes through a connection pooler ({parsed.pooled}): drift reads in one "
                "read-only transaction, which a pooler keeps on one server connection", target=parsed.shown)


def _introspect(conn, schema: str) -> Catalog:
    # a seam for the test that proves the transaction is read-only while introspection runs
    from specguard.db.introspect import introspect

    return introspect(conn, schema)
