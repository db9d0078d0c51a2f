"""The ledger check's look at stored data that is not hash-chained row by row: the packing
dictionaries, revocation blobs, manifest entries, version numbers and model fingerprints
(integrity.py walks the chain and the chained rows and calls these)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from typing import Any

from proofkit.ledger import chain, packing
from proofkit.ledger.migrations import manifest_entry_values


def check_dictionaries(raw: sqlite3.Connection, add: Any) -> None:
    """Each dictionary of packed values still has the bytes it was made with."""
    for did, sha, data in raw.execute("SELECT id, sha256, data FROM dictionaries ORDER BY id"):
        if not isinstance(data, bytes) or packing.sha256_hex(data) != sha:
            add(f"Storage dictionary {did} was modified outside ProofKit: the values packed "
                "with it no longer read as recorded.")


def check_revocation_blobs(raw: sqlite3.Connection, add: Any) -> None:
    """Each revocation blob is addressed by the SHA-256 of its bytes, and each piece of
    evidence points at a blob that is there."""
    for sha, der in raw.execute("SELECT sha256, der FROM revocation_blobs ORDER BY sha256"):
        if not isinstance(der, bytes) or hashlib.sha256(der).hexdigest() != sha:
            add(f"The revocation evidence {str(sha)[:16]}... was modified outside ProofKit "
                "(its bytes no longer match their SHA-256).")
    for (ev_id,) in raw.execute(
            "SELECT id FROM revocation_evidence WHERE sha256 NOT IN (SELECT sha256 FROM "
            "revocation_blobs) ORDER BY id"):
        add(f"Revocation evidence {ev_id} lost its bytes outside ProofKit.",
            entity=chain.ENTITY_REVOCATION, entity_id=ev_id)


def check_manifest_entries(raw: sqlite3.Connection, add: Any) -> None:
    """The manifest_entries of each version must be exactly the lines its manifest text
    lists (count and content, order aside; none for a file version or a text that does
    not parse). Every finding names its version (``entity_id``): the caller leaves out
    those of a version it already reports as modified."""
    manifests = [r[0] for r in raw.execute(
        "SELECT id FROM versions WHERE kind = 'manifest' ORDER BY id")]
    for version_id in manifests:
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
        add(f"Version {version_id} is not a folder manifest in the ledger, yet {n} manifest "
            "entry(ies) name it: they were added outside ProofKit.",
            entity=chain.ENTITY_VERSION, entity_id=version_id)

def check_version_numbers(raw: sqlite3.Connection, add: Any) -> None:
    """Each version's number must be its place within its work in id order (1, 2, ...):
    derived data, so a number changed behind ProofKit's back is found here (each finding
    names its version, as check_manifest_entries's)."""
    current, expected = None, 0
    for version_id, work_id, number in raw.execute(
            "SELECT id, work_id, number FROM versions ORDER BY work_id, id"):
        expected = expected + 1 if work_id == current else 1
        current = work_id
        if number != expected:
            add(f"Version {version_id} is numbered {number} within its work, but it is the work's "
                f"version {expected}: the number was modified outside ProofKit.",
                entity=chain.ENTITY_VERSION, entity_id=version_id)

def check_fingerprints(raw: sqlite3.Connection, add: Any) -> None:
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
