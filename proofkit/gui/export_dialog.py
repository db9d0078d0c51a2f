"""Export the evidence bundle of a work or of one version."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from proofkit.app import exporting
from proofkit.gui import fmt, last_folder
from proofkit.gui.forms import add_row


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_") or "evidence"


class ExportDialog(QDialog):
    exported = Signal(object)  # Path

    def __init__(self, services, runner, work: str | None = None, version_id: int | None = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.setWindowTitle(self.tr("Export evidence"))
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("An evidence bundle is one .zip file with the time stamps, the certificates "
                               "and a report anyone can check without ProofKit."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.work = QComboBox()
        ledger = services.ledger
        for w in ledger.works():
            self.work.addItem(w.title, w)
        if work:
            i = self.work.findText(work)
            if i >= 0:
                self.work.setCurrentIndex(i)
        self.work.currentIndexChanged.connect(self._fill_versions)
        add_row(form, self.tr("&Work:"), self.work)
        self.version = QComboBox()
        add_row(form, self.tr("&Version:"), self.version)
        self._fill_versions()
        if version_id is not None:
            i = self.version.findData(version_id)
            if i >= 0:
                self.version.setCurrentIndex(i)
        self.include = QCheckBox(self.tr("&Include the original files"))
        form.addRow("", self.include)
        explain = QLabel(self.tr("With the originals, anyone can check the bundle alone; without them, the "
                                 "bundle holds only fingerprints, so you can share it without revealing "
                                 "your work."))
        explain.setWordWrap(True)
        explain.setStyleSheet("color: gray;")
        form.addRow("", explain)
        self.lang = QComboBox()
        self.lang.addItem("中文", "zh")
        self.lang.addItem("English", "en")
        from proofkit.gui.i18n import resolve_language

        self.lang.setCurrentIndex(0 if resolve_language(services.settings.language) == "zh_CN" else 1)
        add_row(form, self.tr("Report &language:"), self.lang)
        row = QHBoxLayout()
        self.out = QLineEdit()
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        row.addWidget(self.out, 1)
        row.addWidget(browse)
        add_row(form, self.tr("Save &as:"), row, self.out)
        lay.addLayout(form)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.hide()
        lay.addWidget(self.bar)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        self.export_button = self.buttons.addButton(self.tr("E&xport"), QDialogButtonBox.AcceptRole)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._suggest_name()
        self.version.currentIndexChanged.connect(self._suggest_name)
        self.work.currentIndexChanged.connect(self._suggest_name)
        self.export_button.setEnabled(self.work.count() > 0)
        if self.work.count() == 0:
            self.status.setText(self.tr("Nothing to export yet: stamp a file first."))

    def _fill_versions(self) -> None:
        self.version.clear()
        self.version.addItem(self.tr("All versions of this work"), None)
        w = self.work.currentData()
        if w is None:
            return
        for v in reversed(self.services.ledger.versions(w.id)):
            self.version.addItem(f"v{v.number} · {fmt.local_time(v.created_at)} — {v.file_name}", v.id)

    def _suggest_name(self) -> None:
        w = self.work.currentData()
        if w is None:
            return
        vid = self.version.currentData()
        number = self.version.currentText().split(" ", 1)[0] if vid is not None else ""
        name = _safe(w.title) + (f"-{number}" if number else "") + "-evidence.zip"
        folder = Path(self.out.text()).parent if self.out.text() else Path(last_folder.start())
        self.out.setText(str(folder / name))

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the evidence bundle"), self.out.text(),
                                              self.tr("Evidence bundle (*.zip)"))
        if name:
            last_folder.remember(name)
            self.out.setText(name if name.lower().endswith(".zip") else name + ".zip")

    def target(self) -> str:
        vid = self.version.currentData()
        return str(vid) if vid is not None else self.work.currentData().title

    def start_export(self) -> None:
        out = Path(self.out.text().strip())
        if not out.name:
            self.status.setText(self.tr("Choose where to save the bundle."))
            return
        if out.exists():
            self.status.setText(self.tr("%1 already exists; choose another name.").replace("%1", str(out)))
            return
        self._out = out
        self.export_button.setEnabled(False)
        self.bar.show()
        self.status.setText(self.tr("Exporting…"))
        self.runner.start(exporting.export, self.services, self.target(), out,
                          include_original=self.include.isChecked(), lang=self.lang.currentData(), label=out.name,
                          on_finished=self._done, on_failed=self._failed)

    def _done(self, collected) -> None:
        self.bar.hide()
        out = self._out
        self.result_path = out
        text = self.tr("Saved: %1 — %2 version(s), %3 verified time stamp(s).").replace("%1", str(out)) \
            .replace("%2", str(len(collected.versions))).replace("%3", str(len(collected.receipts)))
        if collected.not_proof:
            text += " " + self.tr("%1 receipt(s) were left out because they are not proof (pending or "
                                  "failed).").replace("%1", str(len(collected.not_proof)))
        self.status.setText(text)
        self.status.setStyleSheet("color: #1a7f37;")
        self.export_button.setEnabled(True)
        self.buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Close"))
        self.exported.emit(out)

    def _failed(self, exc, tb) -> None:
        from proofkit.gui.errors import show_error

        self.bar.hide()
        self.export_button.setEnabled(True)
        self.status.setText(getattr(exc, "message", str(exc)))
        self.status.setStyleSheet("color: #cf222e;")
        self.error_dialog = show_error(self, exc, tb, title=self.tr("Export failed"))
