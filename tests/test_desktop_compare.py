"""The desktop app's Compare page and the Verify page's fingerprint fallback, offscreen, against
real loopback TSAs and a real ledger: files dropped onto the page (real QDropEvents), the
comparison run by the app layer on the worker, the verdict and numbers shown."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pytestqt")

from model_factory import kohya_names, model, write_safetensors  # noqa: E402
from test_gui import WAIT_MS, drop, finish, make_services  # noqa: E402  (helpers only; named test_desktop_* to run before test_gui.py, see fe42b7c)
from textgen import Generator  # noqa: E402


@pytest.fixture
def services(tmp_path, loopback_tsa, loopback_pki):
    svc = make_services(tmp_path / "home", [loopback_tsa.url], loopback_pki.root_pem)
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot, services):
    from proofkit.gui.main_window import MainWindow

    w = MainWindow(services, auto_sync=False)
    w.show()
    qtbot.waitUntil(lambda: w.ledger_page._loaded, timeout=5000)
    yield w
    finish(qtbot, w)


@pytest.fixture
def models(tmp_path) -> dict[str, Path]:
    """An original, its re-upload (keys renamed kohya-style, cast to fp16, metadata stripped)
    and an unrelated model, as tests/test_models.py builds them."""
    d = tmp_path / "models"
    d.mkdir()
    m = model(1)
    copy = kohya_names({k: v.astype(np.float16) if v.dtype == np.float32 else v for k, v in m.items()})
    return {"mine": write_safetensors(d / "leosam.safetensors", m, {"ss_output_name": "leosam"}),
            "copy": write_safetensors(d / "reupload.safetensors", copy),
            "other": write_safetensors(d / "other.safetensors", model(2))}


def compared(qtbot, page, mine, suspect):
    page.window().tabs.setCurrentWidget(page)
    page.last_result = None
    if mine is not None:
        drop(page.mine_drop, [mine])
    drop(page.theirs_drop, [suspect])
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=WAIT_MS)
    return page.last_result


def test_model_and_its_renamed_fp16_copy(qtbot, window, models, tmp_path):
    from proofkit.app.comparing import ModelComparison

    page = window.compare_page
    window.tabs.setCurrentWidget(page)
    res = compared(qtbot, page, models["mine"], models["copy"])
    assert isinstance(res, ModelComparison), res
    assert page.headline.text() == "Same weights, re-encoded"
    numbers = page.numbers.text()
    assert ("Tensors identical: 0 byte for byte, 20 after fp16 rounding, 0 after bf16 rounding — 20 of the 22 "
            "tensors in theirs.") in numbers
    assert "Share of their parameters identical to yours: 100.0 %" in numbers and "names changed: 20" in numbers
    assert "metadata: removed" in numbers
    assert "Equal weights cannot arise by chance" in page.proves.text()
    assert page.save_button.isVisible() and page.bundle_button.isVisible() and not page.stamp_button.isVisible()
    assert not page.histogram.isVisible()  # every paired tensor identical: nothing to plot

    # Save report…: a PDF, as `proofkit compare -o report.pdf`
    out = tmp_path / "report.pdf"
    page.save_report(str(out))
    qtbot.waitUntil(lambda: "Report saved" in page.status.text(), timeout=WAIT_MS)
    assert out.read_bytes().startswith(b"%PDF")

    # an unrelated model: no evidence, and the cosine histogram drawn
    res = compared(qtbot, page, None, models["other"])
    assert res.verdict == "no_evidence" and page.headline.text() == "No evidence of derivation"
    assert page.histogram.isVisible() and sum(page.histogram.bins.values()) == 20
    assert page.histogram.grab().width() > 0


def test_manuscript_and_a_copy_with_a_planted_passage(qtbot, window, tmp_path):
    from proofkit.app.text_comparing import TextComparison
    from proofkit.core.text.normalise import normalise

    g = Generator(31)
    mine_text, other = g.novel(12_000), Generator(32).novel(12_000)
    start = mine_text.index("。", 4000) + 1
    passage = mine_text[start:mine_text.index("。", start + 400) + 1]
    mine = tmp_path / "长夜.txt"
    mine.write_text(mine_text, encoding="utf-8")
    suspect = tmp_path / "copy.txt"
    suspect.write_bytes((other[:6000] + "甲" + passage + "乙" + other[6000:]).encode("gb18030"))

    page = window.compare_page
    res = compared(qtbot, page, mine, suspect)
    assert isinstance(res, TextComparison), res
    n = len(normalise(passage).text)
    assert res.comparison.summary.identical_chars == n
    assert page.headline.text() == "1 passage(s) of yours found in theirs (事件)"
    numbers = page.numbers.text()
    assert f"事件: 1 (1 identical, 0 rewritten) · 雷同字数 (identical characters): {n:,}" in numbers
    assert f"Longest passage: 事件 1, {n:,} identical characters" in numbers
    assert "Coverage:" in numbers and "of yours appears in theirs" in numbers
    assert page.palette_view.isVisible() and passage[:12] in page.palette_view.toPlainText()
    assert page.proves.text().startswith("This palette proves")
    assert page.stamp_button.isVisible() and page.bundle_button.isVisible()

    # Save report…: the palette as HTML
    out = tmp_path / "palette.html"
    page.save_report(str(out))
    qtbot.waitUntil(lambda: out.exists(), timeout=WAIT_MS)
    assert passage[:12] in out.read_text(encoding="utf-8")

    # one click stamps the copy found, as a work of its own
    services = window.services
    before = len(services.ledger.versions())
    page.stamp_button.click()
    qtbot.waitUntil(lambda: page.last_stamp is not None, timeout=WAIT_MS)
    (stamped,) = page.last_stamp
    assert stamped.version.work_title == "长夜 — found copy"
    assert stamped.version.file_name == "copy.txt" and stamped.status == "verified"
    assert len(services.ledger.versions()) == before + 1
    assert "Stamped as “长夜 — found copy”" in page.status.text()
    # the ledger list of the page now offers that work too
    assert any("长夜 — found copy" in page.ledger_pick.itemText(i) for i in range(page.ledger_pick.count()))


def test_stamped_model_picked_from_the_ledger_bundle_and_verify_fallback(qtbot, window, models, tmp_path):
    from proofkit.app.model_stamps import stamp_model

    services = window.services
    ms = stamp_model(services, models["mine"], work="LEOSAM v2")
    assert ms.result.status == "verified"
    window._ledger_changed()
    page = window.compare_page
    i = next(i for i in range(page.ledger_pick.count()) if "LEOSAM v2" in page.ledger_pick.itemText(i))
    page.ledger_pick.setCurrentIndex(i)
    page.ledger_pick.activated.emit(i)
    res = compared(qtbot, page, None, models["copy"])
    assert res.verdict == "same_weights" and res.report["mine_stamps"]["work"] == "LEOSAM v2"
    assert "Your fingerprint: version" in page.numbers.text() and "“LEOSAM v2”" in page.numbers.text()

    # Add to an evidence bundle: the export use case with compare=theirs
    out = tmp_path / "evidence.zip"
    page.add_to_bundle(str(out))
    qtbot.waitUntil(lambda: "Evidence bundle saved" in page.status.text(), timeout=WAIT_MS)
    with zipfile.ZipFile(out) as z:
        comparison = json.loads(z.read(next(n for n in z.namelist() if n.endswith("comparison.json"))))
    assert comparison["verdict"] == "same_weights"

    # Verify: the re-upload matches no stamp byte for byte, but the fingerprint index knows it
    vp = window.verify_page
    vp.model_matches = None
    drop(vp.drop, [models["copy"]])
    qtbot.waitUntil(lambda: vp.model_matches is not None, timeout=WAIT_MS)
    assert len(vp.model_matches) == 1
    assert vp.headline.text() == ("This exact file was never stamped, but its weights match your stamped model "
                                  "“LEOSAM v2”.")
    text = vp.result.toPlainText()
    assert "Not the file you stamped, but 20/22 tensors equal your “LEOSAM v2” (leosam.safetensors), stamped" in text
    assert "by 1 TSA(s)." in text

    # an unrelated model: the fallback finds nothing and says nothing more
    vp.model_matches = None
    drop(vp.drop, [models["other"]])
    qtbot.waitUntil(lambda: vp.model_matches is not None, timeout=WAIT_MS)
    assert vp.model_matches == [] and vp.headline.text() == "This exact file was never stamped."


def test_page_speaks_chinese(qtbot, services):
    from test_gui import chinese

    with chinese():
        from proofkit.gui.main_window import MainWindow

        w = MainWindow(services, auto_sync=False)
        try:
            assert w.tabs.tabText(3) == "比对(&O)"
            assert w.compare_page.mine_drop.title.text() == "我的作品"
            assert w.compare_page.verdict_title("same_weights") == "权重相同（重新编码）"
        finally:
            w.close()
            w.deleteLater()


def test_manuscript_comparison_goes_into_the_evidence_bundle(qtbot, window, tmp_path):
    """Add to an evidence bundle, for a manuscript: the palette (PDF and HTML), comparison.json
    with the suspect's own SHA-256 and each 事件's earliest stamped version, all listed in
    manifest.json; the bundle verifies."""
    import hashlib

    from proofkit.app import stamping, verifying

    g = Generator(41)
    text, other = g.novel(10_000), Generator(42).novel(10_000)
    start = text.index("。", 3000) + 1
    passage = text[start:text.index("。", start + 300) + 1]
    mine = tmp_path / "长夜.txt"
    mine.write_text(text, encoding="utf-8")
    services = window.services
    [res] = stamping.stamp(services, [mine], work="长夜")
    assert res.status == "verified"
    window._ledger_changed()
    suspect = tmp_path / "copy.txt"
    suspect.write_text(other[:5000] + passage + other[5000:], encoding="utf-8")
    page = window.compare_page
    i = next(i for i in range(page.ledger_pick.count()) if "长夜" in page.ledger_pick.itemText(i))
    page.ledger_pick.setCurrentIndex(i)
    page.ledger_pick.activated.emit(i)
    result = compared(qtbot, page, None, suspect)
    assert result.mine_kind == "work" and result.comparison.summary.events == 1
    out = tmp_path / "evidence.zip"
    page.add_to_bundle(str(out))
    qtbot.waitUntil(lambda: "Evidence bundle saved" in page.status.text(), timeout=WAIT_MS)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        comparison = json.loads(z.read("comparison.json"))
        manifest = json.loads(z.read("manifest.json"))
        assert z.read("palette.pdf").startswith(b"%PDF") and passage[:12] in z.read("palette.html").decode()
        report = z.read("report.pdf")
    assert {"palette.pdf", "palette.html", "comparison.json"} <= set(names)
    listed = {m["path"] for m in manifest["members"]}
    assert {"palette.pdf", "palette.html", "comparison.json"} <= listed
    assert manifest["comparison"]["files"] == ["palette.html", "palette.pdf"]
    assert comparison["suspect_file"]["sha256"] == hashlib.sha256(suspect.read_bytes()).hexdigest()
    (event,) = comparison["events"]
    assert event["provenance"]["version_id"] == res.version.id and event["provenance"]["verified_receipts"] == 1
    check = verifying.verify_bundle(services, out)
    assert check.ok, check.report.problems
    import shutil
    import subprocess

    if shutil.which("pdftotext"):
        (tmp_path / "report.pdf").write_bytes(report)
        page_text = subprocess.run(["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True,
                                   text=True, check=True).stdout
        assert "调色盘（文本比对）" in page_text and "Palette (manuscript comparison)" in page_text
        assert "雷同字数" in page_text and hashlib.sha256(suspect.read_bytes()).hexdigest()[:16] in page_text
