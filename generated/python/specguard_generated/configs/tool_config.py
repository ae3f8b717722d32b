"""The config `tool_config`.

Validators of versions 1 to 1, the upgrade to the latest, and the loader.
Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from specguard_generated.configs import _checks as rt
from specguard_generated.configs import _upgrade as up

LATEST = 1
VERSION_KEY = "$version"


# --- version 1 --------------------------------------------------------------------------------


class ToolConfigV1(rt.Model):
    """Settings of the tools a companion may call (which tools is toolAccess)."""

    imageGen: _V1_imageGen_opt = None
    webSearch: _V1_webSearch_opt = None


class ToolConfigV1ImageGen(rt.Model):
    """An object."""

    size: _V1_ImageGen_size_opt = None


class ToolConfigV1WebSearch(rt.Model):
    """An object."""

    maxResults: _V1_WebSearch_maxResults_opt = None


_V1_ImageGen_size_opt = Annotated[Literal["512x512", "1024x1024"] | None, rt.NOT_NULL]
_V1_imageGen_opt = Annotated[ToolConfigV1ImageGen | None, rt.NOT_NULL]
_V1_WebSearch_maxResults = Annotated[int, rt.native(integer=True, minimum=1, maximum=20)]
_V1_WebSearch_maxResults_opt = Annotated[_V1_WebSearch_maxResults | None, rt.NOT_NULL]
_V1_webSearch_opt = Annotated[ToolConfigV1WebSearch | None, rt.NOT_NULL]


ToolConfig = ToolConfigV1
"""The latest version of the config."""


# the models refer to aliases defined after them: resolve those now
ToolConfigV1.model_rebuild()
ToolConfigV1ImageGen.model_rebuild()
ToolConfigV1WebSearch.model_rebuild()


_STEPS: tuple[Callable[[dict[str, Any]], dict[str, Any]], ...] = ()


def upgrade_tool_config(doc: dict[str, Any], version: int) -> dict[str, Any]:
    """``doc``, a document of ``version`` (without its version key), as a document of the latest version:
    each later version's upgrade steps, then its defaults."""
    for step in _STEPS[version - 1 :]:
        doc = step(doc)
    return doc


_IS_VALID: dict[int, Callable[[Any], bool]] = {1: rt.validity(ToolConfigV1)}


def is_valid_tool_config(document: object, version: int = LATEST) -> bool:
    """Whether ``document`` (its body: no version key) is valid under version ``version`` of the schema.

    The verdict of ``ToolConfigV<version>.model_validate``,
    from the same checks run the same way, without building the model: a check or a gate that needs
    no model pays for none. An unknown version raises ``up.ConfigVersionError`` (a ``ValueError``)."""
    return _IS_VALID[up.known_version(version, LATEST)](document)


_VALIDATORS: dict[int, Callable[[Any], object]] = {1: ToolConfigV1.model_validate}


def load_tool_config(
    data: object, version: int | None = None, *, version_key: str | None = VERSION_KEY
) -> ToolConfig:
    """A stored document as the latest version: validated under the version it records (``version``, when
    the row keeps it in a column; else the document's ``version_key``), upgraded, validated again. A
    missing or unknown version raises ``up.ConfigVersionError`` (a ``ValueError``): it is never guessed."""
    body, found = up.split_version(data, version, version_key, LATEST)
    _VALIDATORS[found](body)
    upgraded = upgrade_tool_config(body, found)
    return ToolConfig.model_validate(upgraded)


def dump_tool_config(config: ToolConfig, *, version_key: str | None = VERSION_KEY) -> Any:
    """The document to store: the config as JSON, with the latest version under ``version_key`` (pass None
    when the row keeps the version in a column)."""
    doc = config.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return {**doc, version_key: LATEST} if version_key is not None and isinstance(doc, dict) else doc
