"""RFC 3161 messages: building a TimeStampReq and reading a TimeStampResp.

Requests are built by rfc3161ng (SM3 ones here: rfc3161ng does not know SM3). Responses must be kept byte for byte, so
they are read by walking their headers (asn1crypto only for an unusual status), and the
token is cut out of the response as the exact slice the TSA sent.
"""

from __future__ import annotations

import importlib
import importlib.util
import secrets
import sys
import threading
import types
from dataclasses import dataclass

from .errors import TokenFormatError

SM3_OID = "1.2.156.10197.1.401"


HASH_OIDS = {
    "sha1": "1.3.14.3.2.26",
    "sha256": "2.16.840.1.101.3.4.2.1",
    "sha384": "2.16.840.1.101.3.4.2.2",
    "sha512": "2.16.840.1.101.3.4.2.3",
    # SM3 (GB/T 32905-2016), the hash Chinese institutions and TSAs (tsa.cn) use
    "sm3": SM3_OID,
}
STATUS_NAMES = {
    0: "granted",
    1: "grantedWithMods",
    2: "rejection",
    3: "waiting",
    4: "revocationWarning",
    5: "revocationNotification",
}


@dataclass(frozen=True)
class TimestampRequest:
    der: bytes
    nonce: int
    hash_alg: str
    digest: bytes


def new_nonce() -> int:
    """A fresh random 64-bit nonce (top bit clear keeps it a positive INTEGER of 8 bytes)."""
    return secrets.randbits(63) | (1 << 62)


def _der(tag: int, content: bytes) -> bytes:
    n = len(content)
    if n < 0x80:
        return bytes((tag, n)) + content
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes((tag, 0x80 | len(size))) + size + content


def _der_oid(dotted: str) -> bytes:
    first, second, *rest = (int(x) for x in dotted.split("."))
    body = bytearray((40 * first + second,))
    for arc in rest:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        body += bytes(reversed(chunk))
    return _der(0x06, bytes(body))


def _der_int(value: int) -> bytes:
    return _der(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big", signed=True))


def _rfc3161ng():
    """rfc3161ng, imported without paying for what ProofKit does not use of it.

    Its ``api`` module imports ``requests`` (its own HTTP client) and ``dateutil`` (its date
    parser) at the top, ~0.1 s of a one-file stamp from the shell, and uses them only inside
    functions ProofKit never calls: core/client.py sends the requests and our verifier reads
    the answers. Those modules are stood in for by placeholders that import the real module on
    first use of any of its names, so anything that does use them still works."""
    if "rfc3161ng" not in sys.modules:
        _stand_in(("requests",), ("dateutil", "dateutil.relativedelta", "dateutil.tz"))
    import rfc3161ng

    return rfc3161ng


class _Placeholder(types.ModuleType):
    """A module not imported yet: the first name looked up in it imports its group for real
    (the placeholders leave ``sys.modules`` first) and is answered from the real module. Not
    ``importlib.util.LazyLoader``: an ``import`` statement reads a lazy module's ``__spec__``,
    which loads it at once."""

    def __init__(self, name: str, group: tuple[str, ...]) -> None:
        super().__init__(name)
        self._group = group

    def __getattr__(self, attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        with _REAL_IMPORT:
            for name in self._group:
                if isinstance(sys.modules.get(name), _Placeholder):
                    del sys.modules[name]
            real = importlib.import_module(self.__name__)
        return getattr(real, attr)


_REAL_IMPORT = threading.Lock()


def _stand_in(*groups: tuple[str, ...]) -> None:
    """Put placeholders for each group of modules not imported yet (a package first, then the
    submodules imported by name, each also an attribute of its parent)."""
    for group in groups:
        if any(name in sys.modules for name in group) or importlib.util.find_spec(group[0]) is None:
            continue  # already imported for real, or not installed: the import goes as usual
        for name in group:
            sys.modules[name] = _Placeholder(name, group)
            parent, _, child = name.rpartition(".")
            if parent:
                object.__setattr__(sys.modules[parent], child, sys.modules[name])


def build_request(digest: bytes, hash_alg: str = "sha256", *, nonce: int | None = None) -> TimestampRequest:
    """A TimeStampReq for ``digest`` (only the digest: never a byte of the file), certReq true.

    rfc3161ng builds it (the project's choice of library for requests). SM3, which rfc3161ng
    does not know, is encoded here the way `openssl ts -query -sm3` writes it (tested byte for
    byte): the same structure with the SM3 AlgorithmIdentifier, NULL parameters."""
    if hash_alg not in HASH_OIDS:
        raise ValueError(f"unsupported hash algorithm {hash_alg!r}")
    if nonce is None:
        nonce = new_nonce()
    if hash_alg == "sm3":
        imprint = _der(0x30, _der(0x30, _der_oid(SM3_OID) + b"\x05\x00") + _der(0x04, bytes(digest)))
        der = _der(0x30, _der_int(1) + imprint + _der_int(nonce) + b"\x01\x01\xff")
        return TimestampRequest(der, nonce, hash_alg, bytes(digest))
    rfc3161ng = _rfc3161ng()
    from pyasn1.codec.der import encoder

    req = rfc3161ng.make_timestamp_request(digest=bytes(digest), hashname=hash_alg, include_tsa_certificate=True,
                                           nonce=nonce)
    return TimestampRequest(encoder.encode(req), nonce, hash_alg, bytes(digest))


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


def tlv(buf: bytes, pos: int, end: int) -> tuple[int, int, int]:
    """(tag byte, start of contents, end of element) of the DER element at ``pos``.
    Only definite lengths: DER has no other kind."""
    if pos + 2 > end:
        raise ValueError("truncated")
    tag = buf[pos]
    if tag & 0x1F == 0x1F:
        raise ValueError("high tag numbers are not used in time-stamp responses")
    first = buf[pos + 1]
    pos += 2
    if first < 0x80:
        length = first
    else:
        n = first & 0x7F
        if n == 0 or n > 4 or pos + n > end:
            raise ValueError("bad length")
        length = int.from_bytes(buf[pos:pos + n], "big")
        pos += n
    if pos + length > end:
        raise ValueError("truncated")
    return tag, pos, pos + length


def ber_tlv(buf: bytes, pos: int, end: int, depth: int = 0) -> tuple[int, int, int, int]:
    """(tag byte, start of contents, end of contents, end of element) of the element at ``pos``,
    accepting BER's indefinite length (0x80) on a constructed element: RFC 5652 allows it in
    the outer layers of a token (ContentInfo, SignedData, TimeStampResp). Its contents run to
    the matching end-of-contents octets, which are not part of the contents."""
    if pos + 2 > end:
        raise ValueError("truncated")
    if buf[pos + 1] != 0x80:
        tag, s, e = tlv(buf, pos, end)
        return tag, s, e, e
    tag = buf[pos]
    if not tag & 0x20 or tag & 0x1F == 0x1F:
        raise ValueError("indefinite length on a primitive value")
    if depth > 32:
        raise ValueError("too deeply nested")
    p = pos + 2
    while True:
        if p + 2 > end:
            raise ValueError("truncated (no end-of-contents)")
        if buf[p] == 0 and buf[p + 1] == 0:
            return tag, pos + 2, p, p + 2
        p = ber_tlv(buf, p, end, depth + 1)[3]


def ber_children(buf: bytes, start: int, end: int) -> list[tuple[int, int, int, int, int]]:
    """The elements inside a constructed value, BER lengths allowed:
    (tag, element start, contents start, contents end, element end)."""
    out = []
    pos = start
    while pos < end:
        tag, cstart, cend, eend = ber_tlv(buf, pos, end)
        out.append((tag, pos, cstart, cend, eend))
        pos = eend
    return out


def der_problem(buf: bytes, start: int = 0, end: int | None = None, depth: int = 0) -> str | None:
    """Why ``buf[start:end]`` is not DER, or None. Checks what a re-encoding would change:
    definite lengths in their shortest form, BOOLEAN as 00/FF, INTEGER in its fewest octets,
    constructed values all the way down. (SET OF order is checked by the caller.)"""
    end = len(buf) if end is None else end
    if depth > 32:
        return "too deeply nested"
    pos = start
    while pos < end:
        if pos + 2 > end:
            return "truncated"
        tag, first = buf[pos], buf[pos + 1]
        if tag & 0x1F == 0x1F:
            return "a high tag number"
        if first == 0x80:
            return "an indefinite length"
        if first > 0x80:
            n = first & 0x7F
            if pos + 2 + n > end or n > 4:
                return "a bad length"
            value = int.from_bytes(buf[pos + 2:pos + 2 + n], "big")
            if buf[pos + 2] == 0 or value < 0x80:
                return "a length not in its shortest form"
        try:
            _, cs, ce = tlv(buf, pos, end)
        except ValueError as exc:
            return str(exc)
        if tag & 0x20:
            inner = der_problem(buf, cs, ce, depth + 1)
            if inner:
                return inner
        elif tag == 0x01 and (ce - cs != 1 or buf[cs] not in (0x00, 0xFF)):
            return "a BOOLEAN not encoded as 00 or FF"
        elif tag == 0x02 and ce - cs > 1 and (
                (buf[cs] == 0x00 and buf[cs + 1] < 0x80) or (buf[cs] == 0xFF and buf[cs + 1] >= 0x80)):
            return "an INTEGER not in its fewest octets"
        pos = ce
    return None


def children(buf: bytes, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """The elements inside a constructed value: (tag, element start, contents start, end)."""
    out = []
    pos = start
    while pos < end:
        tag, cstart, cend = tlv(buf, pos, end)
        out.append((tag, pos, cstart, cend))
        pos = cend
    return out


@dataclass(frozen=True)
class SignedDataParts:
    """Exact byte slices of a time-stamp token (a CMS ContentInfo with SignedData)."""

    content_type: bytes  # OID contents of the ContentInfo
    econtent_type: bytes  # OID contents of eContentType
    econtent: bytes | None  # the TSTInfo DER (eContent OCTET STRING contents)
    certificates: list[bytes]  # DER of each embedded X.509 certificate
    signer_infos: list[bytes]  # DER of each SignerInfo
    signed_attrs: bytes | None  # the first SignerInfo's signedAttrs, [0] tag and all, as received
    sid: bytes = b""  # the first SignerInfo's fields, each as received
    digest_alg: bytes = b""
    signature_alg: bytes = b""
    signature: bytes = b""


OID_SIGNED_DATA = bytes.fromhex("2a864886f70d010702")


def split_signed_data(token: bytes) -> SignedDataParts:
    """Cut a token into the slices the verifier needs, walking the headers only.

    Nothing is re-encoded: each slice is the bytes the TSA sent. The outer layers may use BER
    indefinite lengths (RFC 5652 allows it); the slices that are signed or parsed (TSTInfo,
    signed attributes, certificates) are returned as received, and the verifier requires DER
    of those. Raises ValueError."""
    tag, s, e, ee = ber_tlv(token, 0, len(token))
    if tag != 0x30 or ee != len(token):
        raise ValueError("not a single DER SEQUENCE")
    ci = ber_children(token, s, e)
    if len(ci) != 2 or ci[0][0] != 0x06 or ci[1][0] != 0xA0:
        raise ValueError("not a CMS ContentInfo")
    content_type = token[ci[0][2]:ci[0][3]]
    if content_type != OID_SIGNED_DATA:
        raise ValueError("not a CMS SignedData")
    inner = ber_children(token, ci[1][2], ci[1][3])
    if len(inner) != 1 or inner[0][0] != 0x30:
        raise ValueError("malformed SignedData")
    sd = ber_children(token, inner[0][2], inner[0][3])
    # version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
    if len(sd) < 4 or sd[0][0] != 0x02 or sd[1][0] != 0x31 or sd[2][0] != 0x30 or sd[-1][0] != 0x31:
        raise ValueError("malformed SignedData")
    eci = ber_children(token, sd[2][2], sd[2][3])
    if not eci or eci[0][0] != 0x06:
        raise ValueError("malformed encapContentInfo")
    econtent_type = token[eci[0][2]:eci[0][3]]
    econtent = None
    if len(eci) > 1:
        if eci[1][0] != 0xA0:
            raise ValueError("malformed eContent")
        octets = ber_children(token, eci[1][2], eci[1][3])
        if len(octets) != 1 or octets[0][0] != 0x04:
            raise ValueError("eContent is not a DER OCTET STRING")
        econtent = token[octets[0][2]:octets[0][3]]
    certs: list[bytes] = []
    for t, es, cs, ce, ee in sd[3:-1]:
        if t == 0xA0:
            certs = [token[c[1]:c[4]] for c in ber_children(token, cs, ce) if c[0] == 0x30]
        elif t != 0xA1:
            raise ValueError("unexpected field in SignedData")
    signer_infos = [token[c[1]:c[4]] for c in ber_children(token, sd[-1][2], sd[-1][3])]
    signed_attrs = None
    sid = dalg = salg = sig = b""
    if signer_infos:
        si = signer_infos[0]
        tag, s, e, _ = ber_tlv(si, 0, len(si))
        # version, sid, digestAlgorithm, [0] signedAttrs?, signatureAlgorithm, signature, [1]?
        fields = ber_children(si, s, e)
        if tag != 0x30 or len(fields) < 5 or fields[0][0] != 0x02:
            raise ValueError("malformed SignerInfo")
        sid = si[fields[1][1]:fields[1][4]]
        dalg = si[fields[2][1]:fields[2][4]]
        rest = fields[3:]
        if rest[0][0] == 0xA0:
            signed_attrs = si[rest[0][1]:rest[0][4]]
            rest = rest[1:]
        if len(rest) < 2 or rest[0][0] != 0x30 or rest[1][0] != 0x04:
            raise ValueError("malformed SignerInfo")
        salg = si[rest[0][1]:rest[0][4]]
        sig = si[rest[1][2]:rest[1][3]]
    return SignedDataParts(content_type, econtent_type, econtent, certs, signer_infos, signed_attrs,
                           sid, dalg, salg, sig)


def attributes(signed_attrs: bytes) -> dict[bytes, list[list[bytes]]]:
    """The signed attributes as {OID contents: [[value DER, ...] per occurrence]}, raw."""
    tag, s, e = tlv(signed_attrs, 0, len(signed_attrs))
    out: dict[bytes, list[list[bytes]]] = {}
    for t, es, cs, ce in children(signed_attrs, s, e):
        if t != 0x30:
            raise ValueError("malformed attribute")
        parts = children(signed_attrs, cs, ce)
        if len(parts) != 2 or parts[0][0] != 0x06 or parts[1][0] != 0x31:
            raise ValueError("malformed attribute")
        oid = signed_attrs[parts[0][2]:parts[0][3]]
        values = [signed_attrs[v[1]:v[3]] for v in children(signed_attrs, parts[1][2], parts[1][3])]
        out.setdefault(oid, []).append(values)
    return out


def _status_info(der: bytes) -> tuple[int, list[str] | None, list[str]]:
    """(status, status texts or None, failInfo names) of a PKIStatusInfo. The usual answer,
    a bare status, is read here; anything with texts or failure bits by asn1crypto."""
    try:
        tag, s, e = tlv(der, 0, len(der))
        fields = children(der, s, e)
        if (tag == 0x30 and e == len(der) and len(fields) == 1 and fields[0][0] == 0x02
                and fields[0][3] - fields[0][2] == 1 and der[fields[0][2]] < 0x80):
            return der[fields[0][2]], None, []
    except ValueError:
        pass  # BER, or damaged: asn1crypto decides
    from asn1crypto import tsp

    info = tsp.PKIStatusInfo.load(der, strict=True)
    return int(info["status"]), info["status_string"].native or None, sorted(info["fail_info"].native or ())


def parse_response(der: bytes) -> ParsedResponse:
    """Read a TimeStampResp; the token is returned as the exact slice of ``der``.

    The slice is cut by walking the DER headers, not by re-serialising a parsed value, so
    what is stored and verified is byte for byte what the TSA sent."""
    try:
        # BER indefinite lengths are allowed in this outer layer (RFC 5652 / RFC 3161).
        tag, start, end, eend = ber_tlv(der, 0, len(der))
        if tag != 0x30 or eend != len(der):
            raise ValueError("not a single DER SEQUENCE")
        stag, _, _, status_end = ber_tlv(der, start, end)
        if stag != 0x30:
            raise ValueError("no PKIStatusInfo")
        token = None
        if status_end < end:
            ttag, _, _, token_end = ber_tlv(der, status_end, end)
            if ttag != 0x30 or token_end != end:
                raise ValueError("trailing data")
            token = der[status_end:token_end]
        status, texts, fail = _status_info(der[start:status_end])
    except Exception as exc:  # asn1crypto raises ValueError/TypeError/etc. on garbage
        raise TokenFormatError(f"This is not a valid time-stamp response (not DER: {exc}).") from None
    return ParsedResponse(status, "; ".join(texts) if texts else None, fail, token)


def split_token_or_response(der: bytes) -> tuple[ParsedResponse | None, bytes]:
    """Accept a full TimeStampResp (.tsr) or a bare token (.tst): returns (response or None, token).

    Raises TokenFormatError for anything else."""
    if not der:
        raise TokenFormatError("The token file is empty.")
    # A TimeStampResp starts with PKIStatusInfo (a SEQUENCE); a token with an OID.
    try:
        tag, start, end, eend = ber_tlv(der, 0, len(der))
        if tag != 0x30 or eend != len(der):
            raise ValueError("not a single DER SEQUENCE")
        first_tag = ber_tlv(der, start, end)[0]
    except ValueError:
        raise TokenFormatError("This file is not a time-stamp token or response (not DER).") from None
    if first_tag == 0x30:
        parsed = parse_response(der)
        if parsed.token is None:
            return parsed, b""
        return parsed, parsed.token
    return None, der
