"""What a verification says: each named check (``Check``) and the verdict over a token
(``Verdict``), with the check names and the clock tolerances the ``gen_time`` check applies.
Kept apart from ``verifier.py`` so that the checks (``token_checks.py``) and the verifier can
both use them without importing each other."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cryptography import x509

from .trust import TrustAnchor

CHECK_NAMES = (
    "status",
    "structure",
    "content_type",
    "message_digest",
    "signer_certificate",
    "signature",
    "signing_certificate_binding",
    "tsa_certificate",
    "chain",
    "imprint",
    "nonce",
    "gen_time",
    "revocation",  # when revocation evidence is kept for the receipt (core/revocation.py)
)

#: How far a receipt's genTime may be from this computer's clock when it was asked.
#: Generous, so that a PC whose clock is off by a few hours still stamps; strict enough that
#: a TSA dating a stamp in another year, or a month back (backdating fakes priority), is refused.
CLOCK_TOLERANCE = timedelta(hours=24)
#: How far in the future (beyond its accuracy) a genTime may be when verified: a genuine TSA
#: cannot date a token later than now; this allows for a verifying computer's clock being a
#: little behind.
FUTURE_SKEW = timedelta(minutes=10)


@dataclass
class Check:
    name: str
    ok: bool
    detail: str

    def as_dict(self) -> dict:
        return {"name": self.name, "ok": self.ok, "detail": self.detail}


@dataclass
class Verdict:
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    gen_time: datetime | None = None
    accuracy: timedelta | None = None  # TSTInfo.accuracy; None when the token states none
    serial: int | None = None
    policy: str | None = None
    hash_alg: str | None = None
    imprint: bytes | None = None
    nonce: int | None = None
    tsa_der: bytes | None = None  # TSTInfo.tsa (a GeneralName) as received
    tsa_refused: bool = False  # the tsa name is not the signer's: not to be shown as the TSA
    signer: x509.Certificate | None = None
    chain: list[x509.Certificate] = field(default_factory=list)
    anchor: TrustAnchor | None = None
    token: bytes | None = None
    embedded_certs: list[x509.Certificate] = field(default_factory=list)
    unreadable: bool = False  # not a time-stamp response or token at all (not DER)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    @property
    def tsa_name(self) -> str | None:
        """TSTInfo.tsa as text (read when asked: it needs asn1crypto), None when absent or refused."""
        if self.tsa_der is None or self.tsa_refused:
            return None
        return general_name_text(self.tsa_der)

    @property
    def not_after(self) -> datetime | None:
        """The time the content existed no later than: genTime + accuracy (RFC 3161 §2.4.2)."""
        if self.gen_time is None:
            return None
        return self.gen_time + (self.accuracy or timedelta(0))

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def reason(self) -> str:
        """One line: why the stamp is not valid (or 'valid')."""
        f = self.failures
        return f"{f[0].name}: {f[0].detail}" if f else "valid"

    def check(self, name: str) -> Check | None:
        return next((c for c in self.checks if c.name == name), None)

    def anchor_text(self) -> str | None:
        return self.anchor.describe() if self.anchor else None


@functools.lru_cache(maxsize=256)
def general_name_text(gn_der: bytes) -> str:
    """A GeneralName (TSTInfo.tsa) as text; "" when it cannot be read."""
    try:
        from asn1crypto import x509 as ax509

        gn = ax509.GeneralName.load(gn_der)
        if gn.name == "directory_name":
            return gn.chosen.human_friendly
        return str(gn.native)
    except Exception:  # noqa: BLE001
        return ""
