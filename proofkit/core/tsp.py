"""RFC 3161 messages: building a TimeStampReq and reading a TimeStampResp.

rfc3161ng builds the request (and would decode the response), but it re-encodes what it
decodes; evidence must be kept byte for byte. So responses are read with asn1crypto, whose
parsed values keep the exact bytes they came from, and the token is cut out of the response
as the exact slice the TSA sent.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from asn1crypto import cms, core, tsp

from .errors import TokenFormatError

HASH_OIDS = {
    "sha1": "1.3.14.3.2.26",
    "sha256": "2.16.840.1.101.3.4.2.1",
    "sha384": "2.16.840.1.101.3.4.2.2",
    "sha512": "2.16.840.1.101.3.4.2.3",
}
STATUS_NAMES = {
    0: "granted",
    1: "grantedWithMods",
    2: "rejection",
    3: "waiting",
    4: "revocationWarning",
    5: "revocationNotification",
}


class _TimeStampResp(core.Sequence):
    # asn1crypto marks the token as required; a rejection has none, and must parse.
    _fields = [
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


@dataclass(frozen=True)
class TimestampRequest:
    der: bytes
    nonce: int
    hash_alg: str
    digest: bytes


def new_nonce() -> int:
    """A fresh random 64-bit nonce (top bit clear keeps it a positive INTEGER of 8 bytes)."""
    return secrets.randbits(63) | (1 << 62)


def build_request(digest: bytes, hash_alg: str = "sha256", *, nonce: int | None = None) -> TimestampRequest:
    """A TimeStampReq for ``digest`` (only the digest: never a byte of the file), certReq true."""
    import rfc3161ng
    from pyasn1.codec.der import encoder

    if nonce is None:
        nonce = new_nonce()
    req = rfc3161ng.make_timestamp_request(
        digest=digest, hashname=hash_alg, include_tsa_certificate=True, nonce=nonce
    )
    return TimestampRequest(encoder.encode(req), nonce, hash_alg, digest)


@dataclass(frozen=True)
class ParsedResponse:
    status: int
    status_text: str | None
    fail_info: list[str]
    token: bytes | None  # exact bytes of the timeStampToken as received

    @property
    def granted(self) -> bool:
        return self.status in (0, 1)

    def describe_status(self) -> str:
        name = STATUS_NAMES.get(self.status, f"status {self.status}")
        parts = [name]
        if self.fail_info:
            parts.append(", ".join(self.fail_info))
        if self.status_text:
            parts.append(f'"{self.status_text}"')
        return "; ".join(parts)


def _load_strict(spec, der: bytes, what: str):
    try:
        value = spec.load(der, strict=True)
        value.native  # forces a full parse so malformed inner DER is found here
    except Exception as exc:  # asn1crypto raises ValueError/TypeError/etc. on garbage
        raise TokenFormatError(f"This is not a valid {what} (not DER: {exc}).") from None
    return value


def parse_response(der: bytes) -> ParsedResponse:
    """Read a TimeStampResp; the token is returned as the exact slice of ``der``."""
    resp = _load_strict(_TimeStampResp, der, "time-stamp response")
    info = resp["status"]
    status = int(info["status"])
    texts = info["status_string"].native or None
    fail = sorted(info["fail_info"].native or ())
    token_val = resp["time_stamp_token"]
    token = None if isinstance(token_val, core.Void) else token_val.dump()
    return ParsedResponse(status, "; ".join(texts) if texts else None, fail, token)


def split_token_or_response(der: bytes) -> tuple[ParsedResponse | None, bytes]:
    """Accept a full TimeStampResp (.tsr) or a bare token (.tst): returns (response or None, token).

    Raises TokenFormatError for anything else."""
    if not der:
        raise TokenFormatError("The token file is empty.")
    # A TimeStampResp starts with PKIStatusInfo (a SEQUENCE); a token with an OID.
    try:
        outer = core.Sequence.load(der, strict=True)
        first = outer[0]
    except Exception:
        raise TokenFormatError("This file is not a time-stamp token or response (not DER).") from None
    if isinstance(first, core.Sequence) or first.tag == 16:
        parsed = parse_response(der)
        if parsed.token is None:
            return parsed, b""
        return parsed, parsed.token
    return None, der
