"""The palette use case and `proofkit compare`: a work's stamped versions are searched and each
事件 is attributed to the earliest version containing it, with receipts that verify (real
loopback TSAs, a real ledger); the outputs are self-contained and complete."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest
from textgen import Generator

from proofkit.app import stamping
from proofkit.app.session import Session
from proofkit.app.text_comparing import compare_texts, write_outputs
from proofkit.cli.main import main
from proofkit.core.errors import InputError
from proofkit.core.text.normalise import normalise


@pytest.fixture
def session(tmp_path, loopback_pki):
    s = Session(tmp_path / "home", trust=[str(loopback_pki.root_pem)])
    yield s
    s.close()


def _passage(text: str, at: int, n: int = 300) -> str:
    s = text.index("。", at) + 1
    return text[s : text.index("。", s + n) + 1]


def _dead_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/tsa"  # nothing listens there: the stamp stays pending


@pytest.fixture
def work(tmp_path, session, loopback_tsa):
    """Three stamped drafts of one work: v1; v2 = v1 + a new chapter; v3 = v2 + another, whose
    stamp is still pending. A suspect copies one passage from each layer."""
    g = Generator(21)
    part1, part2, part3 = g.novel(20_000), g.novel(8_000), g.novel(8_000)
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    texts = [part1, part1 + part2, part1 + part2 + part3]
    versions = []
    for i, text in enumerate(texts, 1):
        p = drafts / f"draft{i}.txt"
        p.write_text(text, encoding="utf-8")
        tsa = [loopback_tsa.url] if i < 3 else [_dead_url()]
        [res] = stamping.stamp(session, [p], work="长夜", tsa=tsa, timeout=2)
        versions.append(res.version.id)
    other = Generator(22).novel(30_000)
    copied = [_passage(part1, 5000), _passage(part2, 2000), _passage(part3, 2000)]
    suspect = tmp_path / "copy.txt"
    suspect.write_bytes(("甲" + other[:8000] + "乙" + copied[0] + "丙" + other[8000:16000] + "丁" + copied[1]
                         + "戊" + other[16000:24000] + "己" + copied[2] + "庚" + other[24000:]).encode("gb18030"))
    return {"versions": versions, "copied": copied, "suspect": suspect, "drafts": drafts}


def _event_for(result, passage):
    want = normalise(passage).text
    for e in result.comparison.events:
        if normalise(e.suspect.text).text == want:
            return e
    raise AssertionError(f"no 事件 for {passage[:20]}")


def test_each_event_is_attributed_to_the_earliest_stamped_version(session, work):
    res = compare_texts(session, "长夜", str(work["suspect"]))
    v1, v2, v3 = work["versions"]
    assert res.mine_kind == "work" and sorted(res.versions_searched) == [v1, v2, v3]
    assert res.comparison.suspect.encoding == "gb18030"
    e1, e2, e3 = (_event_for(res, p) for p in work["copied"])
    assert [e.provenance["version_id"] for e in (e1, e2, e3)] == [v1, v2, v3]
    for e, p in zip((e1, e2), work["copied"]):
        assert e.identical == len(normalise(p))
        assert e.provenance["verified_receipts"] == 1 and len(e.provenance["times"]) == 1
        assert re.search(r": \d{4}-\d\d-\d\dT", e.provenance["times"][0])
    # v3's receipt is pending: it is named, never shown as a time
    assert e3.provenance["times"] == [] and "not proof" in e3.provenance["note"]
    assert res.comparison.summary.mine_coverage is None
    assert res.notes == []

    # a draft changed on disk since its stamp is read from the vault's copy of its stamped bytes
    draft1 = work["drafts"] / "draft1.txt"
    stamped = draft1.read_bytes()
    draft1.write_text("改过了。", encoding="utf-8")
    res = compare_texts(session, "长夜", str(work["suspect"]))
    assert res.notes == []
    assert _event_for(res, work["copied"][0]).provenance["version_id"] == v1

    # with no copy in the vault either, it is not searched, and that is said
    import hashlib

    from proofkit.app.keeping import vault_of

    vault_of(session).object_path("sha256", hashlib.sha256(stamped).hexdigest()).unlink()
    res = compare_texts(session, "长夜", str(work["suspect"]))
    assert any(f"version {v1}" in n and "changed" in n and "vault holds no copy" in n for n in res.notes)
    # the passage of v1 is still found, now attributed to v2 (the earliest stamped text to be had)
    assert _event_for(res, work["copied"][0]).provenance["version_id"] == v2


def test_unknown_mine_is_one_sentence(session, tmp_path):
    suspect = tmp_path / "copy.txt"
    suspect.write_text("第一章 正文。", encoding="utf-8")
    with pytest.raises(InputError, match="no such file, folder, or work"):
        compare_texts(session, "没有这部作品", str(suspect))


def test_cli_compare_json_and_outputs(tmp_path, loopback_pki, work, capsys):
    home = tmp_path / "home"
    base = ["--home", str(home), "--trust", str(loopback_pki.root_pem), "compare"]
    assert main(base + ["长夜", str(work["suspect"]), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["format"] == "proofkit-text-comparison" and out["mine"]["source"] == "work"
    assert out["summary"]["events"] == len(out["events"]) >= 3
    assert out["summary"]["identical_chars"] >= sum(len(normalise(p)) for p in work["copied"])
    assert set(out["statement"]) == {"zh", "en"}
    # a file as MINE, every output at once
    folder = tmp_path / "palette"
    folder.mkdir()
    assert main(base + [str(work["drafts"] / "draft3.txt"), str(work["suspect"]), "-o", str(folder)]) == 0
    text = capsys.readouterr().out
    assert "事件" in text and "雷同字数" in text and "wrote" in text
    html = (folder / "palette.html").read_text(encoding="utf-8")
    n = html.count('class="ev"')
    assert n == len(re.findall(r'id="s-\d+"', html)) == len(re.findall(r'id="m-\d+"', html)) >= 3
    for i in range(1, n + 1):
        assert f'href="#m-{i}"' in html and f'href="#s-{i}"' in html
    assert not re.search(r'(src|href)="(https?:)?//', html), "the page must not load anything from elsewhere"
    rows = (folder / "matches.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("number,kind,identical_chars")
    assert json.loads((folder / "matches.json").read_text(encoding="utf-8"))["summary"]["events"] == n
    pdf = (folder / "palette.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/FontFile2" in pdf
    from pypdf import PdfReader

    first = PdfReader(str(folder / "palette.pdf")).pages[0].extract_text()
    assert "调色盘" in first and "雷同字数" in first


def test_cli_compare_refuses_what_is_not_text(tmp_path, capsys):
    model = tmp_path / "m.safetensors"
    model.write_bytes(b"\0" * 16)
    txt = tmp_path / "a.txt"
    txt.write_text("第一章 正文。", encoding="utf-8")
    assert main(["--home", str(tmp_path / "h"), "compare", str(txt), str(model)]) == 2
    assert "not a manuscript" in capsys.readouterr().err
    assert main(["--home", str(tmp_path / "h"), "compare", str(txt), str(txt), "-o", str(tmp_path / "x.doc")]) == 2
    assert ".html, .pdf, .json or .csv" in capsys.readouterr().err
    # nothing of MINE in SUSPECT: exit 1, as for models
    other = tmp_path / "b.txt"
    other.write_text(Generator(3).novel(2000), encoding="utf-8")
    assert main(["--home", str(tmp_path / "h"), "compare", str(txt), str(other), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["summary"]["events"] == 0


def test_write_outputs_is_atomic_per_file(tmp_path, session):
    a = tmp_path / "a.txt"
    a.write_text(Generator(1).novel(3000), encoding="utf-8")
    res = compare_texts(session, str(a), str(a))
    [p] = write_outputs(res, tmp_path / "p.html")
    assert p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert res.comparison.summary.mine_coverage == pytest.approx(1.0)
    assert not list(tmp_path.glob(".proofkit-*"))


def test_every_stamp_of_a_manuscript_records_its_content_identity(session, loopback_tsa, tmp_path):
    """The .txt (GB18030), .docx and .epub of one chapter, stamped separately, and the same
    chapter inside a stamped folder, link to one normalised-text identity in the ledger."""
    import docx
    from ebooklib import epub

    paras = ["第一章 初到京城", "“这是哪里？”他问道。", "京城的风很大，吹得人睁不开眼。"]
    txt = tmp_path / "ch1.txt"
    txt.write_bytes("\r\n".join(paras).encode("gb18030"))
    d = docx.Document()
    for p in paras:
        d.add_paragraph(p)
    d.save(str(tmp_path / "ch1.docx"))
    book = epub.EpubBook()
    book.set_identifier("x")
    book.set_title("书")
    it = epub.EpubHtml(title=paras[0], file_name="c1.xhtml", lang="zh")
    it.content = "<html><body>" + "".join(f"<p>{p}</p>" for p in paras) + "</body></html>"
    book.add_item(it)
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = [it]
    epub.write_epub(str(tmp_path / "ch1.epub"), book)
    noise = tmp_path / "noise.txt"
    noise.write_bytes(bytes(range(128, 256)) * 4)  # no strict encoding reads it: no identity
    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "001.txt").write_text("\n".join(paras), encoding="utf-8")
    (folder / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")

    ids = {}
    for p in (txt, tmp_path / "ch1.docx", tmp_path / "ch1.epub", noise):
        [res] = stamping.stamp(session, [p], work="京城", tsa=[loopback_tsa.url])
        ids[p.name] = res.version.id
    [res] = stamping.stamp(session, [folder], work="京城", tsa=[loopback_tsa.url])
    ids["book"] = res.version.id

    ledger = session.ledger
    assert ledger.text_identities(ids["noise.txt"]) == []
    [(rel, sha, chars)] = ledger.text_identities(ids["ch1.txt"])
    assert rel == "" and sha == normalise("".join(paras)).sha256 and chars == len(normalise("".join(paras)))
    assert ledger.text_identities(ids["book"]) == [("001.txt", sha, chars)]
    linked = ledger.versions_by_text_identity(sha)
    assert [(v.id, r) for v, r in linked] == [(ids["ch1.txt"], ""), (ids["ch1.docx"], ""),
                                               (ids["ch1.epub"], ""), (ids["book"], "001.txt")]
    assert ledger.check() == []


def test_a_v1_ledger_upgrades_to_text_identities(tmp_path):
    """v6 on an old ledger (the v1 fixture): the table, its index and append-only guard are
    there, old versions have no identity until given one, and nothing else changed."""
    import shutil
    import sqlite3

    from proofkit.ledger import Ledger
    from proofkit.ledger.migrations import SCHEMA_VERSION

    db = tmp_path / "data" / "ledger.sqlite3"
    db.parent.mkdir()
    shutil.copyfile(Path(__file__).parent / "fixtures" / "ledger" / "ledger-v1.sqlite3", db)
    with Ledger.open(db) as lg:
        novel = lg.versions()[0]
        assert lg.text_identities(novel.id) == []
        lg.add_text_identities(novel.id, [("", "AB" * 32, 10)])
        lg.add_text_identities(novel.id, [("", "ab" * 32, 10)])  # once per file
        assert lg.text_identities(novel.id) == [("", "ab" * 32, 10)]
        assert [v.id for v, _ in lg.versions_by_text_identity("AB" * 32)] == [novel.id]
        assert lg.check() == []
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        plan = " ".join(str(r) for r in con.execute(
            "EXPLAIN QUERY PLAN SELECT version_id FROM text_identities WHERE normalised_sha256 = 'x'"))
        assert "ix_text_identities_normalised_sha256" in plan
        with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
            con.execute("DELETE FROM text_identities")
    finally:
        con.close()


def test_cli_export_work_with_a_suspect_manuscript(tmp_path, loopback_pki, work, capsys):
    """`proofkit export WORK --compare SUSPECT.txt`: the palette and comparison.json in the
    bundle (listed with their digests), each 事件 attributed as compare attributes it; the
    bundle verifies."""
    import zipfile

    out = tmp_path / "evidence.zip"
    base = ["--home", str(tmp_path / "home"), "--trust", str(loopback_pki.root_pem)]
    assert main(base + ["export", "长夜", "-o", str(out), "--compare", str(work["suspect"])]) == 0
    assert "事件" in capsys.readouterr().out
    with zipfile.ZipFile(out) as z:
        comparison = json.loads(z.read("comparison.json"))
        listed = {m["path"] for m in json.loads(z.read("manifest.json"))["members"]}
    assert {"palette.pdf", "palette.html"} <= listed
    v1, v2, _v3 = work["versions"]
    found = {e["provenance"]["version_id"] for e in comparison["events"] if e.get("provenance")}
    assert {v1, v2} <= found
    assert main(base + ["verify", str(out)]) == 0


def test_the_identity_of_a_stamped_chapter_is_computed_without_numpy(tmp_path):
    """Every stamp of a manuscript records its identity: that costs no numpy import (a one-file
    stamp from the shell, issue 18), and it is the SHA-256 of the comparison's normalised text."""
    import hashlib
    import subprocess
    import sys

    from proofkit.core.text.normalise import normalise

    f = tmp_path / "第一章.txt"
    f.write_text("第一章 開始\n\n“你好，世界！”她說。ＡＢＣ\n", encoding="utf-8")
    code = ("import sys; from pathlib import Path; from proofkit.app.text_identities import text_identity; "
            f"print(text_identity(Path({str(f)!r}), 'sha256', {hashlib.sha256(f.read_bytes()).hexdigest()!r})); "
            "print('NUMPY', 'numpy' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    n = normalise(f.read_text(encoding="utf-8"))
    assert r.stdout.splitlines() == [str((n.sha256, len(n))), "NUMPY False"], r.stdout
