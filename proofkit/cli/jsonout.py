"""The ``--json`` shapes of the command line: a contract scripts rely on (README). Extend,
never change a field's meaning."""

from __future__ import annotations

import base64
import json
import sys

from ..core.timefmt import iso_utc


def print_json(obj) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def stream_json_array(objects) -> None:
    """The same bytes as ``print_json(list(objects))``, written one element at a time (a
    log of a million versions never sits in memory, and the first ones come at once)."""
    out = sys.stdout
    first = True
    for obj in objects:
        out.write("[\n  " if first else ",\n  ")
        out.write(json.dumps(obj, ensure_ascii=False, indent=2).replace("\n", "\n  "))
        first = False
    out.write("[]\n" if first else "\n]\n")


def print_json_line(obj) -> None:
    """One JSON Lines record."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")


def receipt_json(r) -> dict:
    return {
        "id": r.id,
        "tsa": r.tsa_name,
        "url": r.url,
        "status": r.status,
        "gen_time": iso_utc(r.gen_time),
        "serial": r.serial,
        "policy": r.policy,
        "hash_alg": r.hash_alg,
        "token_b64": base64.b64encode(r.response).decode() if r.response else None,
        "error": r.error,
    }


def version_json(v, receipts) -> dict:
    return {
        "id": v.id,
        "number": v.number,
        "path": v.path,
        "size": v.size,
        "sha256": v.digest_hex if v.hash_alg == "sha256" else None,
        "hash_alg": v.hash_alg,
        "digest": v.digest_hex,
        "work": v.work_title,
        "kind": v.kind,
        "created_at": iso_utc(v.created_at),
        "receipts": [receipt_json(r) for r in receipts],
    }


def verdict_json(v, tsa: str | None = None) -> dict:
    return {
        "ok": v.ok,
        "gen_time": iso_utc(v.gen_time),
        # RFC 3161 §2.4.2: the time is genTime ± accuracy; "existed no later than" is not_after.
        "accuracy_s": v.accuracy.total_seconds() if v.accuracy is not None else None,
        "not_after": iso_utc(v.not_after),
        "tsa": tsa or v.tsa_name or (v.signer.subject.rfc4514_string() if v.signer else None),
        "serial": str(v.serial) if v.serial is not None else None,
        "hash_alg": v.hash_alg,
        "anchor": v.anchor_text(),
        "warnings": v.warnings,
        "checks": [c.as_dict() for c in v.checks],
    }
