"""Looking after the ledger: find entries changed behind ProofKit's back (and, deep, re-verify
every receipt), and make a consistent copy."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from proofkit.core.errors import InputError

from .progress import SILENT, Progress

if TYPE_CHECKING:
    from .session import Session


@dataclass
class LedgerCheck:
    problems: list[str] = field(default_factory=list)
    receipts: int = 0  # in the ledger
    rechecked: int = 0  # verified receipts re-verified (deep)

    @property
    def ok(self) -> bool:
        return not self.problems


# --deep on several cores: below this many verified receipts, starting worker processes
# (each imports ProofKit and builds its own verifier, ~0.5 s) costs more than it saves.
PARALLEL_FROM = 3000
CHUNK = 2000  # receipt ids per task handed to a worker


def check_ledger(session: "Session", *, deep: bool = False, progress: Progress = SILENT,
                 workers: int | None = None) -> LedgerCheck:
    """The hash chain and every entry against it; with ``deep``, every receipt stored as
    verified is verified again, cryptographically, with today's trust roots — on ``workers``
    processes (default: one per core, at most 4) when there are many."""
    ledger = session.ledger
    out = LedgerCheck([str(p) for p in ledger.check()])
    from .renewing import anchor_problems

    out.problems += anchor_problems(session)  # a cut or rewritten tail against its anchors
    if deep:
        from .renewing import check_renewals

        out.problems += check_renewals(session)  # each renewal's TSA answer and leaves, again
        total = ledger.count_receipts(status="verified")
        if workers is None:
            workers = min(4, os.cpu_count() or 1) if total >= PARALLEL_FROM else 1
        if workers > 1:
            _recheck_in_processes(session, out, total, workers, progress)
        else:
            from proofkit.core.recheck import recheck_receipts

            for res in recheck_receipts(ledger, session.verifier(), progress=progress.update):
                out.rechecked += 1
                if not res.verdict.ok:
                    out.problems.append(_no_longer(res.receipt, res.verdict))
                if progress.cancelled:
                    break
    out.receipts = ledger.count_receipts()
    return out


def _no_longer(r, verdict) -> str:
    return f"receipt {r.id} ({r.file_name}, {r.tsa_name}) no longer verifies: {verdict.reason()}"


def _recheck_in_processes(session: "Session", out: LedgerCheck, total: int, workers: int,
                          progress: Progress) -> None:
    """Split the verified receipts into id ranges re-verified by a pool of processes (not
    threads: verification is Python-bound and would hold the GIL). Each worker opens the
    ledger and builds its own verifier from the same trust roots; only counts and the
    failures come back. Results are taken in id order, so problems are listed as the
    one-process path lists them. Should the workers die (even while starting), the ranges
    not yet done are re-verified here, in order: a deep check never waits on a dead pool."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    newest = session.ledger.receipts(status="verified", limit=1, newest_first=True)
    top = newest[0].id if newest else 0
    ranges = [(lo, min(lo + CHUNK, top)) for lo in range(0, top, CHUNK)]
    trust = [str(p) for p in (*session.settings.trust_pems, *session.extra_trust)]
    done = 0  # ranges whose results are in
    # spawn, not fork: the desktop app has threads, and a forked copy of a locked lock hangs
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_init, initargs=(str(session.ledger.path), trust))
    try:
        for checked, failures in pool.map(_worker_recheck, ranges):
            done += 1
            _add_range(out, checked, failures, total, progress)
            if progress.cancelled:
                return
    except BrokenProcessPool:
        verifier = session.verifier()
        for span in ranges[done:]:
            _add_range(out, *_recheck_span(session.ledger, verifier, span), total, progress)
            if progress.cancelled:
                return
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _add_range(out: LedgerCheck, checked: int, failures: list[str], total: int,
               progress: Progress) -> None:
    out.rechecked += checked
    out.problems.extend(failures)
    progress.update(out.rechecked, total)


_WORKER: dict = {}


def _worker_init(ledger_path: str, trust: list[str]) -> None:
    from proofkit.core.verifier import verifier_for
    from proofkit.ledger import Ledger

    ledger = Ledger.open(Path(ledger_path))
    _WORKER.update(ledger=ledger, verifier=verifier_for(trust, ledger))


def _worker_recheck(span: tuple[int, int]) -> tuple[int, list[str]]:
    return _recheck_span(_WORKER["ledger"], _WORKER["verifier"], span)


def _recheck_span(ledger, verifier, span: tuple[int, int]) -> tuple[int, list[str]]:
    from proofkit.core.recheck import recheck_range

    checked, failures = 0, []
    for res in recheck_range(ledger, verifier, *span):
        checked += 1
        if not res.verdict.ok:
            # the sentence, not the verdict: it holds certificates, which do not pickle
            failures.append(_no_longer(res.receipt, res.verdict))
    return checked, failures


def backup(session: "Session", out: Path, *, progress: Progress = SILENT) -> Path:
    """A consistent copy of the ledger (SQLite's online backup). ``out`` may be a folder: the
    copy is then named after the time."""
    out = Path(out)
    if out.is_dir():
        out = out / f"proofkit-ledger-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.sqlite3"
    if out.exists():
        raise InputError(f"{out}: already exists; choose a new file name.")
    return session.ledger.backup(out)
