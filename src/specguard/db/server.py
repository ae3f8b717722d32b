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
from pathlib import Path
from typing import Iterator

from specguard.db.urls import DatabaseUrl, UrlError, mask_url, parse_database_url, scrub, with_database
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


def understood(url: str) -> DatabaseUrl:
    """The URL parsed (any spelling a user may write), or SG003 saying why not, password masked."""
    try:
        parsed = parse_database_url(url)
    except UrlError as exc:
        raise SpecguardError(diag("SG003", str(exc), hint="pass a postgresql:// URL")) from None
    _check_parameters(parsed)
    return parsed


def _check_parameters(parsed: DatabaseUrl) -> None:
    """A parameter that neither libpq nor Prisma knows: refused here, because libpq's own error
    quotes the URL, and a typo such as ``sslmdoe`` must not be dropped silently."""
    from psycopg import pq

    from specguard.diagnostics.suggest import did_you_mean

    known = {o.keyword.decode() for o in pq.Conninfo.get_defaults()}
    for key, _ in parsed.params:
        if key not in known:
            raise SpecguardError(diag("SG003", f"the database URL has a parameter `{key}` that PostgreSQL's client "
                                      f"does not know (database {parsed.shown})",
                                      hint=did_you_mean(key, sorted(known), "remove it from the URL")))


def connect(url: str, read_only: bool = False, *, autocommit: bool | None = None):
    """A psycopg connection, or SG002. ``read_only`` opens every transaction READ ONLY.

    Read-only connections are not autocommit, so that each statement runs inside ``BEGIN READ
    ONLY``; other connections are autocommit unless asked otherwise (migrations need it).
    """
    import psycopg

    if autocommit is None:
        autocommit = not read_only
    conninfo = understood(url).conninfo
    try:
        conn = psycopg.connect(conninfo, connect_timeout=CONNECT_TIMEOUT, autocommit=autocommit)
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

            _forget_dead_users(pgdata)
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


# specguard's scratch databases: <prefix>_<host tag>_<creator pid>_<random>. The host tag and the
# pid let a later run tell that the creator is dead (a kill -9, a power loss) and drop what it left.
_SCRATCH_RE = r"^sg[a-z0-9]*_[0-9a-f]{6}_[0-9]+_[0-9a-f]{8}$"


def _host_tag() -> str:
    import hashlib
    import socket

    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:6]


def scratch_name(prefix: str) -> str:
    """A new scratch database name that records this host and process."""
    return f"{prefix}_{_host_tag()}_{os.getpid()}_{os.urandom(4).hex()}"


def stale_scratch(names) -> list[str]:
    """The scratch databases among ``names`` that a process of this host created and is dead."""
    import re

    from specguard.compiler.store.lock import pid_alive

    tag, out = _host_tag(), []
    for name in names:
        if re.match(_SCRATCH_RE, name):
            _, host, pid, _ = name.rsplit("_", 3)
            if host == tag and not pid_alive(int(pid)):
                out.append(name)
    return out


def _drop_stale(admin) -> None:
    names = [r[0] for r in admin.execute(
        "SELECT datname FROM pg_database WHERE datname ~ %s", (_SCRATCH_RE,)).fetchall()]
    for name in stale_scratch(names):
        try:
            _drop(admin, name)
        except Exception:  # another run got there first, or no right to: not this run's business
            pass


def _forget_dead_users(pgdata: Path) -> None:
    """pgserver stops the server when the last process using it exits, and counts the users in a file
    of pids. A process killed outright never takes itself off that list, so the server would then run
    forever: dead pids are taken off before this process adds its own."""
    import json

    from specguard.compiler.store.lock import pid_alive

    path = pgdata / ".handle_pids.json"
    try:
        from pgserver.postgres_server import PostgresServer

        with PostgresServer._lock:
            pids = json.loads(path.read_text())
            alive = [p for p in pids if isinstance(p, int) and pid_alive(p)]
            if alive != pids:
                path.write_text(json.dumps(alive))
    except (OSError, ValueError, ImportError, AttributeError):  # no list yet, or another pgserver layout
        pass


@contextlib.contextmanager
def scratch_database(admin_url: str, prefix: str = "sgscratch") -> Iterator[str]:
    """Create a uniquely named, empty database; yield its URL; always drop it afterwards.

    Scratch databases that a dead process of this host left behind are dropped first. The drop uses
    ``WITH (FORCE)`` (PostgreSQL 13+) so a connection the caller leaked, or one still busy after a
    failure, cannot keep the database alive.
    """
    from psycopg import sql

    name = scratch_name(prefix)
    with connect(admin_url) as admin:
        _drop_stale(admin)
        try:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except Exception as exc:
            raise unreachable(f"cannot create a scratch database: {_first_line(exc)}", admin_url) from None
    try:
        yield with_database(admin_url, name)
    finally:
        drop_database(admin_url, name)


def drop_database(admin_url: str, name: str) -> None:
    with connect(admin_url) as admin:
        _drop(admin, name)


def _drop(admin, name: str) -> None:
    from psycopg import sql

    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
