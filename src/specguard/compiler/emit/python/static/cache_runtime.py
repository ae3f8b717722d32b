"""The cache runtime: Redis keys, TTLs, chunks and invalidation as the compiled cache policies say.

Copied by specguard into every package that has cache policies; do not edit. It runs on redis-py
(install the package's `cache` extra) and imports redis only for type checking, so the policies in
``cache_policies`` can be read without it.

Keys: ``policy.key({"id": ...})`` fills the template; every ASCII character of a value that is not a
letter, a digit, ``_``, ``.`` or ``-`` is percent-encoded (``%3A`` for ``:``), characters beyond ASCII
are kept. No value can then hold a separator or a glob character of ``SCAN MATCH``, and the load-time
rules make sure that a template separates its placeholders and that no policy's prefix starts
another's: an invalidation pattern built from one record's values never matches another record's key.

Values are bytes, stored behind a one-line header: ``sg1 v <ttl>\\n<payload>`` for a whole value, or,
for a value over the policy's chunk size, ``sg1 c <ttl> <size> <count> <sha256>`` with the chunks at
``<key>#<sha256[:16]>.<i>``. The header's TTL lets a signed-in reader, whose TTL is shorter, refuse a
value that an anonymous reader stored longer ago than its own TTL.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from redis import Redis

Audience = Literal["anonymous", "authenticated"]
_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-")
_CHUNK_MARK = "#"
_SCAN_COUNT = 1000
_DELETE_BATCH = 500


class CriticalPolicyError(ValueError):
    """A critical policy was asked to cache: critical data is always read from the database."""


@dataclass(frozen=True)
class CachePolicy:
    """One compiled cache policy.

    ``parts`` is the key template as ``("text", literal)`` and ``("column", name)`` pairs;
    ``invalidated_by`` holds ``(model, filling)`` entries: a write to ``model`` clears the keys whose
    placeholders match the written row's values, a filling pairing each placeholder it fills with the
    column of the written row that fills it (other placeholders match anything). A model may have
    several entries (one per foreign key linking it to the policy's model).
    """

    name: str
    model: str
    key_template: str
    parts: tuple[tuple[str, str], ...]
    ttl_anonymous: int | None
    ttl_authenticated: int | None
    critical: bool
    chunk_max_bytes: int | None
    invalidated_by: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]

    @property
    def cacheable(self) -> bool:
        """Whether any reader may be served from the cache."""
        return not self.critical and (self.ttl_anonymous is not None or self.ttl_authenticated is not None)

    @property
    def invalidate_on(self) -> tuple[str, ...]:
        """The models whose writes invalidate the policy."""
        return tuple(sorted({model for model, _ in self.invalidated_by}))

    @property
    def prefix(self) -> str:
        """The literal text before the first placeholder: every key of the policy starts with it."""
        kind, text = self.parts[0]
        return text if kind == "text" else ""

    def ttl(self, audience: Audience) -> int | None:
        """Seconds a value may be served to ``audience``; None when that audience is never served."""
        if self.critical:
            return None
        return self.ttl_anonymous if audience == "anonymous" else self.ttl_authenticated

    def key(self, values: Mapping[str, object]) -> str:
        """The key of one record: each placeholder filled with its escaped value."""
        out = []
        for kind, text in self.parts:
            if kind == "text":
                out.append(text)
            elif text not in values:
                raise KeyError(f"the key of cache policy {self.name!r} needs a value for {text!r}")
            else:
                out.append(escape_key_value(values[text]))
        return "".join(out)

    def invalidation_patterns(self, model: str, row: Mapping[str, object] | None) -> list[str]:
        """The SCAN patterns of the keys that a write of ``row`` to ``model`` invalidates (no row: all keys)."""
        return sorted({self._pattern(dict(filling), row) for m, filling in self.invalidated_by if m == model})

    def _pattern(self, filling: dict[str, str], row: Mapping[str, object] | None) -> str:
        out = []
        for kind, text in self.parts:
            value = row.get(filling[text]) if row is not None and text in filling else None
            out.append(text if kind == "text" else "*" if value is None else escape_key_value(value))
        return "".join(out)


def escape_key_value(value: object) -> str:
    """A value as key text: ASCII other than letters, digits, ``_ . -`` percent-encoded, the rest kept."""
    text = _key_text(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"a key value is not valid Unicode text: {text!r}") from None
    return "".join(c if c in _SAFE or ord(c) > 127 else f"%{ord(c):02X}" for c in text)


def _key_text(value: object) -> str:
    # one spelling per value, so that equal values always give the same key
    if value is None:
        raise ValueError("a key value is None: rows without a value for a key column cannot be cached")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, uuid.UUID)):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return "0" if value.is_zero() else format(value.normalize(), "f")
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime.datetime):
        return (value.astimezone(datetime.UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    raise TypeError(f"a key value must be text, a number, a UUID, a date or a time, not {type(value).__name__}")


class PolicyCache:
    """Get, set and invalidate cached values on a redis-py client, as the policies say."""

    def __init__(self, client: Redis, policies: Mapping[str, CachePolicy] | Iterable[CachePolicy]) -> None:
        self._client = client
        self._policies = tuple(policies.values() if isinstance(policies, Mapping) else policies)

    def get(self, policy: CachePolicy, values: Mapping[str, object], audience: Audience) -> bytes | None:
        """The cached value of one record for ``audience``, or None (not cached, expired, too old for it)."""
        ttl = _usable_ttl(policy, audience)
        if ttl is None:
            return None
        key = policy.key(values)
        pipe = self._client.pipeline(transaction=False)
        pipe.get(key)
        pipe.pttl(key)
        raw, remaining = pipe.execute()
        stored = None if raw is None or int(remaining) < 0 else _split(_as_bytes(raw))
        if stored is None:
            return None  # absent, or not written by this runtime (no header, no expiry)
        header, payload = stored
        if header[1] * 1000 - int(remaining) > ttl * 1000:
            return None  # stored for a reader with a longer TTL, and older than this reader may see
        if header[0] == "v":
            return payload
        return self._read_chunks(key, header)

    def set(self, policy: CachePolicy, values: Mapping[str, object], value: bytes, audience: Audience) -> bool:
        """Store one record's value with ``audience``'s TTL; False when that audience is never cached."""
        ttl = _usable_ttl(policy, audience)
        if ttl is None:
            return False
        key = policy.key(values)
        limit = policy.chunk_max_bytes
        stale = self._chunk_keys_of(key) if limit is not None else []
        pipe = self._client.pipeline(transaction=True)
        if stale:
            pipe.unlink(*stale)
        if limit is None or len(value) <= limit:
            pipe.set(key, b"sg1 v %d\n" % ttl + value, ex=ttl)
        else:
            digest = hashlib.sha256(value).hexdigest()
            chunks = [value[i:i + limit] for i in range(0, len(value), limit)]
            for i, chunk in enumerate(chunks):
                pipe.set(_chunk_key(key, digest, i), chunk, ex=ttl)
            pipe.set(key, b"sg1 c %d %d %d %s\n" % (ttl, len(value), len(chunks), digest.encode()), ex=ttl)
        pipe.execute()
        return True

    def invalidate(self, model: str, *rows: Mapping[str, object]) -> int:
        """Delete the keys of every policy that a write to ``model`` invalidates; the number deleted.

        Pass the written rows (for an update, the row before and after): each narrows the deletion
        to the keys its values fill. Without rows, every key of those policies goes.
        """
        patterns: set[str] = set()
        for policy in self._policies:
            for row in rows or (None,):
                for pattern in policy.invalidation_patterns(model, row):
                    patterns.update(_with_chunks(pattern))
        exact = sorted(p for p in patterns if "*" not in p)
        return self._delete(exact + self._scan(sorted(p for p in patterns if "*" in p)))

    def _read_chunks(self, key: str, header: tuple[str, int, int, int, str]) -> bytes | None:
        _, _, size, count, digest = header
        parts = self._client.mget([_chunk_key(key, digest, i) for i in range(count)])
        if any(p is None for p in parts):
            return None  # a chunk was evicted: a miss, not a partial value
        value = b"".join(_as_bytes(p) for p in parts)
        if len(value) != size or hashlib.sha256(value).hexdigest() != digest:
            return None
        return value

    def _chunk_keys_of(self, key: str) -> list[str]:
        """The chunk keys of the value stored at ``key`` now, so that a new value does not orphan them."""
        raw = self._client.get(key)
        stored = None if raw is None else _split(_as_bytes(raw))
        if stored is None or stored[0][0] != "c":
            return []
        header = stored[0]
        return [_chunk_key(key, header[4], i) for i in range(header[3])]

    def _scan(self, patterns: Sequence[str]) -> list[str]:
        """Every key matching any pattern: SCAN (never KEYS), one pipelined round per step of all cursors."""
        found: set[str] = set()
        cursors = {p: 0 for p in patterns}
        while cursors:
            pipe = self._client.pipeline(transaction=False)
            for pattern, cursor in cursors.items():
                pipe.scan(cursor=cursor, match=pattern, count=_SCAN_COUNT)
            results = pipe.execute()
            for (pattern, _), (cursor, keys) in zip(list(cursors.items()), results, strict=True):
                found.update(_as_bytes(k).decode("utf-8") for k in keys)
                if int(cursor) == 0:
                    del cursors[pattern]
                else:
                    cursors[pattern] = int(cursor)
        return sorted(found)

    def _delete(self, keys: Sequence[str]) -> int:
        deleted = 0
        for start in range(0, len(keys), _DELETE_BATCH):
            pipe = self._client.pipeline(transaction=False)
            for key in keys[start:start + _DELETE_BATCH]:
                pipe.unlink(key)
            deleted += sum(int(n) for n in pipe.execute())
        return deleted


def _usable_ttl(policy: CachePolicy, audience: Audience) -> int | None:
    if policy.critical:
        raise CriticalPolicyError(f"the cache policy {policy.name!r} is critical: its data is never cached")
    return policy.ttl(audience)


def _with_chunks(pattern: str) -> tuple[str, ...]:
    """A pattern and the pattern of its chunk keys (already covered when it ends in ``*``)."""
    return (pattern,) if pattern.endswith("*") else (pattern, pattern + _CHUNK_MARK + "*")


def _chunk_key(key: str, digest: str, index: int) -> str:
    return f"{key}{_CHUNK_MARK}{digest[:16]}.{index}"


def _as_bytes(raw: object) -> bytes:
    if not isinstance(raw, bytes):
        raise TypeError("the Redis client must return bytes: create it with decode_responses=False")
    return raw


def _split(raw: bytes) -> tuple[tuple[str, int, int, int, str], bytes] | None:
    """The header (kind, ttl, size, chunk count, digest) and the payload of a stored value; None when
    the value has no header of this runtime (written by something else: treated as a miss)."""
    line, _, payload = raw.partition(b"\n")
    fields = line.split(b" ")
    try:
        if fields[:2] == [b"sg1", b"v"] and len(fields) == 3:
            return ("v", int(fields[2]), len(payload), 0, ""), payload
        if fields[:2] == [b"sg1", b"c"] and len(fields) == 6:
            return ("c", int(fields[2]), int(fields[3]), int(fields[4]), fields[5].decode("ascii")), b""
    except ValueError:  # UnicodeDecodeError included
        pass
    return None
