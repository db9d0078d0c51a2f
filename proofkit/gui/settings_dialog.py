"""Settings: the TSAs to ask (from the registry, plus custom URLs), extra trust roots, the
data folder, the language and the author's identity (printed in bundles as declared, not
proven). Edits a copy of the typed Settings; saved on OK."""

from __future__ import annotations

import copy
import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from proofkit.app import author
from proofkit.core.errors import InputError
from proofkit.core.registry import find_tsa
from proofkit.core.settings import Settings
from proofkit.gui import last_folder
from proofkit.gui.forms import add_row


class SettingsDialog(QDialog):
    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.original = services.settings
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumSize(620, 700)
        lay = QVBoxLayout(self)

        box = QGroupBox(self.tr("Time-stamping authorities to ask"))
        bl = QVBoxLayout(box)
        note = QLabel(self.tr("Each one signs the time it saw your file's fingerprint. Two or more, in "
                              "different countries, make the proof stronger."))
        note.setWordWrap(True)
        bl.addWidget(note)
        self.tsa_list = QListWidget()
        self.tsa_list.setMinimumHeight(120)  # never squeezed shut by the groups below
        self.tsa_list.setAccessibleName(self.tr("Time-stamping authorities"))
        self.custom_names = dict(self.original.custom_tsa_names)
        # The chosen TSAs first, in the order they are asked, then the others: on reopening,
        # the ticks are what one sees, not a screenful of unticked rows.
        chosen = [t.url for t in services.tsas()]
        rows = [(t.url, f"{t.display_name} — {t.operator} ({t.country})", t.notes) for t in services.registry]
        for url in self.original.custom_tsa_urls:
            if not any(t.url == url for t in services.registry):
                rows.append((url, self._custom_text(url), ""))
        for url in chosen:
            if not any(u == url for u, _t, _n in rows):
                rows.append((url, self._custom_text(url), ""))
        order = {url: i for i, url in enumerate(chosen)}
        rows.sort(key=lambda row: order.get(row[0], len(order)))
        for url, text, tip in rows:
            self._add_tsa_item(text, url, url in order, tip)
        self.tsa_list.itemChanged.connect(lambda _i: self._update_chosen())
        bl.addWidget(self.tsa_list)
        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        bl.addWidget(self.chosen_label)
        row = QHBoxLayout()
        self.custom_url = QLineEdit()
        self.custom_url.setPlaceholderText("https://tsa.example.com/tsr")
        self.custom_url.setAccessibleName(self.tr("Custom TSA address"))
        self.custom_url.returnPressed.connect(self.add_custom)
        self.custom_name = QLineEdit()
        self.custom_name.setPlaceholderText(self.tr("Name (optional)"))
        self.custom_name.setAccessibleName(self.tr("Custom TSA name"))
        self.custom_name.returnPressed.connect(self.add_custom)
        add = QPushButton(self.tr("&Add custom TSA"))
        add.setAutoDefault(False)
        add.clicked.connect(self.add_custom)
        row.addWidget(self.custom_url, 3)
        row.addWidget(self.custom_name, 1)
        row.addWidget(add)
        bl.addLayout(row)
        self.tsa_error = QLabel()
        self.tsa_error.setStyleSheet("color: #cf222e;")
        self.tsa_error.setWordWrap(True)
        bl.addWidget(self.tsa_error)
        self._update_chosen()
        lay.addWidget(box, 2)

        box = QGroupBox(self.tr("Extra trusted root certificates"))
        bl = QVBoxLayout(box)
        note = QLabel(self.tr("Only needed for a private or company TSA whose root is not already known."))
        note.setWordWrap(True)
        bl.addWidget(note)
        self.trust_list = QListWidget()
        self.trust_list.setAccessibleName(self.tr("Extra trusted root certificates"))
        self.trust_list.addItems(self.original.trust_pems)
        self.trust_list.setMaximumHeight(80)
        bl.addWidget(self.trust_list)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add &certificate…"))
        add.clicked.connect(self.add_trust)
        remove = QPushButton(self.tr("&Remove"))
        remove.clicked.connect(lambda: self.trust_list.takeItem(self.trust_list.currentRow()))
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        bl.addLayout(row)
        lay.addWidget(box)

        form = QFormLayout()
        row = QHBoxLayout()
        self.data_dir = QLineEdit(self.original.data_dir or "")
        self.data_dir.setPlaceholderText(str(services.base_dirs.data))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse_data)
        row.addWidget(self.data_dir, 1)
        row.addWidget(browse)
        add_row(form, self.tr("&Data folder (ledger):"), row, self.data_dir)
        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "system")
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(self.original.language)))
        add_row(form, self.tr("&Language:"), self.language)
        self.backup_days = QSpinBox()
        self.backup_days.setRange(0, 365)
        self.backup_days.setSpecialValueText(self.tr("never"))
        self.backup_days.setSuffix(self.tr(" days"))
        self.backup_days.setValue(self.original.backup_reminder_days)
        add_row(form, self.tr("Remind me to &back up after:"), self.backup_days)
        self.vault_limit = QSpinBox()
        self.vault_limit.setRange(0, 1 << 20)
        self.vault_limit.setSpecialValueText(self.tr("never"))
        self.vault_limit.setSuffix(self.tr(" MiB"))
        self.vault_limit.setValue(self.original.vault_limit_mib)
        self.vault_limit.setToolTip(self.tr("ProofKit keeps an exact copy of each stamped file up to this size, so "
                                            "the draft you stamped can be shown years later. Models are kept "
                                            "only for works you choose."))
        add_row(form, self.tr("&Keep stamped files up to:"), self.vault_limit)
        row = QHBoxLayout()
        self.mirror_folder = QLineEdit(self.original.mirror_folder or "")
        self.mirror_folder.setPlaceholderText(self.tr("none (a cloud-drive folder or a USB disk)"))
        browse = QPushButton(self.tr("Bro&wse…"))
        browse.clicked.connect(self._browse_mirror)
        row.addWidget(self.mirror_folder, 1)
        row.addWidget(browse)
        add_row(form, self.tr("&Mirror my proof to:"), row, self.mirror_folder)
        self.mirror_error = QLabel()
        self.mirror_error.setStyleSheet("color: #cf222e;")
        self.mirror_error.setWordWrap(True)
        form.addRow("", self.mirror_error)
        lay.addLayout(form)
        lay.addWidget(self._author_box())
        self.restart_note = QLabel(self.tr("A new language or data folder takes effect when ProofKit restarts."))
        self.restart_note.setStyleSheet("color: gray;")
        lay.addWidget(self.restart_note)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def _author_box(self) -> QGroupBox:
        """The author's identity, entered once, printed in bundles as declared, not proven."""
        box = QGroupBox(self.tr("Author (printed in evidence bundles as declared, not proven)"))
        form = QFormLayout(box)
        note = QLabel(self.tr("Optional. A time stamp proves that a file existed at a time, not who wrote it: "
                              "what you enter here is printed as your own declaration, which nobody has checked."))
        note.setWordWrap(True)
        form.addRow(note)
        o = self.original
        self.pen_names = QLineEdit("; ".join(o.author_pen_names))
        self.pen_names.setPlaceholderText(self.tr("e.g. 风起云涌; Wind"))
        add_row(form, self.tr("&Pen names:"), self.pen_names)
        self.real_name = QLineEdit(o.author_real_name)
        add_row(form, self.tr("Real &name:"), self.real_name)
        self.accounts = QPlainTextEdit("\n".join(o.author_accounts))
        self.accounts.setPlaceholderText(self.tr("One per line, e.g. your author page on Fanqie, Jinjiang, "
                                                 "Qidian, LiblibAI or Civitai"))
        self.accounts.setMaximumHeight(64)
        self.accounts.setTabChangesFocus(True)
        add_row(form, self.tr("Pla&tform accounts:"), self.accounts)
        self.contact = QLineEdit(o.author_contact)
        add_row(form, self.tr("C&ontact:"), self.contact)
        self.author_error = QLabel()
        self.author_error.setStyleSheet("color: #cf222e;")
        form.addRow(self.author_error)
        return box

    def _add_tsa_item(self, text: str, url: str, checked: bool, tip: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
        item.setCheckState(Qt.Checked if checked else Qt.Unchecked)
        item.setData(Qt.UserRole, url)
        if tip:
            item.setToolTip(tip)
        self.tsa_list.addItem(item)
        return item

    def _custom_text(self, url: str) -> str:
        name = self.custom_names.get(url)
        label = f"{name} — {url}" if name else url
        return self.tr("Custom: %1").replace("%1", label)

    def _update_chosen(self) -> None:
        names = [self.tsa_list.item(i).text().split(" — ")[0] for i in range(self.tsa_list.count())
                 if self.tsa_list.item(i).checkState() == Qt.Checked]
        if names:
            self.chosen_label.setText(self.tr("%n chosen: %1", "", len(names)).replace("%1", ", ".join(names)))
        else:
            self.chosen_label.setText(self.tr("None chosen yet: tick at least one."))

    def keyPressEvent(self, event) -> None:
        """Enter in the custom TSA boxes adds the TSA; it does not close the dialog (and drop
        the address typed)."""
        if (event.key() in (Qt.Key_Return, Qt.Key_Enter)
                and self.focusWidget() in (self.custom_url, self.custom_name)):
            event.accept()
            return
        super().keyPressEvent(event)

    def add_custom(self) -> None:
        url = self.custom_url.text().strip()
        if not url:
            return
        try:
            t = find_tsa(url, self.services.registry)
        except InputError as exc:
            self.tsa_error.setText(exc.message)
            return
        if not url.lower().startswith(("http://", "https://")):
            self.tsa_error.setText(self.tr("Give the TSA's address, starting with http:// or https://."))
            return
        name = self.custom_name.text().strip()
        if name and not t.operator:
            self.custom_names[t.url] = name
        for i in range(self.tsa_list.count()):
            item = self.tsa_list.item(i)
            if item.data(Qt.UserRole) == t.url:
                if name and not t.operator:
                    item.setText(self._custom_text(t.url))
                item.setCheckState(Qt.Checked)
                break
        else:
            item = self._add_tsa_item(self._custom_text(t.url), t.url, True, "")
        self.tsa_list.setCurrentItem(item)
        self.tsa_list.scrollToItem(item)
        self.tsa_error.clear()
        self.custom_url.clear()
        self.custom_name.clear()
        self._update_chosen()

    def add_trust(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose root certificates"), last_folder.start(),
                                                self.tr("Certificates (*.pem *.crt *.cer)"))
        if names:
            last_folder.remember(names[0])
        for n in names:
            if not self.trust_list.findItems(n, Qt.MatchExactly):
                self.trust_list.addItem(n)

    def _browse_data(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Choose the data folder"),
                                                self.data_dir.text() or last_folder.start())
        if name:
            self.data_dir.setText(name)

    def _browse_mirror(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Choose the mirror folder"), self.mirror_folder.text())
        if name:
            self.mirror_folder.setText(name)

    def result_settings(self) -> Settings:
        s = copy.deepcopy(self.original)
        registry_urls = {t.url for t in self.services.registry}
        checked, custom = [], []
        for i in range(self.tsa_list.count()):
            item = self.tsa_list.item(i)
            url = item.data(Qt.UserRole)
            if url not in registry_urls:
                custom.append(url)
            if item.checkState() == Qt.Checked:
                checked.append(url)
        s.tsas = checked
        s.custom_tsa_urls = custom
        s.custom_tsa_names = {u: n for u, n in self.custom_names.items() if u in custom}
        s.trust_pems = [self.trust_list.item(i).text() for i in range(self.trust_list.count())]
        s.data_dir = self.data_dir.text().strip() or None
        s.language = self.language.currentData()
        s.backup_reminder_days = self.backup_days.value()
        s.vault_limit_mib = self.vault_limit.value()
        s.mirror_folder = self.mirror_folder.text().strip() or None
        return dataclasses.replace(s, **author.settings_fields(
            pen_names=author.split_names(self.pen_names.text()), real_name=self.real_name.text(),
            accounts=self.accounts.toPlainText().splitlines(), contact=self.contact.text()))

    def accept(self) -> None:
        try:
            s = self.result_settings()
        except InputError as exc:
            self.author_error.setText(exc.message)
            return
        if not s.tsas:
            self.tsa_error.setText(self.tr("Choose at least one time-stamping authority."))
            return
        if s.mirror_folder != self.original.mirror_folder:
            from proofkit.app import mirroring
            from proofkit.core.errors import ProofKitError

            try:  # prepared now (quick); the copy itself follows the next change
                mirroring.choose_folder(self.services, s.mirror_folder)
            except ProofKitError as exc:
                self.mirror_error.setText(exc.message)
                return
        self.services.save_settings(s)
        super().accept()
