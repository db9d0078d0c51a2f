"""What happens when an author stamps: files or folders are hashed here, on this computer;
each becomes a version of a work in the ledger; the chosen TSAs are asked for a receipt over
its digest (only the digest leaves the computer), each answer is verified and kept. Also:
completing stamps that waited offline (``sync``).

The order of events that makes a crash harmless is the core's (core/stamping.py); this module
decides what is stamped as what, and overlaps the slow start-up (ledger, trust roots,
imports) with hashing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from proofkit.core.errors import HashCancelled, InputError, ProofKitError
from proofkit.core.hashing import FileDigest, hash_file, hash_files

from .progress import SILENT, Progress

if TYPE_CHECKING:
    from proofkit.core import manifest as mf
    from proofkit.core.registry import TSAInfo
    from proofkit.core.stamping import Stamper, StampOutcome
    from proofkit.ledger import ReceiptRow, VersionRow

    from .keeping import KeepResult
    from .session import Session


class NotStamped(ProofKitError):
    """Some of the files could not be read: nothing at all was stamped (the author fixes the
    problem and stamps again). ``errors`` holds one error per unreadable file."""

    def __init__(self, errors: list[ProofKitError]) -> None:
        super().__init__(errors[0].message)
        self.errors = errors
        self.exit_code = max(e.exit_code for e in errors)


def default_work(path: Path) -> str:
    """The work an item belongs to when the author did not name one: a file's name without
    its extension, a folder's name."""
    path = Path(path)
    if path.is_dir():
        return path.resolve().name or str(path)
    return path.stem or path.name


@dataclass(frozen=True)
class Hashed:
    """A file or folder ready to stamp: its digest (a folder's is its manifest's)."""

    path: Path
    size: int
    hash_alg: str
    digest: bytes
    manifest: "mf.Manifest | None" = None
    files: int = 1


@dataclass
class StampResult:
    """One stamped item: the version recorded and its receipts as the ledger now has them."""

    path: Path
    version: "VersionRow"
    receipts: "list[ReceiptRow]"
    outcome: "StampOutcome"
    files: int | None = None  # a folder: how many files its manifest lists
    kept: "KeepResult | None" = None  # what the vault kept of the stamped bytes

    @property
    def verified(self) -> "list[ReceiptRow]":
        return [r for r in self.receipts if r.status == "verified"]

    @property
    def status(self) -> str:
        """"verified" when at least one TSA's receipt verified; else "pending" when one is
        still waiting (offline); else "failed"."""
        if self.outcome.verified:
            return "verified"
        return "pending" if self.outcome.pending else "failed"


# ------------------------------------------------------------------ hashing


def hash_paths(paths: Sequence[Path], alg: str = "sha256", *, progress: Progress = SILENT,
               while_large=None) -> list[FileDigest | ProofKitError]:
    """Digest several files (in parallel where it pays); an unreadable file gives its error
    in its place instead of stopping the others."""
    return hash_files([Path(p) for p in paths], alg, progress=progress.update, cancel=progress,
                      while_large=while_large)


def hash_item(path: Path, work: str, alg: str = "sha256", *, progress: Progress = SILENT,
              while_large=None) -> Hashed:
    """Digest a file, or build a folder's salted manifest (every file hashed)."""
    path = Path(path)
    if path.is_dir():
        from proofkit.core import manifest as mf

        if alg != "sha256":
            raise InputError("Folder manifests use sha256 (the format sha256sum -c reads); drop --hash.")
        m, _digests = mf.build(path, work, progress=progress.update, cancel=progress, while_large=while_large)
        data = m.data
        return Hashed(path, len(data), "sha256", hashlib.sha256(data).digest(), m, len(m.entries))
    d = hash_file(path, alg, progress=progress.update, cancel=progress)
    return Hashed(path, d.size, d.alg, d.digest)


# ------------------------------------------------------------------ stamping


def _warm_up_if_it_overlaps(session: "Session", paths: Sequence[Path]):
    """The session's warm-up for hashing to overlap, when it can: with two or more large
    files it runs on a hashing worker left idle. Otherwise hashing would run it first, in
    this thread, before the request is sent; better let the Stamper open the ledger while
    the TSAs answer (the usual case: one small chapter)."""
    from proofkit.core.hashing import PARALLEL_MIN_SIZE

    large = 0
    for p in paths:
        try:
            large += Path(p).stat().st_size >= PARALLEL_MIN_SIZE
        except OSError:
            continue  # hashing reports it
    return session.warm_up if large >= 2 else None



def _stamper(session: "Session", tsas: "list[TSAInfo]", timeout: float, progress: Progress) -> "Stamper":
    """A Stamper that opens the ledger and builds the verifier once the first requests are
    out (unless the warm-up already did): for a small file, SQLAlchemy's import, the ledger
    file and the trust store then overlap the TSAs' answer instead of preceding the request."""
    from proofkit.core.stamping import Later, Stamper

    return Stamper(Later(lambda: session.ledger), Later(session.verifier), tsas, timeout=timeout,
                   on_event=progress.event)


def _record(stamper: "Stamper", item: Hashed, work: str, before_record=None) -> "StampOutcome":
    if item.manifest is not None:
        return stamp_manifest(stamper, item.path, item.manifest, before_record=before_record)
    return stamper.stamp(work=work, file_name=item.path.name, path=str(item.path), size=item.size,
                         hash_alg=item.hash_alg, digest=item.digest, before_record=before_record)


def _record_and_keep(session: "Session", stamper: "Stamper", item: Hashed, work: str,
                     progress: Progress) -> "tuple[StampOutcome, KeepResult]":
    """Record and stamp ``item`` while its bytes are copied into the vault (the copy runs
    while the requests are out and the ledger opens), recording it only once the copy is
    durable: a recorded stamp never lacks an original that was to be kept. A vault problem
    is an event, never a failed stamp."""
    from concurrent.futures import wait

    from .keeping import keep_while_stamping

    keeping = keep_while_stamping(session, item, work)
    try:
        outcome = _record(stamper, item, work, before_record=lambda: wait([keeping]))
    finally:
        kept = keeping.result()
    _record_text_identities(session, item, outcome.version_id, progress)
    for err in kept.errors:
        progress.event("vault", {"path": item.path, "ok": False, "error": err})
    if kept.kept:
        progress.event("vault", {"path": item.path, "ok": True, "kept": len(kept.kept),
                                 "new": sum(k.new for k in kept.kept)})
    return outcome, kept


def _record_text_identities(session: "Session", item: Hashed, version_id: int, progress: Progress) -> None:
    """The normalised-text identity of each stamped manuscript (app/text_identities), so the
    .docx, .txt and .epub of one chapter link to one identity. An index, not evidence: a
    problem with it is an event, never a failed stamp."""
    from proofkit.core.text.reading import SUFFIXES  # light: no numpy unless there is text

    names = [e.rel_path for e in item.manifest.entries] if item.manifest is not None else [item.path.name]
    if not any(Path(n).suffix.lower() in SUFFIXES for n in names):
        return
    from .text_identities import record_text_identities

    try:
        record_text_identities(session, item, version_id)
    except Exception as exc:  # noqa: BLE001 - the stamp is recorded; this is only its index
        progress.event("text_identity", {"path": item.path, "ok": False, "error": str(exc)})


def stamp_manifest(stamper: "Stamper", folder: Path, m: "mf.Manifest", *,
                   before_record=None) -> "StampOutcome":
    """Stamp a folder as its manifest: one digest, so one request per TSA however many files."""
    data = m.text.encode("utf-8")
    return stamper.stamp(work=m.work, file_name=folder.name or str(folder), path=str(folder), size=len(data),
                         hash_alg="sha256", digest=hashlib.sha256(data).digest(), kind="manifest",
                         manifest_text=m.text, before_record=before_record)


def _result(session: "Session", item: Hashed, outcome: "StampOutcome",
            kept: "KeepResult | None" = None) -> StampResult:
    ledger = session.ledger
    version = ledger.get_version(outcome.version_id)
    rows = ledger.receipts_by_version([outcome.version_id]).get(outcome.version_id, [])
    by_id = {r.id: r for r in rows}
    receipts = [by_id[i] for i in outcome.receipt_ids if i in by_id]
    return StampResult(item.path, version, receipts, outcome,
                       files=item.files if item.manifest is not None else None, kept=kept)


def stamp_hashed(session: "Session", item: Hashed, work: str, *, tsas: "list[TSAInfo] | None" = None,
                 timeout: float | None = None, progress: Progress = SILENT) -> StampResult:
    """Record and stamp one hashed item as a version of ``work``; ``progress`` receives the
    stamping events ("recorded", "requesting", "receipt") as they happen."""
    tsas = session.tsas() if tsas is None else tsas
    if not tsas:
        raise InputError("No TSA is selected: choose at least one in Settings, or give one with --tsa NAME|URL.")
    outcome, kept = _record_and_keep(session, _stamper(session, tsas, session.timeout(timeout), progress),
                                     item, work, progress)
    session.invalidate_verifier()  # the ledger may know new certificates now
    from .mirroring import after_change

    after_change(session, progress)
    return _result(session, item, outcome, kept)


def stamp(session: "Session", paths: Sequence[Path], *, work: str | None = None,
          tsa: Sequence[str] | None = None, alg: str = "sha256", timeout: float | None = None,
          progress: Progress = SILENT) -> list[StampResult]:
    """Stamp files, or folders (each one manifest), as versions of ``work`` (default: named
    after each item). Everything is hashed first; if any file cannot be read nothing is
    stamped (:class:`NotStamped`). The ledger is opened and the verifier built while large
    files hash. ``progress.event("hashed", {"path", "hash_alg", "digest"})`` announces each
    digest before its TSAs are asked."""
    paths = [Path(p) for p in paths]
    folders = [p for p in paths if p.is_dir()]
    if folders and len(folders) != len(paths):
        raise InputError("Give either folders or files in one stamp, not both.")
    if folders and alg != "sha256":
        raise InputError("Folder manifests use sha256 (the format sha256sum -c reads); drop --hash.")
    timeout = session.timeout(timeout)
    tsas = session.tsas(tsa)
    if not tsas:
        raise InputError("No TSA to ask: give one with --tsa NAME|URL.")
    items: list[Hashed] = []
    try:
        if folders:
            for folder in folders:
                progress.event("hashing", {"path": folder})
                items.append(hash_item(folder, work or default_work(folder), progress=progress,
                                       while_large=session.warm_up))
        else:
            digests = hash_paths(paths, alg, progress=progress, while_large=_warm_up_if_it_overlaps(session, paths))
            errors = [d for d in digests if isinstance(d, ProofKitError)]
            for e in errors:
                if isinstance(e, HashCancelled):  # the person stopped it: not a file's fault
                    raise e
            if errors:
                raise NotStamped(errors)
            items = [Hashed(p, d.size, d.alg, d.digest) for p, d in zip(paths, digests)]
    except BaseException:
        session.close()  # opened by the warm-up perhaps; nothing was written
        raise
    stamper = _stamper(session, tsas, timeout, progress)
    results = []
    for item in items:
        progress.event("hashed", {"path": item.path, "hash_alg": item.hash_alg, "digest": item.digest,
                                  "files": item.files if item.manifest is not None else None})
        outcome, kept = _record_and_keep(session, stamper, item, work or default_work(item.path), progress)
        results.append(_result(session, item, outcome, kept))
    session.invalidate_verifier()
    from .mirroring import after_change

    after_change(session, progress)
    return results


# ------------------------------------------------------------------ sync


@dataclass
class SyncResult:
    """Receipts that were pending, as they are after this run (asked or not)."""

    receipts: "list[ReceiptRow]" = field(default_factory=list)

    @property
    def still_pending(self) -> bool:
        return any(r.status == "pending" for r in self.receipts)

    @property
    def all_verified(self) -> bool:
        return all(r.status == "verified" for r in self.receipts)


def sync(session: "Session", *, timeout: float | None = None, progress: Progress = SILENT) -> SyncResult:
    """Complete the stamps that waited offline: ask each pending receipt's TSA again for the
    same digest (the TSAs of the author's custom URLs included)."""
    from proofkit.core.stamping import Stamper

    ledger = session.ledger
    if not ledger.pending_receipts():
        return SyncResult()
    stamper = Stamper(ledger, session.verifier(), [], timeout=session.timeout(timeout), on_event=progress.event)
    done = stamper.sync(session.registry_with_custom())
    session.invalidate_verifier()
    from .mirroring import after_change

    after_change(session, progress)
    return SyncResult([ledger.get_receipt(rid) for rid, _attempt in done])



__all__ = ["Hashed", "NotStamped", "StampResult", "SyncResult", "default_work", "hash_item", "hash_paths",
           "stamp", "stamp_hashed", "stamp_manifest", "sync"]
