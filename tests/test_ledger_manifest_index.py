"""Schema v2: the manifest_entries index of folder manifests. Upgrading a real v1 ledger
(tests/fixtures/ledger/ledger-v1.sqlite3, written by the v1 code), lookups through the
index, entries written with their version, and check() catching entries edited behind
ProofKit's back."""

from __future__ import annotations

import re
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import event

from proofkit.core import manifest as mf
from proofkit.core.errors import LedgerError
from proofkit.ledger import SCHEMA_VERSION, Ledger, LedgerInvalidData, ReceiptData
from proofkit.ledger.migrations import GUARD_TRIGGERS, MIGRATIONS

FIXTURE = Path(__file__).parent / "fixtures" / "ledger" / "ledger-v1.sqlite3"
# what make_v1_fixture.py put in it
D_NOVEL, D_CH1, D_CH2, D_CN, D_CH1_NEW = "a1" * 32, "c1" * 32, "c2" * 32, "d3" * 32, "e1" * 32
CN = "诗歌/春天.txt"
ENTITY_TABLES = ("works", "versions", "receipts", "certificates", "events")
T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


def rd(status: str = "pending", **kw) -> ReceiptData:
    base = dict(tsa_name="TSA", url="https://tsa.example/", requested_at=T0, hash_alg="sha256",
                status=status)
    base.update(kw)
    return ReceiptData(**base)


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every entity row with its values as recorded: packed values (schema v4) unpacked, the
    storage flag left out, so a v1 file and its upgrade compare equal when nothing changed."""
    from proofkit.ledger import packing

    con = sqlite3.connect(path)
    try:
        has_dicts = con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'dictionaries'"
                                ).fetchone()[0]
        dicts = dict(con.execute("SELECT id, data FROM dictionaries")) if has_dicts else {}
        out = {}
        for t in ENTITY_TABLES:
            cur = con.execute(f"SELECT * FROM {t} ORDER BY 1")
            names = [d[0] for d in cur.description]
            rows = []
            for values in cur:
                row = dict(zip(names, values))
                if row.pop("response_packed", 0):
                    row["response"] = packing.unpack(row["response"], dicts)
                for name in ("checks_json", "payload"):
                    if name in row:
                        row[name] = packing.unpack_text(row[name], dicts)
                rows.append(tuple(row.values()))
            out[t] = rows
        return out
    finally:
        con.close()


def user_version(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def v1_copy(tmp_path: Path) -> Path:
    db = tmp_path / "data" / "ledger.sqlite3"
    db.parent.mkdir()
    shutil.copyfile(FIXTURE, db)
    return db


def hits(lg: Ledger, digest: str) -> list[tuple[int, str]]:
    return [(v.id, rel) for v, rel in lg.manifest_entries_for_digest(digest)]


# --------------------------------------------------------------------------- upgrade


def test_the_fixture_is_a_v1_ledger() -> None:
    assert user_version(FIXTURE) == 1 and SCHEMA_VERSION >= 2


def test_a_v1_ledger_is_upgraded_with_a_copy_aside_and_stays_intact(v1_copy: Path) -> None:
    before = dump(v1_copy)
    with Ledger.open(v1_copy) as lg:
        assert user_version(v1_copy) == SCHEMA_VERSION
        # the copy made before migrating: still v1, same rows
        (copy,) = (v1_copy.parent / "backups").iterdir()
        assert re.fullmatch(r"ledger-\d{8}T\d{6}Z-v1\.sqlite3", copy.name)
        assert user_version(copy) == 1 and dump(copy) == before
        assert lg.check() == []
        # the old data, untouched; v4 appended versions.number, backfilled per work
        after = dump(v1_copy)
        assert [row[-1] for row in after["versions"]] == [1, 1, 2]
        after["versions"] = [row[:-1] for row in after["versions"]]
        assert after == before
        assert [(w.title, w.pen_name) for w in lg.works()] == [("My Novel", "J. Doe"),
                                                              ("Poems", None)]
        novel, poems1, poems2 = lg.versions()
        assert (novel.kind, novel.digest_hex) == ("file", D_NOVEL)
        assert (poems1.kind, poems2.kind) == ("manifest", "manifest")
        assert CN in poems1.manifest_text and CN in poems2.manifest_text
        assert [(r.version_id, r.status, r.error) for r in lg.receipts()] == [
            (novel.id, "pending", None), (novel.id, "failed", "TSA said no"),
            (poems1.id, "failed", "HTTP 503"), (poems1.id, "pending", None),
            (poems2.id, "pending", None)]
        # the backfilled index finds the files, oldest manifest first
        assert hits(lg, D_CN) == [(poems1.id, CN), (poems2.id, CN)]
        assert hits(lg, D_CN.upper()) == hits(lg, D_CN)
        assert hits(lg, D_CH2) == [(poems1.id, "drafts/chapter 2.md"),
                                   (poems2.id, "drafts/chapter 2.md")]
        assert hits(lg, D_CH1) == [(poems1.id, "chapter 1.md")]
        assert hits(lg, D_CH1_NEW) == [(poems2.id, "chapter 1.md")]
        assert hits(lg, D_NOVEL) == [] and hits(lg, "") == []
        (v, _), _ = lg.manifest_entries_for_digest(D_CN)
        assert v == poems1  # the full VersionRow, manifest text included
        # and it keeps working as a ledger
        rec = lg.record_stamp(work_title="Poems", file_name="poems", path="/home/me/poems",
                              size=1, hash_alg="sha256", digest_hex="f3" * 32, kind="manifest",
                              manifest_text=mf.render("Poems", "s3", [mf.ManifestEntry(D_CN, CN)]),
                              receipts=[rd()])
        assert hits(lg, D_CN)[-1] == (rec.version_id, CN)
        assert lg.check() == []
    with Ledger.open(v1_copy) as lg:  # no second migration, no second copy
        assert len(list((v1_copy.parent / "backups").iterdir())) == 1
        assert lg.check() == []


def test_the_backfill_equals_what_record_stamp_writes(v1_copy: Path, tmp_path: Path) -> None:
    with Ledger.open(v1_copy) as old:
        versions = [v for v in old.versions() if v.kind == "manifest"]
    fresh = tmp_path / "fresh.sqlite3"
    with Ledger.open(fresh) as lg:
        for v in versions:
            lg.record_stamp(work_title=v.work_title, file_name=v.file_name, path=v.path,
                            size=v.size, hash_alg=v.hash_alg, digest_hex=v.digest_hex,
                            kind="manifest", manifest_text=v.manifest_text, receipts=[])
    q = ("SELECT v.digest_hex, e.digest_hex, e.rel_path FROM manifest_entries e "
         "JOIN versions v ON v.id = e.version_id ORDER BY e.id")
    a, b = sqlite3.connect(v1_copy), sqlite3.connect(fresh)
    try:
        backfilled, written = a.execute(q).fetchall(), b.execute(q).fetchall()
    finally:
        a.close()
        b.close()
    assert backfilled == written and len(written) == 6


def test_a_failing_upgrade_leaves_the_v1_ledger_as_it_was(v1_copy: Path) -> None:
    before = dump(v1_copy)

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("INSERT INTO no_such_table VALUES (1)")

    with pytest.raises(LedgerError, match="left unchanged at schema 1"):
        Ledger.open(v1_copy, migrations=[*MIGRATIONS, broken])
    con = sqlite3.connect(v1_copy)
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    finally:
        con.close()
    assert user_version(v1_copy) == 1 and "manifest_entries" not in tables
    assert dump(v1_copy) == before
    with Ledger.open(v1_copy) as lg:  # and the real upgrade still works afterwards
        assert lg.check() == [] and len(hits(lg, D_CN)) == 2


# --------------------------------------------------------------------------- writes and reads


def manifest(*entries: tuple[str, str], salt: str = "s") -> str:
    return mf.render("Poems", salt, [mf.ManifestEntry(d, rel) for d, rel in entries])


def stamp_manifest(lg: Ledger, text: str, digest: str = "f0" * 32, receipts=None):
    return lg.record_stamp(work_title="Poems", file_name="poems", path="/p/poems", size=1,
                           hash_alg="sha256", digest_hex=digest, kind="manifest",
                           manifest_text=text, receipts=[rd()] if receipts is None else receipts)


def entry_count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM manifest_entries").fetchone()[0]
    finally:
        con.close()


def test_entries_are_written_with_their_version_only(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    with Ledger.open(db) as lg:
        text = manifest((D_CH1, "a.md"), (D_CH2, "b.md"))
        with pytest.raises(LedgerInvalidData):  # a bad receipt undoes version and entries
            stamp_manifest(lg, text, receipts=[rd(), rd("bogus")])
        assert entry_count(db) == 0 and lg.versions() == []
        first = stamp_manifest(lg, text)
        again = stamp_manifest(lg, text)  # same manifest: same version, no new entries
        assert again.version_id == first.version_id and not again.new_version
        assert entry_count(db) == 2
        stamp_manifest(lg, "not a manifest at all\n", digest="f1" * 32)  # lists nothing
        lg.record_stamp(work_title="Poems", file_name="a.md", path="/p/a.md", size=1,
                        hash_alg="sha256", digest_hex=D_CH1, receipts=[])  # a file version
        assert entry_count(db) == 2 and lg.check() == []


def test_lookup_goes_through_the_digest_index(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    with Ledger.open(db) as lg:
        for day in range(3):
            stamp_manifest(lg, manifest((D_CN, CN), (f"{day:064x}", "x"), salt=str(day)),
                           digest=f"{day + 100:064x}")
        statements: list[tuple[str, tuple]] = []

        def spy(_conn, _cursor, statement, parameters, _context, _many) -> None:
            statements.append((statement, parameters))

        event.listen(lg._engine, "before_cursor_execute", spy)
        try:
            assert [rel for _, rel in lg.manifest_entries_for_digest(D_CN)] == [CN] * 3
        finally:
            event.remove(lg._engine, "before_cursor_execute", spy)
    lookup = [(q, p) for q, p in statements if "manifest_entries" in q]
    assert len(lookup) == 1
    con = sqlite3.connect(db)
    try:
        plan = " | ".join(r[-1] for r in con.execute("EXPLAIN QUERY PLAN " + lookup[0][0],
                                                      lookup[0][1]))
    finally:
        con.close()
    assert "ix_manifest_entries_digest_hex" in plan, plan
    assert "SCAN manifest_entries" not in plan and "SCAN versions" not in plan, plan


# --------------------------------------------------------------------------- tampering


def _tamper(path: Path, sql: str) -> None:
    con = sqlite3.connect(path)
    for t in GUARD_TRIGGERS:
        con.execute(f"DROP TRIGGER IF EXISTS {t}")
    con.execute(sql)
    con.commit()
    con.close()


@pytest.mark.parametrize("sql", [
    "UPDATE manifest_entries SET rel_path = 'renamed.txt' WHERE rel_path = '诗歌/春天.txt' "
    "AND version_id = 2",
    f"UPDATE manifest_entries SET digest_hex = '{'00' * 32}' WHERE id = 2",
    "DELETE FROM manifest_entries WHERE id = 3",
    f"INSERT INTO manifest_entries (version_id, rel_path, digest_hex) VALUES (2, 'x', '{D_NOVEL}')",
    # swap which version lists which line: both versions differ
    "UPDATE manifest_entries SET version_id = 5 - version_id WHERE rel_path = 'chapter 1.md'",
])
def test_check_reports_tampered_manifest_entries(v1_copy: Path, sql: str) -> None:
    with Ledger.open(v1_copy) as lg:
        assert lg.check() == []
        poems1, poems2 = (v.id for v in lg.versions() if v.kind == "manifest")
        assert (poems1, poems2) == (2, 3)
        _tamper(v1_copy, sql)
        problems = [p for p in lg.check() if "append-only guard" not in p.message
                    and "never deleted" not in p.message and "guard" not in p.message]
    expected = [("version", 2), ("version", 3)] if "5 - version_id" in sql else [("version", 2)]
    assert [(p.entity, p.entity_id) for p in problems] == expected, [str(p) for p in problems]
    for p in problems:
        assert p.message.startswith(f"Version {p.entity_id}'s manifest entries")
        assert "modified outside ProofKit" in p.message


def test_check_reports_entries_attached_to_a_file_version(v1_copy: Path) -> None:
    with Ledger.open(v1_copy) as lg:
        _tamper(v1_copy, "INSERT INTO manifest_entries (version_id, rel_path, digest_hex) "
                         f"VALUES (1, 'x', '{D_NOVEL}')")
        problems = [p for p in lg.check() if "guard" not in p.message]
    assert [(p.entity, p.entity_id) for p in problems] == [("version", 1)]
    assert "is not a folder manifest" in problems[0].message


def test_a_changed_manifest_text_is_reported_once(v1_copy: Path) -> None:
    with Ledger.open(v1_copy) as lg:
        _tamper(v1_copy, "UPDATE versions SET manifest_text = replace(manifest_text, "
                         f"'{D_CN}', '{'00' * 32}') WHERE id = 2")
        problems = [p for p in lg.check() if "guard" not in p.message]
    assert [(p.entity, p.entity_id) for p in problems] == [("version", 2)]
    assert "manifest_sha256 changed" in problems[0].message


def test_the_entries_guard_stops_accidental_deletes(v1_copy: Path) -> None:
    with Ledger.open(v1_copy) as lg:
        con = sqlite3.connect(v1_copy)
        with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
            con.execute("DELETE FROM manifest_entries")
        con.close()
        assert lg.check() == []
