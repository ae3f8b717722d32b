"""The credential heuristic: real-looking secrets are caught, descriptive names are not."""

from __future__ import annotations

import random
import string

import pytest

from specguard.compiler.load.secrets import find_credential

ALPHABET = string.ascii_letters + string.digits + "-_"


def test_random_tokens_are_caught():
    rng = random.Random(20261125)
    tokens = ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(32, 64))) for _ in range(500)]
    caught = sum(find_credential(t) is not None for t in tokens)
    assert caught >= 490, caught


@pytest.mark.parametrize("name", [
    "Companion2PersonalityConfigHistorySnapshotsV3",
    "OrderLineItem2FulfillmentShipmentTrackingEvents",
    "UserUsageTransactionHistoryV2ArchiveTable2025Q4",
    "HTTPRequestLogEntry2024ArchivePartitionTableV2",
    "https://docs.example.com/specs/companions/personality-config-v2",
])
def test_descriptive_names_are_not_secrets(name):
    assert find_credential(name) is None


@pytest.mark.parametrize("value,kind", [
    ("postgresql://app:hunter2-fake@db.example.invalid/app", "a URL with a password"),
    ("redis://:s3cr3t-fake@cache:6379/0", "a URL with a password"),
    ("AKIAABCDEFGHIJKLMNOP", "an access token or private key"),
    ("-----BEGIN RSA PRIVATE KEY-----", "an access token or private key"),
    ("password=correct-horse-fake", "a password assignment"),
])
def test_shapes(value, kind):
    found = find_credential(value)
    assert found is not None and found[0] == kind
    assert "hunter2-fake" not in found[1] and "s3cr3t-fake" not in found[1]


@pytest.mark.parametrize("value", ["postgresql://app:${DB_PASSWORD}@db/app", "postgresql://app@db/app", "password=<your password>"])
def test_placeholders_pass(value):
    assert find_credential(value) is None
