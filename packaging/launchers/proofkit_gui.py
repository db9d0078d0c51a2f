"""Frozen entry point of the ``proofkit-gui`` desktop app (the windowed executable).

Two packaging-only shims live here, so the app's own code stays free of freezer details:

* ``proofkit-gui -m proofkit.cli.main ARGS``: proofkit.gui.tasks runs the CLI as
  ``[sys.executable, "-m", "proofkit.cli.main", ...]``. Frozen, ``sys.executable`` is this
  program, which has no ``-m``; so that form is run as the CLI here.
* ``PROOFKIT_SMOKE_TEST_MS=N``: after the main window is built, check it is visible, print one
  line and quit after N ms with the normal shutdown path (tests/test_packaging.py uses it;
  proofkit.gui.app has no quit-after option of its own yet).
"""

import os
import sys


def _smoke_hook(ms: int) -> None:
    from proofkit.gui import app as gui_app

    build_window = gui_app.build_window

    def build_and_quit(*args, **kwargs):
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        window = build_window(*args, **kwargs)

        def report_and_quit() -> None:
            print(f"smoke: window visible={window.isVisible()} title={window.windowTitle()!r}",
                  file=sys.stderr, flush=True)
            QApplication.instance().quit()

        QTimer.singleShot(ms, report_and_quit)
        return window

    gui_app.build_window = build_and_quit


def run() -> int:
    argv = sys.argv[1:]
    if argv[:2] == ["-m", "proofkit.cli.main"]:
        from proofkit.cli.main import main as cli_main

        return cli_main(argv[2:])
    smoke = os.environ.get("PROOFKIT_SMOKE_TEST_MS")
    if smoke:
        _smoke_hook(int(smoke))
    from proofkit.gui.app import main

    return main()


if __name__ == "__main__":
    sys.exit(run())
