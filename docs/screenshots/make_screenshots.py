"""Screenshots of the desktop app's main states (empty, hashing, stamped, ledger, verify,
export, a verified bundle, the library of works and a work's timeline, the Compare page), in English and
Chinese, against loopback TSAs (tests/loopback_tsa.py). Under a display or offscreen:

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/screenshots/make_screenshots.py [OUT_DIR] [WxH]

The README's pictures are taken at 1280x800 (the default); check 960x620 too. Without a
Chinese system font, the bundled WenQuanYi Micro Hei is used.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def pump(ms: int = 200) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait(pred, timeout_ms: int = 30000) -> None:
    waited = 0
    while not pred() and waited < timeout_ms:
        pump(50)
        waited += 50


def save(widget, path: Path) -> None:
    pump(150)
    img = widget.grab().toImage()
    img.save(str(path), "PNG")
    print(path, img.width(), img.height())


def shoot(lang: str, out: Path, pki, urls, size=(1280, 800)) -> None:
    from proofkit.core.settings import Settings, save_settings
    from proofkit.gui import i18n
    from proofkit.gui.main_window import MainWindow
    from proofkit.app.session import Session

    home = Path(tempfile.mkdtemp(prefix=f"pk-shots-{lang}-"))
    save_settings(Settings(tsas=urls, custom_tsa_urls=urls, trust_pems=[str(pki.root_pem)], welcomed=True,
                           language=lang), home / "config")
    svc = Session(home)
    i18n.install(QApplication.instance(), lang)
    w = MainWindow(svc, auto_sync=False)
    w.resize(*size)
    w.show()
    pump(300)
    save(w, out / f"{lang}-1-empty.png")

    work = home / "work"
    work.mkdir()
    if lang == "zh_CN":
        novel, chapter_text, title = "长安风起", "第一章 风起长安。\n夜色如墨，城门将闭。\n", "第一章.txt"
    else:
        novel, chapter_text, title = "The Long Night", "Chapter One.\nThe gates were closing.\n", "chapter-01.md"
    chapter = work / title
    chapter.write_text(chapter_text * 200, encoding="utf-8")
    model = work / "style-lora.safetensors"
    with open(model, "wb") as f:
        f.truncate(12 * 1024**3)  # sparse: big enough to watch the progress
    w.stamp_page.work.setEditText(novel)
    big = w.stamp_page.add_paths([model], "Style LoRA")
    wait(lambda: big[0].hashed if hasattr(big[0], "hashed") else False, 1500)
    pump(900)
    save(w, out / f"{lang}-2-hashing.png")
    big[0].cancel()
    wait(lambda: not big[0].active)
    jobs = w.stamp_page.add_paths([chapter], novel)
    wait(lambda: not jobs[0].active)
    chapter.write_text(chapter_text * 210, encoding="utf-8")  # a second draft, a few days' work later
    jobs = w.stamp_page.add_paths([chapter], novel)
    wait(lambda: not jobs[0].active)
    folder = work / ("全书" if lang == "zh_CN" else "manuscript")
    folder.mkdir()
    for i in range(5):
        (folder / f"{i + 1:02d}.md").write_text(f"# {i + 1}\n" + chapter_text, encoding="utf-8")
    jobs2 = w.stamp_page.add_paths([folder], novel)
    wait(lambda: not jobs2[0].active)
    pump(300)
    save(w, out / f"{lang}-3-stamped.png")

    w.tabs.setCurrentIndex(1)
    page = w.ledger_page
    page.refresh()
    wait(lambda: page.works_model.rowCount() >= 2)
    page.works.selectRow(0)
    save(w, out / f"{lang}-4-ledger.png")
    s = next(x for x in page.summaries if x.work.title == novel)
    page.open_work(s.work.id)
    wait(lambda: page.stack.currentWidget() is page.work_view)
    save(w, out / f"{lang}-4b-work.png")
    page.show_receipts(s.work)
    page.select_row(0)
    wait(lambda: page.details.chain is not None)
    save(w, out / f"{lang}-4c-receipts.png")
    page.show_library()

    w.tabs.setCurrentIndex(2)
    w.verify_page.verify(chapter)
    wait(lambda: w.verify_page.last_result is not None)
    save(w, out / f"{lang}-5-verify.png")

    dlg = w.export(novel, None)
    pump(300)
    save(dlg, out / f"{lang}-6-export.png")
    dlg.reject()

    # Someone else's view: an exported bundle dropped on the Verify page with the chapter.
    from proofkit.app import exporting

    bundle = work / ("证据-长安风起.zip" if lang == "zh_CN" else "evidence-the-long-night.zip")
    exporting.export(svc, novel, bundle, lang="zh" if lang == "zh_CN" else "en")
    w.verify_page.verify(bundle, [chapter])
    wait(lambda: w.verify_page.last_result is not None)
    save(w, out / f"{lang}-7-bundle.png")
    compare_shots(w, work, lang, out)
    svc.close()
    w.close()


def compare_shots(w, work: Path, lang: str, out: Path) -> None:
    """The Compare page: a generated novel and a copy with a planted passage (the palette); a
    model compared with its renamed fp16 re-upload, then with an unrelated model (the histogram)."""
    import numpy as np
    from model_factory import kohya_names, model, write_safetensors
    from textgen import Generator

    g = Generator(31)
    mine_text, other = g.novel(12_000), Generator(32).novel(12_000)
    start = mine_text.index("。", 4000) + 1
    passage = mine_text[start:mine_text.index("。", start + 400) + 1]
    mine = work / "长夜.txt"
    mine.write_text(mine_text, encoding="utf-8")
    suspect = work / "copy.txt"
    suspect.write_bytes((other[:6000] + "甲" + passage + "乙" + other[6000:]).encode("gb18030"))
    page = w.compare_page
    w.tabs.setCurrentWidget(page)
    page.set_mine(mine)
    page.set_suspect(suspect)
    wait(lambda: page.last_result is not None)
    save(w, out / f"{lang}-8-compare.png")
    m = model(1)
    copy = kohya_names({k: v.astype(np.float16) if v.dtype == np.float32 else v for k, v in m.items()})
    page.set_mine(write_safetensors(work / "leosam.safetensors", m, {"ss_output_name": "leosam"}))
    page.last_result = None
    page.set_suspect(write_safetensors(work / "reupload.safetensors", copy))
    wait(lambda: page.last_result is not None)
    page.last_result = None
    page.set_suspect(write_safetensors(work / "other.safetensors", model(2)))
    wait(lambda: page.last_result is not None)
    save(w, out / f"{lang}-8b-compare-model.png")


def main() -> None:
    from loopback_tsa import LoopbackTSA, TestPKI

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    size = tuple(int(x) for x in sys.argv[2].split("x")) if len(sys.argv) > 2 else (1280, 800)
    out.mkdir(parents=True, exist_ok=True)
    QApplication.setApplicationName("ProofKit")
    app = QApplication(sys.argv[:1])  # noqa: F841
    from PySide6.QtGui import QFontDatabase

    if not QFontDatabase.families(QFontDatabase.SimplifiedChinese):
        QFontDatabase.addApplicationFont(str(ROOT / "resources" / "fonts" / "wqy-microhei.ttc"))
    from proofkit.gui.app import app_icon

    app.setWindowIcon(app_icon())
    pki = TestPKI(Path(tempfile.mkdtemp(prefix="pk-shots-pki-")))
    tsas = [LoopbackTSA(pki, "rsa").start(), LoopbackTSA(pki, "ec").start(),
            LoopbackTSA(pki, "rsa", mode="http500").start()]
    try:
        for lang in ("en", "zh_CN"):
            shoot(lang, out, pki, [t.url for t in tsas], size)
    finally:
        for t in tsas:
            t.close()
    QCoreApplication.quit()


if __name__ == "__main__":
    main()
