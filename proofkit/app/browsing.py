"""Reading the ledger: the works and their versions (drafts) on a timeline, one version with
its receipts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from proofkit.core.errors import InputError

if TYPE_CHECKING:
    from proofkit.ledger import ReceiptRow, VersionRow

    from .session import Session


@dataclass
class VersionEntry:
    version: "VersionRow"
    receipts: "list[ReceiptRow]"


def log(session: "Session", *, work: str | None = None) -> list[VersionEntry]:
    """Every version in the ledger (or of ``work``) in order, each with its receipts."""
    ledger = session.ledger
    if work:
        w = ledger.find_work(work)
        if w is None:
            raise InputError(f"No work named \u201c{work}\u201d in the ledger.")
        versions = ledger.versions(w.id)
    else:
        versions = ledger.versions()
    by_version = ledger.receipts_by_version(v.id for v in versions)
    return [VersionEntry(v, by_version.get(v.id, [])) for v in versions]


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
