"""Row models of `Everything`: One column of every type, for the row validators.

Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.
"""

import datetime as _dt
import decimal as _decimal
import typing as _typing
import uuid as _uuid

import pydantic as _pd

from ..configs import settings_config as _settings_config
from . import _enums, _types


def _load_settings_config(value: object) -> object:
    """A stored `settings_config` document of any version as its latest model; a model as it is."""
    if isinstance(value, _settings_config.SettingsConfig):
        return value
    return _settings_config.load_settings_config(value)


class EverythingRow(_pd.BaseModel):
    """A row of `Everything` as the database holds it."""

    model_config = _types.ROW_CONFIG_ALIASED

    id: _uuid.UUID
    small: _typing.Annotated[
        _types.SmallInt,
        _types.check("Everything_small_range", ">=", -10),
        _types.check("Everything_small_range", "<=", 10),
    ]
    int_: _typing.Annotated[_types.Integer, _types.check("Everything_int_and_big", ">=", 0)] = _pd.Field(7, alias="int")
    big: _typing.Annotated[_types.BigInt, _types.check("Everything_int_and_big", "<>", 13)]
    price: _typing.Annotated[
        _types.Numeric,
        _types.numeric(6, 2),
        _types.check("Everything_price_positive", ">", 0),
    ] = _decimal.Decimal("1.5")
    amount: _types.Numeric | None = None
    ratio: _typing.Annotated[_types.Real, _types.check("Everything_ratio_half", ">=", _decimal.Decimal("0.5"))]
    score: _typing.Annotated[
        _types.Double,
        _types.check("Everything_score_not_zero", "<>", _decimal.Decimal("0.25")),
    ] = 0.0
    flag: bool = True
    day: _dt.date
    clock: _types.Time | None = None
    at: _types.Timestamp
    atz: _types.TimestampTz
    span: _dt.timedelta | None = None
    doc: _types.Json | None = None
    docb: _types.Jsonb = {"a": [1, "b"]}
    blob: bytes | None = None
    note: _types.Text | None = _pd.Field(None, description="A note, \"quoted\".")
    code: _typing.Annotated[_types.Text, _types.varchar(5), _types.check("Everything_code", "<>", "nope")]
    mood: _typing.Annotated[_enums.Mood, _types.check("Everything_mood", "<>", "x'y")] = "calm"
    tags: list[_types.Text | None] = ["a", "b"]
    nums: list[_types.Integer | None] | None = None
    codes: list[_typing.Annotated[_types.Text, _types.varchar(3)] | None] | None = None
    moods: list[_enums.Mood | None] = []
    legacy: _types.Text | None = _pd.Field(None, deprecated="moved to note")
    from_: _types.Text | None = _pd.Field(None, alias="from")
    json_: _types.Integer | None = _pd.Field(None, alias="json")
    model_name_: _types.Text | None = _pd.Field(None, alias="model_name")
    settings: _typing.Annotated[
        _settings_config.SettingsConfig,
        _pd.BeforeValidator(_load_settings_config),
    ] | None = None


class EverythingInsert(_pd.BaseModel):
    """A row to insert into `Everything`. It leaves out what the database fills in: `id`, `atz`."""

    model_config = _types.ROW_CONFIG_ALIASED

    small: _typing.Annotated[
        _types.SmallInt,
        _types.check("Everything_small_range", ">=", -10),
        _types.check("Everything_small_range", "<=", 10),
    ]
    int_: _typing.Annotated[_types.Integer, _types.check("Everything_int_and_big", ">=", 0)] = _pd.Field(7, alias="int")
    big: _typing.Annotated[_types.BigInt, _types.check("Everything_int_and_big", "<>", 13)]
    price: _typing.Annotated[
        _types.Numeric,
        _types.numeric(6, 2),
        _types.check("Everything_price_positive", ">", 0),
    ] = _decimal.Decimal("1.5")
    amount: _types.Numeric | None = None
    ratio: _typing.Annotated[_types.Real, _types.check("Everything_ratio_half", ">=", _decimal.Decimal("0.5"))]
    score: _typing.Annotated[
        _types.Double,
        _types.check("Everything_score_not_zero", "<>", _decimal.Decimal("0.25")),
    ] = 0.0
    flag: bool = True
    day: _dt.date
    clock: _types.Time | None = None
    at: _types.Timestamp
    span: _dt.timedelta | None = None
    doc: _types.Json | None = None
    docb: _types.Jsonb = {"a": [1, "b"]}
    blob: bytes | None = None
    note: _types.Text | None = _pd.Field(None, description="A note, \"quoted\".")
    code: _typing.Annotated[_types.Text, _types.varchar(5), _types.check("Everything_code", "<>", "nope")]
    mood: _typing.Annotated[_enums.Mood, _types.check("Everything_mood", "<>", "x'y")] = "calm"
    tags: list[_types.Text | None] = ["a", "b"]
    nums: list[_types.Integer | None] | None = None
    codes: list[_typing.Annotated[_types.Text, _types.varchar(3)] | None] | None = None
    moods: list[_enums.Mood | None] = []
    legacy: _types.Text | None = _pd.Field(None, deprecated="moved to note")
    from_: _types.Text | None = _pd.Field(None, alias="from")
    json_: _types.Integer | None = _pd.Field(None, alias="json")
    model_name_: _types.Text | None = _pd.Field(None, alias="model_name")
    settings: _typing.Annotated[
        _settings_config.SettingsConfig,
        _pd.BeforeValidator(_load_settings_config),
    ] | None = None
