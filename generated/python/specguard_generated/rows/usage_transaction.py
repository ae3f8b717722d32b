"""Row models of `UsageTransaction`: One token burn or grant; burns are 1:1 with the inference tokens used.

Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

import typing as _typing
import uuid as _uuid

import pydantic as _pd

from . import _enums, _types


class UsageTransactionRow(_pd.BaseModel):
    """A row of `UsageTransaction` as the database holds it."""

    model_config = _types.ROW_CONFIG

    id: _uuid.UUID
    userId: _uuid.UUID
    companionId: _uuid.UUID | None = None
    kind: _enums.UsageKind
    tokens: _typing.Annotated[_types.BigInt, _types.check("UsageTransaction_tokens_positive", ">", 0)]
    createdAt: _types.TimestampTz


class UsageTransactionInsert(_pd.BaseModel):
    """A row to insert into `UsageTransaction`. It leaves out what the database fills in: `id`, `createdAt`."""

    model_config = _types.ROW_CONFIG

    userId: _uuid.UUID
    companionId: _uuid.UUID | None = None
    kind: _enums.UsageKind
    tokens: _typing.Annotated[_types.BigInt, _types.check("UsageTransaction_tokens_positive", ">", 0)]
