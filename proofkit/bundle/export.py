"""``proofkit export TARGET -o OUT.zip``: write an evidence bundle (layout in
:mod:`proofkit.bundle.format`).

Reproducible: with SOURCE_DATE_EPOCH set, the same ledger state (and the same trust store
and files) gives the same zip, byte for byte. Members are sorted, each with the same fixed
time (the export time), fixed permissions and deflate level; JSON is canonical; the PDF's
creation date is the export time. The export time is when the export happens (the clock,
whole seconds), or SOURCE_DATE_EPOCH when set.

Exit codes: 0 written; 1 nothing verifies as proof (no zip is written); 2 bad usage or an
unreadable target.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from .. import __version__
from ..core.errors import InputError
from ..core.files import atomic_write
from ..core.timefmt import iso_utc as _iso
from .collect import Collected, collect, fingerprint, subject_cn
from .format import FORMAT_VERSION, MANIFEST_NAME, MEDIA_TYPE, dumps

CHUNK = 1 << 20
#: `export --compare`: the model comparison report (core/models/compare.py), as JSON
COMPARISON_NAME = "comparison.json"


def system_lang() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"




def manifest_doc(c: Collected, lang: str, members: list[dict], catalogue: list[dict] | None = None) -> dict:
    """manifest.json (format 2): what verification relies on, plus the facts the report
    shows (catalogue with pages, version numbers, SM3, folder files, per-receipt verdicts
    and certificates, the author's declaration), so the PDF renders data the bundle carries."""
    from .evidence import DECLARED_LABEL, STAMP_PROVES, beijing_text, receipt_facts, version_label

    versions = []
    for v in c.versions:
        row = v.row
        entry = {
            "id": row.id, "number": getattr(row, "number", None), "label": version_label(v), "kind": row.kind, "file_name": row.file_name, "size": row.size,
            "hash_alg": row.hash_alg, "digest": row.digest_hex,
            "sha256": row.digest_hex if row.hash_alg == "sha256" else None,
            "sm3": v.sm3, "sm3_note": v.sm3_note,
            "stamped_at": _iso(row.created_at), "earliest_gen_time": _iso(v.earliest),
            "earliest_gen_time_beijing": beijing_text(v.earliest),
            "receipts": [r.row.id for r in v.receipts],
            "original": v.originals[0].member if v.originals and row.kind == "file" else None,
            "originals": [{"path": o.member, "name": o.rel, "sha256": o.sha256, "size": o.size} for o in v.originals],
            "notes": v.notes,
            "ledger_events": v.events,
        }
        if row.kind == "manifest":
            entry["manifest_file"] = v.manifest_file
            entry["manifest_entries"] = [{"path": rel, "sha256": h} for rel, h in v.manifest_entries]
            entry["files_listed"] = v.files_listed
            entry["files"] = [{"path": f.rel, "sha256": f.sha256, "size": f.size, "note": f.note} for f in v.files]
        versions.append(entry)
    receipts = []
    for v in c.versions:
        for r in v.receipts:
            vd = r.verdict
            receipts.append({
                "id": r.row.id, "version_id": v.row.id, "tsa": r.row.tsa_name, "url": r.row.url,
                "gen_time": _iso(vd.gen_time), "gen_time_epoch": int(vd.gen_time.timestamp()),
                "serial": str(vd.serial), "policy": vd.policy, "hash_alg": vd.hash_alg,
                "nonce": r.row.nonce, "requested_at": _iso(r.row.requested_at),
                "answered_at": _iso(r.row.checked_at),
                "response_file": r.response_file, "token_file": r.token_file,
                "chain_file": r.chain_file, "root_file": r.root_file,
                "signer": subject_cn(vd.signer), "anchor": vd.anchor_text(),
                "anchor_source": vd.anchor.source if vd.anchor else None,
                "facts": receipt_facts(r),
                "verdict": {"ok": vd.ok, "checked_at": _iso(c.export_time),
                            "checks": [ch.as_dict() for ch in vd.checks], "warnings": list(vd.warnings)},
                "ledger_events": r.events,
                "evidence_records": [{"path": member, "protects": r.response_file, "tsas": tsas}
                                     for member, tsas, _der in r.evidence],
                "revocation": [{"kind": ev.kind, "url": ev.url, "fetched_at": _iso(ev.fetched_at), "file": name}
                               for name, ev in r.revocation],
            })
    certs = [{"path": cf.name, "role": cf.role, "source": cf.source,
              "certificates": [{"subject": cert.subject.rfc4514_string(),
                                "sha256": fingerprint(cert)}
                               for cert in cf.certs]}
             for cf in c.cert_files.values()]
    head = c.head
    return {
        "media_type": MEDIA_TYPE,
        "version": FORMAT_VERSION,
        "generator": {"name": "ProofKit", "version": __version__},
        "exported_at": _iso(c.export_time),
        "exported_at_source": c.export_time_source,
        "exported_at_beijing": beijing_text(c.export_time),
        "language": lang,
        "work": {"title": c.work.title, "pen_name": c.work.pen_name, "ledger_events": c.work_events},
        "author": ({"declared": c.author, "status": "declared, not proven", "label": DECLARED_LABEL,
                    "time_stamp_proves": STAMP_PROVES} if c.author else None),
        "catalogue": catalogue or [],
        "versions": versions,
        "receipts": receipts,
        "not_proof": c.not_proof,
        "certificates": certs,
        "ledger_head": {"seq": head.seq, "hash": head.hash, "at": _iso(head.at)} if head else None,
        "members": members,
        **({"comparison": {"path": COMPARISON_NAME, "verdict": c.comparison.get("verdict"),
                           "sentence": c.comparison.get("sentence"),
                           **({"files": sorted(c.comparison_files)} if c.comparison_files else {})}}
           if c.comparison else {}),
    }


def _zipinfo(name: str, when: datetime) -> zipfile.ZipInfo:
    t = max(when, datetime(1980, 1, 1, tzinfo=timezone.utc))
    zi = zipfile.ZipInfo(name, date_time=(t.year, t.month, t.day, t.hour, t.minute, t.second))
    zi.create_system = 3  # unix, on every OS, so the bytes do not depend on where it ran
    zi.external_attr = 0o100644 << 16
    zi.compress_type = zipfile.ZIP_DEFLATED
    return zi


def build_members(c: Collected, lang: str) -> dict[str, bytes]:
    """Every member except originals (streamed from disk) and manifest.json (listed last)."""
    return build_members_and_catalogue(c, lang)[0]


def build_members_and_catalogue(c: Collected, lang: str) -> tuple[dict[str, bytes], list[dict]]:
    """The members and the evidence catalogue with the report's page of each item."""
    from .instructions import render
    from .report import render_report

    m: dict[str, bytes] = {}
    for v in c.versions:
        if v.manifest_file:
            m[v.manifest_file] = v.row.manifest_text.encode("utf-8")
        for r in v.receipts:
            m[r.response_file] = bytes(r.row.response)
            m[r.token_file] = bytes(r.token)
            for member, _tsas, der in r.evidence:
                m[member] = der
            for name, ev in r.revocation:
                m[name] = bytes(ev.der)
    for cf in c.cert_files.values():
        m[cf.name] = cf.pem
    if c.comparison is not None:
        m[COMPARISON_NAME] = dumps(c.comparison)
        m.update(c.comparison_files)
    m["VERIFY.md"] = render(c, "en").encode("utf-8")
    m["VERIFY.zh.md"] = render(c, "zh").encode("utf-8")
    m["report.pdf"], items = render_report(c, lang)
    return m, items


def write_bundle(c: Collected, out: Path, lang: str) -> Path:
    """Write the zip atomically (a temporary file next to ``out``, renamed when complete)."""
    members, items = build_members_and_catalogue(c, lang)
    listing = [{"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
               for name, data in members.items()]
    originals = {o.member: o for v in c.versions for o in v.originals}
    for o in originals.values():
        listing.append({"path": o.member, "size": o.size, "sha256": o.sha256})
    listing.sort(key=lambda e: e["path"])
    members[MANIFEST_NAME] = dumps(manifest_doc(c, lang, listing, items))
    out = Path(out)
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{parent}: no such folder for the bundle.")
    with atomic_write(out, prefix=".proofkit-export-") as fh, zipfile.ZipFile(fh, "w") as zf:
        for name in sorted(set(members) | set(originals)):
            zi = _zipinfo(name, c.export_time)
            if name in members:
                zf.writestr(zi, members[name], compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
            else:
                _copy_original(zf, zi, originals[name])
    return out


def _copy_original(zf: zipfile.ZipFile, zi: zipfile.ZipInfo, o) -> None:
    if o.data is not None:  # kept by ProofKit (a model's fingerprint)
        zf.writestr(zi, o.data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
        return
    h = hashlib.sha256()
    zf.compresslevel = 6
    if o.from_vault is not None:
        vault, alg, hexd = o.from_vault
        with zf.open(zi, "w", force_zip64=o.size > (1 << 31)) as dst:
            for chunk in vault.open_verified(alg, hexd):  # re-hashed: damage raises
                h.update(chunk)
                dst.write(chunk)
        if h.hexdigest() != o.sha256:  # pragma: no cover - the vault checked it already
            raise InputError(f"The vault's copy of {o.rel} changed during the export; no bundle was written.")
        return
    try:
        with open(o.source, "rb") as src, zf.open(zi, "w", force_zip64=o.size > (1 << 31)) as dst:
            while chunk := src.read(CHUNK):
                h.update(chunk)
                dst.write(chunk)
    except OSError as exc:
        raise InputError(f"{o.source}: cannot be read ({exc.strerror or exc}); no bundle was written.") from None
    if h.hexdigest() != o.sha256:
        raise InputError(f"{o.source}: changed while it was being exported; no bundle was written. Try again.")


def export_bundle(ledger, verifier, target: str, out: Path, *, lang: str = "en",
                  include_original: bool = False, original_filter=None, list_filter=None,
                  author: dict | None = None, vault=None, evidence=None, comparison_for=None) -> Collected:
    """Collect, re-verify and write. Raises InputError (NothingToProve when nothing verifies).
    ``list_filter``, ``author``, ``vault``, ``evidence``: see :func:`collect`.
    ``comparison_for(collected) -> dict``: a model comparison to put in (``--compare``)."""
    c = collect(ledger, verifier, target, include_original=include_original, original_filter=original_filter,
                list_filter=list_filter, author=author, vault=vault, evidence=evidence)
    if comparison_for is not None:
        c.comparison = comparison_for(c)
    write_bundle(c, out, lang)
    return c
