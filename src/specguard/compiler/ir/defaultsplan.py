"""Step 5 of an upgrade (defaults) planned ahead: which keys get which default, at which depth.

``upgrade.fill_defaults`` walks a document and its schema together; the generated Python upgraders and
the SQL backfills cannot walk a schema at run time, so they follow this plan instead, computed with
the same rules (properties only, local ``$ref`` dereferenced as ``upgrade`` does). A default inside a
recursive schema would need a plan of unbounded depth: it is refused when the specs resolve.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from specguard.compiler.ir.upgrade import deref


@dataclass(frozen=True)
class DefaultsEntry:
    key: str
    has_default: bool
    default: Any  # filled in when the key is absent
    nested: DefaultsPlan | None  # followed when the key is present


@dataclass(frozen=True)
class DefaultsPlan:
    entries: tuple[DefaultsEntry, ...]  # sorted by key


class RecursiveDefaults(ValueError):
    """A default sits inside a schema that refers to itself along properties."""


def defaults_plan(schema: Any) -> DefaultsPlan | None:
    """The plan of ``fill_defaults(doc, schema)``; None when it never changes a document."""
    root = schema
    useful = _useful_nodes(deref(schema, root), root)
    return _build(deref(schema, root), root, useful, frozenset())


def _props(node: Any, root: Any) -> list[tuple[str, Any]]:
    props = node.get("properties") if isinstance(node, dict) else None
    return [(k, deref(v, root)) for k, v in sorted(props.items())] if isinstance(props, dict) else []


def _useful_nodes(start: Any, root: Any) -> set[int]:
    """The schema nodes (by id) from which some default can be reached along properties."""
    nodes: dict[int, Any] = {}
    todo = [start]
    while todo:
        node = todo.pop()
        if isinstance(node, dict) and id(node) not in nodes:
            nodes[id(node)] = node
            todo.extend(sub for _, sub in _props(node, root))
    useful = {i for i, n in nodes.items() if any(isinstance(s, dict) and "default" in s for _, s in _props(n, root))}
    changed = True
    while changed:
        changed = False
        for i, node in nodes.items():
            if i not in useful and any(id(s) in useful for _, s in _props(node, root)):
                useful.add(i)
                changed = True
    return useful


def _build(node: Any, root: Any, useful: set[int], stack: frozenset[int]) -> DefaultsPlan | None:
    if not isinstance(node, dict) or id(node) not in useful:
        return None
    if id(node) in stack:
        raise RecursiveDefaults("a default sits inside a schema that refers to itself")
    entries = []
    for key, sub in _props(node, root):
        has_default = isinstance(sub, dict) and "default" in sub
        nested = _build(sub, root, useful, stack | {id(node)})
        if has_default or nested is not None:
            entries.append(DefaultsEntry(key, has_default, sub["default"] if has_default else None, nested))
    return DefaultsPlan(tuple(entries)) if entries else None


def changes_documents(versions: Any, since: int) -> bool:
    """Whether a version after ``since`` changes stored documents: it has upgrade steps or defaults."""
    return any(v.version > since and (v.upgrade is not None or defaults_plan(v.schema) is not None) for v in versions)
