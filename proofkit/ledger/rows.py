"""The ledger's rows as callers hold them: validation of what is stored, and conversion of
database rows into the frozen dataclasses of :mod:`proofkit.ledger.types` (tokens and texts
unpacked). Used by the store's writes and reads."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from proofkit.ledger import chain, packing
from proofkit.ledger.models import (
    Receipt,
    Version,
    Work,
)
from proofkit.ledger.types import (
    RECEIPT_STATUSES,
    EventRow,
    LedgerInvalidData,
    ReceiptData,
    ReceiptRow,
    VersionRow,
    WorkRow,
)

_HEX = frozenset("0123456789abcdef")
_IN_CHUNK = 500  # ids per "IN (...)": far below SQLite's bound-parameter limit
_LAST_BACKUP_KEY = "last_backup_at"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(dt: datetime | None, what: str) -> datetime | None:
    if dt is None:
        return None
    if not isinstance(dt, datetime) or dt.tzinfo is None or dt.utcoffset() is None:
        raise LedgerInvalidData(f"{what} must be a timezone-aware datetime.")
    return dt.astimezone(timezone.utc)


# --------------------------------------------------------------------------- validation


def _validate_receipt(data: ReceiptData) -> dict[str, Any]:
    """Check a ReceiptData and turn it into column values. Refuses anything that could end
    up stored as proof without being one."""
    if data.status not in RECEIPT_STATUSES:
        raise LedgerInvalidData(
            f"Receipt status must be one of {', '.join(RECEIPT_STATUSES)}, not {data.status!r}."
        )
    if not data.tsa_name or not data.url:
        raise LedgerInvalidData("A receipt needs the TSA's name and URL.")
    if not data.hash_alg:
        raise LedgerInvalidData("A receipt needs its hash algorithm.")
    if data.response is not None and not isinstance(data.response, (bytes, bytearray)):
        raise LedgerInvalidData("A receipt's response must be bytes.")
    if data.nonce is not None and (isinstance(data.nonce, bool) or not isinstance(data.nonce, int)):
        raise LedgerInvalidData("A receipt's nonce must be an integer.")
    if data.serial is not None and not str(data.serial).lstrip("-").isdigit():
        raise LedgerInvalidData("A receipt's serial must be a decimal string.")
    if isinstance(data.attempts, bool) or not isinstance(data.attempts, int) or data.attempts < 0:
        raise LedgerInvalidData("A receipt's attempts must be a non-negative integer.")
    gen_time = _aware(data.gen_time, "gen_time")
    requested_at = _aware(data.requested_at, "requested_at")
    if requested_at is None:
        raise LedgerInvalidData("A receipt needs requested_at.")
    checked_at = _aware(data.checked_at, "checked_at")
    if data.status == "verified" and (not data.response or gen_time is None):
        raise LedgerInvalidData(
            "A receipt cannot be stored as verified without the TSA's response bytes and "
            "its gen_time."
        )
    checks = list(data.checks or [])
    for c in checks:
        if not isinstance(c, dict) or not isinstance(c.get("name"), str) or "ok" not in c:
            raise LedgerInvalidData("Each check must be a dict with at least 'name' and 'ok'.")
    try:
        checks_json = chain.canonical_json(checks)
    except (TypeError, ValueError) as exc:
        raise LedgerInvalidData("A receipt's checks must be plain JSON data.") from exc
    return {
        "tsa_name": data.tsa_name,
        "url": data.url,
        "nonce": None if data.nonce is None else str(data.nonce),
        "response": None if data.response is None else bytes(data.response),
        "status": data.status,
        "error": data.error,
        "gen_time": gen_time,
        "serial": None if data.serial is None else str(data.serial),
        "policy": data.policy,
        "hash_alg": data.hash_alg,
        "anchor": data.anchor,
        "checks_json": checks_json,
        "checked_at": checked_at,
        "requested_at": requested_at,
        "attempts": data.attempts,
    }


# Fields fixed once a receipt has left "pending": they are the token and what it says.
_FROZEN_AFTER_PENDING = ("nonce", "response", "requested_at")
# Fields fixed from the first write: which TSA was asked.
_FROZEN_ALWAYS = ("tsa_name", "url")


def _normalize_digest(digest_hex: str) -> str:
    d = (digest_hex or "").strip().lower()
    if not d or len(d) % 2 or not set(d) <= _HEX:
        raise LedgerInvalidData("The digest must be a non-empty hexadecimal string.")
    return d


def _cert_fields(der: bytes) -> dict[str, Any]:
    """Subject, issuer and validity of a DER certificate; None fields if it will not parse
    (we still keep the bytes we saw)."""
    out: dict[str, Any] = {"subject": None, "issuer": None, "not_before": None, "not_after": None}
    try:
        from cryptography import x509

        cert = x509.load_der_x509_certificate(der)
        out["subject"] = cert.subject.rfc4514_string()
        out["issuer"] = cert.issuer.rfc4514_string()
        out["not_before"] = cert.not_valid_before_utc
        out["not_after"] = cert.not_valid_after_utc
    except Exception:  # noqa: BLE001 - any parse failure: keep the raw bytes only
        pass
    return out


# --------------------------------------------------------------------------- row mapping


def _work_row(w: Any) -> WorkRow:
    return WorkRow(id=w.id, title=w.title, pen_name=w.pen_name, created_at=w.created_at)


def _version_row(v: Any, work_title: str) -> VersionRow:
    return VersionRow(
        id=v.id, work_id=v.work_id, work_title=work_title, kind=v.kind, file_name=v.file_name,
        path=v.path, size=v.size, hash_alg=v.hash_alg, digest_hex=v.digest_hex,
        manifest_text=v.manifest_text, created_at=v.created_at, number=v.number or 0,
    )


def _unpacked(r: Any, dicts: Any) -> tuple[bytes | None, str]:
    """(token bytes as received, checks JSON text) of a receipt row as stored."""
    response = r.response
    if response is not None and r.response_packed:
        response = packing.unpack(response, dicts)
    return response, packing.unpack_text(r.checks_json, dicts) or "[]"


def _receipt_row(
    r: Any, work_id: int, work_title: str, file_name: str, digest_hex: str, dicts: Any
) -> ReceiptRow:
    response, checks_json = _unpacked(r, dicts)
    return ReceiptRow(
        id=r.id, version_id=r.version_id, work_id=work_id, work_title=work_title,
        file_name=file_name, digest_hex=digest_hex, tsa_name=r.tsa_name, url=r.url,
        nonce=None if r.nonce is None else int(r.nonce), response=response, status=r.status,
        error=r.error, gen_time=r.gen_time, serial=r.serial, policy=r.policy,
        hash_alg=r.hash_alg, anchor=r.anchor, checks=json.loads(checks_json),
        checked_at=r.checked_at, requested_at=r.requested_at, attempts=r.attempts,
    )


def _event_row(e: Any, dicts: Any) -> EventRow:
    return EventRow(seq=e.seq, at=e.at, kind=e.kind, entity=e.entity, entity_id=e.entity_id,
                    payload=packing.unpack_text(e.payload, dicts), prev_hash=e.prev_hash,
                    hash=e.hash)


_RECEIPT_SELECT = (
    select(Receipt, Version.work_id, Work.title, Version.file_name, Version.digest_hex)
    .join(Version, Receipt.version_id == Version.id)
    .join(Work, Version.work_id == Work.id)
)


def _receipt_rows(session: Session, stmt: Any, dicts: Any) -> list[ReceiptRow]:
    return [_receipt_row(r, wid, title, fn, dg, dicts)
            for r, wid, title, fn, dg in session.execute(stmt)]


class _Dictionaries:
    """Dictionary lookups for unpacking (id -> bytes). Committed dictionaries are immutable,
    so what a read transaction loads is kept for the ledger's lifetime; what a write
    transaction loads or adds stays with it (it may still roll back)."""

    def __init__(self, session: Session, committed: dict[int, bytes] | None) -> None:
        self._session = session
        self._committed = committed

    def __call__(self, did: int) -> bytes | None:
        if self._committed is not None and did in self._committed:
            return self._committed[did]
        row = self._session.connection().exec_driver_sql(
            "SELECT data FROM dictionaries WHERE id = ?", (did,)).fetchone()
        if row is None:
            return None
        data = bytes(row[0])
        if self._committed is not None:
            self._committed[did] = data
        return data
