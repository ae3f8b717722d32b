"""Database URLs as users write them: parsed once, connected with, and never printed with a password.

A user copies a URL from wherever their stack keeps one, so every spelling that names a PostgreSQL
server is understood: ``postgresql://`` and ``postgres://`` in any case, with a driver suffix
(``postgresql+psycopg://``, SQLAlchemy's spelling), JDBC's ``jdbc:postgresql://host/db?user=..&password=..``,
no scheme at all (``app:pw@db:5432/app``), a password typed raw with ``@ : / %`` or spaces in it, and
libpq's ``key=value`` strings. Prisma's URLs carry parameters only Prisma knows (``connection_limit``,
``pool_timeout``, ``pgbouncer``, ``schema`` ...): they are dropped for the connection, and ``schema=``
chooses the schema compared. A URL through a pooler (``pgbouncer=true``, a ``-pooler`` host) is marked
as such, for the commands that need a session of their own.

:func:`parse_database_url` gives the connection string to use and the masked form to show;
:func:`scrub` cleans any text that may quote a URL (libpq echoes parts of a malformed one).
"""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import parse_qsl, quote, unquote, urlencode

from specguard.diagnostics.redact import MASK, redact_text

# parameters Prisma reads from the URL and libpq does not know; they are left out of the connection
PRISMA_ONLY = frozenset({
    "connection_limit", "pool_timeout", "pgbouncer", "schema", "socket_timeout", "statement_cache_size",
    "sslaccept", "sslidentity", "max_connection_lifetime", "max_idle_connection_lifetime",
    "single_use_connections", "connect_timeout_ms",
})
_SCHEME = re.compile(r"^\s*(?:jdbc:)?(?P<scheme>postgres(?:ql)?)(?:\+[\w.-]+)?://", re.IGNORECASE)
_OTHER_SCHEME = re.compile(r"^\s*[A-Za-z][\w+.-]*:(?:[A-Za-z][\w+.-]*:)*//")
_KEY_VALUE = re.compile(r"^\s*\w+\s*=")
_HOSTS = re.compile(r"^[\w.\-\[\]:,%]*$")  # host[:port][,host[:port]...], IPv6 in brackets
_KV_PASSWORD = re.compile(r"(?i)(?<![\w.-])(?:ssl)?password\s*=\s*(?P<pw>'(?:[^'\\]|\\.)*'?|[^\s']+)")


class DatabaseUrl(NamedTuple):
    """A database URL, understood."""

    conninfo: str  # what libpq is given: a postgresql:// URI or a key=value string
    shown: str  # as typed, password masked
    schema: str = "public"  # the schema compared (Prisma's schema=)
    pooled: str | None = None  # why the URL looks pooled, or None
    passwords: tuple[str, ...] = ()  # every spelling of its passwords, longest first, for scrubbing
    params: tuple[tuple[str, str], ...] = ()  # query parameters kept for libpq


class UrlError(ValueError):
    """Text that is not a PostgreSQL URL; the message holds no password."""


def parse_database_url(text: str) -> DatabaseUrl:
    """Understand ``text`` (any spelling above); raises :class:`UrlError` for another kind of URL."""
    if _KEY_VALUE.match(text) and "://" not in text.split("=", 1)[0]:
        return _key_value(text)
    m = _SCHEME.match(text)
    if m is None and _OTHER_SCHEME.match(text):
        scheme = text.strip().split("://", 1)[0]
        raise UrlError(f"`{redact_text(scheme)}://...` is not a PostgreSQL URL")
    prefix = text[: m.end()] if m else ""
    return _uri(prefix, text[len(prefix):].strip())


def _key_value(text: str) -> DatabaseUrl:
    pw = [_unquote_kv(m["pw"]) for m in _KV_PASSWORD.finditer(text)]
    host = re.search(r"(?<![\w.-])host\s*=\s*(\S+)", text)
    pooled = "the host is a pooler (`-pooler`)" if host and "-pooler" in host[1] else None
    shown = _KV_PASSWORD.sub(lambda m: m[0][: m.start("pw") - m.start()] + MASK, text)
    return DatabaseUrl(text.strip(), shown.strip(), pooled=pooled, passwords=_spellings(pw))


def _unquote_kv(value: str) -> str:
    return value[1:-1].replace("\\'", "'").replace("\\\\", "\\") if value.startswith("'") else value


def _uri(prefix: str, rest: str) -> DatabaseUrl:
    at = _authority_at(rest)
    userinfo, hostpart = (rest[:at], rest[at + 1 :]) if at >= 0 else ("", rest)
    user, colon, password = userinfo.partition(":")
    end = min((i for i in (hostpart.find("/"), hostpart.find("?")) if i >= 0), default=len(hostpart))
    hosts, tail = hostpart[:end], hostpart[end:]
    path, _, query = tail.partition("?")
    params = parse_qsl(query, keep_blank_values=True)
    kept = tuple((k, v) for k, v in params if k not in PRISMA_ONLY)
    prisma = dict(params)
    auth = (quote(unquote(user), safe="") + (":" + quote(unquote(password), safe="") if colon else "") + "@"
            if at >= 0 else "")
    conninfo = f"postgresql://{auth}{hosts}{path}" + (f"?{urlencode(kept, safe='/')}" if kept else "")
    masked_pw = MASK if password else ""
    shown = (prefix or "") + (f"{user}{colon}{masked_pw}@" if at >= 0 else "") + hostpart
    query_pw = [v for k, v in params if k.lower() in ("password", "sslpassword")]
    for pw in query_pw:
        shown = shown.replace(f"password={quote(pw, safe='')}", f"password={MASK}").replace(
            f"password={pw}", f"password={MASK}")
    return DatabaseUrl(conninfo, shown, prisma.get("schema") or "public", _pooled(prisma, hosts),
                       _spellings([password, *query_pw] if password else query_pw), kept)


def _authority_at(rest: str) -> int:
    """Where the user-info ends: the last ``@`` that a plausible host list follows. A password typed
    raw may hold ``@``, ``/`` or ``?``, so the first ``@`` or ``/`` cannot be trusted (libpq trusts
    it, and then prints the rest of the password as a host name)."""
    for i in range(len(rest) - 1, -1, -1):
        if rest[i] == "@":
            after = rest[i + 1 :]
            end = min((j for j in (after.find("/"), after.find("?")) if j >= 0), default=len(after))
            if _HOSTS.match(after[:end]):
                return i
    return -1


def _pooled(params: dict[str, str], hosts: str) -> str | None:
    if params.get("pgbouncer", "").lower() in ("true", "1", "yes"):
        return "pgbouncer=true"
    if "-pooler" in hosts.lower():
        return "the host is a pooler (`-pooler`)"
    return None


def _spellings(passwords: list[str]) -> tuple[str, ...]:
    found = set()
    for pw in passwords:
        if pw:
            found |= {pw, unquote(pw), quote(unquote(pw), safe=""), quote(pw, safe="")}
    return tuple(sorted(found, key=len, reverse=True))


def mask_url(url: str) -> str:
    """The URL (or libpq ``key=value`` string) with every password replaced by ``***``."""
    if not url:
        return url
    try:
        return parse_database_url(url).shown
    except UrlError:
        return redact_text(url)


def passwords_in(url: str | None) -> list[str]:
    """Every password spelled in ``url``, raw and percent-decoded, longest first."""
    if not url:
        return []
    try:
        return list(parse_database_url(url).passwords)
    except UrlError:
        return []


def scrub(text: str, url: str | None = None) -> str:
    """``text`` (an error message, a log line) with the passwords of ``url`` and of any URL or
    ``password=`` it quotes masked. The literal passwords go first: libpq may quote a fragment of a
    password without its ``password=`` key."""
    if not text:
        return text
    for pw in passwords_in(url):
        if len(pw) >= 4:
            text = text.replace(pw, MASK)
        else:  # a very short one only where it stands alone, so the message stays readable
            text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(pw)}(?![A-Za-z0-9])", MASK, text)
    return redact_text(text)


def with_database(url: str, dbname: str) -> str:
    """The same server address with another database name, in the same spelling (URL or key=value)."""
    parsed = parse_database_url(url)
    if parsed.conninfo.startswith("postgresql://"):
        from urllib.parse import urlsplit, urlunsplit

        parts = urlsplit(parsed.conninfo)
        # a dbname= query parameter would override the path: drop it
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "dbname"]
        return urlunsplit((parts.scheme, parts.netloc, "/" + dbname, urlencode(query, safe="/"), parts.fragment))
    from psycopg.conninfo import make_conninfo

    return make_conninfo(url, dbname=dbname)
