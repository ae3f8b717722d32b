"""The package compiled from the repository's own specs (generated/python), imported and used as an
application would: rows validated before they reach the database, the insert model, the enums, the
checks, the lookups by model name."""

from __future__ import annotations

import sys
import uuid
import warnings
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from generated_import import imported  # noqa: E402

GENERATED = Path(__file__).resolve().parents[2] / "generated" / "python"
NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def gen():
    with imported(GENERATED) as package:
        yield package


def companion(**changes) -> dict:
    return {"id": uuid.uuid4(), "userId": uuid.uuid4(), "name": "Ada", "createdAt": NOW, "updatedAt": NOW, **changes}


def test_a_row_from_the_database_validates(gen):
    from specguard_generated.rows.companion import CompanionRow

    row = CompanionRow.model_validate(companion(toolAccess=["search", None], personality={"tone": ["calm", 1]}))
    assert row.isPublic is False and row.version == 1 and row.tokensBurned == 0 and row.personalityConfig is None


@pytest.mark.parametrize("changes,field", [
    ({"id": "3f2a0c1e-0000-4000-8000-000000000000"}, "id"),         # strict: a str is not a UUID
    ({"createdAt": datetime(2026, 1, 1)}, "createdAt"),             # timestamptz needs a time zone
    ({"tokensBurned": -1}, "tokensBurned"),                         # CHECK "tokensBurned" >= 0
    ({"tokensBurned": 2**63}, "tokensBurned"),                      # bigint's range
    ({"version": 0}, "version"),                                    # CHECK "version" >= 1
    ({"name": "nul\x00"}, "name"),                                  # text cannot hold NUL
    ({"personality": {"x": float("nan")}}, "personality"),          # jsonb has no NaN
    ({"toolAccess": ["ok", 3]}, "toolAccess"),                      # text[]
    ({"isPublic": 1}, "isPublic"),                                  # strict: 1 is not a boolean
    ({"nickname": "x"}, "nickname"),                                # no such column
])
def test_values_the_database_would_refuse_are_refused(gen, changes, field):
    from specguard_generated.rows.companion import CompanionRow

    with pytest.raises(ValidationError) as refused:
        CompanionRow.model_validate(companion(**changes))
    assert [e["loc"][0] for e in refused.value.errors()] == [field]


def test_the_insert_model_leaves_out_what_the_database_fills_in(gen):
    from specguard_generated.rows.companion import CompanionInsert

    assert "id" not in CompanionInsert.model_fields and "createdAt" not in CompanionInsert.model_fields
    insert = CompanionInsert(userId=uuid.uuid4(), name="Ada")
    assert insert.model_dump()["toolAccess"] == [] and insert.model_dump()["isPublic"] is False
    with pytest.raises(ValidationError):
        CompanionInsert(userId=uuid.uuid4(), name="Ada", id=uuid.uuid4())


def test_enums_are_literal_types(gen):
    from specguard_generated.rows._enums import MessageRole
    from specguard_generated.rows.message import MessageInsert

    assert MessageRole.__args__ == ("user", "assistant", "system")
    ok = MessageInsert(companionId=uuid.uuid4(), userId=uuid.uuid4(), role="assistant", content="hi")
    assert ok.role == "assistant"
    with pytest.raises(ValidationError):
        MessageInsert(companionId=uuid.uuid4(), userId=uuid.uuid4(), role="robot", content="hi")


def test_a_check_on_two_columns_is_enforced_per_column(gen):
    from specguard_generated.rows.user_usage import UserUsageInsert

    assert UserUsageInsert(userId=uuid.uuid4(), totalBurned=0, totalGranted=5).totalGranted == 5
    with pytest.raises(ValidationError, match="UserUsage_totals_nonnegative"):
        UserUsageInsert(userId=uuid.uuid4(), totalGranted=-5)


def test_assignments_are_validated(gen):
    from specguard_generated.rows.companion import CompanionRow

    row = CompanionRow.model_validate(companion())
    with pytest.raises(ValidationError):
        row.tokensBurned = -3
    row.updatedAt = NOW.astimezone(timezone(timedelta(hours=2)))


def test_rows_round_trip_through_json(gen):
    from specguard_generated.rows.companion import CompanionRow

    row = CompanionRow.model_validate(companion(toolAccess=["a"]))
    assert CompanionRow.model_validate_json(row.model_dump_json()) == row


def test_models_are_found_by_name(gen):
    from specguard_generated import rows

    assert rows.MODULES["GroupMessage"] == "group_message"
    assert rows.row_model("UsageTransaction").__name__ == "UsageTransactionRow"
    with pytest.raises(KeyError):
        rows.row_model("Nope")


def test_no_warning_when_a_row_module_is_imported(gen):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from specguard_generated import rows

        for model in rows.MODULES:
            rows.row_model(model)


@pytest.mark.parametrize("doc,version", [
    ({"tone": "formal", "safety": {"level": "strict"}}, 3),
    ({"tone": "formal", "safety": {"level": "strict"}, "verbosity": 2.0}, 3),      # 2.0 is an integer
    ({"tone": "formal", "safety": {"level": "strict"}, "verbosity": 2.5}, 3),
    ({"tone": "formal", "safety": {"level": "strict", "extra": 1}}, 3),            # a closed nested object
    ({"tone": "formal", "safety": {"level": "strict"}, "traits": ["x" * 41]}, 3),
    ({"mood": "formal", "verbosity": None}, 1),                                    # optional, not nullable
    ({"mood": "formal"}, 1),
    ({"tone": "formal"}, 2),
    ("formal", 2),
])
def test_is_valid_gives_the_verdict_of_the_version_model(gen, doc, version):
    from specguard_generated.configs import personality_config as config

    model = getattr(config, f"PersonalityConfigV{version}")
    try:
        model.model_validate(doc)
        expected = True
    except ValidationError:
        expected = False
    assert config.is_valid_personality_config(doc, version) is expected


def test_is_valid_refuses_a_version_the_config_does_not_have(gen):
    from specguard_generated.configs import personality_config as config

    with pytest.raises(ValueError, match="not a version of this config"):
        config.is_valid_personality_config({}, 9)


@pytest.mark.parametrize("version", [True, 0, "1", 1.0])
def test_is_valid_refuses_what_is_not_a_version_as_loading_does(gen, version):
    # True hashes as 1: looked up as a key, it would have passed for version 1
    from specguard_generated.configs import personality_config as config

    with pytest.raises(config.up.ConfigVersionError, match="not a version of this config"):
        config.is_valid_personality_config({}, version)
    with pytest.raises(config.up.ConfigVersionError, match="not a version of this config"):
        config.load_personality_config({}, version)
