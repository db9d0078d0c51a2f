"""Plain data types of the ledger API. No SQLAlchemy here: these are what callers (CLI, GUI
worker threads, bundle export) hold, detached from any database session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from proofkit.core.errors import LedgerError
from proofkit.core.records import ReceiptData  # noqa: F401  (part of the ledger API)

RECEIPT_STATUSES = ("verified", "failed", "pending")
VERSION_KINDS = ("file", "manifest")


class LedgerInvalidData(LedgerError, ValueError):
    """The caller asked the ledger to store something it must refuse (an unknown status, a
    "verified" receipt without its token bytes, a backwards state change...). Nothing was
    written."""


@dataclass(frozen=True)
class WorkRow:
    id: int
    title: str
    pen_name: str | None
    created_at: datetime


@dataclass(frozen=True)
class WorkSummary:
    """A work as a library shows it: its drafts (versions), when the first and latest were
    stamped, its latest draft (for its kind and name) and its receipts by status."""

    work: WorkRow
    versions: int
    first_at: datetime | None
    latest_at: datetime | None
    latest_kind: str
    latest_file_name: str
    verified: int = 0
    pending: int = 0
    failed: int = 0


@dataclass(frozen=True)
class VersionRow:
    id: int
    work_id: int
    work_title: str
    kind: str
    file_name: str
    path: str
    size: int
    hash_alg: str
    digest_hex: str
    manifest_text: str | None
    created_at: datetime
    #: The version's place within its work: 1 for the work's first version, 2 for the next
    #: (by ledger id, so a number never changes once given). ``id`` counts ledger-wide.
    number: int = 0


@dataclass(frozen=True)
class ReceiptRow:
    id: int
    version_id: int
    work_id: int
    work_title: str
    file_name: str
    digest_hex: str
    tsa_name: str
    url: str
    nonce: int | None
    response: bytes | None
    status: str
    error: str | None
    gen_time: datetime | None
    serial: str | None
    policy: str | None
    hash_alg: str
    anchor: str | None
    checks: list[dict[str, Any]]
    checked_at: datetime | None
    requested_at: datetime
    attempts: int


@dataclass(frozen=True)
class CertificateRow:
    id: int
    sha256: str
    subject: str | None
    issuer: str | None
    not_before: datetime | None
    not_after: datetime | None
    der: bytes


@dataclass(frozen=True)
class EventRow:
    seq: int
    at: datetime
    kind: str
    entity: str
    entity_id: int
    payload: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class StampRecord:
    work_id: int
    version_id: int
    receipt_ids: tuple[int, ...]
    certificate_ids: tuple[int, ...]
    new_work: bool
    new_version: bool


@dataclass(frozen=True)
class LedgerProblem:
    """One finding of :meth:`Ledger.check`: where (an event seq, or an entity and its id)
    and one sentence saying what is wrong."""

    message: str
    seq: int | None = None
    entity: str | None = None
    entity_id: int | None = None

    def __str__(self) -> str:
        if self.seq is not None:
            where = f"event {self.seq}"
        elif self.entity is not None:
            where = f"{self.entity} {self.entity_id}"
        else:
            where = "ledger"
        return f"{where}: {self.message}"
