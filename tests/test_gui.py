"""The desktop app against real loopback TSAs and a real ledger, offscreen: drop a file and
see it stamped, a failing TSA's reason, cancel, verify (stamped / never stamped / another
version), export, receipt details, lazy ledger loading, settings, errors."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import html
import json
import warnings
from contextlib import contextmanager
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QThread, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDropEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from proofkit.core.settings import Settings, load_settings, save_settings, settings_path  # noqa: E402
from proofkit.gui import stamp_jobs  # noqa: E402
from proofkit.gui.verdict_texts import check_title  # noqa: E402
from proofkit.app.session import Session  # noqa: E402

WAIT_MS = 30_000


# ------------------------------------------------------------------ fixtures


def make_services(home: Path, urls: list[str], root_pem: Path, **kw) -> Session:
    s = Settings(tsas=list(urls), custom_tsa_urls=list(urls), trust_pems=[str(root_pem)],
                 welcomed=True, timeout=10.0, **kw)
    save_settings(s, home / "config")
    return Session(home)


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def services(home, loopback_tsa, loopback_pki):
    svc = make_services(home, [loopback_tsa.url], loopback_pki.root_pem)
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot, services):
    from proofkit.gui import i18n
    from proofkit.gui.main_window import MainWindow

    i18n.install(QApplication.instance(), "en")  # as the app does (English plural forms)
    w = MainWindow(services, auto_sync=False)
    w.show()
    qtbot.waitUntil(lambda: w.ledger_page._loaded, timeout=5000)
    yield w
    finish(qtbot, w)


def finish(qtbot, w) -> None:
    """Let running work end (and its signals arrive), then close: closing while busy would
    ask the user (pytest-qt closes its widgets before fixtures end, so we close ourselves)."""
    w.runner.cancel_all()
    qtbot.waitUntil(lambda: not w.runner.busy and not w.ledger_page.reader.busy, timeout=WAIT_MS)
    w.close()
    w.deleteLater()


@pytest.fixture
def chapter(tmp_path) -> Path:
    p = tmp_path / "第一章.txt"
    p.write_text("第一章 风起。\nChapter one.\n", encoding="utf-8")
    return p


def drop(widget, paths: list[Path]) -> None:
    """A real QDropEvent with file URLs, delivered to the widget."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the QPoint overload Qt still uses
        enter = QDragEnterEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted(), "the drop zone refused the drag"
    ev = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    assert QApplication.sendEvent(widget, ev)


def wait_done(qtbot, jobs) -> None:
    qtbot.waitUntil(lambda: all(not j.active for j in jobs), timeout=WAIT_MS)


def stamp(qtbot, window, path: Path, work: str | None = None):
    jobs = window.stamp_page.add_paths([path], work)
    wait_done(qtbot, jobs)
    return jobs[0]


@contextmanager
def chinese():
    """The app in Simplified Chinese for the widgets created inside (English again after)."""
    from proofkit.gui import i18n

    app = QApplication.instance()
    i18n.install(app, "zh_CN")
    try:
        yield
    finally:
        i18n.install(app, "en")


# ------------------------------------------------------------------ stamping


def test_dropped_file_is_hashed_stamped_and_shown_verified(qtbot, window, chapter):
    before = len(window.stamp_page.jobs)
    drop(window.stamp_page.drop, [chapter])
    assert len(window.stamp_page.jobs) == before + 1
    job = window.stamp_page.jobs[-1]
    assert job.work == "第一章"  # default from the name
    wait_done(qtbot, [job])
    assert job.phase == stamp_jobs.DONE, job.error
    assert job.tsa_states[0][0] == stamp_jobs.VERIFIED
    card = window.stamp_page.jobs_layout.itemAt(0).widget()
    assert "verified at" in card.tsa_labels[0].text()
    assert "UTC" in card.tsa_labels[0].text()
    assert not card.cancel_button.isVisible()
    # The ledger page refreshes: one receipt, verified.
    page = window.ledger_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    r = page.model.receipt(0)
    assert r.status == "verified" and r.file_name == "第一章.txt"
    assert "✔" in page.model.data(page.model.index(0, 0))
    assert window.stamp_page.work.findText("第一章") >= 0  # the new work is offered next time


def test_a_tsa_line_says_how_long_it_may_wait(qtbot, window):
    """While a TSA is asked, its line says the most the author waits (the --timeout budget)."""
    from proofkit.gui.stamp_view import StampJobCard

    class FakeJob:
        services = window.services
        tsas = window.services.tsas()

    card = StampJobCard.__new__(StampJobCard)
    card.job = FakeJob()
    text, _original = StampJobCard._tsa_text(card, 0, stamp_jobs.REQUESTING, None)
    assert text.endswith("asking… (waiting up to 10 s)")  # the fixture's timeout


def test_chosen_work_is_used(qtbot, window, chapter):
    window.stamp_page.work.setEditText("风起长安")
    jobs = window.stamp_page.add_paths([chapter])
    wait_done(qtbot, jobs)
    assert window.services.ledger.find_work("风起长安") is not None



def test_work_is_proposed_from_the_ledger_not_the_last_choice(qtbot, window, chapter, tmp_path):
    """A chosen work holds for its drop only; a later file of the same name or path becomes a
    draft of that work; an unrelated file becomes a new work named after it."""
    page = window.stamp_page
    page.work.setEditText("风起长安")
    wait_done(qtbot, page.add_paths([chapter]))
    assert page.work.currentText() == ""  # the choice does not stick
    chapter.write_text("第一章 风起。修订。\n", encoding="utf-8")
    assert page.chosen_work(chapter) == "风起长安"  # same path as a known draft
    copy = tmp_path / "elsewhere" / chapter.name
    copy.parent.mkdir()
    copy.write_text("另一台电脑上的副本", encoding="utf-8")
    assert page.chosen_work(copy) == "风起长安"  # same name as a known draft
    stranger = tmp_path / "菜谱.txt"
    stranger.write_text("红烧肉", encoding="utf-8")
    jobs = page.add_paths([stranger])
    assert jobs[0].work == "菜谱"
    wait_done(qtbot, jobs)


def test_failing_tsa_shows_its_reason_while_another_succeeds(qtbot, home, loopback_pki, loopback_tsa_factory):
    from proofkit.gui.main_window import MainWindow

    good = loopback_tsa_factory()
    bad = loopback_tsa_factory(mode="flipsig")
    svc = make_services(home, [bad.url, good.url], loopback_pki.root_pem)
    w = MainWindow(svc, auto_sync=False)
    f = home.parent / "model.safetensors"
    f.write_bytes(os.urandom(3_000_000))
    try:
        job = stamp(qtbot, w, f)
        assert job.phase == stamp_jobs.DONE
        states = [s for s, _d in job.tsa_states]
        assert states == [stamp_jobs.TSA_FAILED, stamp_jobs.VERIFIED]
        card = w.stamp_page.jobs_layout.itemAt(0).widget()
        assert "failed:" in card.tsa_labels[0].text()
        reason = job.tsa_states[0][1]
        assert reason.startswith("signature: ")  # the core's words, kept in the ledger
        shown = html.unescape(card.tsa_labels[0].text())
        assert "the time stamp was damaged or forged" in shown  # the app's sentence
        assert reason in shown and card.tsa_labels[0].toolTip() == reason  # and the core's specifics
        assert "verified at" in card.tsa_labels[1].text()
        assert "1 of 2" in card.status.text()
    finally:
        finish(qtbot, w)
        svc.close()


def test_tsa_failures_read_in_chinese(qtbot, home, loopback_pki, loopback_tsa_factory, chapter):
    """Each authority's line says what went wrong in Chinese; where the app could only sum up
    a check, the core's English (which root, which digest) stays below it."""
    from proofkit.gui.main_window import MainWindow

    modes = ("html", "rejection", "truncated", "untrusted", "refuse")
    tsas = [loopback_tsa_factory(mode=m) for m in modes]
    svc = make_services(home, [t.url for t in tsas], loopback_pki.root_pem)
    with chinese():
        w = MainWindow(svc, auto_sync=False)
        try:
            job = stamp(qtbot, w, chapter)
            assert job.phase == stamp_jobs.DONE, job.error
            card = w.stamp_page.jobs_layout.itemAt(0).widget()
            shown = [html.unescape(label.text()) for label in card.tsa_labels]
            expected = ["机构返回的是网页（text/html），不是时间戳。", "机构拒绝盖时间戳（",
                        "机构的答复不是时间戳响应（已损坏或不完整）。", "证书无法追溯到本机信任的根证书",
                        "机构拒绝了连接（可能暂时停止服务）。"]
            for mode, want, text in zip(modes, expected, shown):
                assert want in text, (mode, text)
            assert "失败" in shown[1] and "待" in shown[0] and "待" in shown[4]  # failed / pending, in Chinese too
            for text in (shown[0], shown[2], shown[4]):  # fully translated: no English left
                assert "TSA" not in text and "The " not in text, text
            assert "chain: " in shown[3]  # summarised: the core's specifics below
            assert card.tsa_labels[3].toolTip() == job.tsa_states[3][1]
            assert "尚未构成证明" in card.status.text()  # one is pending: it may still come
        finally:
            finish(qtbot, w)
            svc.close()


def test_unreachable_tsa_leaves_pending_then_sync_completes(qtbot, home, loopback_pki, loopback_tsa_factory,
                                                           chapter):
    from proofkit.gui.main_window import MainWindow

    tsa = loopback_tsa_factory()
    url = tsa.url
    tsa.stop()  # offline
    svc = make_services(home, [url], loopback_pki.root_pem)
    svc.settings.timeout = 2.0
    w = MainWindow(svc, auto_sync=False)
    try:
        job = stamp(qtbot, w, chapter)
        assert job.tsa_states[0][0] == stamp_jobs.PENDING
        card = w.stamp_page.jobs_layout.itemAt(0).widget()
        assert "pending, will retry: The authority" in card.tsa_labels[0].text()
        assert "Not proof yet" in card.status.text()
        assert svc.ledger.count_receipts(status="pending") == 1
        # The network returns on the same address: the app's sync completes the stamp.
        import http.server

        from loopback_tsa import LoopbackTSA  # noqa: F401

        tsa._server = None
        port = int(url.split(":")[2].split("/")[0])
        orig = http.server.ThreadingHTTPServer.__init__

        def bind_same_port(self, addr, handler, *a, **k):
            orig(self, (addr[0], port), handler, *a, **k)

        http.server.ThreadingHTTPServer.__init__ = bind_same_port
        try:
            tsa.start()
        finally:
            http.server.ThreadingHTTPServer.__init__ = orig
        with qtbot.waitSignal(w.sync.synced, timeout=WAIT_MS) as blocker:
            w.sync.sync_now()
        assert blocker.args[0] and blocker.args[0][0][1] == "verified"
        assert svc.ledger.count_receipts(status="pending") == 0
        # The card that showed it pending now shows it verified (it stayed orange before).
        assert job.tsa_states[0][0] == stamp_jobs.VERIFIED
        assert "verified at" in card.tsa_labels[0].text()
        assert card.status.text().startswith("Stamped: 1 of 1") and "Not proof yet" not in card.status.text()
    finally:
        finish(qtbot, w)
        svc.close()


def test_cancel_hashing(qtbot, window, tmp_path):
    big = tmp_path / "checkpoint.ckpt"
    with open(big, "wb") as f:
        f.truncate(2 * 1024**3)  # sparse: fast to make, still 2 GB to read
    jobs = window.stamp_page.add_paths([big], "模型")
    card = window.stamp_page.jobs_layout.itemAt(0).widget()
    assert card.cancel_button.isVisible() or not card.isVisible()
    qtbot.waitUntil(lambda: card.bar.value() > 0 or not jobs[0].active, timeout=10_000)
    card.cancel_button.click()
    wait_done(qtbot, jobs)
    assert jobs[0].phase == stamp_jobs.CANCELLED
    assert "nothing was stamped" in card.status.text()
    assert window.services.ledger.count_receipts() == 0


def test_folder_is_stamped_as_one_manifest(qtbot, window, tmp_path):
    book = tmp_path / "长篇小说"
    book.mkdir()
    for i in range(3):
        (book / f"第{i + 1}章.md").write_text(f"第{i + 1}章\n", encoding="utf-8")
    job = stamp(qtbot, window, book)
    assert job.phase == stamp_jobs.DONE, job.error
    assert job.hashed.files == 3
    v = window.services.ledger.get_version(job.outcome.version_id)
    assert v.kind == "manifest" and v.work_title == "长篇小说"


def test_worker_signals_arrive_on_the_ui_thread(qtbot, window):
    seen = []

    def fn(*, progress):  # a use case of the app layer: progress is its Progress protocol
        assert progress.cancelled is False
        progress.event("step", {})
        return QThread.currentThread()

    app_thread = QApplication.instance().thread()
    with qtbot.waitSignal(window.runner.busyChanged, timeout=5000, check_params_cb=lambda b: not b):
        window.runner.start(fn, on_progress=lambda _v: seen.append(QThread.currentThread()),
                            on_finished=lambda t: seen.append((t, QThread.currentThread())))
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    worker_thread, slot_thread = seen[1]
    assert worker_thread is not app_thread
    assert slot_thread is app_thread and seen[0] is app_thread


def test_quick_work_is_not_queued_behind_long_jobs(qtbot, window):
    """Two long jobs (two models hashing, on a 2-core laptop) must not hold up a page's quick
    read of the ledger: the runner has more threads than cores."""
    import threading

    release = threading.Event()

    def long_job(*, progress):
        release.wait(30)

    done = []
    try:
        for _ in range(2):
            window.runner.start(long_job)
        window.runner.start(lambda *, progress: "quick", on_finished=done.append)
        qtbot.waitUntil(lambda: done == ["quick"], timeout=5000)
    finally:
        release.set()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=5000)


# ------------------------------------------------------------------ verify


def test_verify_stamped_file(qtbot, window, chapter):
    stamp(qtbot, window, chapter)
    page = window.verify_page
    drop(page.drop, [chapter])
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=WAIT_MS)
    assert "This exact file was stamped on" in page.headline.text()
    assert "UTC" in page.headline.text()
    assert "(± 1 s)" in page.headline.text()  # the loopback TSA states an accuracy of 1 s
    res = page.last_result
    assert res.earliest is not None and res.earliest[1].ok


def test_verify_never_stamped_offers_nearest_drafts_and_stamping(qtbot, window, chapter):
    stamp(qtbot, window, chapter)
    page = window.verify_page
    chapter.write_text("第一章 风起（修订）。\n", encoding="utf-8")
    page.verify(chapter)
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=WAIT_MS)
    assert page.headline.text() == "This exact file was never stamped."
    text = page.result.toPlainText()
    assert "different fingerprint" in text  # why an edited draft matches nothing
    assert "Nearest stamped drafts of “第一章”" in text and "第一章.txt, stamped" in text
    assert not page.stamp_button.isHidden() and "第一章" in page.stamp_button.text()
    # "Stamp this version": a new draft of the same work, on the Stamp page.
    before = len(window.stamp_page.jobs)
    page.stamp_button.click()
    assert window.tabs.currentIndex() == 0 and len(window.stamp_page.jobs) == before + 1
    job = window.stamp_page.jobs[-1]
    assert job.work == "第一章"
    wait_done(qtbot, [job])
    assert len(window.services.ledger.versions(window.services.ledger.find_work("第一章").id)) == 2
    stranger = chapter.parent / "unrelated.pdf"
    stranger.write_bytes(b"%PDF-1.4 nothing\n")
    page.verify(stranger)
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=WAIT_MS)
    assert page.headline.text() == "This exact file was never stamped."
    assert "Nearest" not in page.result.toPlainText()
    assert page.stamp_button.text() == "&Stamp this version"


def test_verify_unreadable_file_says_what_happened(qtbot, window, tmp_path):
    page = window.verify_page
    page.verify(tmp_path / "missing.txt")
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=WAIT_MS)
    assert "no such file" in page.headline.text()


def test_verify_page_reads_chinese(qtbot, home, loopback_pki, loopback_tsa, chapter):
    from proofkit.gui.main_window import MainWindow

    svc = make_services(home, [loopback_tsa.url], loopback_pki.root_pem)
    with chinese():
        w = MainWindow(svc, auto_sync=False)
        try:
            stamp(qtbot, w, chapter)
            page = w.verify_page
            drop(page.drop, [chapter])
            qtbot.waitUntil(lambda: page.last_result is not None, timeout=WAIT_MS)
            assert page.headline.text().startswith("✔ 这个文件本身于 "), page.headline.text()
            text = page.result.toPlainText()
            for title in ("机构的答复", "签名", "信任链", "文件指纹", "答复的新鲜度", "时间戳证书"):
                assert title in text, title
            assert "机构的签名有效：时间戳完好无损。" in text
            # the secondary line reads Chinese too, with the core's specifics kept
            (r, v), = page.last_result.results
            for c in v.checks:
                assert c.detail not in text, c.detail
            assert "可追溯到受信任的根证书“ProofKit Test Root CA”" in text
            assert "签名者：“" in text
        finally:
            finish(qtbot, w)
            svc.close()


# ------------------------------------------------------------------ evidence bundles


@pytest.fixture
def bundle(qtbot, window, chapter, tmp_path) -> Path:
    """An evidence bundle of the stamped chapter, exported by the app's own use case."""
    from proofkit.app.exporting import export

    stamp(qtbot, window, chapter)
    out = tmp_path / "bundles" / "evidence.zip"
    out.parent.mkdir()
    export(window.services, "第一章", out, lang="en")
    return out


def verify_dropped(qtbot, page, paths):
    page.last_result = None
    drop(page.drop, paths)
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=WAIT_MS)
    return page.last_result


def test_dropped_bundle_shows_its_verdicts(qtbot, window, bundle, chapter):
    from proofkit.app.verifying import BundleVerification

    page = window.verify_page
    res = verify_dropped(qtbot, page, [bundle])
    assert isinstance(res, BundleVerification), res
    assert res.ok and page.headline.text() == "✔ The evidence bundle evidence.zip verifies."
    text = page.result.toPlainText()
    assert "Evidence for “第一章”" in text
    assert "v1 · " in text  # the version as the bundle numbers it within its work
    (receipt,) = res.report.receipts
    for c in receipt.checks:
        assert check_title(c.name) in text and c.detail in text
    assert {"chain", "imprint", "token_file", "manifest_claims"} <= {c.name for c in receipt.checks}
    assert "UTC" in text
    # the same verdicts as `proofkit verify BUNDLE --json`
    doc = res.as_json()
    assert doc["ok"] is True and doc["receipts"][0]["ok"] is True

    # The bundle with the original beside it: the file is the stamped one.
    res = verify_dropped(qtbot, page, [chapter, bundle])
    assert res.ok and [f.ok for f in res.report.files] == [True]
    assert "第一章.txt is exactly the content stamped in this bundle." in page.result.toPlainText()

    # With an edited file: it does not match, so the bundle does not hold for it.
    edited = chapter.parent / "第一章-修订.txt"
    edited.write_text("第一章 风起（修订）。\n", encoding="utf-8")
    res = verify_dropped(qtbot, page, [bundle, edited])
    assert not res.ok and page.headline.text() == "✖ The evidence bundle evidence.zip does not verify."
    assert "matches no file in this bundle" in page.result.toPlainText()


def test_altered_bundle_and_untrusted_root_are_shown(qtbot, window, bundle, tmp_path):
    import dataclasses
    import shutil

    page = window.verify_page
    altered = tmp_path / "altered.zip"
    shutil.copy(bundle, altered)
    with zipfile.ZipFile(altered, "a") as z:
        z.writestr("added-later.txt", "not part of the evidence")
    res = verify_dropped(qtbot, page, [altered])
    assert not res.ok and "does not verify" in page.headline.text()
    text = page.result.toPlainText()
    assert "The bundle itself was altered or is incomplete:" in text
    assert "added-later.txt: is in the zip but not listed in manifest.json" in text

    # On a computer that does not trust the bundle's root: the chain check fails, and the
    # page says how to trust a root after checking it.
    svc = window.services
    svc.save_settings(dataclasses.replace(svc.settings, trust_pems=[]))
    res = verify_dropped(qtbot, page, [bundle])
    assert not res.ok
    (receipt,) = res.report.receipts
    assert [c.name for c in receipt.checks if not c.ok] == ["chain"]
    text = page.result.toPlainText()
    assert "The certificate does not lead to a root this computer trusts" in text
    assert "VERIFY.md" in text


def test_bundle_verdicts_read_chinese(qtbot, window, bundle):
    with chinese():
        window.verify_page.verify(bundle)
        page = window.verify_page
        qtbot.waitUntil(lambda: page.last_result is not None, timeout=WAIT_MS)
        assert page.headline.text() == "✔ 证据包 evidence.zip 验证通过。"
        text = page.result.toPlainText()
        for title in ("信任链", "签名", "时间戳文件", "证据包声明的时间"):
            assert title in text, title
        assert "《第一章》的证据" in text


def test_unreadable_bundle_says_why(qtbot, window, tmp_path):
    page = window.verify_page
    fake = tmp_path / "not-a-bundle.zip"
    fake.write_bytes(b"PK\x03\x04 this is no zip")
    res = verify_dropped(qtbot, page, [fake])
    assert isinstance(res, Exception)
    assert page.headline.text() and page.headline.styleSheet()


def test_gui_runs_no_subprocess():
    """Frozen, sys.executable is the app itself: the app calls the core, never the CLI."""
    gui = Path(__file__).resolve().parents[1] / "proofkit" / "gui"
    for f in gui.glob("*.py"):
        text = f.read_text(encoding="utf-8")
        for word in ("subprocess", "sys.executable", "proofkit.cli.main"):
            assert word not in text, f"{f.name} uses {word}"


# ------------------------------------------------------------------ export, details, ledger


def test_export_flow(qtbot, window, chapter, tmp_path):
    job = stamp(qtbot, window, chapter)
    dlg = window.export(None, None)
    assert dlg.work.currentText() == "第一章"
    assert "without revealing" in " ".join(w.text() for w in dlg.findChildren(type(dlg.status)))
    out = tmp_path / "out" / "evidence.zip"
    out.parent.mkdir()
    dlg.out.setText(str(out))
    dlg.include.setChecked(True)
    i = dlg.version.findData(job.outcome.version_id)
    dlg.version.setCurrentIndex(i)
    dlg.out.setText(str(out))
    assert dlg.target() == str(job.outcome.version_id)
    with qtbot.waitSignal(dlg.exported, timeout=WAIT_MS):
        dlg.export_button.click()
    assert out.is_file()
    names = zipfile.ZipFile(out).namelist()
    assert any(n.endswith("第一章.txt") for n in names), names
    assert "Saved:" in dlg.status.text()
    dlg.close()


def test_export_with_nothing_to_prove_shows_an_error(qtbot, home, loopback_pki, loopback_tsa_factory, chapter,
                                                     tmp_path):
    from proofkit.gui.main_window import MainWindow

    bad = loopback_tsa_factory(mode="http500")
    svc = make_services(home, [bad.url], loopback_pki.root_pem)
    w = MainWindow(svc, auto_sync=False)
    try:
        stamp(qtbot, w, chapter)
        dlg = w.export("第一章", None)
        dlg.out.setText(str(tmp_path / "e.zip"))
        dlg.export_button.click()
        qtbot.waitUntil(lambda: getattr(dlg, "error_dialog", None) is not None, timeout=WAIT_MS)
        assert dlg.error_dialog.message.text()
        assert not (tmp_path / "e.zip").exists()
    finally:
        finish(qtbot, w)
        svc.close()


def test_receipt_details_show_times_chain_and_checks(qtbot, window, chapter):
    stamp(qtbot, window, chapter)
    page = window.ledger_page
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    page.select_row(0)
    qtbot.waitUntil(lambda: page.details.chain is not None, timeout=WAIT_MS)
    text = page.details.toPlainText()
    r = page.model.receipt(0)
    assert r.serial in text and "UTC" in text and r.policy in text
    assert len(page.details.chain) >= 2  # leaf and up
    for c in r.checks:
        assert check_title(c["name"]) in text and c["detail"] in text
    assert "Chain of trust" in text and "Certificate chain" in text


def test_ledger_search_by_name_and_digest_and_timeline(qtbot, window, chapter, tmp_path):
    other = tmp_path / "lora.safetensors"
    other.write_bytes(b"lora weights")
    stamp(qtbot, window, chapter, "小说")
    stamp(qtbot, window, other, "模型")
    page = window.ledger_page
    page.refresh()
    assert page.model.rowCount() == 2
    page.search.setText("lora")
    page.apply_filter()
    assert page.model.rowCount() == 1 and page.model.receipt(0).file_name == "lora.safetensors"
    digest = page.model.receipt(0).digest_hex
    page.search.setText(chapter.name)
    page.apply_filter()
    assert page.model.receipt(0).file_name == chapter.name
    page.search.setText(digest[:12])
    page.apply_filter()
    assert [r.digest_hex for r in page.model.rows] == [digest]
    page.search.clear()


def library_titles(page) -> list[str]:
    m = page.works_model
    return [m.summary(i).work.title for i in range(m.rowCount())]


def test_ledger_is_a_library_of_works_with_a_drawn_timeline(qtbot, window, chapter, tmp_path, monkeypatch):
    other = tmp_path / "lora.safetensors"
    other.write_bytes(b"lora weights")
    stamp(qtbot, window, chapter, "小说")
    chapter.write_text("第一章 风起。\n第二稿。\n", encoding="utf-8")
    stamp(qtbot, window, chapter, "小说")
    stamp(qtbot, window, other, "模型")
    page = window.ledger_page
    page.refresh()
    qtbot.waitUntil(lambda: page.works_model.rowCount() == 2, timeout=WAIT_MS)
    assert library_titles(page) == ["模型", "小说"]  # latest stamp first
    m = page.works_model
    row = library_titles(page).index("小说")
    cells = [m.data(m.index(row, c)) for c in range(m.columnCount())]
    assert cells[0] == "小说" and cells[1] == "manuscript" and cells[2] == "2" and cells[5] == "✔ all verified"
    assert m.data(m.index(library_titles(page).index("模型"), 1)) == "model"
    assert "2 works" in page.summary.text()
    # Opening a work: its drafts on the timeline, the latest chosen, its details shown.
    page.open_work_row(row)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.work_view, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not page.reader.busy, timeout=WAIT_MS)  # no refresh still on its way
    view = page.work_view
    assert [mk.verified for mk in view.timeline.marks] == [1, 1]
    assert view.timeline.current == 1
    assert "Draft 2 of 2" in view.details.toPlainText() and "✔ verified" in view.details.toPlainText()
    # Clicking the first mark (a real mouse press on the drawn widget) picks the first draft.
    from PySide6.QtTest import QTest

    QTest.mouseClick(view.timeline, Qt.LeftButton, Qt.NoModifier, view.timeline.mark_center(0).toPoint())
    assert view.timeline.current == 0 and "Draft 1 of 2" in view.details.toPlainText()
    QTest.keyClick(view.timeline, Qt.Key_Right)
    assert view.timeline.current == 1
    # The drawn timeline is really drawn: the mark's pixel has the verified colour.
    img = view.timeline.grab().toImage()
    c = view.timeline.mark_center(0).toPoint()
    assert img.pixelColor(c).name() == "#1a7f37"
    # Actions: export this draft / the work, receipts of the work.
    seen = []
    page.exportRequested.connect(lambda w, v: seen.append((w, v)))
    view.export_draft_button.click()
    view.export_work_button.click()
    assert seen == [("小说", view.versions[1].id), ("小说", None)]
    view.receipts_button.click()
    assert page.stack.currentIndex() == 2 and page.model.rowCount() == 2
    assert {page.model.receipt(i).work_title for i in range(2)} == {"小说"}
    page.receipts_back.click()
    assert page.stack.currentWidget() is view
    # Compare a suspect copy: the Compare page, this work as yours, the file picker for theirs.
    from PySide6.QtWidgets import QFileDialog

    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: (asked.append(a) or ([], ""))))
    view.compare_button.click()
    assert window.tabs.currentWidget() is window.compare_page and asked
    assert window.compare_page.mine == "小说" and "小说" in window.compare_page.mine_label.text()
    window.tabs.setCurrentWidget(page)
    view.back_button.click()
    assert page.stack.currentIndex() == 0
    page.work_search.setText("lora")
    assert library_titles(page) == ["模型"]


def test_give_up_on_a_tsa_from_the_work_view(qtbot, home, loopback_pki, loopback_tsa, loopback_tsa_factory,
                                             chapter):
    from proofkit.gui.main_window import MainWindow

    gone = loopback_tsa_factory()
    gone_url = gone.url
    gone.stop()
    svc = make_services(home, [loopback_tsa.url, gone_url], loopback_pki.root_pem)
    svc.settings.timeout = 2.0
    w = MainWindow(svc, auto_sync=False)
    try:
        stamp(qtbot, w, chapter)
        page = w.ledger_page
        page.refresh()
        qtbot.waitUntil(lambda: page.works_model.rowCount() == 1, timeout=WAIT_MS)
        page.open_work_row(0)
        qtbot.waitUntil(lambda: page.stack.currentWidget() is page.work_view, timeout=WAIT_MS)
        view = page.work_view
        html_text = view.details.toHtml()
        assert "giveup:" in html_text and "Give up on this authority" in view.details.toPlainText()
        pending = next(r for r in svc.ledger.receipts() if r.status == "pending")
        verified = next(r for r in svc.ledger.receipts() if r.status == "verified")
        seen = []
        view.giveUpRequested.connect(seen.append)
        from PySide6.QtCore import QUrl as _QUrl

        view.details.anchorClicked.emit(_QUrl(f"giveup:{pending.id}"))
        assert [r.id for r in seen] == [pending.id]
        assert page.give_up_box.isVisible()  # the author confirms first
        page.give_up_box.reject()
        assert svc.ledger.get_receipt(pending.id).status == "pending"
        page.give_up(pending, confirmed=True)
        qtbot.waitUntil(lambda: svc.ledger.get_receipt(pending.id).status == "failed", timeout=WAIT_MS)
        assert svc.ledger.get_receipt(verified.id) == verified
        qtbot.waitUntil(lambda: "You gave up on this authority" in view.details.toPlainText(), timeout=WAIT_MS)
    finally:
        finish(qtbot, w)
        svc.close()


def test_library_badges_pending_and_failure(qtbot, services):
    from proofkit.gui.works_view import WorksModel
    from proofkit.ledger import ReceiptData

    now = datetime.now(timezone.utc)
    ledger = services.ledger
    for title, status in (("等", "pending"), ("坏", "failed")):
        ledger.record_stamp(work_title=title, file_name=f"{title}.txt", path=f"/x/{title}.txt", size=1,
                            hash_alg="sha256", digest_hex=("a" if status == "pending" else "b") * 64,
                            receipts=[ReceiptData(tsa_name="t", url="http://t/", requested_at=now,
                                                  hash_alg="sha256", status=status,
                                                  error=None if status == "pending" else "bench")])
    m = WorksModel()
    m.set_summaries(ledger.work_summaries())
    by_title = {m.summary(i).work.title: m.data(m.index(i, 5)) for i in range(m.rowCount())}
    assert by_title == {"等": "… 1 pending", "坏": "✖ 1 failed"}


def test_receipt_model_loads_lazily_and_sorts_by_date(qtbot, services):
    from proofkit.gui.ledger_model import PAGE, ReceiptTableModel
    from proofkit.ledger import ReceiptData

    now = datetime.now(timezone.utc)
    ledger = services.ledger
    for i in range(PAGE + 50):
        ledger.record_stamp(work_title="w", file_name=f"f{i}.txt", path=f"/x/f{i}.txt", size=1,
                            hash_alg="sha256", digest_hex=f"{i:064x}",
                            receipts=[ReceiptData(tsa_name="t", url="http://t/", requested_at=now + timedelta(seconds=i),
                                                  hash_alg="sha256")])
    m = ReceiptTableModel(lambda: ledger)
    m.show_all()
    assert m.rowCount() == PAGE
    assert m.receipt(0).file_name == f"f{PAGE + 49}.txt"  # newest first
    assert m.canFetchMore(m.index(-1, -1))
    m.fetchMore(m.index(-1, -1))
    assert m.rowCount() == PAGE + 50 and not m.canFetchMore(m.index(-1, -1))
    m.sort(1, Qt.AscendingOrder)
    assert m.receipt(0).file_name == "f0.txt" and m.rowCount() == PAGE


# ------------------------------------------------------------------ settings, first run, errors


def test_settings_roundtrip_and_tolerance(tmp_path):
    s = Settings(tsas=["digicert", "https://tsa.example/tsr"], language="zh_CN", trust_pems=["/a.pem"])
    save_settings(s, tmp_path)
    assert load_settings(tmp_path) == s
    assert json.loads(settings_path(tmp_path).read_text("utf-8"))["format"] == "proofkit-settings"
    assert load_settings(tmp_path / "missing") == Settings()
    settings_path(tmp_path).write_text("{not json", encoding="utf-8")
    assert load_settings(tmp_path) == Settings()
    assert (tmp_path / "settings.json.corrupt").exists()
    settings_path(tmp_path).write_text(json.dumps({"language": "klingon", "timeout": "x", "tsas": [1],
                                                    "backup_reminder_days": 7, "welcomed": True}), "utf-8")
    got = load_settings(tmp_path)
    assert (got.language, got.timeout, got.tsas) == ("system", 20.0, None)
    assert got.backup_reminder_days == 7 and got.welcomed is True
    assert not list(tmp_path.glob(".settings-*.tmp"))


def test_settings_dialog_saves_typed_settings(qtbot, window, tmp_path):
    dlg = window.open_settings()
    dlg.custom_url.setText("https://tsa.example.org/tsr")
    dlg.add_custom()
    dlg.language.setCurrentIndex(dlg.language.findData("zh_CN"))
    dlg.accept()
    s = load_settings(window.services.base_dirs.config)
    assert "https://tsa.example.org/tsr" in s.tsas and s.language == "zh_CN"
    assert "https://tsa.example.org/tsr" in s.custom_tsa_urls
    assert window.services.settings == s
    dlg2 = window.open_settings()
    for i in range(dlg2.tsa_list.count()):
        dlg2.tsa_list.item(i).setCheckState(Qt.Unchecked)
    dlg2.accept()
    assert "at least one" in dlg2.tsa_error.text()
    dlg2.reject()


def test_settings_dialog_author_identity(qtbot, window):
    """The author's identity entered once in Settings (issue 15), stored in the settings file."""
    dlg = window.open_settings()
    dlg.pen_names.setText("风起云涌；Wind、 ")
    dlg.real_name.setText(" 张三 ")
    dlg.accounts.setPlainText("https://fanqienovel.com/author-page/1\n\n起点: https://my.qidian.com/author/2\n")
    dlg.contact.setText("a@example.com")
    dlg.accept()
    s = load_settings(window.services.base_dirs.config)
    assert s.author_declaration() == {"pen_names": ["风起云涌", "Wind"], "real_name": "张三",
                                      "accounts": ["https://fanqienovel.com/author-page/1",
                                                   "起点: https://my.qidian.com/author/2"],
                                      "contact": "a@example.com"}
    dlg2 = window.open_settings()
    assert dlg2.pen_names.text() == "风起云涌; Wind" and dlg2.real_name.text() == "张三"
    dlg2.real_name.setText("x" * 600)
    dlg2.accept()
    assert "too long" in dlg2.author_error.text() and dlg2.isVisible()
    dlg2.reject()
    assert load_settings(window.services.base_dirs.config).author_real_name == "张三"


def test_settings_tsa_list_enter_scrolling_ticks_and_names(qtbot, window):
    """Enter in the custom URL box adds it (the dialog stays open); the added row is scrolled
    into view and ticked; on reopening the chosen TSAs are the first rows, ticked; a custom
    TSA is shown by the name given to it, everywhere."""
    from PySide6.QtTest import QTest

    dlg = window.open_settings()
    qtbot.waitUntil(dlg.isVisible, timeout=5000)
    dlg.custom_url.setFocus()
    dlg.custom_url.setText("https://tsa.example.org/tsr")
    dlg.custom_name.setText("My company TSA")
    QTest.keyClick(dlg.custom_url, Qt.Key_Return)
    assert dlg.isVisible() and dlg.result() == 0, "Enter closed the dialog"
    item = dlg.tsa_list.currentItem()
    assert item.data(Qt.UserRole) == "https://tsa.example.org/tsr" and item.checkState() == Qt.Checked
    assert "My company TSA" in item.text() and dlg.custom_url.text() == ""
    rect = dlg.tsa_list.visualItemRect(item)
    assert dlg.tsa_list.viewport().rect().contains(rect.center()), "the added TSA is below the fold"
    assert "My company TSA" in dlg.chosen_label.text()
    dlg.accept()
    s = load_settings(window.services.base_dirs.config)
    assert s.custom_tsa_names == {"https://tsa.example.org/tsr": "My company TSA"}
    chosen = set(s.tsas)
    dlg2 = window.open_settings()
    rows = [(dlg2.tsa_list.item(i).data(Qt.UserRole), dlg2.tsa_list.item(i).checkState())
            for i in range(dlg2.tsa_list.count())]
    assert {u for u, _c in rows[:len(chosen)]} == chosen  # the chosen ones first...
    assert all(c == Qt.Checked for _u, c in rows[:len(chosen)])  # ...ticked
    assert all(c == Qt.Unchecked for _u, c in rows[len(chosen):])
    dlg2.reject()
    from proofkit.gui.stamp_view import tsa_label
    from proofkit.core.registry import find_tsa

    t = find_tsa("https://tsa.example.org/tsr", window.services.registry)
    assert tsa_label(t, s.custom_tsa_names) == "My company TSA"
    assert window.ledger_page.tsa_names("127.0.0.1", "http://127.0.0.1:8081/tsr") == "127.0.0.1:8081/tsr"


def test_form_labels_have_working_mnemonics(qtbot, window):
    """No literal "&" on screen: every label whose text holds a mnemonic has a buddy."""
    from PySide6.QtWidgets import QLabel

    dlgs = [window.open_settings(), window.export()]
    for dlg in dlgs:
        labels = [lb for lb in dlg.findChildren(QLabel) if "&" in lb.text().replace("&&", "")]
        assert labels
        for lb in labels:
            assert lb.buddy() is not None, lb.text()
        dlg.reject()


def test_quit_question_names_work_in_words(qtbot, window):
    window.runner.running[1] = (None, "sync")
    window.runner.running[2] = (None, "第一章.txt")
    try:
        text = window.busy_text()
    finally:
        window.runner.running.clear()
    assert "completing pending stamps" in text and "“第一章.txt”" in text
    assert "sync" not in text.replace("stamps", "")


def test_file_dialogs_start_in_documents_then_the_last_folder(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from proofkit.gui import last_folder

    seen = []

    def fake_open(_parent, _caption, folder, _filter=""):
        seen.append(folder)
        return [str(tmp_path / "a.txt")], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_open))
    window._geometry.remove("last_folder")
    window.stamp_page.add_paths = lambda paths, work=None: []
    window.stamp_page.drop.dropped.disconnect()
    window.stamp_page.drop.choose_files()
    assert seen[0] == str(last_folder.documents()) and seen[0] != os.getcwd()
    window.stamp_page.drop.choose_files()
    assert seen[1] == str(tmp_path)


def test_drag_and_drop_files_folders_and_several(qtbot, window, chapter, tmp_path):
    """Real QDropEvents with file URLs: one file, a folder (one manifest), several at once;
    something that is not a local file is refused."""
    folder = tmp_path / "novel"
    folder.mkdir()
    for i in range(3):
        (folder / f"{i}.txt").write_text(f"chapter {i}", encoding="utf-8")
    two = tmp_path / "第二章.txt"
    two.write_text("第二章", encoding="utf-8")
    page = window.stamp_page
    drop(page.drop, [folder])
    job = page.jobs[-1]
    assert job.path == folder and job.work == "novel"
    wait_done(qtbot, [job])
    assert job.hashed.manifest is not None and job.hashed.files == 3
    before = len(page.jobs)
    drop(page.drop, [chapter, two])
    assert [j.path for j in page.jobs[before:]] == [chapter, two]
    wait_done(qtbot, page.jobs[before:])
    assert all(j.phase == stamp_jobs.DONE for j in page.jobs)
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.org/x.txt")])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(page.drop, enter)
    assert not enter.isAccepted()
    # The Verify page takes a drop too.
    vp = window.verify_page
    drop(vp.drop, [two])
    qtbot.waitUntil(lambda: vp.last_result is not None, timeout=WAIT_MS)
    assert vp.headline.text().startswith("✔ This exact file was stamped")


def test_welcome_on_first_run_lists_tsas_and_privacy(qtbot, home, loopback_pki, loopback_tsa):
    from proofkit.gui.app import build_window

    svc = make_services(home, [loopback_tsa.url], loopback_pki.root_pem)
    svc.save_settings(Settings(**{**svc.settings.__dict__, "welcomed": False}))
    w = build_window(svc, "en", auto_sync=False)
    try:
        qtbot.waitUntil(lambda: getattr(w, "welcome_dialog", None) is not None and w.welcome_dialog.isVisible(),
                        timeout=5000)
        text = " ".join(t.toPlainText() for t in w.welcome_dialog.findChildren(type(w.verify_page.result)))
        assert "Only a fingerprint" in text and loopback_tsa.url in text or "127.0.0.1" in text
        assert "It does not, by itself, prove who wrote it" in text
        w.welcome_dialog.accept()
        assert load_settings(svc.base_dirs.config).welcomed
        assert "Only a fingerprint" in w.privacy.text() and w.privacy.isVisible()
    finally:
        finish(qtbot, w)
        svc.close()


def test_backup_reminder(qtbot, window, chapter, tmp_path):
    assert not window.check_backup_reminder()  # nothing to lose yet
    stamp(qtbot, window, chapter)
    assert window.check_backup_reminder()
    assert window.banner.isVisible() and "never been backed up" in window.banner_text.text()
    window.backup_ledger(str(tmp_path / "b.sqlite3"))
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=10_000)
    assert (tmp_path / "b.sqlite3").exists()
    assert not window.check_backup_reminder()
    later = datetime.now(timezone.utc) + timedelta(days=31)
    assert window.check_backup_reminder(now=later)
    assert "31 days" in window.banner_text.text()


def test_error_dialog_has_copyable_details(qtbot):
    from proofkit.core.errors import InputError
    from proofkit.gui.errors import show_error

    dlg = show_error(None, InputError("x.txt: no such file.", detail="stat failed"), "Traceback...")
    qtbot.addWidget(dlg)
    assert dlg.message.text() == "x.txt: no such file."
    dlg.copy_details()
    clip = QApplication.clipboard().text()
    assert "x.txt: no such file." in clip and "ProofKit" in clip and "Traceback" in clip
    dlg2 = show_error(None, RuntimeError("boom"), "tb")
    qtbot.addWidget(dlg2)
    assert "RuntimeError" in dlg2.message.text()


def test_logging_goes_to_a_rotating_file(tmp_path):
    import logging
    import logging.handlers

    from proofkit.gui.errors import setup_logging

    path = setup_logging(tmp_path / "logs")
    logging.getLogger("proofkit.gui.test").warning("hello log")
    for h in logging.getLogger("proofkit").handlers:
        h.flush()
    assert "hello log" in path.read_text(encoding="utf-8")
    assert any(isinstance(h, logging.handlers.RotatingFileHandler) for h in logging.getLogger("proofkit").handlers)


# The entry point runs QApplication.exec() to its end; afterwards this process's zero-delay
# timers no longer fire (PySide6), which broke later tests' windows. So these two start the
# app as a user does, in a process of its own.
_CLOSE_SOON = """
import sys
from PySide6.QtCore import QTimer
from proofkit.gui import app as gui_app
orig = gui_app.build_window
def quit_soon(*a, **k):
    w = orig(*a, **k)
    QTimer.singleShot(300, w.close)
    return w
gui_app.build_window = quit_soon
sys.exit(gui_app.main(sys.argv[1:]))
"""


def _gui_process(*argv: str, script: str | None = None):
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, "-c", script, *argv] if script else [sys.executable, "-m", "proofkit.gui", *argv]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)


def test_main_entry_point_runs_and_quits(home, loopback_pki, loopback_tsa):
    """Closing the last window ends main() with 0, its log written."""
    make_services(home, [loopback_tsa.url], loopback_pki.root_pem).close()
    r = _gui_process("--home", str(home), "--lang", "en", "--no-welcome", script=_CLOSE_SOON)
    assert r.returncode == 0, r.stderr
    assert "ProofKit GUI closed" in (home / "logs" / "proofkit-gui.log").read_text(encoding="utf-8")


def test_quit_after_shows_the_window_then_exits_cleanly(qtbot, home, loopback_pki, loopback_tsa):
    from PySide6.QtGui import QGuiApplication

    from proofkit.gui import app as gui_app

    make_services(home, [loopback_tsa.url], loopback_pki.root_pem).close()
    r = _gui_process("--home", str(home), "--lang", "en", "--no-welcome", "--quit-after", "200")
    assert r.returncode == 0, r.stderr
    assert "quit-after: window visible=True title='ProofKit'" in r.stderr
    log = (home / "logs" / "proofkit-gui.log").read_text(encoding="utf-8")
    assert "ProofKit GUI closed" in log
    gui_app.create_app(["proofkit-gui"])  # what main() sets up, without running the app
    assert QGuiApplication.desktopFileName() == "org.proofkit.ProofKit"
    with pytest.raises(SystemExit):
        gui_app.parse_args(["--quit-after", "soon"])


def test_about_lists_licences(qtbot, monkeypatch):
    from proofkit.gui import dialogs

    monkeypatch.setattr(dialogs, "third_party_licences", lambda: None)  # a checkout
    dlg = dialogs.AboutDialog()
    qtbot.addWidget(dlg)
    text = dlg.licences.toPlainText()
    for name, lic in (("PySide6", "LGPL-3.0"), ("cryptography", "Apache-2.0 OR BSD-3-Clause"),
                      ("rfc3161ng", "MIT"), ("SQLAlchemy", "MIT"), ("asn1crypto", "MIT"),
                      ("platformdirs", "MIT"), ("certifi", "MPL-2.0"), ("fpdf2", "LGPL-3.0"),
                      ("WenQuanYi Micro Hei", "Apache-2.0")):
        assert name in text and lic in text, name
    assert "Noto" not in text  # the font the reports really use

    full = "ProofKit 1.0 — third-party software shipped in this build\n  PySide6 6.7: LGPL-3.0-only\n"
    monkeypatch.setattr(dialogs, "third_party_licences", lambda: full)  # a frozen build
    dlg = dialogs.AboutDialog()
    qtbot.addWidget(dlg)
    assert dlg.licences.toPlainText().strip() == full.strip()


def test_third_party_licences_file_is_read_through_resources(monkeypatch, tmp_path):
    from importlib import resources

    from proofkit.gui import dialogs

    assert dialogs.third_party_licences() is None  # a checkout has none (the build makes it)
    (tmp_path / "THIRD_PARTY_LICENSES.txt").write_text("licences ✔", encoding="utf-8")
    monkeypatch.setattr(resources, "files", lambda _pkg: tmp_path)
    assert dialogs.third_party_licences() == "licences ✔"

