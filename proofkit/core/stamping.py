"""Stamping: ask several TSAs for a receipt over one digest, verify each, keep each.

The order of events makes a crash at any moment harmless:
1. the file is hashed (nothing written yet);
2. one transaction records the version and one *pending* receipt per TSA, while the TSAs are
   already being asked (concurrently, one thread each);
3. each answer is verified and, once step 2 has committed, written in its own transaction
   (verified / failed: reason / still pending).
A process killed before step 2 commits leaves nothing: at most a TSA signed a digest that
nobody kept. Killed after it, it leaves pending receipts that ``proofkit sync`` completes.
A receipt is never stored as verified unless our verifier said so.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol
from datetime import datetime, timezone

from . import credentials
from .client import DEFAULT_TIMEOUT, post_query
from .errors import LedgerError, TSAError, TokenFormatError
from .records import ReceiptData
from .registry import TSAInfo
from .tsp import build_request, parse_response
from .verifier import CLOCK_TOLERANCE, Verdict, Verifier  # noqa: F401 (CLOCK_TOLERANCE: the rule's tolerance)

EventFn = Callable[[str, dict], None]
log = logging.getLogger(__name__)


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


class Pacer:
    """Keeps the minimum delay a TSA asks for between two requests (Sectigo: 15 s).

    Each caller reserves its slot under the lock before sleeping, so two threads asking the
    same TSA at once are spaced too (reading the due time and writing the next one in two
    steps would let both through together)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._clock = clock
        self._sleep = sleep

    def wait(self, tsa: TSAInfo) -> None:
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(tsa.url, 0.0))
            self._next[tsa.url] = start + tsa.min_interval_seconds
        if start > now:
            self._sleep(start - now)


@dataclass
class Attempt:
    """What one TSA gave for one digest: everything the ledger stores about a receipt."""

    tsa: TSAInfo
    status: str  # "verified" | "failed" | "pending"
    nonce: int | None = None
    response: bytes | None = None
    error: str | None = None
    verdict: Verdict | None = None
    requested_at: datetime = field(default_factory=now_utc)
    checked_at: datetime | None = None
    attempts: int = 0
    revocation: list = field(default_factory=list)  # core.revocation.Evidence, kept with the receipt

    def receipt_data(self, hash_alg: str) -> ReceiptData:
        # Time, serial and policy are recorded only from a verified token: an unverified
        # token's claims are not evidence and must not be shown as if they were.
        v = self.verdict if self.status == "verified" else None
        return ReceiptData(
            tsa_name=self.tsa.name,
            url=self.tsa.url,
            nonce=self.nonce,
            response=self.response,
            status=self.status,
            error=self.error,
            gen_time=v.gen_time if v else None,
            serial=str(v.serial) if v and v.serial is not None else None,
            policy=v.policy if v else None,
            hash_alg=v.hash_alg if v and v.hash_alg else hash_alg,
            anchor=v.anchor_text() if v else None,
            checks=[c.as_dict() for c in self.verdict.checks] if self.verdict else [],
            checked_at=self.checked_at,
            requested_at=self.requested_at,
            attempts=self.attempts,
        )


#: The shortest request worth making: a retry that would leave less of the budget is not made.
MIN_TRY = 1.0


def request_receipt(
    tsa: TSAInfo,
    digest: bytes,
    hash_alg: str,
    verifier: Verifier,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = 2,
    backoff: float = 1.0,
    pacer: Pacer | None = None,
    sleep: Callable[[float], None] = time.sleep,
    requested_at: datetime | None = None,
    abort: threading.Event | None = None,
) -> Attempt:
    """Ask one TSA, with bounded retries for transient failures only, and verify the answer.
    Once ``abort`` is set (the stamp this answer was for could not be recorded), no request
    or retry is sent any more; the attempt comes back pending and is not stored.

    ``timeout`` is this TSA's whole budget, retries and their back-off included: what the
    user waits at most (`--timeout`), not a per-request figure that retries multiply. Each
    request gets what is left of it; a retry is made only when its back-off still leaves at
    least MIN_TRY seconds to ask. Transient failures (timeout, refused connection, HTTP 5xx)
    are retried up to ``retries`` times after ``backoff``, 2 x ``backoff``, ... seconds and then
    leave the attempt *pending*. A definite answer (rejection, bad signature, untrusted chain,
    wrong nonce or imprint, not a time stamp) is never retried: asking again would only hide
    it. A TSA that hangs is therefore asked once and costs ``timeout`` seconds."""
    attempt = Attempt(tsa, "pending", requested_at=requested_at or now_utc())
    spent = 0.0  # of the budget: time in requests, plus back-off (counted even when ``sleep`` is a stub)
    for n in range(retries + 1):
        req = build_request(digest, hash_alg)
        if pacer is not None:
            pacer.wait(tsa)
        if abort is not None and abort.is_set():
            attempt.error = "The stamp was abandoned before this TSA was asked."
            return attempt
        attempt.nonce = req.nonce
        attempt.attempts += 1
        sent_at = now_utc()
        t0 = time.monotonic()
        try:
            body = post_query(tsa.url, req.der, timeout=max(MIN_TRY, timeout - spent), headers=tsa.headers,
                              credentials=credentials.for_tsa(tsa))
        except TSAError as exc:
            spent += time.monotonic() - t0
            attempt.error = exc.message
            pause = backoff * (2**n)
            if exc.transient and exc.retry_now and n < retries and spent + pause + MIN_TRY <= timeout:
                sleep(pause)
                spent += pause
                continue
            attempt.status = "pending" if exc.transient else "failed"
            return attempt
        judge_response(attempt, body, digest, hash_alg, req.nonce, verifier, sent_at=sent_at)
        if attempt.status == "verified":
            add_revocation_evidence(attempt, timeout=timeout)
        return attempt
    return attempt  # pragma: no cover - the loop always returns


def judge_response(attempt: Attempt, body: bytes, digest: bytes, hash_alg: str, nonce: int,
                   verifier: Verifier, *, sent_at: datetime | None = None) -> Attempt:
    """Decide what a TSA's answer is worth, as a step separate from fetching it: ``verified``
    only if our verifier says so for this digest and nonce, else ``failed`` with the reason.
    A definite answer: never raises, whatever bytes a broken or hostile TSA sent."""
    attempt.nonce = nonce
    attempt.checked_at = now_utc()
    attempt.verdict = None
    try:
        parse_response(body)
    except TokenFormatError:
        attempt.status, attempt.response = "failed", None
        attempt.error = "The TSA's answer is not a time-stamp response (damaged or truncated)."
        return attempt
    attempt.response = body  # kept exactly as received, whatever the verdict
    try:
        # The request time is part of what is checked (the verifier's gen_time check): the
        # same rule every later re-check of this receipt applies (core/recheck.recheck_stored).
        verdict = verifier.verify(body, digest=digest, digest_alg=hash_alg, nonce=nonce,
                                  requested_at=sent_at or attempt.requested_at,
                                  answered_at=attempt.checked_at, now=attempt.checked_at)
    except Exception as exc:  # noqa: BLE001 - a token that crashes a check is not a time stamp
        # debug, not warning: with no handler configured (the CLI) a warning would print a
        # traceback; the reason is in the receipt's error already.
        log.debug("the verifier could not read a TSA's answer", exc_info=True)
        attempt.status = "failed"
        attempt.error = (f"structure: the TSA's answer could not be read as a valid time stamp "
                         f"({type(exc).__name__}: {exc}).")
        return attempt
    attempt.verdict = verdict
    if verdict.ok:
        attempt.status, attempt.error = "verified", None
    else:
        attempt.status, attempt.error = "failed", verdict.reason()
    return attempt


def add_revocation_evidence(attempt: Attempt, *, timeout: float = DEFAULT_TIMEOUT) -> Attempt:
    """Right after a receipt verified: fetch the OCSP response or CRL its TSA certificate
    names (only that certificate's serial and issuer leave the computer), keep it on the
    attempt, and add the ``revocation`` check. A certificate revoked before genTime turns the
    receipt into ``failed``; no evidence at all is a warning, never a failure."""
    from . import revocation

    v = attempt.verdict
    if v is None or not v.ok or v.signer is None or v.gen_time is None:
        return attempt
    issuer = v.chain[1] if len(v.chain) > 1 else None
    evidence: list = []
    if issuer is not None:
        try:
            evidence = revocation.evidence_for(v.signer, issuer, v.gen_time,
                                               timeout=min(timeout, revocation.FETCH_TIMEOUT))
        except Exception:  # noqa: BLE001 - evidence is a bonus; its absence is reported below
            log.debug("fetching revocation evidence failed", exc_info=True)
    attempt.revocation = evidence
    v.checks.append(revocation.check_verdict(v, evidence))
    if not v.ok:
        attempt.status, attempt.error = "failed", v.reason()
    return attempt


def ask_tsas(
    tsas: list[TSAInfo],
    digest: bytes,
    hash_alg: str,
    verifier: Verifier,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = 2,
    pacer: Pacer | None = None,
    on_result: Callable[[int, Attempt], None] | None = None,
    requested_at: list[datetime] | None = None,
    abort: threading.Event | None = None,
) -> list[Attempt]:
    """Ask every TSA concurrently; ``on_result(index, attempt)`` is called as each finishes
    (from that TSA's thread), so each answer is stored as soon as it is verified, not when the
    slowest TSA is done. ``abort``: see request_receipt."""
    pacer = pacer or Pacer()

    def one(i: int) -> Attempt:
        try:
            a = request_receipt(tsas[i], digest, hash_alg, verifier, timeout=timeout, retries=retries,
                                pacer=pacer, requested_at=requested_at[i] if requested_at else None,
                                abort=abort)
        except Exception as exc:  # noqa: BLE001 - one TSA's surprise must not cost the others
            log.debug("asking %s failed unexpectedly", tsas[i].url, exc_info=True)
            a = Attempt(tsas[i], "pending", error=f"Asking the TSA failed unexpectedly ({type(exc).__name__}: "
                                                  f"{exc}); it will be asked again by `proofkit sync`.")
            if requested_at:
                a.requested_at = requested_at[i]
        if on_result:
            on_result(i, a)
        return a

    if not tsas:
        return []
    with ThreadPoolExecutor(max_workers=len(tsas), thread_name_prefix="tsa") as pool:
        return list(pool.map(one, range(len(tsas))))


@dataclass
class StampOutcome:
    version_id: int
    work: str
    receipt_ids: list[int]
    attempts: list[Attempt]

    @property
    def verified(self) -> bool:
        return any(a.status == "verified" for a in self.attempts)

    @property
    def pending(self) -> bool:
        return any(a.status == "pending" for a in self.attempts)


class Recorder(Protocol):
    """Where receipts are kept: what stamping needs of it (``proofkit.ledger.Ledger`` is one).
    ``update_receipt`` raises a LedgerError when the receipt may not change that way (for
    instance another process completed it meanwhile)."""

    def record_stamp(self, *, work_title: str, file_name: str, path: str, size: int, hash_alg: str,
                     digest_hex: str, receipts: list[ReceiptData], kind: str = "file",
                     manifest_text: str | None = None) -> Any: ...

    def update_receipt(self, receipt_id: int, data: ReceiptData) -> Any: ...

    def add_certificates(self, ders: Any) -> None: ...

    def get_receipt(self, receipt_id: int) -> Any: ...

    def pending_receipts(self) -> list: ...


class Later:
    """A ledger or verifier for :class:`Stamper` to build itself, in the calling thread,
    once the first requests are out: opening the ledger (SQLAlchemy's import, the file) and
    building the trust store then overlap the network instead of preceding it. Only the
    digest has left when they are ready; if building fails, the answers are dropped as for
    a stamp that could not be recorded."""

    def __init__(self, build: Callable[[], Any]) -> None:
        self.build = build


class _Awaited:
    """The verifier as the asking threads see it while the calling thread builds it: the
    first use waits until it is there."""

    def __init__(self) -> None:
        self._ready = threading.Event()
        self._value: Any = None

    def set(self, value: Any) -> None:
        self._value = value
        self._ready.set()

    def fail(self) -> None:
        self._ready.set()

    def __getattr__(self, name: str) -> Any:
        self._ready.wait()
        if self._value is None:
            raise RuntimeError("the stamp was abandoned before its verifier was ready")
        return getattr(self._value, name)


class Stamper:
    """Stamps digests into a recorder (the ledger), for the application layer's use cases.
    ``ledger`` and ``verifier`` may be :class:`Later`: built by :meth:`stamp` while the
    TSAs are being asked."""

    def __init__(
        self,
        ledger: Recorder,
        verifier: Verifier,
        tsas: list[TSAInfo],
        *,
        timeout: float = DEFAULT_TIMEOUT,
        retries: int = 2,
        on_event: EventFn | None = None,
    ) -> None:
        self.ledger = ledger
        self.verifier = verifier
        self.tsas = tsas
        self.timeout = timeout
        self.retries = retries
        self.pacer = Pacer()
        self.on_event = on_event or (lambda kind, data: None)

    def stamp(
        self,
        *,
        work: str,
        file_name: str,
        path: str,
        size: int,
        hash_alg: str,
        digest: bytes,
        kind: str = "file",
        manifest_text: str | None = None,
        before_record: Callable[[], object] | None = None,
    ) -> StampOutcome:
        """``before_record``: called once the requests are out, before the stamp is recorded
        (the application waits there until the stamped bytes are safe in its vault)."""
        asked_at = now_utc()
        pending = [Attempt(t, "pending", requested_at=asked_at).receipt_data(hash_alg) for t in self.tsas]
        receipt_ids: list[int] = []
        recorded = threading.Event()  # set once step 2 is over, committed or not
        abandoned = threading.Event()  # step 2 failed: ask no more, keep no answer

        def finished(i: int, a: Attempt) -> None:
            recorded.wait()
            if abandoned.is_set():  # stamp() has raised the record's error; nothing to keep
                return
            self._store(receipt_ids[i], a, hash_alg)
            self._announce(path, receipt_ids[i], a)

        # The TSAs are asked while the pending receipts are written: a 10,000-file manifest
        # (one index row per file) takes about as long to record as a loopback TSA to answer.
        asker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ask")
        awaited = _Awaited() if isinstance(self.verifier, Later) else None
        try:
            asking = asker.submit(
                ask_tsas, self.tsas, digest, hash_alg, awaited or self.verifier,
                timeout=self.timeout, retries=self.retries, pacer=self.pacer, on_result=finished,
                requested_at=[asked_at] * len(self.tsas), abort=abandoned)
            if isinstance(self.ledger, Later):
                self.ledger = self.ledger.build()
            if awaited is not None:
                self.verifier = self.verifier.build()
                awaited.set(self.verifier)
            if before_record is not None:
                before_record()
            rec = self.ledger.record_stamp(
                work_title=work, file_name=file_name, path=path, size=size, hash_alg=hash_alg,
                digest_hex=digest.hex(), receipts=pending, kind=kind, manifest_text=manifest_text,
            )
            receipt_ids.extend(rec.receipt_ids)
        except BaseException:
            abandoned.set()
            recorded.set()
            if awaited is not None:
                awaited.fail()
            # Not waited for: a request already sent may take its TSA the whole timeout, and
            # its answer is dropped. The CLI leaves without joining such threads (exit_now).
            asker.shutdown(wait=False)
            raise
        try:  # announced before any answer is: "recorded", "requesting", then "receipt"s
            self.on_event("recorded", {"path": path, "version_id": rec.version_id,
                                       "receipt_ids": list(receipt_ids)})
            for tsa, rid in zip(self.tsas, receipt_ids):
                self.on_event("requesting", {"path": path, "tsa": tsa.name, "receipt_id": rid})
        finally:
            recorded.set()
            try:
                attempts = asking.result()
            finally:
                asker.shutdown()
        return StampOutcome(rec.version_id, work, receipt_ids, attempts)

    def _announce(self, path: str, receipt_id: int, a: Attempt) -> None:
        self.on_event("receipt", {"path": path, "tsa": a.tsa.name, "receipt_id": receipt_id,
                                  "status": a.status, "error": a.error,
                                  "gen_time": a.verdict.gen_time if a.verdict and a.status == "verified" else None})

    def _store(self, receipt_id: int, a: Attempt, hash_alg: str) -> None:
        from cryptography.hazmat.primitives.serialization import Encoding

        try:
            self.ledger.update_receipt(receipt_id, a.receipt_data(hash_alg))
        except LedgerError:
            # Another process (a `sync` next to this stamp, the GUI's auto-sync) completed this
            # receipt meanwhile; its answer stands and ours is not needed. Anything else is a
            # real error and propagates.
            row = self.ledger.get_receipt(receipt_id)
            if row is None or row.status == "pending":
                raise
            log.info("receipt %s was completed by another process (%s); keeping that answer",
                     receipt_id, row.status)
            a.status, a.error = row.status, row.error
            return
        if a.verdict is not None and a.verdict.ok and a.status == "verified":
            certs = {c.public_bytes(Encoding.DER) for c in a.verdict.chain + a.verdict.embedded_certs}
            self.ledger.add_certificates(sorted(certs))
        if a.revocation and a.status in ("verified", "failed"):
            # After the receipt's own write: a crash in between leaves a verified receipt
            # whose revocation check later reads "not available", never a lost receipt.
            self.ledger.add_revocation(receipt_id, a.revocation)

    def sync(self, registry: list[TSAInfo]) -> list[tuple[int, Attempt]]:
        """Complete every pending receipt: ask its TSA again for the same digest.

        TSAs are asked concurrently, each TSA's receipts one after the other (paced). Once a
        TSA fails transiently (down, timing out) the rest of its receipts are not asked in
        this run: they stay pending, untouched, instead of each costing a full timeout.
        Returns ``(receipt id, attempt)`` for every pending receipt, in ledger order; a
        receipt not asked has an attempt with ``attempts == 0``."""
        from .registry import find_tsa

        pending = self.ledger.pending_receipts()
        by_name = {t.name: t for t in registry}
        groups: dict[str, list] = {}
        tsa_of: dict[int, TSAInfo] = {}
        for r in pending:
            tsa = by_name.get(r.tsa_name) or find_tsa(r.url, registry)
            if (tsa.name, tsa.url) != (r.tsa_name, r.url):
                # A receipt keeps the TSA it was asked of (name and URL are fixed in the ledger),
                # even if the registry renamed or moved it since.
                tsa = dataclasses.replace(tsa, name=r.tsa_name, url=r.url)
            tsa_of[r.id] = tsa
            groups.setdefault(tsa.url, []).append(r)
        results: dict[int, Attempt] = {}

        def run_group(rows: list) -> None:
            down: Attempt | None = None
            for r in rows:
                tsa = tsa_of[r.id]
                if down is not None:
                    results[r.id] = Attempt(tsa, "pending", error=f"Not asked: {down.error}",
                                            requested_at=r.requested_at)
                    continue
                self.on_event("requesting", {"path": r.file_name, "tsa": tsa.name, "receipt_id": r.id})
                try:
                    a = request_receipt(tsa, bytes.fromhex(r.digest_hex), r.hash_alg, self.verifier,
                                        timeout=self.timeout, retries=self.retries, pacer=self.pacer,
                                        requested_at=r.requested_at)
                except Exception as exc:  # noqa: BLE001 - as in ask_tsas: keep it pending
                    log.debug("syncing receipt %s failed unexpectedly", r.id, exc_info=True)
                    a = Attempt(tsa, "pending", requested_at=r.requested_at, attempts=1,
                                error=f"Asking the TSA failed unexpectedly ({type(exc).__name__}: {exc}).")
                a.attempts += r.attempts
                self._store(r.id, a, r.hash_alg)
                self._announce(r.file_name, r.id, a)
                results[r.id] = a
                if a.status == "pending":
                    down = a

        if groups:
            with ThreadPoolExecutor(max_workers=len(groups), thread_name_prefix="sync") as pool:
                for f in [pool.submit(run_group, rows) for rows in groups.values()]:
                    f.result()
        return [(r.id, results[r.id]) for r in pending if r.id in results]
