"""The long jobs the app runs on worker threads, as plain functions over the core.

No Qt here: each takes ``progress`` and ``cancel`` keyword arguments (the Worker's) and
returns a result or raises a ProofKitError. They compose core functions; the protocol,
hashing and verification logic lives in the core.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from proofkit.core.errors import InputError
from proofkit.core.hashing import CancelFlag, FileDigest, hash_file

Progress = Callable[[Any], None]


# ------------------------------------------------------------------ stamping


@dataclass(frozen=True)
class Hashed:
    """A file or folder ready to stamp: its digest (a folder's is its manifest's)."""

    path: Path
    size: int
    hash_alg: str
    digest: bytes
    manifest: Any = None  # core.manifest.Manifest for a folder
    files: int = 1


def hash_item(path: Path, work: str, alg: str = "sha256", *, progress: Progress,
              cancel: CancelFlag) -> Hashed:
    """Digest a file, or build a folder's manifest (every file hashed)."""
    path = Path(path)
    if path.is_dir():
        import hashlib

        from proofkit.core import manifest as mf

        m, _digests = mf.build(path, work, progress=lambda d, t: progress((d, t)), cancel=cancel)
        data = m.data
        return Hashed(path, len(data), "sha256", hashlib.sha256(data).digest(), m, len(m.entries))
    d: FileDigest = hash_file(path, alg, progress=lambda d, t: progress((d, t)), cancel=cancel)
    return Hashed(path, d.size, d.alg, d.digest)


def stamp_item(services, item: Hashed, work: str, *, progress: Progress, cancel: CancelFlag):
    """Record and stamp one hashed item with the chosen TSAs; ``progress`` receives the
    Stamper's events as (kind, data). Returns the core StampOutcome."""
    from proofkit.core.stamping import Stamper

    tsas = services.tsas()
    if not tsas:
        raise InputError("No TSA is selected: choose at least one in Settings.")
    stamper = Stamper(services.ledger, services.verifier(), tsas,
                      timeout=services.settings.timeout,
                      on_event=lambda kind, data: progress((kind, data)))
    if item.manifest is not None:
        from proofkit.cli.folders import stamp_manifest

        outcome = stamp_manifest(stamper, item.path, item.manifest)
    else:
        outcome = stamper.stamp(work=work, file_name=item.path.name, path=str(item.path),
                                size=item.size, hash_alg=item.hash_alg, digest=item.digest)
    services.invalidate_verifier()  # the ledger may know new certificates now
    return outcome


def sync_pending(services, *, progress: Progress, cancel: CancelFlag) -> list:
    """Complete pending receipts (after being offline). Returns [(receipt_id, status)]."""
    from proofkit.core.stamping import Stamper

    ledger = services.ledger
    if not ledger.pending_receipts():
        return []
    stamper = Stamper(ledger, services.verifier(), [], timeout=services.settings.timeout,
                      on_event=lambda kind, data: progress((kind, data)))
    done = stamper.sync(services.registry_with_custom())
    services.invalidate_verifier()
    return [(rid, a.status) for rid, a in done]


# ------------------------------------------------------------------ verifying


@dataclass
class FileVerification:
    """What the ledger knows about one file: each receipt over its digest with our verdict
    (None while pending), and other versions of the same work when this file is unknown."""

    path: Path
    digest_hex: str
    results: list = field(default_factory=list)  # [(ReceiptRow, Verdict | None)]
    other_versions: list = field(default_factory=list)  # [VersionRow]

    @property
    def valid(self) -> list:
        return [(r, v) for r, v in self.results if v is not None and v.ok]

    @property
    def earliest(self):
        ok = self.valid
        return min(ok, key=lambda rv: rv[1].gen_time) if ok else None


def verify_file(services, path: Path, *, progress: Progress, cancel: CancelFlag) -> FileVerification:
    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder; drop one file to verify it.")
    d = hash_file(path, "sha256", progress=lambda a, b: progress((a, b)), cancel=cancel)
    ledger = services.ledger
    out = FileVerification(path, d.hex)
    verifier = services.verifier()
    for r in ledger.receipts_for_digest(d.hex):
        if r.status == "pending" or not r.response:
            out.results.append((r, None))
            continue
        out.results.append((r, verifier.verify(r.response, digest=d.digest, digest_alg="sha256",
                                               nonce=r.nonce)))
    if not out.results:
        from proofkit.cli.folders import find_in_manifests

        out.results.extend(find_in_manifests(ledger, d, verifier))
    if not out.valid:
        out.other_versions = other_versions(ledger, path, d.hex)
    return out


def other_versions(ledger, path: Path, digest_hex: str) -> list:
    """Versions of the same work as ``path`` (same file name, or a work named after it)
    whose digest differs: "a different version of this work was stamped"."""
    seen = {}
    work = ledger.find_work(path.stem or path.name)
    candidates = ledger.versions(work.id) if work is not None else []
    candidates += [v for v in ledger.versions() if v.file_name == path.name]
    for v in candidates:
        if v.digest_hex != digest_hex:
            seen[v.id] = v
    return sorted(seen.values(), key=lambda v: v.created_at)


@dataclass
class BundleVerification:
    """An evidence bundle's verdicts (proofkit.bundle.verify), with the files the reader
    brought to compare."""

    path: Path
    report: Any  # proofkit.bundle.verify.BundleReport
    files: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.report.ok

    def as_json(self) -> dict:
        """The same verdicts as ``proofkit verify BUNDLE --json``."""
        from proofkit.bundle.verify import report_json

        return report_json(self.report)


def verify_bundle(services, path: Path, files: list | tuple = (), *, progress: Progress,
                  cancel: CancelFlag) -> BundleVerification:
    """Verify someone's evidence bundle (untrusted input) against this computer's trust roots:
    the defaults plus the roots added in Settings, as the stamps are. The ledger's certificates
    are not lent to it: a bundle must carry what it needs."""
    from proofkit.bundle.verify import verify_bundle as verify

    path = Path(path)
    files = [Path(f) for f in files]
    for f in files:
        if not f.is_file():
            raise InputError(f"{f}: no such file." if not f.exists() else f"{f}: is not a file.")
    report = verify(path, trust=services.verifier().trust, files=[str(f) for f in files])
    return BundleVerification(path, report, files)


# ------------------------------------------------------------------ export, ledger care


def export_bundle(services, target: str, out: Path, include_original: bool, lang: str | None,
                  *, progress: Progress, cancel: CancelFlag):
    """Export the evidence bundle of a work (title) or version (id) to ``out``; returns the
    bundle module's Collected (what went in, what was left out as not proof)."""
    from proofkit.bundle.export import export_bundle as export, system_lang

    out = Path(out)
    if out.exists():
        raise InputError(f"{out}: already exists; choose a new file name.")
    return export(services.ledger, services.verifier(), target, out, lang=lang or system_lang(),
                  include_original=include_original)


def check_ledger(services, *, progress: Progress, cancel: CancelFlag) -> list:
    return services.ledger.check()


def backup_ledger(services, out: Path, *, progress: Progress, cancel: CancelFlag) -> Path:
    out = Path(out)
    if out.exists():
        raise InputError(f"{out}: already exists; choose a new file name.")
    return services.ledger.backup(out)
