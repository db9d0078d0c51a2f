"""The main window: Stamp, Ledger, Verify and Compare pages, menus, the privacy sentence always in
view, the backup reminder, and a safe close while work is running."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from proofkit.app import ledger_care
from proofkit.gui import last_folder
from proofkit.gui.compare_view import ComparePage
from proofkit.gui.errors import show_error
from proofkit.gui.ledger_view import LedgerPage
from proofkit.gui.stamp_view import StampPage
from proofkit.gui.sync import SyncController
from proofkit.gui.texts import privacy_sentence
from proofkit.gui.verify_view import VerifyPage
from proofkit.gui.worker import TaskRunner

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, services, runner: TaskRunner | None = None, *, auto_sync: bool = True) -> None:
        super().__init__()
        self.services = services
        self.runner = runner or TaskRunner(parent=self)
        self.setWindowTitle("ProofKit")
        self.resize(1200, 760)
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(8, 6, 8, 4)

        self.banner = QFrame()
        self.banner.setObjectName("Banner")
        self.banner.setStyleSheet("#Banner { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; }"
                                  "#Banner QLabel { color: #3b2300; }")
        bl = QHBoxLayout(self.banner)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        bl.addWidget(self.banner_text, 1)
        self.banner_button = QPushButton(self.tr("&Back up now…"))
        self.banner_button.clicked.connect(self.backup_ledger)
        bl.addWidget(self.banner_button)
        later = QPushButton(self.tr("Later"))
        later.clicked.connect(self.banner.hide)
        bl.addWidget(later)
        self.banner.hide()
        lay.addWidget(self.banner)

        self.tabs = QTabWidget()
        self.stamp_page = StampPage(services, self.runner)
        self.ledger_page = LedgerPage(services, self.runner)
        self.verify_page = VerifyPage(services, self.runner)
        self.tabs.addTab(self.stamp_page, self.tr("&Stamp"))
        self.tabs.addTab(self.ledger_page, self.tr("&Ledger"))
        self.tabs.addTab(self.verify_page, self.tr("&Verify"))
        self.compare_page = ComparePage(services, self.runner)
        self.tabs.addTab(self.compare_page, self.tr("C&ompare"))
        lay.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        # The lock is the app's shield icon: emoji fonts are missing on many Linux desktops.
        lock = QLabel()
        from proofkit.gui.app import app_icon

        size = self.fontMetrics().height()
        lock.setPixmap(app_icon().pixmap(size, size))
        self.statusBar().addWidget(lock)
        self.privacy = QLabel(privacy_sentence())
        self.privacy.setObjectName("Privacy")
        self.statusBar().addWidget(self.privacy, 1)
        self.activity = QLabel()
        self.statusBar().addPermanentWidget(self.activity)
        self.runner.busyChanged.connect(self._busy_changed)

        self.stamp_page.stamped.connect(self._ledger_changed)
        self.compare_page.stamped.connect(self._ledger_changed)
        self.ledger_page.exportRequested.connect(self.export)
        self.ledger_page.stampRequested.connect(self.stamp_draft_of)
        self.ledger_page.compareRequested.connect(self.compare_with)
        self.ledger_page.verifyRequested.connect(self.verify_against)
        self.verify_page.stampRequested.connect(
            lambda path, work: (self.tabs.setCurrentIndex(0), self.stamp_page.add_paths([path], work or None)))
        self.sync = SyncController(services, self.runner, self)
        self.sync.started.connect(lambda: self.activity.setText(self.tr("Completing pending stamps…")))
        self.sync.receipts.connect(self.stamp_page.apply_receipts)
        self.sync.synced.connect(self._synced)
        self._build_menus()
        self._geometry = QSettings(str(services.base_dirs.config / "window.ini"), QSettings.IniFormat)
        last_folder.use(self._geometry)
        geo = self._geometry.value("geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        self._auto_sync = auto_sync
        self._closing = False
        QTimer.singleShot(0, self._after_show)

    # ------------------------------------------------------------------ start-up

    def _after_show(self) -> None:
        """Fill the ledger page (first page only) and look at backups, after the window is up."""
        try:
            self.ledger_page.load()
            self.check_backup_reminder()
        except Exception as exc:  # noqa: BLE001 - an unreadable ledger is shown, not fatal
            show_error(self, exc, title=self.tr("The ledger could not be opened"))
            return
        if self._auto_sync:
            self.sync.start()

    def check_backup_reminder(self, now: datetime | None = None) -> bool:
        days = self.services.settings.backup_reminder_days
        if days <= 0:
            return False
        ledger = self.services.ledger
        if ledger.count_receipts(status="verified") == 0:
            return False
        now = now or datetime.now(timezone.utc)
        if self._mirror_note():
            return True
        last = ledger.last_backup_at()
        if last is not None and (now - last).days < days:
            self.banner.hide()
            return False
        if last is None:
            text = self.tr("Your ledger has never been backed up. It is the only copy of your receipts: "
                           "keep a backup on another disk or cloud folder.")
        else:
            text = self.tr("Your ledger was last backed up %1 days ago. Make a fresh copy on another disk "
                           "or cloud folder.").replace("%1", str((now - last).days))
        self.banner_text.setText(text)
        self.banner.show()
        return True

    def _mirror_note(self) -> bool:
        """With a mirror set, the reminder says where the proof is mirrored and when it was
        last copied (or that the last copy failed); without one, the backup reminder stands."""
        from proofkit.app import mirroring
        from proofkit.gui.fmt import local_time

        st = mirroring.status(self.services)
        if st.folder is None:
            return False
        if st.last_error:
            text = self.tr("Your proof could not be copied to its mirror at %1 (is the disk or cloud folder "
                           "there?). It is safe on this computer; the copy catches up after the next "
                           "change.").replace("%1", str(st.folder))
        elif st.last_copy_at is not None:
            text = self.tr("Your proof is mirrored to %1; last copy %2.").replace(
                "%1", str(st.folder)).replace("%2", local_time(st.last_copy_at))
        else:
            text = self.tr("Your proof will be mirrored to %1 after the next change.").replace("%1", str(st.folder))
        self.banner_text.setText(text)
        self.banner.show()
        return True

    # ------------------------------------------------------------------ menus

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
        a.triggered.connect(slot)
        menu.addAction(a)
        return a

    def _build_menus(self) -> None:
        m = self.menuBar().addMenu(self.tr("&File"))
        self._action(m, self.tr("Stamp &files…"), lambda: self._go(0, self.stamp_page.drop.choose_files),
                     QKeySequence.Open)
        self._action(m, self.tr("Stamp a f&older…"), lambda: self._go(0, self.stamp_page.drop.choose_folder),
                     "Ctrl+Shift+O")
        self._action(m, self.tr("&Verify a file…"), lambda: self._go(2, self.verify_page.drop.choose_files),
                     "Ctrl+Shift+V")
        self._action(m, self.tr("&Export evidence…"), lambda: self.export(None, None), "Ctrl+E")
        m.addSeparator()
        self._action(m, self.tr("&Settings…"), self.open_settings, QKeySequence.Preferences)
        self._action(m, self.tr("&Quit"), self.close, QKeySequence.Quit)
        m = self.menuBar().addMenu(self.tr("&Ledger"))
        self._action(m, self.tr("&Complete pending stamps now"), self.sync.sync_now, "F5")
        self._action(m, self.tr("C&heck the ledger for tampering"), self.check_ledger)
        self._action(m, self.tr("&Back up the ledger…"), self.backup_ledger)
        m = self.menuBar().addMenu(self.tr("&Help"))
        self._action(m, self.tr("&Welcome"), self.show_welcome)
        self._action(m, self.tr("Open the &log folder"),
                     lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.services.dirs.logs))))
        self._action(m, self.tr("&About ProofKit"), self.show_about, QKeySequence.HelpContents)
        for i in range(self.tabs.count()):
            a = QAction(self)
            a.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            a.triggered.connect(lambda _c=False, i=i: self.tabs.setCurrentIndex(i))
            self.addAction(a)

    def _go(self, tab: int, then) -> None:
        self.tabs.setCurrentIndex(tab)
        then()

    def stamp_draft_of(self, title: str) -> None:
        """"Stamp a new draft" of a work: the Stamp page, that work chosen, the file picker."""
        self.stamp_page.work.setEditText(title)
        self._go(0, self.stamp_page.drop.choose_files)

    def compare_with(self, title: str) -> None:
        """"Compare a suspect copy" from a work: the Compare page with that work as yours, and
        the file picker for theirs."""
        self.compare_page.use_work(title)
        self._go(self.tabs.indexOf(self.compare_page), self.compare_page.theirs_drop.choose_files)

    def verify_against(self, title: str) -> None:
        """"Verify a file against this work": the Verify page and its file picker; the
        verdict names the work's nearest drafts when the file matches none."""
        self.verify_page.expected_work = title
        self._go(2, self.verify_page.drop.choose_files)

    # ------------------------------------------------------------------ actions

    def _ledger_changed(self) -> None:
        self.ledger_page.refresh()
        self.stamp_page.refresh_works()
        self.compare_page.refresh_ledger()

    def _synced(self, results: list) -> None:
        self.activity.clear()
        if results:
            ok = sum(1 for _rid, status in results if status == "verified")
            self.statusBar().showMessage(
                self.tr("%1 pending stamp(s) retried, %2 now verified.").replace("%1", str(len(results)))
                .replace("%2", str(ok)), 10_000)
            self._ledger_changed()

    def _busy_changed(self, busy: bool) -> None:
        if not busy and not self.sync.running:
            self.activity.clear()

    def export(self, work=None, version_id=None):
        from proofkit.gui.export_dialog import ExportDialog

        dlg = ExportDialog(self.services, self.runner, work, version_id, self)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.open()
        self.export_dialog = dlg
        return dlg

    def open_settings(self):
        from proofkit.gui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.services, self)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.open()
        self.settings_dialog = dlg
        return dlg

    def show_welcome(self):
        from proofkit.gui.dialogs import WelcomeDialog

        dlg = WelcomeDialog(self.services, self)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.accepted.connect(self._welcomed)
        dlg.open()
        self.welcome_dialog = dlg
        return dlg

    def _welcomed(self) -> None:
        if not self.services.settings.welcomed:
            import dataclasses

            self.services.save_settings(dataclasses.replace(self.services.settings, welcomed=True))

    def show_about(self):
        from proofkit.gui.dialogs import AboutDialog

        dlg = AboutDialog(self)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def check_ledger(self) -> None:
        self.activity.setText(self.tr("Checking the ledger…"))
        self.runner.start(ledger_care.check_ledger, self.services, label="check",
                          on_finished=self._checked, on_failed=lambda e, t: show_error(self, e, t))

    def _checked(self, result) -> None:
        self.activity.clear()
        problems = result.problems
        if not problems:
            box = QMessageBox(QMessageBox.Information, self.tr("Ledger intact"),
                              self.tr("Every entry of the ledger is chained and unchanged."), QMessageBox.Ok, self)
        else:
            box = QMessageBox(QMessageBox.Warning, self.tr("The ledger was changed outside ProofKit"),
                              self.tr("%1 problem(s) found. Your receipts' tokens can still be verified one "
                                      "by one; keep a backup of this file as it is.")
                              .replace("%1", str(len(problems))), QMessageBox.Ok, self)
            box.setDetailedText("\n".join(str(p) for p in problems))
        box.button(QMessageBox.Ok).setText(self.tr("OK"))
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()
        self.check_box = box

    def backup_ledger(self, out: str | None = None) -> None:
        if not out:
            name = f"proofkit-ledger-{datetime.now(timezone.utc):%Y%m%d}.sqlite3"
            out, _ = QFileDialog.getSaveFileName(self, self.tr("Back up the ledger"),
                                                 str(Path(last_folder.start()) / name), self.tr("Ledger (*.sqlite3)"))
            if not out:
                return
            last_folder.remember(out)
        self.runner.start(ledger_care.backup, self.services, Path(out), label="backup",
                          on_finished=self._backed_up, on_failed=lambda e, t: show_error(self, e, t))

    def _backed_up(self, out) -> None:
        self.banner.hide()
        self.statusBar().showMessage(self.tr("Ledger backed up to %1").replace("%1", str(out)), 10_000)

    # ------------------------------------------------------------------ closing

    def busy_text(self) -> str:
        """What is still running, in words: the app's own jobs by what they do, a stamp, a
        check or an export by its file's name (never an internal task name)."""
        own = {"sync": self.tr("completing pending stamps"), "check": self.tr("checking the ledger"),
               "backup": self.tr("backing up the ledger")}
        labels = sorted(set(self.runner.labels()))
        what = [own[x] for x in labels if x in own] + [f"“{x}”" for x in labels if x not in own]
        if len(what) > 5:
            what = what[:5] + ["…"]
        sep = self.tr(", ")
        return (self.tr("ProofKit is still working on: %1.\n\nQuit anyway? Hashing stops and nothing half-done "
                        "is kept; stamps already requested stay pending and are completed next time.")
                .replace("%1", sep.join(what)))

    def closeEvent(self, event) -> None:
        # Only named work asks (stamping, verifying, exporting, syncing, a check or backup);
        # unnamed reads (the library, a work's drafts, a certificate chain) just stop.
        if self.runner.busy and self.runner.labels() and not self._closing:
            box = QMessageBox(QMessageBox.Question, self.tr("ProofKit is still working"),
                              self.busy_text(), QMessageBox.NoButton, self)
            quit_button = box.addButton(self.tr("&Quit"), QMessageBox.AcceptRole)
            box.setDefaultButton(box.addButton(self.tr("&Keep working"), QMessageBox.RejectRole))
            box.exec()
            if box.clickedButton() is not quit_button:
                event.ignore()
                return
        self._closing = True
        self.sync.timer.stop()
        self.runner.cancel_all()
        self._geometry.setValue("geometry", self.saveGeometry())
        self._geometry.sync()
        event.accept()
