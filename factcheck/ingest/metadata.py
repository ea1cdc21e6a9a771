"""Metadata found in article text: dates, date lines, outlet lines and bylines."""

from __future__ import annotations

import re
from datetime import date

_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
# One date in the forms news sites print: ISO, "July 12, 2017", "July, 11 2017",
# "11 July 2017", "28 March, 2017", "Jul 01, 2025".
DATE = (
    r"(?i:(?P<iy>\d{4})[-/](?P<im>\d{1,2})[-/](?P<id>\d{1,2})(?:[T ][\d:.+\-Z]*)?"
    rf"|(?P<am>{_MONTH}),?\s+(?P<ad>\d{{1,2}}){_ORD},?\s+(?P<ay>\d{{4}})"
    rf"|(?P<bd>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<bm>{_MONTH}),?\s+(?P<by>\d{{4}}))"
)
_WEEKDAY = r"(?i:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_TIME = (
    r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*\(?(?:[A-Z]{2,5}|GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?\)?)?)"
)
_CLOCK = r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,5})?,?\s+)"
_LABEL = r"(?:(?:first\s+)?(?:published|updated|last\s+updated|posted|date|dated)(?:\s+on)?\s*:?\s*)"
_DATE_RE = re.compile(DATE, re.I)
_DATE_LINE = re.compile(rf"^{_LABEL}?{_CLOCK}?{_WEEKDAY}?{DATE}{_TIME}?\s*[.|]?$", re.I)
_DATE_PREFIX = re.compile(rf"^{_LABEL}{_WEEKDAY}?{DATE}{_TIME}?\s*[-—–|:]?\s+(?=\S)", re.I)
# "Global Research, July 12, 2017": a plainly named outlet (a few capitalised words)
# followed by a date and nothing else.
_OUTLET_LINE = re.compile(
    rf"^(?P<outlet>[A-Z][\w&'’.-]*(?:\s+(?:[A-Z0-9&][\w&'’.-]*|of|the|and|for|on)){{0,5}})"
    rf"\s*[,|—–-]?\s+{_WEEKDAY}?{DATE}{_TIME}?\s*$"
)
# "By Julia Conley", "By JULIA CONLEY, Staff Writer": capitalised names, no sentence.
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|reporting by)[:\s]+[A-Z][\w'’.-]*"
    r"(?:\s+(?:[A-Z][\w'’.-]*|and|&|de|da|van|von|al|bin|el))*"
    r"\s*(?:[,|—–-]\s*[^.!?]{0,60})?$"
)


def parse_date(text: str) -> str | None:
    """Return the first date in ``text`` as ISO ``YYYY-MM-DD``, or ``None``.

    Examples:
        >>> parse_date("July, 11 2017, 08:15am EDT")
        '2017-07-11'
        >>> parse_date("Global Research, 28 March, 2017")
        '2017-03-28'
    """
    for match in _DATE_RE.finditer(text):
        iso = _iso(match)
        if iso:
            return iso
    return None


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if groups["iy"]:
        parts = (groups["iy"], groups["im"], groups["id"])
    elif groups["ay"]:
        parts = (groups["ay"], _month(groups["am"]), groups["ad"])
    else:
        parts = (groups["by"], _month(groups["bm"]), groups["bd"])
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        return None


def _month(name: str) -> str:
    return str(_MONTHS[name.lower().rstrip(".")])


def date_line(line: str) -> str | None:
    """The ISO date if ``line`` is only a date (with label, weekday or time), else ``None``."""
    match = _DATE_LINE.match(line)
    return _iso(match) if match else None


def strip_date_prefix(line: str) -> tuple[str, str | None]:
    """Split a leading ``"date 2017-07-11 "`` label off a line of text.

    Returns:
        The rest of the line and the ISO date; the line unchanged and ``None`` when it
        has no such prefix.
    """
    match = _DATE_PREFIX.match(line)
    if not match:
        return line, None
    return line[match.end() :], _iso(match)


def outlet_line(line: str) -> tuple[str, str] | None:
    """Outlet and ISO date if ``line`` is ``"Outlet, <date>"`` and nothing else."""
    match = _OUTLET_LINE.match(line)
    if not match:
        return None
    iso = _iso(match)
    outlet = match.group("outlet").strip(" ,")
    if iso is None or _DATE_RE.match(outlet) or outlet.lower() in _NOT_OUTLETS:
        return None
    return outlet, iso


# Words that head a date line without naming an outlet.
_NOT_OUTLETS = frozenset({"published", "updated", "posted", "date", "dated", "on", "last updated"})


def is_byline(line: str) -> bool:
    """Whether ``line`` is a byline such as ``"By Julia Conley"`` (metadata, not body)."""
    return len(line) <= 120 and _BYLINE.match(line) is not None
