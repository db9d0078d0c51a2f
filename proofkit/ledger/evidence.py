"""Renewal batches and the evidence records built from them (RFC 4998; the logic is in
:mod:`proofkit.core.ers`), and the anchoring of the ledger's head.

A renewal asks each TSA ONE question: the root of a hash tree over everything due. Each
answer is a *batch*, kept in the ledger (table ``renewal_batches``, schema v9, with its
hash-chained event, so ``ledger check`` covers it and the ledger's backups, the mirror and
``restore`` carry it): the TSA's answer exactly as received, the hash algorithm of its tree,
its leaves and what each covers::

    ["r", receipt id]            the hash of the receipt's stored TSA response
    ["b", batch name]            time-stamp renewal of an earlier batch: the hash of its token
    ["t", receipt id, batch, k]  hash-tree renewal (RFC 4998 5.2) of the receipt's k-th
                                 record whose line ended at that batch: H(H(response) +
                                 H(ArchiveTimeStampSequence so far)) in the new algorithm
    ["h", seq, event hash]       a ledger anchor: the hash of :func:`head_record`

A renewed batch is ONE leaf of the next tree, so all the receipts of one batch are renewed by
a single leaf; a hash-tree renewal, which must hash each data object anew, has one leaf per
receipt. The per-receipt evidence record (the reduced hash trees and the tokens) is rebuilt
from the batches when a bundle is exported or a receipt is checked for the long term.

Each batch is also written as a file under ``<data>/evidence/batches/`` after it is
committed (``{"format": "proofkit-renewal", ...}``): the ledger's anchors must also live
outside the ledger to catch a cut tail, and data folders from before v9 kept their batches
only there. Files whose batch is not in the ledger are imported when the store is opened
(idempotent: by name); files are never deleted.

Each TSA line is renewed by the same TSA when it is asked again (a line whose TSA is gone is
renewed by the first TSA asked), so a receipt keeps one evidence record per TSA that first
renewed it instead of a number that doubles with every renewal.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from proofkit.core import ers
from proofkit.core.errors import EXIT_UNREACHABLE, ProofKitError
from proofkit.core.files import atomic_write

from .renewal_batch import Batch

ANCHOR_EVERY = timedelta(hours=24)


class RenewalError(ProofKitError):
    exit_code = EXIT_UNREACHABLE


def head_record(seq: int, event_hash: str) -> bytes:
    """The data object a ledger anchor protects (bundles carry it as a text file)."""
    return f"ProofKit ledger head\nseq {seq}\nhash {event_hash}\n".encode("ascii")


@dataclass
class RenewReport:
    receipts: int = 0  # receipts newly covered
    renewed_batches: int = 0  # earlier batches renewed (time-stamp renewal)
    hash_tree: int = 0  # receipt records (a receipt once per line) re-hashed into a new chain
    hash_tree_lines: int = 0  # lines (earlier batches) closed by a hash-tree renewal
    alg: str | None = None  # the hash algorithm of this renewal's trees
    head: tuple[int, str] | None = None  # ledger head anchored
    stamps: list[ers.RootStamp] = field(default_factory=list)
    batches: list[str] = field(default_factory=list)
    requests: int = 0

    @property
    def nothing_due(self) -> bool:
        return not self.requests


class EvidenceStore:
    """The renewal batches of a ledger; ``root`` (``<data>/evidence``) holds their file
    copies (and, in data folders from before schema v9, the only copies: imported once)."""

    def __init__(self, ledger, root: str | os.PathLike[str] | None = None) -> None:
        self.ledger = ledger
        self.root = Path(root) if root is not None else None
        self.batch_dir = self.root / "batches" if self.root is not None else None
        self._cache: list[Batch] = []
        self._last_id = 0

    def _load(self) -> list[Batch]:
        for r in self.ledger.renewal_batches(after_id=self._last_id):
            self._cache.append(Batch.from_row(r))
            self._last_id = r.id
        return self._cache

    def import_files(self) -> int:
        """Bring the batch files the ledger does not hold yet into it (data folders from
        before schema v9, or a file copied in from a mirror). Idempotent, by name (a file
        named after a batch the ledger holds is not even read); the files stay. Returns how
        many were imported."""
        if self.batch_dir is None or not any(self.batch_dir.glob("*.json")):
            return 0  # the usual case, on every opening: no query
        new = []
        for p, b in self._file_batches(skip=set(self.ledger.renewal_batch_names())):
            if b is not None:
                new.append(b)
        if new:
            new.sort(key=lambda b: (b.created_at, b.id))
            self.ledger.add_renewal_batches(new)
        return len(new)

    def _file_batches(self, skip: set[str] = frozenset()) -> Iterator[tuple[Path, Batch | None]]:
        """(path, batch or None when unreadable) of each batch file not named in ``skip``."""
        if self.batch_dir is None or not self.batch_dir.is_dir():
            return
        for p in sorted(self.batch_dir.glob("*.json")):
            if p.stem in skip:
                continue
            try:
                yield p, Batch.from_json(p.read_text("utf-8"))
            except (OSError, ValueError, KeyError, TypeError):
                yield p, None

    def batches(self) -> list[Batch]:
        """Every batch in the ledger, oldest first."""
        return sorted(self._load(), key=lambda b: (b.created_at, b.id))

    def outside_batches(self) -> list[Batch]:
        """Batches whose file copy is here but which the ledger does not hold (read only)."""
        names = set(self.ledger.renewal_batch_names())
        return [b for _p, b in self._file_batches(names) if b is not None and b.id not in names]

    def unreadable(self) -> list[Path]:
        """Batch files that cannot be read (and are not in the ledger)."""
        return [p for p, b in self._file_batches(set(self.ledger.renewal_batch_names())) if b is None]

    def save(self, batches: Sequence[Batch]) -> None:
        """Keep new batches in the ledger (one transaction, each with its event), then
        write their file copies. A copy that cannot be written is only a missing copy: the
        ledger holds the batch."""
        self.ledger.add_renewal_batches(list(batches))
        if self.batch_dir is None:
            return
        for b in batches:
            try:
                self.batch_dir.mkdir(parents=True, exist_ok=True)
                with atomic_write(self.batch_dir / f"{b.id}.json", prefix=".batch-") as f:
                    f.write(b.to_json().encode("utf-8"))
            except OSError:
                pass

    # ------------------------------------------------------------------ graph

    def _renewals(self, batches: list[Batch]) -> dict[str, list[tuple[Batch, int]]]:
        """batch id -> [(the batch renewing it by time-stamp renewal, leaf index there)]."""
        out: dict[str, list[tuple[Batch, int]]] = {}
        for b in batches:
            for name, i in b.batch_refs():
                out.setdefault(name, []).append((b, i))
        return out

    def _continued(self, batches: list[Batch]) -> set[tuple[int, str]]:
        """(receipt id, batch id) of every record continued by a hash-tree renewal."""
        return {(rid, prev) for b in batches for rid, entries in b.index().items()
                for (_n, kind, prev, _k) in entries if kind == "t"}

    def tips(self, batches: list[Batch] | None = None) -> list[Batch]:
        """The batches that end a line: renewed neither by a time-stamp renewal nor closed by
        a hash-tree renewal."""
        batches = self.batches() if batches is None else batches
        renewed = set(self._renewals(batches))
        closed = {prev for _rid, prev in self._continued(batches)}
        return [b for b in batches if b.id not in renewed and b.id not in closed]

    def covered_receipts(self, batches: list[Batch] | None = None) -> set[int]:
        batches = self.batches() if batches is None else batches
        return {int(i[1]) for b in batches for i in b.items if i[0] == "r"}

    def anchors(self, batches: list[Batch] | None = None) -> list[tuple[int, str, Batch, int]]:
        """(seq, event hash, batch, leaf index) of every anchored ledger head."""
        batches = self.batches() if batches is None else batches
        return [(int(i[1]), str(i[2]), b, n) for b in batches
                for n, i in enumerate(b.items) if i[0] == "h"]

    def _lines(self, chains: list[list[tuple[Batch, int]]],
               renewals) -> Iterator[list[list[tuple[Batch, int]]]]:
        """Every chain from ``chains`` forward by time-stamp renewals (a line renewed twice,
        by two runs at once, forks)."""
        nxt = renewals.get(chains[-1][-1][0].id, [])
        if not nxt:
            yield chains
            return
        for step in nxt:
            yield from self._lines(chains[:-1] + [chains[-1] + [step]], renewals)

    def records_for(self, item: tuple) -> list[tuple[list[str], bytes]]:
        """The evidence records of one data object (``("r", receipt id)`` or ``("h", seq,
        hash)``): [(TSA names along the chains, DER EvidenceRecord)], one per line."""
        batches = self.batches()
        renewals = self._renewals(batches)
        out = []
        if item[0] == "r":
            # a receipt's records are read backwards from where each of its lines ends (a
            # hash-tree renewal starts a new chain, and may merge lines into one tree)
            rid = int(item[1])
            by_name = {b.id: b for b in batches}
            continued = self._continued(batches)
            memo: dict = {}
            paths = [chains for b in batches
                     if b.id not in renewals and (rid, b.id) not in continued
                     for chains in self._chains_to(b, rid, by_name, memo)]
        else:
            key = tuple(str(x) for x in item)
            paths = [chains for b in batches for n, it in enumerate(b.items)
                     if tuple(str(x) for x in it) == key
                     for chains in self._lines([[(b, n)]], renewals)]
        for chains in paths:
            der = ers.evidence_record([[bb.ats(idx) for bb, idx in c] for c in chains],
                                      [c[0][0].alg for c in chains])
            out.append(([bb.tsa for c in chains for bb, _ in c], der))
        return out

    def _line_receipts(self, b: Batch, by_name: dict[str, Batch], memo: dict) -> frozenset[int]:
        """The receipts a line protects up to batch ``b``."""
        if b.id not in memo:
            out = set(b.index())
            for name, _n in b.batch_refs():
                prev = by_name.get(name)
                if prev is not None:
                    out |= self._line_receipts(prev, by_name, memo)
            memo[b.id] = frozenset(out)
        return memo[b.id]

    def _chains_to(self, b: Batch, rid: int, by_name: dict[str, Batch],
                   memo: dict) -> list[list[list[tuple[Batch, int]]]]:
        """Each of receipt ``rid``'s records along the lines that reach batch ``b`` (as its
        chains of (batch, leaf index)), in a fixed order: the ``k`` of a "t" item."""
        if rid not in self._line_receipts(b, by_name, memo):
            return []
        out: list[list[list[tuple[Batch, int]]]] = []
        for n, kind, prev, k in b.index().get(rid, ()):
            if kind == "r":
                out.append([[(b, n)]])
                continue
            before = by_name.get(prev)
            earlier = self._chains_to(before, rid, by_name, memo) if before is not None else []
            if k < len(earlier):
                out.append(earlier[k] + [[(b, n)]])
        for name, n in b.batch_refs():
            prev = by_name.get(name)
            if prev is not None:
                for chains in self._chains_to(prev, rid, by_name, memo):
                    out.append(chains[:-1] + [chains[-1] + [(b, n)]])
        return out

    # ------------------------------------------------------------------ renewal

    def renew(self, tsas: Sequence, verifier, *, mode: str = "due",
              hash_tree: str | None = None, policy: ers.AlgorithmPolicy | None = None,
              anchor_head: bool = True, timeout: float = 20.0,
              now: Callable[[], datetime] | None = None,
              progress: Callable[[int, int], None] | None = None) -> RenewReport:
        """One renewal: gather what is due (``mode`` "due") or everything (``"all"``),
        build one hash tree per TSA (receipts not yet covered, the lines this TSA keeps, the
        ledger head) and ask each TSA once for its root. Every verified answer is kept as a
        batch; RenewalError when none could be obtained (nothing written).

        A line whose algorithm ``policy`` retires (or will within RENEW_AHEAD), or every line
        in a weaker algorithm than ``hash_tree`` when that is given, is renewed by hash-tree
        renewal (RFC 4998 5.2): each receipt it protects gets a leaf over its response and its
        evidence record so far, hashed with this renewal's (stronger) algorithm. Still one
        tree, one request per TSA."""
        if mode not in ("due", "all"):
            raise ValueError(mode)
        policy = policy or ers.AlgorithmPolicy()
        clock = now or (lambda: datetime.now(timezone.utc))
        t0 = clock()
        batches = self.batches()
        by_name = {b.id: b for b in batches}
        tips = self.tips(batches)
        if hash_tree is not None:
            if hash_tree not in ers.ALG_OIDS:
                raise RenewalError(f"Unknown hash algorithm '{hash_tree}' for a hash-tree renewal: "
                                   f"use one of {', '.join(ers.ALG_OIDS)}.")
            if policy.retiring(hash_tree, t0):
                raise RenewalError(f"{hash_tree} is retired (or about to be) by the algorithm policy: "
                                   "choose a stronger algorithm for the hash-tree renewal.")
            stronger = [t.alg for t in tips if ers.STRENGTH[t.alg] > ers.STRENGTH[hash_tree]]
            if stronger:
                raise RenewalError(f"Some renewals already use {stronger[0]}, stronger than {hash_tree}: "
                                   "a hash-tree renewal only goes to a stronger algorithm.")
            alg = hash_tree
        else:
            alg = policy.preferred(t0)
            for t in tips:
                if not policy.retiring(t.alg, t0):
                    alg = ers.stronger(alg, t.alg)
        covered = self.covered_receipts(batches)
        report = RenewReport(alg=alg)

        def due(not_after: datetime | None, sha1: bool = False) -> bool:
            return mode == "all" or sha1 or not_after is None or not_after - t0 < ers.RENEW_AHEAD

        # lines in a weaker algorithm are closed by a hash-tree renewal when forced, retiring
        # or due; the responses of the receipts they protect are needed for their new leaves
        memo: dict = {}
        closing = {t.id for t in tips if t.alg != alg and (
            hash_tree is not None or policy.retiring(t.alg, t0) or due(t.not_after))}
        need: set[int] = set()
        for t in tips:
            if t.id in closing:
                need |= self._line_receipts(t, by_name, memo)
        responses: dict[int, bytes] = {}
        # receipts: verified, not yet covered by any batch, due
        new_items: list[tuple] = []
        new_leaves: list[bytes] = []
        for rid, response in self.ledger.verified_responses():
            if rid in covered:
                if rid in need:
                    responses[rid] = response
                continue
            if mode != "all":
                not_after, sig_alg = ers.expiry(response)
                if not due(not_after, policy.retiring(sig_alg, t0)):
                    continue  # (a signature in a retiring algorithm is due, SHA-1 always)
            new_items.append(("r", rid))
            new_leaves.append(ers.H(alg, response))
        # the ledger head, at most once a day and only when it moved
        if anchor_head:
            head = self.ledger.head()
            last = max(self.anchors(batches), key=lambda a: a[0], default=None)
            if head is not None and (last is None or (head.seq > last[0]
                                                      and t0 - last[2].created_at >= ANCHOR_EVERY)):
                new_items.append(("h", head.seq, head.hash))
                new_leaves.append(ers.H(alg, head_record(head.seq, head.hash)))
                report.head = (head.seq, head.hash)
        # lines (tips): each kept by its own TSA when that TSA is asked
        urls = [t.url for t in tsas]  # lines are kept by URL: ad-hoc TSAs may share a name
        per_tsa: dict[str, list[tuple[tuple, bytes]]] = {u: [] for u in urls}
        for tip in tips:
            owner = tip.url if tip.url in per_tsa else (urls[0] if urls else None)
            if tip.alg != alg:
                if tip.id not in closing:
                    continue  # weaker but neither due nor retiring: left as it is
                if owner is None:
                    report.hash_tree_lines += 1
                    continue
                for rid in sorted(self._line_receipts(tip, by_name, memo)):
                    response = responses.get(rid)
                    if response is None:
                        continue  # a receipt no longer verified or gone: not renewed
                    for k, chains in enumerate(self._chains_to(tip, rid, by_name, memo)):
                        ders = [[bb.ats_der(i) for bb, i in c] for c in chains]
                        per_tsa[owner].append((("t", rid, tip.id, k),
                                               ers.hash_tree_renewal_leaf_raw(alg, response, ders)))
                        report.hash_tree += 1
                report.hash_tree_lines += 1
                continue
            if not due(tip.not_after):
                continue
            if owner is None:
                report.renewed_batches += 1
                continue
            per_tsa[owner].append((("b", tip.id), ers.H(tip.alg, tip.ts_der())))
            report.renewed_batches += 1
        if not tsas or (not new_items and not any(per_tsa.values())):
            if not tsas and (new_items or report.renewed_batches or report.hash_tree_lines):
                raise RenewalError("No TSA to ask for the renewal: give one with --tsa.")
            return RenewReport(alg=alg)
        items_per, leaves_per, roots = [], [], []
        shared = None
        for t in tsas:
            own = per_tsa[t.url]
            items = new_items + [i for i, _ in own]
            leaves = new_leaves + [lf for _, lf in own]
            if not own and shared is not None:
                levels = shared
            elif items:
                levels = ers.build_tree(alg, leaves)
                if not own:
                    shared = levels
            else:
                levels = None
            items_per.append(items)
            leaves_per.append(leaves)
            roots.append(levels[-1][0] if levels else None)
        asked = [t for t, items in zip(tsas, items_per) if items]
        stamps = ers.stamp_root(asked, [r for r, items in zip(roots, items_per) if items], alg,
                                verifier, timeout=timeout, now=clock)
        report.stamps = stamps
        report.requests = len(asked)
        created = clock()
        new_batches = []
        stamp_of = iter(stamps)
        for t, items, leaves in zip(tsas, items_per, leaves_per):
            if not items:
                continue
            st = next(stamp_of)
            if not st.ok:
                continue
            not_after, _sha1 = ers.expires(st.response)
            bid = f"{created:%Y%m%dT%H%M%S%fZ}-{len(new_batches)}-{_slug(t.name)}"
            new_batches.append(Batch(id=bid, tsa=t.name, url=t.url, alg=alg, created_at=created,
                                     gen_time=st.gen_time, not_after=not_after, response=st.response,
                                     items=list(items), leaves=list(leaves)))
        if not new_batches:
            report.head = None
            reasons = "; ".join(f"{s.tsa_name}: {s.error}" for s in stamps)
            raise RenewalError(f"No TSA could stamp the renewal ({reasons}); nothing was changed. "
                               "Try again when you are online.")
        self.save(new_batches)
        report.batches = [b.id for b in new_batches]
        report.receipts = len([i for i in new_items if i[0] == "r"])
        return report

    # ------------------------------------------------------------------ deep check

    def check(self, verifier) -> list[str]:
        """Re-verify every batch (``ledger check --deep``): its leaves lead to the root its
        TSA stamped, the TSA's signature verifies, and each leaf is the hash of what it says
        it covers (the receipt's stored response, the renewed batch's token, the anchored
        head, or the receipt's record so far for a hash-tree renewal)."""
        problems = []
        batches = self.batches()
        by_name = {b.id: b for b in batches}
        memo: dict = {}
        bad: dict[str, int] = {}
        wanted: dict[int, list[tuple[Batch, int, tuple]]] = {}
        for b in batches:
            where = f"the renewal {b.id} ({b.tsa}, {b.gen_time:%Y-%m-%d})"
            try:
                v = verifier.verify(b.response, digest=b.root(), digest_alg=b.alg, now=b.gen_time)
            except Exception as exc:  # noqa: BLE001 - an unreadable answer is a finding
                problems.append(f"{where} cannot be read ({type(exc).__name__}).")
                continue
            if not v.ok:
                problems.append(f"{where} no longer verifies: {v.reason()}")
                continue
            for n, it in enumerate(b.items):
                want = None
                if it[0] in ("r", "t"):
                    wanted.setdefault(int(it[1]), []).append((b, n, it))
                    continue
                if it[0] == "b" and str(it[1]) in by_name:
                    prev = by_name[str(it[1])]
                    want = ers.H(prev.alg, prev.ts_der())
                elif it[0] == "h":
                    want = ers.H(b.alg, head_record(int(it[1]), str(it[2])))
                if want is None:
                    problems.append(f"{where}: what leaf {n + 1} covers ({it[0]} {it[1]}) is not in "
                                    "the ledger.")
                elif want != b.leaves[n]:
                    bad[b.id] = bad.get(b.id, 0) + 1
        # receipts: their responses streamed once
        for rid, response in self.ledger.verified_responses():
            for b, n, it in wanted.pop(rid, ()):
                if it[0] == "r":
                    want = ers.H(b.alg, response)
                else:
                    prev = by_name.get(str(it[2]))
                    paths = self._chains_to(prev, rid, by_name, memo) if prev is not None else []
                    k = int(it[3]) if len(it) > 3 else 0
                    want = None if k >= len(paths) else ers.hash_tree_renewal_leaf_raw(
                        b.alg, response, [[bb.ats_der(i) for bb, i in c] for c in paths[k]])
                if want != b.leaves[n]:
                    bad[b.id] = bad.get(b.id, 0) + 1
        for rid, uses in wanted.items():
            b, n, it = uses[0]
            problems.append(f"the renewal {b.id} covers receipt {rid}, which is not a verified "
                            "receipt of the ledger.")
        for name, count in bad.items():
            b = by_name[name]
            problems.append(f"the renewal {b.id} ({b.tsa}, {b.gen_time:%Y-%m-%d}): {count} leaf/leaves "
                            "do not match what they cover.")
        return problems


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name)[:40] or "tsa"


def check_anchors(ledger, store: EvidenceStore) -> list[str]:
    """Problems between the ledger and its anchored heads: an anchored event that is gone
    (the tail was cut) or has another hash (history rewritten)."""
    problems = []
    # the file copies count too: a tail cut together with its renewal rows still leaves them
    anchors = store.anchors(store.batches() + store.outside_batches())
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


def import_batch_files(ledger, root: str | os.PathLike[str]) -> int:
    """On opening a ledger: import the renewal batch files it does not hold yet."""
    return EvidenceStore(ledger, root).import_files()


__all__ = ["EvidenceStore", "Batch", "import_batch_files", "RenewReport", "RenewalError", "check_anchors",
           "head_record"]
