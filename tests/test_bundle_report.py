"""The evidence report as a court, a platform or a lawyer reads it (issue 15), checked on the
rendered PDF (pdftotext, pdftoppm) and on the data the bundle carries (manifest.json v2,
VERIFY.md): the catalogue on page 1 with real page numbers, one certificate per version with
each receipt's verdict, TSA, country, times in UTC and Beijing time, accuracy, certificate and
root fingerprint, SHA-256 and SM3, the hash check with its commands, a folder's file list,
version numbers within the work, the export's own time, the author's declaration labelled as
declared, not proven; typography. Old (format 1) bundles still verify."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import re
import shutil
import subprocess
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes

from proofkit.app.session import Session
from proofkit.bundle.collect import sm3_available
from proofkit.core.settings import Settings, load_settings, save_settings
from test_bundle_support import FILE_NAME, TITLE, fill_ledger, manifest, run_cli, unzip

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("openssl") is None,
                                reason="needs poppler-utils and openssl")

FIXTURES = Path(__file__).parent / "fixtures" / "bundle"
AUTHOR = dict(author_pen_names=["风起云涌", "Wind"], author_real_name="张三",
              author_accounts=["番茄小说: https://fanqienovel.com/author-page/7012345678"],
              author_contact="zhangsan@example.com")
TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?")


def pdf_pages(pdf: Path, *, layout: bool = False) -> list[str]:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout.split("\f")[:-1]


def flat(text: str) -> str:
    return " ".join(text.split())


def squash(text: str) -> str:
    """No whitespace at all: a Chinese sentence wrapped over two lines reads whole again."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def shelf(loopback_pki, loopback_tsa_factory, tmp_path, capsys):
    """Another work first (so ledger ids and version numbers differ), then two versions of
    第一章.txt by an RSA and an ECDSA TSA, plus a TSA that refuses the second; the author's
    declaration in the settings."""
    home = tmp_path / "home"
    good = [loopback_tsa_factory("rsa"), loopback_tsa_factory("ec", ess="v1")]
    refusing = loopback_tsa_factory("rsa", mode="rejection")
    other = tmp_path / "序章.txt"
    other.write_text("序章\n", encoding="utf-8")
    code, _, err = run_cli(capsys, home, loopback_pki.root_pem, "stamp", other, "--tsa", good[0].url,
                           "--work", "序章")
    assert code == 0, err
    files = fill_ledger(capsys, home, loopback_pki, good, tmp_path / "work")
    # a third receipt for v2, refused by its TSA: not proof, and said so
    code, _, _ = run_cli(capsys, home, loopback_pki.root_pem, "stamp", files["v2"], "--tsa", refusing.url,
                         "--work", TITLE)
    with Session(home) as s:
        s.save_settings(dataclasses.replace(s.settings, **AUTHOR))

    def cli(*argv):
        return run_cli(capsys, home, loopback_pki.root_pem, *argv)

    return {"home": home, "files": files, "cli": cli, "tmp": tmp_path, "pki": loopback_pki, "tsas": good}


def _export(shelf, name: str, *extra) -> Path:
    out = shelf["tmp"] / name
    code, _, err = shelf["cli"]("export", TITLE, "-o", out, *extra)
    assert code == 0, err
    return out


def _root_fingerprint(pki) -> str:
    root = x509.load_pem_x509_certificate(Path(pki.root_pem).read_bytes())
    fp = root.fingerprint(hashes.SHA256()).hex().upper()
    return ":".join(fp[i:i + 2] for i in range(0, len(fp), 2))


def _catalogue(page1_layout: str) -> dict[str, int]:
    """序号 -> 页码 as printed on page 1 (the item's first line ends with its page)."""
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"(?m)^(1-\d+)\s.*?\s(\d+)\s*$", page1_layout)}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_is_the_document_the_issue_describes(shelf, lang, caplog):
    caplog.set_level(logging.WARNING, logger="fpdf")
    before = datetime.now(timezone.utc).replace(microsecond=0)
    bundle = _export(shelf, f"evidence-{lang}.zip", "--lang", lang)
    # every character has a glyph in the embedded font (fpdf2 drops and logs the others)
    assert not [r for r in caplog.records if "missing" in r.getMessage()], caplog.text
    root = unzip(bundle, shelf["tmp"] / f"u-{lang}")
    m = manifest(root)
    pdf = root / "report.pdf"
    pages, layout = pdf_pages(pdf), pdf_pages(pdf, layout=True)
    text = flat("\n".join(pages))

    # format 2, the ledger id kept as `id`, the number within the work added
    assert m["version"] == 2
    assert [(v["number"], v["label"]) for v in m["versions"]] == [(1, "v1"), (2, "v2")]
    assert [v["id"] for v in m["versions"]] == [2, 3]

    # --- page 1: the catalogue, each item on the page it names
    assert "证据目录" in pages[0] and "Evidence catalogue" in pages[0]
    printed = _catalogue(layout[0])
    items = m["catalogue"]
    assert [i["number"] for i in items] == ["1-1", "1-2", "1-3", "1-4", "1-5"]
    assert printed == {i["number"]: i["page"] for i in items}
    heading = {"overview": "证据说明", "author": "作者声明", "verify": "如何核验"}
    for item in items:
        page = pages[item["page"] - 1]
        assert item["name"]["zh"].split("：")[0].split(" ")[0] in flat(pages[0])
        if item["key"].startswith("version-"):
            v = next(v for v in m["versions"] if f"version-{v['id']}" == item["key"])
            assert "存证证书" in page and f"{v['label']} {FILE_NAME}" in page, item
        else:
            assert heading[item["key"]] in page, item
        for lang_ in ("zh", "en"):
            assert item["purpose"][lang_] and item["source"][lang_]
    # the first language comes first
    assert (pages[0].find("时间戳证据报告") < pages[0].find("Time-stamp evidence report")) is (lang == "zh")

    # --- each receipt's verdict, stated plainly, on its version's certificate
    receipts = m["receipts"]
    assert len(receipts) == 4
    for r in receipts:
        assert r["facts"]["verdict"] == "verified"
        assert re.search(rf"(回执|Receipt) r{r['id']} ✓ (已验证|verified) / ✓ (verified|已验证)", text), r["id"]
        assert r["facts"]["gen_time"] in text and r["facts"]["gen_time_beijing"] in text
        assert r["facts"]["accuracy"] == "±1 s" and r["facts"]["tsa_country"] == "XX"
        assert r["facts"]["tsa_certificate"]["subject"] in text
        assert r["facts"]["tsa_certificate"]["issuer"] in text
    assert text.count("✓ 已验证") == text.count("✓ verified") == 4
    # the refused receipt: not proof, with its reason, never ticked
    [refused] = m["not_proof"]
    assert refused["status"] == "failed"
    assert f"r{refused['receipt_id']}" in text and ("✘ 未验证" in text and "✘ not verified" in text)
    # the anchoring root's fingerprint, as `openssl x509 -fingerprint -sha256` prints it
    assert _root_fingerprint(shelf["pki"]) in text

    # --- SHA-256 and SM3 of each version, the hash check and its commands
    for v, path in zip(m["versions"], (shelf["files"]["v1"], shelf["files"]["v2"])):
        data = path.read_bytes()
        assert v["sha256"] == hashlib.sha256(data).hexdigest() and v["sha256"] in text
        if sm3_available():
            assert v["sm3"] == hashlib.new("sm3", data).hexdigest() and v["sm3"] in text
    assert "哈希值校验说明" in text and "Hash check" in text
    assert f'certutil -hashfile "{FILE_NAME}" SHA256' in text
    assert f"sha256sum '{FILE_NAME}'" in text and f"openssl dgst -sha256 '{FILE_NAME}'" in text

    # --- the export's own time, in UTC and Beijing time
    exported = datetime.fromisoformat(m["exported_at"].replace("Z", "+00:00"))
    assert before <= exported <= datetime.now(timezone.utc) and m["exported_at_source"] == "clock"
    assert exported.strftime("%Y-%m-%d %H:%M:%S UTC") in pages[0]
    assert (exported + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M:%S 北京时间") in pages[0]

    # --- the author's declaration: declared, not proven, with what a time stamp proves
    assert m["author"]["status"] == "declared, not proven"
    assert m["author"]["declared"]["pen_names"] == AUTHOR["author_pen_names"]
    author_page = squash(pages[next(i["page"] for i in items if i["key"] == "author") - 1])
    for needle in ("declared, not proven", "未经证明", "张三", "zhangsan@example.com",
                   "https://fanqienovel.com/author-page/7012345678",
                   "It does not prove who wrote the file", "不能证明文件是谁写的"):
        assert squash(needle) in author_page, needle

    # --- typography: no "(s)" plurals, every time with its zone, page numbers, no word cut
    assert "(s)" not in text and "(-ies)" not in text and "(ies)" not in text
    for match in TIME.finditer(text):
        after = text[match.end():match.end() + 14]
        assert "UTC" in after or "北京时间" in after, text[match.start() - 20:match.end() + 20]
    n = len(pages)
    for i, page in enumerate(pages, 1):
        assert f"page {i} of {n}" in page and f"第 {i} 页，共 {n} 页" in page
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        for a, b in zip(lines, lines[1:]):
            assert not (re.search(r"\bTS?$", a) and re.match(r"S?A\b", b)), (a, b)


def test_pages_render_and_look_like_pages(shelf):
    """pdftoppm renders every page (the PNGs are what a person looks at)."""
    pdf = unzip(_export(shelf, "look.zip", "--lang", "zh"), shelf["tmp"] / "look") / "report.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(shelf["tmp"] / "page")], check=True)
    pngs = sorted(shelf["tmp"].glob("page-*.png"))
    assert len(pngs) == len(pdf_pages(pdf)) >= 5
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)


def test_source_date_epoch_pins_the_export_time(shelf, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = unzip(_export(shelf, "pinned.zip", "--lang", "en"), shelf["tmp"] / "pinned")
    m = manifest(root)
    assert m["exported_at"] == "2023-11-14T22:13:20Z" and m["exported_at_source"] == "SOURCE_DATE_EPOCH"
    page1 = flat(pdf_pages(root / "report.pdf")[0])
    assert "2023-11-14 22:13:20 UTC" in page1 and "2023-11-15 06:13:20 北京时间" in page1
    assert "pinned by SOURCE_DATE_EPOCH" in page1


def test_verify_md_carries_the_same_facts(shelf):
    root = unzip(_export(shelf, "facts.zip", "--lang", "zh"), shelf["tmp"] / "facts")
    m = manifest(root)
    for name, verified, declared in (("VERIFY.md", "✓ verified", "declared, not proven"),
                                     ("VERIFY.zh.md", "✓ 已验证", "未经证明")):
        md = (root / name).read_text(encoding="utf-8")
        assert md.count(verified) == len(m["receipts"])
        assert _root_fingerprint(shelf["pki"]) in md
        assert declared in md and "张三" in md
        assert f'certutil -hashfile "{FILE_NAME}" SHA256' in md
        assert "### v1: " in md and "### v2: " in md
        for v in m["versions"]:
            assert (v["sm3"] or "unavailable") in md if sm3_available() else True
        for r in m["receipts"]:
            assert r["facts"]["gen_time_beijing"] in md and r["facts"]["accuracy"] in md


def test_no_author_no_declaration(shelf):
    with Session(shelf["home"]) as s:
        s.save_settings(Settings())
    root = unzip(_export(shelf, "anon.zip", "--lang", "en"), shelf["tmp"] / "anon")
    m = manifest(root)
    assert m["author"] is None and [i["key"] for i in m["catalogue"]][-1] == "verify"
    assert "declared, not proven" not in flat("\n".join(pdf_pages(root / "report.pdf")))


def test_folder_lists_its_files_and_what_was_stamped(loopback_pki, loopback_tsa, tmp_path, capsys):
    home = tmp_path / "home"
    folder = tmp_path / "长篇小说"
    (folder / "卷一").mkdir(parents=True)
    files = {"卷一/第一章.txt": "第一章\n" * 3, "大纲 outline.md": "# 大纲\n", "卷一/第二章 TSA notes.txt": "二\n"}
    for rel, body in files.items():
        (folder / rel).write_text(body, encoding="utf-8")
    code, _, err = run_cli(capsys, home, loopback_pki.root_pem, "stamp", folder, "--tsa", loopback_tsa.url,
                           "--work", "长篇")
    assert code == 0, err
    (folder / "大纲 outline.md").write_text("# 改过的大纲\n", encoding="utf-8")  # changed since the stamp

    out = tmp_path / "all.zip"
    code, _, err = run_cli(capsys, home, loopback_pki.root_pem, "export", "长篇", "-o", out, "--lang", "zh")
    assert code == 0, err
    root = unzip(out, tmp_path / "all")
    [v] = manifest(root)["versions"]
    assert v["files_listed"] == "all" and (v["number"], v["label"]) == (1, "v1")
    sizes = {f["path"]: f["size"] for f in v["files"]}
    assert sizes == {rel: (None if rel == "大纲 outline.md" else len(body.encode()))
                     for rel, body in files.items()}
    manifest_bytes = (root / v["manifest_file"]).read_bytes()
    assert v["digest"] == hashlib.sha256(manifest_bytes).hexdigest()
    if sm3_available():
        assert v["sm3"] == hashlib.new("sm3", manifest_bytes).hexdigest()
    layout = "\n".join(pdf_pages(root / "report.pdf", layout=True))
    text = flat("\n".join(pdf_pages(root / "report.pdf")))
    for rel, body in files.items():
        assert hashlib.sha256(body.encode()).hexdigest() in text
        size = "changed since the stamp" if rel == "大纲 outline.md" else f"{len(body.encode())} 字节"
        row = next(line for line in layout.splitlines() if hashlib.sha256(body.encode()).hexdigest() in line)
        assert size in row or size in text, (rel, row)
    assert "清单中的全部 3 个文件" in text and "被盖时间戳的是清单本身的 SHA-256" in text
    assert f"{v['digest']} {v['manifest_file']}" in text
    # the manifest's size is labelled as the manifest's (issue 15: a folder showed "445 字节")
    assert f"清单 {len(manifest_bytes):,} 字节" in text

    # those the author picks: only they are listed, the manifest (all names) stays in the bundle
    out = tmp_path / "picked.zip"
    code, _, err = run_cli(capsys, home, loopback_pki.root_pem, "export", "长篇", "-o", out, "--lang", "en",
                           "--original", "卷一/第一章.txt")
    assert code == 0, err
    root = unzip(out, tmp_path / "picked")
    [v] = manifest(root)["versions"]
    assert v["files_listed"] == "picked" and [f["path"] for f in v["files"]] == ["卷一/第一章.txt"]
    text = flat("\n".join(pdf_pages(root / "report.pdf")))
    assert "1 file picked by the author" in text and "1 files" not in text
    assert hashlib.sha256(files["大纲 outline.md"].encode()).hexdigest() not in text


@pytest.mark.parametrize("name", ["v1-two-versions.zip", "v1-folder.zip"])
def test_format_1_bundles_still_verify(name, tmp_path, capsys):
    """Bundles written by the format-1 exporter (kept as fixtures) verify with this reader."""
    with zipfile.ZipFile(FIXTURES / name) as zf:
        assert json.loads(zf.read("manifest.json"))["version"] == 1
    code, out, err = run_cli(capsys, tmp_path / "home", FIXTURES / "v1-root.pem", "verify", FIXTURES / name)
    assert code == 0, out + err
    assert "every receipt holds" in out
    # and a tampered one still fails
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(FIXTURES / name) as src, zipfile.ZipFile(bad, "w") as dst:
        for zi in src.infolist():
            data = src.read(zi)
            if zi.filename.startswith("tokens/") and zi.filename.endswith(".tsr"):
                data = data[:-8] + bytes(8)
            dst.writestr(zi, data)
    code, _, _ = run_cli(capsys, tmp_path / "home", FIXTURES / "v1-root.pem", "verify", bad)
    assert code == 1


def test_author_settings_round_trip_and_tolerance(tmp_path):
    s = Settings(**AUTHOR)
    save_settings(s, tmp_path)
    back = load_settings(tmp_path)
    assert back.author_declaration() == {"pen_names": ["风起云涌", "Wind"], "real_name": "张三",
                                         "accounts": AUTHOR["author_accounts"], "contact": "zhangsan@example.com"}
    assert Settings().author_declaration() is None
    assert Settings(author_pen_names=["  "], author_contact=" ").author_declaration() is None
    doc = json.loads(back.to_json())
    doc.update(author_pen_names="not a list", author_real_name=7)
    (tmp_path / "settings.json").write_text(json.dumps(doc), encoding="utf-8")
    odd = load_settings(tmp_path)
    assert odd.author_pen_names == [] and odd.author_real_name == "" and odd.author_contact == "zhangsan@example.com"
