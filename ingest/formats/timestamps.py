"""Machine-readable timestamps (ISO 8601, RFC 822) -> (YYYY-MM-DD, ISO timestamp or None).

The date is the one in the timestamp's own offset, as the page wrote it: "2024-12-04T01:30:00+09:00"
is 4 December, never converted to 3 December UTC. Only unambiguous machine formats are read here;
a date written in words is left to htmldate (pages) or to the text parser.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_ISO = re.compile(
    r"^\s*(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})"
    r"(?:[T\s]+(?P<H>\d{2}):?(?P<M>\d{2})(?::?(?P<S>\d{2})(?P<frac>[.,]\d+)?)?"
    r"\s*(?P<tz>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?\s*$", re.I)
_DATE_PREFIX = re.compile(r"^\s*(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
EARLIEST_YEAR = 1990


def parse_timestamp(value: str | None, *, allow_prefix: bool = False) -> tuple[str, str | None] | None:
    """(date, timestamp) of a machine-readable date; None if it is not one or not plausible.

    `timestamp` is an ISO 8601 string with the offset the source gave ("Z" becomes "+00:00"),
    or None when the source gave only a day. `allow_prefix` also reads "2024-12-04 (updated)".
    """
    if not value or len(value) > 80:
        return None
    value = value.strip()
    match = _ISO.match(value)
    if match:
        return _from_iso(match)
    if re.match(r"^[A-Za-z]{3},?\s+\d{1,2}\s+[A-Za-z]{3}|^\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", value):
        return _from_rfc822(value)
    if allow_prefix:
        match = _DATE_PREFIX.match(value)
        if match:
            day = _day(int(match["y"]), int(match["m"]), int(match["d"]))
            return (day.isoformat(), None) if day else None
    return None


def _from_iso(match: re.Match) -> tuple[str, str | None] | None:
    day = _day(int(match["y"]), int(match["m"]), int(match["d"]))
    if day is None:
        return None
    if match["H"] is None:
        return day.isoformat(), None
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    if hour > 23 or minute > 59 or second > 60:
        return None
    moment = dt.datetime(day.year, day.month, day.day, hour, minute, min(second, 59))
    tz = (match["tz"] or "").upper()
    if tz in ("Z", "UTC", "GMT"):
        moment = moment.replace(tzinfo=dt.timezone.utc)
    elif tz:
        sign = -1 if tz[0] == "-" else 1
        digits = tz[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        if hours > 14 or minutes > 59:
            return None
        moment = moment.replace(tzinfo=dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes)))
    return day.isoformat(), moment.isoformat()


def _from_rfc822(value: str) -> tuple[str, str | None] | None:
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment is None or _day(moment.year, moment.month, moment.day) is None:
        return None
    # RFC 822 "-0000" means "offset unknown": parsedate_to_datetime gives a naive datetime then
    return moment.date().isoformat(), moment.isoformat()


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    # a page can be stamped a day ahead of this machine's clock (time zones), not more
    if year < EARLIEST_YEAR or date > dt.date.today() + dt.timedelta(days=2):
        return None
    return date
