"""One exception family for ProofKit. Each carries a sentence a non-expert can act on and
the command-line exit code it maps to (the documented contract:
0 success, 1 verification failed or file does not match, 2 bad usage or unreadable input,
3 no TSA could be reached)."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3


class ProofKitError(Exception):
    """Base class: ``str(err)`` is the one line shown to the user."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class InputError(ProofKitError):
    """A file or argument the user gave cannot be used (missing, unreadable, a directory...)."""

    exit_code = EXIT_USAGE


class FileChangedError(InputError):
    """The file changed while it was being read; its digest would prove nothing."""


class HashCancelled(ProofKitError):
    """The user cancelled hashing."""

    exit_code = EXIT_USAGE


class TokenFormatError(InputError):
    """Bytes that should be a time-stamp response or token are not (not DER, wrong structure)."""


class TSAError(ProofKitError):
    """A time-stamping authority could not be used. ``transient`` says whether a retry may help."""

    exit_code = EXIT_UNREACHABLE

    def __init__(self, message: str, *, transient: bool, detail: str | None = None,
                 retry_now: bool | None = None) -> None:
        super().__init__(message, detail=detail)
        self.transient = transient
        # A name that does not resolve means no network: worth a later sync, not a retry now.
        self.retry_now = transient if retry_now is None else retry_now


class VerificationFailed(ProofKitError):
    exit_code = EXIT_FAILED


class LedgerError(ProofKitError):
    """The ledger cannot be opened or written."""

    exit_code = EXIT_USAGE


class LedgerTooNew(LedgerError):
    """The database was written by a newer ProofKit; we refuse rather than damage it."""


class LedgerTampered(LedgerError):
    exit_code = EXIT_FAILED
