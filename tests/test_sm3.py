"""SM3 end to end: digests, requests with the SM3 OID, loopback tokens over SM3 imprints,
our verifier and OpenSSL's own `ts -verify` / `dgst -sm3` reaching the same verdicts."""

from __future__ import annotations

import hashlib

import pytest
from asn1crypto import tsp as a_tsp

from loopback_tsa import openssl
from proofkit.core.hashing import hash_file
from proofkit.core.registry import find_tsa
from proofkit.core.stamping import request_receipt
from proofkit.core.trust import TrustStore
from proofkit.core.tsp import SM3_OID, build_request
from proofkit.core.verifier import Verifier

# GB/T 32905-2016, appendix A.1: SM3("abc")
SM3_ABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def _verifier(pki) -> Verifier:
    trust = TrustStore()
    trust.add_pem_file(pki.root_pem, "test root")
    return Verifier(trust)


def test_this_machine_has_sm3_in_hashlib_cryptography_and_openssl(tmp_path):
    from cryptography.hazmat.primitives import hashes

    assert hashlib.new("sm3", b"abc").hexdigest() == SM3_ABC
    h = hashes.Hash(hashes.SM3())
    h.update(b"abc")
    assert h.finalize().hex() == SM3_ABC
    out = openssl("dgst", "-sm3", input=b"abc").stdout.decode()
    assert SM3_ABC in out


def test_hash_file_sm3_matches_openssl_dgst(tmp_path):
    f = tmp_path / "第一章.txt"
    f.write_bytes("雨夜，她推开了那扇门。\n".encode() * 5000)
    d = hash_file(f, "sm3")
    assert d.alg == "sm3" and len(d.digest) == 32
    out = openssl("dgst", "-sm3", f).stdout.decode()
    assert out.strip().endswith(d.hex)


def test_sm3_request_is_byte_for_byte_what_openssl_sends(tmp_path):
    digest = hashlib.new("sm3", b"chapter one").digest()
    q = tmp_path / "q.tsq"
    openssl("ts", "-query", "-digest", digest.hex(), "-sm3", "-cert", "-out", q)
    theirs = q.read_bytes()
    nonce = a_tsp.TimeStampReq.load(theirs)["nonce"].native
    ours = build_request(digest, "sm3", nonce=nonce)
    assert ours.der == theirs
    parsed = a_tsp.TimeStampReq.load(ours.der)
    assert parsed["message_imprint"]["hash_algorithm"]["algorithm"].dotted == SM3_OID


def test_loopback_tsa_signs_an_sm3_imprint_and_both_verifiers_agree(loopback_tsa, loopback_pki, tmp_path):
    f = tmp_path / "novel.txt"
    f.write_bytes(b"Once upon a time\n" * 1000)
    digest = hash_file(f, "sm3").digest
    verifier = _verifier(loopback_pki)
    a = request_receipt(find_tsa(loopback_tsa.url), digest, "sm3", verifier, retries=0)
    assert a.status == "verified", a.error
    assert a.verdict.hash_alg == "sm3"
    assert a.verdict.check("imprint").ok
    # the same token against the file (hashed with the algorithm the token names)
    again = verifier.verify(a.response, file_path=f)
    assert again.ok and again.hash_alg == "sm3"
    # OpenSSL, as VERIFY.md has a stranger do it, hashes the file with SM3 itself
    tsr = tmp_path / "r.tsr"
    tsr.write_bytes(a.response)
    proc = openssl("ts", "-verify", "-in", tsr, "-data", f, "-CAfile", loopback_pki.root_pem,
                   "-untrusted", loopback_pki.chain_pem("rsa_tsa"), check=False)
    assert b"Verification: OK" in proc.stdout, proc.stderr
    text = openssl("ts", "-reply", "-in", tsr, "-text").stdout.decode()
    assert "Hash Algorithm: sm3" in text


def test_sm3_token_refuses_a_changed_file(loopback_tsa, loopback_pki, tmp_path):
    f = tmp_path / "novel.txt"
    f.write_bytes(b"draft 1\n")
    verifier = _verifier(loopback_pki)
    a = request_receipt(find_tsa(loopback_tsa.url), hash_file(f, "sm3").digest, "sm3", verifier,
                        retries=0)
    assert a.status == "verified", a.error
    f.write_bytes(b"draft 2\n")
    v = verifier.verify(a.response, file_path=f)
    assert not v.ok and v.failures[0].name == "imprint"
    # an SM3 token is not mistaken for a SHA-256 one with the same bytes
    v = verifier.verify(a.response, digest=a.verdict.imprint, digest_alg="sha256")
    assert not v.ok and v.failures[0].name == "imprint"


def test_sm3_missing_from_openssl_is_one_clear_sentence(monkeypatch, tmp_path):
    from proofkit.core import hashing
    from proofkit.core.errors import InputError

    real = hashlib.new

    def no_sm3(name, *a, **k):
        if name == "sm3":
            raise ValueError("unsupported hash type sm3")
        return real(name, *a, **k)

    monkeypatch.setattr(hashing.hashlib, "new", no_sm3)
    f = tmp_path / "x.txt"
    f.write_bytes(b"x")
    with pytest.raises(InputError) as exc:
        hash_file(f, "sm3")
    assert "cannot compute SM3" in exc.value.message and "\n" not in exc.value.message


def test_cli_hash_stamp_verify_and_export_with_sm3(loopback_tsa, loopback_pki, tmp_path):
    import io
    import json
    import zipfile
    from contextlib import redirect_stderr, redirect_stdout

    from proofkit.cli.main import main

    def cli(*args):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["--home", str(tmp_path / "home"), "--trust", str(loopback_pki.root_pem), *map(str, args)])
        return code, out.getvalue(), err.getvalue()

    f = tmp_path / "ch1.txt"
    f.write_bytes("第一章\n".encode() * 300)
    sm3 = hashlib.new("sm3", f.read_bytes()).hexdigest()
    code, out, _ = cli("hash", "--hash", "sm3", f)
    assert code == 0 and out.split()[0] == sm3
    code, out, err = cli("stamp", f, "--work", "W", "--hash", "sm3", "--tsa", loopback_tsa.url, "--json")
    assert code == 0, err
    (item,) = json.loads(out)
    assert item["digest"] == sm3 and item["receipts"][0]["status"] == "verified"
    assert item["receipts"][0]["hash_alg"] == "sm3"
    code, out, err = cli("verify", f, "--json")  # found through its SM3 digest
    assert code == 0 and json.loads(out)["ok"], out + err
    bundle = tmp_path / "b.zip"
    assert cli("export", "W", "-o", bundle)[0] == 0
    with zipfile.ZipFile(bundle) as z:
        verify_md = z.read("VERIFY.md").decode()
    assert f"openssl dgst -sm3 {f.name}" in verify_md and sm3 in verify_md
    code, out, err = cli("verify", bundle, "--file", f)
    assert code == 0 and "matches v1" in out, out + err
