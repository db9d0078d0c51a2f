"""Verifying: a file against the author's own receipts ("is this file mine, and since when?"),
a single token someone hands over, and someone else's evidence bundle.

Every path that shows a stored receipt's verdict goes through :func:`check_receipt`, which
applies the rule of ``core/recheck.recheck_stored``: a receipt refused when it arrived stays
refused, whatever path asks again, and the request time is always part of what is checked.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from proofkit.core.errors import InputError
from proofkit.core.files import read_input

from .progress import SILENT, Progress

if TYPE_CHECKING:
    from cryptography import x509

    from proofkit.core.hashing import FileDigest
    from proofkit.core.verifier import Verdict, Verifier
    from proofkit.ledger import ReceiptRow, VersionRow

    from .session import Session

#: Digest lengths a --digest may have, by algorithm.
DIGEST_LENGTHS = {32: "sha256", 48: "sha384", 64: "sha512"}


def load_certs(paths: Sequence[str]) -> "list[x509.Certificate]":
    """Certificates from PEM files (``--certs``) that help build chains; never trusted as roots."""
    if not paths:
        return []
    from proofkit.core.trust import load_certificates_file

    out = []
    for f in paths:
        out += load_certificates_file(f)
    return out


# ------------------------------------------------------------------ a stored receipt


def check_receipt(verifier: "Verifier", r: "ReceiptRow", digest: bytes, digest_alg: str, *,
                  extra_certs: "list[x509.Certificate] | None" = None,
                  revocation: list | None = None) -> "Verdict | None":
    """Our verdict on a stored receipt over ``digest`` today, or None while it is pending.

    A receipt stored as failed was refused when it arrived (a bad signature, a TSA clock far
    from when it was asked...): it stays refused here, with its original reason, and is never
    re-verified into proof by a path that lacks the check that refused it."""
    from proofkit.core.recheck import recheck_row

    if r.status == "pending" or (r.status != "failed" and not r.response):
        return None
    return recheck_row(verifier, r, digest, digest_alg, extra_certs=extra_certs, revocation=revocation)


def receipt_chain(session: "Session", r: "ReceiptRow", *, progress: Progress = SILENT) -> "list[x509.Certificate]":
    """The certificate path of a stored receipt, leaf first (for showing it); empty when
    none is found."""
    if not r.response:
        return []
    v = session.verifier().verify(r.response, digest=bytes.fromhex(r.digest_hex), digest_alg=r.hash_alg,
                                  nonce=r.nonce)
    return list(v.chain)


# ------------------------------------------------------------------ a file against the ledger


@dataclass
class FileVerification:
    """What the ledger knows about one file: each receipt that covers it with our verdict
    (None while pending), and other stamped versions of the same work when none holds."""

    path: Path
    sha256: str
    results: "list[tuple[ReceiptRow, Verdict | None]]" = field(default_factory=list)
    other_versions: "list[VersionRow]" = field(default_factory=list)
    #: receipt id -> its long-term statement (app/renewing.py), for receipts whose TSA
    #: certificate has expired or whose algorithm is retired: beside the verdict, never instead
    long_term: dict = field(default_factory=dict)

    @property
    def valid(self) -> "list[tuple[ReceiptRow, Verdict]]":
        return [(r, v) for r, v in self.results if v is not None and v.ok]

    @property
    def ok(self) -> bool:
        return bool(self.valid)

    @property
    def earliest(self) -> "tuple[ReceiptRow, Verdict] | None":
        ok = self.valid
        return min(ok, key=lambda rv: rv[1].gen_time) if ok else None

    # Backwards-compatible name used by the desktop app's page.
    @property
    def digest_hex(self) -> str:
        return self.sha256


def verify_file(session: "Session", path: Path, *, certs: Sequence[str] = (),
                progress: Progress = SILENT) -> FileVerification:
    """Find every receipt in the ledger that covers this exact file — stamped alone (in any
    hash algorithm ProofKit stamps with) or listed in a stamped folder's manifest — and
    verify each over the file's digest."""
    from proofkit.core.hashing import hash_file

    path = Path(path)
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give one file.")
    if not path.exists():
        raise InputError(f"{path}: no such file.")
    extra = load_certs(certs)
    d = hash_file(path, "sha256", progress=progress.update, cancel=progress)
    ledger = session.ledger
    verifier = session.verifier()
    out = FileVerification(path, d.hex)
    pairs = [(r, d) for r in ledger.receipts_for_digest(d.hex)]
    evidence = ledger.revocation_evidence(r.id for r, _ in pairs)
    for r, dd in pairs:
        out.results.append((r, check_receipt(verifier, r, dd.digest, dd.alg, extra_certs=extra,
                                             revocation=evidence[r.id])))
    if not out.results:
        out.results.extend(find_in_manifests(session, d, extra_certs=extra))
    if not out.results:
        # Stamped with --hash sha384/sha512/sm3? Only worth reading the file again when the
        # SHA-256 found nothing.
        from proofkit.core.hashing import ALGORITHMS

        for alg in [a for a in ALGORITHMS if a != "sha256"]:
            other = hash_file(path, alg, progress=progress.update, cancel=progress)
            found = ledger.receipts_for_digest(other.hex)
            evidence = ledger.revocation_evidence(r.id for r in found)
            for r in found:
                out.results.append((r, check_receipt(verifier, r, other.digest, other.alg, extra_certs=extra,
                                                     revocation=evidence[r.id])))
    if not out.valid:
        out.other_versions = other_versions(session, path, d.hex)
    from .renewing import long_term_statements

    out.long_term = long_term_statements(session, out.results)
    return out


def find_in_manifests(session: "Session", d: "FileDigest", *, extra_certs=None) -> list:
    """Receipts of folder stamps whose manifest lists this file's digest, each verified over
    the manifest. Returns [(receipt, verdict)], the verdict carrying an extra check that names
    the line listing the file."""
    from proofkit.core import manifest as mf
    from proofkit.core.verifier import Check

    ledger, verifier = session.ledger, session.verifier()
    hits = []
    for version, rel in ledger.manifest_entries_for_digest(d.hex):
        data = (version.manifest_text or "").encode("utf-8")
        listed = any(e.digest_hex == d.hex for e in mf.parse(version.manifest_text or "").entries)
        receipts = ledger.receipts(version_id=version.id)
        evidence = ledger.revocation_evidence(r.id for r in receipts)
        for r in receipts:
            v = check_receipt(verifier, r, hashlib.sha256(data).digest(), "sha256", extra_certs=extra_certs,
                              revocation=evidence[r.id])
            if v is not None:
                v.checks.append(Check("manifest_entry", listed,
                                      f"The file is listed as \u201c{rel}\u201d in the stamped folder manifest of "
                                      f"\u201c{version.file_name}\u201d (version {version.id})." if listed else
                                      "The manifest does not list this file."))
            hits.append((r, v))
    return hits


def other_versions(session: "Session", path: Path, digest_hex: str) -> "list[VersionRow]":
    """Versions of the same work as ``path`` (same file name, or a work named after it)
    whose digest differs: "a different version of this work was stamped"."""
    ledger = session.ledger
    seen = {}
    work = ledger.find_work(path.stem or path.name)
    candidates = ledger.versions(work.id) if work is not None else []
    candidates += ledger.versions_by_file_name(path.name)  # an index lookup, not a scan
    for v in candidates:
        if v.digest_hex != digest_hex:
            seen[v.id] = v
    return sorted(seen.values(), key=lambda v: v.created_at)


# ------------------------------------------------------------------ a token someone hands over


@dataclass
class TokenVerification:
    token: str
    verdict: "Verdict"

    @property
    def ok(self) -> bool:
        return self.verdict.ok


def parse_digest(text: str) -> bytes:
    try:
        digest = bytes.fromhex(text.strip())
    except ValueError:
        raise InputError("--digest must be a hexadecimal digest.") from None
    if len(digest) not in DIGEST_LENGTHS:
        raise InputError("--digest must be a SHA-256, SHA-384 or SHA-512 digest in hex.")
    return digest


def verify_token(session: "Session", token: str, *, file: str | None = None, digest: str | None = None,
                 certs: Sequence[str] = ()) -> TokenVerification:
    """Verify a TimeStampResp or bare token file against a file or a hex digest, with this
    computer's trust roots (not the ledger's certificates: the token must carry, or ``certs``
    supply, what it needs). A file that is not a token at all is an InputError."""
    if file and digest:
        raise InputError("Give either a file or --digest, not both.")
    if not file and not digest:
        raise InputError("Give a file to verify (or --digest HEX --token FILE).")
    extra = load_certs(certs)
    if file:
        p = Path(file)
        if p.is_dir():
            raise InputError(f"{p}: is a folder; give a file.")
        if not p.exists():
            raise InputError(f"{p}: no such file.")
    der = read_input(token, "token file")
    raw = parse_digest(digest) if digest else None
    verdict = session.bare_verifier().verify(der, file_path=file, digest=raw, extra_certs=extra)
    if verdict.unreadable:
        # Not a token at all: unreadable input.
        raise InputError(f"{token}: {verdict.checks[0].detail}")
    return TokenVerification(token, verdict)


# ------------------------------------------------------------------ someone's evidence bundle


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


def verify_bundle(session: "Session", path: Path, files: Sequence[Path] = (), *, certs: Sequence[str] = (),
                  progress: Progress = SILENT) -> BundleVerification:
    """Verify someone's evidence bundle (untrusted input) against this computer's trust roots
    — the defaults, the roots added in Settings, ``--trust`` — never the ledger's
    certificates: a bundle must carry what it needs."""
    from proofkit.bundle.verify import verify_bundle as verify

    path = Path(path)
    files = [Path(f) for f in files]
    for f in files:
        if not f.is_file():
            raise InputError(f"{f}: no such file." if not f.exists() else f"{f}: is not a file.")
    report = verify(path, trust=session.bare_verifier().trust, files=[str(f) for f in files],
                    extra_certs=load_certs(certs))
    return BundleVerification(path, report, files)
