"""Bundles with the vault and evidence records: an original edited since it was stamped comes
from the vault; each receipt's RFC 4998 evidence records travel next to its token, are
explained in VERIFY.md and checked by `proofkit verify BUNDLE.zip`."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import zipfile


from proofkit.core import ers
from proofkit.core.registry import find_tsa
from proofkit.core.verifier import verifier_for
from proofkit.ledger import Ledger
from proofkit.ledger.evidence import EvidenceStore
from proofkit.ledger.vault import Vault


def test_export_takes_a_changed_original_from_the_vault(tmp_path, home, run, loopback_tsa):
    ch = tmp_path / "ch1.txt"
    stamped = "第一章 风起。\n".encode() * 50
    ch.write_bytes(stamped)
    code, _, err = run("stamp", ch, "--tsa", loopback_tsa.url, "--work", "Novel")
    assert code == 0, err
    Vault(home / "vault").keep_file(ch, "sha256", hashlib.sha256(stamped).hexdigest())
    ch.write_bytes(stamped + "後来又改了。\n".encode())  # the author kept editing
    out = tmp_path / "b.zip"
    code, _, err = run("export", "Novel", "-o", out, "--include-original")
    assert code == 0, err
    assert "vault" in err
    with zipfile.ZipFile(out) as z:
        orig = [n for n in z.namelist() if n.startswith("originals/")]
        assert len(orig) == 1 and z.read(orig[0]) == stamped
    code, stdout, _ = run("verify", out, "--json")
    assert code == 0 and json.loads(stdout)["ok"]
    # without the vault the original is left out, as before
    (home / "vault").rename(tmp_path / "vault-away")
    code, _, err = run("export", "Novel", "-o", tmp_path / "c.zip", "--include-original")
    assert code == 0 and "original left out" in err
    with zipfile.ZipFile(tmp_path / "c.zip") as z:
        assert not [n for n in z.namelist() if n.startswith("originals/")]


def test_a_damaged_vault_object_is_not_exported(tmp_path, home, run, loopback_tsa):
    ch = tmp_path / "ch1.txt"
    ch.write_bytes(b"stamped bytes\n" * 10)
    assert run("stamp", ch, "--tsa", loopback_tsa.url, "--work", "Novel")[0] == 0
    v = Vault(home / "vault")
    v.keep_file(ch, "sha256", hashlib.sha256(ch.read_bytes()).hexdigest())
    import gzip

    obj = next(p for _, _, p in v.iter_objects())
    obj.write_bytes(gzip.compress(b"other bytes\n"))
    ch.write_bytes(b"edited\n")
    code, _, err = run("export", "Novel", "-o", tmp_path / "b.zip", "--include-original")
    assert code == 0 and "original left out" in err


def test_evidence_records_travel_in_the_bundle(tmp_path, home, run, loopback_tsa_factory,
                                               loopback_pki):
    ch = tmp_path / "ch1.txt"
    ch.write_bytes(b"chapter one\n")
    tsa = loopback_tsa_factory("rsa")
    assert run("stamp", ch, "--tsa", tsa.url, "--work", "Novel")[0] == 0
    verifier = verifier_for([str(loopback_pki.root_pem)])
    r1, r2 = loopback_tsa_factory("rsa"), loopback_tsa_factory("ec")
    tsas = [dataclasses.replace(find_tsa(t.url, []), name=n) for t, n in ((r1, "A"), (r2, "B"))]
    with Ledger.open(home / "ledger.sqlite3") as lg:
        EvidenceStore(lg, home / "evidence").renew(tsas, verifier, mode="all")
    out = tmp_path / "b.zip"
    assert run("export", "Novel", "-o", out)[0] == 0
    with zipfile.ZipFile(out) as z:
        doc = json.loads(z.read("manifest.json"))
        rec = doc["receipts"][0]["evidence_records"]
        assert [e["tsas"] for e in rec] == [["A"], ["B"]]
        tsr = z.read(doc["receipts"][0]["response_file"])
        for e in rec:
            assert e["protects"] == doc["receipts"][0]["response_file"]
            lt = ers.long_term_verdict(tsr, verifier, digest=hashlib.sha256(b"chapter one\n").digest(),
                                       evidence=[z.read(e["path"])])
            assert lt.ok
        verify_md = z.read("VERIFY.md").decode()
        assert "RFC 4998" in verify_md and rec[0]["path"] in verify_md
        assert "RFC 4998" in z.read("VERIFY.zh.md").decode()
    code, stdout, _ = run("verify", out, "--json")
    res = json.loads(stdout)
    assert code == 0 and res["ok"]
    ev = [c for c in res["receipts"][0]["checks"] if c["name"] == "evidence_record"]
    assert ev and ev[0]["ok"] and "Renewed in time" in ev[0]["detail"]


def test_a_tampered_evidence_record_fails_bundle_verification(tmp_path, home, run,
                                                              loopback_tsa, loopback_pki):
    ch = tmp_path / "ch1.txt"
    ch.write_bytes(b"chapter one\n")
    assert run("stamp", ch, "--tsa", loopback_tsa.url, "--work", "Novel")[0] == 0
    verifier = verifier_for([str(loopback_pki.root_pem)])
    with Ledger.open(home / "ledger.sqlite3") as lg:
        EvidenceStore(lg, home / "evidence").renew([find_tsa(loopback_tsa.url, [])], verifier,
                                               mode="all")
    # change the stored batch's leaf list in the ledger (as damage or a forger would, past
    # the guard) before exporting
    import sqlite3

    con = sqlite3.connect(home / "ledger.sqlite3")
    con.execute("DROP TRIGGER guard_renewal_batches_no_update")
    (leaves,) = con.execute("SELECT leaves FROM renewal_batches").fetchone()
    con.execute("UPDATE renewal_batches SET leaves = ?", (b"\0" * 32 + leaves[32:],))
    con.commit()
    con.close()
    out = tmp_path / "b.zip"
    assert run("export", "Novel", "-o", out)[0] == 0
    code, stdout, _ = run("verify", out, "--json")
    res = json.loads(stdout)
    ev = [c for c in res["receipts"][0]["checks"] if c["name"] == "evidence_record"]
    assert code == 1 and ev and not ev[0]["ok"]
