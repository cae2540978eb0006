"""The loader's timestamps."""

from __future__ import annotations

import datetime as dt


def now() -> str:
    """The current time in UTC, to the second, ISO 8601."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
