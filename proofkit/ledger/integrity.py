"""Ledger integrity: the check behind ``proofkit ledger check``.

It reads the SQLite file raw (no ORM type processing, lenient text decoding), so a value
mangled behind ProofKit's back becomes a reported problem rather than an exception:
- the event hash chain (contiguous seqs from 1, each linked to the previous hash, each hash
  recomputed; deleted tail events found through SQLite's autoincrement counter);
- every work, version, receipt and certificate row against the payload of its latest event
  (edited, inserted or deleted rows);
- each folder manifest's index rows against its manifest text;
- SQLite's own quick_check and the append-only guard triggers.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timezone
from types import SimpleNamespace
from typing import Any

from sqlalchemy import LargeBinary

from proofkit.ledger import chain
from proofkit.ledger.migrations import GUARD_TRIGGERS, manifest_entry_values
from proofkit.ledger.models import Certificate, Receipt, UTCDateTime, Version, Work
from proofkit.ledger.types import LedgerProblem

_MODEL_OF = {
    chain.ENTITY_WORK: Work,
    chain.ENTITY_VERSION: Version,
    chain.ENTITY_RECEIPT: Receipt,
    chain.ENTITY_CERTIFICATE: Certificate,
}


def _parse_db_datetime(value: Any) -> datetime | None:
    """A DATETIME column as SQLAlchemy stores it on SQLite (naive UTC text)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    return datetime.fromisoformat(value).replace(tzinfo=timezone.utc)


def _raw_rows(raw: sqlite3.Connection, model: Any) -> Iterator[tuple[Any, Any]]:
    """(id, row) for each row of a table without ORM type processing. Dates are parsed
    here; a value that will not parse, or bytes where text belongs (and the reverse), is
    left as is so computing its payload fails and is reported."""
    table = model.__table__
    names = [c.name for c in table.columns]
    dates = {c.name for c in table.columns if isinstance(c.type, UTCDateTime)}
    blobs = {c.name for c in table.columns if isinstance(c.type, LargeBinary)}
    cur = raw.execute(f"SELECT {', '.join(names)} FROM {table.name} ORDER BY id")
    for values in cur:
        row = dict(zip(names, values))
        for name in dates:
            try:
                row[name] = _parse_db_datetime(row[name])
            except ValueError:
                row[name] = _Unreadable(name)
        for name in blobs:
            if row[name] is not None and not isinstance(row[name], bytes):
                row[name] = _Unreadable(name)
        yield row["id"], SimpleNamespace(**row)


class _Unreadable:
    """Stands for a stored value of the wrong kind; any use in a payload raises."""

    def __init__(self, column: str) -> None:
        self.column = column

    def __getattr__(self, name: str) -> Any:
        raise ValueError(f"{self.column} holds a value of the wrong type")

    def __len__(self) -> int:
        raise ValueError(f"{self.column} holds a value of the wrong type")


def check_connection(raw: sqlite3.Connection) -> list[LedgerProblem]:
    """Verify the hash chain, that every row matches its latest event, and that each
    folder manifest's ``manifest_entries`` are exactly the lines its text lists. Empty
    list = intact. Reads one consistent snapshot; writes nothing.

    Rows are read raw (no ORM type processing, lenient text decoding), so a value mangled
    behind our back becomes a reported problem rather than an exception."""
    problems: list[LedgerProblem] = []

    def add(message: str, **where: Any) -> None:
        problems.append(LedgerProblem(message, **where))

    saved_factory = raw.text_factory
    raw.text_factory = lambda b: b.decode("utf-8", "surrogateescape")
    try:
        quick = [r[0] for r in raw.execute("PRAGMA quick_check").fetchall()]
        if quick != ["ok"]:
            add(f"SQLite reports the file is damaged: {'; '.join(quick[:3])}.")
        triggers = {r[0] for r in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for name in GUARD_TRIGGERS:
            if name not in triggers:
                add(f"The append-only guard {name} was removed outside ProofKit.")

        latest, last_seq = _check_chain(raw, add)
        top = raw.execute("SELECT seq FROM sqlite_sequence WHERE name = 'events'"
                          ).fetchone()
        if top is not None and isinstance(top[0], int) and top[0] > last_seq:
            add(f"The last {top[0] - last_seq} event(s) after event {last_seq} are "
                "missing (deleted).", seq=last_seq + 1)

        flagged: set[tuple[str, int]] = set()
        for entity, model in _MODEL_OF.items():
            label = entity.capitalize()
            for row_id, row in _raw_rows(raw, model):
                recorded = latest.pop((entity, row_id), None)
                if recorded is None:
                    add(f"{label} {row_id} has no ledger event: it was added outside "
                        "ProofKit.", entity=entity, entity_id=row_id)
                    flagged.add((entity, row_id))
                    continue
                try:
                    current = chain.payload_of(entity, row)
                except Exception as exc:  # noqa: BLE001 - a mangled value is a finding
                    add(f"{label} {row_id} holds a value ProofKit cannot read "
                        f"({exc}): it was modified outside ProofKit.",
                        entity=entity, entity_id=row_id)
                    flagged.add((entity, row_id))
                    continue
                if current != recorded[1]:
                    fields = chain.differing_fields(recorded[1], current)
                    what = f" ({', '.join(fields)} changed)" if fields else ""
                    add(f"{label} {row_id} differs from its last ledger event "
                        f"{recorded[0]}{what}: it was modified outside ProofKit.",
                        entity=entity, entity_id=row_id)
                    flagged.add((entity, row_id))
        _check_manifest_entries(
            raw, add, {i for e, i in flagged if e == chain.ENTITY_VERSION})
        _check_version_numbers(raw, add, {i for e, i in flagged if e == chain.ENTITY_VERSION})
        _check_fingerprints(raw, add)
        for (entity, entity_id), (seq, _payload) in sorted(latest.items()):
            add(f"{entity.capitalize()} {entity_id} is in the ledger history "
                f"(event {seq}) but its row is gone: it was deleted outside ProofKit.",
                entity=entity, entity_id=entity_id)
    except sqlite3.DatabaseError as exc:
        add(f"The ledger cannot be read to the end ({exc}); the file may be damaged.")
    finally:
        raw.text_factory = saved_factory
    return problems

def _check_manifest_entries(raw: sqlite3.Connection, add: Any, flagged: set[int]) -> None:
    """The manifest_entries of each version must be exactly the lines its manifest text
    lists (count and content, order aside; none for a file version or a text that does
    not parse). A version already reported as modified is not judged again here."""
    manifests = [r[0] for r in raw.execute(
        "SELECT id FROM versions WHERE kind = 'manifest' ORDER BY id")]
    for version_id in manifests:
        if version_id in flagged:
            continue
        (text_value,) = raw.execute("SELECT manifest_text FROM versions WHERE id = ?",
                                    (version_id,)).fetchone()
        expected = Counter(manifest_entry_values(text_value))
        found = Counter(raw.execute(
            "SELECT digest_hex, rel_path FROM manifest_entries WHERE version_id = ?",
            (version_id,)).fetchall())
        if found != expected:
            missing = sum((expected - found).values())
            added = sum((found - expected).values())
            add(f"Version {version_id}'s manifest entries (the index of the files its "
                f"folder manifest lists) do not match its manifest text: "
                f"{sum(found.values())} entries for {sum(expected.values())} lines, "
                f"{missing} line(s) missing or changed, {added} entry(ies) not in the text. "
                "They were modified outside ProofKit.",
                entity=chain.ENTITY_VERSION, entity_id=version_id)
    # rows attached to a file version, or to no version at all
    strays = raw.execute(
        "SELECT version_id, count(*) FROM manifest_entries WHERE version_id NOT IN "
        "(SELECT id FROM versions WHERE kind = 'manifest') GROUP BY version_id "
        "ORDER BY version_id").fetchall()
    for version_id, n in strays:
        if version_id in flagged:
            continue
        add(f"Version {version_id} is not a folder manifest in the ledger, yet {n} manifest "
            "entry(ies) name it: they were added outside ProofKit.",
            entity=chain.ENTITY_VERSION, entity_id=version_id)

def _check_version_numbers(raw: sqlite3.Connection, add: Any, flagged: set[int]) -> None:
    """Each version's number must be its place within its work in id order (1, 2, ...):
    derived data, so a number changed behind ProofKit's back is found here."""
    current, expected = None, 0
    for version_id, work_id, number in raw.execute(
            "SELECT id, work_id, number FROM versions ORDER BY work_id, id"):
        expected = expected + 1 if work_id == current else 1
        current = work_id
        if number != expected and version_id not in flagged:
            add(f"Version {version_id} is numbered {number} within its work, but it is the work's "
                f"version {expected}: the number was modified outside ProofKit.",
                entity=chain.ENTITY_VERSION, entity_id=version_id)

def _check_fingerprints(raw: sqlite3.Connection, add: Any) -> None:
    """A kept model fingerprint must hash to its recorded SHA-256, and that SHA-256 must be
    one of the lines its version's stamped manifest lists (so the stamp covers it)."""
    if not raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'model_fingerprints'").fetchone():
        return
    for fid, version_id, sha, doc in raw.execute(
            "SELECT id, version_id, sha256, CAST(doc AS BLOB) FROM model_fingerprints ORDER BY id").fetchall():
        ok = isinstance(doc, bytes) and hashlib.sha256(doc).hexdigest() == sha
        listed = raw.execute("SELECT 1 FROM manifest_entries WHERE version_id = ? AND digest_hex = ?",
                             (version_id, sha)).fetchone()
        if not ok or not listed:
            add(f"Model fingerprint {fid} of version {version_id} "
                + ("does not match its digest" if not ok else "is not listed in its stamped manifest")
                + ": it was modified outside ProofKit.", entity=chain.ENTITY_VERSION, entity_id=version_id)


def _check_chain(
    raw: sqlite3.Connection, add: Any
) -> tuple[dict[tuple[str, int], tuple[int, str]], int]:
    """Walk the events in seq order: contiguous seqs from 1, each linked to the previous
    hash, each hash recomputed. Returns the latest payload per entity and the last seq."""
    latest: dict[tuple[str, int], tuple[int, str]] = {}
    prev_seq, prev_hash = 0, chain.GENESIS_HASH
    cur = raw.execute("SELECT seq, at, kind, entity, entity_id, payload, prev_hash, hash "
                      "FROM events ORDER BY seq")
    for seq, at, kind, entity, entity_id, payload, prev, stored in cur:
        if seq != prev_seq + 1:
            if seq == prev_seq + 2:
                msg = f"follows event {prev_seq}: event {prev_seq + 1} is missing (deleted)."
            else:
                msg = (f"follows event {prev_seq}: events {prev_seq + 1} to {seq - 1} "
                       "are missing (deleted).")
            add(f"Event {seq} {msg}", seq=seq)
        elif prev != prev_hash:
            add(f"Event {seq} does not link to event {prev_seq}: events were removed, "
                "inserted or reordered.", seq=seq)
        try:
            recomputed = chain.event_hash(
                seq=seq, at=_parse_db_datetime(at), kind=kind, entity=entity,
                entity_id=entity_id, prev_hash=prev, payload=payload)
        except Exception:  # noqa: BLE001 - unreadable values cannot match the hash
            recomputed = None
        if recomputed != stored:
            add(f"Event {seq} was edited: its contents no longer match its hash.", seq=seq)
        if entity not in chain.ENTITIES or kind not in chain.EVENT_KINDS \
                or not isinstance(entity_id, int):
            add(f"Event {seq} has an unknown kind {kind!r} for {entity!r}.", seq=seq)
        else:
            latest[(entity, entity_id)] = (seq, payload)
        prev_seq, prev_hash = seq, stored
    return latest, prev_seq
