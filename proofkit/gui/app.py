"""Entry point of the desktop app: ``proofkit-gui`` / ``python -m proofkit.gui``."""

from __future__ import annotations

import argparse
import logging
import sys
from importlib import resources

log = logging.getLogger("proofkit.gui")

APP_ID = "org.proofkit.ProofKit"  # the .desktop file's name and the AppStream id


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="proofkit-gui", description="ProofKit desktop app")
    p.add_argument("--home", metavar="DIR", help="keep the ledger, settings and logs in DIR")
    p.add_argument("--lang", choices=("zh_CN", "en"), help="language for this run")
    p.add_argument("--no-welcome", action="store_true", help="do not show the first-run welcome")
    p.add_argument("--quit-after", metavar="MS", type=_milliseconds,
                   help="quit MS milliseconds after the window is shown (smoke tests); exit 0")
    # Qt's own options (-platform, -style...) pass through.
    args, _qt = p.parse_known_args(argv)
    return args


def _milliseconds(text: str) -> int:
    try:
        ms = int(text)
    except ValueError:
        ms = -1
    if ms < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of milliseconds")
    return ms


def app_icon():
    from PySide6.QtGui import QIcon, QPixmap

    data = (resources.files("proofkit.resources") / "icons" / "proofkit.svg").read_bytes()
    pm = QPixmap()
    pm.loadFromData(data, "SVG")
    return QIcon(pm)


def create_app(argv: list[str]):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv)
    app.setApplicationName("ProofKit")
    app.setOrganizationName("ProofKit")
    # Ties windows to org.proofkit.ProofKit.desktop (Wayland app id, taskbar icon and grouping).
    QGuiApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    return app


def build_window(services, lang: str | None = None, *, welcome: bool = True, auto_sync: bool = True):
    """Install translations, create and show the main window (and the welcome on first run)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from proofkit.gui import i18n
    from proofkit.gui.main_window import MainWindow

    i18n.install(QApplication.instance(), lang or services.settings.language)
    window = MainWindow(services, auto_sync=auto_sync)
    window.show()
    if welcome and not services.settings.welcomed:
        QTimer.singleShot(0, window.show_welcome)
    return window


def _quit_after(app, window, ms: int) -> None:
    """For smoke tests: once ``ms`` have passed, say on stderr whether the window is shown,
    then quit through the normal shutdown path (workers ended, ledger closed)."""
    from PySide6.QtCore import QTimer

    def report_and_quit() -> None:
        line = f"quit-after: window visible={window.isVisible()} title={window.windowTitle()!r}"
        log.info(line)
        print(line, file=sys.stderr, flush=True)
        app.quit()

    QTimer.singleShot(ms, report_and_quit)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    app = create_app([sys.argv[0] if sys.argv else "proofkit-gui"])

    from proofkit.gui.errors import install_excepthook, setup_logging, show_error
    from proofkit.app.session import Session

    try:
        services = Session(args.home)
        services.dirs  # noqa: B018 - created now, so an unwritable home is said at once
    except Exception as exc:  # noqa: BLE001 - e.g. an unwritable home
        dlg = show_error(None, exc)
        dlg.setWindowModality(0)
        dlg.exec()
        return 2
    logfile = setup_logging(services.dirs.logs)
    install_excepthook()
    log.info("ProofKit GUI starting; home %s; log %s", services.base_dirs.data, logfile)
    window = build_window(services, args.lang, welcome=not args.no_welcome)
    if args.quit_after is not None:
        _quit_after(app, window, args.quit_after)
    code = app.exec()
    # Let running workers end (hashing is cancelled; a TSA request ends within its timeout)
    # before the ledger closes, so nothing is cut mid-transaction.
    window.runner.cancel_all()
    window.runner.wait(int(services.settings.timeout * 1000 * 3))
    window.ledger_page.reader.wait(5000)  # a read of the library, then the ledger closes
    services.close()
    log.info("ProofKit GUI closed")
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
