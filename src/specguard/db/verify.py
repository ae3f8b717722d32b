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
           *, schema: str = "public") -> list[Diagnostic]:
    """Drift between what the migrations build and ``expected``; [] when they build exactly it.

    A migration that fails is returned as its diagnostic (a finding, exit code 1); an unreachable
    server raises SpecguardError (SG002, exit code 2).
    """
    from specguard.db.compare import compare_catalogs
    from specguard.db.introspect import introspect
    from specguard.db.probe import ServerRenderer
    from specguard.db.replay import MigrationError, apply_migrations
    from specguard.db.server import connect, scratch_database

    with scratch_database(shadow_server_url(database_url), prefix="sgverify") as url:
        try:
            apply_migrations(url, migrations_dir)
        except MigrationError as exc:
            return [exc.diagnostic]
        with connect(url) as conn:
            actual = introspect(conn, schema)
            return compare_catalogs(expected, actual, same_expression=ServerRenderer(conn, schema))
