"""Stamping dropped items: one StampJob per file or folder, hashing then stamping, each
step on a worker. A job only holds state and emits signals; StampJobCard shows it."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from proofkit.core.errors import HashCancelled
from proofkit.app import stamping
from proofkit.gui.worker import TaskRunner

log = logging.getLogger(__name__)

# Job phases
HASHING, STAMPING, DONE, CANCELLED, FAILED = "hashing", "stamping", "done", "cancelled", "failed"
# TSA line states
WAITING, REQUESTING, VERIFIED, TSA_FAILED, PENDING = "waiting", "requesting", "verified", "failed", "pending"


class StampJob(QObject):
    """Hash ``path`` then stamp it as a version of ``work``."""

    # done, total (Python ints: a checkpoint passes 2**31 bytes), bytes/s, seconds left (-1: unknown)
    hashProgress = Signal(object, object, float, float)
    phaseChanged = Signal(str)
    tsaChanged = Signal(int, str, object)  # index in self.tsas, state, detail (gen_time or error)
    failed = Signal(object, str)  # exception, traceback
    finished = Signal(object)  # StampOutcome

    def __init__(self, services, runner: TaskRunner, path: Path, work: str, parent=None) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.path, self.work = Path(path), work
        self.phase = HASHING
        # One line per TSA asked, by position: two custom TSAs may share a host name.
        self.tsas = services.tsas()
        self.tsa_states: list[tuple[str, object]] = [(WAITING, None) for _ in self.tsas]
        self._index_of: dict[int, int] = {}  # receipt id -> position
        self.outcome = None
        self.error: BaseException | None = None
        self._worker = None
        self._t0 = 0.0
        self._samples: list[tuple[float, int]] = []

    # ------------------------------------------------------------------ steps

    def start(self) -> None:
        self._t0 = time.monotonic()
        self._samples = [(self._t0, 0)]
        self._worker = self.runner.start(
            stamping.hash_item, self.path, self.work, label=self.path.name,
            on_progress=self._on_hash_progress, on_finished=self._on_hashed,
            on_failed=self._on_failed)

    def cancel(self) -> None:
        if self.phase == HASHING and self._worker is not None:
            self._worker.cancel()

    def _on_hash_progress(self, value) -> None:
        done, total = value
        now = time.monotonic()
        self._samples.append((now, done))
        # Speed over the last ~3 s: steady, yet it follows a slow disk or a cache hit.
        while len(self._samples) > 2 and now - self._samples[0][0] > 3:
            self._samples.pop(0)
        t_first, d_first = self._samples[0]
        speed = (done - d_first) / (now - t_first) if now > t_first else 0.0
        left = (total - done) / speed if speed > 0 else -1.0
        self.hashProgress.emit(done, total, speed, left)

    def _on_hashed(self, item: stamping.Hashed) -> None:
        self.hashed = item
        self.hashProgress.emit(item.size if item.manifest is None else 1,
                               item.size if item.manifest is None else 1, 0.0, 0.0)
        self._set_phase(STAMPING)
        self._worker = self.runner.start(
            stamping.stamp_hashed, self.services, item, self.work, tsas=self.tsas, label=self.path.name,
            min_interval=0, on_progress=self._on_stamp_event, on_finished=self._on_stamped,
            on_failed=self._on_failed)

    def _on_stamp_event(self, value) -> None:
        kind, data = value
        if kind == "recorded":
            self._index_of = {rid: i for i, rid in enumerate(data["receipt_ids"])}
            return
        i = self._index_of.get(data.get("receipt_id"))
        if i is None:
            return
        if kind == "requesting":
            self._set_tsa(i, REQUESTING, None)
        elif kind == "receipt":
            status = data["status"]
            if status == "verified":
                self._set_tsa(i, VERIFIED, data.get("gen_time"))
            elif status == "pending":
                self._set_tsa(i, PENDING, data.get("error"))
            else:
                self._set_tsa(i, TSA_FAILED, data.get("error"))

    def _on_stamped(self, result) -> None:
        self.result = result  # proofkit.app.stamping.StampResult
        outcome = self.outcome = result.outcome
        for i, a in enumerate(outcome.attempts):  # the final word, even if an event was missed
            state = {"verified": VERIFIED, "pending": PENDING}.get(a.status, TSA_FAILED)
            detail = a.verdict.gen_time if state == VERIFIED and a.verdict else a.error
            self._set_tsa(i, state, detail)
        self._set_phase(DONE)
        self.finished.emit(outcome)

    def apply_receipts(self, receipts) -> bool:
        """Receipts as they are now (after a sync completed some): a pending line of this job
        takes its new state, and a finished job says so again (its card's summary follows).
        True when anything changed."""
        changed = False
        for r in receipts:
            i = self._index_of.get(r.id)
            if i is None or self.tsa_states[i][0] != PENDING or r.status == "pending":
                continue
            if r.status == "verified":
                self._set_tsa(i, VERIFIED, r.gen_time)
            else:
                self._set_tsa(i, TSA_FAILED, r.error)
            changed = True
        if changed and self.phase == DONE:
            self.phaseChanged.emit(DONE)
        return changed

    def _on_failed(self, exc: BaseException, tb: str) -> None:
        self.error = exc
        self._set_phase(CANCELLED if isinstance(exc, HashCancelled) else FAILED)
        self.failed.emit(exc, tb)

    # ------------------------------------------------------------------ state

    def _set_phase(self, phase: str) -> None:
        self.phase = phase
        self.phaseChanged.emit(phase)

    def _set_tsa(self, i: int, state: str, detail) -> None:
        if 0 <= i < len(self.tsa_states):
            self.tsa_states[i] = (state, detail)
            self.tsaChanged.emit(i, state, detail)

    @property
    def active(self) -> bool:
        return self.phase in (HASHING, STAMPING)


default_work = stamping.default_work
