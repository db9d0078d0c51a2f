"""Looking after the ledger: find entries changed behind ProofKit's back (and, deep, re-verify
every receipt), and make a consistent copy."""

from __future__ import annotations

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


def check_ledger(session: "Session", *, deep: bool = False, progress: Progress = SILENT) -> LedgerCheck:
    """The hash chain and every entry against it; with ``deep``, every receipt stored as
    verified is verified again, cryptographically, with today's trust roots."""
    ledger = session.ledger
    out = LedgerCheck([str(p) for p in ledger.check()])
    from .renewing import anchor_problems

    out.problems += anchor_problems(session)  # a cut or rewritten tail against its anchors
    if deep:
        from proofkit.core.recheck import recheck_receipts

        for res in recheck_receipts(ledger, session.verifier(), progress=progress.update):
            out.rechecked += 1
            if not res.verdict.ok:
                out.problems.append(f"receipt {res.receipt.id} ({res.receipt.file_name}, {res.receipt.tsa_name}) "
                                    f"no longer verifies: {res.verdict.reason()}")
            if progress.cancelled:
                break
    out.receipts = ledger.count_receipts()
    return out


def backup(session: "Session", out: Path, *, progress: Progress = SILENT) -> Path:
    """A consistent copy of the ledger (SQLite's online backup). ``out`` may be a folder: the
    copy is then named after the time."""
    out = Path(out)
    if out.is_dir():
        out = out / f"proofkit-ledger-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.sqlite3"
    if out.exists():
        raise InputError(f"{out}: already exists; choose a new file name.")
    return session.ledger.backup(out)
