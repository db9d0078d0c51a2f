"""Renewal (RFC 4998): before a receipt's TSA certificate expires (within two years) or its
algorithm is retired, the receipts due are gathered into one hash tree per TSA and each TSA
is asked once for its root; the ledger's head is anchored in the same batch, at most once a
day. ``long_term`` tells whether one receipt still proves its time today, and by which chain.

The logic is proofkit.core.ers; the batches are kept by proofkit.ledger.evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Sequence

from proofkit.core import ers
from proofkit.core.errors import InputError
from proofkit.ledger.evidence import EvidenceStore, RenewReport

from .progress import SILENT, Progress

if TYPE_CHECKING:
    from .session import Session


def store_of(session: "Session") -> EvidenceStore:
    return EvidenceStore(session.ledger, session.dirs.evidence)


def policy_of(session: "Session") -> ers.AlgorithmPolicy:
    """The algorithm policy: SHA-1 retired; SHA-256 from Settings ``sha256_retired_from``."""
    when = datetime.fromisoformat(session.settings.sha256_retired_from).replace(tzinfo=timezone.utc)
    return ers.AlgorithmPolicy(sha256_retired_from=when)


def set_sha256_retired_from(session: "Session", day: str) -> ers.AlgorithmPolicy:
    """Set the date SHA-256 is retired (YYYY-MM-DD) in Settings."""
    import dataclasses
    from datetime import date

    try:
        date.fromisoformat(day)
        if len(day) != 10:
            raise ValueError(day)
    except ValueError:
        raise InputError(f"'{day}' is not a date: write it as YYYY-MM-DD.") from None
    session.save_settings(dataclasses.replace(session.settings, sha256_retired_from=day))
    return policy_of(session)


def renew(session: "Session", *, mode: str = "due", tsa: Sequence[str] | None = None,
          hash_tree: str | None = None, timeout: float | None = None,
          progress: Progress = SILENT) -> RenewReport:
    """One renewal run (``mode`` "due" or "all"). At least two TSAs are asked when two are
    selected (Settings or ``tsa``); one request per TSA. Lines whose hash algorithm the
    policy retires (or every line in a weaker algorithm than ``hash_tree``) are renewed by
    hash-tree renewal. Raises RenewalError when none answered (nothing written). The mirror
    is brought up to date afterwards."""
    tsas = session.tsas(tsa)
    if not tsas:
        raise InputError("No TSA is selected: choose at least one in Settings, or give one with --tsa NAME|URL.")
    if hash_tree is not None:
        hash_tree = hash_tree.lower().replace("-", "")
    rep = store_of(session).renew(tsas, session.verifier(), mode=mode, hash_tree=hash_tree,
                                  policy=policy_of(session), timeout=session.timeout(timeout),
                                  progress=progress.update)
    for st in rep.stamps:
        progress.event("renewal", {"tsa": st.tsa_name, "ok": st.ok, "gen_time": st.gen_time, "error": st.error})
    if not rep.nothing_due:
        from .mirroring import after_change

        after_change(session, progress)
    return rep


STATE_FILE = "renewal-state.json"
CHECK_EVERY = timedelta(hours=24)


def renew_if_due(session: "Session", *, now: datetime | None = None,
                 progress: Progress = SILENT) -> RenewReport | None:
    """What the desktop app runs on its own (after its periodic sync): at most once a day,
    ``renew(mode="due")``. Returns None when it was not time to look yet, or when no TSA
    could be reached (it is tried again next time; nothing was written)."""
    import json

    from proofkit.core.files import atomic_write
    from proofkit.ledger.evidence import RenewalError

    now = now or datetime.now(timezone.utc)
    state_path = session.dirs.data / STATE_FILE
    try:
        last = datetime.fromisoformat(json.loads(state_path.read_text("utf-8"))["checked_at"])
    except (OSError, ValueError, KeyError, TypeError):
        last = None
    if last is not None and now - last < CHECK_EVERY:
        return None
    try:
        rep = renew(session, mode="due", progress=progress)
    except RenewalError as exc:
        progress.event("renewal", {"ok": False, "error": exc.message})
        return None
    with atomic_write(state_path, prefix=".renewal-state-") as f:
        f.write((json.dumps({"checked_at": now.isoformat()}) + "\n").encode())
    return rep


def long_term(session: "Session", receipt_id: int, *, at: datetime | None = None) -> ers.LongTermVerdict:
    """Whether a receipt still proves its time at ``at`` (default now): by itself while its
    TSA certificate is valid, through an evidence record after that."""
    r = session.ledger.get_receipt(receipt_id)
    if r is None:
        raise InputError(f"No receipt {receipt_id} in the ledger.")
    if r.status != "verified" or not r.response:
        return ers.LongTermVerdict(False, f"receipt {receipt_id} is {r.status}: not proof.")
    records = [der for _tsas, der in store_of(session).records_for(("r", r.id))]
    return _long_term(session, r, records, at)


def _long_term(session: "Session", r, records: list[bytes], at: datetime | None) -> ers.LongTermVerdict:
    return ers.long_term_verdict(r.response, session.verifier(), digest=bytes.fromhex(r.digest_hex),
                                 digest_alg=r.hash_alg, evidence=records, at=at,
                                 requested_at=r.requested_at, answered_at=r.checked_at,
                                 policy=policy_of(session))


@dataclass
class LongTermStatement:
    """The long-term verdict shown beside a receipt's own (never instead of it): for a
    receipt whose TSA certificate has expired or whose hash algorithm is retired, whether an
    evidence record still proves it. A receipt refused when it arrived stays refused: its
    statement only says that no evidence record changes that."""

    receipt_id: int
    ok: bool
    why: str | None  # why the receipt alone no longer suffices, or why it never was proof
    since: datetime | None = None  # the earliest time proven
    renewals: list[tuple[datetime, str]] = field(default_factory=list)  # (when, by which TSA)
    reason: str | None = None  # why no evidence record holds (when not ok)
    refused: bool = False  # the receipt was refused when it arrived

    def dates(self) -> list[str]:
        return sorted({f"{t:%Y-%m-%d}" for t, _ in self.renewals})

    def tsas(self) -> list[str]:
        return list(dict.fromkeys(name for _, name in sorted(self.renewals)))

    def text(self) -> str:
        """One sentence (English; the CLI's contract; the GUI composes its own)."""
        if self.refused:
            return ("refused when it arrived: an evidence record does not make it proof "
                    "(it stays refused).")
        if self.ok:
            return (f"{self.why}, but it is proven since {self.since:%Y-%m-%d} through the evidence "
                    f"record renewed on {_and(self.dates())} by {_and(self.tsas())}.")
        return f"no longer proven: {self.reason}"

    def as_json(self) -> dict:
        return {"ok": self.ok, "refused": self.refused, "why": self.why,
                "since": self.since.isoformat().replace("+00:00", "Z") if self.since else None,
                "renewals": [{"at": t.isoformat().replace("+00:00", "Z"), "tsa": n} for t, n in self.renewals],
                "reason": self.reason, "statement": self.text()}


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def long_term_statements(session: "Session", results, *, at: datetime | None = None) -> dict[int, LongTermStatement]:
    """For each (receipt, its verdict) of a verification: a long-term statement when its TSA
    certificate has expired or its hash algorithm is retired by the policy (through
    :func:`long_term`), or when a refused receipt is listed in an evidence record."""
    at = at or datetime.now(timezone.utc)
    policy = policy_of(session)
    out: dict[int, LongTermStatement] = {}
    covered = None
    for r, v in results:
        if v is None:
            continue  # pending: not proof yet, nothing to renew
        if not v.ok:
            if covered is None:
                covered = store_of(session).covered_receipts()
            if r.id in covered:
                out[r.id] = LongTermStatement(r.id, False, v.reason(), refused=True)
            continue
        until = v.signer.not_valid_after_utc if v.signer is not None else None
        if not ((until is not None and until < at) or policy.retired(v.hash_alg, at)):
            continue  # the receipt proves its time by itself
        named = store_of(session).records_for(("r", r.id))
        lt = _long_term(session, r, [der for _names, der in named], at)
        # the TSAs as the author named them when renewing (the steps carry certificate names)
        renewals = [(st.gen_time, names[k] if k < len(names) else st.tsa)
                    for (names, _der), rec in zip(named, lt.records) if rec.ok
                    for k, st in enumerate(rec.steps[1:])]
        out[r.id] = LongTermStatement(r.id, lt.ok, lt.why_needed, lt.earliest if lt.ok else None,
                                      sorted(set(renewals)), None if lt.ok else lt.reason)
    return out


def check_renewals(session: "Session") -> list[str]:
    """``ledger check --deep``: every renewal batch re-verified (see EvidenceStore.check)."""
    return store_of(session).check(session.verifier())


def anchor_problems(session: "Session") -> list[str]:
    """Anchored ledger heads that no longer match the ledger (a cut tail, a rewrite)."""
    from proofkit.ledger.evidence import check_anchors

    return check_anchors(session.ledger, store_of(session))


__all__ = ["LongTermStatement", "anchor_problems", "check_renewals", "long_term", "long_term_statements",
           "policy_of", "renew", "renew_if_due", "set_sha256_retired_from", "store_of"]
