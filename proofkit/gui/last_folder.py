"""Where file dialogs open: the last folder the author used, else their documents folder —
never the process's working folder (a launcher's, often / or the install folder).

Remembered in the window's QSettings file (recent items, not settings), set by the main
window for its home; a dialog opened before that falls back to the documents folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

_KEY = "last_folder"
_store: QSettings | None = None


def use(store: QSettings | None) -> None:
    global _store
    _store = store


def documents() -> Path:
    loc = QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
    p = Path(loc) if loc else Path.home()
    return p if p.is_dir() else Path.home()


def start() -> str:
    """The folder a file dialog should open in."""
    if _store is not None:
        last = _store.value(_KEY)
        if last and Path(str(last)).is_dir():
            return str(last)
    return str(documents())


def remember(path) -> None:
    """Keep the folder of ``path`` (a file) or ``path`` (a folder) for the next dialog."""
    if _store is None or not path:
        return
    p = Path(path)
    folder = p if p.is_dir() else p.parent
    if folder.is_dir():
        _store.setValue(_KEY, str(folder))
