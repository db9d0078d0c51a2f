"""Table model of receipts, loaded lazily: the first page at start-up, more as the view
scrolls (canFetchMore/fetchMore with limit/offset). A ledger of 100,000 receipts opens as
fast as one of ten. Filtered views (a work, a version, a search) hold their rows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from proofkit.gui import fmt, verdict_texts

PAGE = 200
COLUMNS = ("status", "date", "work", "file", "tsa", "digest")
DATE_COLUMN = 1


class ReceiptTableModel(QAbstractTableModel):
    def __init__(self, ledger_fn, tsa_label=None, parent=None) -> None:
        super().__init__(parent)
        self._ledger_fn = ledger_fn  # callable: the Ledger (opened lazily by the Session)
        self.tsa_label = tsa_label or (lambda r: r.tsa_name)  # receipt -> the TSA's name on screen
        self.rows: list = []
        self.newest_first = True
        self._fixed: list | None = None  # a filtered list, or None: page through everything
        self._exhausted = False

    # ------------------------------------------------------------------ sources

    def show_all(self) -> None:
        self.beginResetModel()
        self._fixed, self.rows, self._exhausted = None, [], False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def show_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._fixed = list(rows)
        self._fixed.sort(key=_date_key, reverse=self.newest_first)
        self.rows, self._exhausted = [], False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def reload(self) -> None:
        if self._fixed is None:
            self.show_all()
        else:
            self.show_rows(self._fixed)

    # ------------------------------------------------------------------ lazy loading

    def canFetchMore(self, parent: QModelIndex) -> bool:  # noqa: N802 - Qt API
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: QModelIndex) -> None:  # noqa: N802 - Qt API
        if parent.isValid() or self._exhausted:
            return
        start = len(self.rows)
        if self._fixed is not None:
            page = self._fixed[start:start + PAGE]
        else:
            page = self._ledger_fn().receipts(limit=PAGE, offset=start, newest_first=self.newest_first)
        if len(page) < PAGE:
            self._exhausted = True
        if page:
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    # ------------------------------------------------------------------ table

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation != Qt.Horizontal or role != Qt.DisplayRole:
            return None
        return [self.tr("Status"), self.tr("Date"), self.tr("Work"), self.tr("File"),
                self.tr("Authority"), self.tr("Fingerprint")][section]

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        r = self.rows[index.row()]
        col = COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            if col == "status":
                return {"verified": self.tr("✔ verified"), "failed": self.tr("✖ failed"),
                        "pending": self.tr("… pending")}.get(r.status, r.status)
            if col == "date":
                return fmt.local_time(r.gen_time or r.requested_at)
            if col == "work":
                return r.work_title
            if col == "file":
                return r.file_name
            if col == "tsa":
                return self.tsa_label(r)
            if col == "digest":
                return fmt.short_digest(r.digest_hex)
        elif role == Qt.ForegroundRole and col == "status":
            return QBrush(QColor({"verified": "#1a7f37", "failed": "#cf222e"}.get(r.status, "#9a6700")))
        elif role == Qt.ToolTipRole:
            if col == "digest":
                return r.digest_hex
            if col == "date":
                return fmt.utc_time(r.gen_time or r.requested_at)
            if col == "status" and r.error:
                reason = verdict_texts.tsa_reason(r.error)
                return reason.text if not reason.lossy else f"{reason.text}\n{reason.original}"
        elif role == Qt.UserRole:
            return r
        return None

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        """Only by date (the order of the ledger); other columns keep date order."""
        newest = order == Qt.DescendingOrder
        if newest != self.newest_first:
            self.newest_first = newest
            self.reload()

    def receipt(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None


def _date_key(r):
    return (r.gen_time or r.requested_at, r.id)
