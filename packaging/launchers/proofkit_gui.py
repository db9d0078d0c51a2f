"""Frozen entry point of the ``proofkit-gui`` desktop app (the windowed executable).

Two packaging-only shims live here, so the app's own code stays free of freezer details:

* ``proofkit-gui -m proofkit.cli.main ARGS`` runs the CLI. The app itself no longer needs
  it (it calls proofkit.bundle and the core directly); the form is kept for scripts written
  against earlier builds, where ``sys.executable -m proofkit.cli.main`` was the app.
* ``PROOFKIT_SMOKE_TEST_MS=N`` is the same as ``--quit-after N`` (proofkit.gui.app): show
  the window, report it on stderr and quit after N ms through the normal shutdown.
"""

import os
import sys


def run() -> int:
    argv = sys.argv[1:]
    if argv[:2] == ["-m", "proofkit.cli.main"]:
        from proofkit.cli.main import main as cli_main

        return cli_main(argv[2:])
    smoke = os.environ.get("PROOFKIT_SMOKE_TEST_MS")
    if smoke:
        argv += ["--quit-after", smoke]
    from proofkit.gui.app import main

    return main(argv)


if __name__ == "__main__":
    # the ledger's deep check re-verifies on worker processes (spawned): in a frozen build
    # each worker starts this executable, which must run the worker, not the app
    import multiprocessing

    multiprocessing.freeze_support()
    sys.exit(run())
