"""The last line of defence: whatever happens, the user sees a diagnostic and an exit code."""

from __future__ import annotations

import sys
from collections.abc import Callable

from specguard.diagnostics import Diagnostic, SpecguardError


def fatal_text(d: Diagnostic) -> str:
    where = f"{d.span}: " if d.span else ""
    text = f"{where}error[{d.code}]: {d.message}\n"
    if d.hint:
        text += f"  = hint: {d.hint}\n"
    return text


def guarded(run: Callable[[], int | None]) -> int:
    """Run a command: exit 2 for usage/environment errors, never a traceback."""
    try:
        rc = run()
    except SpecguardError as exc:
        sys.stderr.write(fatal_text(exc.diagnostic))
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("specguard: interrupted\n")
        return 130
    except BrokenPipeError:  # `specguard plan | head`
        return 0
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    except Exception as exc:
        # Typer vendors click in recent releases: recognise its exceptions by shape, not import path
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):
            exc.show()
            return 2
        if type(exc).__name__ == "Abort":
            return 130
        if type(exc).__name__ == "Exit" and hasattr(exc, "exit_code"):
            return int(exc.exit_code)
        sys.stderr.write(f"specguard: internal error: {type(exc).__name__}: {exc}\n"
                         "please report this with the spec that caused it\n")
        return 2
    return rc if isinstance(rc, int) else 0
