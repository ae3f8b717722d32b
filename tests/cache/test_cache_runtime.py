"""The generated cache runtime on a real Redis server, with the example's compiled policies:

- companion_detail  "companion:{id}"                    anonymous 300s, signed-in 60s, Companion
- companion_messages "messages:{companionId}:{userId}"  signed-in 60s, chunks of 1MB, Message + Companion
- group_chat_feed   "group:{groupChatId}"               300s / 60s, chunks of 1MB, GroupMessage + GroupChat
- user_usage        "usage:{userId}"                    critical: never cached
"""

from __future__ import annotations

import os
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

A, B = uuid.UUID(int=0xA), uuid.UUID(int=0xB)
U1, U2 = uuid.UUID(int=0x1), uuid.UUID(int=0x2)


@pytest.fixture(scope="session")
def cp(gen):
    from specguard_generated import cache_policies

    return cache_policies


@pytest.fixture(scope="session")
def rt(gen):
    from specguard_generated import cache_runtime

    return cache_runtime


@pytest.fixture
def cache(r, cp, rt):
    return rt.PolicyCache(r, cp.POLICIES)


def keys(r) -> set[str]:
    return {k.decode() for k in r.scan_iter(count=1000)}


# --- TTLs and audiences --------------------------------------------------------------------------


@pytest.mark.parametrize("policy,audience,ttl", [
    ("COMPANION_DETAIL", "anonymous", 300), ("COMPANION_DETAIL", "authenticated", 60),
    ("COMPANION_MESSAGES", "authenticated", 60), ("GROUP_CHAT_FEED", "anonymous", 300),
])
def test_values_expire_after_the_declared_ttl_of_the_audience(r, cp, cache, policy, audience, ttl):
    p = getattr(cp, policy)
    values = {"id": A, "companionId": A, "userId": U1, "groupChatId": B}
    assert cache.set(p, values, b"payload", audience) is True
    key = p.key(values)
    assert (ttl - 2) * 1000 < r.pttl(key) <= ttl * 1000
    assert cache.get(p, values, audience) == b"payload"


def test_an_audience_without_a_ttl_is_never_cached(r, cp, cache):
    values = {"companionId": A, "userId": U1}
    assert cache.set(cp.COMPANION_MESSAGES, values, b"x", "anonymous") is False
    assert keys(r) == set()
    cache.set(cp.COMPANION_MESSAGES, values, b"x", "authenticated")
    assert cache.get(cp.COMPANION_MESSAGES, values, "anonymous") is None


def test_a_critical_policy_refuses_to_cache(r, cp, rt, cache):
    assert not cp.USER_USAGE.cacheable and cp.USER_USAGE.ttl("authenticated") is None
    with pytest.raises(rt.CriticalPolicyError, match="user_usage"):
        cache.set(cp.USER_USAGE, {"userId": U1}, b"100 tokens", "authenticated")
    with pytest.raises(rt.CriticalPolicyError):
        cache.get(cp.USER_USAGE, {"userId": U1}, "anonymous")
    assert keys(r) == set()


def test_a_signed_in_reader_never_gets_a_value_older_than_its_ttl(r, cp, cache):
    values = {"id": A}
    cache.set(cp.COMPANION_DETAIL, values, b"profile", "anonymous")  # kept 300s
    key = cp.COMPANION_DETAIL.key(values)
    assert cache.get(cp.COMPANION_DETAIL, values, "authenticated") == b"profile"  # just written
    r.pexpire(key, 200_000)  # as if stored 100s ago: fine for anonymous readers, too old for signed-in ones
    assert cache.get(cp.COMPANION_DETAIL, values, "anonymous") == b"profile"
    assert cache.get(cp.COMPANION_DETAIL, values, "authenticated") is None


def test_values_written_by_something_else_are_misses(r, cp, cache):
    r.set(cp.COMPANION_DETAIL.key({"id": A}), b"raw bytes", ex=100)
    r.set(cp.COMPANION_DETAIL.key({"id": B}), b"sg1 v 300\nno expiry")
    assert cache.get(cp.COMPANION_DETAIL, {"id": A}, "anonymous") is None
    assert cache.get(cp.COMPANION_DETAIL, {"id": B}, "anonymous") is None


def test_a_client_that_decodes_responses_is_refused(r, redis_connection, cp, rt):
    import redis_server

    decoding = redis_server.client(redis_connection, decode_responses=True)
    cache = rt.PolicyCache(decoding, cp.POLICIES)
    cache.set(cp.COMPANION_DETAIL, {"id": A}, b"x", "anonymous")
    with pytest.raises(TypeError, match="decode_responses=False"):
        cache.get(cp.COMPANION_DETAIL, {"id": A}, "anonymous")


# --- chunks --------------------------------------------------------------------------------------


def test_a_value_over_the_chunk_size_is_stored_in_chunks_and_read_back_whole(r, cp, cache):
    values = {"companionId": A, "userId": U1}
    big = os.urandom(1024 * 1024 * 5 // 2)  # 2.5 MB: three chunks of at most 1 MB
    cache.set(cp.COMPANION_MESSAGES, values, big, "authenticated")
    key = cp.COMPANION_MESSAGES.key(values)
    chunks = sorted(keys(r) - {key})
    assert len(chunks) == 3 and all(k.startswith(key + "#") for k in chunks)
    assert all(r.strlen(k) <= 1024 * 1024 for k in chunks)
    assert all(58_000 < r.pttl(k) <= 60_000 for k in [key, *chunks])
    assert cache.get(cp.COMPANION_MESSAGES, values, "authenticated") == big


def test_rewriting_a_chunked_value_leaves_no_chunk_behind(r, cp, cache):
    values = {"companionId": A, "userId": U1}
    cache.set(cp.COMPANION_MESSAGES, values, os.urandom(3 * 1024 * 1024), "authenticated")
    cache.set(cp.COMPANION_MESSAGES, values, b"small now", "authenticated")
    assert keys(r) == {cp.COMPANION_MESSAGES.key(values)}
    assert cache.get(cp.COMPANION_MESSAGES, values, "authenticated") == b"small now"


def test_a_missing_chunk_is_a_miss_not_a_partial_value(r, cp, cache):
    values = {"companionId": A, "userId": U1}
    cache.set(cp.COMPANION_MESSAGES, values, os.urandom(2 * 1024 * 1024 + 1), "authenticated")
    key = cp.COMPANION_MESSAGES.key(values)
    r.delete(sorted(keys(r) - {key})[1])
    assert cache.get(cp.COMPANION_MESSAGES, values, "authenticated") is None


# --- invalidation --------------------------------------------------------------------------------


def populate(cache, cp, companions=(A, B), users=(U1, U2), groups=(A, B)) -> None:
    """A value under every policy for every record; the group feed and one chat chunked."""
    for c in companions:
        cache.set(cp.COMPANION_DETAIL, {"id": c}, b"detail", "anonymous")
        for u in users:
            cache.set(cp.COMPANION_MESSAGES, {"companionId": c, "userId": u}, b"m", "authenticated")
    for g in groups:
        cache.set(cp.GROUP_CHAT_FEED, {"groupChatId": g}, os.urandom(1024 * 1024 + 10), "anonymous")
    cache.set(cp.COMPANION_MESSAGES, {"companionId": A, "userId": U1}, os.urandom(1024 * 1024 + 10), "authenticated")


def owned(all_keys: set[str], *prefixes: str) -> set[str]:
    """The keys and chunk keys under the given record keys."""
    return {k for k in all_keys if any(k == p or k.startswith(p + "#") for p in prefixes)}


def test_a_write_to_a_model_clears_exactly_the_keys_of_the_policies_that_name_it(r, cp, cache):
    populate(cache, cp)
    r.set("unrelated:companion:" + str(A), b"not ours")
    before = keys(r)
    deleted = cache.invalidate("Companion", {"id": A, "name": "Ada"})
    expected = owned(before, f"companion:{A}", f"messages:{A}:{U1}", f"messages:{A}:{U2}")
    assert before - keys(r) == expected and deleted == len(expected)
    assert len(expected) == 5  # detail, two chats, the two chunks of one chat


def test_a_write_to_a_message_clears_only_its_own_chat(r, cp, cache):
    populate(cache, cp)
    before = keys(r)
    cache.invalidate("Message", {"id": uuid.uuid4(), "companionId": B, "userId": U2, "content": "hi"})
    assert before - keys(r) == {f"messages:{B}:{U2}"}


def test_an_update_clears_the_keys_of_the_row_before_and_after(r, cp, cache):
    populate(cache, cp)
    before = keys(r)
    cache.invalidate("GroupMessage", {"groupChatId": A}, {"groupChatId": B})
    assert before - keys(r) == owned(before, f"group:{A}", f"group:{B}")


def test_a_write_without_a_row_clears_every_key_of_the_policies(r, cp, cache):
    populate(cache, cp)
    before = keys(r)
    cache.invalidate("GroupChat")
    assert before - keys(r) == {k for k in before if k.startswith("group:")}


def test_a_model_that_no_policy_names_clears_nothing(r, cp, cache):
    populate(cache, cp)
    before = keys(r)
    assert cache.invalidate("User", {"id": U1}) == 0 and keys(r) == before


def test_invalidation_scans_and_never_uses_keys(r, cp, cache):
    populate(cache, cp)
    r.config_resetstat()
    cache.invalidate("Companion")
    stats = r.info("commandstats")
    assert "cmdstat_keys" not in stats and stats["cmdstat_scan"]["calls"] >= 1
    assert stats["cmdstat_unlink"]["calls"] >= 1


# --- hostile values ------------------------------------------------------------------------------

HOSTILE = ["*", "?", "[a-z]", "[", "]", "\\", "\\*", ":", "a:b", "#", "a#0", "%", "%2A", "{id}", " ", "",
           "é", "😀", "a*", "*a", "[^a]", "A", "a", "0"]


def test_hostile_values_build_distinct_keys_free_of_glob_characters(cp):
    built = [cp.COMPANION_DETAIL.key({"id": v}) for v in HOSTILE]
    assert len(set(built)) == len(HOSTILE)
    for key in built:
        assert not set(key[len("companion:"):]) & set("*?[]\\:#{} ")


@settings(max_examples=30)
@given(target=st.sampled_from(HOSTILE) | st.text(max_size=6), others=st.lists(
    st.sampled_from(HOSTILE) | st.text(max_size=6), min_size=1, max_size=6))
def test_hostile_values_never_widen_an_invalidation(redis_connection, gen, target, others):
    import redis_server
    from specguard_generated.cache_policies import COMPANION_MESSAGES, POLICIES
    from specguard_generated.cache_runtime import PolicyCache

    r = redis_server.client(redis_connection)
    r.flushdb()
    cache = PolicyCache(r, POLICIES)
    for c in {target, *others}:
        for u in {target, *others}:
            cache.set(COMPANION_MESSAGES, {"companionId": c, "userId": u}, b"v", "authenticated")
    before = keys(r)
    cache.invalidate("Message", {"companionId": target, "userId": target})
    assert before - keys(r) == {COMPANION_MESSAGES.key({"companionId": target, "userId": target})}
    cache.invalidate("Companion", {"id": target})
    gone = {k for k in before if k not in keys(r)}
    assert gone == {COMPANION_MESSAGES.key({"companionId": target, "userId": u}) for u in {target, *others}}
    r.close()


def test_key_values_have_one_spelling_each(cp):
    from datetime import datetime, timedelta, timezone
    from decimal import Decimal

    key = cp.COMPANION_DETAIL.key
    assert key({"id": Decimal("1.50")}) == key({"id": Decimal("1.5")})
    assert key({"id": Decimal("0")}) == key({"id": Decimal("-0.00")})
    noon = datetime(2026, 1, 1, 12, tzinfo=timezone.utc)
    assert key({"id": noon}) == key({"id": noon.astimezone(timezone(timedelta(hours=2)))})
    assert key({"id": True}) == "companion:true" and key({"id": 7}) == "companion:7"
    assert key({"id": A}) == f"companion:{A}"
    with pytest.raises(ValueError, match="None"):
        key({"id": None})
    with pytest.raises(KeyError, match="id"):
        key({})
    with pytest.raises(TypeError):
        key({"id": b"bytes"})
