"""Giving up on a pending stamp whose TSA is gone for good: the receipt is marked failed with
the author's reason, in the ledger's hash-chained log (an update, never a deletion). Only a
pending receipt can be given up; a verified receipt is proof and is never touched."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from proofkit.core.errors import InputError

from .progress import SILENT, Progress

if TYPE_CHECKING:
    from proofkit.ledger import ReceiptRow

    from .session import Session

#: The reason stored with a receipt the author gave up on (English, as the core's reasons).
GIVEN_UP = "Given up by the author: the TSA never answered and is not asked again."


@dataclass
class GiveUpResult:
    dropped: "list[ReceiptRow]" = field(default_factory=list)


def _give_up(session: "Session", r: "ReceiptRow") -> "ReceiptRow":
    from proofkit.core.records import ReceiptData

    now = datetime.now(timezone.utc)
    data = ReceiptData(tsa_name=r.tsa_name, url=r.url, requested_at=r.requested_at, hash_alg=r.hash_alg,
                       status="failed", nonce=r.nonce, response=r.response, error=GIVEN_UP,
                       checks=list(r.checks), checked_at=now, attempts=r.attempts)
    return session.ledger.update_receipt(r.id, data)


def give_up_receipt(session: "Session", receipt_id: int, *, progress: Progress = SILENT) -> GiveUpResult:
    """``proofkit sync --drop ID``: stop asking for one pending receipt."""
    r = session.ledger.get_receipt(receipt_id)
    if r is None:
        raise InputError(f"No receipt {receipt_id} in the ledger (see `proofkit show VERSION`).")
    if r.status != "pending":
        raise InputError(f"Receipt {receipt_id} is {r.status}, not pending: only a pending stamp can be given "
                         "up (a verified receipt is proof and is kept).")
    return GiveUpResult([_give_up(session, r)])


def give_up_tsa(session: "Session", tsa_name: str, url: str, *, progress: Progress = SILENT) -> GiveUpResult:
    """"Give up on this TSA": every pending receipt asked of it (same name and address)."""
    out = GiveUpResult()
    for r in session.ledger.pending_receipts():
        if r.tsa_name == tsa_name and r.url == url:
            out.dropped.append(_give_up(session, r))
    return out
