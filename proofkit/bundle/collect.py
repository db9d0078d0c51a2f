"""What goes into a bundle: the target resolved in the ledger, every receipt re-verified at
export, the certificate files, the originals that still match.

Only receipts that verify NOW, with this computer's trust store, are presented as proof.
Pending, failed, and "verified" receipts that no longer verify are left out of tokens/,
VERIFY.md and the PDF's proof tables; manifest.json lists them under ``not_proof`` with the
reason, and the PDF says how many were left out. A version with no receipt that verifies is
left out the same way.

Beyond what verification needs, a bundle carries the facts a court, a platform or a lawyer
reads (issue 15): each version's number within its work, the file's SM3 next to its SHA-256
(computed at export from bytes that still match the stamp, else said to be unavailable), a
stamped folder's files with their sizes, each receipt's TSA country, accuracy and
certificate, the author's declared identity and the export's own time.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import Encoding

from ..core.errors import InputError, ProofKitError
from ..core.timefmt import iso_utc as _iso
from .format import safe_file_part, safe_member_name


def utc(dt: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes that mean UTC."""
    if dt is None:
        return None
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


def fingerprint(cert: x509.Certificate) -> str:
    return cert.fingerprint(hashes.SHA256()).hex()


def subject_cn(cert: x509.Certificate) -> str:
    cn = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(cn[0].value) if cn else cert.subject.rfc4514_string()


@dataclass
class CertFile:
    name: str  # bundle member, certs/...
    role: str  # "root" or "chain"
    certs: list[x509.Certificate]
    source: str | None = None  # where a root came from (the trust store's source)

    @property
    def pem(self) -> bytes:
        return b"".join(c.public_bytes(Encoding.PEM) for c in self.certs)


@dataclass
class FolderFile:
    """One file of a stamped folder as the bundle lists it: its name and SHA-256 from the
    stamped manifest; its size only when the file was found at export with that digest."""

    rel: str
    sha256: str
    size: int | None
    note: str | None = None  # why the size is unknown


@dataclass
class ProofReceipt:
    row: object  # ReceiptRow
    verdict: object  # Verdict, ok
    token: bytes
    response_file: str
    token_file: str
    chain_file: str
    root_file: str
    events: list = field(default_factory=list)
    #: RFC 4998 evidence records protecting ``response_file``: (bundle member, TSAs, DER)
    evidence: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    # revocation evidence kept with the receipt: (bundle member, core.revocation.Evidence)
    revocation: list = field(default_factory=list)

    @property
    def gen_time(self) -> datetime:
        return self.verdict.gen_time

    @property
    def root(self) -> x509.Certificate:
        return self.verdict.chain[-1]

    @property
    def accuracy(self) -> str | None:
        """The TSTInfo's accuracy as the TSA states it ("±1 s", "±0.5 s"); None when absent."""
        return token_accuracy(self.token)

    @property
    def country(self) -> str | None:
        """The TSA's country: the C= of its certificate, else the registry's entry for its URL."""
        c = self.verdict.signer.subject.get_attributes_for_oid(x509.NameOID.COUNTRY_NAME)
        if c:
            return str(c[0].value)
        from ..core.registry import find_tsa

        try:
            return find_tsa(self.row.url).country or None
        except ProofKitError:
            return None


def token_accuracy(token: bytes) -> str | None:
    from asn1crypto import tsp as asn1_tsp

    from ..core.tsp import split_signed_data

    try:
        econtent = split_signed_data(token).econtent
        acc = asn1_tsp.TSTInfo.load(econtent)["accuracy"] if econtent else None
        if acc is None or acc.native is None:
            return None
        n = acc.native
        micros = (n.get("seconds") or 0) * 1_000_000 + (n.get("millis") or 0) * 1000 + (n.get("micros") or 0)
    except (ValueError, TypeError, KeyError, ProofKitError):
        return None
    secs = f"{micros / 1_000_000:.6f}".rstrip("0").rstrip(".")
    return f"\u00b1{secs} s"


@dataclass
class Original:
    member: str  # originals/v<ID>/<name>
    source: Path
    sha256: str
    size: int
    rel: str  # as listed (file name, or the manifest's relative path)
    #: (vault, alg, digest hex) when the bytes come from the vault (the file has changed since)
    from_vault: tuple | None = None
    data: bytes | None = None  # kept by ProofKit itself (a model's fingerprint), not read from disk


@dataclass
class ProofVersion:
    row: object  # VersionRow
    receipts: list[ProofReceipt]
    events: list = field(default_factory=list)
    manifest_file: str | None = None
    originals: list[Original] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. an original left out, and why
    sm3: str | None = None  # SM3 of the stamped bytes, when they were at hand at export
    sm3_note: str | None = None  # why not, when not
    files: list[FolderFile] = field(default_factory=list)  # a folder's files, as listed
    files_listed: str = "all"  # "all" or "picked" (the author chose which files to list)

    @property
    def earliest(self) -> datetime:
        return min(r.gen_time for r in self.receipts)

    @property
    def manifest_entries(self) -> list[tuple[str, str]]:
        if self.row.kind != "manifest" or not self.row.manifest_text:
            return []
        from ..core import manifest as mf

        try:
            return [(e.rel_path, e.digest_hex) for e in mf.parse(self.row.manifest_text).entries]
        except ProofKitError:
            return []


@dataclass
class Collected:
    work: object  # WorkRow
    work_events: list
    versions: list[ProofVersion]
    not_proof: list[dict]
    cert_files: dict[str, CertFile]
    export_time: datetime
    export_time_source: str
    head: object | None  # EventRow
    include_original: bool
    author: dict | None = None  # the author's declaration (settings), not proven
    comparison: dict | None = None  # `export --compare`: the model comparison report
    #: `export --compare` of a manuscript: the palette's files (palette.html, palette.pdf), listed
    #: with their digests in manifest.json like every member
    comparison_files: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.work.title

    @property
    def receipts(self) -> list[ProofReceipt]:
        return [r for v in self.versions for r in v.receipts]


# ----------------------------------------------------------------- target
def resolve_target(ledger, target: str):
    """(work, versions, receipt ids or None) for TARGET: an existing file (by its sha256, also
    inside stamped folders), ``r<N>`` a receipt, a work title, or digits a version id. A work
    title wins over a version id with the same digits."""
    from ..core.hashing import hash_file

    target = (target or "").strip()
    if not target:
        raise InputError("Say what to export: a work title, a version id, r<receipt id> or a file.")
    p = Path(target)
    if p.is_file():
        d = hash_file(p, "sha256")
        versions = ledger.versions_by_digest(d.hex)
        if not versions:
            # folder manifests listing it: the manifest_entries index, not a scan
            by_id = {v.id: v for v, _rel in ledger.manifest_entries_for_digest(d.hex)}
            versions = sorted(by_id.values(), key=lambda v: (v.created_at, v.id))
        if not versions:
            raise InputError(f"{p}: was never stamped (sha256 {d.hex}); nothing to export.")
        titles = sorted({v.work_title for v in versions})
        if len(titles) > 1:
            raise InputError(f"{p}: belongs to several works ({', '.join(titles)}); export one of them "
                             "by its title or version id.")
        return _work_of(ledger, versions[0].work_title), versions, None
    m = re.fullmatch(r"[rR](\d+)", target)
    if m:
        r = ledger.get_receipt(int(m.group(1)))
        if r is None:
            raise InputError(f"No receipt {m.group(1)} in the ledger (see `proofkit show VERSION`).")
        return _work_of(ledger, r.work_title), [ledger.get_version(r.version_id)], {r.id}
    work = ledger.find_work(target)
    if work is not None:
        versions = ledger.versions(work.id)
        if not versions:
            raise InputError(f"The work \u201c{target}\u201d has no stamped version yet.")
        return work, versions, None
    if target.isdigit():
        v = ledger.get_version(int(target))
        if v is None:
            raise InputError(f"No version {target} in the ledger (see `proofkit log`).")
        return _work_of(ledger, v.work_title), [v], None
    raise InputError(f"\u201c{target}\u201d is not a work title, version id, receipt (r<N>) or file in the "
                     "ledger (see `proofkit log`).")


def _work_of(ledger, title: str):
    w = ledger.find_work(title)
    if w is None:  # a version always has its work; a ledger without it is damaged
        raise InputError(f"The ledger has no work \u201c{title}\u201d although a version names it; "
                         "run `proofkit ledger check`.")
    return w


# ----------------------------------------------------------------- export time
def export_time(ledger=None) -> tuple[datetime, str]:
    """When the export happens (whole seconds, UTC), or SOURCE_DATE_EPOCH when set (the
    reproducible-builds convention: the same ledger state then gives the same bytes)."""
    sde = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if sde:
        try:
            return datetime.fromtimestamp(int(sde), timezone.utc), "SOURCE_DATE_EPOCH"
        except (ValueError, OverflowError, OSError):
            raise InputError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970.") from None
    return datetime.now(timezone.utc).replace(microsecond=0), "clock"


# ----------------------------------------------------------------- collect
def collect(ledger, verifier, target: str, *, include_original: bool = False,
            original_filter=None, list_filter=None, author: dict | None = None, vault=None,
            evidence=None) -> Collected:
    """Everything a bundle needs, re-verified now. ``original_filter(version, rel) -> bool``
    lets a caller (the GUI) pick which originals of a folder go in; default: all.
    ``list_filter(version, rel) -> bool`` picks which files of a stamped folder the report
    lists (default: all; the manifest itself, with every name, is in the bundle anyway).
    ``author``: the author's declared identity (:meth:`Settings.author_declaration`).
    ``vault`` (proofkit.ledger.vault.Vault): originals changed on disk since are taken from
    it. ``evidence`` (proofkit.ledger.evidence.EvidenceStore): each receipt's RFC 4998
    evidence records go in next to its token."""
    work, versions, only_receipts = resolve_target(ledger, target)
    when, source = export_time(ledger)
    cert_files: dict[str, CertFile] = {}
    out_versions: list[ProofVersion] = []
    not_proof: list[dict] = []
    by_version = ledger.receipts_by_version(v.id for v in versions)
    revocations = ledger.revocation_evidence(r.id for rs in by_version.values() for r in rs)
    for v in versions:
        proofs = []
        for r in by_version.get(v.id, []):
            if only_receipts is not None and r.id not in only_receipts:
                continue
            reason = _not_proof_reason(r)
            verdict = None
            if reason is None:
                from ..core.recheck import recheck_row

                verdict = recheck_row(verifier, r, bytes.fromhex(v.digest_hex), v.hash_alg,
                                      revocation=revocations.get(r.id, []))
                if not verdict.ok:
                    reason = f"does not verify at export: {verdict.reason()}"
                elif not verdict.chain:
                    reason = "verified, but no certificate chain was found to put in the bundle"
            if reason is not None:
                not_proof.append({"receipt_id": r.id, "version_id": v.id, "tsa": r.tsa_name, "url": r.url,
                                  "status": r.status, "reason": reason})
                continue
            pr = _proof_receipt(r, verdict, cert_files, ledger)
            if evidence is not None:
                pr.evidence = [(f"tokens/r{r.id}.{k + 1}.ers", tsas, der)
                               for k, (tsas, der) in enumerate(evidence.records_for(("r", r.id)))]
            pr.revocation = [(revocation_member(ev), ev) for ev in revocations.get(r.id, [])]
            proofs.append(pr)
        if not proofs:
            continue
        pv = ProofVersion(v, proofs, events=_events(ledger, "version", v.id))
        if v.kind == "manifest":
            pv.manifest_file = f"manifests/v{v.id}-{safe_file_part(v.file_name)}.sha256"
        if include_original:
            _add_originals(pv, original_filter, vault)
        _add_sm3(pv, vault)
        if v.kind == "manifest":
            _list_folder(pv, list_filter)
        _add_fingerprint(pv, ledger)
        out_versions.append(pv)
    if not out_versions:
        raise _NothingToProve(work.title, not_proof)
    out_versions.sort(key=lambda pv: (pv.earliest, pv.row.id))
    return Collected(work=work, work_events=_events(ledger, "work", work.id), versions=out_versions,
                     not_proof=not_proof, cert_files=dict(sorted(cert_files.items())), export_time=when,
                     export_time_source=source, head=ledger.head(), include_original=include_original,
                     author=author or None)


class _NothingToProve(InputError):
    """No receipt of the target verifies: there is no proof to export (exit 1)."""

    exit_code = 1

    def __init__(self, title: str, not_proof: list[dict]) -> None:
        why = "; ".join(f"receipt {n['receipt_id']} ({n['tsa']}): {n['status']}, {n['reason']}"
                        for n in not_proof[:3])
        super().__init__(f"Nothing to export for \u201c{title}\u201d: no receipt verifies as proof"
                         + (f" ({why})." if why else "."))
        self.not_proof = not_proof


NothingToProve = _NothingToProve


def _not_proof_reason(r) -> str | None:
    if r.status == "pending":
        return "pending: the TSA was not reached yet; not proof"
    if r.status == "failed":
        return f"failed: {r.error or 'the TSA gave no valid time stamp'}"
    if r.status != "verified" or not r.response:
        return f"{r.status}: no token"
    return None


def _events(ledger, entity: str, entity_id: int) -> list[dict]:
    return [{"seq": e.seq, "kind": e.kind, "at": _iso(utc(e.at)), "hash": e.hash}
            for e in ledger.events_for(entity, entity_id)]




def revocation_member(ev) -> str:
    """Bundle member of an OCSP response or CRL: named by its content, so a CRL that serves
    several receipts is in the bundle once."""
    return f"revocation/{hashlib.sha256(ev.der).hexdigest()[:16]}.{ev.kind}"


def _proof_receipt(r, verdict, cert_files: dict[str, CertFile], ledger) -> ProofReceipt:
    from ..core.tsp import split_token_or_response

    _, token = split_token_or_response(r.response)
    chain = list(verdict.chain)
    root, below = chain[-1], chain[:-1] or chain[:1]
    root_name = f"certs/root-{fingerprint(root)[:16]}.pem"
    chain_name = f"certs/chain-{fingerprint(chain[0])[:16]}.pem"
    cert_files.setdefault(root_name, CertFile(root_name, "root", [root],
                                              verdict.anchor.source if verdict.anchor else None))
    cert_files.setdefault(chain_name, CertFile(chain_name, "chain", below))
    return ProofReceipt(row=r, verdict=verdict, token=token, response_file=f"tokens/r{r.id}.tsr",
                        token_file=f"tokens/r{r.id}.tst", chain_file=chain_name, root_file=root_name,
                        events=_events(ledger, "receipt", r.id))


def _from_vault(vault, alg: str, hexd: str) -> tuple[str, int] | None:
    """(sha256, size) of the vault's copy of these stamped bytes, re-checked; None if the
    vault does not hold them or they are damaged."""
    if vault is None:
        return None
    try:
        if not vault.has(alg, hexd):
            return None
        h, size = hashlib.sha256(), 0
        for chunk in vault.open_verified(alg, hexd):
            h.update(chunk)
            size += len(chunk)
    except ProofKitError:
        return None
    return h.hexdigest(), size


def _add_fingerprint(pv: ProofVersion, ledger) -> None:
    """A model stamped with its fingerprint: the fingerprint document goes in with the
    originals (always: it is ProofKit's own record, not the author's file), so the stamped
    manifest's second line checks with sha256sum like any original."""
    v = pv.row
    if v.kind != "manifest":
        return
    rows = ledger.fingerprints_for_version(v.id)
    if not rows:
        return
    _fid, sha, data = rows[-1]
    rel = next((r for r, h in pv.manifest_entries if h == sha), None)
    if rel is None or hashlib.sha256(data).hexdigest() != sha:
        pv.notes.append("model fingerprint left out (it does not match the digest its stamp covers)")
        return
    member = f"originals/v{v.id}/{rel}"
    if not safe_member_name(member) or any(o.rel == rel for o in pv.originals):
        return
    pv.originals.append(Original(member, Path(rel), sha, len(data), rel, data=data))


def _add_originals(pv: ProofVersion, original_filter, vault=None) -> None:
    from ..core.hashing import hash_file

    v = pv.row
    if v.kind == "file":
        wanted = [(safe_file_part(v.file_name), Path(v.path), v.digest_hex, v.hash_alg)]
    else:
        wanted = [(rel, Path(v.path) / rel, hexd, "sha256") for rel, hexd in pv.manifest_entries]
    for rel, src, hexd, alg in wanted:
        member = f"originals/v{v.id}/{rel}"
        if not safe_member_name(member):
            pv.notes.append(f"{rel}: left out (its name cannot be stored safely)")
            continue
        if original_filter is not None and not original_filter(v, rel):
            continue
        try:
            d = hash_file(src, alg)
            why = None if d.hex == hexd else f"the file at {src} has changed since it was stamped"
        except ProofKitError as exc:
            why = exc.message
        if why is not None:
            kept = _from_vault(vault, alg, hexd)
            if kept is None:
                pv.notes.append(f"{rel}: original left out ({why})")
            else:
                pv.notes.append(f"{rel}: the stamped original comes from ProofKit's vault ({why})")
                pv.originals.append(Original(member, src, kept[0], kept[1], rel, (vault, alg, hexd)))
            continue
        sha = d.hex if alg == "sha256" else hashlib.sha256(src.read_bytes()).hexdigest()
        pv.originals.append(Original(member, src, sha, d.size, rel))


SM3_CHUNK = 1 << 22


def sm3_available() -> bool:
    try:
        hashlib.new("sm3")
        return True
    except ValueError:
        return False


def _add_sm3(pv: ProofVersion, vault=None) -> None:
    """SM3 of exactly the stamped bytes: the folder manifest's text, or the file if it is
    still where it was stamped with the stamped digest (one read for both digests), else the
    vault's copy of it."""
    v = pv.row
    if not sm3_available():
        pv.sm3_note = "this computer's OpenSSL has no SM3"
        return
    if v.kind == "manifest":
        data = (v.manifest_text or "").encode("utf-8")
        if hashlib.new(v.hash_alg, data).hexdigest() == v.digest_hex:
            pv.sm3 = hashlib.new("sm3", data).hexdigest()
        return

    def digests(chunks) -> str | None:
        stamped, sm3 = hashlib.new(v.hash_alg), hashlib.new("sm3")
        for chunk in chunks:
            stamped.update(chunk)
            sm3.update(chunk)
        return sm3.hexdigest() if stamped.hexdigest() == v.digest_hex else None

    def from_disk():
        with open(v.path, "rb") as f:
            while chunk := f.read(SM3_CHUNK):
                yield chunk

    try:
        pv.sm3 = digests(from_disk())
        why = "the file has changed since it was stamped; compute it on your copy"
    except OSError:
        why = "the file was not found where it was stamped; compute it on your copy"
    if pv.sm3 is None and vault is not None:
        try:
            if vault.has(v.hash_alg, v.digest_hex):
                pv.sm3 = digests(vault.open_verified(v.hash_alg, v.digest_hex))
        except ProofKitError:
            pass
    if pv.sm3 is None:
        pv.sm3_note = why


def _list_folder(pv: ProofVersion, list_filter) -> None:
    """The folder's files from its stamped manifest. Sizes come from the originals in the
    bundle, else from the folder on disk when the file there still has the stamped digest."""
    from ..core.hashing import hash_file

    v = pv.row
    entries = pv.manifest_entries
    picked = [(rel, h) for rel, h in entries if list_filter is None or list_filter(v, rel)]
    if list_filter is not None and picked and len(picked) < len(entries):
        pv.files_listed = "picked"
    else:
        picked = entries
    in_bundle = {o.rel: o for o in pv.originals}
    for rel, hexd in picked:
        o = in_bundle.get(rel)
        if o is not None:
            pv.files.append(FolderFile(rel, hexd, o.size))
            continue
        try:
            d = hash_file(Path(v.path) / rel, "sha256")
        except ProofKitError:
            pv.files.append(FolderFile(rel, hexd, None, "not found at export"))
            continue
        if d.hex != hexd:
            pv.files.append(FolderFile(rel, hexd, None, "changed since the stamp"))
        else:
            pv.files.append(FolderFile(rel, hexd, d.size))
