"""Which keys a write to a model clears (``ir/cachekey.invalidation_columns``), table-driven, and the
runtime's patterns for them on a real Redis: a foreign key from either side narrows the deletion to
the written row's keys, each foreign key on its own (a user is the sender OR the recipient)."""

from __future__ import annotations

import uuid

import pytest

from specguard.compiler.ir.cachekey import invalidation_columns
from specguard.compiler.pipeline import load_texts

USER = "kind: model\nname: User\ncolumns:\n  id: {type: uuid, primary_key: true}\n"
DM = """\
kind: model
name: Dm
columns:
  id: {type: uuid, primary_key: true}
  senderId: {type: uuid}
  recipientId: {type: uuid}
foreign_keys:
  - {columns: [senderId], references: {model: User, columns: [id]}}
  - {columns: [recipientId], references: {model: User, columns: [id]}}
"""
TAG = "kind: model\nname: Tag\ncolumns:\n  id: {type: uuid, primary_key: true}\n"


def policy(key: str, model: str = "Dm", on: str = "[Dm, User, Tag]") -> str:
    return f"kind: cache_policy\nname: p\nmodel: {model}\nkey: '{key}'\nttl: {{anonymous: 5s}}\ninvalidate_on: {on}\n"


CASES = [
    ("own-model", policy("dm:{senderId}:{recipientId}"), {
        ("Dm", (("recipientId", "recipientId"), ("senderId", "senderId"))),
        ("User", (("senderId", "id"),)), ("User", (("recipientId", "id"),)),
        ("Tag", ())}),
    ("only-one-fk-in-the-key", policy("inbox:{recipientId}"), {
        ("Dm", (("recipientId", "recipientId"),)), ("User", (("recipientId", "id"),)), ("Tag", ())}),
    ("no-fk-in-the-key", policy("dm:{id}"), {("Dm", (("id", "id"),)), ("User", ()), ("Tag", ())}),
    ("fk-from-the-written-model", policy("user:{id}", model="User", on="[Dm]"), {
        ("Dm", (("id", "senderId"),)), ("Dm", (("id", "recipientId"),))}),
]


@pytest.mark.parametrize("case_id,text,expected", CASES, ids=[c[0] for c in CASES])
def test_invalidation_columns(case_id, text, expected):
    loaded = load_texts({"u.yaml": USER, "d.yaml": DM, "t.yaml": TAG, "p.yaml": text})
    assert not loaded.diagnostics, [(d.code, d.message) for d in loaded.diagnostics]
    (p,) = loaded.catalog.cache_policies
    got = invalidation_columns(p, loaded.catalog)
    assert set(got) == expected and list(got) == sorted(got)


def test_a_user_write_clears_the_keys_where_it_is_sender_or_recipient(r, gen):
    from specguard_generated.cache_runtime import CachePolicy, PolicyCache

    dm = CachePolicy("dm", "Dm", "dm:{senderId}:{recipientId}",
                     (("text", "dm:"), ("column", "senderId"), ("text", ":"), ("column", "recipientId")),
                     60, 60, False, None, (("User", (("recipientId", "id"),)), ("User", (("senderId", "id"),))))
    cache = PolicyCache(r, [dm])
    users = [uuid.UUID(int=i) for i in range(1, 4)]
    for s in users:
        for t in users:
            cache.set(dm, {"senderId": s, "recipientId": t}, b"v", "anonymous")
    cache.invalidate("User", {"id": users[0]})
    left = {k.decode() for k in r.scan_iter()}
    assert left == {dm.key({"senderId": s, "recipientId": t}) for s in users[1:] for t in users[1:]}
