"""Re-verifying stored receipts: the deep half of ``proofkit ledger check``.

The hash chain shows that nothing was edited behind ProofKit's back; this shows that every
receipt stored as verified still verifies, cryptographically, against its version's digest and
the nonce that was sent — with today's trust store, at each token's genTime.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .verifier import Verdict, Verifier

PAGE = 500


@dataclass(frozen=True)
class RecheckResult:
    receipt: object  # ReceiptRow
    verdict: Verdict


def recheck_receipts(
    ledger, verifier: Verifier, *, progress: Callable[[int, int], None] | None = None
) -> Iterator[RecheckResult]:
    """Yield one result per verified receipt, page by page (memory stays flat on big ledgers)."""
    total = ledger.count_receipts(status="verified")
    done = 0
    offset = 0
    while True:
        page = ledger.receipts(status="verified", limit=PAGE, offset=offset)
        if not page:
            break
        offset += len(page)
        for r in page:
            verdict = verifier.verify(r.response or b"", digest=bytes.fromhex(r.digest_hex),
                                      digest_alg=r.hash_alg, nonce=r.nonce)
            done += 1
            if progress is not None:
                progress(done, total)
            yield RecheckResult(r, verdict)
