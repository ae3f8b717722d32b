"""Compiled by specguard from the specs: do not edit; change the specs and run `specguard compile`.

Serve them with `cache_runtime.PolicyCache` on a redis-py client (the package's `cache` extra). A constant per
policy; `POLICIES` by name; `INVALIDATES`: for each model, the policies that a write to it invalidates.
"""

from collections.abc import Mapping

from .cache_runtime import CachePolicy

CHILD_ITEMS = CachePolicy(
    name="child_items",
    model="ChildItem",
    key_template="child:{parentId}/{slot}",
    parts=(("text", "child:"), ("column", "parentId"), ("text", "/"), ("column", "slot")),
    ttl_anonymous=None,
    ttl_authenticated=3600,
    critical=False,
    chunk_max_bytes=65536,
    invalidated_by=(
        ("ChildItem", (("parentId", "parentId"), ("slot", "slot"))),
        ("Everything", (("parentId", "id"),)),
    ),
)

EVERYTHING_DETAIL = CachePolicy(
    name="everything_detail",
    model="Everything",
    key_template="everything:{id}",
    parts=(("text", "everything:"), ("column", "id")),
    ttl_anonymous=300,
    ttl_authenticated=30,
    critical=False,
    chunk_max_bytes=None,
    invalidated_by=(("ChildItem", (("id", "parentId"),)), ("Everything", (("id", "id"),))),
)

POLICIES: Mapping[str, CachePolicy] = {
    "child_items": CHILD_ITEMS,
    "everything_detail": EVERYTHING_DETAIL,
}
INVALIDATES: Mapping[str, tuple[str, ...]] = {
    "ChildItem": ("child_items", "everything_detail"),
    "Everything": ("child_items", "everything_detail"),
}
