"""`proofkit fingerprint` and `proofkit compare` (models): output, --json, -o, exit codes."""

from __future__ import annotations

import hashlib
import json
import struct
import zlib

import numpy as np
import pytest

from model_factory import kohya_names, lora, model, rescale_lora, write_safetensors
from proofkit.cli.main import main
from proofkit.core.models.fingerprint import load


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli-models")
    m, o = model(1), model(2)
    return {
        "mine": write_safetensors(d / "mine.safetensors", m, {"ss_output_name": "mine"}),
        "copy": write_safetensors(d / "copy.safetensors",
                                  kohya_names({k: v.astype(np.float16) if v.dtype == np.float32 else v
                                               for k, v in m.items()})),
        "other": write_safetensors(d / "other.safetensors", o),
        "lora": write_safetensors(d / "lora.safetensors", lora(3)),
        "lora2": write_safetensors(d / "lora2.safetensors", rescale_lora(lora(3))),
        "dir": d,
    }


def run(capsys, *argv):
    code = main(list(map(str, argv)))
    out, err = capsys.readouterr()
    return code, out, err


def test_fingerprint_text_json_and_saved_document(files, capsys, tmp_path):
    code, out, err = run(capsys, "fingerprint", files["mine"])
    assert code == 0
    data = files["mine"].read_bytes()
    assert hashlib.sha256(data).hexdigest() in out
    assert hashlib.sha256(data).hexdigest()[:10].upper() in out  # AutoV2
    assert "SD1.5" in out and "ss_output_name = mine" in out
    code, out, _ = run(capsys, "fingerprint", files["mine"], "--json", "-o", tmp_path / "fp.json")
    assert code == 0
    saved = (tmp_path / "fp.json").read_bytes()
    assert out.encode() == saved + b"\n"  # the canonical bytes, as stored and stamped
    doc = load(saved)
    assert doc["file"]["sha256"] == hashlib.sha256(data).hexdigest()


def test_compare_exit_codes_and_json(files, capsys, tmp_path):
    code, out, _ = run(capsys, "compare", files["mine"], files["copy"])
    assert code == 0 and out.startswith("Verdict: Same weights, re-encoded")
    assert "20 after fp16 rounding" in out
    code, out, _ = run(capsys, "compare", files["mine"], files["other"], "--json")
    assert code == 1
    r = json.loads(out)
    assert r["verdict"] == "no_evidence" and r["figures"]["share"] < 0.1
    # MINE as a saved fingerprint: the original file is not needed
    run(capsys, "fingerprint", files["mine"], "-o", tmp_path / "mine.json")
    code, out, _ = run(capsys, "compare", tmp_path / "mine.json", files["copy"], "--json",
                       "-o", tmp_path / "r.html")
    assert code == 0 and json.loads(out)["verdict"] == "same_weights"
    page = (tmp_path / "r.html").read_text()
    assert "Same weights, re-encoded" in page and "<script" not in page
    code, out, _ = run(capsys, "compare", files["lora"], files["lora2"])
    assert code == 0 and "6 with the same effective change" in out


def test_compare_refuses_what_it_cannot_read(files, capsys, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("chapter one")
    code, _, err = run(capsys, "compare", files["mine"], notes)
    assert code == 2 and err.count("\n") == 1 and "not a model file" in err
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(struct.pack("<Q", 1 << 40) + b"{}")
    code, _, err = run(capsys, "compare", files["mine"], bad)
    assert code == 2 and err.count("\n") == 1 and "over the" in err and "Traceback" not in err
    code, _, err = run(capsys, "fingerprint", tmp_path / "missing.safetensors")
    assert code == 2 and "no such file" in err
    code, _, err = run(capsys, "compare", files["mine"], files["copy"], "-o", tmp_path / "r.docx")
    assert code == 2 and ".html, .pdf or .json" in err and not (tmp_path / "r.docx").exists()


def test_compare_writes_the_report_as_pdf_and_json(files, capsys, tmp_path):
    """Issue 13's -o REPORT.pdf: the verdict in Chinese and English and the figures, as text a
    PDF reader extracts (CJK font embedded); .json is the report itself."""
    import shutil
    import subprocess

    code, _, _ = run(capsys, "compare", files["mine"], files["copy"], "-o", tmp_path / "r.pdf", "--json")
    assert code == 0
    data = (tmp_path / "r.pdf").read_bytes()
    assert data.startswith(b"%PDF") and b"FontFile2" in data
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "权重相同（重新编码）" in text and "Same weights, re-encoded" in text
        assert "20 after fp16 rounding" in text
    code, out, _ = run(capsys, "compare", files["mine"], files["other"], "-o", tmp_path / "r.json", "--json")
    assert code == 1
    saved = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert saved["verdict"] == "no_evidence" == json.loads(out)["verdict"]


def test_compare_with_a_sample_picture(files, capsys, tmp_path):
    autov2 = hashlib.sha256(files["mine"].read_bytes()).hexdigest()[:10]

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    text = f"a cat\nSteps: 20, Model hash: {autov2}, Model: mine".encode()
    png = tmp_path / "cat.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
                    + chunk(b"tEXt", b"parameters\0" + text) + chunk(b"IEND", b""))
    code, out, _ = run(capsys, "compare", files["mine"], png)
    assert code == 0 and "The picture names MINE" in out and autov2 in out
    code, out, _ = run(capsys, "compare", files["other"], png)
    assert code == 1 and "another model" in out


def test_a_saved_fingerprint_with_long_claims_is_still_recognised(capsys, tmp_path):
    # canonical JSON sorts "claims" before "format": a header full of claims pushes it far in
    from model_factory import model, write_safetensors

    meta = {k: "模型" * 100 for k in ("modelspec.title", "modelspec.author", "modelspec.date",
                                   "modelspec.architecture", "ss_output_name", "ss_sd_model_name",
                                   "ss_new_sd_model_hash", "ss_base_model_version", "sshs_model_hash",
                                   "sshs_legacy_hash", "modelspec.hash_sha256")}
    m = write_safetensors(tmp_path / "m.safetensors", model(3), meta)
    run(capsys, "fingerprint", m, "-o", tmp_path / "m.json")
    assert (tmp_path / "m.json").read_bytes().index(b'"format"') > 4096
    code, out, _ = run(capsys, "compare", tmp_path / "m.json", m, "--json")
    assert code == 0 and json.loads(out)["verdict"] == "same_file"
