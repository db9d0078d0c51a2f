"""Revocation evidence: fetched from OpenSSL's real OCSP responder and a CRL on loopback
right after a receipt verifies, kept, and judged at genTime by the `revocation` check."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from loopback_tsa import LoopbackTSA
from proofkit.core import revocation as rv
from proofkit.core.trust import TrustStore
from proofkit.core.tsp import build_request
from proofkit.core.verifier import Verifier

DIGEST = bytes(range(32))


def _verifier(pki) -> Verifier:
    trust = TrustStore()
    trust.add_pem_file(pki.root_pem, "test root")
    return Verifier(trust)


def _token(pki, signer: str, faketime: str | None = None) -> bytes:
    tsa = LoopbackTSA(pki, signer, faketime=faketime)
    try:
        return tsa.sign_query(build_request(DIGEST, "sha256", nonce=7).der)
    finally:
        tsa.close()


def _judge(revocation_pki, signer, faketime=None):
    pki = revocation_pki.pki
    der = _token(pki, signer, faketime)
    v = _verifier(pki)
    first = v.verify(der, digest=DIGEST)
    assert first.ok, first.reason()
    evidence = rv.fetch(first.signer, first.chain[1], timeout=5)
    return v.verify(der, digest=DIGEST, revocation=evidence), evidence


def test_sources_read_aia_and_cdp(revocation_pki):
    pki = revocation_pki.pki
    assert rv.sources(pki.ocsp_good_tsa.cert) == ([revocation_pki.ocsp.url], [])
    assert rv.sources(pki.crl_good_tsa.cert) == ([], [revocation_pki.crl.url])
    assert rv.sources(pki.rsa_tsa.cert) == ([], [])


def test_ocsp_good_at_gen_time(revocation_pki):
    verdict, evidence = _judge(revocation_pki, "ocsp_good_tsa")
    assert [e.kind for e in evidence] == ["ocsp"]
    c = verdict.check("revocation")
    assert verdict.ok and c.ok and c.detail.startswith("Good at genTime") and "OCSP" in c.detail
    assert not any("revocation" in w.lower() for w in verdict.warnings)


def test_ocsp_request_names_only_the_certificate(revocation_pki):
    from asn1crypto import ocsp as a_ocsp

    pki = revocation_pki.pki
    req = a_ocsp.OCSPRequest.load(rv.ocsp_request(pki.ocsp_good_tsa.cert, pki.intermediate.cert))
    (one,) = req["tbs_request"]["request_list"]
    assert one["req_cert"]["serial_number"].native == pki.ocsp_good_tsa.cert.serial_number
    assert DIGEST not in req.dump() and req["tbs_request"]["request_extensions"].native is None


def test_ocsp_revoked_before_gen_time_fails(revocation_pki):
    verdict, _ = _judge(revocation_pki, "ocsp_revoked_tsa")  # stamped now, revoked 2025-01-01
    c = verdict.check("revocation")
    assert not verdict.ok and not c.ok and verdict.failures[0].name == "revocation"
    assert "2025-01-01" in c.detail and "before this time stamp" in c.detail


def test_ocsp_revoked_after_gen_time_stays_valid_with_a_warning(revocation_pki):
    verdict, _ = _judge(revocation_pki, "ocsp_revoked_tsa", faketime="2024-06-01 12:00:00")
    c = verdict.check("revocation")
    assert verdict.ok and c.ok and "after this time stamp" in c.detail and "stays valid" in c.detail
    assert any("revoked on 2025-01-01" in w for w in verdict.warnings)


def test_crl_good_and_revoked(revocation_pki):
    verdict, evidence = _judge(revocation_pki, "crl_good_tsa")
    assert [e.kind for e in evidence] == ["crl"] and revocation_pki.crl.hits >= 1
    assert verdict.ok and verdict.check("revocation").detail.startswith("Good at genTime")
    verdict, _ = _judge(revocation_pki, "crl_revoked_tsa")
    assert not verdict.ok and "before this time stamp" in verdict.check("revocation").detail
    verdict, _ = _judge(revocation_pki, "crl_revoked_tsa", faketime="2024-06-01 12:00:00")
    assert verdict.ok and "after this time stamp" in verdict.check("revocation").detail


def test_not_available_is_a_warning_not_a_failure(revocation_pki, loopback_pki):
    # a certificate naming neither
    der = _token(loopback_pki, "rsa")
    v = _verifier(loopback_pki).verify(der, digest=DIGEST, revocation=[])
    c = v.check("revocation")
    assert v.ok and c.ok and c.detail.startswith("Not available") and "names no OCSP" in c.detail
    assert any("No revocation evidence" in w for w in v.warnings)
    # a certificate naming a responder, but nothing was kept
    verdict, evidence = _judge(revocation_pki, "ocsp_good_tsa")
    again = _verifier(loopback_pki).verify(_token(loopback_pki, "ocsp_good_tsa"), digest=DIGEST, revocation=[])
    assert again.ok and again.check("revocation").detail.startswith("Not available")


def test_forged_or_foreign_evidence_is_not_believed(revocation_pki):
    pki = revocation_pki.pki
    verdict, evidence = _judge(revocation_pki, "ocsp_revoked_tsa")
    der = _token(pki, "ocsp_revoked_tsa")
    v = _verifier(pki)
    # flip a byte of the OCSP response's signature: the "revoked" is no longer evidence
    from cryptography.x509 import ocsp

    bad = bytearray(evidence[0].der)
    sig = ocsp.load_der_ocsp_response(evidence[0].der).signature
    bad[bytes(bad).index(sig) + len(sig) - 1] ^= 0x01
    forged = [rv.Evidence("ocsp", evidence[0].url, evidence[0].fetched_at, bytes(bad))]
    c = v.verify(der, digest=DIGEST, revocation=forged).check("revocation")
    assert c.ok and c.detail.startswith("Not available") and "not a valid answer" in c.detail
    # a CRL of another CA (the untrusted root) says nothing about this certificate
    other = pki.crl("untrusted_root", {})
    c = v.verify(der, digest=DIGEST, revocation=[rv.Evidence("crl", "x", datetime.now(timezone.utc), other)]
                 ).check("revocation")
    assert c.ok and c.detail.startswith("Not available")


def test_unreachable_responder_gives_no_evidence_quickly(loopback_pki):
    cert = loopback_pki.add_tsa("dead_ocsp_tsa", "dead", ocsp_url="http://127.0.0.1:9/ocsp",
                                crl_url="http://127.0.0.1:9/x.crl").cert
    assert rv.fetch(cert, loopback_pki.intermediate.cert, timeout=2) == []


# ------------------------------------------------------------------ kept with the receipt


def _stamp(tmp_path, pki, signer, loopback_tsa_factory, title="Rain"):
    from proofkit.core.registry import find_tsa
    from proofkit.core.stamping import Stamper
    from proofkit.ledger import Ledger

    tsa = loopback_tsa_factory(signer)
    lg = Ledger.open(tmp_path / "ledger.sqlite3")
    out = Stamper(lg, _verifier(pki), [find_tsa(tsa.url)], retries=0).stamp(
        work=title, file_name="novel.txt", path="/x/novel.txt", size=3, hash_alg="sha256", digest=DIGEST)
    return lg, out


def test_stamping_keeps_the_ocsp_response_with_the_receipt(revocation_pki, loopback_tsa_factory, tmp_path):
    lg, out = _stamp(tmp_path, revocation_pki.pki, "ocsp_good_tsa", loopback_tsa_factory)
    try:
        (rid,) = out.receipt_ids
        r = lg.get_receipt(rid)
        assert r.status == "verified"
        assert [c for c in r.checks if c["name"] == "revocation"][0]["detail"].startswith("Good at genTime")
        (ev,) = lg.revocation_evidence([rid])[rid]
        assert ev.kind == "ocsp" and ev.url == revocation_pki.ocsp.url and ev.der == out.attempts[0].revocation[0].der
        assert lg.check() == []
        # the same bytes for a second receipt are stored once
        lg.add_revocation(rid, [ev])
        con = __import__("sqlite3").connect(tmp_path / "ledger.sqlite3")
        assert con.execute("SELECT count(*) FROM revocation_blobs").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM revocation_evidence").fetchone()[0] == 2
        con.close()
    finally:
        lg.close()


def test_a_tsa_certificate_revoked_before_the_stamp_makes_the_receipt_failed(
        revocation_pki, loopback_tsa_factory, tmp_path):
    lg, out = _stamp(tmp_path, revocation_pki.pki, "crl_revoked_tsa", loopback_tsa_factory)
    try:
        r = lg.get_receipt(out.receipt_ids[0])
        assert r.status == "failed" and r.error.startswith("revocation:") and "before this time stamp" in r.error
        assert [e.kind for e in lg.revocation_evidence([r.id])[r.id]] == ["crl"]
    finally:
        lg.close()


def test_check_finds_revocation_evidence_changed_behind_our_back(revocation_pki, loopback_tsa_factory, tmp_path):
    import sqlite3

    from proofkit.ledger.migrations import GUARD_TRIGGERS

    lg, out = _stamp(tmp_path, revocation_pki.pki, "ocsp_good_tsa", loopback_tsa_factory)
    try:
        con = sqlite3.connect(tmp_path / "ledger.sqlite3")
        for t in GUARD_TRIGGERS:
            con.execute(f"DROP TRIGGER IF EXISTS {t}")
        con.execute("UPDATE revocation_blobs SET der = X'3082dead'")
        con.execute("UPDATE revocation_evidence SET url = 'http://elsewhere/'")
        con.commit()
        con.close()
        problems = [p.message for p in lg.check()]
        assert any("revocation evidence" in m and "SHA-256" in m for m in problems), problems
        assert any(m.startswith("Revocation 1 differs") and "url" in m for m in problems), problems
    finally:
        lg.close()


def test_a_v1_ledger_upgrades_to_keep_revocation_evidence(tmp_path):
    import shutil
    import sqlite3
    from pathlib import Path

    from proofkit.ledger import Ledger

    db = tmp_path / "data" / "ledger.sqlite3"
    db.parent.mkdir()
    shutil.copyfile(Path(__file__).parent / "fixtures" / "ledger" / "ledger-v1.sqlite3", db)
    with Ledger.open(db, backups_dir=tmp_path / "backups") as lg:
        assert lg.check() == []
        rid = lg.receipts()[0].id
        assert lg.revocation_evidence([rid]) == {rid: []}
        ev = rv.Evidence("crl", "http://127.0.0.1/x.crl", datetime.now(timezone.utc), b"\x30\x03\x02\x01\x01")
        lg.add_revocation(rid, [ev])
        assert lg.revocation_evidence([rid])[rid] == [ev] and lg.check() == []
    con = sqlite3.connect(db)
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {"guard_revocation_evidence_no_delete", "guard_revocation_blobs_no_delete"} <= triggers
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        con.execute("DELETE FROM revocation_evidence")
    con.close()
