"""``specguard verify``: replay every migration on an empty database and compare with the specs.

The replay runs on a scratch database created for this run and always dropped, on the server the
caller names, else ``SHADOW_DATABASE_URL``, else the embedded PostgreSQL. Because that database is
specguard's own, expressions that the normal form cannot settle are rendered by the server itself
(:class:`~specguard.db.probe.ServerRenderer`): verify on a correct history reports nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

from specguard.compiler.ir.catalog import Catalog
from specguard.diagnostics import Diagnostic


def shadow_server_url(database_url: str | None = None) -> str:
    """The server verify uses: the argument, else $SHADOW_DATABASE_URL, else the embedded one."""
    from specguard.db.server import embedded_server_url

    return database_url or os.environ.get("SHADOW_DATABASE_URL") or embedded_server_url()


def verify(migrations_dir: Path | str, expected: Catalog, database_url: str | None = None,
           *, schema: str | None = None) -> list[Diagnostic]:
    """Drift between what the migrations build and ``expected``; [] when they build exactly it.

    The schema replayed into and compared is ``schema``, else the URL's (Prisma's ``schema=``), else
    public. A migration that fails is returned as its diagnostic (a finding, exit code 1); an
    unreachable server raises SpecguardError (SG002, exit code 2), and a pooled URL SG008: the
    replay needs a session of its own.
    """
    from specguard.db.compare import compare_catalogs
    from specguard.db.introspect import introspect
    from specguard.db.probe import ServerRenderer
    from specguard.db.replay import MigrationError, apply_migrations
    from specguard.db.server import connect, scratch_database

    server = shadow_server_url(database_url)
    schema = schema or _session_url(server).schema
    with scratch_database(server, prefix="sgverify") as url:
        url = _in_schema(url, schema)
        try:
            apply_migrations(url, migrations_dir)
        except MigrationError as exc:
            return [exc.diagnostic]
        with connect(url) as conn:
            actual = introspect(conn, schema)
            return compare_catalogs(expected, actual, same_expression=ServerRenderer(conn, schema))


def _session_url(url: str):
    """The server URL understood; a pooled one is refused, since the replay needs one session."""
    from specguard.db.server import understood
    from specguard.diagnostics import Severity, SpecguardError
    from specguard.diagnostics.codes import diag

    parsed = understood(url)
    if parsed.pooled:
        raise SpecguardError(diag(
            "SG008", f"verify needs a session of its own, and the database URL goes through a connection pooler "
            f"({parsed.pooled}): it creates a scratch database and replays every migration on one connection "
            f"(database {parsed.shown})", severity=Severity.ERROR,
            hint="pass the direct URL (Prisma's directUrl; Neon's host without -pooler) with --database-url "
                 "or SHADOW_DATABASE_URL"))
    return parsed


def _in_schema(url: str, schema: str) -> str:
    """The scratch database's URL, replaying into ``schema`` as Prisma does for ``schema=``: the schema
    is created, and every connection's search_path starts with it."""
    if schema == "public":
        return url
    from psycopg import sql
    from psycopg.conninfo import make_conninfo

    from specguard.db.server import connect, understood

    with connect(url) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
    return make_conninfo(understood(url).conninfo, options=f"-c search_path={schema}")
