"""The config `personality_config`.

Validators of versions 1 to 3, the upgrade to the latest, and the loader.
Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import Field

from specguard_generated.configs import _checks as rt
from specguard_generated.configs import _upgrade as up

LATEST = 3
VERSION_KEY = "$version"


# --- version 1 --------------------------------------------------------------------------------


class PersonalityConfigV1(rt.Model):
    """Personality settings of a companion (first version)."""

    legacyFlag: _V1_legacyFlag_opt = None
    mood: Literal["cheerful", "formal", "playful"]
    verbosity: _V1_verbosity_opt = None


_V1_legacyFlag_opt = Annotated[bool | None, rt.NOT_NULL]
_V1_verbosity = Annotated[int, rt.native(integer=True, minimum=1, maximum=5)]
_V1_verbosity_opt = Annotated[_V1_verbosity | None, rt.NOT_NULL]


# --- version 2 --------------------------------------------------------------------------------


class PersonalityConfigV2(rt.Model):
    """Personality settings of a companion."""

    tone: Literal["friendly", "formal", "playful"]
    traits: _V2_traits = Field(default_factory=list)
    verbosity: _V2_verbosity = 3


_V2_traits_item = Annotated[str, rt.native(max_length=40)]
_V2_traits = Annotated[list[_V2_traits_item], rt.native(max_items=10)]
_V2_verbosity = Annotated[int, rt.native(integer=True, minimum=1, maximum=5)]


# --- version 3 --------------------------------------------------------------------------------


class PersonalityConfigV3(rt.Model):
    """Personality settings of a companion, with a safety level and a reply language."""

    language: _V3_language = "en"
    safety: PersonalityConfigV3Safety
    tone: Literal["friendly", "formal", "playful", "concise"]
    traits: _V3_traits = Field(default_factory=list)
    verbosity: _V3_verbosity = 3


class PersonalityConfigV3Safety(rt.Model):
    """An object."""

    blockList: _V3_Safety_blockList = Field(default_factory=list)
    level: Literal["standard", "strict"]


_V3_language = Annotated[str, rt.check(rt.pattern("^[a-z]{2}(-[A-Z]{2})?$"))]
_V3_Safety_blockList_item = Annotated[str, rt.native(min_length=1)]
_V3_Safety_blockList = Annotated[list[_V3_Safety_blockList_item], rt.check(rt.unique_items)]
_V3_traits_item = Annotated[str, rt.native(max_length=40)]
_V3_traits = Annotated[list[_V3_traits_item], rt.native(max_items=10)]
_V3_verbosity = Annotated[int, rt.native(integer=True, minimum=1, maximum=5)]


PersonalityConfig = PersonalityConfigV3
"""The latest version of the config."""


# the models refer to aliases defined after them: resolve those now
PersonalityConfigV1.model_rebuild()
PersonalityConfigV2.model_rebuild()
PersonalityConfigV3.model_rebuild()
PersonalityConfigV3Safety.model_rebuild()


_V2_DEFAULTS: up.Plan = {"tone": (True, "friendly", None), "traits": (True, [], None), "verbosity": (True, 3, None)}


def _to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """A document of version 1 as one of version 2."""
    out = copy.deepcopy(doc)
    if "mood" in out:
        out["tone"] = out.pop("mood")
    out.pop("legacyFlag", None)
    if "tone" in out:
        out["tone"] = up.map_value(out["tone"], (("cheerful", "friendly"),))
    return up.fill_document(out, _V2_DEFAULTS)


_V3_DEFAULTS: up.Plan = {"language": (True, "en", None), "safety": (False, None, {"blockList": (True, [], None)}), "tone": (True, "friendly", None), "traits": (True, [], None), "verbosity": (True, 3, None)}  # noqa: E501


def _to_v3(doc: dict[str, Any]) -> dict[str, Any]:
    """A document of version 2 as one of version 3."""
    out = copy.deepcopy(doc)
    out["safety"] = {"level": "standard"}
    return up.fill_document(out, _V3_DEFAULTS)


_STEPS: tuple[Callable[[dict[str, Any]], dict[str, Any]], ...] = (_to_v2, _to_v3)


def upgrade_personality_config(doc: dict[str, Any], version: int) -> dict[str, Any]:
    """``doc``, a document of ``version`` (without its version key), as a document of the latest version:
    each later version's upgrade steps, then its defaults."""
    for step in _STEPS[version - 1 :]:
        doc = step(doc)
    return doc


_IS_VALID: dict[int, Callable[[Any], bool]] = {1: rt.validity(PersonalityConfigV1), 2: rt.validity(PersonalityConfigV2), 3: rt.validity(PersonalityConfigV3)}  # noqa: E501


def is_valid_personality_config(document: object, version: int = LATEST) -> bool:
    """Whether ``document`` (its body: no version key) is valid under version ``version`` of the schema.

    The verdict of ``PersonalityConfigV<version>.model_validate``,
    from the same checks run the same way, without building the model: a check or a gate that needs
    no model pays for none. An unknown version raises ``up.ConfigVersionError`` (a ``ValueError``)."""
    return _IS_VALID[up.known_version(version, LATEST)](document)


_VALIDATORS: dict[int, Callable[[Any], object]] = {1: PersonalityConfigV1.model_validate, 2: PersonalityConfigV2.model_validate, 3: PersonalityConfigV3.model_validate}  # noqa: E501


def load_personality_config(
    data: object, version: int | None = None, *, version_key: str | None = VERSION_KEY
) -> PersonalityConfig:
    """A stored document as the latest version: validated under the version it records (``version``, when
    the row keeps it in a column; else the document's ``version_key``), upgraded, validated again. A
    missing or unknown version raises ``up.ConfigVersionError`` (a ``ValueError``): it is never guessed."""
    body, found = up.split_version(data, version, version_key, LATEST)
    _VALIDATORS[found](body)
    upgraded = upgrade_personality_config(body, found)
    return PersonalityConfig.model_validate(upgraded)


def dump_personality_config(config: PersonalityConfig, *, version_key: str | None = VERSION_KEY) -> Any:
    """The document to store: the config as JSON, with the latest version under ``version_key`` (pass None
    when the row keeps the version in a column)."""
    doc = config.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return {**doc, version_key: LATEST} if version_key is not None and isinstance(doc, dict) else doc
