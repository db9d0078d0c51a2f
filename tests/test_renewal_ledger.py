"""Issue 16, session 2: renewal batches live in the ledger (schema v9: hash-chained, checked,
backed up, mirrored, restored; batch files of older data folders imported once), `renew`
triggers hash-tree renewal (algorithm policy, `--hash-tree`), and `verify FILE` states the
long-term verdict beside each receipt's own. Loopback TSAs under faketime, as test_ers.py."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from proofkit.core import ers
from proofkit.core.registry import find_tsa
from proofkit.core.stamping import Attempt, judge_response
from proofkit.core.tsp import build_request
from proofkit.core.verifier import verifier_for
from proofkit.ledger import Ledger
from proofkit.ledger.evidence import Batch, EvidenceStore
from proofkit.ledger.migrations import MIGRATIONS

TEXT = "第一章 风起。\nChapter one.\n".encode()


def _utc(*a) -> datetime:
    return datetime(*a, tzinfo=timezone.utc)


def _post(url: str, digest: bytes):
    import urllib.request

    req = build_request(digest, "sha256")
    r = urllib.request.Request(url, data=req.der, headers={"Content-Type": "application/timestamp-query"})
    return req, urllib.request.urlopen(r, timeout=30).read()


def _tsas(*loopbacks):
    return [dataclasses.replace(find_tsa(t.url, []), name=f"loop{i}") for i, t in enumerate(loopbacks)]


@pytest.fixture
def verifier(loopback_pki):
    return verifier_for([str(loopback_pki.root_pem)])


def _stamp_2019(lg: Ledger, tsa, verifier, *, title="Novel", data=TEXT) -> int:
    """One receipt stamped "2019-06-01" by a TSA whose certificate ends 2021-01-01."""
    digest = hashlib.sha256(data).digest()
    req, body = _post(tsa.url, digest)
    asked = _utc(2019, 6, 1, 12)
    a = judge_response(Attempt(find_tsa(tsa.url, []), "pending", requested_at=asked), body, digest,
                       "sha256", req.nonce, verifier, sent_at=asked)
    assert a.status == "verified", a.error
    rec = lg.record_stamp(work_title=title, file_name="ch1.txt", path="/x/ch1.txt", size=len(data),
                          hash_alg="sha256", digest_hex=digest.hex(), receipts=[a.receipt_data("sha256")])
    return rec.receipt_ids[0]


@pytest.fixture
def y2019(loopback_tsa_factory):
    return loopback_tsa_factory("y2019", faketime="2019-06-01 12:00:00")


# --------------------------------------------------------------------------- the ledger keeps them


def test_renewals_are_ledger_rows_with_events(tmp_path, y2019, loopback_tsa_factory, verifier):
    home = tmp_path / "home"
    r1 = loopback_tsa_factory("rsa", faketime="2020-06-01 12:00:00")
    r2 = loopback_tsa_factory("ec", faketime="2020-06-01 12:00:00")
    with Ledger.open(home / "ledger.sqlite3") as lg:
        rid = _stamp_2019(lg, y2019, verifier)
        store = EvidenceStore(lg, home / "evidence")
        rep = store.renew(_tsas(r1, r2), verifier, now=lambda: _utc(2020, 6, 1, 12))
        assert len(rep.batches) == 2
        rows = lg.renewal_batches()
        assert [r.name for r in rows] == rep.batches
        # the TSA's answer exactly as received, the leaves and what each covers
        resp = lg.responses([rid])[rid]
        assert rows[0].items[0] == ["r", rid] and rows[0].leaves[:32] == hashlib.sha256(resp).digest()
        assert ers.token_of(rows[0].response)  # an RFC 3161 answer
        events = [e for r in rows for e in lg.events_for("renewal", r.id)]
        assert [e.kind for e in events] == ["renewal.added"] * 2
        assert lg.check() == [] and store.check(verifier) == []
        # a fresh store (another process) reads them from the ledger alone
        shutil.rmtree(home / "evidence")
        assert len(EvidenceStore(lg, home / "evidence").records_for(("r", rid))) == 2
    # rows never change or go: the guards refuse it
    con = sqlite3.connect(home / "ledger.sqlite3")
    with pytest.raises(sqlite3.DatabaseError, match="never change"):
        con.execute("UPDATE renewal_batches SET tsa_name = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        con.execute("DELETE FROM renewal_batches")
    con.close()


def test_ledger_check_catches_a_changed_or_removed_renewal(tmp_path, y2019, loopback_tsa_factory,
                                                           verifier, loopback_pki):
    db = tmp_path / "home" / "ledger.sqlite3"
    r1 = loopback_tsa_factory("rsa", faketime="2020-06-01 12:00:00")
    with Ledger.open(db) as lg:
        _stamp_2019(lg, y2019, verifier)
        EvidenceStore(lg).renew(_tsas(r1), verifier, now=lambda: _utc(2020, 6, 1, 12))
    con = sqlite3.connect(db)
    con.execute("DROP TRIGGER guard_renewal_batches_no_update")
    (resp,) = con.execute("SELECT response FROM renewal_batches").fetchone()
    con.execute("UPDATE renewal_batches SET response = ?", (resp[:-1] + bytes([resp[-1] ^ 1]),))
    con.commit()
    con.close()
    with Ledger.open(db) as lg:
        msgs = [p.message for p in lg.check()]
        assert any("guard_renewal_batches_no_update" in m for m in msgs), msgs
        assert any(m.startswith("Renewal 1 differs") and "response_sha256" in m for m in msgs), msgs
        # --deep re-verifies the TSA's answer over the tree's root
        deep = EvidenceStore(lg).check(verifier)
        assert deep and "no longer verifies" in deep[0] or "cannot be read" in deep[0], deep


def test_deep_check_re_verifies_each_renewal(tmp_path, y2019, loopback_tsa_factory, verifier):
    r1 = loopback_tsa_factory("rsa", faketime="2020-06-01 12:00:00")
    with Ledger.open(tmp_path / "l.sqlite3") as lg:
        _stamp_2019(lg, y2019, verifier)
        store = EvidenceStore(lg)
        store.renew(_tsas(r1), verifier, now=lambda: _utc(2020, 6, 1, 12))
        assert store.check(verifier) == []
        # without the test root, the renewal's TSA answer no longer verifies
        stranger = verifier_for([])
        problems = store.check(stranger)
        assert problems and "no longer verifies" in problems[0], problems


def _old_style_folder(home: Path, y2019, renewing_tsa, verifier) -> tuple[int, Path]:
    """A data folder as ProofKit wrote it before schema v9: a v8 ledger and the renewal kept
    only as a batch file under evidence/batches/."""
    with Ledger.open(home / "ledger.sqlite3", migrations=MIGRATIONS[:8]) as lg:
        rid = _stamp_2019(lg, y2019, verifier)
        response = lg.responses([rid])[rid]
    leaves = [ers.H("sha256", response)]
    st, = ers.stamp_root(_tsas(renewing_tsa), leaves[0], "sha256", verifier,
                         now=lambda: _utc(2020, 6, 1, 12))
    assert st.ok, st.error
    b = Batch(id="20200601T120000000000Z-0-loop0", tsa="loop0", url=renewing_tsa.url, alg="sha256",
              created_at=_utc(2020, 6, 1, 12), gen_time=st.gen_time, not_after=ers.expires(st.response)[0],
              response=st.response, items=[("r", rid)], leaves=leaves)
    path = home / "evidence" / "batches" / f"{b.id}.json"
    path.parent.mkdir(parents=True)
    path.write_text(b.to_json(), encoding="utf-8")
    con = sqlite3.connect(home / "ledger.sqlite3")
    assert con.execute("PRAGMA user_version").fetchone()[0] == 8
    con.close()
    return rid, path


def test_an_old_data_folder_is_migrated_and_its_batch_files_imported(tmp_path, y2019, loopback_tsa_factory,
                                                                      verifier, loopback_pki):
    from proofkit.app.renewing import long_term, store_of
    from proofkit.app.session import Session

    home = tmp_path / "home"
    rid, path = _old_style_folder(home, y2019, loopback_tsa_factory("rsa", faketime="2020-06-01 12:00:00"),
                                  verifier)
    before = path.read_bytes()
    with Session(home, trust=[str(loopback_pki.root_pem)]) as s:
        lg = s.ledger  # migrated to v9 and the file imported on opening
        assert [r.name for r in lg.renewal_batches()] == [path.stem]
        assert lg.check() == [] and store_of(s).check(s.verifier()) == []
        assert long_term(s, rid, at=_utc(2030, 1, 1)).ok
    assert path.read_bytes() == before  # the file stays as it was
    con = sqlite3.connect(home / "ledger.sqlite3")
    assert con.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 9
    con.close()
    # idempotent: opening again imports nothing more
    with Session(home, trust=[str(loopback_pki.root_pem)]) as s:
        assert len(s.ledger.renewal_batches()) == 1
        assert len(s.ledger.events_for("renewal", 1)) == 1 and s.ledger.events_for("renewal", 2) == []


def test_a_v1_fixture_upgrades_to_keep_renewals(tmp_path, loopback_tsa, verifier):
    db = tmp_path / "data" / "ledger.sqlite3"
    db.parent.mkdir()
    shutil.copyfile(Path(__file__).parent / "fixtures" / "ledger" / "ledger-v1.sqlite3", db)
    with Ledger.open(db, backups_dir=tmp_path / "backups") as lg:
        assert lg.check() == [] and lg.renewal_batches() == []
        rid = lg.receipts()[0].id
        b = Batch(id="x", tsa="t", url="http://127.0.0.1/", alg="sha256", created_at=_utc(2024, 1, 1),
                  gen_time=_utc(2024, 1, 1), not_after=None, response=b"\x30\x00",
                  items=[("r", rid)], leaves=[bytes(32)])
        assert lg.add_renewal_batches([b]) == ["x"]
        assert lg.add_renewal_batches([b]) == []  # by name: once
        assert lg.check() == []
    assert list((tmp_path / "backups").glob("ledger-*-v1.sqlite3"))


# --------------------------------------------------------------------------- backups, mirror, restore


def test_mirror_and_restore_carry_renewals_in_the_ledger(tmp_path, run, home, loopback_tsa_factory,
                                                         loopback_pki):
    a, b = loopback_tsa_factory("rsa"), loopback_tsa_factory("ec")
    ch = tmp_path / "ch1.txt"
    ch.write_bytes(b"chapter one\n")
    assert run("stamp", ch, "--tsa", a.url, "--work", "Novel")[0] == 0
    code, out, err = run("renew", "--all", "--tsa", a.url, "--tsa", b.url, "--json")
    assert code == 0, err
    assert len(json.loads(out)["batches"]) == 2
    mirror = tmp_path / "usb"
    mirror.mkdir()
    assert run("mirror", "set", mirror)[0] == 0
    # the mirror's evidence files are not needed: the ledger snapshot carries the renewals
    shutil.rmtree(mirror / "ProofKit-mirror" / "evidence", ignore_errors=True)
    new_home = tmp_path / "new"
    from proofkit.cli.main import main

    assert main(["--home", str(new_home), "--trust", str(loopback_pki.root_pem), "restore", str(mirror)]) == 0
    assert not list((new_home / "evidence").glob("batches/*.json"))
    with Ledger.open(new_home / "ledger.sqlite3") as lg:
        assert len(lg.renewal_batches()) == 2
    assert main(["--home", str(new_home), "--trust", str(loopback_pki.root_pem), "ledger", "check", "--deep"]) == 0
    zp = tmp_path / "b.zip"
    assert main(["--home", str(new_home), "--trust", str(loopback_pki.root_pem), "export", "Novel", "-o",
                 str(zp)]) == 0
    import zipfile

    assert len([n for n in zipfile.ZipFile(zp).namelist() if n.endswith(".ers")]) == 2
    # and the ledger's own backup holds them too
    backup = tmp_path / "backup.sqlite3"
    assert run("ledger", "backup", backup)[0] == 0
    con = sqlite3.connect(backup)
    assert con.execute("SELECT count(*) FROM renewal_batches").fetchone()[0] == 2
    con.close()


# --------------------------------------------------------------------------- hash-tree renewal


def test_fast_der_is_pyasn1s(loopback_tsa):
    """The hand-made DER of a hash-tree renewal's hot path is byte for byte pyasn1's."""
    import random

    rng = random.Random(5)
    token = ers.token_of(_post(loopback_tsa.url, hashlib.sha256(b"x").digest())[1])
    for n in (1, 2, 5, 300):
        levels = ers.build_tree("sha512", [rng.randbytes(64) for _ in range(n)])
        chains = [[ers.archive_time_stamp("sha512", token, ers.reduced_tree(levels, i)) for i in (0, n - 1)]]
        ts = ers.timestamp_der(ers.archive_time_stamp("sha512", token, None))
        raw = [[ers.ats_der("sha512", ts, ers.reduced_tree(levels, i)) for i in (0, n - 1)]]
        assert ers.sequence_der_raw(raw) == ers.sequence_der(chains)


def test_renew_does_hash_tree_renewal_when_sha256_is_retiring(tmp_path, y2019, loopback_tsa_factory,
                                                              verifier):
    """Renewed in 2020 with SHA-256; the policy retires SHA-256 on 2024-01-01, so the 2023
    renewal re-hashes the receipt with its record so far into a SHA-512 chain, one request
    per TSA; in 2030 the receipt is proven through it, and not through the SHA-256 chain alone."""
    policy = ers.AlgorithmPolicy(sha256_retired_from=_utc(2024, 1, 1))
    with Ledger.open(tmp_path / "l.sqlite3") as lg:
        rid = _stamp_2019(lg, y2019, verifier)
        store = EvidenceStore(lg)
        r1 = loopback_tsa_factory("rsa", faketime="2020-06-01 12:00:00")
        r2 = loopback_tsa_factory("ec", faketime="2020-06-01 12:00:00")
        store.renew(_tsas(r1, r2), verifier, now=lambda: _utc(2020, 6, 1, 12))
        old = [der for _, der in store.records_for(("r", rid))]
        # by default (SHA-256 retired 2040) nothing is due in 2023: nobody is asked
        q1 = loopback_tsa_factory("rsa", faketime="2023-06-01 12:00:00")
        q2 = loopback_tsa_factory("ec", faketime="2023-06-01 12:00:00")
        tsas = [dataclasses.replace(t, url=u.url) for t, u in zip(_tsas(q1, q2), (q1, q2))]
        assert store.renew(tsas, verifier, now=lambda: _utc(2023, 6, 1, 12), anchor_head=False).nothing_due
        assert q1.request_count == q2.request_count == 0
        rep = store.renew(tsas, verifier, policy=policy, now=lambda: _utc(2023, 6, 1, 12), anchor_head=False)
        assert rep.alg == "sha512" and rep.hash_tree == 2 and rep.hash_tree_lines == 2
        # still at most one request per TSA (the 2020 TSAs' addresses are gone: both lines
        # go to the first TSA asked, in one tree)
        assert q1.request_count == 1 and q2.request_count <= 1 and rep.requests == len(rep.batches)
        records = store.records_for(("r", rid))
        assert len(records) == 2
        from pyasn1.codec.der import decoder
        from pyasn1_alt_modules import rfc4998

        for _, der in records:
            er, _ = decoder.decode(der, asn1Spec=rfc4998.EvidenceRecord())
            assert len(er["archiveTimeStampSequence"]) == 2  # a new chain: hash-tree renewal
        response = lg.responses([rid])[rid]
        digest = hashlib.sha256(TEXT).digest()
        at = _utc(2030, 1, 1)
        lt = ers.long_term_verdict(response, verifier, digest=digest, evidence=[d for _, d in records],
                                   at=at, policy=policy)
        assert lt.ok, lt.reason
        assert lt.needed and "hash-tree renewal" in lt.via and lt.earliest.year == 2019
        stale = ers.long_term_verdict(response, verifier, digest=digest, evidence=old, at=at, policy=policy)
        assert not stale.ok and "retired" in stale.reason
        assert store.check(verifier) == []
        # the SHA-512 lines are renewed by time-stamp renewal from now on
        assert {b.alg for b in store.tips()} == {"sha512"}


def test_renew_hash_tree_forced(tmp_path, y2019, loopback_tsa_factory, verifier):
    with Ledger.open(tmp_path / "l.sqlite3") as lg:
        rid = _stamp_2019(lg, y2019, verifier)
        store = EvidenceStore(lg)
        r1 = loopback_tsa_factory("rsa", faketime="2020-06-01 12:00:00")
        store.renew(_tsas(r1), verifier, now=lambda: _utc(2020, 6, 1, 12))
        q = loopback_tsa_factory("rsa", faketime="2020-07-01 12:00:00")
        tsa = [dataclasses.replace(_tsas(q)[0], url=q.url)]
        assert store.renew(tsa, verifier, now=lambda: _utc(2020, 7, 1, 12), anchor_head=False).nothing_due
        rep = store.renew(tsa, verifier, hash_tree="sha512", now=lambda: _utc(2020, 7, 1, 12), anchor_head=False)
        assert rep.hash_tree == 1 and rep.alg == "sha512" and q.request_count == 1
        (names, der), = store.records_for(("r", rid))
        lt = ers.long_term_verdict(lg.responses([rid])[rid], verifier, digest=hashlib.sha256(TEXT).digest(),
                                   evidence=[der], at=_utc(2030, 1, 1))
        assert lt.ok and "hash-tree renewal" in lt.via, lt.reason
        from proofkit.ledger.evidence import RenewalError

        with pytest.raises(RenewalError, match="only goes to a stronger"):
            store.renew(tsa, verifier, hash_tree="sha384", now=lambda: _utc(2020, 7, 1, 12))


def test_cli_renew_hash_tree_and_policy_date(tmp_path, run, home, loopback_tsa_factory):
    a, b = loopback_tsa_factory("rsa"), loopback_tsa_factory("ec")
    ch = tmp_path / "ch1.txt"
    ch.write_bytes(b"chapter one\n")
    assert run("stamp", ch, "--tsa", a.url, "--work", "Novel")[0] == 0
    code, out, _ = run("renew", "--all", "--tsa", a.url, "--tsa", b.url, "--json")
    first = json.loads(out)
    assert code == 0 and first["alg"] == "sha256" and first["hash_tree_records"] == 0
    assert first["sha256_retired_from"] == "2040-01-01"
    ra, rb = a.request_count, b.request_count
    code, out, _ = run("renew", "--hash-tree", "sha512", "--tsa", a.url, "--tsa", b.url, "--json")
    rep = json.loads(out)
    assert code == 0 and rep["alg"] == "sha512" and rep["hash_tree_records"] == 2 and rep["hash_tree_lines"] == 2
    assert (a.request_count - ra, b.request_count - rb) == (1, 1)
    assert run("ledger", "check", "--deep")[0] == 0
    # the policy date, kept in Settings: SHA-512 lines are not retired, so nothing is due now
    code, out, err = run("renew", "--retire-sha256", "2027-01-01", "--tsa", a.url, "--tsa", b.url)
    assert code == 0 and "Nothing is due" in out and "2027-01-01" in out
    code, out, err = run("renew", "--retire-sha256", "someday")
    assert code != 0 and "YYYY-MM-DD" in (out + err)


def test_cli_renew_policy_date_triggers_hash_tree_renewal(tmp_path, run, home, loopback_tsa_factory):
    a = loopback_tsa_factory("rsa")
    ch = tmp_path / "ch1.txt"
    ch.write_bytes(b"chapter one\n")
    assert run("stamp", ch, "--tsa", a.url, "--work", "Novel")[0] == 0
    assert run("renew", "--all", "--tsa", a.url)[0] == 0
    before = a.request_count
    # SHA-256 retired in a month: its lines are renewed by hash-tree renewal now
    soon = (datetime.now(timezone.utc).date().replace(day=1)).replace(year=datetime.now().year + 1).isoformat()
    code, out, err = run("renew", "--retire-sha256", soon, "--tsa", a.url)
    assert code == 0, err
    assert "hash-tree renewal" in out and "sha512" in out
    assert a.request_count == before + 1


# --------------------------------------------------------------------------- verify FILE


@pytest.fixture
def home_2019(tmp_path, home, y2019, verifier):
    """A data folder with one receipt stamped "2019-06-01" by a TSA whose certificate expired
    on 2021-01-01 (so, today, the receipt alone no longer suffices)."""
    f = tmp_path / "ch1.txt"
    f.write_bytes(TEXT)
    with Ledger.open(home / "ledger.sqlite3") as lg:
        rid = _stamp_2019(lg, y2019, verifier)
    return f, rid


def test_verify_file_states_the_long_term_verdict(home_2019, home, run, loopback_tsa_factory, verifier):
    f, rid = home_2019
    # not renewed: the receipt is still "verified" (rule 2), and the statement says it no longer proves
    code, out, _ = run("verify", f, "--json")
    res = json.loads(out)
    r = res["receipts"][0]
    assert code == 0 and r["status"] == "verified" and r["ok"] is True
    assert r["long_term"]["ok"] is False and "expired on 2021-01-01" in r["long_term"]["reason"]
    code, text, _ = run("verify", f)
    assert "VALID" in text and "long term: no longer proven" in text
    # renewed in 2020 by two TSAs
    r1 = loopback_tsa_factory("rsa", faketime="2020-06-01 12:00:00")
    r2 = loopback_tsa_factory("ec", faketime="2020-06-01 12:00:00")
    with Ledger.open(home / "ledger.sqlite3") as lg:
        EvidenceStore(lg, home / "evidence").renew(_tsas(r1, r2), verifier, now=lambda: _utc(2020, 6, 1, 12))
    code, out, _ = run("verify", f, "--json")
    lt = json.loads(out)["receipts"][0]["long_term"]
    assert code == 0 and lt["ok"] is True and lt["since"].startswith("2019-06-01")
    assert {x["tsa"] for x in lt["renewals"]} == {"loop0", "loop1"}
    assert {x["at"][:10] for x in lt["renewals"]} == {"2020-06-01"}
    code, text, _ = run("verify", f)
    assert ("long term: the TSA's certificate expired on 2021-01-01, but it is proven since 2019-06-01 "
            "through the evidence record renewed on 2020-06-01 by loop0 and loop1.") in text


def test_a_receipt_refused_on_arrival_stays_refused_whatever_the_record(tmp_path, home, run, loopback_tsa):
    """Rule 2: an evidence record listing a refused receipt does not make it proof."""
    from proofkit.ledger import ReceiptData

    f = tmp_path / "ch1.txt"
    f.write_bytes(TEXT)
    digest = hashlib.sha256(TEXT).digest()
    req, body = _post(loopback_tsa.url, digest)
    with Ledger.open(home / "ledger.sqlite3") as lg:
        rec = lg.record_stamp(work_title="Novel", file_name="ch1.txt", path=str(f), size=len(TEXT),
                              hash_alg="sha256", digest_hex=digest.hex(),
                              receipts=[ReceiptData(tsa_name="loop", url=loopback_tsa.url, nonce=req.nonce, hash_alg="sha256",
                                                    response=body, status="failed",
                                                    error="the TSA's clock was far from when it was asked",
                                                    requested_at=_utc(2024, 1, 1), checked_at=_utc(2024, 1, 1))])
        rid = rec.receipt_ids[0]
        lg.add_renewal_batches([Batch(id="forged", tsa="t", url="http://127.0.0.1/", alg="sha256",
                                      created_at=_utc(2024, 1, 2), gen_time=_utc(2024, 1, 2), not_after=None,
                                      response=body, items=[("r", rid)], leaves=[hashlib.sha256(body).digest()])])
    code, out, _ = run("verify", f, "--json")
    r = json.loads(out)["receipts"][0]
    assert code == 1 and r["status"] == "failed" and r["ok"] is False
    assert r["long_term"]["refused"] is True and r["long_term"]["ok"] is False
    code, text, _ = run("verify", f)
    assert "NOT VALID" in text and "stays refused" in text and "proven since" not in text


def test_a_receipt_signed_with_a_retiring_algorithm_is_due(tmp_path, run, home, loopback_tsa, verifier):
    ch = tmp_path / "ch1.txt"
    ch.write_bytes(b"chapter one\n")
    assert run("stamp", ch, "--tsa", loopback_tsa.url, "--work", "Novel")[0] == 0
    tsa = [find_tsa(loopback_tsa.url, [])]
    with Ledger.open(home / "ledger.sqlite3") as lg:
        (rid, response), = lg.verified_responses()
        not_after, alg = ers.expiry(response)
        assert alg == "sha256" and not_after - datetime.now(timezone.utc) > ers.RENEW_AHEAD
        store = EvidenceStore(lg)
        assert store.renew(tsa, verifier, anchor_head=False).nothing_due  # nothing due by default
        soon = ers.AlgorithmPolicy(sha256_retired_from=datetime.now(timezone.utc) + ers.RENEW_AHEAD / 2)
        rep = store.renew(tsa, verifier, policy=soon, anchor_head=False)
        assert rep.receipts == 1 and rep.alg == "sha512"
