"""Schema v4: tokens, check texts and event payloads stored packed (DEFLATE against a
per-family dictionary, packing.py). Tokens come back byte-identical, the hash chain still
covers exactly the received bytes, tampering with a packed value or a dictionary is reported,
and an older ledger is repacked in place with its copy aside."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from proofkit.ledger import Ledger, ReceiptData, chain, packing
from proofkit.ledger.integrity import event_hash_fast

T0 = datetime(2024, 5, 1, 12, 0, 0, 123456, tzinfo=timezone.utc)
V3_FIXTURE = Path(__file__).parent / "fixtures" / "ledger" / "ledger-v3.sqlite3"
RNG = random.Random(18)
CERTS = {url: RNG.randbytes(2200) for url in ("https://a.example/tsr", "https://b.example/tsr")}
CHECKS = [{"name": "signature", "ok": True, "detail": "The TSA's signature is valid (sha256)."},
          {"name": "chain", "ok": True,
           "detail": "The TSA's certificate chains to the trusted root \u201cRoot\u201d."}]


def token(url: str, n: int) -> bytes:
    """A token-like answer: the TSA's certificates (the same in every answer) around
    per-answer bytes (signature, serial, time: incompressible)."""
    return b"\x30\x82" + CERTS[url][:1200] + random.Random(n).randbytes(300) + CERTS[url][1200:]


def fill(lg: Ledger, n: int = 20) -> dict[int, bytes]:
    """n stamps of two receipts each, recorded pending then verified, as a stamp does."""
    sent: dict[int, bytes] = {}
    for i in range(n):
        rec = lg.record_stamp(
            work_title=f"Work {i % 3}", file_name="book.txt", path="/p/book.txt", size=10,
            hash_alg="sha256", digest_hex=f"{i:064x}",
            receipts=[ReceiptData(tsa_name=url[8:9], url=url, requested_at=T0, hash_alg="sha256",
                                  nonce=2**64 - 1 - i) for url in CERTS])
        for rid, url in zip(rec.receipt_ids, CERTS):
            tok = token(url, rid)
            lg.update_receipt(rid, ReceiptData(
                tsa_name=url[8:9], url=url, requested_at=T0, hash_alg="sha256",
                nonce=2**64 - 1 - i, status="verified", response=tok,
                gen_time=T0 + timedelta(seconds=i), serial=str(rid), checks=CHECKS,
                checked_at=T0, attempts=1))
            sent[rid] = tok
    return sent


def stored(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite3"


def test_tokens_come_back_byte_identical_and_are_stored_small(db: Path) -> None:
    with Ledger.open(db) as lg:
        sent = fill(lg)
        for rid, tok in sent.items():
            r = lg.get_receipt(rid)
            assert r.response == tok and r.checks == CHECKS
            # the chain commits to the received bytes, not to their stored form
            last = json.loads(lg.events_for("receipt", rid)[-1].payload)
            assert last["response_sha256"] == hashlib.sha256(tok).hexdigest()
            assert last["checks_json"] == chain.canonical_json(CHECKS)
        assert lg.check() == []
    rows = stored(db, "SELECT response_packed, length(response), typeof(checks_json), "
                      "length(checks_json) FROM receipts")
    raw_checks = len(chain.canonical_json(CHECKS))
    assert all(p == 1 and n < 0.4 * 3802 for p, n, _t, _c in rows[4:]), rows
    assert all(t == "blob" and c < 0.3 * raw_checks for _p, _n, t, c in rows[4:]), rows
    payloads = stored(db, "SELECT typeof(payload), length(payload) FROM events "
                          "WHERE kind = 'receipt.updated'")
    assert all(t == "blob" and n < 400 for t, n in payloads[4:]), payloads
    # a few dictionaries per family, not one per value
    families = stored(db, "SELECT family, count(*) FROM dictionaries GROUP BY family")
    assert families and all(n <= packing.MAX_DICTIONARIES_PER_FAMILY for _f, n in families)


def test_a_changed_packed_token_is_reported(db: Path) -> None:
    with Ledger.open(db) as lg:
        fill(lg, 3)
    con = sqlite3.connect(db)
    (blob,) = con.execute("SELECT response FROM receipts WHERE id = 2").fetchone()
    flipped = blob[:-20] + bytes([blob[-20] ^ 1]) + blob[-19:]
    con.execute("UPDATE receipts SET response = ? WHERE id = 2", (flipped,))
    con.commit()
    con.close()
    with Ledger.open(db) as lg:
        problems = lg.check()
    assert [(p.entity, p.entity_id) for p in problems] == [("receipt", 2)], problems


def test_a_changed_dictionary_is_reported(db: Path) -> None:
    with Ledger.open(db) as lg:
        fill(lg, 3)
    con = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError, match="never change"):
        con.execute("UPDATE dictionaries SET data = data || x'00'")
    con.execute("DROP TRIGGER guard_dictionaries_no_update")
    con.execute("UPDATE dictionaries SET data = x'00' || data WHERE family LIKE 'token %'")
    con.commit()
    con.close()
    with Ledger.open(db) as lg:
        problems = [str(p) for p in lg.check()]
    assert any("guard_dictionaries_no_update was removed" in p for p in problems)
    assert any("Storage dictionary" in p for p in problems)
    assert any(p.startswith("receipt ") for p in problems)


def test_a_v3_ledger_is_repacked_in_place_with_a_copy_aside(tmp_path: Path, db: Path) -> None:
    """tests/fixtures/ledger/ledger-v3.sqlite3 was written by the schema-v3 code
    (make_v3_fixture.py: ``fill(lg, 10)`` of this module, tokens stored as received)."""
    import shutil

    shutil.copy(V3_FIXTURE, db)
    backups = tmp_path / "backups"
    expected = {rid: token(url, rid) for rid, url in
                ((2 * i + 1 + k, u) for i in range(10) for k, u in enumerate(CERTS))}
    raw_before = stored(db, "SELECT id, response, checks_json FROM receipts ORDER BY id")
    events_before = stored(db, "SELECT seq, payload, hash FROM events ORDER BY seq")
    assert {rid: resp for rid, resp, _c in raw_before} == expected
    size_v3 = db.stat().st_size
    assert stored(db, "PRAGMA user_version") == [(3,)]
    with Ledger.open(db, backups_dir=backups) as lg:
        assert lg.check() == []
        receipts = lg.receipts()
        assert {r.id: r.response for r in receipts} == expected  # byte-identical
        assert [(r.id, r.response, chain.canonical_json(r.checks)) for r in receipts] == raw_before
        events = [e for r in receipts for e in lg.events_for("receipt", r.id)]
        by_seq = {seq: (payload, h) for seq, payload, h in events_before}
        assert all(by_seq[e.seq] == (e.payload, e.hash) for e in events)
        assert lg.head().seq == len(events_before)  # no event added: the same chain
        lg.record_stamp(work_title="After", file_name="x.txt", path="/x", size=1,
                        hash_alg="sha256", digest_hex="ab" * 32,
                        receipts=[ReceiptData(tsa_name="a", url="https://a.example/tsr",
                                              requested_at=T0, hash_alg="sha256")])
        assert lg.check() == []
    (copy,) = backups.glob("ledger-*-v3.sqlite3")
    assert stored(copy, "PRAGMA user_version") == [(3,)]
    assert stored(copy, "SELECT id, response, checks_json FROM receipts ORDER BY id") == raw_before
    assert stored(db, "SELECT count(*) FROM receipts WHERE response_packed = 1") == [(20,)]
    assert db.stat().st_size < size_v3  # vacuumed in place: the freed pages are given back
    big = ("SELECT (SELECT sum(length(response) + length(checks_json)) FROM receipts) + "
           "(SELECT sum(length(payload)) FROM events)")
    assert stored(db, big)[0][0] < 0.3 * stored(copy, big)[0][0]


@pytest.mark.parametrize("payload", ['{"a":"b"}', '{"t":"\\u201c\\"x\\"\\\\"}', "", "caf\u00e9 \U0001f600"])
def test_the_fast_event_hash_is_the_event_hash(payload: str) -> None:
    at = datetime(2024, 2, 29, 23, 59, 59, 7, tzinfo=timezone.utc)
    stored_at = at.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    for kind, entity in (("receipt.added", "receipt"), ("k\u00e9\"", "e\\n")):
        assert event_hash_fast(12, stored_at, kind, entity, 7, "0" * 64, payload) == \
            chain.event_hash(seq=12, at=at, kind=kind, entity=entity, entity_id=7,
                             prev_hash="0" * 64, payload=payload)
    assert event_hash_fast(12, "2024-02-29T23:59:59", "k", "e", 7, "0", payload) is None


def test_the_fast_row_payloads_are_the_payloads(db: Path) -> None:
    """ledger check computes receipt and version payloads straight from the stored values;
    they must be exactly chain.payload_of's (else every row takes the slow path)."""
    from proofkit.ledger import integrity, stored_payloads
    from proofkit.ledger.models import Receipt, Version

    with Ledger.open(db) as lg:
        fill(lg, 3)
        lg.record_stamp(work_title="风起 \"quoted\"", file_name="章\\节.txt", path="/p/章", size=0,
                        hash_alg="sha256", digest_hex="cd" * 32, kind="manifest",
                        manifest_text=f"{'ab' * 32}  a.txt\n",
                        receipts=[ReceiptData(tsa_name="T\u00e9", url="https://t.example",
                                              requested_at=T0, hash_alg="sha256",
                                              error="no \u201canswer\u201d")])
    con = sqlite3.connect(db)
    try:
        dicts = dict(con.execute("SELECT id, data FROM dictionaries"))
        for model, entity in ((Receipt, "receipt"), (Version, "version")):
            names = [c.name for c in model.__table__.columns]
            rows = [dict(zip(names, values)) for values in con.execute(
                f"SELECT {', '.join(names)} FROM {model.__tablename__} ORDER BY id")]
            assert rows
            fast = stored_payloads.fast_payload(entity, names, dicts)
            assert fast is not None  # the table's columns are what the fast payload reads
            for _ in range(2):  # the second time from what the fast payload keeps (check texts)
                for stored in rows:
                    slow = chain.payload_of(entity, integrity._as_recorded(model, stored, dicts))
                    assert fast(tuple(stored[n] for n in names)) == slow
    finally:
        con.close()
