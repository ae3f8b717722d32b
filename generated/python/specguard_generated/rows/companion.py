"""Row models of `Companion`: An AI companion that a user chats with.

Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

import typing as _typing
import uuid as _uuid

import pydantic as _pd

from ..configs import interaction_config as _interaction_config
from ..configs import knowledge_config as _knowledge_config
from ..configs import personality_config as _personality_config
from ..configs import tool_config as _tool_config
from . import _types


def _load_interaction_config(value: object) -> object:
    """A stored `interaction_config` document of any version as its latest model; a model as it is."""
    if isinstance(value, _interaction_config.InteractionConfig):
        return value
    return _interaction_config.load_interaction_config(value)


def _load_knowledge_config(value: object) -> object:
    """A stored `knowledge_config` document of any version as its latest model; a model as it is."""
    if isinstance(value, _knowledge_config.KnowledgeConfig):
        return value
    return _knowledge_config.load_knowledge_config(value)


def _load_personality_config(value: object) -> object:
    """A stored `personality_config` document of any version as its latest model; a model as it is."""
    if isinstance(value, _personality_config.PersonalityConfig):
        return value
    return _personality_config.load_personality_config(value)


def _load_tool_config(value: object) -> object:
    """A stored `tool_config` document of any version as its latest model; a model as it is."""
    if isinstance(value, _tool_config.ToolConfig):
        return value
    return _tool_config.load_tool_config(value)


class CompanionRow(_pd.BaseModel):
    """A row of `Companion` as the database holds it."""

    model_config = _types.ROW_CONFIG

    id: _uuid.UUID
    userId: _uuid.UUID = _pd.Field(description="The owner.")
    name: _types.Text
    isPublic: bool = False
    personality: _types.Jsonb = _pd.Field(
        {},
        description="Legacy free-form personality; superseded by personalityConfig.",
    )
    personalityConfig: _typing.Annotated[
        _personality_config.PersonalityConfig,
        _pd.BeforeValidator(_load_personality_config),
    ] | None = None
    knowledgeConfig: _typing.Annotated[
        _knowledge_config.KnowledgeConfig,
        _pd.BeforeValidator(_load_knowledge_config),
    ] | None = None
    interactionConfig: _typing.Annotated[
        _interaction_config.InteractionConfig,
        _pd.BeforeValidator(_load_interaction_config),
    ] | None = None
    toolConfig: _typing.Annotated[_tool_config.ToolConfig, _pd.BeforeValidator(_load_tool_config)] | None = None
    toolAccess: list[_types.Text | None] = []
    version: _typing.Annotated[_types.Integer, _types.check("Companion_version_positive", ">=", 1)] = 1
    tokensBurned: _typing.Annotated[_types.BigInt, _types.check("Companion_tokensBurned_nonnegative", ">=", 0)] = 0
    createdAt: _types.TimestampTz
    updatedAt: _types.TimestampTz


class CompanionInsert(_pd.BaseModel):
    """A row to insert into `Companion`. It leaves out what the database fills in: `id`, `createdAt`, `updatedAt`."""

    model_config = _types.ROW_CONFIG

    userId: _uuid.UUID = _pd.Field(description="The owner.")
    name: _types.Text
    isPublic: bool = False
    personality: _types.Jsonb = _pd.Field(
        {},
        description="Legacy free-form personality; superseded by personalityConfig.",
    )
    personalityConfig: _typing.Annotated[
        _personality_config.PersonalityConfig,
        _pd.BeforeValidator(_load_personality_config),
    ] | None = None
    knowledgeConfig: _typing.Annotated[
        _knowledge_config.KnowledgeConfig,
        _pd.BeforeValidator(_load_knowledge_config),
    ] | None = None
    interactionConfig: _typing.Annotated[
        _interaction_config.InteractionConfig,
        _pd.BeforeValidator(_load_interaction_config),
    ] | None = None
    toolConfig: _typing.Annotated[_tool_config.ToolConfig, _pd.BeforeValidator(_load_tool_config)] | None = None
    toolAccess: list[_types.Text | None] = []
    version: _typing.Annotated[_types.Integer, _types.check("Companion_version_positive", ">=", 1)] = 1
    tokensBurned: _typing.Annotated[_types.BigInt, _types.check("Companion_tokensBurned_nonnegative", ">=", 0)] = 0
