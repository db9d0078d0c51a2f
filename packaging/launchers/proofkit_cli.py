"""Frozen entry point of the ``proofkit`` command line (the console executable)."""

from proofkit.cli.main import run

if __name__ == "__main__":
    run()
