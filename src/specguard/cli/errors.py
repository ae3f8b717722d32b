"""The last line of defence: whatever happens, the user sees a diagnostic and an exit code.

A usage, setup or connection error (exit 2) is printed in the format the command was asked for, so
``check --format sarif > specguard.sarif`` never leaves an empty or half-written file: the machine
formats get a well-formed document on stdout holding the error (and a one-line copy on stderr for the
log, except for github, whose annotations are the log); text gets the compact form on stderr. Every
message passes the same redaction as any other output, including the echo of a mistyped argument (a
database URL given without ``--database-url``).
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Sequence

from specguard.diagnostics import Diagnostic, SpecguardError

FORMATS = ("text", "json", "github", "sarif")


class Terminated(KeyboardInterrupt):
    """SIGTERM (what CI runners send on cancel), raised where the program is, so that every
    ``finally`` runs: scratch databases are dropped, the embedded server stopped, a compile rolled
    back. A KeyboardInterrupt, so that psycopg cancels a running query as it does for Ctrl-C."""


_received: list[int] = []  # the signal that stopped this run: Typer reports any as exit code 130


def _on_signal(signum, frame) -> None:
    _received.append(signum)
    # the cleanup that the first signal starts must not be cut short by a second one
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def install_signal_handlers() -> dict:
    """SIGTERM and SIGINT raise in the main thread, once; later ones are ignored while cleaning up.
    Returns the handlers replaced, for :func:`restore_signal_handlers`."""
    previous = {}
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            previous[sig] = signal.signal(sig, _on_signal)
        except (ValueError, OSError):  # not the main thread (an embedding program): leave it alone
            break
    return previous


def restore_signal_handlers(previous: dict) -> None:
    for sig, handler in previous.items():
        signal.signal(sig, handler)


def requested_format(argv: Sequence[str]) -> str:
    """The ``--format``/``-f`` value on a command line, if it is one specguard knows; else text."""
    fmt = "text"
    for i, arg in enumerate(argv):
        name, eq, value = arg.partition("=")
        if name in ("--format", "-f"):
            value = value if eq else (argv[i + 1] if i + 1 < len(argv) else "")
            if value.lower() in FORMATS:
                fmt = value.lower()
    return fmt


def fatal_text(d: Diagnostic) -> str:
    """The compact text form of an error that stops a command."""
    from specguard.diagnostics.redact import redact

    d = redact(d)
    where = f"{d.span}: " if d.span else ""
    text = f"{where}error[{d.code}]: {d.message}\n"
    if d.hint:
        text += f"  = hint: {d.hint}\n"
    return text


def report(diagnostics: Sequence[Diagnostic], fmt: str, usage: str = "") -> None:
    """Print the errors that stop a command, in ``fmt``."""
    text = usage + "".join(fatal_text(d) for d in diagnostics)
    if fmt == "text":
        sys.stderr.write(text)
        return
    from specguard.cli import emit

    emit(list(diagnostics), fmt)
    if fmt != "github":
        sys.stderr.write(text)


def guarded(run: Callable[[], int | None], fmt: str = "text") -> int:
    """Run a command: exit 2 for usage/environment errors, never a traceback."""
    previous = install_signal_handlers()
    _received.clear()
    try:
        rc = _run(run, fmt)
    finally:
        restore_signal_handlers(previous)
    if _received:  # whatever caught the interrupt on its way out, the exit code says which signal
        terminated = _received[0] == signal.SIGTERM
        sys.stderr.write("specguard: terminated\n" if terminated else "specguard: interrupted\n")
        return 143 if terminated else 130
    return rc


def _run(run: Callable[[], int | None], fmt: str) -> int:
    try:
        rc = run()
    except SpecguardError as exc:
        report(exc.diagnostics, fmt)
        return 2
    except KeyboardInterrupt:
        if not _received:  # a KeyboardInterrupt raised some other way than by our handler
            sys.stderr.write("specguard: interrupted\n")
        return 130
    except BrokenPipeError:  # `specguard plan | head`
        return 0
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    except Exception as exc:
        return _unexpected(exc, fmt)
    return rc if isinstance(rc, int) else 0


def _unexpected(exc: Exception, fmt: str) -> int:
    from specguard.diagnostics.codes import diag

    # Typer vendors click in recent releases: recognise its exceptions by shape, not import path
    if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
        report([diag("SG003", exc.format_message(), hint=_help_hint(exc))], fmt, _usage(exc))
        return 2
    if type(exc).__name__ == "Abort":
        return 130
    if type(exc).__name__ == "Exit" and hasattr(exc, "exit_code"):
        return int(exc.exit_code)
    report([diag("SG009", f"internal error: {type(exc).__name__}: {exc}",
                 hint="please report this with the spec that caused it")], fmt)
    return 2


def _usage(exc: Exception) -> str:
    ctx = getattr(exc, "ctx", None)
    return f"{ctx.get_usage()}\n" if ctx is not None else ""


def _help_hint(exc: Exception) -> str:
    ctx = getattr(exc, "ctx", None)
    return f"see `{ctx.command_path} --help`" if ctx is not None else "see `specguard --help`"
