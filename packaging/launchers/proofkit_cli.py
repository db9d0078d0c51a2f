"""Frozen entry point of the ``proofkit`` command line (the console executable)."""

from proofkit.cli.main import run

if __name__ == "__main__":
    # `ledger check --deep` re-verifies on worker processes (spawned): in a frozen build
    # each worker starts this executable, which must run the worker, not the CLI
    import multiprocessing

    multiprocessing.freeze_support()
    run()
