"""Row models of `UserUsage`: A user's token balance and running totals. Critical data, never cached.

Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

import typing as _typing
import uuid as _uuid

import pydantic as _pd

from . import _types


class UserUsageRow(_pd.BaseModel):
    """A row of `UserUsage` as the database holds it."""

    model_config = _types.ROW_CONFIG

    userId: _uuid.UUID
    balance: _types.BigInt = 0
    totalBurned: _typing.Annotated[_types.BigInt, _types.check("UserUsage_totals_nonnegative", ">=", 0)] = 0
    totalGranted: _typing.Annotated[_types.BigInt, _types.check("UserUsage_totals_nonnegative", ">=", 0)] = 0
    updatedAt: _types.TimestampTz


class UserUsageInsert(_pd.BaseModel):
    """A row to insert into `UserUsage`. It leaves out what the database fills in: `updatedAt`."""

    model_config = _types.ROW_CONFIG

    userId: _uuid.UUID
    balance: _types.BigInt = 0
    totalBurned: _typing.Annotated[_types.BigInt, _types.check("UserUsage_totals_nonnegative", ">=", 0)] = 0
    totalGranted: _typing.Annotated[_types.BigInt, _types.check("UserUsage_totals_nonnegative", ">=", 0)] = 0
