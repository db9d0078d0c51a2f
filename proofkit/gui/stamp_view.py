"""The Stamp page: choose the work, drop files or folders, watch each one be hashed and
stamped, one line per TSA."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from proofkit.core.registry import tsa_title
from proofkit.app.library import propose_work
from proofkit.gui import fmt, verdict_texts
from proofkit.gui.drop_zone import DropZone
from proofkit.gui.labels import embolden
from proofkit.gui.texts import proof_sentence
from proofkit.gui.stamp_jobs import (
    CANCELLED,
    DONE,
    FAILED,
    HASHING,
    PENDING,
    REQUESTING,
    STAMPING,
    TSA_FAILED,
    VERIFIED,
    WAITING,
    StampJob,
    default_work,
)
from proofkit.gui.worker import TaskRunner

OK_COLOUR, BAD_COLOUR, WAIT_COLOUR = "#1a7f37", "#cf222e", "#9a6700"


def tsa_label(t, custom_names: dict[str, str] | None = None) -> str:
    """A registry TSA by its name; a custom one by the name the author gave it, else by host
    and path (two may share a host)."""
    return tsa_title(t.name, t.url, (t,) if t.operator else (), custom_names)


class StampJobCard(QFrame):
    """One dropped item: name, work, hashing progress with cancel, then one line per TSA."""

    def __init__(self, job: StampJob, parent=None) -> None:
        super().__init__(parent)
        self.job = job
        self.setFrameShape(QFrame.StyledPanel)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        self.name = QLabel()
        self.name.setTextFormat(Qt.PlainText)
        embolden(self.name)
        kind = self.tr("Folder") if job.path.is_dir() else self.tr("File")
        self.name.setText(f"{kind}: {job.path.name}")
        self.name.setToolTip(str(job.path))
        head.addWidget(self.name, 1)
        self.work_label = QLabel(self.tr("Work: %1").replace("%1", job.work))
        self.work_label.setTextFormat(Qt.PlainText)
        head.addWidget(self.work_label)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop hashing this item; nothing is stamped."))
        self.cancel_button.clicked.connect(job.cancel)
        head.addWidget(self.cancel_button)
        lay.addLayout(head)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(14)
        lay.addWidget(self.bar)
        self.status = QLabel(self.tr("Computing the fingerprint…"))
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.tsa_box = QVBoxLayout()
        self.tsa_box.setSpacing(2)
        self.tsa_labels: list[QLabel] = []
        for i, (state, detail) in enumerate(job.tsa_states):
            label = QLabel()
            label.setTextFormat(Qt.RichText)
            label.setIndent(12)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            self.tsa_labels.append(label)
            self.tsa_box.addWidget(label)
            self._show_tsa(i, state, detail)
        lay.addLayout(self.tsa_box)
        job.hashProgress.connect(self._on_progress)
        job.phaseChanged.connect(self._on_phase)
        job.tsaChanged.connect(self._on_tsa)

    # ------------------------------------------------------------------ updates

    def _on_progress(self, done: int, total: int, speed: float, left: float) -> None:
        if self.job.phase != HASHING:
            return
        self.bar.setValue(int(1000 * done / total) if total else 1000)
        text = self.tr("Fingerprinting: %1 of %2").replace("%1", fmt.size(done)).replace("%2", fmt.size(total))
        if speed > 0:
            text += " · " + self.tr("%1/s").replace("%1", fmt.size(speed))
        if left >= 0:
            text += " · " + self.tr("%1 left").replace("%1", fmt.duration(left))
        self.status.setText(text)

    def _on_phase(self, phase: str) -> None:
        self.cancel_button.setVisible(phase == HASHING)
        if phase == STAMPING:
            self.bar.setValue(1000)
            h = self.job.hashed
            if h.manifest is not None:
                self.status.setText(self.tr("%n file(s) fingerprinted into one manifest; asking the "
                                            "time-stamping authorities…", "", h.files))
            else:
                self.status.setText(self.tr("Fingerprint (SHA-256): %1 — asking the time-stamping "
                                            "authorities…").replace("%1", fmt.short_digest(h.digest.hex(), 24)))
        elif phase == DONE:
            # From the lines' states, not the first outcome: a sync may have completed some since.
            states = [s for s, _d in self.job.tsa_states]
            ok, n = states.count(VERIFIED), len(states)
            if ok:
                self.status.setText(self.tr("Stamped: %1 of %2 time stamps verified. Kept in your ledger.")
                                    .replace("%1", str(ok)).replace("%2", str(n)))
                self._colour(self.status, OK_COLOUR)
            elif PENDING in states:
                self.status.setText(self.tr("Not proof yet: no authority could be reached. The stamp waits "
                                            "and ProofKit retries by itself when you are online."))
                self._colour(self.status, WAIT_COLOUR)
            else:
                self.status.setText(self.tr("No authority gave a valid time stamp; nothing was kept as proof."))
                self._colour(self.status, BAD_COLOUR)
        elif phase == CANCELLED:
            self.bar.setValue(0)
            self.status.setText(self.tr("Cancelled: nothing was stamped."))
            self._clear_tsas()
        elif phase == FAILED:
            err = self.job.error
            self.status.setText(getattr(err, "message", None) or str(err))
            self._colour(self.status, BAD_COLOUR)
            self._clear_tsas()

    def _clear_tsas(self) -> None:
        for label in self.tsa_labels:
            label.hide()

    def _on_tsa(self, i: int, state: str, detail) -> None:
        self._show_tsa(i, state, detail)
        self._colour(self.tsa_labels[i], {VERIFIED: OK_COLOUR, TSA_FAILED: BAD_COLOUR,
                                          PENDING: WAIT_COLOUR}.get(state))

    def _show_tsa(self, i: int, state: str, detail) -> None:
        """``who: what`` in the reader's language; a failure the app could only summarise keeps
        the core's English below it (it names the specifics), and in the tooltip."""
        label = self.tsa_labels[i]
        text, original = self._tsa_text(i, state, detail)
        html = escape(text)
        if original:
            html += f"<br><small style='color:gray'>{escape(original)}</small>"
        label.setText(html)
        label.setToolTip(str(detail) if state in (PENDING, TSA_FAILED) and detail else "")

    def _tsa_text(self, i: int, state: str, detail) -> tuple[str, str]:
        """The line for TSA ``i`` and, when the translation summarised a failure, the core's
        own message (else "")."""
        who = tsa_label(self.job.tsas[i], self.job.services.settings.custom_tsa_names)
        original = ""
        if state == WAITING:
            what = self.tr("waiting")
        elif state == REQUESTING:
            # The budget is what the author waits at most for this authority, retries included.
            what = self.tr("asking… (waiting up to %1)").replace(
                "%1", fmt.duration(self.job.services.timeout()))
        elif state == VERIFIED:
            what = self.tr("✔ verified at %1").replace("%1", fmt.both_times(detail))
        else:
            reason = verdict_texts.tsa_reason(str(detail or ""))
            original = reason.original if reason.lossy else ""
            if state == PENDING:
                what = self.tr("pending, will retry: %1").replace("%1", reason.text)
            else:
                what = self.tr("✖ failed: %1").replace("%1", reason.text)
        return f"{who}: {what}", original

    @staticmethod
    def _colour(label: QLabel, colour: str | None) -> None:
        label.setStyleSheet(f"color: {colour};" if colour else "")


class StampPage(QWidget):
    """Emits ``stamped`` when a job finishes (the ledger changed)."""

    stamped = Signal()

    def __init__(self, services, runner: TaskRunner, parent=None) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.jobs: list[StampJob] = []
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        work_label = QLabel(self.tr("&Work these files belong to:"))
        self.work = QComboBox()
        self.work.setEditable(True)
        self.work.setInsertPolicy(QComboBox.NoInsert)
        self.work.setMinimumWidth(320)
        self.work.lineEdit().setPlaceholderText(self.tr("Automatic: named after each file or folder"))
        self.work.setToolTip(self.tr("Type a new title to create a work, or pick an existing one. "
                                     "Leave empty to name the work after each file."))
        work_label.setBuddy(self.work)
        row.addWidget(work_label)
        row.addWidget(self.work, 1)
        lay.addLayout(row)
        self.drop = DropZone(
            self.tr("Drop files or folders here to stamp them"),
            self.tr("Manuscripts (.txt .docx .epub .pdf .md), models (.safetensors .ckpt .gguf .pt) "
                    "— any file. A folder is stamped as one manifest of all its files."))
        self.drop.dropped.connect(self.add_paths)
        lay.addWidget(self.drop, 2)
        # Said once, after the author's first verified stamp: what it proves, what it does not.
        self.first_stamp_note = QLabel()
        self.first_stamp_note.setWordWrap(True)
        self.first_stamp_note.setObjectName("FirstStamp")
        self.first_stamp_note.setStyleSheet("#FirstStamp { background: #ddf4ff; border: 1px solid #54aeff; "
                                            "border-radius: 6px; padding: 6px; color: #0a3069; }")
        self.first_stamp_note.hide()
        lay.addWidget(self.first_stamp_note)
        self.jobs_area = QScrollArea()
        self.jobs_area.setWidgetResizable(True)
        self.jobs_area.setFrameShape(QFrame.NoFrame)
        holder = QWidget()
        self.jobs_layout = QVBoxLayout(holder)
        self.jobs_layout.addStretch(1)
        self.jobs_area.setWidget(holder)
        lay.addWidget(self.jobs_area, 3)
        self.refresh_works()

    def refresh_works(self) -> None:
        current = self.work.currentText()
        self.work.clear()
        try:
            titles = [w.title for w in self.services.ledger.works()]
        except Exception:  # noqa: BLE001 - shown elsewhere; the page stays usable
            titles = []
        self.work.addItems(titles)
        self.work.setCurrentIndex(-1)
        self.work.setEditText(current)

    def chosen_work(self, path: Path) -> str:
        """The work typed or picked, else the one the ledger proposes for this file (same path
        or name as a known draft), else a new work named after it."""
        typed = self.work.currentText().strip()
        if typed:
            return typed
        try:
            return propose_work(self.services, path)
        except Exception:  # noqa: BLE001 - an unreadable ledger shows when stamping; name it after the file
            return default_work(path)

    def add_paths(self, paths: list, work: str | None = None) -> list[StampJob]:
        """Start one job per path (the same slot a drop or the file dialog calls)."""
        new = []
        self.drop.setMaximumHeight(max(170, self.drop.minimumSizeHint().height()))  # room for the jobs
        for p in paths:
            p = Path(p)
            job = StampJob(self.services, self.runner, p, work or self.chosen_work(p), self)
            card = StampJobCard(job)
            self.jobs_layout.insertWidget(0, card)
            job.finished.connect(self._job_finished)
            self.jobs.append(job)
            new.append(job)
            job.start()
        # A choice holds for what was dropped with it, never silently for the next, unrelated file.
        self.work.setEditText("")
        self.jobs_area.verticalScrollBar().setValue(0)
        return new

    def apply_receipts(self, receipts: list) -> None:
        """A sync completed pending stamps: the cards that show them follow."""
        for job in self.jobs:
            job.apply_receipts(receipts)

    def _job_finished(self, outcome) -> None:
        ok = sum(a.status == "verified" for a in outcome.attempts)
        if ok and not self.first_stamp_note.isVisible():
            try:
                first = self.services.ledger.count_receipts(status="verified") == ok
            except Exception:  # noqa: BLE001 - the note is a nicety; the ledger error shows elsewhere
                first = False
            if first:
                self.first_stamp_note.setText(self.tr("Your first proof is in your ledger. %1")
                                              .replace("%1", proof_sentence()))
                self.first_stamp_note.show()
        self.stamped.emit()
