"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` lists every code that occurs (sorted), each with its summary, its
four-part documentation and its default level; every result points at its rule by id and index.
Locations are relative to ``%SRCROOT%`` (the repository root, where specguard runs), and each result
carries a ``partialFingerprints`` entry that does not depend on line numbers, so a result keeps its
identity when lines above it move. The output holds no timestamps or absolute paths: the same
diagnostics give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from urllib.parse import quote

from specguard.diagnostics import Diagnostic, Severity
from specguard.render.explain import markdown_doc, plain_doc, sections

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://pypi.org/project/specguard/"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "specguardFingerprint/v1"
DEFAULT_ANCHOR = "pyproject.toml"  # where a result with no file goes when the caller names no file

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(code: str) -> dict:
    from specguard.compiler.rules.registry import lookup

    c = lookup(code)
    if c is None:  # a code the registry does not know still gets a descriptor, so ruleIndex holds
        return {"id": code, "shortDescription": {"text": code}}
    parts = sections(c.doc)
    rule: dict = {
        "id": c.code,
        "name": c.name,
        "shortDescription": {"text": c.summary},
        "fullDescription": {"text": parts.get("What it does") or c.summary},
        "defaultConfiguration": {"level": _LEVEL[c.severity]},
        "properties": {"category": c.category.value, "tags": [c.category.value]},
    }
    if c.doc:
        rule["help"] = {"text": plain_doc(c.doc), "markdown": markdown_doc(c)}
    return rule


def artifact_location(file: str) -> dict:
    """A file as a URI relative to ``%SRCROOT%``; absolute paths outside it as ``file:`` URIs."""
    path = file.replace(os.sep, "/") if os.sep != "/" else file
    if os.path.isabs(file):
        try:
            rel = os.path.relpath(file)
        except ValueError:  # another drive on Windows
            rel = None
        if rel is None or rel.startswith(".."):
            return {"uri": "file://" + quote(path if path.startswith("/") else "/" + path, safe="/:")}
        path = rel.replace(os.sep, "/")
    if path.startswith("./"):
        path = path[2:]
    return {"uri": quote(path, safe="/"), "uriBaseId": SRCROOT}


def _fingerprint(d: Diagnostic) -> str:
    key = "\0".join((d.code, d.span.file if d.span else "", d.target or "", d.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _location(d: Diagnostic, anchor: str) -> dict:
    """Where a result is: its span, else the anchor file. GitHub's upload refuses a result without
    a location, so one with no file of its own (a setup error, a dropped model) is placed on an
    existing file of the repository and named logically by its target."""
    s = d.span
    physical: dict = {"artifactLocation": artifact_location(s.file if s and s.file else anchor)}
    if s and s.file and s.line > 0:
        region = {"startLine": s.line}
        if s.column > 0:
            region["startColumn"] = s.column
        physical["region"] = region
    location: dict = {"physicalLocation": physical}
    if d.target or not (s and s.file):
        location["logicalLocations"] = [{"fullyQualifiedName": d.target or d.code}]
    return location


def _result(d: Diagnostic, rule_index: int, occurrence: int, fingerprint: str, anchor: str) -> dict:
    text = d.message
    if d.hint:
        text += f"\nhint: {d.hint}"
    for note in d.notes:
        text += f"\nnote: {note}"
    result: dict = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": _LEVEL.get(d.severity, "error"),
        "message": {"text": text},
    }
    result["locations"] = [_location(d, anchor)]
    suffix = f":{occurrence}" if occurrence else ""
    result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint + suffix}
    props: dict = {"category": d.category.value}
    if d.target:
        props["target"] = d.target
    result["properties"] = props
    return result


def sarif_log(diagnostics: Sequence[Diagnostic], *, tool_version: str, anchor: str | None = None) -> dict:
    """The SARIF log as a JSON-ready dict; results without a file are placed on ``anchor`` (an
    existing file, relative to the repository root; default :data:`DEFAULT_ANCHOR`)."""
    anchor = anchor or DEFAULT_ANCHOR
    codes = sorted({d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    seen: dict[str, int] = {}
    results = []
    for d in diagnostics:
        fp = _fingerprint(d)
        occurrence = seen.get(fp, 0)
        seen[fp] = occurrence + 1
        results.append(_result(d, index[d.code], occurrence, fp, anchor))
    driver = {
        "name": "specguard",
        "version": tool_version,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(code) for code in codes],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def render_sarif(diagnostics: Sequence[Diagnostic], *, tool_version: str, anchor: str | None = None) -> str:
    """The SARIF log as indented JSON with a trailing newline."""
    log = sarif_log(diagnostics, tool_version=tool_version, anchor=anchor)
    return json.dumps(log, indent=2, ensure_ascii=True) + "\n"
