"""Stamped models: a model is stamped together with its fingerprint, and a suspect file is
looked up among the stamped fingerprints when no byte-identical stamp exists.

Stamping a model reads it once (core/models computes the file's SHA-256 and its fingerprint
in the same pass) and stamps a small salted manifest in the sha256sum format
(core/manifest.py) listing two lines: the model file's SHA-256 and the fingerprint
document's. One request per TSA covers both, and each is provable alone with ``sha256sum -c``
and ``openssl ts -verify -data <manifest>``. The fingerprint document is kept in the ledger,
its per-tensor hashes indexed."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from proofkit.core.errors import InputError

from .comparing import Fingerprint, fingerprint
from .progress import SILENT, Progress

if TYPE_CHECKING:
    from proofkit.ledger import ReceiptRow, VersionRow

    from .session import Session
    from .stamping import StampResult

FINGERPRINT_SUFFIX = ".fingerprint.json"


def tensor_hashes(doc: dict) -> list[str]:
    """The hashes indexed for look-ups: raw, fp16- and bf16-rounded SHA-256 of each tensor
    that can tell models apart (float, >= 16 elements, not one repeated value)."""
    from proofkit.core.models.compare import MIN_INFORMATIVE

    out: set[str] = set()
    for t in doc.get("tensors", []):
        st = t.get("stats") or {}
        if t.get("numel", 0) < MIN_INFORMATIVE or t.get("sha256_fp16") is None:
            continue
        if st.get("min") is not None and st.get("min") == st.get("max"):
            continue
        out.update(h for h in (t.get("sha256"), t.get("sha256_fp16"), t.get("sha256_bf16")) if h)
    return sorted(out)


@dataclass
class ModelStamp:
    result: "StampResult"
    fingerprint: Fingerprint
    fingerprint_id: int


def stamp_model(session: "Session", path: str | Path, *, work: str | None = None,
                tsa: Sequence[str] | None = None, timeout: float | None = None,
                progress: Progress = SILENT) -> ModelStamp:
    """Stamp a model file and its fingerprint with one request per TSA; keep the fingerprint."""
    from proofkit.core import manifest as mf

    from .stamping import Hashed, default_work, stamp_hashed

    path = Path(path)
    tsas = session.tsas(tsa)
    if not tsas:
        raise InputError("No TSA to ask: give one with --tsa NAME|URL.")
    fp = fingerprint(path, progress=progress)
    work = work or default_work(path)
    entries = (mf.ManifestEntry(fp.doc["file"]["sha256"], path.name, fp.doc["file"]["size"]),
               mf.ManifestEntry(fp.sha256, path.name + FINGERPRINT_SUFFIX, len(fp.data)))
    m = mf.Manifest(work, secrets.token_hex(16), entries)
    data = m.data
    item = Hashed(path, len(data), "sha256", hashlib.sha256(data).digest(), m, len(entries))
    result = stamp_hashed(session, item, work, tsas=tsas, timeout=timeout, progress=progress)
    fid = session.ledger.add_fingerprint(result.version.id, fp.sha256, fp.data, tensor_hashes(fp.doc))
    return ModelStamp(result, fp, fid)


def stamped_fingerprint(session: "Session", fingerprint_id: int) -> tuple["VersionRow", Fingerprint]:
    """A kept fingerprint, checked: its bytes hash to the SHA-256 its stamped manifest lists."""
    from proofkit.core import manifest as mf
    from proofkit.core.models.fingerprint import load

    got = session.ledger.get_fingerprint(fingerprint_id)
    if got is None:
        raise InputError(f"No stamped model fingerprint {fingerprint_id} in the ledger.")
    version_id, sha, data = got
    version = session.ledger.get_version(version_id)
    listed = {e.digest_hex for e in mf.parse(version.manifest_text or "").entries} if version else set()
    if hashlib.sha256(data).hexdigest() != sha or sha not in listed:
        raise InputError(f"The fingerprint kept for version {version_id} does not match the digest its "
                         "stamp covers; it was changed after stamping and is not used.")
    return version, Fingerprint(Path(version.file_name), load(data), data)


def version_fingerprint(session: "Session", version_id: int) -> tuple["VersionRow", Fingerprint]:
    """The stamped fingerprint of a ledger version (``proofkit compare v12 SUSPECT``)."""
    rows = session.ledger.fingerprints_for_version(version_id)
    if not rows:
        if session.ledger.get_version(version_id) is None:
            raise InputError(f"No version {version_id} in the ledger.")
        raise InputError(f"Version {version_id} was not stamped as a model with its fingerprint "
                         "(stamp it with `proofkit stamp --fingerprint`).")
    return stamped_fingerprint(session, rows[-1][0])


def stamps_of(session: "Session", version: "VersionRow") -> list["ReceiptRow"]:
    """The verified receipts of a version, earliest first: what MINE's fingerprint is proved by."""
    rows = session.ledger.receipts_by_version([version.id]).get(version.id, [])
    return sorted((r for r in rows if r.status == "verified"), key=lambda r: r.gen_time)


def stamp_summary(session: "Session", version: "VersionRow") -> dict:
    from proofkit.core.timefmt import iso_utc

    receipts = stamps_of(session, version)
    return {"version": version.id, "work": version.work_title, "file_name": version.file_name,
            "manifest_sha256": version.digest_hex,
            "receipts": [{"id": r.id, "tsa": r.tsa_name, "gen_time": iso_utc(r.gen_time)} for r in receipts]}


@dataclass
class StampedMatch:
    version: "VersionRow"
    report: dict
    stamps: dict

    @property
    def sentence(self) -> str:
        f = self.report["figures"]
        n = len(self.stamps["receipts"])
        when = self.stamps["receipts"][0]["gen_time"][:10] if n else None
        ident = sum(f["identical_tensors"].values())
        head = (f"not the file you stamped, but {ident}/{f['tensors_suspect']} tensors equal your "
                f"\u201c{self.version.work_title}\u201d ({self.version.file_name})")
        if when:
            return head + f", stamped {when} by {n} TSA{'s' if n != 1 else ''}"
        return head + ", whose stamp has no verified receipt yet (not proof)"


def find_stamped_models(session: "Session", path: str | Path, *, progress: Progress = SILENT,
                        limit: int = 3) -> list[StampedMatch]:
    """Stamped models sharing tensors with the model at ``path`` (best first), each with the
    comparison of the file against its stamped fingerprint."""
    from proofkit.core.models.compare import compare

    from .comparing import comparison_docs

    (suspect,) = comparison_docs([Path(path)], ("The file",), progress=progress)
    found = session.ledger.fingerprint_matches(tensor_hashes(suspect))
    out = []
    for fid, _vid, _n in found[:limit]:
        try:
            version, mine = stamped_fingerprint(session, fid)
        except InputError:
            continue
        report = compare(mine.doc, suspect)
        if report["verdict"] in ("same_file", "same_weights", "derived"):
            out.append(StampedMatch(version, report, stamp_summary(session, version)))
    return out


def stamped_models_for(session: "Session", path: str | Path, *, progress: Progress = SILENT) -> list[StampedMatch]:
    """`verify` of a file no stamp covers byte for byte: the stamped models it shares tensors
    with (empty for a file that is not a model)."""
    from .comparing import input_kind

    if input_kind(path) != "model":
        return []
    return find_stamped_models(session, path, progress=progress)


__all__ = ["FINGERPRINT_SUFFIX", "stamped_models_for", "ModelStamp", "StampedMatch", "find_stamped_models", "stamp_model",
           "stamp_summary", "stamped_fingerprint", "tensor_hashes", "version_fingerprint"]


def comparison_for_bundle(session: "Session", collected, suspect: Path, *,
                          progress: Progress = SILENT) -> dict:
    """`export --compare`: SUSPECT compared with the fingerprint of the bundle's latest version
    that was stamped with one (the fingerprint as it goes into the bundle), with that
    version's stamps."""
    from proofkit.core.models.fingerprint import load
    from proofkit.core.timefmt import iso_utc

    from .comparing import compare_models

    for pv in sorted(collected.versions, key=lambda v: v.earliest, reverse=True):
        fp = next((o for o in pv.originals if o.data is not None and o.rel.endswith(FINGERPRINT_SUFFIX)), None)
        if fp is None:
            continue
        mine = Fingerprint(Path(pv.row.file_name), load(fp.data), fp.data)
        report = compare_models(mine, suspect, progress=progress).report
        report["mine_stamps"] = stamp_summary(session, pv.row)
        report["mine_stamps"]["receipts"] = [
            {"id": r.row.id, "tsa": r.row.tsa_name, "gen_time": iso_utc(r.gen_time)} for r in pv.receipts]
        report["mine_fingerprint_file"] = fp.member
        return report
    raise InputError("--compare needs a model stamped with its fingerprint (proofkit stamp --fingerprint) "
                     "among the versions being exported.")
