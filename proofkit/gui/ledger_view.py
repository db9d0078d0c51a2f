"""The Ledger page: works on the left with the selected work's versions as a timeline,
the receipts (search by name or digest, sort by date) and one receipt's details."""

from __future__ import annotations

import string

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from proofkit.app.verifying import receipt_chain
from proofkit.gui import fmt
from proofkit.gui.ledger_model import DATE_COLUMN, ReceiptTableModel
from proofkit.gui.receipt_details import ReceiptDetails

_HEX = set(string.hexdigits)


class LedgerPage(QWidget):
    exportRequested = Signal(object, object)  # work title or None, version id or None

    def __init__(self, services, runner, parent=None) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        names = {t.name: t.display_name for t in services.registry}
        self.display_names = names
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search by file name, work or fingerprint (SHA-256)…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search the ledger"))
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        top.addWidget(self.search, 1)
        self.export_button = QPushButton(self.tr("&Export evidence…"))
        self.export_button.clicked.connect(self._export)
        top.addWidget(self.export_button)
        lay.addLayout(top)

        split = QSplitter(Qt.Horizontal)
        left = QSplitter(Qt.Vertical)
        wbox = QWidget()
        wl = QVBoxLayout(wbox)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.addWidget(QLabel(self.tr("Works")))
        self.works = QListWidget()
        self.works.setAccessibleName(self.tr("Works"))
        self.works.currentItemChanged.connect(lambda *_: self._work_selected())
        wl.addWidget(self.works)
        left.addWidget(wbox)
        vbox = QWidget()
        vl = QVBoxLayout(vbox)
        vl.setContentsMargins(0, 0, 0, 0)
        self.timeline_label = QLabel(self.tr("Versions (newest first)"))
        vl.addWidget(self.timeline_label)
        self.timeline = QListWidget()
        self.timeline.setAccessibleName(self.tr("Versions"))
        self.timeline.setWordWrap(True)
        self.timeline.currentItemChanged.connect(lambda *_: self._version_selected())
        vl.addWidget(self.timeline)
        left.addWidget(vbox)
        split.addWidget(left)

        self.model = ReceiptTableModel(lambda: services.ledger, names, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(DATE_COLUMN, Qt.DescendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.Interactive)
        hh.setStretchLastSection(True)
        for col, width in enumerate((90, 150, 150, 170, 110)):
            self.table.setColumnWidth(col, width)
        self.table.setAccessibleName(self.tr("Receipts"))
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._receipt_selected(cur.row()))
        split.addWidget(self.table)
        self.details = ReceiptDetails()
        split.addWidget(self.details)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        split.setStretchFactor(2, 3)
        split.setSizes([230, 640, 380])
        lay.addWidget(split, 1)
        self.summary = QLabel()
        lay.addWidget(self.summary)
        self._loaded = False

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        """Fill works and the first page of receipts (cheap: no full scan)."""
        ledger = self.services.ledger
        current = self._current_work()
        self.works.blockSignals(True)
        self.works.clear()
        all_item = QListWidgetItem(self.tr("All works"))
        all_item.setData(Qt.UserRole, None)
        self.works.addItem(all_item)
        select = all_item
        for w in ledger.works():
            item = QListWidgetItem(w.title)
            item.setData(Qt.UserRole, w)
            self.works.addItem(item)
            if current is not None and w.id == current.id:
                select = item
        self.works.setCurrentItem(select)
        self.works.blockSignals(False)
        self._loaded = True
        self._work_selected()
        self._update_summary()

    def refresh(self) -> None:
        if self._loaded:
            self.load()

    def _update_summary(self) -> None:
        ledger = self.services.ledger
        total = ledger.count_receipts()
        ok = ledger.count_receipts(status="verified")
        pending = ledger.count_receipts(status="pending")
        text = self.tr("%1 receipts, %2 verified").replace("%1", str(total)).replace("%2", str(ok))
        if pending:
            text += " · " + self.tr("%1 pending (retried automatically)").replace("%1", str(pending))
        self.summary.setText(text)

    # ------------------------------------------------------------------ selection

    def _current_work(self):
        item = self.works.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def _current_version(self):
        item = self.timeline.currentItem()
        return item.data(Qt.UserRole) if item is not None else None

    def _work_selected(self) -> None:
        work = self._current_work()
        self.timeline.blockSignals(True)
        self.timeline.clear()
        if work is not None:
            ledger = self.services.ledger
            versions = ledger.versions(work.id)
            by_version = ledger.receipts_by_version(v.id for v in versions)
            for v in reversed(versions):
                receipts = by_version[v.id]
                ok = sum(r.status == "verified" for r in receipts)
                mark = "✔" if ok else ("…" if any(r.status == "pending" for r in receipts) else "✖")
                kind = self.tr("folder") if v.kind == "manifest" else fmt.size(v.size)
                item = QListWidgetItem(f"{mark} v{v.number} · {fmt.local_time(v.created_at)}\n   {v.file_name} · {kind} · "
                                       + self.tr("%1/%2 verified").replace("%1", str(ok))
                                       .replace("%2", str(len(receipts))))
                item.setToolTip(f"{v.hash_alg} {v.digest_hex}")
                item.setData(Qt.UserRole, v)
                self.timeline.addItem(item)
        self.timeline.blockSignals(False)
        self.timeline_label.setVisible(work is not None)
        self.timeline.setVisible(work is not None)
        self.apply_filter()

    def _version_selected(self) -> None:
        self.apply_filter()

    def apply_filter(self) -> None:
        """Show the receipts of the search, else of the selected version or work, else all."""
        text = self.search.text().strip()
        ledger = self.services.ledger
        work, version = self._current_work(), self._current_version()
        if not text and work is None:
            self.model.show_all()
        else:
            if version is not None and not text:
                versions = [version]
            else:
                versions = ledger.versions(work.id) if work is not None else ledger.versions()
                if text:
                    versions = [v for v in versions if _matches(v, text)]
            by_version = ledger.receipts_by_version(v.id for v in versions)
            self.model.show_rows([r for v in versions for r in by_version[v.id]])
        self.details.show_nothing()

    def _receipt_selected(self, row: int) -> None:
        r = self.model.receipt(row)
        if r is None:
            self.details.show_nothing()
            return
        self.details.show_receipt(r, self.display_names.get(r.tsa_name))
        if r.response:
            self.runner.start(receipt_chain, self.services, r,
                              on_finished=lambda chain: self.details.set_chain(r.id, chain),
                              on_failed=lambda _e, _t: self.details.set_chain(r.id, []))

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self._receipt_selected(row)

    def _export(self) -> None:
        work, version = self._current_work(), self._current_version()
        r = self.model.receipt(self.table.currentIndex().row())
        if version is None and r is not None and work is None:
            self.exportRequested.emit(r.work_title, r.version_id)
            return
        self.exportRequested.emit(work.title if work else None, version.id if version else None)


def _matches(v, text: str) -> bool:
    t = text.lower()
    if len(t) >= 6 and set(t) <= _HEX and v.digest_hex.startswith(t):
        return True
    return t in v.file_name.lower() or t in v.work_title.lower() or t in v.path.lower()
