"""The TSAs ProofKit knows, and a real test of one: stamp a random digest and verify it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from proofkit.core.registry import TSAInfo
    from proofkit.core.stamping import Attempt

    from .session import Session


def known_tsas(session: "Session") -> "list[TSAInfo]":
    return list(session.registry)


@dataclass
class TSACheck:
    tsa: "TSAInfo"
    attempt: "Attempt"

    @property
    def ok(self) -> bool:
        return self.attempt.status == "verified"


def check_tsas(session: "Session", name: str | None = None, *, timeout: float | None = None) -> list[TSACheck]:
    """Ask ``name`` (or the TSAs chosen for stamping) for a receipt over a random digest —
    nothing of the author's — once, without retries, and verify it."""
    from proofkit.core.hashing import hash_bytes
    from proofkit.core.stamping import request_receipt

    tsas = session.tsas([name] if name else None)
    verifier = session.bare_verifier()
    digest = hash_bytes(os.urandom(32))
    t = session.timeout(timeout)
    return [TSACheck(tsa, request_receipt(tsa, digest, "sha256", verifier, timeout=t, retries=0)) for tsa in tsas]
