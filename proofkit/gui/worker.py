"""One small generic worker: run any use case of the application layer on QThreadPool,
report back by signals.

The function receives ``progress``, the app layer's Progress (proofkit/app/progress.py):
``update(done, total)`` reaches the UI thread as ``(done, total)`` at most every
``min_interval`` seconds, ``event(kind, data)`` as ``(kind, data)`` every time, and
``cancelled`` turns true when the UI cancels. Signals are queued to the receiver's thread, so slots connected from
widgets run on the UI thread: widgets are never touched from the worker.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from proofkit.core.hashing import CancelFlag

log = logging.getLogger(__name__)


class WorkerSignals(QObject):
    progress = Signal(object)
    finished = Signal(object)
    #: (exception, formatted traceback)
    failed = Signal(object, str)


class _Progress:
    """The worker's side of the app layer's Progress protocol."""

    def __init__(self, worker: "Worker") -> None:
        self._worker = worker

    def update(self, done: int, total: int) -> None:
        self._worker._progress((done, total))

    def event(self, kind: str, data: dict) -> None:
        self._worker.signals.progress.emit((kind, data))

    @property
    def cancelled(self) -> bool:
        return self._worker.cancel_flag.cancelled


class Worker(QRunnable):
    """Runs ``fn(*args, progress=..., **kwargs)`` once, off the UI thread."""

    def __init__(self, fn: Callable[..., Any], *args: Any, min_interval: float = 0.05,
                 **kwargs: Any) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = WorkerSignals()
        self.cancel_flag = CancelFlag()
        self.min_interval = min_interval
        self._last_progress = 0.0
        self.setAutoDelete(False)  # we keep a reference until finished/failed arrives

    def cancel(self) -> None:
        self.cancel_flag.cancel()

    def _progress(self, value: Any) -> None:
        # Throttle: a 20 GB file reports 20,000 chunks; the UI needs ~20 updates a second.
        now = time.monotonic()
        if now - self._last_progress >= self.min_interval:
            self._last_progress = now
            self.signals.progress.emit(value)

    def run(self) -> None:  # noqa: D401 - QRunnable API
        try:
            result = self.fn(*self.args, progress=_Progress(self), **self.kwargs)
        except BaseException as exc:  # noqa: BLE001 - every failure goes to the UI
            tb = traceback.format_exc()
            if not getattr(exc, "message", None):
                log.error("worker %s failed:\n%s", getattr(self.fn, "__name__", self.fn), tb)
            self.signals.failed.emit(exc, tb)
        else:
            self.signals.finished.emit(result)


#: Workers the app runs at once. Qt's default is one per core (2 on a small laptop), but most
#: use cases wait (on a TSA, on the disk, on hashing threads of their own): with two models
#: stamping, a page's quick read of the ledger would wait minutes for a free thread.
MIN_WORKERS = 8


class TaskRunner(QObject):
    """Starts workers and remembers the running ones (for "quit while working?")."""

    busyChanged = Signal(bool)

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        if self.pool.maxThreadCount() < MIN_WORKERS:
            self.pool.setMaxThreadCount(MIN_WORKERS)
        self.running: dict[int, tuple[Worker, str]] = {}

    def start(self, fn: Callable[..., Any], *args: Any,
              on_progress: Callable[[Any], None] | None = None,
              on_finished: Callable[[Any], None] | None = None,
              on_failed: Callable[[BaseException, str], None] | None = None,
              label: str = "", **kwargs: Any) -> Worker:
        w = Worker(fn, *args, **kwargs)
        key = id(w)
        if on_progress:
            w.signals.progress.connect(on_progress)
        if on_finished:
            w.signals.finished.connect(on_finished)
        if on_failed:
            w.signals.failed.connect(on_failed)
        w.signals.finished.connect(lambda _r: self._done(key))
        w.signals.failed.connect(lambda _e, _t: self._done(key))
        was_busy = bool(self.running)
        self.running[key] = (w, label)
        self.pool.start(w)
        if not was_busy:
            self.busyChanged.emit(True)
        return w

    def _done(self, key: int) -> None:
        self.running.pop(key, None)
        if not self.running:
            self.busyChanged.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self.running)

    def labels(self) -> list[str]:
        return [label for _w, label in self.running.values() if label]

    def cancel_all(self) -> None:
        for w, _label in list(self.running.values()):
            w.cancel()

    def wait(self, msecs: int) -> bool:
        return self.pool.waitForDone(msecs)
