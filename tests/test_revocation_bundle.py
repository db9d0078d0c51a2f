"""Revocation evidence travels with the receipt: stamped through the command line against a
TSA whose certificate names OpenSSL's OCSP responder on loopback, exported into the bundle,
readable there with openssl alone, and checked again by `proofkit verify BUNDLE`."""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from contextlib import redirect_stderr, redirect_stdout

from proofkit.bundle.instructions import sh_blocks


def _cli(pki, home):
    from proofkit.cli.main import main

    def run(*args):
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["--home", str(home), "--trust", str(pki.root_pem), *map(str, args)])
        return code, out.getvalue(), err.getvalue()

    return run


def test_bundle_carries_the_ocsp_response_and_verify_reports_it(revocation_pki, loopback_tsa_factory, tmp_path):
    pki = revocation_pki.pki
    cli = _cli(pki, tmp_path / "home")
    novel = tmp_path / "novel.txt"
    novel.write_text("第一章\n" * 100, encoding="utf-8")
    tsa = loopback_tsa_factory("ocsp_good_tsa")
    code, out, err = cli("stamp", novel, "--work", "Rain", "--tsa", tsa.url, "--json")
    assert code == 0, err
    bundle = tmp_path / "b.zip"
    code, out, err = cli("export", "Rain", "-o", bundle)
    assert code == 0, err
    with zipfile.ZipFile(bundle) as z:
        doc = json.loads(z.read("manifest.json"))
        (r,) = doc["receipts"]
        (ev,) = r["revocation"]
        assert ev["kind"] == "ocsp" and ev["url"] == revocation_pki.ocsp.url and ev["file"].startswith("revocation/")
        assert [c for c in r["verdict"]["checks"] if c["name"] == "revocation"][0]["detail"].startswith("Good")
        verify_md = z.read("VERIFY.md").decode()
        z.extractall(tmp_path / "unzipped")
    # a stranger with openssl reads the kept answer: the certificate was good
    block = [b for b in sh_blocks(verify_md) if "openssl ocsp -respin" in b]
    assert block, verify_md
    proc = subprocess.run(block[0], shell=True, cwd=tmp_path / "unzipped", capture_output=True, text=True,
                          timeout=30)
    assert proc.returncode == 0 and "Cert Status: good" in proc.stdout, proc.stdout + proc.stderr
    code, out, err = cli("verify", bundle, "--json")
    obj = json.loads(out)
    assert code == 0 and obj["ok"], out
    checks = {c["name"]: c for c in obj["receipts"][0]["checks"]}
    assert checks["revocation"]["ok"] and checks["revocation"]["detail"].startswith("Good at genTime")


def test_a_bundle_whose_revocation_file_was_swapped_is_caught(revocation_pki, loopback_tsa_factory, tmp_path):
    pki = revocation_pki.pki
    cli = _cli(pki, tmp_path / "home")
    novel = tmp_path / "novel.txt"
    novel.write_text("x\n", encoding="utf-8")
    tsa = loopback_tsa_factory("ocsp_good_tsa")
    assert cli("stamp", novel, "--work", "W", "--tsa", tsa.url)[0] == 0
    bundle = tmp_path / "b.zip"
    assert cli("export", "W", "-o", bundle)[0] == 0
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bundle) as zin, zipfile.ZipFile(bad, "w") as zout:
        for zi in zin.infolist():
            data = zin.read(zi)
            if zi.filename.startswith("revocation/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            zout.writestr(zi, data)
    code, out, _ = cli("verify", bad)
    assert code == 1 and "revocation/" in out


def test_verify_file_against_the_ledger_reports_revocation(revocation_pki, loopback_tsa_factory, tmp_path):
    pki = revocation_pki.pki
    cli = _cli(pki, tmp_path / "home")
    novel = tmp_path / "novel.txt"
    novel.write_text("y\n", encoding="utf-8")
    tsa = loopback_tsa_factory("crl_good_tsa")
    assert cli("stamp", novel, "--work", "W", "--tsa", tsa.url)[0] == 0
    code, out, err = cli("verify", novel, "--json")
    obj = json.loads(out)
    assert code == 0, err
    names = {c["name"]: c for r in obj["receipts"] for c in r["checks"]}
    assert names["revocation"]["detail"].startswith("Good at genTime") and "CRL" in names["revocation"]["detail"]
