"""ProofKit: prove a file existed at a given time with RFC 3161 time stamps."""

__version__ = "0.1.0"

import logging as _logging

# A library stays silent unless the application configures logging (the GUI and the CLI do).
_logging.getLogger("proofkit").addHandler(_logging.NullHandler())
