"""The library of works (title, kind, drafts, first and latest stamp, a status badge) and
one work opened: its drafts on a drawn timeline, the chosen draft's details and the actions
an author wants there."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from proofkit.core.works import FOLDER, MODEL, badge, work_kind
from proofkit.gui import fmt, verdict_texts
from proofkit.gui.timeline import BAD, NONE, OK, WAIT, Mark, Timeline
from proofkit.gui.labels import embolden, facts_table

BADGE_COLOURS = {"verified": OK, "pending": WAIT, "failed": BAD, "empty": NONE}
WORK_COLUMNS = ("title", "kind", "drafts", "first", "latest", "status")


def kind_text(kind: str) -> str:
    if kind == FOLDER:
        return QCoreApplication.translate("Works", "folder")
    if kind == MODEL:
        return QCoreApplication.translate("Works", "model")
    return QCoreApplication.translate("Works", "manuscript")


def badge_text(summary) -> str:
    state = badge(summary.verified, summary.pending, summary.failed)
    if state == "failed":
        return QCoreApplication.translate("Works", "✖ %1 failed").replace("%1", str(summary.failed))
    if state == "pending":
        return QCoreApplication.translate("Works", "… %1 pending").replace("%1", str(summary.pending))
    if state == "verified":
        return QCoreApplication.translate("Works", "✔ all verified")
    return QCoreApplication.translate("Works", "no receipt")


class WorksModel(QAbstractTableModel):
    """The library: one row per work (ledger WorkSummary), newest stamp first."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []
        self._all: list = []
        self._filter = ""

    def set_summaries(self, summaries: list) -> None:
        self._all = sorted(summaries, key=lambda s: (s.latest_at is not None, s.latest_at or s.work.created_at),
                           reverse=True)
        self._apply()

    def set_filter(self, text: str) -> None:
        self._filter = text.strip().lower()
        self._apply()

    def _apply(self) -> None:
        self.beginResetModel()
        t = self._filter
        self.rows = [s for s in self._all
                     if not t or t in s.work.title.lower() or t in (s.latest_file_name or "").lower()]
        self.endResetModel()

    def summary(self, row: int):
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of(self, work_id: int) -> int:
        return next((i for i, s in enumerate(self.rows) if s.work.id == work_id), -1)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(WORK_COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation != Qt.Horizontal or role != Qt.DisplayRole:
            return None
        return [self.tr("Work"), self.tr("Kind"), self.tr("Drafts"), self.tr("First stamp"),
                self.tr("Latest stamp"), self.tr("Status")][section]

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        s = self.rows[index.row()]
        col = WORK_COLUMNS[index.column()]
        if role == Qt.DisplayRole:
            if col == "title":
                return s.work.title
            if col == "kind":
                return kind_text(work_kind(s.latest_kind, s.latest_file_name))
            if col == "drafts":
                return str(s.versions)
            if col == "first":
                return fmt.local_time(s.first_at)[:16]
            if col == "latest":
                return fmt.local_time(s.latest_at)[:16]
            if col == "status":
                return badge_text(s)
        elif role == Qt.ForegroundRole and col == "status":
            return QBrush(QColor(BADGE_COLOURS[badge(s.verified, s.pending, s.failed)]))
        elif role == Qt.ToolTipRole and col in ("first", "latest"):
            return fmt.both_times(s.first_at if col == "first" else s.latest_at)
        elif role == Qt.ToolTipRole and col == "title" and s.latest_file_name:
            return s.latest_file_name
        elif role == Qt.TextAlignmentRole and col == "drafts":
            return int(Qt.AlignRight | Qt.AlignVCenter)
        elif role == Qt.UserRole:
            return s
        return None


class WorksTable(QTableView):
    def __init__(self, model: WorksModel, parent=None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.ElideMiddle)
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.Stretch)
        for col in range(1, len(WORK_COLUMNS)):
            hh.setSectionResizeMode(col, QHeaderView.ResizeToContents)
        self.setAccessibleName(self.tr("Works"))


class WorkView(QWidget):
    """One work: its drafts on a timeline, a draft's details, and actions. The page that
    holds it performs the actions (signals carry the work title and the draft's id)."""

    back = Signal()
    verifyRequested = Signal(str)  # work title
    exportRequested = Signal(object, object)  # work title, version id or None
    stampRequested = Signal(str)  # work title
    compareRequested = Signal(str)  # work title: compare a suspect copy with it
    receiptsRequested = Signal(object)  # work (WorkRow)
    giveUpRequested = Signal(object)  # a pending ReceiptRow whose TSA the author gives up on

    def __init__(self, services, tsa_names, parent=None) -> None:
        super().__init__(parent)
        self.services, self.tsa_names = services, tsa_names
        self.work = None
        self.versions: list = []
        self.receipts: dict[int, list] = {}
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← All works"))
        self.back_button.clicked.connect(self.back.emit)
        head.addWidget(self.back_button)
        self.title = QLabel()
        self.title.setTextFormat(Qt.PlainText)
        embolden(self.title, 1.3)
        head.addWidget(self.title, 1)
        self.facts = QLabel()
        self.facts.setTextFormat(Qt.PlainText)
        head.addWidget(self.facts)
        lay.addLayout(head)

        self.timeline = Timeline()
        self.timeline.selected.connect(self._draft_selected)
        self.timeline_area = QScrollArea()
        self.timeline_area.setWidget(self.timeline)
        self.timeline_area.setWidgetResizable(True)
        self.timeline_area.setFrameShape(QFrame.StyledPanel)
        self.timeline_area.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.timeline_area.setFixedHeight(self.timeline.sizeHint().height()
                                          + self.timeline_area.horizontalScrollBar().sizeHint().height() + 4)
        lay.addWidget(self.timeline_area)

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setOpenExternalLinks(False)
        self.details.anchorClicked.connect(self._link)
        self.details.setAccessibleName(self.tr("The draft's details"))
        lay.addWidget(self.details, 1)

        actions = QHBoxLayout()
        self.stamp_button = QPushButton(self.tr("&Stamp a new draft…"))
        self.stamp_button.clicked.connect(lambda: self.stampRequested.emit(self.work.title))
        self.verify_button = QPushButton(self.tr("&Verify a file against this work…"))
        self.verify_button.clicked.connect(lambda: self.verifyRequested.emit(self.work.title))
        self.export_work_button = QPushButton(self.tr("E&xport evidence for the work…"))
        self.export_work_button.clicked.connect(lambda: self.exportRequested.emit(self.work.title, None))
        self.export_draft_button = QPushButton(self.tr("Export this &draft…"))
        self.export_draft_button.clicked.connect(self._export_draft)
        self.compare_button = QPushButton(self.tr("Com&pare a suspect copy…"))
        self.compare_button.clicked.connect(lambda: self.compareRequested.emit(self.work.title))
        self.receipts_button = QPushButton(self.tr("&Receipts table"))
        self.receipts_button.setToolTip(self.tr("Every receipt of this work, with the authority's certificate "
                                                "chain and each check (for experts)."))
        self.receipts_button.clicked.connect(lambda: self.receiptsRequested.emit(self.work))
        # Two rows, so the window still fits 960 px in either language: what to do with a file,
        # then what to take out of the ledger.
        for b in (self.stamp_button, self.verify_button, self.compare_button):
            actions.addWidget(b)
        actions.addStretch(1)
        lay.addLayout(actions)
        out = QHBoxLayout()
        for b in (self.export_work_button, self.export_draft_button):
            out.addWidget(b)
        out.addStretch(1)
        out.addWidget(self.receipts_button)
        lay.addLayout(out)

    # ------------------------------------------------------------------ data

    def show_work(self, summary, versions: list, receipts: dict[int, list], version_id: int | None = None) -> None:
        self.work = summary.work
        self.versions, self.receipts = versions, receipts
        self.title.setText(summary.work.title)
        kind = kind_text(work_kind(summary.latest_kind, summary.latest_file_name))
        self.facts.setText(" · ".join([kind, self.tr("%n draft(s)", "", len(versions)), badge_text(summary)]))
        self.facts.setStyleSheet(f"color: {BADGE_COLOURS[badge(summary.verified, summary.pending, summary.failed)]};")
        marks = []
        for v in versions:
            rs = receipts.get(v.id, [])
            marks.append(Mark(v, sum(r.status == "verified" for r in rs), sum(r.status == "pending" for r in rs),
                              sum(r.status == "failed" for r in rs)))
        current = next((i for i, v in enumerate(versions) if v.id == version_id), None)
        self.timeline.set_marks(marks, current)
        self.export_draft_button.setEnabled(bool(versions))
        self._draft_selected(self.timeline.current)
        self._scroll_to_current()

    def _scroll_to_current(self) -> None:
        if self.timeline.current >= 0:
            c = self.timeline.mark_center(self.timeline.current)
            self.timeline_area.ensureVisible(int(c.x()), int(c.y()), 160, 0)

    def current_version(self):
        i = self.timeline.current
        return self.versions[i] if 0 <= i < len(self.versions) else None

    def _link(self, url) -> None:
        if url.scheme() == "giveup":
            rid = int(url.path() or 0)
            r = next((r for rs in self.receipts.values() for r in rs if r.id == rid), None)
            if r is not None and r.status == "pending":
                self.giveUpRequested.emit(r)

    def _export_draft(self) -> None:
        v = self.current_version()
        if v is not None:
            self.exportRequested.emit(self.work.title, v.id)

    def _draft_selected(self, index: int) -> None:
        v = self.current_version()
        if v is None:
            hint = self.tr("This work has no draft yet.")
            self.details.setHtml(f"<p style='color:gray'>{escape(hint)}</p>")
            return
        self._scroll_to_current()
        rs = self.receipts.get(v.id, [])
        n = len(self.versions)
        heading = self.tr("Draft %1 of %2: %3").replace("%1", str(v.number or index + 1)) \
            .replace("%2", str(n)).replace("%3", v.file_name)
        size = self.tr("folder of files") if v.kind == "manifest" else fmt.size(v.size)
        rows = [
            (self.tr("Stamped"), escape(fmt.both_times(v.created_at))),
            (self.tr("File"), f"{escape(v.file_name)} · {escape(size)}<br><small>{escape(v.path)}</small>"),
            (self.tr("Fingerprint"), f"<code>{escape(v.hash_alg)} {escape(v.digest_hex)}</code>"),
        ]
        html = [f"<h3>{escape(heading)}</h3>" + facts_table(rows)]
        title = self.tr("Time stamps")
        html.append(f"<h4>{escape(title)}</h4>")
        if not rs:
            none = self.tr("No time stamp was asked for this draft.")
            html.append(f"<p>{escape(none)}</p>")
        for r in rs:
            who = escape(self.tsa_names.of(r))
            if r.status == "verified":
                what = escape(self.tr("✔ verified: %1").replace("%1", fmt.both_times(r.gen_time)))
                colour = OK
            elif r.status == "pending":
                give_up = self.tr("Give up on this authority…")
                what = (escape(self.tr("… pending — not proof yet; ProofKit retries by itself."))
                        + f" <a href='giveup:{r.id}'>{escape(give_up)}</a>")
                colour = WAIT
            else:
                reason = verdict_texts.tsa_reason(r.error or "").text
                what = escape(self.tr("✖ failed: %1").replace("%1", reason))
                colour = BAD
            html.append(f"<p><b>{who}</b> — <span style='color:{colour}'>{what}</span></p>")
        proves = self.tr("Each verified time stamp proves this exact draft existed at that time. The drafts "
                         "together show how the work grew.")
        html.append(f"<p style='color:gray'><small>{escape(proves)}</small></p>")
        self.details.setHtml("".join(html))
