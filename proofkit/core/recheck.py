"""Re-verifying stored receipts: the one rule every path follows (verify FILE, folder
manifests, ``ledger check --deep``, export, the desktop app).

A receipt refused when it arrived (a bad signature, a TSA clock far from when it was asked...)
stays refused, with its original reason: it is never re-verified into proof by a path that
lacks the check that refused it. A receipt stored as verified is verified again over its
digest and nonce, with today's trust store, at its genTime — and always with the time it was
asked for, so the clock check that ``stamp`` applied holds on every later path too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .verifier import CHECK_NAMES, Check, Verdict, Verifier

PAGE = 500


def recheck_stored(
    verifier: Verifier,
    *,
    response: bytes | None,
    digest: bytes,
    digest_alg: str,
    nonce: int | None,
    requested_at: datetime,
    stored_status: str,
    stored_error: str | None = None,
    stored_checks: list[dict[str, Any]] | None = None,
    answered_at: datetime | None = None,
    extra_certs: list | None = None,
    now: datetime | None = None,
    revocation: list | None = None,
) -> Verdict:
    """Our verdict today on a stored receipt (status ``verified`` or ``failed``).

    ``failed``: the stored verdict, never re-verified (it stays failed, its first failure the
    original reason). ``verified``: verified again with ``requested_at`` (and ``answered_at``,
    when the answer was judged) so the genTime window is checked. Anything else (pending) is
    not a time stamp yet: a failing verdict. ``revocation``: the OCSP responses / CRLs kept
    with the receipt (core/revocation.py): given, a ``revocation`` check is added."""
    if stored_status == "verified" and response:
        return verifier.verify(response, digest=digest, digest_alg=digest_alg, nonce=nonce,
                               extra_certs=extra_certs, requested_at=requested_at,
                               answered_at=answered_at, now=now, revocation=revocation)
    if stored_status not in ("verified", "failed"):
        return Verdict(checks=[Check("status", False, "The TSA has not answered yet: this is not a time stamp yet.")])
    return stored_verdict(stored_error, stored_checks)


def stored_verdict(error: str | None, checks: list[dict[str, Any]] | None) -> Verdict:
    """A failed receipt's verdict as stored: its checks, at least one failing (the reason)."""
    out = [Check(str(c.get("name")), bool(c.get("ok")), str(c.get("detail", "")))
           for c in checks or [] if isinstance(c, dict)]
    if all(c.ok for c in out):
        name, _, detail = (error or "").partition(": ")
        if name not in CHECK_NAMES or not detail:
            name, detail = "structure", error or "The TSA gave no valid time stamp."
        out.append(Check(name, False, detail))
    return Verdict(checks=out)


def recheck_row(verifier: Verifier, r, digest: bytes, digest_alg: str, *, extra_certs=None,
                now: datetime | None = None, revocation: list | None = None) -> Verdict:
    """:func:`recheck_stored` for a ledger receipt row (``ReceiptRow`` or alike)."""
    return recheck_stored(verifier, response=r.response, digest=digest, digest_alg=digest_alg, nonce=r.nonce,
                          requested_at=r.requested_at, stored_status=r.status, stored_error=r.error,
                          stored_checks=r.checks, answered_at=r.checked_at, extra_certs=extra_certs, now=now,
                          revocation=revocation)


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
    after = 0
    while True:
        # keyset paging: an offset would re-count every earlier row for each page
        page = ledger.receipts(status="verified", limit=PAGE, after_id=after)
        if not page:
            break
        after = page[-1].id
        evidence = ledger.revocation_evidence(r.id for r in page)
        for r in page:
            verdict = recheck_row(verifier, r, bytes.fromhex(r.digest_hex), r.hash_alg,
                                  revocation=evidence.get(r.id, []))
            done += 1
            if progress is not None:
                progress(done, total)
            yield RecheckResult(r, verdict)


def recheck_range(ledger, verifier: Verifier, after_id: int, upto_id: int) -> Iterator[RecheckResult]:
    """:func:`recheck_receipts` for the verified receipts with ``after_id < id <= upto_id``
    (one share of a re-verification split across processes)."""
    while after_id < upto_id:
        page = ledger.receipts(status="verified", limit=PAGE, after_id=after_id, upto_id=upto_id)
        if not page:
            break
        after_id = page[-1].id
        for r in page:
            yield RecheckResult(r, recheck_row(verifier, r, bytes.fromhex(r.digest_hex), r.hash_alg))
