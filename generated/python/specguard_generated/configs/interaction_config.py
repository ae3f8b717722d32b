"""The config `interaction_config`.

Validators of versions 1 to 1, the upgrade to the latest, and the loader.
Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from specguard_generated.configs import _checks as rt
from specguard_generated.configs import _upgrade as up

LATEST = 1
VERSION_KEY = "$version"


# --- version 1 --------------------------------------------------------------------------------


class InteractionConfigV1(rt.Model):
    """How a companion takes part in conversations."""

    greeting: _V1_greeting_opt = None
    maxReplyTokens: _V1_maxReplyTokens = 512
    replyInGroups: bool = True


_V1_greeting = Annotated[str, rt.native(max_length=500)]
_V1_greeting_opt = Annotated[_V1_greeting | None, rt.NOT_NULL]
_V1_maxReplyTokens = Annotated[int, rt.native(integer=True, minimum=16, maximum=4096)]


InteractionConfig = InteractionConfigV1
"""The latest version of the config."""


# the models refer to aliases defined after them: resolve those now
InteractionConfigV1.model_rebuild()


_STEPS: tuple[Callable[[dict[str, Any]], dict[str, Any]], ...] = ()


def upgrade_interaction_config(doc: dict[str, Any], version: int) -> dict[str, Any]:
    """``doc``, a document of ``version`` (without its version key), as a document of the latest version:
    each later version's upgrade steps, then its defaults."""
    for step in _STEPS[version - 1 :]:
        doc = step(doc)
    return doc


_IS_VALID: dict[int, Callable[[Any], bool]] = {1: rt.validity(InteractionConfigV1)}


def is_valid_interaction_config(document: object, version: int = LATEST) -> bool:
    """Whether ``document`` (its body: no version key) is valid under version ``version`` of the schema.

    The verdict of ``InteractionConfigV<version>.model_validate``,
    from the same checks run the same way, without building the model: a check or a gate that needs
    no model pays for none. An unknown version raises ``up.ConfigVersionError`` (a ``ValueError``)."""
    return _IS_VALID[up.known_version(version, LATEST)](document)


_VALIDATORS: dict[int, Callable[[Any], object]] = {1: InteractionConfigV1.model_validate}


def load_interaction_config(
    data: object, version: int | None = None, *, version_key: str | None = VERSION_KEY
) -> InteractionConfig:
    """A stored document as the latest version: validated under the version it records (``version``, when
    the row keeps it in a column; else the document's ``version_key``), upgraded, validated again. A
    missing or unknown version raises ``up.ConfigVersionError`` (a ``ValueError``): it is never guessed."""
    body, found = up.split_version(data, version, version_key, LATEST)
    _VALIDATORS[found](body)
    upgraded = upgrade_interaction_config(body, found)
    return InteractionConfig.model_validate(upgraded)


def dump_interaction_config(config: InteractionConfig, *, version_key: str | None = VERSION_KEY) -> Any:
    """The document to store: the config as JSON, with the latest version under ``version_key`` (pass None
    when the row keeps the version in a column)."""
    doc = config.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return {**doc, version_key: LATEST} if version_key is not None and isinstance(doc, dict) else doc
