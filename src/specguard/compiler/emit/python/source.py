"""Helpers for writing generated Python: literals, names that cannot clash, and the module header.

Every emitter of the package writes its source through these, so generated modules look alike and
stay within the line length that ``ruff`` checks (120).
"""

from __future__ import annotations

import hashlib
import json
import keyword
from dataclasses import dataclass
from decimal import Decimal

LIMIT = 120  # ruff's line length for generated code
WIDTH = 116  # leaves room under LIMIT for a closing bracket and a comma
HEADER = "Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`."


def py_str(text: str) -> str:
    """A double-quoted Python string literal (JSON's escapes are Python's; non-ASCII escaped)."""
    return json.dumps(text)


class Code(str):
    """Source text written as it is (a name, an expression that needs no wrapping)."""


@dataclass(frozen=True)
class Call:
    """A call, or with brackets ``[]`` a subscript: ``func(args, key=value)``, rendered one argument a
    line when it does not fit."""

    func: str
    args: tuple = ()
    kwargs: tuple[tuple[str, object], ...] = ()
    brackets: str = "()"


@dataclass(frozen=True)
class Union:
    """``a | b``."""

    items: tuple


def py_literal(value: object, indent: int = 0, used: int = 0) -> str:
    """Python source of ``value`` (str, int, float, bool, None, Decimal, tuples, lists, dicts, and the
    ``Code``, ``Call`` and ``Union`` nodes), one item a line where the one-line form would not fit
    after ``used`` characters of a line indented by ``indent``; a long string becomes a parenthesized
    run of shorter ones. A Decimal is written ``_decimal.Decimal("1.5")``: modules import decimal so."""
    one_line = flat(value)
    if used + len(one_line) <= WIDTH:
        return one_line
    if isinstance(value, str) and not isinstance(value, Code):
        return _long_string(value, indent)
    if isinstance(value, Union):
        out, col = [], used
        for k, item in enumerate(value.items):
            rest = sum(3 + len(flat(later)) for later in value.items[k + 1:])  # what follows it on its last line
            text = py_literal(item, indent, col + rest)
            out.append(text)
            col = len(text.rsplit("\n", 1)[-1]) + 3
        return " | ".join(out)
    items, opening, closing, comma = _parts(value)
    if not items:
        return one_line
    body = [_item(head, v, indent + 4) for head, v in items]
    sep = ",\n" if comma else "\n"
    return opening + "\n" + sep.join(body) + ("," if comma else "") + "\n" + " " * indent + closing


def _item(head: str, value: object, indent: int) -> str:
    """One item of a multi-line container or call; a dict value that would not fit after its key
    moves to a line of its own."""
    pad = " " * indent
    if head.endswith(": ") and indent + len(head) + len(flat(value)) > WIDTH and not isinstance(value, (dict, list)):
        return f"{pad}{head.rstrip()}\n{pad}    {py_literal(value, indent + 4, indent + 4)}"
    return f"{pad}{head}{py_literal(value, indent, indent + len(head))}"


def _parts(value: object) -> tuple[list[tuple[str, object]], str, str, bool]:
    """The items of a container or call as (prefix, value), its brackets, and whether items end in commas."""
    if isinstance(value, Call):
        items = [("", a) for a in value.args] + [(f"{k}=", v) for k, v in value.kwargs]
        # a subscript of one item takes no trailing comma: list[x,] would be list[(x,)]
        comma = value.brackets == "()" or len(items) > 1
        return items, value.func + value.brackets[0], value.brackets[1], comma
    if isinstance(value, dict):
        return [(py_str(k) + ": ", v) for k, v in value.items()], "{", "}", True
    if isinstance(value, (tuple, list)):
        return [("", v) for v in value], "(" if isinstance(value, tuple) else "[", ")" if isinstance(value, tuple) else "]", True
    return [], "", "", False


def _long_string(text: str, indent: int) -> str:
    room = max(20, WIDTH - indent - 6)
    pieces, piece = [], ""
    for ch in text:
        if len(py_str(piece + ch)) > room:
            pieces.append(piece)
            piece = ""
        piece += ch
    pieces.append(piece)
    pad = " " * (indent + 4)
    return "(\n" + "\n".join(pad + py_str(p) for p in pieces) + "\n" + " " * indent + ")"


def flat(value: object) -> str:
    """The one-line source of a value (see :func:`py_literal`)."""
    if isinstance(value, Code):
        return str(value)
    if isinstance(value, str):
        return py_str(value)
    if isinstance(value, Decimal):
        return f"_decimal.Decimal({py_str(str(value))})"
    if isinstance(value, Call):
        args = [flat(a) for a in value.args] + [f"{k}={flat(v)}" for k, v in value.kwargs]
        return value.func + value.brackets[0] + ", ".join(args) + value.brackets[1]
    if isinstance(value, Union):
        return " | ".join(flat(v) for v in value.items)
    if isinstance(value, tuple):
        inner = ", ".join(flat(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(flat(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{py_str(k)}: {flat(v)}" for k, v in value.items()) + "}"
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


def literal(value: object) -> str:
    """A one-line Python literal of a JSON value (an alias of :func:`flat`, for code that lays out
    its own lines)."""
    return flat(value)


def fit(line: str) -> str:
    """A generated line longer than ruff's limit keeps its length (breaking a literal could change it)
    and says so."""
    return line + "  # noqa: E501" if len(line) > LIMIT and not line.rstrip().endswith(":") else line


def split_call(head: str, args: list[str], close: str, indent: str = "") -> list[str]:
    """``head`` + the arguments + ``close`` on one line when it fits, else one argument a line."""
    one = f"{indent}{head}{', '.join(args)}{close}"
    if len(one) <= LIMIT:
        return [one]
    return [f"{indent}{head}", *(fit(f"{indent}    {a},") for a in args), f"{indent}{close}"]
