"""The Ledger page, works first: the library of works; a work opened on its timeline of
drafts; and, for experts, the table of receipts (search by name or digest, sort by date)
with one receipt's details and certificate chain.

The library is read on a worker (a grouped scan of the receipts: ~0.2 s with 100,000 of
them), so opening the window never waits for it."""

from __future__ import annotations

import string

from PySide6.QtCore import QThreadPool, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from proofkit.app.giving_up import give_up_tsa
from proofkit.app.library import library, work_drafts
from proofkit.app.verifying import receipt_chain
from proofkit.gui.errors import show_error
from proofkit.gui.ledger_model import DATE_COLUMN, ReceiptTableModel
from proofkit.gui.receipt_details import ReceiptDetails
from proofkit.gui.tsa_names import TsaNames
from proofkit.gui.worker import TaskRunner
from proofkit.gui.works_view import WorksModel, WorksTable, WorkView

_HEX = set(string.hexdigits)
LIBRARY, WORK, RECEIPTS = 0, 1, 2


class LedgerPage(QWidget):
    exportRequested = Signal(object, object)  # work title or None, version id or None
    verifyRequested = Signal(str)  # work title
    stampRequested = Signal(str)  # work title
    compareRequested = Signal(str)  # work title

    def __init__(self, services, runner, parent=None) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        # The page's reads (the library, a work's drafts, a certificate chain) on a pool of
        # their own: never queued behind stamps waiting for slow TSAs on the shared pool
        # (two threads on a two-core machine).
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        self.reader = TaskRunner(pool, self)
        self.tsa_names = TsaNames(services)
        self.summaries: list = []
        lay = QVBoxLayout(self)
        self.stack = QStackedWidget()
        lay.addWidget(self.stack, 1)
        self.summary = QLabel()
        lay.addWidget(self.summary)

        # --- the library
        lib = QWidget()
        ll = QVBoxLayout(lib)
        ll.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.work_search = QLineEdit()
        self.work_search.setPlaceholderText(self.tr("Find a work by title or file name…"))
        self.work_search.setClearButtonEnabled(True)
        self.work_search.setAccessibleName(self.tr("Find a work"))
        top.addWidget(self.work_search, 1)
        self.all_receipts_button = QPushButton(self.tr("All &receipts (for experts)"))
        self.all_receipts_button.clicked.connect(lambda: self.show_receipts(None))
        top.addWidget(self.all_receipts_button)
        ll.addLayout(top)
        self.works_model = WorksModel(self)
        self.works = WorksTable(self.works_model)
        self.works.activated.connect(lambda index: self.open_work_row(index.row()))
        self.works.doubleClicked.connect(lambda index: self.open_work_row(index.row()))
        self.work_search.textChanged.connect(self.works_model.set_filter)
        ll.addWidget(self.works, 1)
        self.library_hint = QLabel(self.tr("Double-click a work (or press Enter) to see its drafts on a timeline."))
        self.library_hint.setStyleSheet("color: gray;")
        self.library_hint.setWordWrap(True)
        ll.addWidget(self.library_hint)
        self.stack.addWidget(lib)

        # --- one work
        self.work_view = WorkView(services, self.tsa_names)
        self.work_view.back.connect(self.show_library)
        self.work_view.exportRequested.connect(self.exportRequested)
        self.work_view.verifyRequested.connect(self.verifyRequested)
        self.work_view.stampRequested.connect(self.stampRequested)
        self.work_view.compareRequested.connect(self.compareRequested)
        self.work_view.receiptsRequested.connect(self.show_receipts)
        self.work_view.giveUpRequested.connect(self.give_up)
        self.stack.addWidget(self.work_view)

        # --- receipts (experts)
        rec = QWidget()
        rl = QVBoxLayout(rec)
        rl.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.receipts_back = QPushButton(self.tr("← Back"))
        self.receipts_back.clicked.connect(self._receipts_back)
        top.addWidget(self.receipts_back)
        self.receipts_title = QLabel()
        self.receipts_title.setTextFormat(Qt.PlainText)
        top.addWidget(self.receipts_title)
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
        rl.addLayout(top)
        split = QSplitter(Qt.Horizontal)
        self.model = ReceiptTableModel(lambda: services.ledger, self.tsa_names.of, self)
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
        for col, width in enumerate((90, 150, 150, 170, 140)):
            self.table.setColumnWidth(col, width)
        self.table.setAccessibleName(self.tr("Receipts"))
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._receipt_selected(cur.row()))
        split.addWidget(self.table)
        self.details = ReceiptDetails()
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([760, 420])
        rl.addWidget(split, 1)
        self.stack.addWidget(rec)

        self._receipts_work = None  # the work the receipts view is limited to
        self._receipts_from = LIBRARY
        self._open_after_load: int | None = None
        self._loaded = False

    # ------------------------------------------------------------------ loading

    def load(self) -> None:
        """Fill the first page of receipts (cheap) now, and the library on a worker."""
        if self._receipts_work is None and not self.search.text().strip():
            self.model.show_all()
        self.reader.start(library, self.services, on_finished=self._library_loaded,
                          on_failed=lambda e, t: self._library_failed(e))

    def _library_loaded(self, lib) -> None:
        summaries, total, ok, pending = lib.works, lib.receipts, lib.verified, lib.pending
        self.summaries = summaries
        current = self.work_view.work
        self.works_model.set_summaries(summaries)
        self._update_summary(total, ok, pending)
        self._loaded = True
        if self._open_after_load is not None:
            wid, self._open_after_load = self._open_after_load, None
            self.open_work(wid)
        elif self.stack.currentIndex() == WORK and current is not None:
            self.open_work(current.id, self.work_view.current_version().id
                           if self.work_view.current_version() else None)
        elif self.stack.currentIndex() == RECEIPTS:
            self.apply_filter()

    def _library_failed(self, exc) -> None:
        from proofkit.gui.errors import show_error

        self._loaded = True
        show_error(self, exc, title=self.tr("The ledger could not be opened"))

    def refresh(self) -> None:
        if self._loaded:
            self.load()

    def _update_summary(self, total: int, ok: int, pending: int) -> None:
        text = self.tr("%n work(s)", "", len(self.summaries)) + " · " + \
            self.tr("%1 receipts, %2 verified").replace("%1", str(total)).replace("%2", str(ok))
        if pending:
            text += " · " + self.tr("%1 pending (retried automatically)").replace("%1", str(pending))
        self.summary.setText(text)

    # ------------------------------------------------------------------ navigation

    def show_library(self) -> None:
        self.stack.setCurrentIndex(LIBRARY)
        if self.work_view.work is not None:
            row = self.works_model.row_of(self.work_view.work.id)
            if row >= 0:
                self.works.selectRow(row)
        self.works.setFocus()

    def open_work_row(self, row: int) -> None:
        s = self.works_model.summary(row)
        if s is not None:
            self.open_work(s.work.id)

    def open_work(self, work_id: int, version_id: int | None = None) -> None:
        """Show one work on its timeline (its drafts are read on a worker)."""
        self.reader.start(work_drafts, self.services, work_id,
                          on_finished=lambda res: self._work_loaded(res, version_id),
                          on_failed=lambda e, t: self._library_failed(e))

    def open_work_titled(self, title: str) -> None:
        s = next((s for s in self.summaries if s.work.title == title), None)
        if s is not None:
            self.open_work(s.work.id)

    def _work_loaded(self, drafts, version_id) -> None:
        work_id, versions, receipts = drafts.work_id, drafts.versions, drafts.receipts
        summary = next((s for s in self.summaries if s.work.id == work_id), None)
        if summary is None:
            return
        self.work_view.show_work(summary, versions, receipts, version_id)
        self.stack.setCurrentIndex(WORK)
        self.work_view.timeline.setFocus()

    def give_up(self, receipt, confirmed: bool = False) -> None:
        """"Give up on this TSA": its pending stamps are marked given up in the ledger (after
        the author confirms); a verified receipt is never touched."""
        if not confirmed:
            from PySide6.QtWidgets import QMessageBox

            who = self.tsa_names.of(receipt)
            box = QMessageBox(QMessageBox.Question, self.tr("Give up on %1?").replace("%1", who),
                              self.tr("%1 never answered. Give up on it? Its pending stamps are kept in your "
                                      "ledger as given up and it is not asked again. Your verified time stamps "
                                      "are not touched.").replace("%1", who), QMessageBox.NoButton, self)
            yes = box.addButton(self.tr("&Give up"), QMessageBox.AcceptRole)
            box.setDefaultButton(box.addButton(self.tr("&Keep waiting"), QMessageBox.RejectRole))
            box.setAttribute(Qt.WA_DeleteOnClose)
            box.buttonClicked.connect(lambda b: self.give_up(receipt, True) if b is yes else None)
            box.open()
            self.give_up_box = box
            return
        self.runner.start(give_up_tsa, self.services, receipt.tsa_name, receipt.url,
                          on_finished=lambda _res: self.refresh(),
                          on_failed=lambda e, t: show_error(self, e, t))

    def show_receipts(self, work) -> None:
        """The receipts table, of one work or of the whole ledger."""
        self._receipts_from = self.stack.currentIndex()
        self._receipts_work = work
        self.receipts_title.setText(work.title if work is not None else self.tr("All receipts"))
        self.stack.setCurrentIndex(RECEIPTS)
        self.apply_filter()

    def _receipts_back(self) -> None:
        self.stack.setCurrentIndex(self._receipts_from if self._receipts_from != RECEIPTS else LIBRARY)

    # ------------------------------------------------------------------ receipts

    def apply_filter(self) -> None:
        """The receipts of the search, within the work shown, else every receipt."""
        text = self.search.text().strip()
        ledger = self.services.ledger
        work = self._receipts_work
        if not text and work is None:
            self.model.show_all()
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
        self.details.show_receipt(r, self.tsa_names.of(r))
        if r.response:
            self.reader.start(receipt_chain, self.services, r,
                              on_finished=lambda chain: self.details.set_chain(r.id, chain),
                              on_failed=lambda _e, _t: self.details.set_chain(r.id, []))

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self._receipt_selected(row)

    def _export(self) -> None:
        r = self.model.receipt(self.table.currentIndex().row())
        if r is not None:
            self.exportRequested.emit(r.work_title, r.version_id)
        else:
            work = self._receipts_work
            self.exportRequested.emit(work.title if work else None, None)


def _matches(v, text: str) -> bool:
    t = text.lower()
    if len(t) >= 6 and set(t) <= _HEX and v.digest_hex.startswith(t):
        return True
    return t in v.file_name.lower() or t in v.work_title.lower() or t in v.path.lower()
