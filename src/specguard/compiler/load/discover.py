"""Finding spec files and reading them as text, with located errors for what cannot be read."""

from __future__ import annotations

import os
from pathlib import Path

from specguard.diagnostics import Diagnostic, Span, line_column
from specguard.diagnostics.codes import diag

SPEC_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 5 * 1024 * 1024


def find_spec_files(root: Path) -> list[Path]:
    """Every *.yaml / *.yml under root, sorted, hidden folders skipped."""
    out: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.endswith(SPEC_SUFFIXES) and not name.startswith("."):
                out.append(Path(dirpath) / name)
    return out


def display_path(path: Path, base: Path | None = None) -> str:
    base = base or Path.cwd()
    try:
        return os.path.relpath(path, base) if path.is_absolute() else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def decode(data: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text (BOM dropped), or a diagnostic at the first byte that is not UTF-8."""
    if len(data) > MAX_FILE_BYTES:
        return None, [diag("SG104", f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB", Span(file, 1, 1))]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [
            diag(
                "SG101",
                f"the file is not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
                Span(file, *line_column(data, exc.start)),
                hint="save the file as UTF-8",
            )
        ]
    if "\x00" in text:
        where = Span(file, *line_column(text, text.index("\x00")))
        return None, [diag("SG101", "the file holds a NUL byte: it is binary, not a spec", where)]
    return text, []
