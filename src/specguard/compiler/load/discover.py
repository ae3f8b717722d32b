"""Finding spec files and reading them as text, with located errors for what cannot be read.

Only regular files inside the spec root are read. A FIFO would block the read forever, a device
(``/dev/zero``) never ends, and a symbolic link leading out of the spec root would print another
file's first line (``/etc/passwd``, ``/proc/self/environ``) under a caret: each is refused with an
SG005 naming the path, never its target's content. A folder that cannot be listed is reported too,
rather than skipped, because the specs it holds would be missing silently. Sizes are checked on the
open file before a byte is read, and reads never go past the limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import NamedTuple

from specguard.compiler.load.reading import MAX_FILE_BYTES
from specguard.diagnostics import Diagnostic, Span, line_column
from specguard.diagnostics.codes import diag

SPEC_SUFFIXES = (".yaml", ".yml")


class SpecTree(NamedTuple):
    """The spec files under a root (paths to open), and an SG005 for each path that was refused."""

    files: list[Path]
    refused: list[Diagnostic]


def find_spec_files(root: Path) -> list[Path]:
    """Every readable *.yaml / *.yml under root, sorted, hidden folders skipped."""
    return scan_spec_tree(root).files


def scan_spec_tree(root: Path, display_base: Path | None = None) -> SpecTree:
    """Every spec file under ``root`` in sorted order, and what was refused on the way."""
    real_root = os.path.realpath(root)
    files: list[Path] = []
    refused: list[Diagnostic] = []

    def unreadable(exc: OSError) -> None:
        where = display_path(Path(exc.filename or root), display_base)
        refused.append(_refused(where, f"the folder `{where}` cannot be read: {exc.strerror or exc}",
                                "give the user running specguard read access to it, or move the specs out"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for d in dirnames:
            path = Path(dirpath) / d
            if path.is_symlink() and not _inside(os.path.realpath(path), real_root):
                refused.append(_link_out(display_path(path, display_base)))
        for name in sorted(filenames):
            if name.endswith(SPEC_SUFFIXES) and not name.startswith("."):
                path = Path(dirpath) / name
                problem = _problem(path, real_root, display_path(path, display_base))
                if problem is None:
                    files.append(path)
                else:
                    refused.append(problem)
    return SpecTree(files, refused)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _problem(path: Path, real_root: str, shown: str) -> Diagnostic | None:
    """Why ``path`` is not read as a spec, or None when it is a regular file inside the root."""
    real = os.path.realpath(path)
    if path.is_symlink() and not _inside(real, real_root):
        return _link_out(shown)
    try:
        st = os.stat(real)
    except OSError as exc:
        return _refused(shown, f"`{shown}` cannot be read: {exc.strerror or exc}",
                        "fix the permissions or the broken link, or remove the file")
    if not stat.S_ISREG(st.st_mode):
        return _not_regular(shown, st.st_mode)
    return None


def _not_regular(shown: str, mode: int) -> Diagnostic:
    what = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a folder" if stat.S_ISDIR(mode) else
            "not a regular file")
    return _refused(shown, f"`{shown}` is {what}, not a regular file: it is not read",
                    "spec files are plain files; remove it, or rename it so it does not end in .yaml/.yml")


def _link_out(shown: str) -> Diagnostic:
    return _refused(shown, f"`{shown}` is a symbolic link that leads out of the spec root: it is not followed",
                    "copy the file into the spec root, or point the link at a file inside it")


def _refused(shown: str, message: str, hint: str) -> Diagnostic:
    return diag("SG005", message, Span(shown), hint=hint, target=shown)


def display_path(path: Path, base: Path | None = None) -> str:
    base = base or Path.cwd()
    try:
        return os.path.relpath(path, base) if path.is_absolute() else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def too_large(file: str) -> Diagnostic:
    """SG104 for a file over the size limit, at its first line: it is never read."""
    return diag("SG104", f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB", Span(file, 1, 1),
                hint="a spec file is a few kilobytes; split it, or move generated data out of specs/")


def decode(data: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text (BOM dropped), or a diagnostic at the first byte that is not UTF-8."""
    if len(data) > MAX_FILE_BYTES:
        return None, [too_large(file)]
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
