"""Issue 18: a large ledger stays quick. The lookups behind "is this file mine?" go through
indexes on the not-found path as on the found path (checked with EXPLAIN QUERY PLAN on the
statements the ledger really runs), and the log pages newest first."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from proofkit.ledger import Ledger, ReceiptData

T0 = datetime(2024, 5, 1, tzinfo=timezone.utc)
FOLDER = "".join(f"{i:064x}  chapter {i}.md\n" for i in range(1, 4))


def _receipt() -> ReceiptData:
    return ReceiptData(tsa_name="TSA", url="https://tsa.example", requested_at=T0, hash_alg="sha256")


@pytest.fixture
def lg(tmp_path: Path) -> Ledger:
    ledger = Ledger.open(tmp_path / "ledger.sqlite3")
    for i in range(12):
        ledger.record_stamp(work_title=f"Work {i % 3}", file_name=f"book{i % 4}.txt", path="/p",
                            size=1, hash_alg="sha256", digest_hex=f"{1000 + i:064x}",
                            receipts=[_receipt(), _receipt()])
    ledger.record_stamp(work_title="Folder", file_name="folder", path="/f", size=3,
                        hash_alg="sha256", digest_hex="ab" * 32, kind="manifest",
                        manifest_text=FOLDER, receipts=[_receipt()])
    yield ledger
    ledger.close()


def _plans(lg: Ledger, lookups) -> list[tuple[str, list[str]]]:
    with lg.recording_queries() as seen:
        lookups()
    assert seen, "no query was recorded"
    return [(sql, lg.query_plan(sql, params)) for sql, params in seen]


def _assert_no_table_scan(plans) -> None:
    for sql, plan in plans:
        scans = [step for step in plan if step.startswith("SCAN")]
        assert not scans, f"{sql}\n  scans: {scans}"
        assert any("USING INDEX" in step or "PRIMARY KEY" in step for step in plan), (sql, plan)


@pytest.mark.parametrize("found", [True, False])
def test_is_this_file_mine_uses_indexes_whether_found_or_not(lg: Ledger, found: bool) -> None:
    digest = f"{1003:064x}" if found else "ee" * 32
    listed = f"{2:064x}" if found else "dd" * 32

    def lookups() -> None:
        assert bool(lg.receipts_for_digest(digest)) is found
        assert bool(lg.manifest_entries_for_digest(listed)) is found
        assert bool(lg.versions_by_digest(digest)) is found
        assert bool(lg.versions_by_file_name("book1.txt" if found else "never.txt")) is found

    plans = _plans(lg, lookups)
    _assert_no_table_scan(plans)
    used = " ".join(step for _sql, plan in plans for step in plan)
    for index in ("ix_versions_digest_hex", "ix_manifest_entries_digest_hex",
                  "ix_versions_file_name", "ix_receipts_version_id"):
        assert index in used


def test_a_log_page_reads_through_the_created_at_indexes(lg: Ledger) -> None:
    plans = _plans(lg, lambda: (lg.versions_page(limit=5),
                                lg.versions_page(limit=5, work_id=1, since=T0)))
    used = " ".join(step for _sql, plan in plans for step in plan)
    assert "ix_versions_created_at" in used
    assert "ix_versions_work_created_at" in used
    assert "TEMP B-TREE" not in used  # no sort of the whole table before the LIMIT


def test_log_pages_newest_first_by_work_and_since(lg: Ledger) -> None:
    every = lg.versions()  # oldest first
    first = lg.versions_page(limit=5)
    assert [v.id for v in first] == [v.id for v in reversed(every)][:5]
    second = lg.versions_page(limit=5, before=(first[-1].created_at, first[-1].id))
    assert [v.id for v in second] == [v.id for v in reversed(every)][5:10]
    pages = list(lg.iter_versions(page=4))
    assert [len(p) for p in pages] == [4, 4, 4, 1]
    assert [v.id for p in pages for v in p] == [v.id for v in reversed(every)]
    work = lg.find_work("Work 1")
    mine = lg.versions_page(limit=None, work_id=work.id)
    assert [v.id for v in mine] == [v.id for v in reversed(every) if v.work_id == work.id]
    cut = every[6].created_at
    recent = lg.versions_page(limit=None, since=cut)
    assert [v.id for v in recent] == [v.id for v in reversed(every) if v.created_at >= cut]
    assert lg.versions_page(limit=None, since=every[-1].created_at + timedelta(days=1)) == []


def test_an_older_ledger_gains_the_indexes_on_upgrade(tmp_path: Path) -> None:
    import shutil
    import sqlite3

    fixture = Path(__file__).parent / "fixtures" / "ledger" / "ledger-v1.sqlite3"
    db = tmp_path / "ledger.sqlite3"
    shutil.copy(fixture, db)
    with Ledger.open(db, backups_dir=tmp_path / "backups") as lg:
        assert lg.check() == []
        names = {v.file_name for v in lg.versions()}
        some = sorted(names)[0]
        assert [v.file_name for v in lg.versions_by_file_name(some)] == [
            v.file_name for v in lg.versions() if v.file_name == some]
    con = sqlite3.connect(db)
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    con.close()
    assert {"ix_versions_file_name", "ix_versions_created_at",
            "ix_versions_work_created_at"} <= indexes
    assert list((tmp_path / "backups").glob("ledger-*-v1.sqlite3"))


def test_verify_of_a_file_no_stamp_covers_does_not_load_the_model_readers(tmp_path):
    """"Is this file mine?" for a chapter never stamped: the model fallback tells that it is
    not a model from its first bytes, without importing numpy (core/models/containers.py).
    A fresh process, the text output."""
    import subprocess
    import sys

    f = tmp_path / "chapter.txt"
    f.write_text("第一章 never stamped\n", encoding="utf-8")
    code = ("import sys; from proofkit.cli.main import main; "
            f"rc = main(['--home', {str(tmp_path / 'home')!r}, 'verify', {str(f)!r}]); "
            "print('NUMPY', 'numpy' in sys.modules); sys.exit(rc)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 1, r.stdout + r.stderr  # not stamped
    assert "NUMPY False" in r.stdout, r.stdout + r.stderr
