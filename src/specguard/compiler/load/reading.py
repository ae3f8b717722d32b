"""Reading a file without trusting it: regular files only, never blocking, never past a limit.

Kept apart from ``discover`` (and free of the diagnostics registry) because the result cache of the
pre-commit path reads every spec file through it on each run.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 5 * 1024 * 1024  # a spec file


class TooLarge(OSError):
    """A file holds more than the limit; nothing past the limit was read."""


def read_regular_file(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file, read without following a final symlink and without blocking.

    Raises OSError for anything else (a FIFO swapped in after a scan never blocks: the open is
    non-blocking), and :class:`TooLarge` when the file holds more than ``limit`` bytes.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(os.path.realpath(path), flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(0, "not a regular file", str(path))
        if st.st_size > limit:
            raise TooLarge(0, f"larger than {limit} bytes", str(path))
        chunks, size = [], 0
        while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:  # a file that grew after the size check, or reports no size (/proc)
                raise TooLarge(0, f"larger than {limit} bytes", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)
