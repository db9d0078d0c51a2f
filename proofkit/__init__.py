"""ProofKit: prove a file existed at a given time with RFC 3161 time stamps."""

__version__ = "0.1.0"
