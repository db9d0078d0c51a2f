"""Self-test of the loopback TSA fixture, checked only with the openssl CLI (no proofkit code)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

QUERY_CT = {"Content-Type": "application/timestamp-query"}


def run_openssl(*args) -> subprocess.CompletedProcess:
    return subprocess.run(["openssl", *map(str, args)], capture_output=True, text=True)


def make_query(tmp_path: Path, content: bytes = b"ProofKit loopback TSA self-test\n",
               name: str = "q") -> Path:
    data = tmp_path / f"{name}.dat"
    data.write_bytes(content)
    query = tmp_path / f"{name}.tsq"
    proc = run_openssl("ts", "-query", "-data", data, "-sha256", "-cert", "-out", query)
    assert proc.returncode == 0, proc.stderr
    return query


def post(url: str, body: bytes, timeout: float = 10, headers=QUERY_CT):
    req = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, resp.headers.get("Content-Type"), resp.read()
    except urllib.error.HTTPError as err:  # non-2xx: report it like a response
        with err:
            return err.code, err.headers.get("Content-Type"), err.read()


def fetch_reply(tsa, query: Path, out: Path) -> Path:
    status, ctype, body = post(tsa.url, query.read_bytes())
    assert status == 200
    assert ctype == "application/timestamp-reply"
    out.write_bytes(body)
    return out


def reply_text(reply: Path) -> str:
    proc = run_openssl("ts", "-reply", "-in", reply, "-text")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def gen_time(reply: Path) -> dt.datetime:
    m = re.search(r"^Time stamp: (.*)$", reply_text(reply), re.M)
    assert m, "no genTime in reply"
    text = re.sub(r"\.\d+", "", " ".join(m.group(1).split()))  # drop fractional seconds
    return dt.datetime.strptime(text, "%b %d %H:%M:%S %Y GMT").replace(tzinfo=dt.timezone.utc)


def ts_verify(pki, query: Path, reply: Path, chain: Path, attime: dt.datetime | None):
    args = ["ts", "-verify", "-queryfile", query, "-in", reply,
            "-CAfile", pki.root_pem, "-untrusted", chain]
    if attime is not None:
        args += ["-attime", int(attime.timestamp())]
    return run_openssl(*args)


def token_print(tmp_path: Path, reply: Path) -> str:
    tok = tmp_path / "token.der"
    assert run_openssl("ts", "-reply", "-in", reply, "-token_out", "-out", tok).returncode == 0
    proc = run_openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", tok)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


# --------------------------------------------------------------------------- PKI


def test_pki_files_and_chains(loopback_pki):
    pki = loopback_pki
    for name in pki.NAMES:
        ident = pki.identity(name)
        assert ident.cert_pem.is_file() and ident.key_pem.is_file()
    assert pki.root_pem == pki.root.cert_pem
    assert pki.intermediate_pem == pki.intermediate.cert_pem
    # chain = leaf + intermediates, never the root
    assert pki.chain_pem("rsa_tsa").read_text().count("BEGIN CERTIFICATE") == 2
    assert pki.chain_pem("ec_tsa").read_text().count("BEGIN CERTIFICATE") == 1
    assert pki.root_pem.read_text() not in pki.chain_pem("rsa_tsa").read_text()
    proc = run_openssl("verify", "-CAfile", pki.root_pem, "-untrusted",
                       pki.intermediate_pem, "-purpose", "timestampsign",
                       pki.rsa_tsa.cert_pem)
    assert proc.returncode == 0, proc.stderr
    text = run_openssl("x509", "-in", pki.ec_tsa.cert_pem, "-noout", "-text").stdout
    assert "NIST CURVE: P-384" in text or "secp384r1" in text
    assert re.search(r"Extended Key Usage: critical\s+Time Stamping", text)


# --------------------------------------------------------------------------- good tokens


@pytest.mark.parametrize("signer,ess,ess_attr", [
    ("rsa", "v2", "id-smime-aa-signingCertificateV2"),
    ("rsa", "v1", "id-smime-aa-signingCertificate"),
    ("ec", "v2", "id-smime-aa-signingCertificateV2"),
])
def test_ok_token_verifies(loopback_pki, loopback_tsa_factory, tmp_path, signer, ess, ess_attr):
    tsa = loopback_tsa_factory(signer, ess=ess)
    query = make_query(tmp_path)
    reply = fetch_reply(tsa, query, tmp_path / "r.tsr")
    assert tsa.requests == [query.read_bytes()] and tsa.request_count == 1
    when = gen_time(reply)
    proc = ts_verify(loopback_pki, query, reply, loopback_pki.chain_pem(tsa.signer_name), when)
    assert "Verification: OK" in proc.stdout, proc.stderr
    printed = token_print(tmp_path, reply)
    assert re.search(rf"object: {re.escape(ess_attr)} \(", printed)
    if signer == "ec":
        assert "ecdsa-with-SHA256" in printed
    text = reply_text(reply)
    # the stock openssl.cnf names 1.2.3.4.1 "tsa_policy1"
    assert re.search(r"Policy OID: (1\.2\.3\.4\.1|tsa_policy1)$", text, re.M)
    assert "Ordering: yes" in text
    assert "Nonce: " in text and "TSA: DirName:" in text


@pytest.mark.skipif(shutil.which("faketime") is None, reason="faketime not installed")
def test_old_signer_under_faketime(loopback_pki, loopback_tsa_factory, tmp_path):
    tsa = loopback_tsa_factory("old", faketime="2021-06-01 12:00:00")
    query = make_query(tmp_path)
    reply = fetch_reply(tsa, query, tmp_path / "r.tsr")
    when = gen_time(reply)
    assert when.year == 2021
    chain = loopback_pki.chain_pem("old_tsa")
    proc = ts_verify(loopback_pki, query, reply, chain, when)
    assert "Verification: OK" in proc.stdout, proc.stderr
    # ... but the signer certificate has expired since: checking "now" fails
    proc = ts_verify(loopback_pki, query, reply, chain, None)
    assert "Verification: OK" not in proc.stdout and "certificate has expired" in proc.stderr


# --------------------------------------------------------------------------- bad tokens


@pytest.mark.parametrize("mode,reason", [
    ("flipsig", "signature failure"),
    ("noeku", "unsuitable certificate purpose"),
    ("expired", "certificate has expired"),
    ("untrusted", "unable to get local issuer certificate"),
    ("replay", "message imprint mismatch"),
])
def test_bad_token_fails_verification(loopback_pki, loopback_tsa_factory, tmp_path, mode, reason):
    tsa = loopback_tsa_factory(mode=mode)
    query = make_query(tmp_path)
    reply = fetch_reply(tsa, query, tmp_path / "r.tsr")
    assert "Status: Granted." in reply_text(reply)
    proc = ts_verify(loopback_pki, query, reply, loopback_pki.chain_pem(tsa.signer_name),
                     gen_time(reply))
    assert proc.returncode != 0 and "Verification: OK" not in proc.stdout
    assert reason in proc.stderr, proc.stderr
    assert tsa.request_count == 1


def test_noeku_token_is_otherwise_valid(loopback_pki, loopback_tsa_factory, tmp_path):
    """The noeku token's only defect is the EKU: the CMS signature and chain are fine."""
    tsa = loopback_tsa_factory(mode="noeku")
    reply = fetch_reply(tsa, make_query(tmp_path), tmp_path / "r.tsr")
    tok = tmp_path / "tok.der"
    assert run_openssl("ts", "-reply", "-in", reply, "-token_out", "-out", tok).returncode == 0
    proc = run_openssl("cms", "-verify", "-inform", "DER", "-in", tok, "-binary",
                       "-CAfile", loopback_pki.root_pem, "-purpose", "any",
                       "-certfile", loopback_pki.chain_pem("noeku_tsa"), "-out", tmp_path / "x")
    assert proc.returncode == 0 and "Verification successful" in proc.stderr, proc.stderr


def test_replay_returns_the_same_response(loopback_tsa_factory, tmp_path):
    tsa = loopback_tsa_factory(mode="replay")
    bodies = [post(tsa.url, make_query(tmp_path, bytes([i]) * 10, f"q{i}").read_bytes())[2]
              for i in range(2)]
    assert bodies[0] == bodies[1]
    assert tsa.request_count == 2 and tsa.requests[0] != tsa.requests[1]


# --------------------------------------------------------------------------- HTTP level


def test_http500(loopback_tsa_factory, tmp_path):
    tsa = loopback_tsa_factory(mode="http500")
    status, ctype, body = post(tsa.url, make_query(tmp_path).read_bytes())
    assert status == 500 and ctype.startswith("text/plain") and b"http500" in body
    assert tsa.request_count == 1


def test_html(loopback_tsa_factory, tmp_path):
    tsa = loopback_tsa_factory(mode="html")
    status, ctype, body = post(tsa.url, make_query(tmp_path).read_bytes())
    assert status == 200 and ctype.startswith("text/html")
    assert body.lstrip().lower().startswith(b"<!doctype html")


def test_truncated(loopback_tsa_factory, tmp_path):
    tsa = loopback_tsa_factory(mode="truncated")
    status, ctype, body = post(tsa.url, make_query(tmp_path).read_bytes())
    assert status == 200 and ctype == "application/timestamp-reply"
    assert 100 < len(body) < 2000
    reply = tmp_path / "r.tsr"
    reply.write_bytes(body)
    assert run_openssl("ts", "-reply", "-in", reply, "-text").returncode != 0


def test_rejection(loopback_pki, loopback_tsa_factory, tmp_path):
    tsa = loopback_tsa_factory(mode="rejection")
    query = make_query(tmp_path)
    reply = fetch_reply(tsa, query, tmp_path / "r.tsr")
    text = reply_text(reply)
    assert "Status: Rejected." in text and "Status description:" in text
    proc = ts_verify(loopback_pki, query, reply, loopback_pki.chain_pem("rsa_tsa"), None)
    assert "Verification: OK" not in proc.stdout


def test_refuse(loopback_tsa_factory, tmp_path):
    tsa = loopback_tsa_factory(mode="refuse")
    with pytest.raises(urllib.error.URLError) as err:
        post(tsa.url, make_query(tmp_path).read_bytes(), timeout=5)
    assert isinstance(err.value.reason, ConnectionRefusedError)
    assert tsa.requests == []


def test_hang_times_out_and_stops_quickly(loopback_tsa_factory, tmp_path):
    tsa = loopback_tsa_factory(mode="hang")
    t0 = time.monotonic()
    with pytest.raises((TimeoutError, urllib.error.URLError)) as err:
        post(tsa.url, make_query(tmp_path).read_bytes(), timeout=1)
    if isinstance(err.value, urllib.error.URLError):
        assert isinstance(err.value.reason, TimeoutError)
    assert time.monotonic() - t0 < 5
    assert tsa.request_count == 1
    t0 = time.monotonic()
    tsa.stop()
    assert time.monotonic() - t0 < 2


def test_wrong_content_type_and_context_manager(loopback_pki, tmp_path):
    from loopback_tsa import LoopbackTSA

    with LoopbackTSA(loopback_pki) as tsa:
        status, _, _ = post(tsa.url, make_query(tmp_path).read_bytes(),
                            headers={"Content-Type": "application/octet-stream"})
        assert status == 415
        assert tsa.request_count == 1
        url = tsa.url
    with pytest.raises(urllib.error.URLError):
        post(url, b"x", timeout=2)
