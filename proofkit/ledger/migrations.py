"""Schema versions of the ledger and the migrations between them.

The version lives in ``PRAGMA user_version`` (0 = empty file); ``PRAGMA application_id``
marks the file as a ProofKit ledger so we never "migrate" somebody else's database.

``MIGRATIONS[i]`` takes a schema from version ``i`` to ``i + 1`` on a raw ``sqlite3``
connection that is inside a transaction. All pending migrations and the ``user_version``
bump run in ONE transaction (SQLite DDL is transactional), so a failing migration leaves the
file exactly at its old version. Before migrating a database that already holds a schema,
the file is copied aside with SQLite's online backup API to
``<backups>/ledger-<UTC timestamp>-v<old>.sqlite3``.

Rules for future migrations: never edit an existing one; only append. A migration that
rewrites entity rows must also append the matching events, or ``Ledger.check`` will flag
those rows as changed behind ProofKit's back.

History: v1 the entities, events and guards; v2 ``manifest_entries`` (the lines of each
folder manifest, derived from its text and backfilled from the existing manifests); v3 indexes
on versions for the not-found path and the paged log; v4 ``versions.number``, a version's
place within its work (derived from the ids, backfilled); v5 ``model_fingerprints`` (a stamped
model's fingerprint document, whose SHA-256 its stamped manifest lists) and
``fingerprint_tensors`` (the index of its per-tensor hashes); v6 ``text_identities`` (the
normalised-text SHA-256 of each stamped manuscript file, issue 14); v7 compact storage of tokens,
check texts and event payloads (packing.py); v8 revocation evidence of
receipts (``revocation_blobs``, ``revocation_evidence``); v9 ``renewal_batches`` (RFC 4998
renewals, hash-chained; batch files of older data folders are imported on first open).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from proofkit.core.errors import LedgerError, LedgerTooNew

Migration = Callable[[sqlite3.Connection], None]

APPLICATION_ID = 0x50724B74  # "PrKt"

_V1_DDL = (
    """CREATE TABLE works (
        id INTEGER NOT NULL PRIMARY KEY,
        title TEXT NOT NULL UNIQUE,
        pen_name TEXT,
        created_at DATETIME NOT NULL
    )""",
    """CREATE TABLE versions (
        id INTEGER NOT NULL PRIMARY KEY,
        work_id INTEGER NOT NULL REFERENCES works (id),
        kind VARCHAR(16) NOT NULL DEFAULT 'file',
        file_name TEXT NOT NULL,
        path TEXT NOT NULL,
        size INTEGER NOT NULL CHECK (size >= 0),
        hash_alg VARCHAR(32) NOT NULL,
        digest_hex VARCHAR(256) NOT NULL,
        manifest_text TEXT,
        created_at DATETIME NOT NULL,
        CONSTRAINT ck_versions_kind CHECK (kind IN ('file', 'manifest'))
    )""",
    "CREATE INDEX ix_versions_digest_hex ON versions (digest_hex)",
    "CREATE INDEX ix_versions_work_id ON versions (work_id)",
    """CREATE TABLE receipts (
        id INTEGER NOT NULL PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions (id),
        tsa_name TEXT NOT NULL,
        url TEXT NOT NULL,
        nonce TEXT,
        response BLOB,
        status VARCHAR(16) NOT NULL,
        error TEXT,
        gen_time DATETIME,
        serial TEXT,
        policy TEXT,
        hash_alg VARCHAR(32) NOT NULL,
        anchor TEXT,
        checks_json TEXT NOT NULL DEFAULT '[]',
        checked_at DATETIME,
        requested_at DATETIME NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        CONSTRAINT ck_receipts_status CHECK (status IN ('verified', 'failed', 'pending')),
        CONSTRAINT ck_receipts_verified_has_token
            CHECK (status != 'verified' OR (response IS NOT NULL AND gen_time IS NOT NULL))
    )""",
    "CREATE INDEX ix_receipts_version_id ON receipts (version_id)",
    "CREATE INDEX ix_receipts_status ON receipts (status)",
    "CREATE INDEX ix_receipts_gen_time ON receipts (gen_time)",
    """CREATE TABLE certificates (
        id INTEGER NOT NULL PRIMARY KEY,
        sha256 VARCHAR(64) NOT NULL UNIQUE,
        subject TEXT,
        issuer TEXT,
        not_before DATETIME,
        not_after DATETIME,
        der BLOB NOT NULL,
        first_seen_at DATETIME NOT NULL
    )""",
    """CREATE TABLE events (
        seq INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
        at DATETIME NOT NULL,
        kind VARCHAR(64) NOT NULL,
        entity VARCHAR(32) NOT NULL,
        entity_id INTEGER NOT NULL,
        payload TEXT NOT NULL,
        prev_hash VARCHAR(64) NOT NULL,
        hash VARCHAR(64) NOT NULL
    )""",
    "CREATE INDEX ix_events_entity ON events (entity, entity_id)",
    """CREATE TABLE meta (
        key TEXT NOT NULL PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    # Guards against accidental deletes/rewrites by ProofKit's own code or a careless tool.
    # They do not stop someone who drops them first; Ledger.check() reports them missing.
    """CREATE TRIGGER guard_events_no_update BEFORE UPDATE ON events
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger events are append-only'); END""",
    """CREATE TRIGGER guard_events_no_delete BEFORE DELETE ON events
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger events are append-only'); END""",
    """CREATE TRIGGER guard_works_no_delete BEFORE DELETE ON works
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger rows are never deleted'); END""",
    """CREATE TRIGGER guard_versions_no_delete BEFORE DELETE ON versions
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger rows are never deleted'); END""",
    """CREATE TRIGGER guard_receipts_no_delete BEFORE DELETE ON receipts
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger rows are never deleted'); END""",
    """CREATE TRIGGER guard_certificates_no_delete BEFORE DELETE ON certificates
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger rows are never deleted'); END""",
)

GUARD_TRIGGERS = (
    "guard_events_no_update",
    "guard_events_no_delete",
    "guard_works_no_delete",
    "guard_versions_no_delete",
    "guard_receipts_no_delete",
    "guard_certificates_no_delete",
    "guard_manifest_entries_no_delete",
    "guard_model_fingerprints_no_delete",
    "guard_fingerprint_tensors_no_delete",
    "guard_text_identities_no_delete",
    "guard_dictionaries_no_update",
    "guard_dictionaries_no_delete",
    "guard_revocation_evidence_no_delete",
    "guard_revocation_blobs_no_delete",
    "guard_renewal_batches_no_update",
    "guard_renewal_batches_no_delete",
)


def _v0_to_v1(conn: sqlite3.Connection) -> None:
    for stmt in _V1_DDL:
        conn.execute(stmt)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


# v2: the files each folder manifest lists, one row per listing line, so finding the
# manifests that list a digest is an index lookup instead of a scan of every manifest text.
# Derived data: fully determined by the version's manifest_text (which the hash chain covers
# through manifest_sha256), so no events; Ledger.check() compares them with the text.
_V2_DDL = (
    """CREATE TABLE manifest_entries (
        id INTEGER NOT NULL PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions (id),
        rel_path TEXT NOT NULL,
        digest_hex VARCHAR(256) NOT NULL
    )""",
    "CREATE INDEX ix_manifest_entries_digest_hex ON manifest_entries (digest_hex)",
    "CREATE INDEX ix_manifest_entries_version_id ON manifest_entries (version_id)",
    """CREATE TRIGGER guard_manifest_entries_no_delete BEFORE DELETE ON manifest_entries
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger rows are never deleted'); END""",
)


def manifest_entry_values(manifest_text: object) -> list[tuple[str, str]]:
    """(digest_hex, rel_path) of each line of a stored manifest text, in listing order. A
    text that does not parse as a manifest (or is not text) lists nothing. The one rule used
    by record_stamp, this migration's backfill and Ledger.check()."""
    from proofkit.core import manifest as mf
    from proofkit.core.errors import ProofKitError

    if not isinstance(manifest_text, str):
        return []
    try:
        return mf.entry_pairs(manifest_text)
    except ProofKitError:
        return []


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    table, *indexes_and_guard = _V2_DDL
    conn.execute(table)
    # Backfill, one manifest at a time (a year of daily stamps of a big folder is millions of
    # lines). Texts are read as bytes: a value mangled behind our back must not make the
    # upgrade (and so the ledger) fail; it lists nothing here and check() reports it.
    ids = [r[0] for r in conn.execute(
        "SELECT id FROM versions WHERE kind = 'manifest' ORDER BY id")]
    for version_id in ids:
        (raw,) = conn.execute("SELECT CAST(manifest_text AS BLOB) FROM versions WHERE id = ?",
                              (version_id,)).fetchone()
        try:
            text = bytes(raw).decode("utf-8")
        except (TypeError, UnicodeDecodeError):
            continue
        conn.executemany(
            "INSERT INTO manifest_entries (version_id, digest_hex, rel_path) VALUES (?, ?, ?)",
            [(version_id, d, rel) for d, rel in manifest_entry_values(text)])
    # indexes built once over the filled table (a sort) rather than row by row: for a year
    # of daily stamps of a 10,000-file folder that is the difference between ~1 and ~10 s
    for stmt in indexes_and_guard:
        conn.execute(stmt)


# v3: the indexes behind "is this file mine?" and the paged log. A file that was never
# stamped is looked up by digest (v1 index), in manifests (v2) and by file name ("another
# version of this file is known"): without an index on file_name that "no" scanned every
# version. The log pages newest first, of the whole ledger or of one work, by created_at.
_V3_DDL = (
    "CREATE INDEX ix_versions_file_name ON versions (file_name)",
    "CREATE INDEX ix_versions_created_at ON versions (created_at)",
    "CREATE INDEX ix_versions_work_created_at ON versions (work_id, created_at)",
)


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    for stmt in _V3_DDL:
        conn.execute(stmt)


# v4: each version's number within its work (1, 2, ... in id order: "v2" is the work's
# second version, whatever its ledger-wide id), so a page of the log reads it from the row
# instead of counting the work's earlier versions. Derived data: fixed by the ids and work
# ids, which the hash chain covers, so no events; Ledger.check() compares it with them.
_V4_DDL = (
    "ALTER TABLE versions ADD COLUMN number INTEGER",
    "CREATE TEMP TABLE _version_numbers (id INTEGER NOT NULL PRIMARY KEY, number INTEGER NOT NULL)",
    """INSERT INTO _version_numbers (id, number)
       SELECT id, ROW_NUMBER() OVER (PARTITION BY work_id ORDER BY id) FROM versions""",
    """UPDATE versions SET number = (SELECT n.number FROM _version_numbers n WHERE n.id = versions.id)""",
    "DROP TABLE _version_numbers",
    "CREATE UNIQUE INDEX ix_versions_work_number ON versions (work_id, number)",
)


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    for stmt in _V4_DDL:
        conn.execute(stmt)


# v5: model fingerprints. A stamped model is a manifest version listing the model file and
# its fingerprint document (core/models) by SHA-256; the document itself is kept here, its
# digest checked against that listing when it is read. fingerprint_tensors indexes the
# per-tensor hashes (raw and after fp16/bf16 rounding) so a re-encoded copy is found by one
# lookup. Derived from the document, so no events (as manifest_entries).
_V5_DDL = (
    """CREATE TABLE model_fingerprints (
        id INTEGER NOT NULL PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions (id),
        sha256 VARCHAR(64) NOT NULL,
        doc BLOB NOT NULL,
        created_at DATETIME NOT NULL
    )""",
    "CREATE INDEX ix_model_fingerprints_version_id ON model_fingerprints (version_id)",
    "CREATE INDEX ix_model_fingerprints_sha256 ON model_fingerprints (sha256)",
    """CREATE TABLE fingerprint_tensors (
        fingerprint_id INTEGER NOT NULL REFERENCES model_fingerprints (id),
        hash VARCHAR(64) NOT NULL
    )""",
    "CREATE INDEX ix_fingerprint_tensors_hash ON fingerprint_tensors (hash)",
    """CREATE TRIGGER guard_model_fingerprints_no_delete BEFORE DELETE ON model_fingerprints
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger rows are never deleted'); END""",
    """CREATE TRIGGER guard_fingerprint_tensors_no_delete BEFORE DELETE ON fingerprint_tensors
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger rows are never deleted'); END""",
)


def _v4_to_v5(conn: sqlite3.Connection) -> None:
    for stmt in _V5_DDL:
        conn.execute(stmt)


# v6: the content identity of stamped manuscripts (issue 14). For each manuscript file of a
# version (rel_path '' for a single file): the SHA-256 of its normalised text
# (core/text/normalise: NFKC, traditional read as simplified, no punctuation or whitespace), so
# the .docx, .txt and .epub of one chapter link to one identity. Derived from the stamped bytes
# and recomputable from them: an index for finding, not evidence, so no events (as
# manifest_entries). Stamps made before v6 have none.
_V6_DDL = (
    """CREATE TABLE text_identities (
        id INTEGER NOT NULL PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions (id),
        rel_path TEXT NOT NULL,
        normalised_sha256 VARCHAR(64) NOT NULL,
        chars INTEGER NOT NULL
    )""",
    "CREATE INDEX ix_text_identities_normalised_sha256 ON text_identities (normalised_sha256)",
    "CREATE INDEX ix_text_identities_version_id ON text_identities (version_id)",
    """CREATE TRIGGER guard_text_identities_no_delete BEFORE DELETE ON text_identities
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger rows are never deleted'); END""",
)


def _v5_to_v6(conn: sqlite3.Connection) -> None:
    for stmt in _V6_DDL:
        conn.execute(stmt)


# v7: tokens, check texts and event payloads stored DEFLATE-compressed against per-family
# dictionaries (see packing.py); byte-exact, the hash chain unchanged (it covers the unpacked
# values), so existing rows are repacked in place without new events.
_V7_DDL = (
    """CREATE TABLE dictionaries (
        id INTEGER NOT NULL PRIMARY KEY,
        family TEXT NOT NULL,
        sha256 VARCHAR(64) NOT NULL,
        data BLOB NOT NULL,
        created_at DATETIME NOT NULL
    )""",
    "CREATE INDEX ix_dictionaries_family ON dictionaries (family, id)",
    """CREATE TRIGGER guard_dictionaries_no_update BEFORE UPDATE ON dictionaries
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger dictionaries never change'); END""",
    """CREATE TRIGGER guard_dictionaries_no_delete BEFORE DELETE ON dictionaries
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger rows are never deleted'); END""",
    "ALTER TABLE receipts ADD COLUMN response_packed INTEGER NOT NULL DEFAULT 0",
)
_V1_EVENTS_NO_UPDATE = _V1_DDL[-6]


def _v6_to_v7(conn: sqlite3.Connection) -> None:
    from proofkit.ledger import packing

    for stmt in _V7_DDL:
        conn.execute(stmt)
    now = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    dicts = packing.SqlDictionaries(conn, now)
    packer = packing.Packer(dicts)
    # Values are read as stored (bytes where text was mangled behind our back are left as
    # they are: check() reports them). In id order, so dictionaries learn from the oldest.
    last = 0
    while True:
        rows = conn.execute(
            "SELECT id, url, response, checks_json FROM receipts WHERE id > ? ORDER BY id "
            "LIMIT 2000", (last,)).fetchall()
        if not rows:
            break
        updates = []
        for rid, url, response, checks in rows:
            last = rid
            packed = None
            if isinstance(response, bytes) and isinstance(url, str):
                packed = packer.pack(packing.token_family(url), response)
            new_checks = packer.pack_text(packing.FAMILY_CHECKS, checks) \
                if isinstance(checks, str) else checks
            if packed is not None or new_checks is not checks:
                updates.append((packed if packed is not None else response,
                                1 if packed is not None else 0, new_checks, rid))
        conn.executemany("UPDATE receipts SET response = ?, response_packed = ?, "
                         "checks_json = ? WHERE id = ?", updates)
    # events are append-only: the guard is lifted for this one rewrite of their storage
    # (same text once unpacked, which is what the hash covers) and put back in the same
    # transaction
    conn.execute("DROP TRIGGER guard_events_no_update")
    last = 0
    while True:
        rows = conn.execute("SELECT seq, entity, payload FROM events WHERE seq > ? "
                            "ORDER BY seq LIMIT 2000", (last,)).fetchall()
        if not rows:
            break
        updates = []
        for seq, entity, payload in rows:
            last = seq
            if isinstance(payload, str) and isinstance(entity, str):
                packed = packer.pack_text(packing.payload_family(entity), payload)
                if packed is not payload:
                    updates.append((packed, seq))
        conn.executemany("UPDATE events SET payload = ? WHERE seq = ?", updates)
    conn.execute(_V1_EVENTS_NO_UPDATE)


_v6_to_v7.shrinks = True  # type: ignore[attr-defined]

# v8: revocation evidence (OCSP responses, CRLs) fetched for a receipt right after it
# verified (core/revocation.py). The bytes are content-addressed in revocation_blobs (one
# copy of a CRL however many receipts it serves; Ledger.check() recomputes each SHA-256);
# which receipt got which evidence, from where and when, is a hash-chained entity.
_REVOCATION_DDL = (
    """CREATE TABLE revocation_blobs (
        sha256 VARCHAR(64) NOT NULL PRIMARY KEY,
        der BLOB NOT NULL
    )""",
    """CREATE TABLE revocation_evidence (
        id INTEGER NOT NULL PRIMARY KEY,
        receipt_id INTEGER NOT NULL REFERENCES receipts (id),
        kind VARCHAR(8) NOT NULL,
        url TEXT NOT NULL,
        fetched_at DATETIME NOT NULL,
        sha256 VARCHAR(64) NOT NULL REFERENCES revocation_blobs (sha256),
        CONSTRAINT ck_revocation_evidence_kind CHECK (kind IN ('ocsp', 'crl'))
    )""",
    "CREATE INDEX ix_revocation_evidence_receipt_id ON revocation_evidence (receipt_id)",
    """CREATE TRIGGER guard_revocation_evidence_no_delete BEFORE DELETE ON revocation_evidence
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger rows are never deleted'); END""",
    """CREATE TRIGGER guard_revocation_blobs_no_delete BEFORE DELETE ON revocation_blobs
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger rows are never deleted'); END""",
)


def _add_revocation_evidence(conn: sqlite3.Connection) -> None:
    for stmt in _REVOCATION_DDL:
        conn.execute(stmt)


# v9: renewal batches (RFC 4998, ledger/evidence.py). One row per TSA answer of a renewal:
# the answer exactly as received, the hash algorithm of its tree, its leaves (concatenated,
# each the algorithm's digest size) and what each covers (JSON: ["r", receipt id], ["b",
# batch name] for a time-stamp renewal, ["t", receipt id, batch name] for a hash-tree
# renewal, ["h", seq, event hash] for a ledger anchor), and the names of the batches it
# renews. Each row has its "renewal.added" event in the same transaction, so `ledger check`
# covers it. Rows never change. Batch files kept under <data>/evidence/batches/ before v9 are
# imported when the ledger is first opened by the application (the files stay).
_RENEWAL_DDL = (
    """CREATE TABLE renewal_batches (
        id INTEGER NOT NULL PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        tsa_name TEXT NOT NULL,
        url TEXT NOT NULL,
        alg VARCHAR(16) NOT NULL,
        created_at DATETIME NOT NULL,
        gen_time DATETIME NOT NULL,
        not_after DATETIME,
        response BLOB NOT NULL,
        items TEXT NOT NULL,
        leaves BLOB NOT NULL,
        renews TEXT NOT NULL DEFAULT '[]'
    )""",
    """CREATE TRIGGER guard_renewal_batches_no_update BEFORE UPDATE ON renewal_batches
       BEGIN SELECT RAISE(ABORT, 'ProofKit renewal batches never change'); END""",
    """CREATE TRIGGER guard_renewal_batches_no_delete BEFORE DELETE ON renewal_batches
       BEGIN SELECT RAISE(ABORT, 'ProofKit ledger rows are never deleted'); END""",
)


def _add_renewal_batches(conn: sqlite3.Connection) -> None:
    for stmt in _RENEWAL_DDL:
        conn.execute(stmt)


MIGRATIONS: tuple[Migration, ...] = (_v0_to_v1, _v1_to_v2, _v2_to_v3, _v3_to_v4, _v4_to_v5, _v5_to_v6,
                                     _v6_to_v7,
                                     _add_revocation_evidence,
                                     _add_renewal_batches)
SCHEMA_VERSION = len(MIGRATIONS)


def too_new_message(found: int, known: int) -> str:
    return (
        f"This ledger was written by a newer version of ProofKit (schema {found}); "
        f"this version understands up to {known}. Update ProofKit; the ledger was not changed."
    )


def online_backup(src: sqlite3.Connection, dest: Path) -> Path:
    """Copy the database behind ``src`` to ``dest`` with SQLite's online backup API (a
    consistent snapshot even while others write). Written to a temporary name and renamed,
    so ``dest`` is either absent or a complete copy. The copy is a single self-contained
    file (rollback journal mode), whatever the source's mode."""
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.partial")
    tmp.unlink(missing_ok=True)
    try:
        out = sqlite3.connect(tmp)
        try:
            src.backup(out)
            out.execute("PRAGMA journal_mode=DELETE")
            out.commit()
        finally:
            out.close()
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return dest


def migration_backup_path(backups_dir: Path, old_version: int) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    candidate = backups_dir / f"ledger-{stamp}-v{old_version}.sqlite3"
    n = 2
    while candidate.exists():
        candidate = backups_dir / f"ledger-{stamp}-v{old_version}-{n}.sqlite3"
        n += 1
    return candidate


def _read_header(path: Path) -> tuple[int, int] | None:
    """(user_version, application_id) straight from the 100-byte file header, without
    SQLite: even a read-only connection leaves -wal/-shm files next to a WAL database, and a
    ledger we refuse must be left exactly as it was. None when the header cannot be trusted
    alone (not SQLite, or a WAL file that may hold a newer header)."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return None
    with open(path, "rb") as f:
        head = f.read(100)
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        return None
    return (int.from_bytes(head[60:64], "big", signed=True),
            int.from_bytes(head[68:72], "big", signed=True))


def _inspect_readonly(path: Path) -> tuple[int, int, int]:
    """(user_version, application_id, number of schema objects), opening read-only so a
    database we end up refusing is not touched."""
    uri = path.resolve().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            objects = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise LedgerError(
            f"{path} is not a ProofKit ledger (it cannot be read as an SQLite database); "
            "it was not changed.",
            detail=str(exc),
        ) from exc
    return version, app_id, objects


def _check_ours(path: Path, version: int, app_id: int, objects: int) -> None:
    if app_id not in (0, APPLICATION_ID) or (version == 0 and objects > 0):
        raise LedgerError(
            f"{path} is an SQLite database but not a ProofKit ledger; it was not changed."
        )


def prepare_database(
    path: Path,
    *,
    backups_dir: Path,
    migrations: Sequence[Migration] = MIGRATIONS,
) -> tuple[int, Path | None]:
    """Create or migrate the database at ``path`` to ``len(migrations)``.

    Returns (the version found before, the backup copy made or None). Raises
    :class:`LedgerTooNew` without touching the file if it is newer than ``migrations``.
    """
    path = Path(path)
    latest = len(migrations)
    if path.exists() and path.stat().st_size > 0:
        header = _read_header(path)
        if header is not None and header[0] > latest:
            raise LedgerTooNew(too_new_message(header[0], latest))
        found, app_id, objects = _inspect_readonly(path)
        _check_ours(path, found, app_id, objects)
        if found > latest:
            raise LedgerTooNew(too_new_message(found, latest))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    except sqlite3.Error as exc:
        raise LedgerError(f"The ledger {path} cannot be opened.", detail=str(exc)) from exc
    backup: Path | None = None
    try:
        found = conn.execute("PRAGMA user_version").fetchone()[0]
        if found > latest:  # another process upgraded it meanwhile
            raise LedgerTooNew(too_new_message(found, latest))
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise LedgerError(f"The ledger {path} cannot be switched to WAL mode (got {mode}).")
        if found == latest:
            return found, None
        if found > 0:
            backup = online_backup(conn, migration_backup_path(Path(backups_dir), found))
        conn.execute("BEGIN IMMEDIATE")
        try:
            start = conn.execute("PRAGMA user_version").fetchone()[0]
            for step in range(start, latest):
                migrations[step](conn)
            conn.execute(f"PRAGMA user_version = {latest}")
            bad = conn.execute("PRAGMA foreign_key_check").fetchall()
            if bad:
                raise LedgerError(f"the migrated ledger breaks {len(bad)} foreign key(s)")
            conn.execute("COMMIT")
            shrinks = any(getattr(migrations[step], "shrinks", False)
                          for step in range(start, latest))
        except BaseException as exc:
            conn.execute("ROLLBACK")
            if isinstance(exc, Exception):
                where = f" A copy made before the upgrade is at {backup}." if backup else ""
                raise LedgerError(
                    f"Upgrading the ledger from schema {found} to {latest} failed; it was left "
                    f"unchanged at schema {found}.{where}",
                    detail=repr(exc),
                ) from exc
            raise
        if shrinks and found > 0:
            # the repacked rows left free pages behind: give them back to the disk now
            # (VACUUM rewrites the file; on failure, e.g. a full disk, the ledger is intact
            # and merely keeps its old size)
            try:
                conn.execute("VACUUM")
            except sqlite3.Error:
                pass
        return found, backup
    except sqlite3.Error as exc:
        raise LedgerError(f"The ledger {path} cannot be opened.", detail=str(exc)) from exc
    finally:
        conn.close()
