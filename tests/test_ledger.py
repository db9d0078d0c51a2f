"""Ledger tests: real SQLite files under tmp_path, no mocks. Tampering is done the way an
outsider would: a plain sqlite3 connection and SQL."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from proofkit.core.errors import LedgerError, LedgerTooNew
from proofkit.ledger import (
    Ledger,
    LedgerInvalidData,
    ReceiptData,
    SCHEMA_VERSION,
)
from proofkit.ledger import packing
from proofkit.ledger.migrations import APPLICATION_ID, GUARD_TRIGGERS, MIGRATIONS

T0 = datetime(2024, 5, 1, 12, 0, 0, 123456, tzinfo=timezone.utc)
D1 = "a1" * 32
D2 = "b2" * 32


def rd(status: str = "pending", **kw) -> ReceiptData:
    base = dict(tsa_name="FreeTSA", url="https://freetsa.org/tsr", requested_at=T0,
                hash_alg="sha256", status=status)
    if status == "verified":
        base.update(response=b"\x30\x82token-bytes", gen_time=T0 + timedelta(seconds=1),
                    nonce=2**64 - 1, serial="123456789012345678901234567890",
                    policy="1.2.3.4.1", anchor="FreeTSA Root CA",
                    checks=[{"name": "imprint", "ok": True, "detail": "matches"}],
                    checked_at=T0 + timedelta(seconds=2), attempts=1)
    base.update(kw)
    return ReceiptData(**base)


def stamp(lg: Ledger, title="My Novel", name="novel.docx", digest=D1, receipts=None, **kw):
    return lg.record_stamp(work_title=title, file_name=name, path=f"/home/me/{name}",
                           size=1234, hash_alg="sha256", digest_hex=digest,
                           receipts=[rd("verified"), rd()] if receipts is None else receipts,
                           **kw)


def tamper(path: Path, *sql: str, params=()) -> None:
    """Change the file behind ProofKit's back. Drops the guard triggers first, as someone
    determined would."""
    con = sqlite3.connect(path)
    for t in GUARD_TRIGGERS:
        con.execute(f"DROP TRIGGER IF EXISTS {t}")
    for i, stmt in enumerate(sql):
        con.execute(stmt, params[i] if i < len(params) else ())
    con.commit()
    con.close()


def restore_guards(path: Path) -> None:
    from proofkit.ledger.migrations import (_RENEWAL_DDL, _REVOCATION_DDL, _V1_DDL, _V2_DDL, _V5_DDL,
                                           _V6_DDL, _V7_DDL)

    con = sqlite3.connect(path)
    for stmt in (*_V1_DDL, *_V2_DDL, *_V5_DDL, *_V6_DDL, *_V7_DDL, *_REVOCATION_DDL, *_RENEWAL_DDL):
        if stmt.lstrip().startswith("CREATE TRIGGER"):
            con.execute(stmt)
    con.commit()
    con.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "ledger.sqlite3"


@pytest.fixture
def lg(db: Path):
    ledger = Ledger.open(db)
    yield ledger
    ledger.close()


def populated(lg: Ledger) -> None:
    stamp(lg)
    stamp(lg, digest=D2)
    stamp(lg, title="LoRA", name="lora.safetensors", receipts=[rd("verified"), rd("failed",
          error="TSA said no", attempts=3)])


def messages(problems) -> str:
    return "\n".join(str(p) for p in problems)


# --------------------------------------------------------------------------- basics


def test_create_open_reopen(db: Path) -> None:
    with Ledger.open(db) as lg:
        assert db.exists()
        assert lg.works() == [] and lg.count_receipts() == 0 and lg.check() == []
        w = lg.get_or_create_work("My Novel", pen_name="J. Doe")
        assert lg.get_or_create_work("My Novel").id == w.id
        rec = stamp(lg)
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    con.close()
    with Ledger.open(db) as lg:
        works = lg.works()
        assert [(w.title, w.pen_name) for w in works] == [("My Novel", "J. Doe")]
        assert works[0].created_at.tzinfo is timezone.utc
        r = lg.get_receipt(rec.receipt_ids[0])
        assert r is not None and r.work_title == "My Novel" and r.file_name == "novel.docx"
        assert r.digest_hex == D1 and r.nonce == 2**64 - 1 and r.status == "verified"
        assert r.response == b"\x30\x82token-bytes"
        assert r.gen_time == T0 + timedelta(seconds=1) and r.gen_time.tzinfo is timezone.utc
        assert r.requested_at == T0  # microseconds survive
        assert r.checks == [{"detail": "matches", "name": "imprint", "ok": True}]
        assert lg.check() == []
        assert lg.find_work("My Novel").id == works[0].id and lg.find_work("nope") is None
    with pytest.raises(LedgerError):
        lg.works()  # closed


def test_wal_mode_foreign_keys_and_full_sync(lg: Ledger, db: Path) -> None:
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    with lg._engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_importing_the_package_does_not_load_sqlalchemy() -> None:
    code = ("import sys, proofkit.ledger as l; l.ReceiptData; "
            "assert 'sqlalchemy' not in sys.modules, 'sqlalchemy loaded'")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_indexes_exist(lg: Ledger, db: Path) -> None:
    con = sqlite3.connect(db)
    idx = {(r[1], r[2]) for r in con.execute(
        "SELECT type, tbl_name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL")}
    con.close()
    cols = {t: [] for t in ("versions", "receipts", "events", "manifest_entries")}
    con = sqlite3.connect(db)
    for tbl in cols:
        for (name,) in con.execute(f"SELECT name FROM pragma_index_list('{tbl}')"):
            cols[tbl].append(tuple(r[2] for r in con.execute(f"PRAGMA index_info('{name}')")))
    con.close()
    assert ("digest_hex",) in cols["versions"] and ("work_id",) in cols["versions"]
    assert {("version_id",), ("status",), ("gen_time",)} <= set(cols["receipts"])
    assert ("entity", "entity_id") in cols["events"]
    assert {("digest_hex",), ("version_id",)} <= set(cols["manifest_entries"])
    assert idx


def test_orm_models_match_the_migrated_schema(lg: Ledger, db: Path) -> None:
    from proofkit.ledger.models import Base

    con = sqlite3.connect(db)
    for table in Base.metadata.sorted_tables:
        info = {r[1]: r for r in con.execute(f"PRAGMA table_info('{table.name}')")}
        assert set(info) == {c.name for c in table.columns}, table.name
        for c in table.columns:
            assert bool(info[c.name][3]) == (not c.nullable) or c.primary_key, (table.name, c.name)
    con.close()


# --------------------------------------------------------------------------- writes


def test_record_stamp_is_one_transaction(lg: Ledger) -> None:
    stamp(lg)  # something already there
    before = (lg.works(), lg.versions(), lg.receipts(), lg.count_events(), lg.head())
    with pytest.raises(LedgerInvalidData, match="status"):
        # new work, new version and a good receipt come first; the bad receipt comes last
        stamp(lg, title="Other", name="other.txt", digest=D2,
              receipts=[rd("verified"), rd("confirmed")], certificates=[b"cert-bytes"])
    assert (lg.works(), lg.versions(), lg.receipts(), lg.count_events(), lg.head()) == before
    assert lg.find_work("Other") is None and lg.certificates() == []
    assert lg.check() == []


def test_a_fresh_ledger_stays_empty_after_a_failed_stamp(lg: Ledger) -> None:
    with pytest.raises(LedgerInvalidData):
        stamp(lg, receipts=[rd(), rd("verified", response=None)])
    assert lg.works() == [] and lg.versions() == [] and lg.count_receipts() == 0
    assert lg.count_events() == 0 and lg.check() == []


@pytest.mark.parametrize("bad", [
    dict(status="ok"),
    dict(status="verified", response=None, gen_time=T0),
    dict(status="verified", response=b"x", gen_time=None),
    dict(requested_at=datetime(2024, 1, 1)),  # naive
    dict(attempts=-1),
    dict(serial="12ab"),
    dict(checks=[{"ok": True}]),
])
def test_invalid_receipts_are_refused(lg: Ledger, bad: dict) -> None:
    with pytest.raises(LedgerInvalidData):
        stamp(lg, receipts=[rd(**bad)])
    assert lg.count_events() == 0


def test_invalid_versions_are_refused(lg: Ledger) -> None:
    for kw in (dict(digest="xyz"), dict(digest=""), dict(kind="folder"),
               dict(kind="manifest"), dict(manifest_text="a")):
        with pytest.raises(LedgerInvalidData):
            stamp(lg, **kw)
    with pytest.raises(LedgerInvalidData):
        lg.get_or_create_work("   ")
    assert lg.count_events() == 0


def test_version_lineage(lg: Ledger) -> None:
    a = stamp(lg)
    assert a.new_work and a.new_version
    again = stamp(lg, digest=D1.upper())  # same file, same digest: same version
    assert again.version_id == a.version_id and not again.new_version and not again.new_work
    b = stamp(lg, digest=D2)  # same file name, new digest: new version
    assert b.new_version and b.version_id != a.version_id and b.work_id == a.work_id
    back = stamp(lg, digest=D1)  # reverted to A: a new entry in the timeline
    assert back.new_version and back.version_id not in (a.version_id, b.version_id)
    other = stamp(lg, name="notes.txt", digest=D2)  # other file of the same work
    assert other.new_version
    manifest = stamp(lg, name="chapters", digest=D1, kind="manifest",
                     manifest_text="sha256  a1a1  ch1.md\n")
    assert manifest.new_version
    vs = lg.versions(a.work_id)
    assert [v.id for v in vs] == [a.version_id, b.version_id, back.version_id,
                                  other.version_id, manifest.version_id]
    assert [v.digest_hex for v in vs[:3]] == [D1, D2, D1]
    assert vs[-1].kind == "manifest" and vs[-1].manifest_text.startswith("sha256")
    assert {v.id for v in lg.versions_by_digest(D1)} == {a.version_id, back.version_id,
                                                         manifest.version_id}
    assert len(lg.receipts(version_id=a.version_id)) == 4
    assert len(lg.receipts_for_digest(D1.upper())) == 4 + 2 + 2
    assert lg.get_version(b.version_id).digest_hex == D2 and lg.get_version(999) is None
    assert lg.check() == []


def test_version_numbers_count_within_each_work(lg: Ledger) -> None:
    """Ledger ids run across works; ``number`` is the version's place in its own work
    (issue 15: a new work's only draft showed as "v6")."""
    a1 = stamp(lg, title="A", digest=D1)
    b1 = stamp(lg, title="B", digest=D1)
    a2 = stamp(lg, title="A", digest=D2)
    b2 = stamp(lg, title="B", digest=D2)
    a3 = stamp(lg, title="A", name="other.txt", digest=D2)
    stamp(lg, title="A", digest=D2)  # same digest again: no new version, no new number
    m = stamp(lg, title="B", name="dir", digest="c3" * 32, kind="manifest",
              manifest_text="c3" * 32 + "  x.txt\n")
    by_id = {v.id: v.number for v in lg.versions()}
    assert by_id == {a1.version_id: 1, b1.version_id: 1, a2.version_id: 2, b2.version_id: 2,
                     a3.version_id: 3, m.version_id: 3}
    assert [v.number for v in lg.versions(b2.work_id)] == [1, 2, 3]
    assert lg.get_version(a3.version_id).number == 3
    assert lg.get_version(b1.version_id).number == 1
    assert {v.number for v in lg.versions_by_digest(D2)} == {2, 3}
    assert [(v.number, rel) for v, rel in lg.manifest_entries_for_digest("c3" * 32)] == [(3, "x.txt")]
    assert [v.number for v in lg.versions_page(limit=2, work_id=a1.work_id)] == [3, 2]
    assert lg.check() == []


def test_check_catches_a_version_number_changed(lg: Ledger, db: Path) -> None:
    a = stamp(lg, digest=D1)
    b = stamp(lg, digest=D2)
    tamper(db, "UPDATE versions SET number = 7 WHERE id = ?", params=[(b.version_id,)])
    problems = [p for p in lg.check() if p.entity is not None]  # (the dropped guards aside)
    assert [p.entity_id for p in problems] == [b.version_id], problems
    assert "numbered 7" in problems[0].message and a.version_id != b.version_id


def test_pending_to_verified_and_recheck(lg: Ledger) -> None:
    rec = stamp(lg, receipts=[rd()])
    rid = rec.receipt_ids[0]
    assert [r.id for r in lg.pending_receipts()] == [rid]
    # another failed attempt: still pending, more attempts
    lg.update_receipt(rid, rd(error="timeout", attempts=1))
    row = lg.update_receipt(rid, rd("verified", attempts=2))
    assert row.status == "verified" and row.response and row.attempts == 2
    assert lg.pending_receipts() == [] and lg.count_receipts(status="verified") == 1
    kinds = [e.kind for e in lg.events_for("receipt", rid)]
    assert kinds == ["receipt.added", "receipt.updated", "receipt.updated"]
    # re-verification: status, checks, anchor and checked_at may change
    later = T0 + timedelta(days=400)
    recheck = replace(rd("verified", attempts=2), status="failed",
                      error="TSA certificate revoked", checked_at=later,
                      checks=[{"name": "chain", "ok": False, "detail": "revoked"}])
    row = lg.update_receipt(rid, recheck)
    assert row.status == "failed" and row.checked_at == later and row.response
    n = lg.count_events()
    lg.update_receipt(rid, replace(recheck))
    assert lg.count_events() == n  # nothing changed, nothing written
    # forbidden moves
    with pytest.raises(LedgerInvalidData, match="back to pending"):
        lg.update_receipt(rid, rd(attempts=2))
    with pytest.raises(LedgerInvalidData, match="response"):
        lg.update_receipt(rid, rd("verified", attempts=2, response=b"other token"))
    with pytest.raises(LedgerInvalidData, match="tsa_name"):
        lg.update_receipt(rid, rd("verified", attempts=2, tsa_name="DigiCert"))
    with pytest.raises(LedgerInvalidData, match="attempts"):
        lg.update_receipt(rid, rd("verified", attempts=0))
    with pytest.raises(LedgerInvalidData, match="no receipt"):
        lg.update_receipt(4242, rd())
    assert lg.count_events() == n and lg.check() == []


def test_certificates_are_deduplicated_and_parsed(lg: Ledger) -> None:
    der = _self_signed_der()
    stamp(lg, certificates=[der, der])
    lg.add_certificates([der, b"not a certificate"])
    assert lg.certificates() == [der, b"not a certificate"]
    rows = lg.certificate_rows()
    assert "ProofKit Test" in rows[0].subject and rows[0].not_after.tzinfo is timezone.utc
    assert rows[1].subject is None
    assert [e.kind for e in lg.events_for("certificate", rows[0].id)] == ["certificate.added"]
    assert lg.check() == []


def _self_signed_der() -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "ProofKit Test TSA")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(7)
            .not_valid_before(T0).not_valid_after(T0 + timedelta(days=365))
            .sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.DER)


def test_guards_stop_accidental_deletes(lg: Ledger, db: Path) -> None:
    stamp(lg)
    con = sqlite3.connect(db)
    for stmt in ("DELETE FROM receipts", "DELETE FROM events",
                 "UPDATE events SET kind = 'x'", "DELETE FROM works"):
        with pytest.raises(sqlite3.IntegrityError, match="ProofKit"):
            con.execute(stmt)
    con.close()
    assert lg.check() == []


# --------------------------------------------------------------------------- the chain


def test_chain_links_from_genesis(lg: Ledger) -> None:
    populated(lg)
    w = lg.find_work("My Novel")
    events = lg.events_for("work", w.id)
    assert events[0].seq == 1 and events[0].prev_hash == "0" * 64
    assert events[0].kind == "work.created" and '"title":"My Novel"' in events[0].payload
    r = lg.receipts()[0]
    payload = lg.events_for("receipt", r.id)[-1].payload
    import hashlib
    import json

    state = json.loads(payload)
    assert state["response_sha256"] == hashlib.sha256(r.response).hexdigest()
    assert state["nonce"] == str(2**64 - 1) and "response" not in state
    v = json.loads(lg.events_for("version", r.version_id)[-1].payload)
    assert v["digest_hex"] == D1
    assert payload == json.dumps(state, sort_keys=True, separators=(",", ":"))
    assert lg.head().seq == lg.count_events()


def test_check_catches_an_edited_event_payload(lg: Ledger, db: Path) -> None:
    populated(lg)
    tamper(db, "UPDATE events SET payload = replace(payload, 'My Novel', 'Their Novel') "
               "WHERE seq = 1")
    restore_guards(db)
    problems = lg.check()
    assert any(p.seq == 1 and "edited" in p.message for p in problems), messages(problems)


def test_check_catches_an_event_rewritten_with_a_fresh_hash(lg: Ledger, db: Path) -> None:
    """Recomputing the edited event's own hash is not enough: the next event links to the
    old hash."""
    from proofkit.ledger import chain

    populated(lg)
    con = sqlite3.connect(db)
    seq, at, kind, ent, eid, payload, prev = con.execute(
        "SELECT seq, at, kind, entity, entity_id, payload, prev_hash FROM events WHERE seq = 2"
    ).fetchone()
    dictionaries = {i: d for i, d in con.execute("SELECT id, data FROM dictionaries")}
    con.close()
    # stored packed (a BLOB) or as text: the edit is made on the text the hash covers
    payload = packing.unpack_text(payload, dictionaries)
    payload = payload.replace("novel.docx", "stolen.docx")
    new_hash = chain.event_hash(seq=seq, at=datetime.fromisoformat(at), kind=kind, entity=ent,
                                entity_id=eid, prev_hash=prev, payload=payload)
    tamper(db, "UPDATE events SET payload = ?, hash = ? WHERE seq = 2",
           params=[(payload, new_hash)])
    restore_guards(db)
    problems = lg.check()
    assert any(p.seq == 3 and "does not link" in p.message for p in problems), messages(problems)
    assert not any(p.seq == 2 for p in problems)


def test_check_catches_a_deleted_event(lg: Ledger, db: Path) -> None:
    populated(lg)
    tamper(db, "DELETE FROM events WHERE seq = 3")
    restore_guards(db)
    problems = lg.check()
    assert any(p.seq == 4 and "event 3 is missing" in p.message for p in problems), \
        messages(problems)


def test_check_catches_deleted_last_events(lg: Ledger, db: Path) -> None:
    populated(lg)
    n = lg.count_events()
    tamper(db, f"DELETE FROM events WHERE seq >= {n - 1}")
    restore_guards(db)
    problems = lg.check()
    assert any("last 2 event(s)" in p.message for p in problems), messages(problems)
    # and the next write does not paper over the hole
    stamp(lg, title="New")
    assert any("missing" in p.message for p in lg.check())


def test_check_catches_two_events_swapped(lg: Ledger, db: Path) -> None:
    populated(lg)
    cols = "at, kind, entity, entity_id, payload, prev_hash, hash"
    tamper(
        db,
        f"CREATE TEMP TABLE t AS SELECT seq, {cols} FROM events WHERE seq IN (3, 4)",
        "UPDATE events SET (" + cols + ") = (SELECT " + cols + " FROM t WHERE t.seq = 7 - "
        "events.seq) WHERE seq IN (3, 4)",
    )
    restore_guards(db)
    problems = lg.check()
    seqs = {p.seq for p in problems}
    assert {3, 4} <= seqs, messages(problems)


def test_check_catches_receipt_bytes_changed(lg: Ledger, db: Path) -> None:
    populated(lg)
    tamper(db, "UPDATE receipts SET response = X'3082deadbeef' WHERE id = 1")
    problems = lg.check()
    # tamper() dropped the guard triggers: reported as well while they stay dropped
    assert len([p for p in problems if "guard" in p.message]) == len(GUARD_TRIGGERS)
    restore_guards(db)
    problems = lg.check()
    assert [(p.entity, p.entity_id) for p in problems] == [("receipt", 1)], messages(problems)
    assert "response_sha256 changed" in problems[0].message


def test_check_reports_removed_guards(lg: Ledger, db: Path) -> None:
    populated(lg)
    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER guard_receipts_no_delete")
    con.commit()
    con.close()
    problems = lg.check()
    assert len(problems) == 1 and "guard_receipts_no_delete" in problems[0].message


def test_check_catches_version_digest_changed(lg: Ledger, db: Path) -> None:
    populated(lg)
    tamper(db, f"UPDATE versions SET digest_hex = '{'c3' * 32}' WHERE id = 1")
    restore_guards(db)
    problems = lg.check()
    assert [(p.entity, p.entity_id) for p in problems] == [("version", 1)], messages(problems)
    assert "digest_hex changed" in problems[0].message


def test_check_catches_a_deleted_receipt_row(lg: Ledger, db: Path) -> None:
    populated(lg)
    tamper(db, "DELETE FROM receipts WHERE id = 2")
    restore_guards(db)
    problems = lg.check()
    assert [(p.entity, p.entity_id) for p in problems] == [("receipt", 2)], messages(problems)
    assert "deleted" in problems[0].message


def test_check_catches_a_row_inserted_without_event(lg: Ledger, db: Path) -> None:
    populated(lg)
    tamper(db, "INSERT INTO receipts (version_id, tsa_name, url, status, hash_alg, "
               "requested_at, response, gen_time) VALUES (1, 'Fake', 'http://x', 'verified', "
               "'sha256', '2020-01-01 00:00:00.000000', X'00', '2020-01-01 00:00:00.000000')")
    restore_guards(db)
    problems = lg.check()
    assert len(problems) == 1 and problems[0].entity == "receipt", messages(problems)
    assert "no ledger event" in problems[0].message
    # the rogue row is there for readers, but check() says it is not ProofKit's
    assert lg.count_receipts() == 7


# --------------------------------------------------------------------------- versions


def test_newer_schema_is_refused_and_untouched(db: Path) -> None:
    with Ledger.open(db) as lg:
        populated(lg)
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    before = db.read_bytes()
    listing = sorted(p.name for p in db.parent.iterdir())
    with pytest.raises(LedgerTooNew) as err:
        Ledger.open(db)
    assert err.value.message == (
        f"This ledger was written by a newer version of ProofKit (schema {SCHEMA_VERSION + 1}); "
        "this version "
        f"understands up to {SCHEMA_VERSION}. Update ProofKit; the ledger was not changed.")
    assert db.read_bytes() == before
    assert sorted(p.name for p in db.parent.iterdir()) == listing  # no backups/, no -wal


def test_foreign_files_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not sqlite" * 20)
    with pytest.raises(LedgerError, match="not a ProofKit ledger"):
        Ledger.open(junk)
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE photos (id INTEGER)")
    con.commit()
    con.close()
    before = other.read_bytes()
    with pytest.raises(LedgerError, match="not a ProofKit ledger"):
        Ledger.open(other)
    assert other.read_bytes() == before
    with pytest.raises(LedgerError, match="folder"):
        Ledger.open(tmp_path)


def _next_add_notes(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("ALTER TABLE works ADD COLUMN note_id INTEGER")


def test_migration_copies_aside_first(db: Path, tmp_path: Path) -> None:
    with Ledger.open(db) as lg:
        populated(lg)
        receipts_before = lg.receipts()
    backups = tmp_path / "bk"
    seen_at_migration: list[list[str]] = []

    def nxt(conn: sqlite3.Connection) -> None:
        seen_at_migration.append(sorted(p.name for p in backups.iterdir()))
        _next_add_notes(conn)

    with Ledger.open(db, backups_dir=backups, migrations=[*MIGRATIONS, nxt]) as lg:
        assert lg.receipts() == receipts_before and lg.check() == []
        stamp(lg, title="After upgrade")
        assert lg.check() == []
    (copy,) = backups.iterdir()
    assert re.fullmatch(rf"ledger-\d{{8}}T\d{{6}}Z-v{SCHEMA_VERSION}\.sqlite3", copy.name)
    assert seen_at_migration == [[copy.name]]  # the copy existed before the migration ran
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("SELECT count(*) FROM receipts").fetchone()[0] == 6
    con.close()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert con.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    con.close()
    # the old copy opens as a ledger and is intact
    with Ledger.open(copy, backups_dir=tmp_path / "bk2") as old:
        assert old.check() == [] and old.receipts() == receipts_before
    # this code (knows SCHEMA_VERSION only) now refuses the upgraded file
    with pytest.raises(LedgerTooNew, match=f"schema {SCHEMA_VERSION + 1}"):
        Ledger.open(db)
    # a new, empty ledger needs no copy
    with Ledger.open(tmp_path / "fresh.sqlite3", backups_dir=tmp_path / "bk3",
                     migrations=[*MIGRATIONS, _next_add_notes]):
        pass
    assert not (tmp_path / "bk3").exists()


def test_failing_migration_leaves_the_old_version(db: Path, tmp_path: Path) -> None:
    with Ledger.open(db) as lg:
        populated(lg)
        receipts_before = lg.receipts()

    def broken(conn: sqlite3.Connection) -> None:
        _next_add_notes(conn)  # changes made, then...
        conn.execute("INSERT INTO no_such_table VALUES (1)")

    with pytest.raises(LedgerError, match=f"left unchanged at schema {SCHEMA_VERSION}") as err:
        Ledger.open(db, backups_dir=tmp_path / "bk", migrations=[*MIGRATIONS, broken])
    assert "bk" in err.value.message  # tells where the copy is
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    cols = {r[1] for r in con.execute("PRAGMA table_info('works')")}
    con.close()
    assert "notes" not in tables and "note_id" not in cols
    with Ledger.open(db) as lg:
        assert lg.receipts() == receipts_before and lg.check() == []


# --------------------------------------------------------------------------- backup


def test_backup_and_restore(lg: Ledger, tmp_path: Path) -> None:
    populated(lg)
    assert lg.last_backup_at() is None
    out = lg.backup(tmp_path / "out" / "copy.sqlite3")
    at = lg.last_backup_at()
    assert at is not None and at.tzinfo is timezone.utc
    assert abs(datetime.now(timezone.utc) - at) < timedelta(minutes=1)
    assert lg.check() == []
    # restore: put the copy where a ledger lives and open it
    restored = tmp_path / "restored" / "ledger.sqlite3"
    restored.parent.mkdir()
    restored.write_bytes(out.read_bytes())
    with Ledger.open(restored) as back:
        assert back.check() == []
        assert back.receipts() == lg.receipts()
        assert back.head() == lg.head()
        stamp(back, title="Written after restore")
        assert back.check() == []
    with pytest.raises(LedgerError):
        lg.backup(lg.path)


# --------------------------------------------------------------------------- threads


def test_concurrent_writers_keep_one_chain(db: Path) -> None:
    """Two Ledger objects on one file (like two processes) plus threads in each."""
    a = Ledger.open(db)
    b = Ledger.open(db)
    errors: list[BaseException] = []

    def work(lg: Ledger, n: int, tag: str) -> None:
        try:
            for i in range(n):
                rec = stamp(lg, title=f"Work {i % 3}", name=f"{tag}.txt",
                            digest=f"{i:064x}", receipts=[rd()])
                lg.update_receipt(rec.receipt_ids[0], rd("verified"))
                lg.receipts(limit=5)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(lg, 15, f"t{k}"))
               for k, lg in enumerate([a, a, b, b])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert a.count_receipts(status="verified") == 60
    assert a.check() == [] and b.check() == []
    a.close()
    b.close()


def test_listing_pages(lg: Ledger) -> None:
    for i in range(5):
        stamp(lg, digest=f"{i:064x}", receipts=[rd(), rd("verified")])
    all_ = lg.receipts()
    assert [r.id for r in all_] == list(range(1, 11))
    assert [r.id for r in lg.receipts(limit=3, offset=4)] == [5, 6, 7]
    assert [r.id for r in lg.receipts(limit=2, newest_first=True)] == [10, 9]
    assert [r.id for r in lg.receipts(status="verified", limit=2)] == [2, 4]
    assert lg.count_receipts() == 10 and lg.count_receipts(status="pending") == 5


def test_check_reports_mangled_values_instead_of_crashing(lg: Ledger, db: Path) -> None:
    populated(lg)
    lg.add_certificates([b"\x80\x81"])
    tamper(db,
           "UPDATE certificates SET der = der || x'ff'",  # blob || blob gives (bad) text
           "UPDATE receipts SET gen_time = 'yesterday' WHERE id = 1",
           "UPDATE versions SET path = CAST(x'c3' AS TEXT) WHERE id = 2",
           "UPDATE events SET at = 'noon' WHERE seq = 1")
    restore_guards(db)
    problems = lg.check()
    where = {(p.seq, p.entity, p.entity_id) for p in problems}
    assert where == {(None, "certificate", 1), (None, "receipt", 1), (None, "version", 2),
                     (1, None, None)}, messages(problems)


def test_manifest_entries_for_digest(lg: Ledger) -> None:
    from proofkit.core import manifest as mf

    text = mf.render("Poems", "salt", [mf.ManifestEntry(D1, "one.md"),
                                       mf.ManifestEntry(D1, "copy of one.md"),
                                       mf.ManifestEntry(D2, "two\nlines.md")])
    rec = stamp(lg, title="Poems", name="poems", digest="cc" * 32, kind="manifest",
                manifest_text=text)
    stamp(lg, title="Broken", name="x", digest="dd" * 32, kind="manifest",
          manifest_text=f"{D1} but not a manifest line\n")
    stamp(lg, title="Poems", name="one.md", digest=D1)  # a plain file version: not a manifest
    hits = lg.manifest_entries_for_digest(D1.upper())
    assert [(v.id, rel) for v, rel in hits] == [(rec.version_id, "copy of one.md"),
                                                (rec.version_id, "one.md")]
    assert [rel for _, rel in lg.manifest_entries_for_digest(D2)] == ["two\nlines.md"]
    assert lg.manifest_entries_for_digest("ee" * 32) == []


def test_receipts_by_version_groups_in_a_few_queries(tmp_path):
    from datetime import datetime, timezone

    from proofkit.ledger import Ledger, ReceiptData

    now = datetime.now(timezone.utc)
    ledger = Ledger.open(tmp_path / "l.sqlite3")
    ids = []
    for i in range(1200):  # more than one IN (...) chunk
        n = i % 3  # 0, 1 or 2 receipts per version
        rec = ledger.record_stamp(
            work_title="w", file_name=f"f{i}", path=f"/f{i}", size=1, hash_alg="sha256",
            digest_hex=f"{i:064x}",
            receipts=[ReceiptData(tsa_name=f"t{k}", url="http://t", requested_at=now, hash_alg="sha256")
                      for k in range(n)])
        ids.append((rec.version_id, list(rec.receipt_ids)))
    grouped = ledger.receipts_by_version(v for v, _ in ids)
    assert len(grouped) == 1200
    for vid, rids in ids:
        assert [r.id for r in grouped[vid]] == rids
        assert grouped[vid] == ledger.receipts(version_id=vid)
    assert ledger.receipts_by_version([]) == {}
    ledger.close()
