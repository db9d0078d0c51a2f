"""Stamping a model with its fingerprint (one request per TSA), the ledger's fingerprint
index, `proofkit verify` falling back to it, and `proofkit compare vN` from the stamp alone."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess

import numpy as np
import pytest

from model_factory import kohya_names, model, write_safetensors
from proofkit.app import model_stamps
from proofkit.app.session import Session
from proofkit.cli.main import main
from proofkit.core.errors import InputError
from proofkit.core import manifest as mf


@pytest.fixture
def models(tmp_path):
    m = model(1)
    return {
        "mine": write_safetensors(tmp_path / "leosam.safetensors", m, {"ss_output_name": "leosam"}),
        "copy": write_safetensors(tmp_path / "reupload.safetensors",
                                  kohya_names({k: v.astype(np.float16) if v.dtype == np.float32 else v
                                               for k, v in m.items()})),
        "other": write_safetensors(tmp_path / "other.safetensors", model(2)),
    }


def test_stamp_model_covers_file_and_fingerprint_with_one_request_per_tsa(
        tmp_path, loopback_pki, loopback_tsa_factory, models):
    a, b = loopback_tsa_factory("rsa"), loopback_tsa_factory("ec")
    with Session(tmp_path / "home", trust=[str(loopback_pki.root_pem)]) as s:
        ms = model_stamps.stamp_model(s, models["mine"], work="LEOSAM v2", tsa=[a.url, b.url])
        res = ms.result
        assert res.status == "verified" and len(res.verified) == 2
        assert len(a.requests) == 1 and len(b.requests) == 1  # one request per TSA covers both
        m = mf.parse(res.version.manifest_text)
        listed = {e.rel_path: e.digest_hex for e in m.entries}
        assert listed == {"leosam.safetensors": hashlib.sha256(models["mine"].read_bytes()).hexdigest(),
                          "leosam.safetensors.fingerprint.json": ms.fingerprint.sha256}
        # kept in the ledger, indexed, and read back checked against the stamped digest
        version, fp = model_stamps.version_fingerprint(s, res.version.id)
        assert fp.data == ms.fingerprint.data and version.id == res.version.id
        assert s.ledger.check() == []
        token = res.verified[0].response
    # Provable without ProofKit: sha256sum -c over the manifest, openssl ts -verify over the token.
    d = tmp_path / "proof"
    d.mkdir()
    (d / "manifest.sha256").write_text(res.version.manifest_text, encoding="utf-8")
    (d / "leosam.safetensors").write_bytes(models["mine"].read_bytes())
    (d / "leosam.safetensors.fingerprint.json").write_bytes(ms.fingerprint.data)
    (d / "token.tsr").write_bytes(token)
    out = subprocess.run(["sha256sum", "-c", "manifest.sha256"], cwd=d, capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.count(": OK") == 2
    out = subprocess.run(["openssl", "ts", "-verify", "-data", "manifest.sha256", "-in", "token.tsr",
                          "-CAfile", str(loopback_pki.root_pem)], cwd=d, capture_output=True, text=True)
    assert "Verification: OK" in out.stdout, out.stderr


def test_a_changed_stored_fingerprint_is_refused(tmp_path, loopback_pki, loopback_tsa, models):
    home = tmp_path / "home"
    with Session(home, trust=[str(loopback_pki.root_pem)]) as s:
        ms = model_stamps.stamp_model(s, models["mine"], tsa=[loopback_tsa.url])
        db = s.ledger.path
    doc = json.loads(ms.fingerprint.data)
    doc["tensors"][0]["sha256"] = "0" * 64
    con = sqlite3.connect(db)
    con.execute("UPDATE model_fingerprints SET doc = ?", (json.dumps(doc).encode(),))
    con.commit()
    con.close()
    with Session(home, trust=[str(loopback_pki.root_pem)]) as s:
        with pytest.raises(InputError, match="changed after stamping"):
            model_stamps.version_fingerprint(s, ms.result.version.id)
        problems = s.ledger.check()
        assert [p.message for p in problems] == [
            f"Model fingerprint 1 of version {ms.result.version.id} does not match its digest: "
            "it was modified outside ProofKit."]


def test_cli_stamp_verify_fallback_and_compare_from_the_stamp(
        tmp_path, loopback_pki, loopback_tsa_factory, models, capsys):
    home = tmp_path / "home"
    a, b = loopback_tsa_factory("rsa"), loopback_tsa_factory("ec")
    base = ["--home", str(home), "--trust", str(loopback_pki.root_pem)]
    code = main(base + ["stamp", "--fingerprint", str(models["mine"]), "--work", "LEOSAM v2",
                        "--tsa", a.url, "--tsa", b.url, "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out[0]["files"] == 2 and len(out[0]["receipts"]) == 2
    version_id = out[0]["id"]
    # the original file still verifies as stamped (it is listed in the stamped manifest)
    code = main(base + ["verify", str(models["mine"])])
    assert code == 0
    capsys.readouterr()
    # a re-encoded copy: not the file stamped, but its tensors are
    code = main(base + ["verify", str(models["copy"])])
    text = capsys.readouterr().out
    assert code == 1
    assert "not the file you stamped, but 20/22 tensors equal your \u201cLEOSAM v2\u201d" in text
    assert "by 2 TSAs" in text and "Same weights" in text
    code = main(base + ["verify", str(models["copy"]), "--json"])
    obj = json.loads(capsys.readouterr().out)
    assert obj["ok"] is False and obj["stamped_models"][0]["verdict"] == "same_weights"
    code = main(base + ["verify", str(models["other"])])
    assert code == 1 and "tensors equal" not in capsys.readouterr().out
    # compare against the stamped version: the original file is not needed
    models["mine"].unlink()
    code = main(base + ["compare", f"v{version_id}", str(models["copy"]), "--json"])
    r = json.loads(capsys.readouterr().out)
    assert code == 0 and r["verdict"] == "same_weights"
    assert r["mine_stamps"]["work"] == "LEOSAM v2" and len(r["mine_stamps"]["receipts"]) == 2
    code = main(base + ["compare", "v999", str(models["copy"])])
    assert code == 2 and "No version 999" in capsys.readouterr().err


def test_stamp_fingerprint_refuses_a_file_that_is_not_a_model(tmp_path, capsys):
    p = tmp_path / "notes.txt"
    p.write_text("hello")
    code = main(["--home", str(tmp_path / "h"), "stamp", "--fingerprint", str(p)])
    assert code == 2 and "not one" in capsys.readouterr().err


def test_export_puts_the_fingerprint_and_the_comparison_in_the_bundle(
        tmp_path, loopback_pki, loopback_tsa, models, capsys):
    import zipfile

    home = tmp_path / "home"
    base = ["--home", str(home), "--trust", str(loopback_pki.root_pem)]
    assert main(base + ["stamp", "--fingerprint", str(models["mine"]), "--work", "LEOSAM v2",
                        "--tsa", loopback_tsa.url]) == 0
    out = tmp_path / "evidence.zip"
    code = main(base + ["export", "LEOSAM v2", "-o", str(out), "--compare", str(models["copy"]), "--lang", "zh"])
    text = capsys.readouterr().out
    assert code == 0 and "comparison with" in text and "Same weights" in text
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        manifest = json.loads(z.read("manifest.json"))
        comparison = json.loads(z.read("comparison.json"))
        fp_member = next(n for n in names if n.endswith(".fingerprint.json"))
        fp_bytes = z.read(fp_member)
        stamped = z.read(manifest["versions"][0]["manifest_file"]).decode()
        z.extractall(tmp_path / "x")
    assert comparison["verdict"] == "same_weights" and comparison["mine_stamps"]["receipts"]
    assert manifest["comparison"]["verdict"] == "same_weights"
    assert hashlib.sha256(fp_bytes).hexdigest() in stamped
    # the fingerprint is the stamped one: sha256sum -c over the stamped manifest checks it
    v = manifest["versions"][0]
    run = subprocess.run(["sha256sum", "-c", "--ignore-missing", "../../" + v["manifest_file"]],
                         cwd=tmp_path / "x" / "originals" / f"v{v['id']}", capture_output=True, text=True)
    assert run.returncode == 0 and "fingerprint.json: OK" in run.stdout
    # the bundle verifies as a whole, the fingerprint as one of its originals
    code = main(["--home", str(tmp_path / "other"), "--trust", str(loopback_pki.root_pem), "verify", str(out)])
    report = capsys.readouterr().out
    assert code == 0, report
    pdf = subprocess.run(["pdftotext", str(tmp_path / "x" / "report.pdf"), "-"], capture_output=True, text=True)
    assert "模型比对" in pdf.stdout and "Same weights" in pdf.stdout
    # the comparison is an item of the evidence catalogue, on the page where it starts
    item = next(i for i in manifest["catalogue"] if i["key"] == "comparison")
    page = subprocess.run(["pdftotext", "-f", str(item["page"]), "-l", str(item["page"]),
                           str(tmp_path / "x" / "report.pdf"), "-"], capture_output=True, text=True).stdout
    assert "模型比对" in page and "Same weights" in page
    # the sentence on what it shows and does not, in Chinese too (pdftotext may break its lines)
    flat = "".join(page.split())
    assert "相同的权重不可能偶然出现" in flat and "Equal weights cannot arise by chance" in " ".join(page.split())
    # without a fingerprint among the versions: one clear sentence
    other = tmp_path / "plain.txt"
    other.write_text("chapter")
    main(base + ["stamp", str(other), "--work", "Plain", "--tsa", loopback_tsa.url])
    capsys.readouterr()
    code = main(base + ["export", "Plain", "-o", str(tmp_path / "p.zip"), "--compare", str(models["copy"])])
    assert code == 2 and "--compare needs a model stamped" in capsys.readouterr().err
