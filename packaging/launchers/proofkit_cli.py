"""Frozen entry point of the ``proofkit`` command line (the console executable)."""

import sys

from proofkit.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
