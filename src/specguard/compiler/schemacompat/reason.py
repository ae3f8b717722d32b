"""Why the checker could not prove that a reading schema accepts what a writing schema holds.

A reason names the reading schema's keyword (a JSON pointer), the writing node it was compared with,
a message that reads the same in both directions ("documents may hold ..."), a hint for the
backward direction, and counterexample candidates: where in an *old* document (a path whose keys
may have alternatives, after renames) which value would show the difference. Candidates are only
suggestions; a counterexample counts once the real validators and upgraders confirm it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from specguard.compiler.schemacompat.refs import join

# a step of a path into an old document: an array index, or the keys the value may be under
Step = int | tuple[str, ...]
Path = tuple[Step, ...]


@dataclass(frozen=True)
class Reason:
    pointer: str  # the reading schema's keyword, e.g. "#/properties/tone/enum"
    writer_pointer: str  # where the writing schema holds (or would hold) the same thing
    message: str
    hint: str | None = None
    witnesses: tuple[tuple[Path, Any], ...] = ()


def reason(at: str, keyword: str, writer_at: str, message: str, hint: str | None = None,
           path: Path = (), values: list[Any] | tuple[Any, ...] = (), *, writer: str | None = None) -> Reason:
    """A reason at ``at``/``keyword`` whose counterexamples put each of ``values`` at ``path``.

    The writing side's place is ``writer_at``/``keyword`` unless ``writer`` names it.
    """
    pointer = join(at, keyword) if keyword else at
    if writer is None:
        writer = join(writer_at, keyword) if keyword else writer_at
    return Reason(pointer, writer, message, hint, tuple((path, v) for v in values))


def show(value: Any, limit: int = 60) -> str:
    """A JSON value for a message, shortened."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def step_key(step: Step) -> str | int:
    return step if isinstance(step, int) else step[0]
