"""Connections, the embedded PostgreSQL, and throwaway scratch databases.

The embedded server comes from the ``pgserver`` package (PostgreSQL binaries in a wheel). It listens
on a Unix socket only (no TCP port) and trusts local connections, so its data folder must be one
that nobody else can enter. When the process runs as root, pgserver runs PostgreSQL as a system user
``pgserver`` that it creates with ``useradd``, and it adds ``go+rx`` to every parent folder of the
data folder so that user can reach it; specguard therefore keeps the data in a dedicated folder and,
for root, outside the home directory (see the README note in the report and :func:`default_pgdata`).
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from pathlib import Path
from typing import Iterator

from specguard.db.urls import mask_url, scrub, with_database
from specguard.diagnostics import SpecguardError
from specguard.diagnostics.codes import diag

CONNECT_TIMEOUT = 10  # seconds; a wrong host should fail fast, not hang CI
_lock = threading.Lock()
_embedded_url: str | None = None


def unreachable(message: str, url: str | None, hint: str | None = None) -> SpecguardError:
    """An SG002 error whose text never holds a password."""
    text = scrub(message, url)
    if url:
        text = f"{text} (database {mask_url(url)})"
    return SpecguardError(diag("SG002", text, hint=hint))


def connect(url: str, read_only: bool = False, *, autocommit: bool | None = None):
    """A psycopg connection, or SG002. ``read_only`` opens every transaction READ ONLY.

    Read-only connections are not autocommit, so that each statement runs inside ``BEGIN READ
    ONLY``; other connections are autocommit unless asked otherwise (migrations need it).
    """
    import psycopg

    if autocommit is None:
        autocommit = not read_only
    try:
        conn = psycopg.connect(url, connect_timeout=CONNECT_TIMEOUT, autocommit=autocommit)
    except psycopg.Error as exc:
        # ``from None``: the original exception text is not scrubbed and must not be chained
        raise unreachable(
            f"cannot connect to the database: {_first_line(exc)}",
            url,
            "check the URL, that the server is running, and the credentials in the environment",
        ) from None
    except Exception as exc:  # malformed URLs raise ValueError and friends in the conninfo parser
        raise unreachable(f"cannot connect to the database: {type(exc).__name__}: {exc}", url) from None
    if read_only:
        conn.read_only = True
    return conn


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return " ".join(line.strip() for line in text.splitlines() if line.strip()) or type(exc).__name__


def default_pgdata() -> Path:
    """Where the embedded server keeps its data: ``$SPECGUARD_PGDATA``, else a dedicated folder.

    For root the default is ``/var/tmp/specguard-pgserver``: pgserver opens ``go+rx`` on every
    parent of the data folder, and under ``~/.cache`` that would open root's home directory.
    """
    env = os.environ.get("SPECGUARD_PGDATA")
    if env:
        return Path(env).expanduser()
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return Path("/var/tmp/specguard-pgserver")
    return Path("~/.cache/specguard/pgserver").expanduser()


def embedded_server_url() -> str:
    """Start the embedded PostgreSQL once per process and return its admin URL (no password)."""
    global _embedded_url
    with _lock:
        if _embedded_url is None:
            _embedded_url = _start_embedded()
        return _embedded_url


def _start_embedded() -> str:
    import warnings

    pgdata = default_pgdata().resolve()
    try:
        pgdata.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with warnings.catch_warnings():
            # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); harmless here
            warnings.simplefilter("ignore")
            import pgserver

            # "stop": the server stops when the last process that uses it exits; data is kept
            server = pgserver.get_server(pgdata, cleanup_mode="stop")
        return server.get_uri()
    except ImportError:
        raise unreachable(
            "the embedded PostgreSQL is not installed (package `pgserver`)",
            None,
            "pip install pgserver, or pass --database-url / set SHADOW_DATABASE_URL",
        ) from None
    except Exception as exc:
        raise unreachable(
            f"cannot start the embedded PostgreSQL in {pgdata}: {type(exc).__name__}: {_first_line(exc)}",
            None,
            "set SPECGUARD_PGDATA to a writable folder, or pass a server with --database-url",
        ) from None


@contextlib.contextmanager
def scratch_database(admin_url: str, prefix: str = "sgscratch") -> Iterator[str]:
    """Create a uniquely named, empty database; yield its URL; always drop it afterwards.

    The drop uses ``WITH (FORCE)`` (PostgreSQL 13+) so a connection the caller leaked, or one still
    busy after a failure, cannot keep the database alive.
    """
    from psycopg import sql

    name = f"{prefix}_{uuid.uuid4().hex[:16]}"
    with connect(admin_url) as admin:
        try:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except Exception as exc:
            raise unreachable(f"cannot create a scratch database: {_first_line(exc)}", admin_url) from None
    try:
        yield with_database(admin_url, name)
    finally:
        drop_database(admin_url, name)


def drop_database(admin_url: str, name: str) -> None:
    from psycopg import sql

    with connect(admin_url) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
