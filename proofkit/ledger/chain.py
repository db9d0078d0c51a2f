"""The tamper-evident part of the ledger: canonical payloads and the event hash chain.

Every insert or state change of a work, version, receipt or certificate appends one row to
``events`` in the same transaction. The row carries

* ``payload``: the canonical JSON (sorted keys, no spaces, ASCII only) of the entity's full
  current state. Byte columns appear as the SHA-256 hex of their content
  (``response_sha256``, ``der_sha256``, ``manifest_sha256`` for the manifest text); the
  file digest is included verbatim.
* ``prev_hash``: the ``hash`` of the event before it (64 zeros for the first event).
* ``hash`` = SHA-256 of the canonical JSON array
  ``["proofkit.ledger.event/1", seq, at, kind, entity, entity_id, prev_hash, payload]``
  (``at`` as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``). A JSON array rather than plain string
  concatenation so no two different events can produce the same hashed bytes.

This module only computes; reading and writing rows happens in :mod:`proofkit.ledger.store`.
Functions take any object with the column names as attributes: an ORM instance right after
a flush, or a SQLAlchemy ``Row`` when :meth:`Ledger.check` re-derives payloads from the
tables. Both paths go through the same code, so a clean ledger always compares equal.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from typing import Any

GENESIS_HASH = "0" * 64
HASH_DOMAIN = "proofkit.ledger.event/1"

ENTITY_WORK = "work"
ENTITY_VERSION = "version"
ENTITY_RECEIPT = "receipt"
ENTITY_CERTIFICATE = "certificate"
ENTITY_REVOCATION = "revocation"
ENTITY_RENEWAL = "renewal"
ENTITIES = (ENTITY_WORK, ENTITY_VERSION, ENTITY_RECEIPT, ENTITY_CERTIFICATE, ENTITY_REVOCATION,
            ENTITY_RENEWAL)

EVENT_KINDS = frozenset(
    {
        "work.created",
        "work.updated",
        "version.added",
        "receipt.added",
        "receipt.updated",
        "certificate.added",
        "revocation.added",
        "renewal.added",
    }
)


def canonical_json(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True,
                      allow_nan=False)


def sha256_hex(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def iso_utc(dt: datetime | None) -> str | None:
    """One spelling for every instant: UTC, microseconds, ``Z``. Naive means UTC (that is
    how SQLite hands them back)."""
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def work_state(w: Any) -> dict[str, Any]:
    return {
        "id": w.id,
        "title": w.title,
        "pen_name": w.pen_name,
        "created_at": iso_utc(w.created_at),
    }


def version_state(v: Any) -> dict[str, Any]:
    manifest = v.manifest_text
    return {
        "id": v.id,
        "work_id": v.work_id,
        "kind": v.kind,
        "file_name": v.file_name,
        "path": v.path,
        "size": v.size,
        "hash_alg": v.hash_alg,
        "digest_hex": v.digest_hex,
        "manifest_sha256": None if manifest is None else sha256_hex(manifest.encode("utf-8")),
        "created_at": iso_utc(v.created_at),
    }


def receipt_state(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "version_id": r.version_id,
        "tsa_name": r.tsa_name,
        "url": r.url,
        "nonce": r.nonce,
        "response_sha256": sha256_hex(r.response),
        "status": r.status,
        "error": r.error,
        "gen_time": iso_utc(r.gen_time),
        "serial": r.serial,
        "policy": r.policy,
        "hash_alg": r.hash_alg,
        "anchor": r.anchor,
        "checks_json": r.checks_json,
        "checked_at": iso_utc(r.checked_at),
        "requested_at": iso_utc(r.requested_at),
        "attempts": r.attempts,
    }


def certificate_state(c: Any) -> dict[str, Any]:
    return {
        "id": c.id,
        "sha256": c.sha256,
        "der_sha256": sha256_hex(c.der),
        "subject": c.subject,
        "issuer": c.issuer,
        "not_before": iso_utc(c.not_before),
        "not_after": iso_utc(c.not_after),
        "first_seen_at": iso_utc(c.first_seen_at),
    }


def revocation_state(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "receipt_id": r.receipt_id,
        "kind": r.kind,
        "url": r.url,
        "fetched_at": iso_utc(r.fetched_at),
        "sha256": r.sha256,
    }


def renewal_state(b: Any) -> dict[str, Any]:
    return {
        "id": b.id,
        "name": b.name,
        "tsa_name": b.tsa_name,
        "url": b.url,
        "alg": b.alg,
        "created_at": iso_utc(b.created_at),
        "gen_time": iso_utc(b.gen_time),
        "not_after": iso_utc(b.not_after),
        "response_sha256": sha256_hex(b.response),
        "items_sha256": sha256_hex(b.items.encode("utf-8")),
        "leaves_sha256": sha256_hex(b.leaves),
        "renews": b.renews,
    }


STATE_OF = {
    ENTITY_WORK: work_state,
    ENTITY_VERSION: version_state,
    ENTITY_RECEIPT: receipt_state,
    ENTITY_CERTIFICATE: certificate_state,
    ENTITY_REVOCATION: revocation_state,
    ENTITY_RENEWAL: renewal_state,
}


def payload_of(entity: str, obj: Any) -> str:
    return canonical_json(STATE_OF[entity](obj))


def event_hash(
    *, seq: int, at: datetime, kind: str, entity: str, entity_id: int, prev_hash: str,
    payload: str
) -> str:
    framed = canonical_json(
        [HASH_DOMAIN, seq, iso_utc(at), kind, entity, entity_id, prev_hash, payload]
    )
    return hashlib.sha256(framed.encode("ascii")).hexdigest()


def differing_fields(recorded_payload: str, current_payload: str) -> list[str]:
    """Names of the top-level fields that differ (for a readable problem message)."""
    try:
        a = json.loads(recorded_payload)
        b = json.loads(current_payload)
    except ValueError:
        return []
    if not isinstance(a, dict) or not isinstance(b, dict):
        return []
    return sorted(k for k in set(a) | set(b) if a.get(k, object()) != b.get(k, object()))
