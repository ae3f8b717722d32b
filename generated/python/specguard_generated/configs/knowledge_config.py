"""The config `knowledge_config`.

Validators of versions 1 to 1, the upgrade to the latest, and the loader.
Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from pydantic import Field

from specguard_generated.configs import _checks as rt
from specguard_generated.configs import _upgrade as up

LATEST = 1
VERSION_KEY = "$version"


# --- version 1 --------------------------------------------------------------------------------


class KnowledgeConfigV1(rt.Model):
    """What a companion knows: background text and reference links."""

    background: _V1_background = ""
    links: _V1_links = Field(default_factory=list)


_V1_background = Annotated[str, rt.native(max_length=20000)]
_V1_links_item = Annotated[str, rt.check(rt.format_("uri"))]
_V1_links = Annotated[list[_V1_links_item], rt.native(max_items=50)]


KnowledgeConfig = KnowledgeConfigV1
"""The latest version of the config."""


# the models refer to aliases defined after them: resolve those now
KnowledgeConfigV1.model_rebuild()


_STEPS: tuple[Callable[[dict[str, Any]], dict[str, Any]], ...] = ()


def upgrade_knowledge_config(doc: dict[str, Any], version: int) -> dict[str, Any]:
    """``doc``, a document of ``version`` (without its version key), as a document of the latest version:
    each later version's upgrade steps, then its defaults."""
    for step in _STEPS[version - 1 :]:
        doc = step(doc)
    return doc


_IS_VALID: dict[int, Callable[[Any], bool]] = {1: rt.validity(KnowledgeConfigV1)}


def is_valid_knowledge_config(document: object, version: int = LATEST) -> bool:
    """Whether ``document`` (its body: no version key) is valid under version ``version`` of the schema.

    The verdict of ``KnowledgeConfigV<version>.model_validate``,
    from the same checks run the same way, without building the model: a check or a gate that needs
    no model pays for none. An unknown version raises ``up.ConfigVersionError`` (a ``ValueError``)."""
    return _IS_VALID[up.known_version(version, LATEST)](document)


_VALIDATORS: dict[int, Callable[[Any], object]] = {1: KnowledgeConfigV1.model_validate}


def load_knowledge_config(
    data: object, version: int | None = None, *, version_key: str | None = VERSION_KEY
) -> KnowledgeConfig:
    """A stored document as the latest version: validated under the version it records (``version``, when
    the row keeps it in a column; else the document's ``version_key``), upgraded, validated again. A
    missing or unknown version raises ``up.ConfigVersionError`` (a ``ValueError``): it is never guessed."""
    body, found = up.split_version(data, version, version_key, LATEST)
    _VALIDATORS[found](body)
    upgraded = upgrade_knowledge_config(body, found)
    return KnowledgeConfig.model_validate(upgraded)


def dump_knowledge_config(config: KnowledgeConfig, *, version_key: str | None = VERSION_KEY) -> Any:
    """The document to store: the config as JSON, with the latest version under ``version_key`` (pass None
    when the row keeps the version in a column)."""
    doc = config.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return {**doc, version_key: LATEST} if version_key is not None and isinstance(doc, dict) else doc
