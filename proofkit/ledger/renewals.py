"""Renewal batches kept in the ledger (schema v9): each TSA answer of an RFC 4998 renewal
with the leaves of its hash tree and what each covers, written with its hash-chained event
in one transaction. The batches' meaning (trees, chains, evidence records) is
:mod:`proofkit.ledger.evidence`; this mixin of :class:`proofkit.ledger.store.Ledger` only
stores and reads them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from proofkit.ledger import chain
from proofkit.ledger.models import RenewalBatch
from proofkit.ledger.types import LedgerInvalidData


@dataclass(frozen=True)
class RenewalRow:
    """A stored renewal batch, as written (``leaves`` concatenated)."""

    id: int
    name: str
    tsa_name: str
    url: str
    alg: str
    created_at: datetime
    gen_time: datetime
    not_after: datetime | None
    response: bytes
    items: list
    leaves: bytes
    renews: list


def items_json(items: Sequence[Sequence]) -> str:
    return json.dumps([list(i) for i in items], separators=(",", ":"), ensure_ascii=True)


class RenewalStore:
    """``add_renewal_batches`` / ``renewal_batches``: used through a Ledger."""

    def add_renewal_batches(self, batches: Sequence) -> list[str]:
        """Keep renewal batches (objects with name, tsa, url, alg, created_at, gen_time,
        not_after, response, items, leaves) in ONE transaction, each with its event. A
        batch whose name is already kept is skipped (importing is idempotent). Returns the
        names written."""
        for b in batches:
            if not b.name or not b.response or not b.items or len(b.items) != len(b.leaves):
                raise LedgerInvalidData("A renewal batch needs a name, the TSA's answer and "
                                        "one leaf per item.")
            for t in (b.created_at, b.gen_time, b.not_after):
                if t is not None and t.tzinfo is None:
                    raise LedgerInvalidData("A renewal batch needs timezone-aware times.")
        written: list[str] = []
        with self._write() as tx:  # type: ignore[attr-defined]
            s = tx.session
            names = [b.name for b in batches]
            have = set(s.scalars(select(RenewalBatch.name).where(RenewalBatch.name.in_(names))))
            for b in batches:
                if b.name in have:
                    continue
                have.add(b.name)
                renews = [str(i[-1]) for i in b.items if i[0] in ("b", "t")]
                row = RenewalBatch(
                    name=b.name, tsa_name=b.tsa, url=b.url, alg=b.alg, created_at=b.created_at,
                    gen_time=b.gen_time, not_after=b.not_after, response=bytes(b.response),
                    items=items_json(b.items), leaves=b"".join(b.leaves),
                    renews=json.dumps(sorted(set(renews)), separators=(",", ":")))
                s.add(row)
                tx.append("renewal.added", chain.ENTITY_RENEWAL, row)
                written.append(b.name)
        return written

    def renewal_batch_names(self) -> list[str]:
        with self._session() as s:  # type: ignore[attr-defined]
            return list(s.scalars(select(RenewalBatch.name)))

    def renewal_batches(self, *, after_id: int = 0) -> list[RenewalRow]:
        """The renewal batches with an id above ``after_id``, in id order."""
        with self._session() as s:  # type: ignore[attr-defined]
            rows = s.scalars(select(RenewalBatch).where(RenewalBatch.id > after_id)
                             .order_by(RenewalBatch.id)).all()
            return [RenewalRow(r.id, r.name, r.tsa_name, r.url, r.alg, r.created_at, r.gen_time,
                               r.not_after, r.response, json.loads(r.items), r.leaves,
                               json.loads(r.renews)) for r in rows]


__all__ = ["RenewalRow", "RenewalStore", "items_json"]
