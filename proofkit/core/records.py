"""What a receipt is, as plain data: the record stamping hands to whatever keeps receipts
(the ledger implements that recorder). No database and no Qt here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class ReceiptData:
    """What the caller knows about one time-stamp request/response, to store or update."""

    tsa_name: str
    url: str
    requested_at: datetime
    hash_alg: str
    status: str = "pending"
    nonce: int | None = None
    response: bytes | None = None
    error: str | None = None
    gen_time: datetime | None = None
    serial: str | None = None
    policy: str | None = None
    anchor: str | None = None
    checks: list[dict[str, Any]] = field(default_factory=list)
    checked_at: datetime | None = None
    attempts: int = 0
