"""YAML to plain values with a source span for every key and value.

Built on PyYAML's event stream (libyaml's C parser when present) rather than its constructor, for
three reasons: we keep the line and column of every key path; we refuse what a spec never needs and
an attacker would use (explicit tags, duplicate keys, alias expansion bombs, huge documents) with a
located diagnostic instead of silently accepting it; and the tree is built with an explicit stack,
so no input can exhaust Python's recursion limit.

Scalars resolve by the YAML 1.2 core schema (``true``/``false`` only, so ``no``, ``on`` or ``NO``
stay strings: the "Norway problem" cannot change a spec's meaning).
"""

from __future__ import annotations

import re
from typing import Any

from specguard.diagnostics import Diagnostic, Span, line_column
from specguard.diagnostics.codes import diag

Path = tuple  # a key path: ("columns", "userId", "type"), list items by index

MAX_NODES = 200_000  # values in one file, aliases expanded
MAX_ALIAS_NODES = 10_000  # values produced by alias expansion in one file
MAX_DEPTH = 64  # nesting depth of mappings and sequences
MAX_SCALAR = 1_000_000  # characters in one scalar

_NULL = re.compile(r"^(?:~|null|Null|NULL)?$")
_BOOL_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_BOOL_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
# every pattern above can only match a value that starts with one of these (or the empty value)
_SPECIAL_FIRST = frozenset("~nNtTfF+-.0123456789\n")
MAX_INT_DIGITS = 30  # larger literals are refused, not silently turned into huge ints


class SourceDoc:
    """One YAML document: its value, and spans by key path.

    A plain class with the fields, equality and ``repr`` of a dataclass: defining a dataclass costs
    about half a millisecond of every check's start-up."""

    __slots__ = ("file", "index", "value", "spans", "key_spans", "start", "quoted")
    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it was

    def __init__(self, file: str, index: int, value: Any, spans: dict[Path, Span] | None = None,
                 key_spans: dict[Path, Span] | None = None, start: Span | None = None,
                 quoted: set | None = None) -> None:
        self.file = file
        self.index = index  # 0-based document index within the file
        self.value = value
        self.spans: dict[Path, Span] = {} if spans is None else spans  # where each value starts
        self.key_spans: dict[Path, Span] = {} if key_spans is None else key_spans  # where each key starts
        self.start = start
        self.quoted: set = set() if quoted is None else quoted  # quoted scalars' paths (span: the quote)

    def _fields(self) -> tuple:
        return (self.file, self.index, self.value, self.spans, self.key_spans, self.start, self.quoted)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={v!r}" for n, v in zip(self.__slots__, self._fields()))
        return f"SourceDoc({shown})"

    def span(self, path: Path = ()) -> Span | None:
        """The span of the value at ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if path in self.spans:
                return self.spans[path]
            if not path:
                return self.start
            path = path[:-1]

    def text_span(self, path: Path) -> Span | None:
        """Where a scalar's text starts: one column after the quote of a quoted scalar."""
        span = self.span(path)
        if span is not None and tuple(path) in self.quoted:
            return Span(span.file, span.line, span.column + 1)
        return span

    def key_span(self, path: Path) -> Span | None:
        path = tuple(path)
        return self.key_spans.get(path) or self.span(path)


class _Abort(Exception):
    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic


def _span(file: str, mark) -> Span:
    return Span(file, mark.line + 1, mark.column + 1)


def resolve_scalar(value: str, plain: bool) -> Any:
    """YAML 1.2 core schema resolution for plain scalars; quoted scalars are always strings."""
    if not plain or (value and value[0] not in _SPECIAL_FIRST):
        return value  # most scalars are words (names, types): no pattern below can match them
    if _NULL.match(value):
        return None
    if _BOOL_TRUE.match(value):
        return True
    if _BOOL_FALSE.match(value):
        return False
    if _INT.match(value):
        digits = value.lstrip("+-")
        if len(digits) > MAX_INT_DIGITS:
            raise ValueError(f"the number {value[:12]}… has {len(digits)} digits")
        return int(value)
    if _INT_OCT.match(value):
        return int(value[2:], 8)
    if _INT_HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        f = float(value)
        if f in (float("inf"), float("-inf")):
            raise ValueError(f"the number {value[:12]}… is out of range")
        return f
    if _INF.match(value) or _NAN.match(value):
        raise ValueError(f"`{value}` (infinity or NaN) is not allowed in a spec")
    return value


def parse_documents(text: str, file: str) -> tuple[list[SourceDoc], list[Diagnostic]]:
    """Every document of a YAML text, or a located diagnostic explaining why it cannot be read."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    docs: list[SourceDoc] = []
    try:
        _Builder(file, docs).feed(yaml.parse(text, Loader=loader))
    except _Abort as abort:
        return docs, [abort.diagnostic]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = _span(file, mark) if mark else Span(file, 1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        return docs, [diag("SG100", f"invalid YAML: {problem}", span, hint=_syntax_hint(problem, text, mark))]
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        mark = getattr(exc, "position", None)
        line, col = line_column(text, mark) if isinstance(mark, int) else (1, 1)
        return docs, [diag("SG100", f"invalid YAML: {str(exc).splitlines()[0]}", Span(file, line, col))]
    return docs, []


def _syntax_hint(problem: str, text: str, mark) -> str | None:
    p = problem.lower()
    if "tab" in p or (mark is not None and "\t" in _line_at(text, mark.line)):
        return "YAML indentation must use spaces, not tabs"
    if "flow" in p or "expected ',' or ']'" in p or "expected ',' or '}'" in p:
        return "check that every `[` and `{` is closed, and that list items are separated by commas"
    if "mapping values are not allowed" in p:
        return "a value containing `: ` must be quoted"
    if "nesting depth" in p:
        return f"specs never nest deeper than a few levels; keep nesting under {MAX_DEPTH}"
    return None


def _line_at(text: str, line0: int) -> str:
    lines = text.splitlines()
    return lines[line0] if 0 <= line0 < len(lines) else ""


_STANDARD_TAGS = {None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


class _NoKey:
    __slots__ = ()

    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()


class _Open:
    """A mapping or sequence whose end event has not come yet."""

    __slots__ = ("container", "path", "is_map", "span", "anchor", "nodes_before", "key", "key_span")

    def __init__(self, container: dict | list, path: Path, is_map: bool, span: Span, anchor: str | None,
                 nodes_before: int) -> None:
        self.container = container
        self.path = path
        self.is_map = is_map
        self.span = span
        self.anchor = anchor
        self.nodes_before = nodes_before  # values counted when it opened: its size, for an anchor, is the difference
        self.key: Any = _NO_KEY  # a mapping's key that waits for its value
        self.key_span: Span | None = None


class _Builder:
    """Builds plain values and their spans from the event stream, one handler per event kind.

    An explicit stack of open containers instead of recursion: no input can exhaust Python's stack.
    """

    __slots__ = ("file", "docs", "doc", "stack", "anchors", "nodes", "alias_nodes")

    def __init__(self, file: str, docs: list[SourceDoc]):
        self.file = file
        self.docs = docs
        self.doc: SourceDoc | None = None
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int]] = {}  # anchor -> (value, node count)
        self.nodes = 0
        self.alias_nodes = 0

    def feed(self, events) -> None:
        from yaml import events as ev

        # dispatch on the exact class: PyYAML and libyaml both emit these classes, never subclasses
        handlers = {
            ev.DocumentStartEvent: self.document_start,
            ev.DocumentEndEvent: self.document_end,
            ev.ScalarEvent: self.scalar,
            ev.MappingStartEvent: self.mapping_start,
            ev.SequenceStartEvent: self.sequence_start,
            ev.MappingEndEvent: self.container_end,
            ev.SequenceEndEvent: self.container_end,
            ev.AliasEvent: self.alias,
        }
        for event in events:
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)

    def document_start(self, event) -> None:
        self.doc = SourceDoc(self.file, len(self.docs), None, start=_span(self.file, event.start_mark))
        self.anchors.clear()
        self.nodes = self.alias_nodes = 0

    def document_end(self, event) -> None:
        assert self.doc is not None
        self.docs.append(self.doc)
        self.doc = None

    def scalar(self, event) -> None:
        # the hot path of every load: the common case inlined (a standard tag, a plain word)
        if event.tag not in _STANDARD_TAGS:
            self._check_tag(event)
        mark = event.start_mark
        span = Span(self.file, mark.line + 1, mark.column + 1)
        text, style = event.value, event.style
        if len(text) > MAX_SCALAR:
            raise _Abort(diag("SG104", f"a value is longer than {MAX_SCALAR} characters", span))
        plain = event.implicit[0] and style in (None, "")
        try:
            value = resolve_scalar(text, plain)
        except ValueError as exc:
            raise _Abort(diag("SG107", str(exc), span, hint="write a smaller number, or quote it to make it a string")) from None
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self._count(0, mark)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        if style in ("'", '"') and self.doc is not None:
            self.doc.quoted.add(self._current_path())
        self._attach(value, span)

    def mapping_start(self, event) -> None:
        self._open(event, True)

    def sequence_start(self, event) -> None:
        self._open(event, False)

    def _open(self, event, is_map: bool) -> None:
        self._check_tag(event)
        if len(self.stack) >= MAX_DEPTH:
            raise _Abort(
                diag("SG104", f"nesting deeper than {MAX_DEPTH} levels", _span(self.file, event.start_mark),
                     hint="specs never nest deeper than a few levels")
            )
        self._count(1, event.start_mark)
        # A container used as a mapping key is refused by _attach() once it closes.
        self.stack.append(_Open({} if is_map else [], self._current_path(), is_map,
                                _span(self.file, event.start_mark), event.anchor, self.nodes))

    def container_end(self, event) -> None:
        top = self.stack.pop()
        if top.anchor:
            self.anchors[top.anchor] = (top.container, self.nodes - top.nodes_before + 1)
        assert self.doc is not None
        self.doc.spans.setdefault(top.path, top.span)
        self._attach(top.container, top.span)

    def alias(self, event) -> None:
        span = _span(self.file, event.start_mark)
        if event.anchor not in self.anchors:
            raise _Abort(diag("SG100", f"unknown alias `*{event.anchor}`", span))
        value, size = self.anchors[event.anchor]
        self.alias_nodes += size
        if self.alias_nodes > MAX_ALIAS_NODES:
            raise _Abort(
                diag("SG104", f"aliases expand to more than {MAX_ALIAS_NODES} values", span,
                     hint="write the values out, or use fewer nested aliases")
            )
        self._count(size, event.start_mark)
        self._attach(_deep_copy(value), span)

    def _check_tag(self, event) -> None:
        tag = event.tag
        if tag not in _STANDARD_TAGS:
            raise _Abort(
                diag(
                    "SG103",
                    f"explicit YAML tag `{tag}` is not allowed in a spec",
                    _span(self.file, event.start_mark),
                    hint="remove the tag; specs hold plain strings, numbers, booleans, lists and mappings",
                )
            )

    def _count(self, n: int, mark) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise _Abort(diag("SG104", f"the document holds more than {MAX_NODES} values", _span(self.file, mark)))

    def _current_path(self) -> Path:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if top.is_map:
            return top.path + (top.key,) if top.key is not _NO_KEY else top.path
        return top.path + (len(top.container),)

    def _attach(self, value: Any, span: Span) -> None:
        doc = self.doc
        assert doc is not None
        if not self.stack:
            doc.value = value
            return
        top = self.stack[-1]
        if not top.is_map:
            doc.spans.setdefault(top.path + (len(top.container),), span)
            top.container.append(value)
        elif top.key is _NO_KEY:
            top.key, top.key_span = self._mapping_key(top, value, span), span
        else:
            path = top.path + (top.key,)
            top.container[top.key] = value
            doc.key_spans[path] = top.key_span
            doc.spans.setdefault(path, span)
            top.key = _NO_KEY

    def _mapping_key(self, top: _Open, value: Any, span: Span) -> str:
        if not isinstance(value, (str, int, float, bool)) and value is not None:
            raise _Abort(diag("SG107", "mapping keys must be plain scalars", span))
        key = _key_text(value)
        if key in top.container:
            first = self.doc.key_spans.get(top.path + (key,))
            where = f" (first defined at line {first.line})" if first else ""
            raise _Abort(
                diag("SG102", f"duplicate key `{key}`{where}", span, hint="each key may appear once; remove or rename one")
            )
        return key


def _key_text(value: Any) -> str:
    # keys are text in a spec: `1:` and `'1':` are the same key, `true:` is `"true"`, `~:` is `""`
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return str(value).lower() if isinstance(value, bool) else str(value)


def _deep_copy(value: Any) -> Any:
    # Aliased containers are copied so a later edit of one use never changes another.
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value
