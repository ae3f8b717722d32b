"""Helpers for writing generated Python: literals, names that cannot clash, and the module header.

Every emitter of the package writes its source through these, so generated modules look alike and
stay within the line length that ``ruff`` checks (120).
"""

from __future__ import annotations

import hashlib
import json
import keyword

WIDTH = 116  # leaves room under ruff's 120 for a closing bracket and a comma
HEADER = "Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`."


def py_str(text: str) -> str:
    """A double-quoted Python string literal (JSON's escapes are Python's; non-ASCII escaped)."""
    return json.dumps(text)


def py_literal(value: object, indent: int = 0, used: int = 0) -> str:
    """A Python literal of str, int, float, bool, None, tuples, lists and dicts, one item a line when
    the one-line form would not fit after ``used`` characters of a line indented by ``indent``."""
    flat = _flat(value)
    if used + len(flat) <= WIDTH or not isinstance(value, (tuple, list, dict)) or not value:
        return flat
    pad = " " * (indent + 4)
    if isinstance(value, dict):
        items = []
        for k, v in value.items():
            head = f"{pad}{py_str(k)}: "
            items.append(f"{head}{py_literal(v, indent + 4, len(head))},")
        return "{\n" + "\n".join(items) + "\n" + " " * indent + "}"
    opening, closing = ("(", ")") if isinstance(value, tuple) else ("[", "]")
    items = [f"{pad}{py_literal(v, indent + 4, indent + 4)}," for v in value]
    return opening + "\n" + "\n".join(items) + "\n" + " " * indent + closing


def _flat(value: object) -> str:
    if isinstance(value, str):
        return py_str(value)
    if isinstance(value, tuple):
        inner = ", ".join(_flat(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(_flat(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{py_str(k)}: {_flat(v)}" for k, v in value.items()) + "}"
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    raise TypeError(f"no Python literal for {type(value).__name__}")


def docstring(text: str, indent: int = 0) -> str:
    """A triple-quoted docstring, wrapped at the width, quotes and backslashes made harmless."""
    safe = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"').strip()
    pad = " " * indent
    lines = _wrap(safe, WIDTH - indent - 3)
    if len(lines) == 1:
        return f'{pad}"""{lines[0]}"""'
    return f'{pad}"""' + f"\n{pad}".join(lines) + f'\n{pad}"""'


def _wrap(text: str, width: int) -> list[str]:
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
    return out


def unique_names(names: dict[str, str], reserved: frozenset[str] = frozenset()) -> dict[str, str]:
    """Source name -> Python identifier, with keywords and clashes (with each other or ``reserved``)
    resolved deterministically: a keyword gets a trailing ``_``, clashing names a short hash of the source."""
    wanted = {src: (py + "_" if keyword.iskeyword(py) else py) for src, py in names.items()}
    counts: dict[str, int] = {}
    for py in wanted.values():
        counts[py] = counts.get(py, 0) + 1
    out = {}
    for src, py in sorted(wanted.items()):
        if counts[py] > 1 or py in reserved:
            py = f"{py}_{hashlib.sha256(src.encode()).hexdigest()[:6]}"
        out[src] = py
    return out
