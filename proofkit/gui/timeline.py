"""A work's drafts on a drawn timeline, like the evidence report's: one mark per draft in
the order they were stamped, its date above, its file and receipts below, coloured by what
its receipts prove. Click or use the arrow keys to pick a draft."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from proofkit.gui import fmt

OK, BAD, WAIT, NONE = "#1a7f37", "#cf222e", "#9a6700", "#6e7781"
SLOT = 150  # px per draft: room for a date and a short file name


@dataclass(frozen=True)
class Mark:
    """One draft as the timeline shows it."""

    version: object  # ledger VersionRow
    verified: int
    pending: int
    failed: int

    @property
    def colour(self) -> str:
        if self.verified:
            return OK
        if self.pending:
            return WAIT
        return BAD if self.failed else NONE


class Timeline(QWidget):
    """Emits ``selected(index)`` when a draft is picked (index in ``marks``)."""

    selected = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.marks: list[Mark] = []
        self.current = -1
        self.setFocusPolicy(Qt.StrongFocus)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setAccessibleName(self.tr("Drafts on a timeline"))
        self.setMouseTracking(True)

    # ------------------------------------------------------------------ data

    def set_marks(self, marks: list[Mark], current: int | None = None) -> None:
        self.marks = list(marks)
        self.current = (len(self.marks) - 1 if current is None else current) if self.marks else -1
        self.setMinimumWidth(max(1, len(self.marks)) * SLOT + 40)  # a scroll area scrolls beyond
        self.updateGeometry()
        self.update()
        self._announce()

    def select(self, index: int) -> None:
        if 0 <= index < len(self.marks) and index != self.current:
            self.current = index
            self.update()
            self._announce()
            self.selected.emit(index)

    def _announce(self) -> None:
        if 0 <= self.current < len(self.marks):
            v = self.marks[self.current].version
            self.setAccessibleDescription(f"{fmt.local_time(v.created_at)} {v.file_name}")

    # ------------------------------------------------------------------ geometry

    def _line_height(self) -> int:
        return QFontMetrics(self.font()).height()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(max(1, len(self.marks)) * SLOT + 40, self._line_height() * 5 + 28)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(SLOT + 40, self.sizeHint().height())

    def _x(self, i: int) -> float:
        """Marks spread over the width when they fit, else one slot each (the view scrolls)."""
        n = len(self.marks)
        left, right = 20 + SLOT / 2, self.width() - 20 - SLOT / 2
        if n <= 1:
            return (left + right) / 2 if n == 1 and right > left else left
        step = max(SLOT, (right - left) / (n - 1))
        return left + i * step

    def mark_at(self, x: float) -> int:
        if not self.marks:
            return -1
        best = min(range(len(self.marks)), key=lambda i: abs(self._x(i) - x))
        return best if abs(self._x(best) - x) <= SLOT / 2 else -1

    def mark_center(self, i: int) -> QPointF:
        return QPointF(self._x(i), self._axis_y())

    def _axis_y(self) -> float:
        return 12 + self._line_height() * 1.6

    # ------------------------------------------------------------------ input

    def mousePressEvent(self, event) -> None:  # noqa: N802
        i = self.mark_at(event.position().x())
        if i >= 0:
            self.select(i)
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Left:
            self.select(max(0, self.current - 1))
        elif event.key() == Qt.Key_Right:
            self.select(min(len(self.marks) - 1, self.current + 1))
        elif event.key() == Qt.Key_Home:
            self.select(0)
        elif event.key() == Qt.Key_End:
            self.select(len(self.marks) - 1)
        else:
            super().keyPressEvent(event)

    # ------------------------------------------------------------------ drawing

    def paintEvent(self, _event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        pal = self.palette()
        text_colour = pal.color(QPalette.WindowText)
        grey = pal.color(QPalette.PlaceholderText)
        lh = self._line_height()
        y = self._axis_y()
        if not self.marks:
            p.setPen(grey)
            p.drawText(self.rect(), Qt.AlignCenter, self.tr("No draft yet."))
            return
        p.setPen(QPen(pal.color(QPalette.Mid), 2))
        p.drawLine(QPointF(self._x(0) - SLOT / 2 + 10, y), QPointF(self._x(len(self.marks) - 1) + SLOT / 2 - 10, y))
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() * 0.9))
        bold = QFont(self.font())
        bold.setBold(True)
        fm_small = QFontMetrics(small)
        for i, m in enumerate(self.marks):
            x = self._x(i)
            v = m.version
            colour = QColor(m.colour)
            if i == self.current:
                p.setPen(Qt.NoPen)
                p.setBrush(pal.color(QPalette.Highlight).lighter(170))
                p.drawRoundedRect(QRectF(x - SLOT / 2 + 6, 4, SLOT - 12, self.height() - 8), 6, 6)
            p.setPen(QPen(colour.darker(130), 2))
            p.setBrush(colour)
            r = 7 if i == self.current else 5.5
            p.drawEllipse(QPointF(x, y), r, r)
            box = QRectF(x - SLOT / 2 + 8, 8, SLOT - 16, lh)
            p.setFont(bold if i == self.current else self.font())
            p.setPen(text_colour)
            p.drawText(box, Qt.AlignHCenter | Qt.AlignBottom,
                       f"v{v.number} · {v.created_at.astimezone():%Y-%m-%d}" if v.number else
                       v.created_at.astimezone().strftime("%Y-%m-%d"))
            p.setFont(small)
            p.setPen(grey)
            p.drawText(QRectF(x - SLOT / 2 + 8, y + 10, SLOT - 16, lh),
                       Qt.AlignHCenter | Qt.AlignTop, v.created_at.astimezone().strftime("%H:%M"))
            p.setPen(text_colour)
            name = fm_small.elidedText(v.file_name, Qt.ElideMiddle, SLOT - 16)
            p.drawText(QRectF(x - SLOT / 2 + 8, y + 10 + lh, SLOT - 16, lh), Qt.AlignHCenter | Qt.AlignTop, name)
            p.setPen(colour)
            p.drawText(QRectF(x - SLOT / 2 + 8, y + 10 + 2 * lh, SLOT - 16, lh),
                       Qt.AlignHCenter | Qt.AlignTop, self._receipts_text(m))
        p.end()

    def _receipts_text(self, m: Mark) -> str:
        total = m.verified + m.pending + m.failed
        if m.verified:
            return self.tr("✔ %1/%2 verified").replace("%1", str(m.verified)).replace("%2", str(total))
        if m.pending:
            return self.tr("… %1 pending").replace("%1", str(m.pending))
        return self.tr("✖ not proof") if total else self.tr("no receipt")
