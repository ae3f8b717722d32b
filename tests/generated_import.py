"""Import a generated package (``specguard_generated``) from a folder, and forget it afterwards, so
that tests may import the example package and packages compiled from their own specs in turn."""

from __future__ import annotations

import contextlib
import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

PACKAGE = "specguard_generated"


@contextlib.contextmanager
def imported(root: Path) -> Iterator[ModuleType]:
    """``specguard_generated`` as found in ``root`` (the folder holding it), for the duration."""
    saved = {name: mod for name, mod in sys.modules.items() if name == PACKAGE or name.startswith(PACKAGE + ".")}
    for name in saved:
        del sys.modules[name]
    sys.path.insert(0, str(root))
    importlib.invalidate_caches()
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]
        sys.modules.update(saved)
