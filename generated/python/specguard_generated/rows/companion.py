"""Row models of `Companion`: An AI companion that a user chats with.

Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

import typing as _typing
import uuid as _uuid

import pydantic as _pd

from . import _types


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
    personalityConfig: _types.Jsonb | None = None
    knowledgeConfig: _types.Jsonb | None = None
    interactionConfig: _types.Jsonb | None = None
    toolConfig: _types.Jsonb | None = None
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
    personalityConfig: _types.Jsonb | None = None
    knowledgeConfig: _types.Jsonb | None = None
    interactionConfig: _types.Jsonb | None = None
    toolConfig: _types.Jsonb | None = None
    toolAccess: list[_types.Text | None] = []
    version: _typing.Annotated[_types.Integer, _types.check("Companion_version_positive", ">=", 1)] = 1
    tokensBurned: _typing.Annotated[_types.BigInt, _types.check("Companion_tokensBurned_nonnegative", ">=", 0)] = 0
