"""``proofkit verify BUNDLE.zip [--file ORIGINAL]...``: check someone else's bundle without a
ledger.

The bundle is untrusted input (read through :class:`SafeZip`, nothing extracted). Its
certificates help build chains but are never trusted as roots: a receipt holds only when its
chain reaches a root this computer trusts (Mozilla's, the system's, ProofKit's pinned TSA
roots, or one passed with --trust after checking its fingerprint).

Exit codes: 0 every receipt (and every --file) holds; 1 something does not; 2 the bundle
cannot be read (not a zip, unsafe entries, malformed manifest or certificates).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..core.errors import InputError
from ..core.timefmt import iso_utc as _iso
from ..core.verifier import Check, Verdict
from .format import MANIFEST_NAME, parse_manifest, receipt_time
from .safezip import SafeZip


@dataclass
class ReceiptResult:
    info: dict  # the manifest's receipt entry
    version: dict
    verdict: Verdict | None
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)


@dataclass
class FileResult:
    path: str
    sha256: str | None
    ok: bool
    detail: str
    version_ids: list[int] = field(default_factory=list)


@dataclass
class BundleReport:
    path: Path
    manifest: dict
    receipts: list[ReceiptResult]
    files: list[FileResult]
    problems: list[str]  # bundle-level: members missing, altered or not listed

    @property
    def ok(self) -> bool:
        return (bool(self.receipts) and all(r.ok for r in self.receipts) and all(f.ok for f in self.files)
                and not self.problems)


def _load_bundle_certs(z: SafeZip, members: dict[str, bytes]):
    from cryptography import x509

    certs = []
    for name in z.names():
        if not name.startswith("certs/"):
            continue
        data = members.get(name)
        if data is None:
            data = z.read(name)
        try:
            certs += x509.load_pem_x509_certificates(data)
        except ValueError:
            raise InputError(f"The bundle's {name} is not a PEM certificate file.") from None
    return certs


def _revocation(r: dict, small: dict[str, bytes]) -> list:
    """The OCSP responses / CRLs a receipt of a bundle carries (bundles from before they
    were kept have no ``revocation`` field, and get no revocation check)."""
    from ..core.revocation import Evidence

    out = []
    for ev in r.get("revocation") or []:
        data = small.get(ev["file"])
        if data is None:
            continue  # reported as a missing member already
        try:
            when = datetime.fromisoformat(str(ev.get("fetched_at")).replace("Z", "+00:00"))
        except ValueError:
            when = datetime.now(timezone.utc)
        out.append(Evidence(ev["kind"], str(ev.get("url") or ""), when, data))
    return out


def _manifest_lines(text: str) -> dict[str, str]:
    """digest -> relative path, from a sha256sum-format folder manifest."""
    from ..core import manifest as mf

    try:
        return {e.digest_hex: e.rel_path for e in mf.parse(text).entries}
    except InputError:
        return {}


def verify_bundle(path: str | Path, *, trust, files: list[str] | tuple = (), extra_certs=()) -> BundleReport:
    """Verify every receipt of the bundle at ``path``; raises InputError when it cannot be read."""
    from ..core.hashing import hash_file
    from ..core.tsp import split_token_or_response
    from ..core.verifier import Verifier

    path = Path(path)
    with SafeZip(path) as z:
        if MANIFEST_NAME not in z.entries:
            raise InputError(f"{path}: is not a ProofKit evidence bundle (no manifest.json inside).")
        doc = parse_manifest(z.read(MANIFEST_NAME))
        problems: list[str] = []
        listed = {m["path"]: m for m in doc["members"]}
        digests: dict[str, str] = {}
        small: dict[str, bytes] = {}
        for name in z.names():
            if name == MANIFEST_NAME:
                continue
            if name not in listed:
                problems.append(f"{name}: is in the zip but not listed in manifest.json (added later?)")
                continue
            if name.startswith("originals/"):
                digests[name] = z.sha256(name)[0]
            else:
                small[name] = z.read(name)
                digests[name] = hashlib.sha256(small[name]).hexdigest()
            if digests[name] != listed[name]["sha256"]:
                problems.append(f"{name}: differs from the digest manifest.json lists (altered after export)")
        for name in listed:
            if name not in z.entries:
                problems.append(f"{name}: is listed in manifest.json but missing from the zip")

        certs = _load_bundle_certs(z, small) + list(extra_certs)
        verifier = Verifier(trust)
        versions = {v["id"]: v for v in doc["versions"]}

        # version-level checks, shared by each receipt of the version
        version_checks: dict[int, list[Check]] = {}
        folder_lines: dict[int, dict[str, str]] = {}
        for vid, v in versions.items():
            checks = []
            if v["kind"] == "manifest":
                name = v["manifest_file"]
                data = small.get(name)
                if data is None:
                    checks.append(Check("manifest_file", False, f"The folder manifest {name} is missing."))
                else:
                    if hashlib.new(v["hash_alg"], data).hexdigest() == v["digest"]:
                        checks.append(Check("manifest_file", True, f"{name} is the stamped folder manifest."))
                    else:
                        checks.append(Check("manifest_file", False, f"{name} is not the manifest that was stamped."))
                    folder_lines[vid] = _manifest_lines(data.decode("utf-8", "replace"))
            for o in v.get("originals") or []:
                name = o["path"]
                if name not in z.entries:
                    checks.append(Check("original", False, f"{name} is listed but missing from the zip."))
                    continue
                if v["kind"] == "file":
                    ok = z.digest(name, v["hash_alg"]).hex() == v["digest"]
                else:
                    ok = folder_lines.get(vid, {}).get(digests.get(name) or z.sha256(name)[0]) is not None
                checks.append(Check("original", ok, f"{name} {'is exactly' if ok else 'is NOT'} the stamped file."))
            version_checks[vid] = checks

        # files the reader brings
        file_results: list[FileResult] = []
        for f in files:
            d256 = hash_file(Path(f), "sha256").hex
            matched = []
            for vid, v in versions.items():
                if v["kind"] == "file":
                    d = d256 if v["hash_alg"] == "sha256" else hash_file(Path(f), v["hash_alg"]).hex
                    if d == v["digest"]:
                        matched.append(vid)
                elif d256 in folder_lines.get(vid, {}):
                    matched.append(vid)
            if matched:
                names = ", ".join(f"v{i} {versions[i]['file_name']}" for i in matched)
                file_results.append(FileResult(f, d256, True, f"matches {names}", matched))
                for vid in matched:
                    version_checks[vid].append(Check("file", True, f"The file {f} is exactly the stamped content."))
            else:
                file_results.append(FileResult(f, d256, False, "matches no file in the bundle (different content)"))

        results: list[ReceiptResult] = []
        for r in doc["receipts"]:
            v = versions[r["version_id"]]
            checks: list[Check] = []
            der = small.get(r["response_file"])
            if der is None:
                checks.append(Check("token_file", False, f"{r['response_file']} is missing from the bundle."))
                results.append(ReceiptResult(r, v, None, checks))
                continue
            # The request time the exporter recorded is checked as on every path (gen_time);
            # bundles from before it was recorded carry none and are verified as before.
            verdict = verifier.verify(der, digest=bytes.fromhex(v["digest"]), digest_alg=v["hash_alg"],
                                      nonce=r.get("nonce"), extra_certs=certs,
                                      requested_at=receipt_time(r, "requested_at"),
                                      answered_at=receipt_time(r, "answered_at"),
                                      revocation=_revocation(r, small) if "revocation" in r else None)
            checks += verdict.checks
            tst = r.get("token_file")
            if tst and verdict.token is not None:
                same = small.get(tst) == verdict.token
                try:
                    if not same and small.get(tst) is not None:
                        same = split_token_or_response(small[tst])[1] == verdict.token
                except InputError:
                    same = False
                checks.append(Check("token_file", same, f"{tst} {'is' if same else 'is NOT'} the token inside "
                                                         f"{r['response_file']}."))
            if verdict.gen_time is not None and r.get("gen_time"):
                claimed, actual = r["gen_time"], _iso(verdict.gen_time)
                checks.append(Check("manifest_claims", claimed == actual,
                                    "manifest.json states the token's own time." if claimed == actual else
                                    f"manifest.json says {claimed} but the token says {actual}."))
            checks += _evidence_checks(r, der, verdict, verifier, small)
            checks += version_checks.get(v["id"], [])
            results.append(ReceiptResult(r, v, verdict, checks))
        # manifest.json is not signed: a version it lists is only a claim until a receipt that
        # holds covers it. A file matching only such a version proves nothing.
        proven = {res.version["id"] for res in results if res.ok}
        for i, fr in enumerate(file_results):
            if fr.ok and not proven.intersection(fr.version_ids):
                file_results[i] = FileResult(fr.path, fr.sha256, False,
                                             f"{fr.detail}, but no valid receipt covers that version "
                                             "(an unproven claim of the bundle)", fr.version_ids)
        return BundleReport(path, doc, results, file_results, problems)


def _evidence_checks(info: dict, response: bytes, verdict: Verdict, verifier, small) -> list[Check]:
    """The receipt's RFC 4998 evidence records (bundles from format 1 with renewals): one
    ``evidence_record`` check saying whether at least one renews the receipt up to now, and
    through which chain. None listed: no check (an older bundle, or nothing renewed yet)."""
    listed = info.get("evidence_records") or []
    if not listed or not verdict.ok:
        return []
    from ..core import ers

    ders, missing = [], []
    for e in listed:
        blob = small.get(e.get("path"))
        (missing.append(e.get("path")) if blob is None else ders.append(blob))
    if missing:
        return [Check("evidence_record", False, f"{', '.join(map(str, missing))} missing from the bundle.")]
    until = verdict.signer.not_valid_after_utc if verdict.signer is not None else None
    base = ers.Step("receipt", ers.signer_name(verdict), verdict.gen_time, until, verdict.hash_alg)
    records = [ers.verify_evidence_record(d, response, verifier, protects=base) for d in ders]
    good = [r for r in records if r.ok]
    if good:
        return [Check("evidence_record", True, f"Renewed in time (RFC 4998): {good[0].chain_text()}.")]
    return [Check("evidence_record", False, f"No evidence record holds: {records[0].reason}")]


def version_label(version: dict) -> str:
    """How a bundle names one of its versions: "v2", the number within the work (format 2),
    or the ledger id for a format-1 bundle, which had no numbers."""
    number = version.get("number")
    if isinstance(number, int) and not isinstance(number, bool):
        return f"v{number}"
    return f"v{version.get('id')}"


# ----------------------------------------------------------------- JSON (the CLI's --json, the app's copy)
def report_json(rep: BundleReport) -> dict:
    return {
        "ok": rep.ok,
        "bundle": {"path": str(rep.path), "work": rep.manifest["work"].get("title"),
                   "pen_name": rep.manifest["work"].get("pen_name"),
                   "exported_at": rep.manifest.get("exported_at"), "format_version": rep.manifest["version"]},
        "receipts": [{
            "token": r.info["response_file"], "id": r.info["id"], "version_id": r.version["id"],
            "file_name": r.version["file_name"], "ok": r.ok,
            "gen_time": _iso(r.verdict.gen_time) if r.verdict and r.verdict.gen_time else None,
            "accuracy_s": r.verdict.accuracy.total_seconds() if r.verdict and r.verdict.accuracy is not None else None,
            "not_after": _iso(r.verdict.not_after) if r.verdict and r.verdict.gen_time else None,
            "tsa": r.info.get("tsa"), "anchor": r.verdict.anchor_text() if r.verdict else None,
            "checks": [c.as_dict() for c in r.checks]} for r in rep.receipts],
        "files": [{"path": f.path, "sha256": f.sha256, "ok": f.ok, "detail": f.detail, "versions": f.version_ids}
                  for f in rep.files],
        "problems": rep.problems,
    }
