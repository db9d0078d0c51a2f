"""How ProofKit writes a time for people and for JSON: ISO 8601 in UTC with a ``Z``, fraction
only when there is one (``2024-02-01T08:15:30.25Z``)."""

from __future__ import annotations

from datetime import datetime, timezone


def iso_utc(dt: datetime | None) -> str | None:
    """``dt`` in UTC as ISO 8601 with ``Z``; a naive ``dt`` is taken as UTC; None stays None."""
    if dt is None:
        return None
    dt = dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.%f").rstrip("0").rstrip(".") + "Z"
