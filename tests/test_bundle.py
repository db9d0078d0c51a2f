"""Evidence bundles end to end: a ledger filled through real loopback TSAs (RSA and ECDSA),
``proofkit export``, the VERIFY.md commands run as written with bash + openssl + sha256sum,
``proofkit verify BUNDLE.zip``, tampering, the PDF (fonts embedded, text extractable),
reproducibility, pending/failed receipts, folder stamps."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from test_bundle_support import (
    FILE_NAME,
    TITLE,
    fill_ledger,
    manifest,
    run_cli,
    run_verify_md,
    unzip,
)

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl")


@pytest.fixture
def filled(loopback_pki, loopback_tsa_factory, tmp_path, capsys):
    """A ledger with two versions of 第一章.txt, each stamped by an RSA and an ECDSA TSA."""
    home = tmp_path / "home"
    tsas = [loopback_tsa_factory("rsa"), loopback_tsa_factory("ec", ess="v1")]
    files = fill_ledger(capsys, home, loopback_pki, tsas, tmp_path / "work")

    def cli(*argv, trust=True):
        return run_cli(capsys, home, loopback_pki.root_pem if trust else None, *argv)

    return {"home": home, "files": files, "cli": cli, "tmp": tmp_path, "pki": loopback_pki, "tsas": tsas}


def _export(filled, name: str, *extra) -> Path:
    out = filled["tmp"] / name
    code, so, se = filled["cli"]("export", TITLE, "-o", out, *extra)
    assert code == 0, se
    assert out.is_file()
    return out


def _assert_commands_pass(root: Path, n_receipts: int, n_sha: int) -> None:
    for name in ("VERIFY.md", "VERIFY.zh.md"):
        results = run_verify_md(root, name)
        for r in results:
            assert r.returncode == 0, (r.args, r.stdout, r.stderr)
        ts = [r for r in results if "openssl ts -verify" in r.args[-1]]
        assert len(ts) == n_receipts
        assert all("Verification: OK" in r.stdout for r in ts)
        sums = [r for r in results if "sha256sum" in r.args[-1]]
        assert len(sums) == n_sha
        assert all(": OK" in r.stdout and "FAILED" not in r.stdout for r in sums)


# ------------------------------------------------------------------ export + openssl
@pytest.mark.parametrize("with_originals", [False, True])
def test_export_commands_run_as_written(filled, with_originals):
    extra = ["--include-original"] if with_originals else []
    bundle = _export(filled, "evidence.zip", "--lang", "zh", *extra)
    root = unzip(bundle, filled["tmp"] / "unzipped")
    names = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
    assert {"manifest.json", "VERIFY.md", "VERIFY.zh.md", "report.pdf"} <= names
    assert sum(n.endswith(".tsr") for n in names) == 4 and sum(n.endswith(".tst") for n in names) == 4
    assert any(n.startswith("certs/root-") for n in names)
    assert (f"originals/v1/{FILE_NAME}" in names) is with_originals
    assert (f"originals/v2/{FILE_NAME}" in names) is with_originals

    m = manifest(root)
    assert m["media_type"] == "application/vnd.proofkit.bundle+json" and m["version"] == 2
    assert m["work"]["title"] == TITLE and m["generator"]["name"] == "ProofKit"
    assert [v["file_name"] for v in m["versions"]] == [FILE_NAME, FILE_NAME]
    assert len(m["receipts"]) == 4 and m["not_proof"] == []
    for r in m["receipts"]:
        assert r["verdict"]["ok"] is True
        assert {c["name"] for c in r["verdict"]["checks"]} >= {"signature", "chain", "imprint", "nonce"}
        assert r["ledger_events"] and all(len(e["hash"]) == 64 for e in r["ledger_events"])
        # .tsr exactly as received, .tst the exact slice
        tsr, tst = (root / r["response_file"]).read_bytes(), (root / r["token_file"]).read_bytes()
        assert tst in tsr and len(tst) < len(tsr)
    for v in m["versions"]:
        assert v["ledger_events"] and v["sha256"] == v["digest"]
    # The bundle's own digests are right.
    import hashlib

    for e in m["members"]:
        assert hashlib.sha256((root / e["path"]).read_bytes()).hexdigest() == e["sha256"]
    _assert_commands_pass(root, n_receipts=4, n_sha=2 if with_originals else 0)
    verify_md = (root / "VERIFY.md").read_text(encoding="utf-8")
    assert "Verification: OK" in verify_md and "-attime" in verify_md
    if not with_originals:
        assert "-digest " in verify_md and "originals/" not in verify_md


def test_tampering_makes_commands_and_verify_fail(filled):
    bundle = _export(filled, "evidence.zip", "--include-original")
    code, out, err = filled["cli"]("verify", bundle)
    assert code == 0, out + err
    assert "every receipt holds" in out

    for member in (f"originals/v1/{FILE_NAME}", "tokens/r1.tsr"):
        root = unzip(bundle, filled["tmp"] / f"t-{member.replace('/', '_')}")
        p = root / member
        data = bytearray(p.read_bytes())
        data[-10 if member.endswith(".tsr") else len(data) // 2] ^= 0x01  # a signature byte
        p.write_bytes(bytes(data))
        results = run_verify_md(root)
        failed = [r for r in results if r.returncode != 0 or "FAILED" in r.stdout]
        assert failed, f"flipping a byte of {member} went unnoticed by VERIFY.md"
        assert any(member.split("/")[-1] in r.args[-1] for r in failed)
        # The same tampering in a zip: proofkit verify says no.
        bad = filled["tmp"] / f"bad-{p.name}.zip"
        _rezip(bundle, bad, {member: bytes(data)})
        code, out, err = filled["cli"]("verify", bad)
        assert code == 1, out + err
        assert "NOT" in out
        code, out, _ = filled["cli"]("verify", bad, "--json")
        obj = json.loads(out)
        assert obj["ok"] is False and obj["problems"]


def _rezip(src: Path, dst: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for zi in zin.infolist():
            data = (replace or {}).get(zi.filename, zin.read(zi))
            zout.writestr(zi, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)


def test_verify_bundle_cli_trust_files_and_json(filled, tmp_path):
    bundle = _export(filled, "evidence.zip")
    cli = filled["cli"]
    code, out, _ = cli("verify", bundle, "--json")
    obj = json.loads(out)
    assert code == 0 and obj["ok"] is True and len(obj["receipts"]) == 4
    r0 = obj["receipts"][0]
    assert set(r0) >= {"token", "ok", "gen_time", "tsa", "checks"}
    assert all({"name", "ok", "detail"} <= set(c) for c in r0["checks"])
    assert "ProofKit Test Root CA" in r0["anchor"] and "user:" in r0["anchor"]
    # Without --trust, the bundle's own root is NOT trusted: the receiver decides.
    code, out, err = cli("verify", bundle, trust=False)
    assert code == 1 and "chain" in out
    # The original files, given by the receiver, are matched by digest.
    code, out, _ = cli("verify", bundle, "--file", filled["files"]["v1"], "--file", filled["files"]["v2"])
    assert code == 0, out
    assert out.count("  file ") == 2 and "matches v1" in out and "matches v2" in out
    other = tmp_path / "other.txt"
    other.write_text("不是这一章\n", encoding="utf-8")
    code, out, _ = cli("verify", bundle, "--file", other)
    assert code == 1 and "matches no file" in out
    code, _, err = cli("verify", bundle, "--file", tmp_path / "missing.txt")
    assert code == 2 and "no such file" in err


def test_added_member_is_reported(filled):
    bundle = _export(filled, "evidence.zip")
    bad = filled["tmp"] / "added.zip"
    _rezip(bundle, bad, add={"tokens/r99.tsr": b"\x30\x00"})
    code, out, err = filled["cli"]("verify", bad)
    assert code == 1 and "not listed in manifest.json" in out, out + err


# ------------------------------------------------------------------ PDF
@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler-utils")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_fonts_embedded_and_text(filled, lang):
    bundle = _export(filled, f"evidence-{lang}.zip", "--lang", lang)
    root = unzip(bundle, filled["tmp"] / f"pdf-{lang}")
    pdf = root / "report.pdf"
    assert pdf.stat().st_size < 300_000
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # the "emb" column
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert TITLE in text and FILE_NAME in text
    assert "existed no later than the time shown" in flat
    assert "does not by itself prove who wrote the file" in flat
    assert "这份证据证明什么" in text
    first_zh, first_en = text.find("时间戳证据报告"), text.find("Time-stamp evidence report")
    assert (first_zh < first_en) if lang == "zh" else (first_en < first_zh)
    out = Path(os.environ.get("PROOFKIT_TEST_PNG_DIR", filled["tmp"])) / f"report-{lang}"
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(out)], check=True)
    assert list(out.parent.glob(f"report-{lang}*.png"))


# ------------------------------------------------------------------ reproducibility
def test_two_exports_are_identical(filled, monkeypatch):
    """The export time is the export's own (issue 15: it was the ledger's last event);
    SOURCE_DATE_EPOCH pins it, and then two exports are the same bytes."""
    from datetime import datetime, timezone

    before = datetime.now(timezone.utc).replace(microsecond=0)
    a = _export(filled, "a.zip", "--include-original", "--lang", "zh")
    after = datetime.now(timezone.utc)
    m = manifest(a)
    assert m["exported_at_source"] == "clock" and m["exported_at"] != m["ledger_head"]["at"]
    assert before <= datetime.fromisoformat(m["exported_at"].replace("Z", "+00:00")) <= after
    with zipfile.ZipFile(a) as zf:
        names = [zi.filename for zi in zf.infolist()]
        assert names == sorted(names)
        assert len({zi.date_time for zi in zf.infolist()}) == 1
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000001")
    a = _export(filled, "a2.zip", "--include-original", "--lang", "zh")
    b = _export(filled, "b.zip", "--include-original", "--lang", "zh")
    assert a.read_bytes() == b.read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    c = _export(filled, "c.zip", "--include-original", "--lang", "zh")
    assert manifest(c)["exported_at"] == "2023-11-14T22:13:20Z"
    assert manifest(c)["exported_at_source"] == "SOURCE_DATE_EPOCH"
    with zipfile.ZipFile(c) as zf:
        assert zf.infolist()[0].date_time == (2023, 11, 14, 22, 13, 20)


# ------------------------------------------------------------------ targets and not-proof receipts
def test_targets(filled):
    cli, tmp = filled["cli"], filled["tmp"]
    m = manifest(_export(filled, "all.zip"))
    v1, v2 = [v["id"] for v in m["versions"]]
    r_of_v2 = [r["id"] for r in m["receipts"] if r["version_id"] == v2]

    code, _, err = cli("export", str(v2), "-o", tmp / "v.zip")
    assert code == 0, err
    assert [v["id"] for v in manifest(tmp / "v.zip")["versions"]] == [v2]

    code, _, err = cli("export", f"r{r_of_v2[0]}", "-o", tmp / "r.zip")
    assert code == 0, err
    assert [r["id"] for r in manifest(tmp / "r.zip")["receipts"]] == [r_of_v2[0]]

    code, _, err = cli("export", filled["files"]["v1"], "-o", tmp / "f.zip")
    assert code == 0, err
    assert [v["id"] for v in manifest(tmp / "f.zip")["versions"]] == [v1]

    for bad in ("没有这部作品", "999", "r999"):
        code, _, err = cli("export", bad, "-o", tmp / "x.zip")
        assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    never = tmp / "never.txt"
    never.write_text("never stamped", encoding="utf-8")
    code, _, err = cli("export", never, "-o", tmp / "x.zip")
    assert code == 2 and "never stamped" in err
    assert not (tmp / "x.zip").exists()


def test_pending_and_failed_receipts_are_not_proof(loopback_pki, loopback_tsa_factory, tmp_path, capsys):
    home = tmp_path / "home"
    good = loopback_tsa_factory("ec")
    rejecting = loopback_tsa_factory("rsa", mode="rejection")
    down = loopback_tsa_factory("rsa", mode="http500")
    f = tmp_path / "第二章.txt"
    f.write_text("第二章\n", encoding="utf-8")

    def cli(*argv):
        return run_cli(capsys, home, loopback_pki.root_pem, *argv)

    code, out, err = cli("stamp", f, "--tsa", rejecting.url, "--tsa", down.url, "--tsa", good.url,
                         "--timeout", "2", "--work", "雨夜")
    statuses = sorted(r["status"] for r in json.loads(cli("log", "--json")[1])[0]["receipts"])
    assert statuses == ["failed", "pending", "verified"]
    code, _, err = cli("export", "雨夜", "-o", tmp_path / "b.zip")
    assert code == 0, err
    m = manifest(tmp_path / "b.zip")
    assert len(m["receipts"]) == 1 and m["receipts"][0]["tsa"] and m["receipts"][0]["verdict"]["ok"]
    assert sorted(n["status"] for n in m["not_proof"]) == ["failed", "pending"]
    with zipfile.ZipFile(tmp_path / "b.zip") as zf:
        assert len([n for n in zf.namelist() if n.endswith(".tsr")]) == 1
        assert "not proof" in zf.read("VERIFY.md").decode() or "not included as proof" in zf.read("VERIFY.md").decode()

    # A work whose only receipts are pending/failed has nothing to export: exit 1, no zip.
    g = tmp_path / "第三章.txt"
    g.write_text("第三章\n", encoding="utf-8")
    cli("stamp", g, "--tsa", rejecting.url, "--tsa", down.url, "--timeout", "2", "--work", "空")
    code, _, err = cli("export", "空", "-o", tmp_path / "none.zip")
    assert code == 1 and "no receipt verifies" in err
    assert not (tmp_path / "none.zip").exists()


def test_changed_original_comes_from_the_vault_or_is_left_out_and_said(filled):
    filled["files"]["v1"].write_text("改过了\n", encoding="utf-8")
    # kept at stamp time (issue 16): the stamped bytes come from the vault, and say so
    bundle = _export(filled, "evidence.zip", "--include-original")
    v1, v2 = manifest(bundle)["versions"]
    assert v1["original"] == f"originals/v{v1['id']}/{FILE_NAME}" and "vault" in v1["notes"][0]
    root = unzip(bundle, filled["tmp"] / "u0")
    _assert_commands_pass(root, n_receipts=4, n_sha=2)
    # without the vault (kept elsewhere, or turned off), it is left out and said, as before
    import shutil

    shutil.rmtree(filled["home"] / "vault")
    bundle = _export(filled, "evidence2.zip", "--include-original")
    m = manifest(bundle)
    v1, v2 = m["versions"]
    assert v1["original"] is None and "changed since it was stamped" in v1["notes"][0]
    assert v2["original"] == f"originals/v{v2['id']}/{FILE_NAME}"
    root = unzip(bundle, filled["tmp"] / "u")
    _assert_commands_pass(root, n_receipts=4, n_sha=1)


# ------------------------------------------------------------------ folder stamps
def test_folder_stamp_bundle(loopback_pki, loopback_tsa_factory, tmp_path, capsys):
    home = tmp_path / "home"
    tsa = loopback_tsa_factory("rsa")
    folder = tmp_path / "长篇小说"
    (folder / "卷一").mkdir(parents=True)
    (folder / "卷一" / "第一章.txt").write_text("第一章\n", encoding="utf-8")
    (folder / "大纲 outline.md").write_text("# 大纲\n", encoding="utf-8")

    def cli(*argv):
        return run_cli(capsys, home, loopback_pki.root_pem, *argv)

    code, _, err = cli("stamp", folder, "--tsa", tsa.url, "--work", "长篇")
    assert code == 0, err
    for extra in ([], ["--include-original"]):
        out = tmp_path / f"folder{len(extra)}.zip"
        code, _, err = cli("export", "长篇", "-o", out, *extra)
        assert code == 0, err
        m = manifest(out)
        [v] = m["versions"]
        assert v["kind"] == "manifest" and v["manifest_file"].startswith("manifests/")
        assert {e["path"] for e in v["manifest_entries"]} == {"卷一/第一章.txt", "大纲 outline.md"}
        root = unzip(out, tmp_path / f"u{len(extra)}")
        results = run_verify_md(root)
        for r in results:
            assert r.returncode == 0, (r.args, r.stdout, r.stderr)
        assert sum("Verification: OK" in r.stdout for r in results) == 1
        joined = "".join(r.stdout for r in results)
        assert "manifests/" in joined and ": OK" in joined
        if extra:
            assert "卷一/第一章.txt: OK" in joined and "大纲 outline.md: OK" in joined
        code, vout, _ = cli("verify", out)
        assert code == 0, vout
    # The receiver's copy of one file of the folder is found in the manifest.
    code, vout, _ = cli("verify", tmp_path / "folder1.zip", "--file", folder / "卷一" / "第一章.txt")
    assert code == 0 and "matches v" in vout


def test_an_unsigned_version_added_to_the_manifest_proves_nothing(filled, tmp_path):
    """manifest.json is not signed: a version slipped into it (without a receipt) must not make
    a never-stamped file verify (found in review)."""
    import hashlib
    import json
    import zipfile

    out = _export(filled, "b.zip")
    other = tmp_path / "other.txt"
    other.write_text("never stamped")
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(forged, "w") as dst:
        for zi in src.infolist():
            data = src.read(zi)
            if zi.filename == "manifest.json":
                doc = json.loads(data)
                v = dict(doc["versions"][0], id=999, file_name="other.txt",
                         digest=hashlib.sha256(other.read_bytes()).hexdigest(), originals=[])
                doc["versions"].append(v)
                data = json.dumps(doc).encode()
            dst.writestr(zi, data)
    code, out_text, _ = filled["cli"]("verify", forged, "--file", other)
    assert code == 1 and "no valid receipt" in out_text


def test_many_small_members_cannot_exhaust_memory(tmp_path):
    import zipfile

    from proofkit.bundle.safezip import SafeZip
    from proofkit.core.errors import InputError

    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(80):
            z.writestr(f"tokens/r{i}.tsr", b"\0" * (1 << 20))
    with pytest.raises(InputError):
        SafeZip(bomb).__enter__()
