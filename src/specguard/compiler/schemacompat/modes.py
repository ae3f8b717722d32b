"""Compatibility modes, as Confluent Schema Registry names them, over a config's versions.

``backward``: the new version reads every document of the previous one, after the new version's
upgrade steps and defaults; ``forward``: the previous version reads every document of the new one,
as it is (old readers never run upgrades); ``full``: both; ``*_transitive``: against every earlier
version, a version-k document going through every upgrade from k+1 to the new version; ``none``:
nothing is checked.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from specguard.compiler.ir.catalog import ConfigVersion
from specguard.compiler.schemacompat.check import contained
from specguard.compiler.schemacompat.model import Unsupported
from specguard.compiler.schemacompat.normalize import normalize
from specguard.compiler.schemacompat.reason import Reason
from specguard.compiler.schemacompat.refs import RefError, S, canonical
from specguard.compiler.schemacompat.transform import upgrade_model
from specguard.compiler.schemacompat.witness import Witness, confirm

# mode -> (backward, forward, transitive)
MODES: dict[str, tuple[bool, bool, bool]] = {
    "backward": (True, False, False),
    "backward_transitive": (True, False, True),
    "forward": (False, True, False),
    "forward_transitive": (False, True, True),
    "full": (True, True, False),
    "full_transitive": (True, True, True),
    "none": (False, False, False),
}
MAX_PER_PAIR = 8


@dataclass(frozen=True)
class Finding:
    """One way a new version and an earlier one disagree, or could not be shown to agree."""

    direction: str  # "backward" (the new version reads old documents) or "forward"
    old: int  # the earlier version
    new: int
    pointer: str  # where the change is, in the new version's schema
    message: str
    hint: str | None
    witness: Witness | None  # None: not proven incompatible, only not proven compatible


def judge_version(history: tuple[ConfigVersion, ...], new: ConfigVersion, mode: str) -> tuple[Finding, ...]:
    """Every finding for ``new`` against the ``history`` of its config, under ``mode``."""
    backward, forward, transitive = MODES.get(mode, MODES["backward"])
    earlier = [v for v in history if v.version < new.version]
    targets = earlier if transitive else [v for v in earlier if v.version == new.version - 1]
    out: list[Finding] = []
    for old in targets:
        if backward:
            chain = [v for v in history if old.version < v.version < new.version] + [new]
            out += _pair(old, new, chain, "backward")
        if forward:
            out += _pair(old, new, [], "forward")
    return tuple(out)


@functools.lru_cache(maxsize=256)
def _pair_cached(old: ConfigVersion, new: ConfigVersion, chain: tuple[ConfigVersion, ...],
                 direction: str) -> tuple[Finding, ...]:
    try:
        return _judge_pair(old, new, chain, direction)
    except RefError as exc:
        return (Finding(direction, old.version, new.version, exc.pointer, exc.message,
                        "use local references (`#/$defs/...`) without cycles", None),)
    except (Unsupported, RecursionError, re.error) as exc:
        # a schema the checker cannot follow is refused with the reason, never passed
        text = str(exc) if isinstance(exc, Unsupported) else f"the schema cannot be compared ({exc})"
        return (Finding(direction, old.version, new.version, "#", text, "simplify the schema", None),)


def _judge_pair(old: ConfigVersion, new: ConfigVersion, chain: tuple[ConfigVersion, ...],
                direction: str) -> tuple[Finding, ...]:
    if canonical(old.schema) == canonical(new.schema) and not any(v.upgrade for v in chain):
        return ()  # the same schema reads its own documents, even one the checker cannot follow
    writer_cv, reader_cv = (old, new) if direction == "backward" else (new, old)
    writer, reader = S.of(writer_cv.schema), S.of(reader_cv.schema)
    model = normalize(writer)
    for v in chain:
        model = upgrade_model(model, v)
    out = []
    for r in _distinct(contained(model, reader))[:MAX_PER_PAIR]:
        pointer = r.pointer if direction == "backward" else r.writer_pointer
        out.append(Finding(direction, old.version, new.version, pointer, r.message, r.hint,
                           confirm(writer, reader, list(chain), r.witnesses, r.pointer)))
    return tuple(out)


def _pair(old: ConfigVersion, new: ConfigVersion, chain: list[ConfigVersion], direction: str) -> list[Finding]:
    return list(_pair_cached(old, new, tuple(chain), direction))


def _distinct(reasons: list[Reason]) -> list[Reason]:
    """One reason per reading keyword and message, their counterexample candidates pooled."""
    from dataclasses import replace

    merged: dict[tuple[str, str], Reason] = {}
    for r in reasons:
        key = (r.pointer, r.message)
        if key in merged:
            merged[key] = replace(merged[key], witnesses=merged[key].witnesses + r.witnesses)
        else:
            merged[key] = r
    return list(merged.values())
