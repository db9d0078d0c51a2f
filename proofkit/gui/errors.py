"""What the author sees when something goes wrong, and where the details are kept.

- ErrorDialog: what happened, what to do, and copyable details (version, OS, traceback).
- install_excepthook: any uncaught exception opens that dialog instead of vanishing.
- setup_logging: a rotating log file in the user's log folder.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThread, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from proofkit.core.errors import ProofKitError
from proofkit.gui.labels import embolden

log = logging.getLogger("proofkit.gui")
LOG_FILE = "proofkit-gui.log"


def setup_logging(log_dir: Path) -> Path:
    """Log to ``log_dir/proofkit-gui.log``, 1 MB x 3 files, plus warnings on stderr."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    root = logging.getLogger("proofkit")
    if not any(isinstance(h, logging.handlers.RotatingFileHandler)
               and getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3,
                                                       encoding="utf-8")
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def environment() -> str:
    from PySide6 import __version__ as pyside_version

    from proofkit import __version__

    return (f"ProofKit {__version__}; Python {platform.python_version()}; "
            f"PySide6 {pyside_version}; {platform.platform()}")


def describe(exc: BaseException) -> tuple[str, str]:
    """(what happened, what to do) for an exception, in the author's language."""
    if isinstance(exc, ProofKitError):
        # The core's messages are one sentence that already says what to do.
        return exc.message, ""
    if isinstance(exc, OSError):
        return (QCoreApplication.translate("ErrorDialog", "A file or folder could not be used: %1").replace(
                    "%1", exc.strerror or str(exc)),
                QCoreApplication.translate("ErrorDialog", "Check that it exists and that you may read it, then try again."))
    return (QCoreApplication.translate("ErrorDialog", "Something unexpected went wrong (%1).").replace("%1", type(exc).__name__),
            QCoreApplication.translate("ErrorDialog", "Nothing in your ledger was lost. Please copy the details below and "
               "send them to the ProofKit developers."))


class ErrorDialog(QDialog):
    def __init__(self, title: str, message: str, advice: str = "", details: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        lay = QVBoxLayout(self)
        self.message = QLabel(message)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        embolden(self.message)
        lay.addWidget(self.message)
        if advice:
            a = QLabel(advice)
            a.setWordWrap(True)
            lay.addWidget(a)
        self.details_text = f"{environment()}\n\n{details}".strip()
        self.details = QPlainTextEdit(self.details_text)
        self.details.setReadOnly(True)
        self.details.setVisible(bool(details))
        self.details.setMinimumHeight(160)
        lay.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("OK"))
        copy = QPushButton(self.tr("Copy details"))
        copy.clicked.connect(self.copy_details)
        buttons.addButton(copy, QDialogButtonBox.ActionRole)
        if details:
            toggle = QPushButton(self.tr("Hide details"))
            toggle.clicked.connect(lambda: (self.details.setVisible(not self.details.isVisible()),
                                            toggle.setText(self.tr("Hide details") if self.details.isVisible()
                                                           else self.tr("Show details"))))
            buttons.addButton(toggle, QDialogButtonBox.ActionRole)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.message.text()}\n\n{self.details_text}")


def show_error(parent: QWidget | None, exc: BaseException, tb: str = "", *,
               title: str | None = None) -> ErrorDialog:
    """Log ``exc`` and show it (non-modal for tests; modal to the window for the author)."""
    what, advice = describe(exc)
    detail = getattr(exc, "detail", None) or ""
    details = "\n".join(x for x in (detail, tb) if x)
    if isinstance(exc, ProofKitError):
        log.warning("%s %s", what, detail)
    else:
        log.error("%s\n%s", what, tb)
    dlg = ErrorDialog(title or QCoreApplication.translate("ErrorDialog", "ProofKit"), what, advice,
                      details, parent)
    dlg.setAttribute(Qt.WA_DeleteOnClose)
    dlg.setWindowModality(Qt.WindowModal)
    dlg.show()
    return dlg


_showing = [False]


def install_excepthook() -> None:
    """Uncaught exceptions: logged, then shown in an ErrorDialog (once at a time)."""

    def hook(etype, value, tb):
        text = "".join(traceback.format_exception(etype, value, tb))
        log.error("uncaught exception:\n%s", text)
        app = QApplication.instance()
        if app is None or QThread.currentThread() is not app.thread() or _showing[0]:
            sys.__excepthook__(etype, value, tb)
            return
        _showing[0] = True
        try:
            what, advice = describe(value)
            dlg = ErrorDialog(QCoreApplication.translate("ErrorDialog", "ProofKit"), what, advice,
                              text, app.activeWindow())
            dlg.exec()
        finally:
            _showing[0] = False

    sys.excepthook = hook
