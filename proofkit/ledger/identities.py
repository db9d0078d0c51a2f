"""Content identities kept with versions: model fingerprints with their per-tensor index
(issue 13) and normalised-text identities of manuscripts (issue 14). Indexes for look-ups,
checked against the stamped digest; a mixin of :class:`proofkit.ledger.store.Ledger`."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


from proofkit.ledger.models import (
    Version,
)
from proofkit.ledger.types import (
    LedgerInvalidData,
    VersionRow,
)
from proofkit.ledger.rows import (
    _IN_CHUNK,
    _normalize_digest,
    _now,
)


class ContentIndexes:
    """Fingerprints and text identities of a Ledger (see proofkit.ledger.store)."""

    def add_fingerprint(self, version_id: int, sha256_hex: str, doc: bytes,
                        tensor_hashes: Iterable[str]) -> int:
        """Keep a stamped model's fingerprint document (its canonical JSON bytes, whose
        SHA-256 the version's manifest lists) and index its per-tensor hashes; one
        transaction. Returns the fingerprint's id."""
        digest = _normalize_digest(sha256_hex)
        if hashlib.sha256(doc).hexdigest() != digest:
            raise LedgerInvalidData("A model fingerprint's bytes do not match its SHA-256.")
        hashes = sorted({_normalize_digest(h) for h in tensor_hashes})
        with self._write() as tx:
            s = tx.session
            if s.get(Version, version_id) is None:
                raise LedgerInvalidData(f"No version {version_id} to attach a fingerprint to.")
            conn = s.connection()
            cur = conn.exec_driver_sql(
                "INSERT INTO model_fingerprints (version_id, sha256, doc, created_at) VALUES (?, ?, ?, ?)",
                (version_id, digest, doc, _now().isoformat(sep=" ")))
            fid = cur.lastrowid
            conn.exec_driver_sql("INSERT INTO fingerprint_tensors (fingerprint_id, hash) VALUES (?, ?)",
                                 [(fid, h) for h in hashes])
            return int(fid)

    def fingerprinted_version_ids(self) -> set[int]:
        """The versions stamped with a model fingerprint (one query, no documents read)."""
        with self._session() as s:
            rows = s.connection().exec_driver_sql("SELECT DISTINCT version_id FROM model_fingerprints").all()
        return {int(r[0]) for r in rows}

    def fingerprints_for_version(self, version_id: int) -> list[tuple[int, str, bytes]]:
        """(id, sha256, document bytes) of the fingerprints kept for a version."""
        with self._session() as s:
            rows = s.connection().exec_driver_sql(
                "SELECT id, sha256, doc FROM model_fingerprints WHERE version_id = ? ORDER BY id",
                (version_id,)).all()
        return [(int(i), h, bytes(d)) for i, h, d in rows]

    def fingerprint_matches(self, tensor_hashes: Iterable[str]) -> list[tuple[int, int, int]]:
        """(fingerprint id, version id, how many of the given hashes it indexes), most
        first: the stamped models sharing tensors with a suspect."""
        hashes = sorted({(h or "").strip().lower() for h in tensor_hashes if h})
        counts: dict[tuple[int, int], int] = {}
        with self._session() as s:
            conn = s.connection()
            for i in range(0, len(hashes), _IN_CHUNK):
                part = hashes[i:i + _IN_CHUNK]
                marks = ",".join("?" * len(part))
                for fid, vid, n in conn.exec_driver_sql(
                        "SELECT t.fingerprint_id, f.version_id, count(DISTINCT t.hash) "
                        "FROM fingerprint_tensors t JOIN model_fingerprints f ON f.id = t.fingerprint_id "
                        f"WHERE t.hash IN ({marks}) GROUP BY t.fingerprint_id", tuple(part)):
                    counts[(int(fid), int(vid))] = counts.get((int(fid), int(vid)), 0) + int(n)
        return sorted(((f, v, n) for (f, v), n in counts.items()), key=lambda x: (-x[2], x[0]))

    def get_fingerprint(self, fingerprint_id: int) -> tuple[int, str, bytes] | None:
        """(version id, sha256, document bytes) of one kept fingerprint."""
        with self._session() as s:
            row = s.connection().exec_driver_sql(
                "SELECT version_id, sha256, doc FROM model_fingerprints WHERE id = ?",
                (fingerprint_id,)).first()
        return None if row is None else (int(row[0]), row[1], bytes(row[2]))

    def add_text_identities(self, version_id: int, rows: Iterable[tuple[str, str, int]]) -> None:
        """Record the normalised-text identity of a stamped version's manuscript files:
        (rel_path, '' for a single file; normalised SHA-256; normalised characters). One
        transaction; a row already recorded for that version and file is not added again."""
        rows = [(rel, _normalize_digest(sha), int(n)) for rel, sha, n in rows]
        if not rows:
            return
        with self._write() as tx:
            s = tx.session
            if s.get(Version, version_id) is None:
                raise LedgerInvalidData(f"No version {version_id} to attach a text identity to.")
            conn = s.connection()
            have = {r[0] for r in conn.exec_driver_sql(
                "SELECT rel_path FROM text_identities WHERE version_id = ?", (version_id,))}
            new = [(version_id, rel, sha, n) for rel, sha, n in rows if rel not in have]
            if new:
                conn.exec_driver_sql(
                    "INSERT INTO text_identities (version_id, rel_path, normalised_sha256, chars) "
                    "VALUES (?, ?, ?, ?)", new)

    def text_identities(self, version_id: int) -> list[tuple[str, str, int]]:
        """(rel_path, normalised SHA-256, characters) recorded for a version."""
        with self._session() as s:
            rows = s.connection().exec_driver_sql(
                "SELECT rel_path, normalised_sha256, chars FROM text_identities WHERE version_id = ? "
                "ORDER BY id", (version_id,)).all()
        return [(r, h, int(n)) for r, h, n in rows]

    def versions_by_text_identity(self, normalised_sha256: str) -> list[tuple[VersionRow, str]]:
        """Every stamped version holding a manuscript with this normalised text (whatever its
        format or encoding), oldest first, with the file's place in it ('' for a single file)."""
        digest = _normalize_digest(normalised_sha256)
        with self._session() as s:
            hits = s.connection().exec_driver_sql(
                "SELECT version_id, rel_path FROM text_identities WHERE normalised_sha256 = ? ORDER BY id",
                (digest,)).all()
        out = []
        for vid, rel in hits:
            v = self.get_version(int(vid))
            if v is not None:
                out.append((v, rel))
        out.sort(key=lambda t: (t[0].created_at, t[0].id))
        return out
