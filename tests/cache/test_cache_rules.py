"""The load-time cache rules, table-driven: each case is a set of spec files and the exact findings
(code, target, file:line:column) a user would see; near misses expect none.

Positions: in ``policy(...)`` the name is at 2:7, the key's value at 4:6 (its quote; text at 4:7),
``ttl`` at 5:6 with the anonymous value at 5:18, ``chunking`` at 6:11 with its size at 6:23.
"""

from __future__ import annotations

import pytest

from specguard.compiler.pipeline import load_texts

MODEL = """\
kind: model
name: Message
columns:
  id: {type: uuid, primary_key: true}
  companionId: {type: uuid}
  userId: {type: uuid}
"""


def policy(name: str = "p", key: str = "p:{id}", ttl: str = "{anonymous: 5s}", chunking: str | None = None) -> str:
    text = f"kind: cache_policy\nname: {name}\nmodel: Message\nkey: '{key}'\nttl: {ttl}\n"
    return text + (f"chunking: {{max_bytes: {chunking}}}\n" if chunking else "")


def files(*policies: str) -> dict[str, str]:
    """The model, and each policy in its own file p1.yaml, p2.yaml, ..."""
    return {"m.yaml": MODEL, **{f"p{i}.yaml": text for i, text in enumerate(policies, start=1)}}


# (id, files, [(code, target, "file:line:column")])
CASES = [
    # SG502: one key prefix starts another
    ("prefix-starts-another", files(policy("a", "companion:{id}"), policy("b", "companion:card:{id}")),
     [("SG502", "b", "p2.yaml:4:6")]),
    ("prefix-reported-on-the-longer", files(policy("b", "companion:card:{id}"), policy("a", "companion:{id}")),
     [("SG502", "b", "p1.yaml:4:6")]),
    ("prefix-without-separator", files(policy("a", "comp{id}"), policy("b", "companion:{id}")),
     [("SG502", "b", "p2.yaml:4:6")]),
    ("prefix-equal", files(policy("a", "messages:{companionId}"), policy("b", "messages:{companionId}:{userId}")),
     [("SG502", "b", "p2.yaml:4:6")]),
    ("prefix-whole-key-without-placeholder", files(policy("a", "featured"), policy("b", "featured_list:{id}")),
     [("SG502", "b", "p2.yaml:4:6")]),
    ("prefix-three-share", files(policy("a", "x:{id}"), policy("b", "x:y:{id}"), policy("c", "x:y:z:{id}")),
     [("SG502", "b", "p2.yaml:4:6"), ("SG502", "c", "p3.yaml:4:6")]),
    ("prefix-distinct", files(policy("a", "companion:{id}"), policy("b", "companion_card:{id}")), []),
    ("prefix-same-text-later-in-key", files(policy("a", "a:{id}"), policy("b", "b:{id}:a:")), []),
    # SG503: TTL bounds
    ("ttl-zero", files(policy(ttl="{anonymous: 0s}")), [("SG503", "p", "p1.yaml:5:18")]),
    ("ttl-over-30-days", files(policy(ttl="{anonymous: 5s, authenticated: 721h}")), [("SG503", "p", "p1.yaml:5:37")]),
    ("ttl-30-days", files(policy(ttl="{anonymous: 1s, authenticated: 720h}")), []),
    ("ttl-huge-minutes", files(policy(ttl="{anonymous: 999999999m}")), [("SG503", "p", "p1.yaml:5:18")]),
    # SG504: chunk size bounds
    ("chunk-tiny", files(policy(chunking="100")), [("SG504", "p", "p1.yaml:6:23")]),
    ("chunk-zero", files(policy(chunking="0KB")), [("SG504", "p", "p1.yaml:6:23")]),
    ("chunk-huge", files(policy(chunking="65MB")), [("SG504", "p", "p1.yaml:6:23")]),
    ("chunk-bounds", files(policy("a", chunking="1KB", key="a:{id}"), policy("b", chunking="64MB", key="b:{id}")), []),
    ("chunk-not-a-size", files(policy(chunking="1GB")), [("SG118", "p", "p1.yaml:6:23")]),
    # SG505: ambiguous templates
    ("placeholders-adjacent", files(policy(key="m:{companionId}{userId}")), [("SG505", "p", "p1.yaml:4:6")]),
    ("placeholders-letters-between", files(policy(key="m:{companionId}and{userId}")), [("SG505", "p", "p1.yaml:4:6")]),
    ("placeholders-dot-between", files(policy(key="m:{companionId}.{userId}")), [("SG505", "p", "p1.yaml:4:6")]),
    ("no-prefix", files(policy(key="{id}:detail")), [("SG505", "p", "p1.yaml:4:6")]),
    ("placeholders-separated", files(policy(key="m:{companionId}/x.{userId}:v1")), []),
    # SG208: characters a template may not hold, pointed at
    ("glob-star", files(policy(key="p*:{id}")), [("SG208", "p", "p1.yaml:4:8")]),
    ("glob-class", files(policy(key="p:[a]:{id}")), [("SG208", "p", "p1.yaml:4:9")]),
    ("chunk-mark", files(policy(key="p:{id}#x")), [("SG208", "p", "p1.yaml:4:13")]),
    ("percent", files(policy(key="p%:{id}")), [("SG208", "p", "p1.yaml:4:8")]),
    ("space", files(policy(key="p :{id}")), [("SG208", "p", "p1.yaml:4:8")]),
    ("unbalanced", files(policy(key="p:{id")), [("SG208", "p", "p1.yaml:4:6")]),
]  # fmt: skip


@pytest.mark.parametrize("case_id,texts,expected", CASES, ids=[c[0] for c in CASES])
def test_cache_rule(case_id, texts, expected):
    result = load_texts(texts)
    got = sorted((d.code, d.target, str(d.span)) for d in result.diagnostics)
    assert got == sorted(expected), [(d.code, str(d.span), d.message) for d in result.diagnostics]
    for d in result.diagnostics:
        assert d.hint and d.category.value in ("cache", "syntax"), d


def test_a_policy_with_a_finding_is_left_out_of_the_catalog():
    result = load_texts(files(policy("a", "companion:{id}"), policy("b", "companion:card:{id}")))
    assert [p.name for p in result.catalog.cache_policies] == ["a"]


def test_messages_say_what_is_wrong():
    result = load_texts(files(policy("a", "companion:{id}"), policy("b", "companion:card:{id}"),
                              policy("c", "c:{id}", ttl="{anonymous: 721h}")))
    text = "\n".join(d.message for d in result.diagnostics)
    assert "invalidating `a` would delete `b`'s keys" in text and "p1.yaml:4:6" in text
    assert "721h is longer than 720h" in text
