"""Size/speed guard: a ledger with 10,000 receipts (about 10,100 events) checks in a couple of
seconds and lists pages quickly. The ledger is built through the public API (100 stamps of
100 receipts), which takes a while, so the module shares one ledger."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from proofkit.ledger import Ledger, ReceiptData

T0 = datetime(2024, 5, 1, tzinfo=timezone.utc)
N_STAMPS, PER_STAMP = 100, 100


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Ledger:
    path: Path = tmp_path_factory.mktemp("perf") / "ledger.sqlite3"
    lg = Ledger.open(path)
    for i in range(N_STAMPS):
        lg.record_stamp(
            work_title=f"Work {i % 10}", file_name="book.txt", path="/p/book.txt", size=10,
            hash_alg="sha256", digest_hex=f"{i:064x}",
            receipts=[ReceiptData(
                tsa_name="TSA", url="https://tsa.example", requested_at=T0, hash_alg="sha256",
                status="verified" if j % 10 else "pending",
                response=bytes(3000) + i.to_bytes(4, "big") + j.to_bytes(4, "big") if j % 10
                else None,
                gen_time=T0 + timedelta(seconds=i) if j % 10 else None,
                nonce=2**64 - 1 - j, serial=str(i * 1000 + j),
                checks=[{"name": "imprint", "ok": True, "detail": "matches"}], attempts=1,
            ) for j in range(PER_STAMP)],
        )
    yield lg
    lg.close()


def test_check_10k_receipts_within_a_couple_of_seconds(big: Ledger) -> None:
    assert big.count_receipts() == N_STAMPS * PER_STAMP
    start = time.perf_counter()
    problems = big.check()
    elapsed = time.perf_counter() - start
    assert problems == []
    assert elapsed < 4.0, f"check() took {elapsed:.2f}s"  # ~0.6 s measured; slack for CI


def test_paging_and_counting_are_fast(big: Ledger) -> None:
    start = time.perf_counter()
    assert big.count_receipts() == 10_000
    assert big.count_receipts(status="pending") == 1_000
    page = big.receipts(limit=50, offset=9_000, newest_first=True)
    assert [r.id for r in page] == list(range(1_000, 950, -1))
    assert len(big.receipts(status="pending", limit=20, offset=500)) == 20
    assert len(big.receipts_for_digest(f"{42:064x}")) == PER_STAMP
    assert time.perf_counter() - start < 1.0
