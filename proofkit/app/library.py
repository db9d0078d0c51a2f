"""The ledger as an author thinks of it: a library of works, each with its drafts (versions)
on a timeline, and which work a new file belongs to."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .progress import SILENT, Progress

if TYPE_CHECKING:
    from proofkit.ledger import ReceiptRow, VersionRow, WorkSummary

    from .session import Session


@dataclass
class Library:
    """Every work with its counts, and the ledger's receipts by status."""

    works: "list[WorkSummary]"
    receipts: int
    verified: int
    pending: int


def library(session: "Session", *, progress: Progress = SILENT) -> Library:
    """The library (a grouped scan of the receipts: run it off a UI thread)."""
    ledger = session.ledger
    return Library(ledger.work_summaries(), ledger.count_receipts(), ledger.count_receipts(status="verified"),
                   ledger.count_receipts(status="pending"))


@dataclass
class WorkDrafts:
    """One work's drafts, oldest first, each with its receipts."""

    work_id: int
    versions: "list[VersionRow]"
    receipts: "dict[int, list[ReceiptRow]]" = field(default_factory=dict)


def work_drafts(session: "Session", work_id: int, *, progress: Progress = SILENT) -> WorkDrafts:
    ledger = session.ledger
    versions = ledger.versions(work_id)
    return WorkDrafts(work_id, versions, ledger.receipts_by_version(v.id for v in versions))


def propose_work(session: "Session", path: Path) -> str:
    """The work a new file most likely belongs to, from what the ledger knows: the work of
    the latest draft stamped from the same path, else of the latest with the same file name
    (an index lookup), else a new work named after the file (stamping.default_work)."""
    from .stamping import default_work

    path = Path(path)
    try:
        resolved = str(path.resolve())
    except OSError:
        resolved = str(path)
    same_name = session.ledger.versions_by_file_name(path.name)
    for v in sorted(same_name, key=lambda v: (v.created_at, v.id), reverse=True):
        if v.path in (str(path), resolved):
            return v.work_title
    if same_name:
        return max(same_name, key=lambda v: (v.created_at, v.id)).work_title
    return default_work(path)
