"""The local ledger of works, versions, receipts and certificates (SQLite via SQLAlchemy),
with an append-only hash-chained event log. See :mod:`proofkit.ledger.store`.

Importing this package is light: the data types come from :mod:`proofkit.ledger.types`
(no SQLAlchemy); ``Ledger`` and the migration helpers are imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from proofkit.ledger.types import (
    RECEIPT_STATUSES,
    VERSION_KINDS,
    CertificateRow,
    EventRow,
    LedgerInvalidData,
    LedgerProblem,
    ReceiptData,
    ReceiptRow,
    StampRecord,
    VersionRow,
    WorkRow,
    WorkSummary,
)

if TYPE_CHECKING:
    from proofkit.ledger.migrations import MIGRATIONS, SCHEMA_VERSION
    from proofkit.ledger.store import Ledger

__all__ = [
    "Ledger",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "RECEIPT_STATUSES",
    "VERSION_KINDS",
    "CertificateRow",
    "EventRow",
    "LedgerInvalidData",
    "LedgerProblem",
    "ReceiptData",
    "ReceiptRow",
    "StampRecord",
    "VersionRow",
    "WorkRow",
    "WorkSummary",
]


def __getattr__(name: str) -> Any:
    if name == "Ledger":
        from proofkit.ledger.store import Ledger

        return Ledger
    if name in ("MIGRATIONS", "SCHEMA_VERSION"):
        from proofkit.ledger import migrations

        return getattr(migrations, name)
    raise AttributeError(f"module 'proofkit.ledger' has no attribute {name!r}")
