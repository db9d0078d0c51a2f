"""Property tests: any sequence of ledger operations leaves check() clean and the ledger in
agreement with a simple model; any single edit of a row behind ProofKit's back is caught."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from proofkit.ledger import Ledger, LedgerInvalidData, ReceiptData
from proofkit.ledger.migrations import GUARD_TRIGGERS

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
TITLES = ["Novel", "LoRA v1", "Ünïcode ✓ title", "Poems"]
FILES = ["a.txt", "b.safetensors", "chapter 1.md"]
DIGESTS = ["00" * 32, "ab" * 32, "ff" * 32]
STATUSES = ["pending", "verified", "failed"]


def receipt(status: str, n: int, **kw) -> ReceiptData:
    data = dict(tsa_name="TSA", url="https://tsa.example/", requested_at=T0, hash_alg="sha256",
                status=status, nonce=(2**64 - 1 - n) if status != "pending" else None,
                attempts=1 if status != "pending" else 0)
    if status != "pending":
        data.update(response=b"\x30" + n.to_bytes(4, "big"),
                    gen_time=T0 + timedelta(seconds=n, microseconds=n),
                    serial=str(10**30 + n),
                    checks=[{"name": "imprint", "ok": status == "verified"}],
                    checked_at=T0 + timedelta(minutes=n))
    data.update(kw)
    return ReceiptData(**data)


op = st.one_of(
    st.tuples(st.just("work"), st.sampled_from(TITLES), st.one_of(st.none(), st.text(max_size=5))),
    st.tuples(st.just("stamp"), st.sampled_from(TITLES), st.sampled_from(FILES),
              st.sampled_from(DIGESTS), st.lists(st.sampled_from(STATUSES), max_size=3)),
    st.tuples(st.just("update"), st.integers(0, 50), st.sampled_from(STATUSES)),
    st.tuples(st.just("certs"), st.lists(st.binary(min_size=1, max_size=8), max_size=3)),
    st.tuples(st.just("bad_stamp"), st.sampled_from(TITLES)),
)


def run_ops(lg: Ledger, ops: list) -> dict[int, str]:
    """Apply ops; return the model of receipt id -> status."""
    model: dict[int, str] = {}
    counter = 0
    for o in ops:
        counter += 1
        if o[0] == "work":
            lg.get_or_create_work(o[1], pen_name=o[2])
        elif o[0] == "stamp":
            _, title, name, digest, statuses = o
            rec = lg.record_stamp(work_title=title, file_name=name, path="/p/" + name, size=1,
                                  hash_alg="sha256", digest_hex=digest,
                                  receipts=[receipt(s, counter * 10 + i)
                                            for i, s in enumerate(statuses)])
            model.update(zip(rec.receipt_ids, statuses))
        elif o[0] == "update" and model:
            rid = sorted(model)[o[1] % len(model)]
            old = lg.get_receipt(rid)
            new = o[2]
            if old.status == "pending":
                data = receipt(new, counter)
            else:  # re-check: same token, new verdict
                data = ReceiptData(
                    tsa_name=old.tsa_name, url=old.url, requested_at=old.requested_at,
                    hash_alg=old.hash_alg, status=new, nonce=old.nonce, response=old.response,
                    gen_time=old.gen_time, serial=old.serial, policy=old.policy,
                    anchor=old.anchor, checks=[{"name": "recheck", "ok": new == "verified"}],
                    checked_at=T0 + timedelta(days=counter), attempts=old.attempts)
            try:
                lg.update_receipt(rid, data)
            except LedgerInvalidData:
                # the only refusals expected here: going back to pending, or a failed receipt
                # without a token being "verified" later
                assert old.status != "pending" and (new == "pending" or old.response is None)
            else:
                assert not (old.status != "pending" and new == "pending")
                model[rid] = new
        elif o[0] == "certs":
            lg.add_certificates(o[1])
        elif o[0] == "bad_stamp":
            before = lg.count_events()
            try:
                lg.record_stamp(work_title=o[1], file_name="x", path="x", size=1,
                                hash_alg="sha256", digest_hex="cd" * 32,
                                receipts=[receipt("verified", 1), receipt("bogus", 2)])
            except LedgerInvalidData:
                pass
            else:
                raise AssertionError("a bogus status was stored")
            assert lg.count_events() == before
    return model


SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(op, max_size=25))
def test_random_operations_keep_the_ledger_intact(ops: list) -> None:
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "ledger.sqlite3"
        with Ledger.open(path) as lg:
            model = run_ops(lg, ops)
            assert lg.check() == []
            rows = lg.receipts()
            assert {r.id: r.status for r in rows} == model
            assert lg.count_receipts() == len(model)
            for r in rows:
                assert r.status != "verified" or (r.response and r.gen_time)
        with Ledger.open(path) as lg:  # and after reopening
            assert lg.check() == []


TAMPERS = [
    ("works", "title = title || 'x'"),
    ("works", "pen_name = COALESCE(pen_name, '') || 'x'"),
    ("versions", "size = size + 1"),
    ("versions", "path = path || '/'"),
    ("versions", "digest_hex = CASE WHEN digest_hex LIKE 'ee%' THEN 'dd' ELSE 'ee' END"
                 " || substr(digest_hex, 3)"),
    ("receipts", "status = CASE status WHEN 'verified' THEN 'failed' "
                 "WHEN 'failed' THEN 'pending' ELSE 'failed' END"),
    ("receipts", "response = COALESCE(response, x'') || x'00'"),
    ("receipts", "gen_time = '2001-01-01 00:00:00.000000'"),
    ("receipts", "nonce = COALESCE(nonce, '') || '1'"),
    ("receipts", "checks_json = '[]' || ' '"),
    ("receipts", "version_id = version_id"),  # a no-op: must NOT be reported
    ("certificates", "der = der || x'00'"),
]


@SETTINGS
@given(st.lists(op, min_size=1, max_size=15), st.sampled_from(TAMPERS), st.integers(0, 100))
def test_any_single_edit_behind_our_back_is_caught(ops: list, tamper, pick: int) -> None:
    table, assignment = tamper
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "ledger.sqlite3"
        with Ledger.open(path) as lg:
            run_ops(lg, ops)
            con = sqlite3.connect(path)
            ids = [r[0] for r in con.execute(f"SELECT id FROM {table} ORDER BY id")]
            if not ids:
                con.close()
                return
            target = ids[pick % len(ids)]
            for t in GUARD_TRIGGERS:  # not needed for UPDATE of entity rows; be thorough
                assert con.execute("SELECT 1 FROM sqlite_master WHERE name=?", (t,)).fetchone()
            con.execute(f"UPDATE {table} SET {assignment} WHERE id = ?", (target,))
            con.commit()
            con.close()
            problems = lg.check()
            entity = {"works": "work", "versions": "version", "receipts": "receipt",
                      "certificates": "certificate"}[table]
            if assignment == "version_id = version_id":
                assert problems == []
            else:
                assert [(p.entity, p.entity_id) for p in problems] == [(entity, target)], \
                    [str(p) for p in problems]
