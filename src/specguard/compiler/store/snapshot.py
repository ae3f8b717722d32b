"""``generated/state.json``: the compiled state, i.e. the catalog that the migrations build.

The next compile diffs the specs against this snapshot, and ``check`` compares them, so the snapshot
holds exactly what takes part in catalog equality: every field with ``compare=True``. Spans,
descriptions, ``renamed_from`` (a one-off instruction to the diff) and YAML default literals are left
out, which keeps the file stable when only presentation changes. Config schemas and cache policies are
included: a released config version is immutable, and the cache policies are part of what a compile
releases.

The encoding is generic over the IR dataclasses (fields are read from their type hints), with three
readable special cases: a column type is its spec spelling (``varchar(40)``, ``text[]``; an enum
type is written ``enum:MessageRole``), a config schema is embedded as a JSON object rather than a
string, and a field equal to its default is omitted, so adding a defaulted field to the IR does not
rewrite every snapshot.

Accepted findings (``--accept CODE:TARGET --reason``) are kept beside the catalog, one record each.
Canonical JSON: sorted keys, two-space indent, UTF-8, trailing newline.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specguard.compiler.ir import catalog as ir
from specguard.compiler.store.hints import field_hints, identity, per_hint
from specguard.diagnostics import Span, SpecguardError
from specguard.diagnostics.codes import diag

FORMAT = 1


@dataclass(frozen=True, order=True)
class AcceptedFinding:
    """An error-level finding that a reviewer accepted, and the migration that carries it."""

    code: str
    target: str
    reason: str
    migration: str  # migration folder name; "" when the change produced no migration

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


class StateError(SpecguardError):
    """state.json cannot be read; carries an SG803 diagnostic pointing at the file."""


# --- encoding ----------------------------------------------------------------------------------


def catalog_to_json(catalog: ir.Catalog, accepted=()) -> str:
    """The canonical text of state.json for ``catalog`` and its accepted findings."""
    doc = {
        "format": FORMAT,
        "catalog": _encode(catalog),
        "accepted": [a.to_dict() for a in accepted],
    }
    # json.dumps would first hold every token in one list (millions at 10,000 models, hundreds of MB
    # at the compile's peak): the same encoder's tokens are written out as they come instead
    import io

    out = io.StringIO()
    for chunk in json.JSONEncoder(indent=2, sort_keys=True, ensure_ascii=False).iterencode(doc):
        out.write(chunk)
    out.write("\n")
    return out.getvalue()


def _encode(obj: Any) -> Any:
    if isinstance(obj, ir.ColumnType):
        return ("enum:" if obj.enum else "") + obj.spec()
    if dataclasses.is_dataclass(obj):
        out = {}
        for f in dataclasses.fields(obj):
            if not f.compare:
                continue
            value = getattr(obj, f.name)
            if f.default is not dataclasses.MISSING and value == f.default:
                continue
            if isinstance(obj, ir.ConfigVersion) and f.name == "schema_json":
                out["schema"] = json.loads(value)
                continue
            out[f.name] = _encode(value)
        return out
    if isinstance(obj, (tuple, list)):
        return [_encode(v) for v in obj]
    return obj


# --- decoding ----------------------------------------------------------------------------------


def catalog_from_json(text: str, file: str = "state.json") -> tuple[ir.Catalog, tuple[AcceptedFinding, ...]]:
    """Parse the text of state.json; a malformed file raises :class:`StateError`."""
    # check --base reads the same state.json up to three times (the working tree's, twice, and the
    # base revision's, usually unchanged): the catalog, immutable, is decoded once per text
    if text in _READ:
        return _READ[text]
    result = _catalog_from_json(text, file)
    while len(_READ) >= 2:  # the working tree's and the base revision's
        del _READ[next(iter(_READ))]
    _READ[text] = result
    return result


_READ: dict[str, tuple[ir.Catalog, tuple[AcceptedFinding, ...]]] = {}


def _catalog_from_json(text: str, file: str) -> tuple[ir.Catalog, tuple[AcceptedFinding, ...]]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as e:
        raise _error(file, f"state.json is not valid JSON: {e.msg}", e.lineno, e.colno) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _error(file, f"state.json has an unknown format (expected \"format\": {FORMAT})")
    try:
        catalog = _decode(ir.Catalog, doc.get("catalog", {}))
        accepted = tuple(AcceptedFinding(**a) for a in doc.get("accepted", []))
    except (TypeError, ValueError, KeyError) as e:
        raise _error(file, f"state.json does not describe a catalog: {e}") from None
    return catalog, accepted


def load_state(path: Path | str) -> tuple[ir.Catalog, tuple[AcceptedFinding, ...]]:
    """Read state.json; a missing file is the empty catalog (a generated/ never compiled)."""
    path = Path(path)
    if not path.is_file():
        return ir.Catalog(), ()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise _error(str(path), f"state.json cannot be read: {e}") from None
    return catalog_from_json(text, str(path))


def _error(file: str, message: str, line: int = 0, column: int = 0) -> StateError:
    return StateError(
        diag(
            "SG803",
            message,
            Span(file, line, column),
            hint="restore generated/state.json from version control (git checkout -- generated/state.json)",
            target="state.json",
        )
    )


_TYPE_RE = re.compile(r"^(?P<enum>enum:)?(?P<base>[^()\[\]]+)(?:\((?P<args>\d+(?:,\d+)*)\))?(?P<array>\[\])?$")


def _column_type(text: str) -> ir.ColumnType:
    m = _TYPE_RE.match(text)
    if not m:
        raise ValueError(f"invalid column type {text!r}")
    args = tuple(int(a) for a in m["args"].split(",")) if m["args"] else ()
    return ir.ColumnType(base=m["base"], args=args, array=bool(m["array"]), enum=bool(m["enum"]))


_KNOWN: dict[type, frozenset[str]] = {}


def _known(cls: type) -> frozenset[str]:
    if cls not in _KNOWN:
        _KNOWN[cls] = frozenset(f.name for f in dataclasses.fields(cls) if f.compare)
    return _KNOWN[cls]


def _decode(hint: Any, data: Any) -> Any:
    return _decoder(hint)(data)


def _leaf(hint: Any):
    if hint is ir.ColumnType:
        return _column_type_value
    if hint is Any:
        return identity  # a JSON value from a config upgrade step, kept as JSON gave it
    if hint in (str, int, bool):
        def scalar(data):
            if not isinstance(data, hint) or (hint is int and isinstance(data, bool)):
                raise ValueError(f"expected {hint.__name__}, not {data!r}")
            return data
        return scalar
    return None


def _column_type_value(data: Any) -> ir.ColumnType:
    if not isinstance(data, str):
        raise ValueError(f"a column type is a string, not {data!r}")
    return _column_type(data)


def _dataclass_decoder(cls: type):
    hints, known = field_hints(cls), _known(cls)
    fields = {k: _decoder(hints[k]) for k in known}
    defaults = {f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING}
    required = known - set(defaults)
    new = object.__new__
    # no IR dataclass has a __post_init__ or a default_factory: an object is its fields, set here as
    # the generated __init__ would set them, without its per-field object.__setattr__ calls
    assert not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__")

    def decode(data):
        if not isinstance(data, dict):
            raise ValueError(f"{cls.__name__} must be an object, not {type(data).__name__}")
        if cls is ir.ConfigVersion and "schema" in data:
            data = dict(data)
            data["schema_json"] = ir.canonical_json(data.pop("schema"))
        if not known.issuperset(data):
            raise ValueError(f"unknown key(s) {sorted(set(data) - known)} in {cls.__name__}")
        values = dict(defaults)
        for k, v in data.items():
            values[k] = fields[k](v)
        if not required.issubset(data):
            raise TypeError(f"{cls.__name__}.__init__() missing required argument(s): {sorted(required - set(data))}")
        obj = new(cls)
        obj.__dict__.update(values)
        return obj
    return decode


def _tuple_decoder(args: tuple):
    def items(data):
        if not isinstance(data, list):
            raise ValueError(f"expected a list, not {data!r}")
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return tuple(item(v) for v in data)
        if len(args) != len(data):
            raise ValueError(f"expected {len(args)} items, not {data!r}")
        return tuple(_decoder(a)(v) for a, v in zip(args, data))
    return items


_decoder = per_hint(_leaf, _dataclass_decoder, _tuple_decoder)
