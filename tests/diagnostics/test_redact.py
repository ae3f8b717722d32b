"""The one definition of a credential in text, and the masks every output goes through."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from specguard.diagnostics import Span
from specguard.diagnostics.codes import diag
from specguard.diagnostics.redact import escape_controls, mask_same_width, redact, redact_text

TOKEN = "ghp_" + "aB3" * 12


@pytest.mark.parametrize("text, shown", [
    ("see postgres://app:hunter2-fake@db/x now", "see postgres://app:***@db/x now"),
    ("POSTGRESQL+psycopg://app:p@ss/w%rd@db/x", "POSTGRESQL+psycopg://app:***@db/x"),
    # over-masking is the safe side: a password may hold "&", so what follows it goes too
    ("jdbc:postgresql://db/x?user=a&password=hunter2-fake&ssl=1", "jdbc:postgresql://db/x?user=a&password=***"),
    ("host=db password='two words' user=a", "host=db password=*** user=a"),
    (f"key `{TOKEN}`", "key `ghp_…(40 chars)`"),
    ("api_key: correct-horse-fake", "api_key: ***"),
    ("postgresql://app:${DB_PASSWORD}@db/x", "postgresql://app:${DB_PASSWORD}@db/x"),
    ("Companion2PersonalityConfigHistorySnapshotsV3", "Companion2PersonalityConfigHistorySnapshotsV3"),
    ("sql=2c8de8ea38024a49056af680c60c1ec74cdfe2ccd78f782f27c1a0f9d0c0d667", None),  # a hex digest
])
def test_redact_text(text, shown):
    assert redact_text(text) == (text if shown is None else shown)


@given(st.text(max_size=80), st.sampled_from(["", TOKEN, "postgres://u:pw-fake-1@h/d", "password=abc123def"]))
def test_masks_are_idempotent_and_keep_width(prefix, secret):
    text = prefix + " " + secret + " tail"
    once = redact_text(text)
    assert redact_text(once) == once
    assert len(mask_same_width(text)) == len(text)
    if secret:
        assert secret not in once and secret not in mask_same_width(text)


def test_controls_are_escaped_visibly():
    assert escape_controls("a\nb\x1b[31m\x07\u202e\t") == "a\\nb\\x1b[31m\\x07\\u202e\\t"
    assert escape_controls("hint\nsecond", newlines=True) == "hint\nsecond"


def test_redact_covers_every_field_of_a_diagnostic():
    d = diag("SG112", f"`{TOKEN}` holds a token", Span(f"specs/{TOKEN}\n.yaml", 1, 2), hint=f"x {TOKEN}",
             target=TOKEN, notes=(f"n {TOKEN}",))
    shown = repr(redact(d).to_dict())
    assert TOKEN not in shown and "\n" not in redact(d).span.file
