"""One YAML document -> one typed spec, with every Pydantic error turned into a located diagnostic.

A plainly valid document is answered by ``fastspec`` (no Pydantic import); the rest goes through the
Pydantic models of ``specmodels``, whose errors become the diagnostics."""

from __future__ import annotations

from typing import Any, NamedTuple

from specguard.compiler.load.fastspec import KINDS, fast_spec
from specguard.compiler.load.yamlsrc import SourceDoc
from specguard.diagnostics import Diagnostic
from specguard.diagnostics.codes import diag
from specguard.diagnostics.suggest import did_you_mean


class LoadedSpec(NamedTuple):
    """A validated spec and the document it came from (for spans in later stages). A NamedTuple, not a
    dataclass: it is defined on every check's start-up, where a dataclass costs about half a millisecond."""

    # one of specmodels.ModelSpec, EnumSpec, ConfigSpec, CachePolicySpec, or its light twin from fastspec
    # (same attributes and values): later stages read attributes only
    spec: Any
    doc: SourceDoc

    @property
    def kind(self) -> str:
        return self.spec.kind


def validate_document(doc: SourceDoc) -> tuple[LoadedSpec | None, list[Diagnostic]]:
    """The document as a typed spec, or the diagnostics that say why not.

    A plainly valid document is answered by ``fastspec`` without importing Pydantic; anything else
    goes through the Pydantic models, which word every diagnostic."""
    value = doc.value
    if value is None:
        return None, [diag("SG113", "empty YAML document", doc.start, hint="remove the empty `---` section")]
    if not isinstance(value, dict):
        return None, [
            diag("SG107", f"a spec document must be a mapping, not {_kind_of(value)}", doc.span(()),
                 hint="start the document with `kind: model` (or enum, config, cache_policy)")
        ]
    kind = value.get("kind")
    if kind is None:
        return None, [
            diag("SG105", "the document has no `kind`", doc.start,
                 hint="add `kind:` with one of: " + ", ".join(KINDS))
        ]
    if not isinstance(kind, str) or kind not in KINDS:
        kinds = "kinds are: " + ", ".join(KINDS)
        hint = did_you_mean(kind, KINDS, kinds) if isinstance(kind, str) else kinds
        return None, [diag("SG105", f"unknown kind `{kind}`", doc.span(("kind",)), hint=hint)]
    fast = fast_spec(kind, value)
    if fast is not None:
        return LoadedSpec(fast, doc), []
    return _validate_with_pydantic(kind, doc)


def _validate_with_pydantic(kind: str, doc: SourceDoc) -> tuple[LoadedSpec | None, list[Diagnostic]]:
    from pydantic import ValidationError

    from specguard.compiler.load.specmodels import SPEC_KINDS

    value = doc.value
    model = SPEC_KINDS[kind]
    try:
        spec = model.model_validate(value)
    except ValidationError as exc:
        return None, [_to_diagnostic(err, doc, model) for err in exc.errors(include_url=False)]
    except RecursionError:  # pragma: no cover - depth is bounded by the loader
        return None, [diag("SG104", "the document nests too deeply", doc.start)]
    return LoadedSpec(spec, doc), []


def _kind_of(value: Any) -> str:
    return {list: "a list", str: "a string", int: "a number", float: "a number", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )


def _data_path(loc: tuple, value: Any) -> tuple:
    """The part of a Pydantic error location that is a real path in the document.

    Union errors insert member names (``SqlDefault``, ``str``) into the location; drop those.
    """
    path = []
    cur = value
    for part in loc:
        if isinstance(cur, dict) and part in cur:
            path.append(part)
            cur = cur[part]
        elif isinstance(cur, list) and isinstance(part, int) and 0 <= part < len(cur):
            path.append(part)
            cur = cur[part]
        elif isinstance(cur, dict) and part == "schema_" and "schema" in cur:
            path.append("schema")
            cur = cur["schema"]
        else:
            # keep a missing key's name so messages can name it; stop at the first unknown part
            if isinstance(part, str) and not path_has_member_name(part):
                path.append(part)
            break
    return tuple(path)


def path_has_member_name(part: str) -> bool:
    # Pydantic's union member tags look like type names; keys in specs are identifiers
    return part[:1].isupper() or part in {"str", "int", "float", "bool", "list", "dict", "none", "function-after"}


def _fields_at(model, path: tuple) -> list[str]:
    """The keys allowed at a path, walking the Pydantic models (for did-you-mean)."""
    import typing

    from pydantic import BaseModel

    cur: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(cur, type) and issubclass(cur, BaseModel)):
            return []
        fields = cur.model_fields
        name = "schema_" if part == "schema" and "schema_" in fields else part
        if name not in fields:
            # a dict key such as a column name: descend into the dict's value type
            return []
        ann = fields[name].annotation
        cur = _unwrap(ann, typing)
        if isinstance(cur, tuple):  # dict[str, X]: the next part is a free key, then X
            cur = cur[1]
    if isinstance(cur, tuple):
        cur = cur[1]
    if isinstance(cur, type) and issubclass(cur, BaseModel):
        return [f.alias or n for n, f in cur.model_fields.items()]
    return []


def _unwrap(ann, typing):
    from pydantic import BaseModel

    origin = typing.get_origin(ann)
    args = typing.get_args(ann)
    if origin in (list, typing.List):
        return _unwrap(args[0], typing) if args else ann
    if origin in (dict, typing.Dict):
        inner = _unwrap(args[1], typing) if len(args) == 2 else ann
        return ("dict", inner)
    if args and origin is not None:
        for a in args:
            u = _unwrap(a, typing)
            if isinstance(u, type) and issubclass(u, BaseModel):
                return u
            if isinstance(u, tuple):
                return u
    return ann


def _to_diagnostic(err: dict, doc: SourceDoc, model) -> Diagnostic:
    loc = tuple(err.get("loc", ()))
    etype = err.get("type", "")
    path = _data_path(loc, doc.value)
    if etype == "extra_forbidden":
        key = path[-1] if path else loc[-1]
        parent = path[:-1]
        allowed = _fields_at(model, _model_path(parent))
        hint = did_you_mean(key, allowed, "allowed keys here: " + ", ".join(allowed)) if allowed else None
        return diag("SG106", f"unknown key `{key}`", doc.key_span(path), hint=hint, target=_target(doc, path))
    if etype == "missing":
        key = loc[-1]
        return diag(
            "SG108",
            f"missing required key `{key}`" + (f" in `{'.'.join(map(str, path[:-1]))}`" if path[:-1] else ""),
            doc.span(path[:-1]),
            hint=f"add `{key}:`",
            target=_target(doc, path[:-1]),
        )
    msg = err.get("msg", "invalid value")
    where = ".".join(str(p) for p in path) or "document"
    hint = None
    if etype == "literal_error":
        expected = (err.get("ctx") or {}).get("expected")
        if expected:
            got = err.get("input")
            choices = [c.strip().strip("'") for c in str(expected).replace(" or ", ", ").split(",")]
            others = f"expected one of: {expected}"
            hint = did_you_mean(got, choices, others) if isinstance(got, str) else others
    elif etype in ("bool_type", "int_type", "string_type", "list_type", "dict_type", "model_type", "float_type"):
        got = err.get("input")
        msg = f"{msg} (got {_kind_of(got)})"
        if etype == "string_type" and isinstance(got, (int, float, bool)):
            hint = "quote it to keep it a string: YAML reads unquoted numbers and true/false as values"
    return diag("SG107", f"`{where}`: {msg}", doc.span(path), hint=hint, target=_target(doc, path))


def _model_path(path: tuple) -> tuple:
    """The path of model fields: a column's name (a free key under ``columns``) is not one."""
    return tuple(p for i, p in enumerate(path) if not (i > 0 and path[i - 1] == "columns"))


def _target(doc: SourceDoc, path: tuple) -> str | None:
    value = doc.value if isinstance(doc.value, dict) else {}
    name = value.get("name")
    if not isinstance(name, str):
        return None
    if len(path) >= 2 and path[0] == "columns":
        return f"{name}.{path[1]}"
    return name
