"""The config `assistant_settings`.

Validators of versions 1 to 2, the upgrade to the latest, and the loader.
Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, JsonValue

from specguard_generated.configs import _checks as rt
from specguard_generated.configs import _upgrade as up

LATEST = 2
VERSION_KEY = "$version"


# --- version 1 --------------------------------------------------------------------------------


class AssistantSettingsV1(rt.Model):
    """Settings of an assistant."""

    budget: _V1_budget = None
    class_: _V1_class_opt = Field(default=None, alias="class")
    labels: _V1_labels_opt = None
    mode: _V1_mode_opt = None
    name: _V1_name


_V1_budget = Annotated[int | float | None, rt.native(exclusive_minimum=0), rt.check(rt.multiple_of(0.5))]
_V1_class_opt = Annotated[bool | None, rt.NOT_NULL]
_V1_labels_value = Annotated[str, rt.check(rt.format_("uri"))]
_V1_labels_opt = Annotated[dict[str, _V1_labels_value] | None, rt.NOT_NULL]
_V1_mode_opt = Annotated[Literal["chat", "batch-job"] | None, rt.NOT_NULL]
_V1_name = Annotated[str, rt.native(min_length=1, max_length=40), rt.check(rt.pattern("^(?!admin)"))]


# --- version 2 --------------------------------------------------------------------------------


class AssistantSettingsV2(rt.Model):
    """Settings of an assistant, with tools."""

    budget: _V2_budget = None
    class_: _V2_class_opt = Field(default=None, alias="class")
    name: _V2_name
    reply: _V2_reply_opt = None
    style: Literal["chat", "batch"]
    tools: _V2_tools = Field(default_factory=list)


class AssistantSettingsV2Reply1(rt.Model):
    """An object."""

    model_config = ConfigDict(extra="allow")

    template: str


class AssistantSettingsV2Tool(rt.Model):
    """An object."""

    id: _V2_Tool_id
    options: _V2_Tool_options_opt = None
    retries: _V2_Tool_retries = 2


_V2_budget = Annotated[int | float | None, rt.native(exclusive_minimum=0), rt.check(rt.multiple_of(0.5))]
_V2_class_opt = Annotated[bool | None, rt.NOT_NULL]
_V2_name = Annotated[str, rt.native(min_length=1, max_length=40), rt.check(rt.pattern("^(?!admin)"))]
_V2_reply_0 = Annotated[str, rt.native(max_length=200)]
_V2_reply = Annotated[_V2_reply_0 | AssistantSettingsV2Reply1, rt.check(rt.one_of(lambda: _V2_S1, lambda: _V2_S2))]
_V2_reply_opt = Annotated[_V2_reply | None, rt.check(rt.null_allowed(lambda: _V2_S3))]
_V2_Tool_id = Annotated[str, rt.check(rt.format_("uuid"))]
_V2_Tool_options_pattern = Annotated[int, rt.native(integer=True)]
_V2_Tool_options = Annotated[
    dict[str, JsonValue],
    rt.check(rt.pattern_properties([("^x-", lambda: _V2_S4)]), rt.additional_properties((), ("^x-",), None)),
]
_V2_Tool_options_opt = Annotated[_V2_Tool_options | None, rt.NOT_NULL]
_V2_Tool_retries = Annotated[int, rt.native(integer=True, minimum=0)]
_V2_tools = Annotated[list[AssistantSettingsV2Tool], rt.native(max_items=8), rt.check(rt.unique_items)]


AssistantSettings = AssistantSettingsV2
"""The latest version of the config."""


# the models refer to aliases defined after them: resolve those now
AssistantSettingsV1.model_rebuild()
AssistantSettingsV2.model_rebuild()
AssistantSettingsV2Reply1.model_rebuild()
AssistantSettingsV2Tool.model_rebuild()

# the subschemas that keyword checks validate against
_V2_S1 = rt.adapter(_V2_reply_0)
_V2_S2 = rt.adapter(AssistantSettingsV2Reply1)
_V2_S3 = rt.adapter(_V2_reply)
_V2_S4 = rt.adapter(_V2_Tool_options_pattern)


_V2_DEFAULTS: up.Plan = {"style": (True, "chat", None), "tools": (True, [], None)}


def _to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """A document of version 1 as one of version 2."""
    out = copy.deepcopy(doc)
    if "mode" in out:
        out["style"] = out.pop("mode")
    out.pop("labels", None)
    if "style" in out:
        out["style"] = up.map_value(out["style"], (("batch-job", "batch"),))
    return up.fill_document(out, _V2_DEFAULTS)


_STEPS: tuple[Callable[[dict[str, Any]], dict[str, Any]], ...] = (_to_v2,)


def upgrade_assistant_settings(doc: dict[str, Any], version: int) -> dict[str, Any]:
    """``doc``, a document of ``version`` (without its version key), as a document of the latest version:
    each later version's upgrade steps, then its defaults."""
    for step in _STEPS[version - 1 :]:
        doc = step(doc)
    return doc


_IS_VALID: dict[int, Callable[[Any], bool]] = {1: rt.validity(AssistantSettingsV1), 2: rt.validity(AssistantSettingsV2)}


def is_valid_assistant_settings(document: object, version: int = LATEST) -> bool:
    """Whether ``document`` (its body: no version key) is valid under version ``version`` of the schema.

    The verdict of ``AssistantSettingsV<version>.model_validate``,
    from the same checks run the same way, without building the model: a check or a gate that needs
    no model pays for none. An unknown version raises ``up.ConfigVersionError`` (a ``ValueError``)."""
    return _IS_VALID[up.known_version(version, LATEST)](document)


_VALIDATORS: dict[int, Callable[[Any], object]] = {1: AssistantSettingsV1.model_validate, 2: AssistantSettingsV2.model_validate}  # noqa: E501


def load_assistant_settings(
    data: object, version: int | None = None, *, version_key: str | None = VERSION_KEY
) -> AssistantSettings:
    """A stored document as the latest version: validated under the version it records (``version``, when
    the row keeps it in a column; else the document's ``version_key``), upgraded, validated again. A
    missing or unknown version raises ``up.ConfigVersionError`` (a ``ValueError``): it is never guessed."""
    body, found = up.split_version(data, version, version_key, LATEST)
    _VALIDATORS[found](body)
    upgraded = upgrade_assistant_settings(body, found)
    return AssistantSettings.model_validate(upgraded)


def dump_assistant_settings(config: AssistantSettings, *, version_key: str | None = VERSION_KEY) -> Any:
    """The document to store: the config as JSON, with the latest version under ``version_key`` (pass None
    when the row keeps the version in a column)."""
    doc = config.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return {**doc, version_key: LATEST} if version_key is not None and isinstance(doc, dict) else doc
