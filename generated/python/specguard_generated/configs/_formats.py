"""String formats of JSON Schema 2020-12 that the generated validators assert.

Each check agrees with the reference validator (Python's ``jsonschema`` with its format packages:
rfc3339-validator, rfc3987, fqdn), quirks included: ``$`` in those packages' patterns also matches
before a final newline, so ``"example.com\\n"`` is a valid hostname there, and here. A format not listed in
``FORMATS`` is refused when the specs compile, never ignored.
"""

from __future__ import annotations

import calendar
import ipaddress
import re
from collections.abc import Callable
from datetime import date
from uuid import UUID

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_DATE_TIME = re.compile(
    r"^(\d{4})-(0[1-9]|1[0-2])-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?"
    r"(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$", re.ASCII)
_LABEL = r"(?!-)[-a-z\d]{1,63}(?<!-)"
_HOSTNAME = re.compile(rf"^(?:{_LABEL}\.)*{_LABEL}\.?$", re.IGNORECASE)


def _uri_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """RFC 3986, appendix A, as two patterns: an absolute URI (with fragment) and a URI reference."""
    hexdig, unreserved, sub = "[0-9A-Fa-f]", "[a-zA-Z0-9_.~-]", "[!$&'()*+,;=]"
    pct = f"%{hexdig}{{2}}"
    pchar = f"(?:{unreserved}|{pct}|{sub}|:|@)"
    octet = "(?:25[0-5]|2[0-4][0-9]|[01]?[0-9][0-9]?)"
    ipv4 = rf"(?:{octet}\.){{3}}{octet}"
    h16 = f"{hexdig}{{1,4}}"
    ls32 = f"(?:{h16}:{h16}|{ipv4})"
    ipv6 = "(?:" + "|".join([
        f"(?:{h16}:){{6}}{ls32}", f"::(?:{h16}:){{5}}{ls32}", f"(?:{h16})?::(?:{h16}:){{4}}{ls32}",
        f"(?:(?:{h16}:)?{h16})?::(?:{h16}:){{3}}{ls32}", f"(?:(?:{h16}:){{,2}}{h16})?::(?:{h16}:){{2}}{ls32}",
        f"(?:(?:{h16}:){{,3}}{h16})?::{h16}:{ls32}", f"(?:(?:{h16}:){{,4}}{h16})?::{ls32}",
        f"(?:(?:{h16}:){{,5}}{h16})?::{h16}", f"(?:(?:{h16}:){{,6}}{h16})?::"]) + ")"
    future = rf"v{hexdig}+\.(?:{unreserved}|{sub}|:)+"
    host = rf"(?:\[(?:{ipv6}|{future})\]|{ipv4}|(?:{unreserved}|{pct}|{sub})*)"
    authority = f"(?:(?:{unreserved}|{pct}|{sub}|:)*@)?{host}(?::[0-9]*)?"
    segment, segment_nz = f"{pchar}*", f"{pchar}+"
    abempty = f"(?:/{segment})*"
    absolute = f"/(?:{segment_nz}(?:/{segment})*)?"
    rootless = f"{segment_nz}(?:/{segment})*"
    noscheme = f"(?:{unreserved}|{pct}|{sub}|@)+(?:/{segment})*"
    tail = rf"(?:\?(?:{pchar}|/|\?)*)?"
    fragment = rf"(?:\#(?:{pchar}|/|\?)*)?"
    uri = f"[a-zA-Z][a-zA-Z0-9+.-]*:(?://{authority}{abempty}|{absolute}|{rootless}|){tail}{fragment}"
    relative = f"(?://{authority}{abempty}|{absolute}|{noscheme}|){tail}{fragment}"
    return re.compile(f"^(?:{uri})$"), re.compile(f"^(?:{uri}|{relative})$")


_URI, _URI_REFERENCE = _uri_patterns()


def is_date(value: str) -> bool:
    if not _DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_date_time(value: str) -> bool:
    m = _DATE_TIME.match(value.upper())
    if m is None:
        return False
    year, month, day = (int(g) for g in m.groups())
    return year != 0 and 1 <= day <= calendar.monthrange(year, month)[1]


def is_time(value: str) -> bool:
    return is_date_time("1970-01-01T" + value)


def is_email(value: str) -> bool:
    return "@" in value


def is_ipv4(value: str) -> bool:
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        return False
    return True


def is_ipv6(value: str) -> bool:
    try:
        address = ipaddress.IPv6Address(value)
    except ValueError:
        return False
    return not address.scope_id


def is_hostname(value: str) -> bool:
    name = value.lower()
    length = len(name) - 1 if name.endswith(".") else len(name)
    return bool(value) and length <= 253 and _HOSTNAME.match(name) is not None


def is_uri(value: str) -> bool:
    return _URI.match(value) is not None


def is_uri_reference(value: str) -> bool:
    return _URI_REFERENCE.match(value) is not None


def is_uuid(value: str) -> bool:
    try:
        UUID(value)
    except ValueError:
        return False
    return all(value[i] == "-" for i in (8, 13, 18, 23))


def is_regex(value: str) -> bool:
    try:
        re.compile(value)
    except re.error:
        return False
    return True


FORMATS: dict[str, Callable[[str], bool]] = {
    "date": is_date,
    "date-time": is_date_time,
    "email": is_email,
    "hostname": is_hostname,
    "idn-email": is_email,
    "ipv4": is_ipv4,
    "ipv6": is_ipv6,
    "regex": is_regex,
    "time": is_time,
    "uri": is_uri,
    "uri-reference": is_uri_reference,
    "uuid": is_uuid,
}
