"""Adding specguard's hook to ``.pre-commit-config.yaml`` as YAML data, keeping the rest of the file.

The file is parsed (PyYAML's node tree, with the position of every node), the new entry is written in
the indentation the file already uses and inserted after the last entry of ``repos:``, and the result
is parsed again: it must hold exactly the old data plus the new entry. Comments, blank lines, key
order and every other entry stay as they were. A file that cannot be edited that way (not a mapping,
``repos`` written in flow style with entries, invalid YAML) is left alone, and the user is told.
"""

from __future__ import annotations

HOOK_ID = "specguard-check"


def hook_entry(specs: str, generated: str) -> dict:
    """The local hook: runs the installed ``specguard check`` when a spec or a generated file changes."""
    files = "^(" + "|".join(f"{d.rstrip('/')}/" for d in (specs, generated)) + r"|pyproject\.toml$)"
    return {"repo": "local", "hooks": [{"id": HOOK_ID, "name": "specguard check", "entry": "specguard check",
                                        "language": "system", "pass_filenames": False, "files": files}]}


class NotEditable(ValueError):
    """The file is not one this editor can change without rewriting it; the message says why."""


def add_hook(text: str, entry: dict) -> str | None:
    """``text`` with ``entry`` appended to ``repos:``; None when the hook is there already."""
    import yaml

    try:
        root = yaml.compose(text) if text.strip() else None
        data = yaml.safe_load(text) if text.strip() else None
    except yaml.YAMLError as exc:
        raise NotEditable(f"it is not valid YAML ({str(exc).splitlines()[0]})") from None
    if data is None:
        new = _append(text, "repos:\n" + _block(entry, _FRESH))
    elif not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise NotEditable("its top level is not a mapping")
    elif _has_hook(data):
        return None
    else:
        new = _insert(text, root, entry)
    expected = {**(data or {}), "repos": [*((data or {}).get("repos") or []), entry]}
    try:
        same = yaml.safe_load(new) == expected
    except yaml.YAMLError:
        same = False
    if not same:  # never write a file that means something else, or nothing at all
        raise NotEditable("the edit would change more than the list of repos")
    return new


def _has_hook(data: dict) -> bool:
    repos = data.get("repos") or []
    return any(isinstance(h, dict) and h.get("id") == HOOK_ID
               for r in repos if isinstance(r, dict) for h in (r.get("hooks") or []))


# where a new entry's `-` and keys go, and those of its `hooks:` list, when the file shows none
_FRESH = (2, 4, 6, 8)


def _insert(text: str, root, entry: dict) -> str:
    import yaml

    pair = next(((k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "repos"), None)
    if pair is None:
        return _append(text, "repos:\n" + _block(entry, _FRESH))
    key, seq = pair
    empty = isinstance(seq, yaml.ScalarNode) and seq.value in ("", "~", "null")  # `repos:` and nothing
    if empty or isinstance(seq, yaml.SequenceNode) and seq.flow_style and not seq.value:
        # `repos:` or `repos: []`: the value becomes a block list holding the entry; a comment after
        # it stays on the line of `repos:`
        eol = text.find("\n", seq.end_mark.index)
        eol = len(text) if eol < 0 else eol
        after = text[eol + 1:]
        return text[:key.end_mark.index] + ":" + text[seq.end_mark.index:eol] + "\n" + _block(entry, _FRESH) + after
    if not isinstance(seq, yaml.SequenceNode):
        raise NotEditable("`repos` is not a list")
    if seq.flow_style:
        raise NotEditable("`repos` is a flow-style list ([...]) with entries")
    at = _after_content(text, seq.value[-1].end_mark.index)
    sep = "" if at == 0 or text[at - 1] == "\n" else "\n"  # the last line had no line break
    return text[:at] + sep + _block(entry, _layout(seq)) + text[at:]


def _layout(seq) -> tuple[int, int, int, int]:
    """The columns the file's first entry uses: its `-`, its keys, and the `-` and keys of its hooks."""
    import yaml

    dash, first = seq.start_mark.column, seq.value[0]
    if not isinstance(first, yaml.MappingNode):
        return _FRESH
    key = first.start_mark.column
    hooks = next((v for k, v in first.value if k.value == "hooks" and isinstance(v, yaml.SequenceNode)), None)
    if hooks is None or hooks.flow_style or not hooks.value:
        return dash, key, key + (key - dash), key + 2 * (key - dash)
    return dash, key, hooks.start_mark.column, hooks.value[0].start_mark.column


def _after_content(text: str, end: int) -> int:
    """The start of the line after the last line of content before ``end``: comments and blank lines
    between the last entry and what follows stay after the new entry."""
    lines = text[:end].splitlines(keepends=True)
    while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        lines.pop()
    return sum(len(line) for line in lines)


def _append(text: str, block: str) -> str:
    return text + ("\n" if text and not text.endswith("\n") else "") + block


def _block(entry: dict, layout: tuple[int, int, int, int]) -> str:
    """``entry`` as one item of a block list, at the columns of ``layout``; its lists one level in."""
    dash, key, inner_dash, inner_key = layout
    lines = []
    for i, (k, v) in enumerate(entry.items()):
        lead = " " * dash + "-" + " " * (key - dash - 1) if i == 0 else " " * key
        if isinstance(v, list):
            lines.append(f"{lead}{k}:")
            nested = (inner_dash, inner_key, inner_key + 2, inner_key + 4)
            lines += [_block(item, nested).rstrip("\n") for item in v]
        else:
            lines.append(f"{lead}{k}: {_scalar(v)}")
    return "\n".join(lines) + "\n"


def _scalar(v) -> str:
    import yaml

    return yaml.safe_dump(v, width=1000).strip().removesuffix("...").strip()
