"""Revocation evidence kept with receipts (schema v3): the OCSP responses and CRLs fetched
right after a receipt verified (``proofkit.core.revocation``), bytes exactly as received.

A mixin of :class:`proofkit.ledger.store.Ledger`, kept apart from the store's reads and
writes of works, versions and receipts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select

from proofkit.core.revocation import KINDS, Evidence
from proofkit.ledger import chain
from proofkit.ledger.models import Receipt, RevocationBlob, RevocationEvidence
from proofkit.ledger.types import LedgerInvalidData

if TYPE_CHECKING:  # pragma: no cover
    pass

_IN_CHUNK = 500


class RevocationStore:
    """``add_revocation`` / ``revocation_evidence``: used through a Ledger."""

    def add_revocation(self, receipt_id: int, evidence: Sequence[Evidence]) -> list[int]:
        """Keep ``evidence`` for a receipt, in ONE transaction; the same bytes are stored
        once however many receipts they serve. Returns the new evidence ids."""
        for ev in evidence:
            if ev.kind not in KINDS or not ev.url or not isinstance(ev.der, (bytes, bytearray)) or not ev.der:
                raise LedgerInvalidData("Revocation evidence needs a kind (ocsp or crl), a URL and its bytes.")
            if ev.fetched_at is None or ev.fetched_at.tzinfo is None:
                raise LedgerInvalidData("Revocation evidence needs a timezone-aware fetched_at.")
        ids: list[int] = []
        with self._write() as tx:  # type: ignore[attr-defined]
            s = tx.session
            if s.get(Receipt, receipt_id) is None:
                raise LedgerInvalidData(f"There is no receipt {receipt_id} in the ledger.")
            for ev in evidence:
                der = bytes(ev.der)
                sha = hashlib.sha256(der).hexdigest()
                if s.get(RevocationBlob, sha) is None:
                    s.add(RevocationBlob(sha256=sha, der=der))
                    s.flush()
                row = RevocationEvidence(receipt_id=receipt_id, kind=ev.kind, url=ev.url,
                                         fetched_at=ev.fetched_at, sha256=sha)
                s.add(row)
                tx.append("revocation.added", chain.ENTITY_REVOCATION, row)
                ids.append(row.id)
        return ids

    def revocation_evidence(self, receipt_ids: Iterable[int]) -> dict[int, list[Evidence]]:
        """The evidence kept for each receipt (oldest first); a receipt with none maps to []."""
        ids = sorted(set(receipt_ids))
        out: dict[int, list[Evidence]] = {i: [] for i in ids}
        with self._session() as s:  # type: ignore[attr-defined]
            for i in range(0, len(ids), _IN_CHUNK):
                stmt = (select(RevocationEvidence, RevocationBlob.der)
                        .join(RevocationBlob, RevocationEvidence.sha256 == RevocationBlob.sha256)
                        .where(RevocationEvidence.receipt_id.in_(ids[i:i + _IN_CHUNK]))
                        .order_by(RevocationEvidence.id))
                for row, der in s.execute(stmt):
                    out[row.receipt_id].append(Evidence(row.kind, row.url, row.fetched_at, der))
        return out
