"""Reading the ledger: the works and their versions (drafts) on a timeline, one version with
its receipts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from proofkit.core.errors import InputError

if TYPE_CHECKING:
    from proofkit.ledger import ReceiptRow, VersionRow

    from .session import Session


@dataclass
class VersionEntry:
    version: "VersionRow"
    receipts: "list[ReceiptRow]"


# What `proofkit log` shows without --all or --limit: enough to see the latest stamps of
# every work one is busy with, quick at a million receipts (one index walk, ~20 rows).
DEFAULT_LIMIT = 20
PAGE = 500  # versions read per transaction when streaming the whole log


@dataclass
class LogPage:
    """The newest versions (``entries``, newest first) out of ``total`` matching."""

    entries: list[VersionEntry]
    total: int

    @property
    def more(self) -> int:
        """How many matching versions are not shown."""
        return max(0, self.total - len(self.entries))


def parse_since(text: str) -> datetime:
    """``--since``: a date (YYYY-MM-DD) or an ISO date and time; without a zone, UTC (the
    log's times are UTC)."""
    try:
        dt = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise InputError(f"--since '{text}' is not a date: give YYYY-MM-DD or an ISO date and time "
                         "(2024-05-01T12:00)." ) from None
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=timezone.utc)


def _work_id(session: "Session", work: str | None) -> int | None:
    if not work:
        return None
    w = session.ledger.find_work(work)
    if w is None:
        raise InputError(f"No work named \u201c{work}\u201d in the ledger.")
    return w.id


def _with_receipts(session: "Session", versions: "list[VersionRow]") -> list[VersionEntry]:
    by_version = session.ledger.receipts_by_version(v.id for v in versions)
    return [VersionEntry(v, by_version.get(v.id, [])) for v in versions]


def log_page(session: "Session", *, work: str | None = None, since: datetime | None = None,
             limit: int = DEFAULT_LIMIT) -> LogPage:
    """The ``limit`` newest versions (of ``work``, added since ``since``), newest first, each
    with its receipts, and how many match in all. Costs the same at any ledger size (an index
    walk of ``limit`` rows and an index count)."""
    if limit < 1:
        raise InputError("--limit must be at least 1.")
    ledger = session.ledger
    wid = _work_id(session, work)
    versions = ledger.versions_page(limit=limit, work_id=wid, since=since)
    total = ledger.count_versions(work_id=wid, since=since)
    return LogPage(_with_receipts(session, versions), total)


def iter_log(session: "Session", *, work: str | None = None, since: datetime | None = None,
             oldest_first: bool = False) -> Iterator[VersionEntry]:
    """Every matching version with its receipts, newest (or oldest) first, read page by page:
    memory stays flat and the first lines come at once, however big the ledger."""
    wid = _work_id(session, work)
    for versions in session.ledger.iter_versions(work_id=wid, since=since, page=PAGE,
                                                 oldest_first=oldest_first):
        yield from _with_receipts(session, versions)


def log(session: "Session", *, work: str | None = None) -> list[VersionEntry]:
    """Every version in the ledger (or of ``work``) in order, oldest first, each with its
    receipts. Holds them all: prefer :func:`log_page` or :func:`iter_log` on big ledgers."""
    return list(iter_log(session, work=work, oldest_first=True))


def parse_version_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InputError(f"'{text}' is not a version id (a number, as listed by `proofkit log`).") from None


def show(session: "Session", version_id: int) -> VersionEntry:
    """One version with its receipts."""
    ledger = session.ledger
    v = ledger.get_version(version_id)
    if v is None:
        raise InputError(f"No version {version_id} in the ledger (see `proofkit log`).")
    return VersionEntry(v, ledger.receipts(version_id=version_id))
