"""The bundle format: member names, the manifest's media type and version, and the checks a
manifest must pass before anything in it is used.

Layout of a bundle (all paths relative to the zip's root, "/" separated, UTF-8 names):

  manifest.json             what is in the bundle (this module), deterministic JSON
  VERIFY.md, VERIFY.zh.md   commands for openssl and sha256sum, English and Chinese
  report.pdf                the human-readable report
  tokens/r<ID>.tsr          each TimeStampResp exactly as the TSA sent it
  tokens/r<ID>.tst          the bare token cut out of it (the exact bytes)
  certs/root-<fp16>.pem     a root that anchored a receipt at export
  certs/chain-<fp16>.pem    a TSA certificate and its intermediates (never the root)
  manifests/v<ID>-<name>.sha256   a folder stamp's manifest (what was stamped)
  originals/v<ID>/<name>    the author's files, only with --include-original

Version 2 of the manifest (issue 15) adds what the report shows: the evidence catalogue with
pages, each version's number within its work and SM3, a folder's files with sizes, each
receipt's facts (verdict, TSA country, accuracy, times in UTC and Beijing time, certificate,
root fingerprint), the author's declaration (declared, not proven). Version 1 bundles are
still read and verified: nothing verification relies on changed. Readers refuse another
media type or a newer version.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..core.errors import InputError
from ..core.hashing import ALGORITHMS as HASH_ALGORITHMS

MEDIA_TYPE = "application/vnd.proofkit.bundle+json"
FORMAT_VERSION = 2
MANIFEST_NAME = "manifest.json"
TOP_LEVEL = {MANIFEST_NAME, "VERIFY.md", "VERIFY.zh.md", "report.pdf"}
FOLDERS = ("tokens/", "certs/", "manifests/", "originals/")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
HEX_DIGEST = re.compile(r"^(?:[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$")
_UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f\\]")


def dumps(obj: Any) -> bytes:
    """Deterministic JSON: sorted keys, UTF-8 (Chinese stays readable), a final newline."""
    return (json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def safe_member_name(name: str) -> bool:
    """A relative "/" path with no "..", no empty or "." part, no drive, no control chars."""
    if not name or len(name) > 1024 or name.startswith("/") or _UNSAFE_NAME_CHARS.search(name):
        return False
    if re.match(r"^[A-Za-z]:", name):
        return False
    parts = name.rstrip("/").split("/")
    return all(p not in ("", ".", "..") for p in parts)


def safe_file_part(name: str) -> str:
    """A file name usable as one path component in the bundle (the author's names kept, only
    what could escape a folder or confuse a shell's reading replaced)."""
    cleaned = _UNSAFE_NAME_CHARS.sub("_", name).replace("/", "_").strip()
    if cleaned in ("", ".", ".."):
        cleaned = "file"
    return cleaned


# ----------------------------------------------------------------- validation when read
class _Bad(Exception):
    pass


def _need(obj: Any, key: str, types, where: str, *, optional: bool = False) -> Any:
    if not isinstance(obj, dict):
        raise _Bad(f"{where} is not an object")
    if key not in obj:
        if optional:
            return None
        raise _Bad(f"{where} has no \u201c{key}\u201d")
    value = obj[key]
    if optional and value is None:
        return None
    if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
        raise _Bad(f"{where}.{key} has the wrong type")
    if not isinstance(value, types):
        raise _Bad(f"{where}.{key} has the wrong type")
    return value


def _member(obj: dict, key: str, where: str, prefix: str, *, optional: bool = False) -> str | None:
    name = _need(obj, key, str, where, optional=optional)
    if name is None:
        return None
    if not safe_member_name(name) or not name.startswith(prefix):
        raise _Bad(f"{where}.{key} is not a safe bundle path under {prefix}")
    return name


def parse_manifest(data: bytes) -> dict:
    """Parse and validate manifest.json; InputError with one sentence when unusable.

    Only what verification relies on is checked strictly; descriptive fields may be absent."""
    try:
        text = data.decode("utf-8")

        def no_constants(c: str):
            raise ValueError(f"{c} is not allowed")

        doc = json.loads(text, parse_constant=no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise InputError(f"The bundle's manifest.json is not valid JSON ({str(exc)[:120]}).") from None
    if not isinstance(doc, dict):
        raise InputError("The bundle's manifest.json is not a JSON object.")
    if doc.get("media_type") != MEDIA_TYPE:
        raise InputError(f"This is not a ProofKit evidence bundle (media type {str(doc.get('media_type'))[:80]!r}, "
                         f"expected {MEDIA_TYPE}).")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError("The bundle's manifest.json has no valid format version.")
    if version > FORMAT_VERSION:
        raise InputError(f"This bundle uses format version {version}; this ProofKit reads up to "
                         f"version {FORMAT_VERSION}. Update ProofKit to verify it.")
    try:
        _validate(doc)
    except _Bad as exc:
        raise InputError(f"The bundle's manifest.json is malformed: {exc}.") from None
    return doc


def _validate(doc: dict) -> None:
    work = _need(doc, "work", dict, "manifest")
    _need(work, "title", str, "work")
    versions = _need(doc, "versions", list, "manifest")
    receipts = _need(doc, "receipts", list, "manifest")
    members = _need(doc, "members", list, "manifest")
    if len(versions) > 100_000 or len(receipts) > 100_000 or len(members) > 100_000:
        raise _Bad("it lists too many items")
    version_ids = set()
    for i, v in enumerate(versions):
        w = f"versions[{i}]"
        vid = _need(v, "id", int, w)
        _need(v, "number", int, w, optional=True)
        if vid in version_ids:
            raise _Bad(f"{w}.id is repeated")
        version_ids.add(vid)
        kind = _need(v, "kind", str, w)
        if kind not in ("file", "manifest"):
            raise _Bad(f"{w}.kind is unknown")
        _need(v, "file_name", str, w)
        alg = _need(v, "hash_alg", str, w)
        if alg not in HASH_ALGORITHMS:
            raise _Bad(f"{w}.hash_alg is not supported")
        if not HEX_DIGEST.match(_need(v, "digest", str, w)):
            raise _Bad(f"{w}.digest is not a hex digest")
        _member(v, "original", w, "originals/", optional=True)
        if kind == "manifest":
            _member(v, "manifest_file", w, "manifests/")
        for j, f in enumerate(_need(v, "originals", list, w, optional=True) or []):
            _member(f, "path", f"{w}.originals[{j}]", "originals/")
            if not HEX_DIGEST.match(_need(f, "sha256", str, f"{w}.originals[{j}]")):
                raise _Bad(f"{w}.originals[{j}].sha256 is not a hex digest")
    for i, r in enumerate(receipts):
        w = f"receipts[{i}]"
        _need(r, "id", int, w)
        if _need(r, "version_id", int, w) not in version_ids:
            raise _Bad(f"{w}.version_id names no version in the bundle")
        _need(r, "tsa", str, w)
        _member(r, "response_file", w, "tokens/")
        _member(r, "token_file", w, "tokens/", optional=True)
        _member(r, "chain_file", w, "certs/", optional=True)
        _member(r, "root_file", w, "certs/", optional=True)
        _need(r, "nonce", int, w, optional=True)
        for j, e in enumerate(_need(r, "evidence_records", list, w, optional=True) or []):
            _member(e, "path", f"{w}.evidence_records[{j}]", "tokens/")
        for key in ("requested_at", "answered_at"):  # since 0.1: the gen_time check's inputs
            if r.get(key) is not None and receipt_time(r, key) is None:
                raise _Bad(f"{w}.{key} is not an ISO 8601 UTC time")
        for j, ev in enumerate(_need(r, "revocation", list, w, optional=True) or []):
            if _need(ev, "kind", str, f"{w}.revocation[{j}]") not in ("ocsp", "crl"):
                raise _Bad(f"{w}.revocation[{j}].kind is unknown")
            _member(ev, "file", f"{w}.revocation[{j}]", "revocation/")
    for i, m in enumerate(members):
        w = f"members[{i}]"
        name = _need(m, "path", str, w)
        if not safe_member_name(name):
            raise _Bad(f"{w}.path is not a safe bundle path")
        if not HEX64.match(_need(m, "sha256", str, w)):
            raise _Bad(f"{w}.sha256 is not a SHA-256 hex digest")
        _need(m, "size", int, w)


def receipt_time(r: dict, key: str):
    """A receipt entry's ``requested_at`` / ``answered_at`` as an aware datetime, or None when
    absent (bundles exported before they were recorded) or unreadable."""
    from datetime import datetime, timezone

    text = r.get(key)
    if not isinstance(text, str) or not text.endswith("Z"):
        return None
    try:
        return datetime.fromisoformat(text[:-1]).replace(tzinfo=timezone.utc)
    except ValueError:
        return None
