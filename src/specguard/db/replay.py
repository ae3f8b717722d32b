"""Applying a migrations folder the way ``prisma migrate deploy`` does.

Prisma sends each ``migration.sql`` to the server as one query string over the simple query
protocol. PostgreSQL runs such a string as one implicit transaction: a failing statement undoes the
whole file, and ``CREATE INDEX CONCURRENTLY`` only works when it is the file's only statement. The
replay reproduces exactly that (psycopg uses the simple protocol for a query without parameters),
so a migration that verify accepts is one that deploy will accept.
"""

from __future__ import annotations

from pathlib import Path

from specguard.compiler.store.layout import MIGRATION_SQL, folders_in
from specguard.diagnostics import Span, SpecguardError, line_column
from specguard.diagnostics.codes import CODES, diag

# A failed migration is a finding about the migrations, not about the environment. SG904 is the
# code to register for it ("migration-failed"); until it exists, SG002 carries it.
FAILED_CODE = "SG904" if "SG904" in CODES else "SG002"


class MigrationError(SpecguardError):
    """A migration that PostgreSQL refused; ``.diagnostic`` names the folder and the server message."""


def migration_folders(migrations_dir: Path | str) -> list[Path]:
    """The migration folders, in the order they apply: every folder Prisma would apply."""
    return [Path(migrations_dir) / name for name in folders_in(migrations_dir)]


def apply_migrations(url: str, migrations_dir: Path | str) -> list[str]:
    """Apply every migration in order on ``url``; return the folder names applied.

    Raises MigrationError at the first migration that fails (the ones before it stay applied, as
    with deploy), and SpecguardError (SG002) when the database cannot be reached.
    """
    from specguard.db.server import connect

    applied: list[str] = []
    folders = migration_folders(migrations_dir)
    from specguard.progress import report

    with connect(url, autocommit=True) as conn:
        for i, folder in enumerate(folders):
            report("replaying migrations", i, len(folders))
            path = folder / MIGRATION_SQL
            if not path.is_file():
                raise MigrationError(diag(FAILED_CODE, f"migration {folder.name} has no migration.sql",
                                          Span(str(path)), target=folder.name))
            sql = path.read_text(encoding="utf-8")
            if sql.strip():
                _run(conn, folder.name, path, sql)
            applied.append(folder.name)
    return applied


def _run(conn, name: str, path: Path, sql: str) -> None:
    import psycopg

    try:
        # no parameters: psycopg sends the string with PQsendQuery (simple protocol), as Prisma does
        conn.execute(sql.encode("utf-8"))
    except psycopg.OperationalError as exc:
        if conn.broken:
            from specguard.db.server import unreachable

            raise unreachable(f"the connection broke while applying migration {name}: {exc}", None) from None
        raise _failure(name, path, sql, exc) from None
    except psycopg.Error as exc:
        raise _failure(name, path, sql, exc) from None


def _failure(name: str, path: Path, sql: str, exc) -> MigrationError:
    d = getattr(exc, "diag", None)
    primary = (d.message_primary if d else None) or str(exc).strip()
    line, column = _position(sql, d.statement_position if d else None)
    notes = tuple(f"{label}: {value}" for label, value in (("detail", d and d.message_detail),
                                                           ("hint", d and d.message_hint)) if value)
    state = f" [{d.sqlstate}]" if d and d.sqlstate else ""
    return MigrationError(
        diag(
            FAILED_CODE,
            f"migration {name} failed: {primary}{state}",
            Span(str(path), line, column),
            target=name,
            hint="PostgreSQL ran the whole file as one transaction and rolled it back" if _many(sql) else None,
            notes=notes,
        )
    )


def _position(sql: str, position: str | None) -> tuple[int, int]:
    """PostgreSQL's 1-based character offset into the query, as a 1-based line and column."""
    if not position:
        return 0, 0
    return line_column(sql, int(position) - 1)


def _many(sql: str) -> bool:
    try:
        from pglast import split

        return len(split(sql)) > 1
    except Exception:
        return sql.count(";") > 1
