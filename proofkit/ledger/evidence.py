"""Renewal batches and the evidence records built from them (RFC 4998; the logic is in
:mod:`proofkit.core.ers`), and the anchoring of the ledger's head.

A renewal asks each TSA ONE question: the root of a hash tree over everything due. What it
covers is kept as one *batch* file per TSA under ``<data>/evidence/batches/``::

    {"format": "proofkit-renewal", "version": 1, "id": ..., "tsa": ..., "url": ...,
     "alg": "sha256", "created_at": ..., "gen_time": ..., "not_after": ...,
     "response_b64": <the TSA's answer as received>,
     "items":  [["r", receipt id] | ["b", batch id] | ["h", seq, event hash], ...],
     "leaves": [hex of each item's hash, same order]}

A receipt's leaf is the hash of its stored TSA response; a renewed batch's leaf is the hash
of its time-stamp token (RFC 4998 time-stamp renewal), so all the receipts of one batch are
renewed by a single leaf; a head's leaf is the hash of :func:`head_record`. The per-receipt
evidence record (the reduced hash trees and the tokens) is rebuilt from these files when a
bundle is exported. Batch files are written once (atomically) and never changed, so the
mirror copies each once.

Each TSA line is renewed by the same TSA when it is asked again (a line whose TSA is gone is
renewed by the first TSA asked), so a receipt keeps one evidence record per TSA that first
renewed it instead of a number that doubles with every renewal.
"""

from __future__ import annotations

import base64
import json
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from proofkit.core import ers
from proofkit.core.errors import EXIT_UNREACHABLE, ProofKitError
from proofkit.core.files import atomic_write

FORMAT = "proofkit-renewal"
VERSION = 1
ANCHOR_EVERY = timedelta(hours=24)


class RenewalError(ProofKitError):
    exit_code = EXIT_UNREACHABLE


def head_record(seq: int, event_hash: str) -> bytes:
    """The data object a ledger anchor protects (bundles carry it as a text file)."""
    return f"ProofKit ledger head\nseq {seq}\nhash {event_hash}\n".encode("ascii")


@dataclass
class Batch:
    id: str
    tsa: str
    url: str
    alg: str
    created_at: datetime
    gen_time: datetime
    not_after: datetime | None
    response: bytes
    items: list[tuple]
    leaves: list[bytes]
    _levels: list[list[bytes]] | None = field(default=None, repr=False)

    @property
    def token(self) -> bytes:
        return ers.token_of(self.response)

    def levels(self) -> list[list[bytes]]:
        if self._levels is None:
            self._levels = ers.build_tree(self.alg, self.leaves)
        return self._levels

    def ats(self, index: int):
        return ers.archive_time_stamp(self.alg, self.token, ers.reduced_tree(self.levels(), index))

    def to_json(self) -> str:
        return json.dumps({
            "format": FORMAT, "version": VERSION, "id": self.id, "tsa": self.tsa, "url": self.url,
            "alg": self.alg, "created_at": self.created_at.isoformat(),
            "gen_time": self.gen_time.isoformat(),
            "not_after": self.not_after.isoformat() if self.not_after else None,
            "response_b64": base64.b64encode(self.response).decode(),
            "items": [list(i) for i in self.items], "leaves": [x.hex() for x in self.leaves],
        }, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Batch":
        d = json.loads(text)
        if d.get("format") != FORMAT or int(d.get("version", 0)) > VERSION:
            raise ValueError("not a ProofKit renewal batch this version reads")
        return cls(
            id=d["id"], tsa=d["tsa"], url=d["url"], alg=d["alg"],
            created_at=datetime.fromisoformat(d["created_at"]),
            gen_time=datetime.fromisoformat(d["gen_time"]),
            not_after=datetime.fromisoformat(d["not_after"]) if d.get("not_after") else None,
            response=base64.b64decode(d["response_b64"]),
            items=[tuple(i) for i in d["items"]], leaves=[bytes.fromhex(x) for x in d["leaves"]],
        )


@dataclass
class RenewReport:
    receipts: int = 0  # receipts newly covered
    renewed_batches: int = 0  # earlier batches renewed
    head: tuple[int, str] | None = None  # ledger head anchored
    stamps: list[ers.RootStamp] = field(default_factory=list)
    batches: list[str] = field(default_factory=list)
    requests: int = 0

    @property
    def nothing_due(self) -> bool:
        return not self.requests


class EvidenceStore:
    """The batch files under ``root`` (``<data>/evidence``)."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.batch_dir = self.root / "batches"
        self._cache: dict[str, tuple[float, Batch]] = {}

    def batches(self) -> list[Batch]:
        """Every readable batch, oldest first. A damaged file is skipped (the mirror has it;
        `ledger check` reports it)."""
        out = []
        if not self.batch_dir.is_dir():
            return out
        for p in sorted(self.batch_dir.glob("*.json")):
            try:
                mtime = p.stat().st_mtime
                hit = self._cache.get(p.name)
                if hit and hit[0] == mtime:
                    out.append(hit[1])
                    continue
                b = Batch.from_json(p.read_text("utf-8"))
                self._cache[p.name] = (mtime, b)
                out.append(b)
            except (OSError, ValueError, KeyError, TypeError):
                continue
        out.sort(key=lambda b: (b.created_at, b.id))
        return out

    def unreadable(self) -> list[Path]:
        ok = {b.id for b in self.batches()}
        if not self.batch_dir.is_dir():
            return []
        return [p for p in sorted(self.batch_dir.glob("*.json")) if p.stem not in ok]

    def save(self, batch: Batch) -> Path:
        self.batch_dir.mkdir(parents=True, exist_ok=True)
        p = self.batch_dir / f"{batch.id}.json"
        with atomic_write(p, prefix=".batch-") as f:
            f.write(batch.to_json().encode("utf-8"))
        return p

    # ------------------------------------------------------------------ graph

    def _renewals(self, batches: list[Batch]) -> dict[str, list[tuple[Batch, int]]]:
        """batch id -> [(the batch renewing it, leaf index there)]."""
        out: dict[str, list[tuple[Batch, int]]] = {}
        for b in batches:
            for i, item in enumerate(b.items):
                if item[0] == "b":
                    out.setdefault(item[1], []).append((b, i))
        return out

    def tips(self, batches: list[Batch] | None = None) -> list[Batch]:
        batches = self.batches() if batches is None else batches
        renewed = self._renewals(batches)
        return [b for b in batches if b.id not in renewed]

    def covered_receipts(self, batches: list[Batch] | None = None) -> set[int]:
        batches = self.batches() if batches is None else batches
        return {int(i[1]) for b in batches for i in b.items if i[0] == "r"}

    def anchors(self, batches: list[Batch] | None = None) -> list[tuple[int, str, Batch, int]]:
        """(seq, event hash, batch, leaf index) of every anchored ledger head."""
        batches = self.batches() if batches is None else batches
        return [(int(i[1]), str(i[2]), b, n) for b in batches
                for n, i in enumerate(b.items) if i[0] == "h"]

    def _paths(self, path: list[tuple[Batch, int]], renewals) -> Iterator[list[tuple[Batch, int]]]:
        """Every chain from ``path`` forward; a line renewed twice (two runs at once) forks."""
        while True:
            nxt = renewals.get(path[-1][0].id)
            if not nxt:
                yield path
                return
            for extra in nxt[1:]:
                yield from self._paths(path + [extra], renewals)
            path = path + [nxt[0]]

    def records_for(self, item: tuple) -> list[tuple[list[str], bytes]]:
        """The evidence records of one data object (``("r", receipt id)`` or ``("h", seq,
        hash)``): [(TSA names along the chain, DER EvidenceRecord)], one per line."""
        batches = self.batches()
        renewals = self._renewals(batches)
        key = tuple(str(x) for x in item)
        out = []
        for b in batches:
            for n, it in enumerate(b.items):
                if tuple(str(x) for x in it) != key:
                    continue
                for path in self._paths([(b, n)], renewals):
                    chain = [bb.ats(idx) for bb, idx in path]
                    der = ers.evidence_record([chain], [path[0][0].alg])
                    out.append(([bb.tsa for bb, _ in path], der))
        return out

    # ------------------------------------------------------------------ renewal

    def renew(self, ledger, tsas: Sequence, verifier, *, mode: str = "due",
              anchor_head: bool = True, timeout: float = 20.0,
              now: Callable[[], datetime] | None = None,
              progress: Callable[[int, int], None] | None = None) -> RenewReport:
        """One renewal: gather what is due (``mode`` "due") or everything (``"all"``),
        build one hash tree per TSA (receipts not yet covered, the lines this TSA keeps, the
        ledger head) and ask each TSA once for its root. Every verified answer is kept as a
        batch; RenewalError when none could be obtained (nothing written)."""
        if mode not in ("due", "all"):
            raise ValueError(mode)
        clock = now or (lambda: datetime.now(timezone.utc))
        t0 = clock()
        alg = "sha256"
        batches = self.batches()
        covered = self.covered_receipts(batches)
        report = RenewReport()

        def due(not_after: datetime | None, sha1: bool = False) -> bool:
            return mode == "all" or sha1 or not_after is None or not_after - t0 < ers.RENEW_AHEAD

        # receipts: verified, not yet covered by any batch, due
        new_items: list[tuple] = []
        new_leaves: list[bytes] = []
        for rid, response in ledger.verified_responses():
            if rid in covered:
                continue
            if mode != "all":
                not_after, sha1 = ers.expires(response)
                if not due(not_after, sha1):
                    continue
            new_items.append(("r", rid))
            new_leaves.append(ers.H(alg, response))
        # the ledger head, at most once a day and only when it moved
        if anchor_head:
            head = ledger.head()
            last = max(self.anchors(batches), key=lambda a: a[0], default=None)
            if head is not None and (last is None or (head.seq > last[0]
                                                      and t0 - last[2].created_at >= ANCHOR_EVERY)):
                new_items.append(("h", head.seq, head.hash))
                new_leaves.append(ers.H(alg, head_record(head.seq, head.hash)))
                report.head = (head.seq, head.hash)
        # lines (tips) due, each kept by its own TSA when that TSA is asked
        urls = [t.url for t in tsas]  # lines are kept by URL: ad-hoc TSAs may share a name
        per_tsa: dict[str, list[tuple[tuple, bytes]]] = {u: [] for u in urls}
        for tip in self.tips(batches):
            if not due(tip.not_after):
                continue
            owner = tip.url if tip.url in per_tsa else (urls[0] if urls else None)
            if owner is None:
                continue
            per_tsa[owner].append((("b", tip.id), ers.H(tip.alg, _ts_der(tip))))
            report.renewed_batches += 1
        if not tsas or (not new_items and not any(per_tsa.values())):
            if not tsas and (new_items or report.renewed_batches):
                raise RenewalError("No TSA to ask for the renewal: give one with --tsa.")
            report.head = None
            report.renewed_batches = 0
            return report
        items_per, leaves_per, roots = [], [], []
        shared = None
        for t in tsas:
            own = per_tsa[t.url]
            items = new_items + [i for i, _ in own]
            leaves = new_leaves + [lf for _, lf in own]
            if not items:  # this TSA has nothing to renew: still asked for the new receipts
                items, leaves = list(new_items), list(new_leaves)
            if not own and shared is not None:
                levels = shared
            else:
                levels = ers.build_tree(alg, leaves)
                if not own:
                    shared = levels
            items_per.append(items)
            leaves_per.append(leaves)
            roots.append(levels[-1][0])
        asked = [t for t, items in zip(tsas, items_per) if items]
        stamps = ers.stamp_root(asked, [r for r, items in zip(roots, items_per) if items], alg,
                                verifier, timeout=timeout, now=clock)
        report.stamps = stamps
        report.requests = len(asked)
        created = clock()
        kept = 0
        stamp_of = iter(stamps)
        for t, items, leaves in zip(tsas, items_per, leaves_per):
            if not items:
                continue
            st = next(stamp_of)
            if not st.ok:
                continue
            not_after, _sha1 = ers.expires(st.response)
            bid = f"{created:%Y%m%dT%H%M%S%fZ}-{len(report.batches)}-{_slug(t.name)}"
            b = Batch(id=bid, tsa=t.name, url=t.url, alg=alg, created_at=created,
                      gen_time=st.gen_time, not_after=not_after, response=st.response,
                      items=list(items), leaves=list(leaves))
            self.save(b)
            report.batches.append(bid)
            kept += 1
        if not kept:
            report.head = None
            reasons = "; ".join(f"{s.tsa_name}: {s.error}" for s in stamps)
            raise RenewalError(f"No TSA could stamp the renewal ({reasons}); nothing was changed. "
                               "Try again when you are online.")
        report.receipts = len([i for i in new_items if i[0] == "r"])
        return report


def _ts_der(batch: Batch) -> bytes:
    """DER of the batch token as an ATS ``timeStamp`` holds it (what its renewal covers)."""
    return ers.timestamp_der(ers.archive_time_stamp(batch.alg, batch.token, None))


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name)[:40] or "tsa"


def check_anchors(ledger, store: EvidenceStore) -> list[str]:
    """Problems between the ledger and its anchored heads: an anchored event that is gone
    (the tail was cut) or has another hash (history rewritten)."""
    problems = []
    anchors = store.anchors()
    if not anchors:
        return problems
    seen = set()
    for seq, h, batch, _n in anchors:
        if (seq, h) in seen:
            continue
        seen.add((seq, h))
        ev = ledger.event_at(seq)
        if ev is None:
            problems.append(f"the ledger was anchored at entry {seq} on {batch.gen_time:%Y-%m-%d} "
                            f"({batch.tsa}), but that entry is gone: its tail was cut.")
        elif ev.hash != h:
            problems.append(f"entry {seq} does not match the hash anchored on "
                            f"{batch.gen_time:%Y-%m-%d} ({batch.tsa}): the history was rewritten.")
    for p in store.unreadable():
        problems.append(f"the renewal file {p} cannot be read.")
    return problems


__all__ = ["EvidenceStore", "Batch", "RenewReport", "RenewalError", "check_anchors",
           "head_record"]
