"""The ``specguard`` command line: a thin Typer layer over the library.

Each command parses options, calls the library, renders diagnostics and sets the exit code:
0 clean (warnings allowed), 1 findings at error severity, 2 usage or environment error.
Heavy imports (pglast, psycopg, jsonschema, pgserver) stay inside the commands that need them, so
``specguard check`` starts fast.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from specguard import __version__
from specguard.cli import Settings, emit, settings_for
from specguard.cli.check import run_check
from specguard.diagnostics import (
    Diagnostic,
    SpecguardError,
    has_errors,
    sorted_diagnostics,
)

app = typer.Typer(
    name="specguard",
    help="Schema-as-code for PostgreSQL: YAML specs compiled into safe SQL migrations, checked before they merge.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


def _load_clean(s: Settings, fmt: Format):
    """The loaded specs, or (when they have errors) the errors printed and exit code 1."""
    from specguard.cli.progress import shown
    from specguard.compiler.pipeline import load

    with shown():  # the bar is erased before any diagnostic is printed
        result = load(s.specs)
    if has_errors(result.diagnostics):
        _emit(result.diagnostics, fmt, result.sources, settings=s)
        raise typer.Exit(1)
    return result


def _fail(message: str, code: str = "SG003", hint: str | None = None) -> None:
    from specguard.diagnostics.codes import diag

    raise SpecguardError(diag(code, message, hint=hint))


def _emit(diags: list[Diagnostic], fmt: Format, sources: dict[str, str] | None = None, summary_extra: str | None = None,
          settings: Settings | None = None) -> None:
    emit(diags, fmt.value, sources, summary_extra, settings)


def _exit_for(diags: list[Diagnostic]) -> None:
    raise typer.Exit(1 if has_errors(diags) else 0)


SpecsOpt = typer.Option(None, "--specs", help="The spec root (default: [tool.specguard] specs, else specs/).")
GeneratedOpt = typer.Option(None, "--generated", help="The compiled output folder (default: generated/).")
AcceptOpt = typer.Option([], "--accept", help="Accept a finding: CODE:TARGET (repeatable).")
ReasonOpt = typer.Option(None, "--reason", help="Why the accepted findings are safe (recorded in the migration).")
FormatOpt = typer.Option(Format.text, "--format", "-f", help="Output format.", case_sensitive=False)


@app.command()
def check(
    base: Optional[str] = typer.Option(None, "--base", help="Also classify changes against this git revision's specs."),
    specs: Optional[Path] = SpecsOpt,
    generated: Optional[Path] = GeneratedOpt,
    fmt: Format = FormatOpt,
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore the content-hash cache of earlier results."),
) -> None:
    """Validate the specs, check generated/ is current and untampered, and classify every change."""
    raise typer.Exit(run_check(base, specs, generated, fmt.value, use_cache=not no_cache))


def _accepts(values: list[str], reason: Optional[str]):
    from specguard.compiler.rules.accept import parse_accept

    if values and not (reason and reason.strip()):
        _fail("--accept needs --reason TEXT: the reason is recorded in the migration", "SG003",
              'add --reason "why this is safe"')
    return [parse_accept(v, reason or "") for v in values]


@app.command("compile")
def compile_(
    name: str = typer.Option("migration", "--name", "-n", help="Name of the new migration (letters, digits, _)."),
    accept: list[str] = AcceptOpt,
    reason: Optional[str] = ReasonOpt,
    specs: Optional[Path] = SpecsOpt,
    generated: Optional[Path] = GeneratedOpt,
) -> None:
    """Write the next migration and regenerate generated/ (refuses unaccepted destructive changes)."""
    from datetime import datetime, timezone

    from specguard.cli.progress import shown
    from specguard.compiler import pipeline

    s = settings_for(specs, generated)
    accepts = _accepts(accept, reason)
    from specguard.cli.check import file_cache

    with shown(), file_cache(s):  # a bar on a terminal past two seconds; unchanged files read from the cache
        outcome = pipeline.compile(s.specs, s.generated, name=name, accepts=accepts, now=datetime.now(timezone.utc))
    diags = list(outcome.diagnostics)
    if diags:  # warnings, refusals: shown before what was written
        _emit(diags, Format.text, outcome.sources, settings=s)
    for path in outcome.written:
        sys.stdout.write(f"wrote {s.generated / path}\n")
    if not outcome.written and not has_errors(diags):
        sys.stdout.write("no changes: generated/ is up to date\n")
    _exit_for(diags)


@app.command()
def plan(
    name: str = typer.Option("migration", "--name", "-n", help="Name the migration would get."),
    accept: list[str] = AcceptOpt,
    reason: Optional[str] = ReasonOpt,
    specs: Optional[Path] = SpecsOpt,
    generated: Optional[Path] = GeneratedOpt,
    fmt: Format = FormatOpt,
) -> None:
    """Print the SQL that compile would write, and the verdict of each change; writes nothing."""
    from specguard.compiler import pipeline

    s = settings_for(specs, generated)
    from specguard.cli.check import file_cache

    # plan prints the migrations and the verdicts only: the generated code is not emitted for it
    with file_cache(s):
        outcome = pipeline.plan(s.specs, s.generated, name=name, accepts=_accepts(accept, reason), files=False)
    diags = list(outcome.diagnostics)
    if fmt is Format.text:
        if not outcome.migrations and outcome.ok:
            sys.stdout.write("-- no changes: the compiled state matches the specs\n")
        for m in outcome.migrations:
            kind = "transactional" if m.transactional else "runs outside a transaction"
            sys.stdout.write(f"-- migration: <timestamp>_{m.suffix}  ({kind})\n{m.sql}\n")
        _emit(diags, fmt, outcome.sources, settings=s)
    elif fmt is Format.json:
        _plan_json(diags, outcome)
    else:
        _emit(diags, fmt, outcome.sources, settings=s)
    _exit_for(diags)


def _plan_json(diags: list[Diagnostic], outcome) -> None:
    import json

    from specguard.render import render

    payload = json.loads(render(sorted_diagnostics(diags), "json", sources=outcome.sources, tool_version=__version__))
    payload["migrations"] = [
        {"name": m.suffix, "transactional": m.transactional, "sql": m.sql} for m in outcome.migrations
    ]
    sys.stdout.write(json.dumps(payload, indent=2, sort_keys=True) + "\n")


def _database_url(flag: Optional[str], env: str | None) -> Optional[str]:
    return flag or (os.environ.get(env) if env else None) or None


@app.command()
def verify(
    database_url: Optional[str] = typer.Option(None, "--database-url", help="A server to make the scratch database on (else SHADOW_DATABASE_URL, else the embedded PostgreSQL)."),
    specs: Optional[Path] = SpecsOpt,
    generated: Optional[Path] = GeneratedOpt,
    fmt: Format = FormatOpt,
) -> None:
    """Replay every migration on an empty scratch database and prove it matches the specs."""
    from specguard.cli.progress import shown

    s = settings_for(specs, generated)
    result = _load_clean(s, fmt)
    from specguard.db.verify import verify as run_verify

    url = _database_url(database_url, "SHADOW_DATABASE_URL")
    with shown():
        diags = list(result.diagnostics) + run_verify(s.generated / "migrations", result.catalog, url)
    extra = None if has_errors(diags) else "verified: the migrations build exactly the declared schema"
    _emit(diags, fmt, result.sources, extra, settings=s)
    _exit_for(diags)


@app.command()
def drift(
    database_url: Optional[str] = typer.Option(None, "--database-url", help="The live database (read-only); else DATABASE_URL."),
    specs: Optional[Path] = SpecsOpt,
    fmt: Format = FormatOpt,
) -> None:
    """Compare a live database (read-only) with the specs."""
    url = _database_url(database_url, "DATABASE_URL")
    if not url:
        _fail("no database given", "SG003", "pass --database-url URL or set DATABASE_URL")
    s = settings_for(specs)
    result = _load_clean(s, fmt)
    from specguard.db.drift import drift as run_drift

    diags = list(result.diagnostics) + run_drift(url, result.catalog)
    extra = None if has_errors(diags) else "no drift: the database matches the specs"
    _emit(diags, fmt, result.sources, extra, settings=s)
    _exit_for(diags)


@app.command()
def explain(code: str = typer.Argument(..., help="A code (SG301) or rule name (drop-column).")) -> None:
    """Print the documentation of one diagnostic code."""
    from specguard.render.explain import (
        explain as render_explain,  # an unknown code: SG003, exit 2
    )

    sys.stdout.write(render_explain(code).rstrip("\n") + "\n")


@app.command()
def schema(
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """Print the JSON Schema of the spec format, for editor completion."""
    from specguard.compiler.load.specmodels import spec_json_schema_text

    text = spec_json_schema_text()
    if output:
        from specguard.compiler.store.atomic import write_if_changed

        write_if_changed(output, text)
    else:
        sys.stdout.write(text)


@app.command()
def init(
    specs: Optional[Path] = SpecsOpt,
) -> None:
    """Scaffold specs/, a [tool.specguard] section and a pre-commit hook entry in an existing repo."""
    from specguard.cli import settings_for
    from specguard.cli.init import scaffold

    where = settings_for(specs)  # a [tool.specguard] section already there names the folders
    for line in scaffold(where.root, where.specs, where.generated):
        sys.stdout.write(line + "\n")


@app.callback(invoke_without_command=True)
def _root(
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
) -> None:
    if version:
        sys.stdout.write(f"specguard {__version__}\n")
        raise typer.Exit(0)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the Typer app: never lets a traceback reach the user."""
    from specguard.cli.errors import guarded, requested_format

    argv = list(sys.argv[1:] if argv is None else argv)
    return guarded(lambda: app(args=argv, prog_name="specguard", standalone_mode=False), requested_format(argv))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
