"""Small helpers that write Python source: literals of JSON values, and lines that stay under 120."""

from __future__ import annotations

from typing import Any

WIDTH = 120


def literal(value: Any) -> str:
    """A Python literal of a JSON value (``repr`` of scalars is a faithful literal, surrogates included)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(literal(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def fit(line: str) -> str:
    """A generated line longer than ruff's limit keeps its length (breaking a literal could change it)
    and says so."""
    return line + "  # noqa: E501" if len(line) > WIDTH and not line.rstrip().endswith(":") else line


def split_call(head: str, args: list[str], close: str, indent: str = "") -> list[str]:
    """``head`` + the arguments + ``close`` on one line when it fits, else one argument a line."""
    one = f"{indent}{head}{', '.join(args)}{close}"
    if len(one) <= WIDTH:
        return [one]
    return [f"{indent}{head}", *(fit(f"{indent}    {a},") for a in args), f"{indent}{close}"]
