"""Masking passwords in database URLs and in any text that may quote one.

Every URL specguard prints goes through :func:`mask_url`, and every exception text that comes back
from libpq or psycopg goes through :func:`scrub` before it reaches a diagnostic: libpq echoes parts
of a malformed conninfo string in its errors, so an error message is not safe to print as is.
Three spellings carry a password: the userinfo of a URL (``postgresql://user:PASS@host``), a
``password=`` query parameter (``?password=PASS``), and a libpq ``key=value`` string.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

MASK = "***"

# userinfo of a URL: everything between "://" and the last "@" before the host. libpq itself stops
# at the first "@" or "/", but a password typed with a raw "/" or "@" must still be hidden, so the
# pattern is greedy up to the last "@" that precedes any whitespace.
_URL_USERINFO = re.compile(r"(?P<scheme>\bpostgres(?:ql)?://)(?P<user>[^:@\s/]*):(?P<pw>[^\s]*)@(?=[^@\s]*(?:\s|$))")
_URL_USERINFO_SHORT = re.compile(r"(?P<scheme>\bpostgres(?:ql)?://)(?P<user>[^:@\s/]*):(?P<pw>[^@\s]*)@")
# password=... inside a URL query string: the value ends at "&", "#" or whitespace
_QUERY_PW = re.compile(r"(?P<key>[?&](?:ssl)?password=)(?P<pw>[^&#\s]*)", re.IGNORECASE)
# password=... in a libpq key=value string: a quoted value (with \' escapes) or a bare word
_KV_PW = re.compile(
    r"(?P<key>(?<![\w?&])(?:ssl)?password\s*=\s*)(?P<pw>'(?:[^'\\]|\\.)*'?|[^\s'&]+)", re.IGNORECASE
)


def _is_url(text: str) -> bool:
    return bool(re.match(r"\s*postgres(?:ql)?://", text))


def mask_url(url: str) -> str:
    """The URL (or libpq ``key=value`` string) with every password replaced by ``***``."""
    if not url:
        return url
    if _is_url(url):
        out = _URL_USERINFO.sub(_mask_userinfo, url, count=1)
        if out == url:
            out = _URL_USERINFO_SHORT.sub(_mask_userinfo, url, count=1)
        return _QUERY_PW.sub(lambda m: m["key"] + MASK, out)
    return _KV_PW.sub(lambda m: m["key"] + MASK, url)


def _mask_userinfo(m: re.Match) -> str:
    # an empty password (``postgres:@host``, as pgserver writes it) is shown as it is: nothing to hide
    pw = MASK if m["pw"] else ""
    return f"{m['scheme']}{m['user']}:{pw}@"


def passwords_in(url: str | None) -> list[str]:
    """Every password spelled in ``url``, raw and percent-decoded, longest first."""
    if not url:
        return []
    found: set[str] = set()
    for pat in (_URL_USERINFO, _URL_USERINFO_SHORT, _QUERY_PW, _KV_PW):
        for m in pat.finditer(url):
            pw = m["pw"]
            if pw.startswith("'"):
                pw = pw.strip("'").replace("\\'", "'").replace("\\\\", "\\")
            if pw:
                found.add(pw)
                found.add(unquote(pw))
    return sorted((p for p in found if p), key=len, reverse=True)


def scrub(text: str, url: str | None = None) -> str:
    """``text`` (an error message, a log line) with the passwords of ``url`` and of any URL or
    ``password=`` it quotes masked. The literal passwords go first: libpq may quote a fragment of a
    password without its ``password=`` key."""
    if not text:
        return text
    for pw in passwords_in(url):
        text = text.replace(pw, MASK)
    text = _URL_USERINFO_SHORT.sub(_mask_userinfo, text)
    text = _QUERY_PW.sub(lambda m: m["key"] + MASK, text)
    return _KV_PW.sub(lambda m: m["key"] + MASK, text)


def with_database(url: str, dbname: str) -> str:
    """The same server address with another database name, in the same spelling (URL or key=value)."""
    if _is_url(url):
        from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

        parts = urlsplit(url.strip())
        # a dbname= query parameter would override the path: drop it
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "dbname"]
        return urlunsplit((parts.scheme, parts.netloc, "/" + dbname, urlencode(query, safe="/"), parts.fragment))
    from psycopg.conninfo import make_conninfo

    return make_conninfo(url, dbname=dbname)
