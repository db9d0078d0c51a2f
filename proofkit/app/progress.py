"""One small protocol through which every use case reports progress and learns that the
person gave up: the terminal's progress bar (cli/progress.py) and the desktop app's worker
(gui/worker.py) both implement it.

``update(done, total)`` — how far a long step is (bytes hashed, files, receipts re-checked);
``event(kind, data)`` — something a person may want to see now (a TSA answered, a receipt was
recorded); ``cancelled`` — true once the person asked to stop. The core's hashing loops read
``cancelled`` directly, so a Progress is also what they take as their cancel flag.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Progress(Protocol):
    def update(self, done: int, total: int) -> None: ...

    def event(self, kind: str, data: dict[str, Any]) -> None: ...

    @property
    def cancelled(self) -> bool: ...


class Silent:
    """Reports nowhere and is never cancelled: for scripts, tests and quick calls."""

    cancelled = False

    def update(self, done: int, total: int) -> None:
        pass

    def event(self, kind: str, data: dict[str, Any]) -> None:
        pass


SILENT = Silent()
