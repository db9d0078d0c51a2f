"""A large area that takes dropped files and folders, or opens a file dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from proofkit.gui import last_folder
from proofkit.gui.labels import embolden


def local_paths(mime: QMimeData) -> list[Path]:
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class DropZone(QFrame):
    """Emits ``dropped`` with the local paths dropped or chosen. ``folders`` adds a
    "Choose folder…" button (stamping a folder as one manifest)."""

    dropped = Signal(list)

    def __init__(self, title: str, hint: str, *, folders: bool = True, file_filter: str = "",
                 parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("DropZone")
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setFrameShape(QFrame.StyledPanel)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        self.setMinimumHeight(150)
        self.file_filter = file_filter
        self._set_hover(False)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        self.title = QLabel(title)
        self.title.setAlignment(Qt.AlignCenter)
        self.title.setWordWrap(True)
        embolden(self.title, 1.5)
        lay.addWidget(self.title)
        self.hint = QLabel(hint)
        self.hint.setAlignment(Qt.AlignCenter)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("DropHint")
        lay.addWidget(self.hint)
        row = QHBoxLayout()
        row.addStretch(1)
        self.files_button = QPushButton(self.tr("Choose files…"))
        self.files_button.clicked.connect(self.choose_files)
        row.addWidget(self.files_button)
        self.folder_button = QPushButton(self.tr("Choose a folder…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.folder_button.setVisible(folders)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addStretch(1)
        self.setAccessibleName(title)
        self.setAccessibleDescription(hint)

    def _set_hover(self, on: bool) -> None:
        colour = "palette(highlight)" if on else "palette(mid)"
        self.setStyleSheet(
            f"#DropZone {{ border: 2px dashed {colour}; border-radius: 10px; }}"
            "#DropZone:focus { border: 2px dashed palette(highlight); }")

    # --------------------------------------------------------------- drag and drop

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
            self._set_hover(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        self._set_hover(False)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_hover(False)
        paths = local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.dropped.emit(paths)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_Space):
            self.choose_files()
        else:
            super().keyPressEvent(event)

    # --------------------------------------------------------------- dialogs

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose files"), last_folder.start(),
                                                self.file_filter)
        if names:
            last_folder.remember(names[0])
            self.dropped.emit([Path(n) for n in names])

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), last_folder.start())
        if name:
            last_folder.remember(Path(name).parent)
            self.dropped.emit([Path(name)])
