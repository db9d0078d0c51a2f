"""Reading the small DER structures of a time-stamp token without asn1crypto.

asn1crypto costs about 30 ms to import, a quarter of a `proofkit verify --token` run. The
common shapes (TSTInfo, algorithm identifiers, the signer identifier, ESSCertID(v2)) are read
here from the exact bytes; anything unusual (RSASSA-PSS parameters, names that differ in
encoding and need RFC 5280's comparison, the display text of a TSA name) falls back to
asn1crypto, imported then. Every function raises ValueError on malformed input.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from .tsp import children, tlv

_DIGESTS = {
    "1.3.14.3.2.26": "sha1", "2.16.840.1.101.3.4.2.4": "sha224", "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384", "2.16.840.1.101.3.4.2.3": "sha512",
    "1.2.156.10197.1.401": "sm3",  # GB/T 32905 (tsp.SM3_OID)
}
_SIGNATURES = {
    "1.2.840.113549.1.1.1": ("rsassa_pkcs1v15", None),
    "1.2.840.113549.1.1.5": ("rsassa_pkcs1v15", "sha1"),
    "1.2.840.113549.1.1.14": ("rsassa_pkcs1v15", "sha224"),
    "1.2.840.113549.1.1.11": ("rsassa_pkcs1v15", "sha256"),
    "1.2.840.113549.1.1.12": ("rsassa_pkcs1v15", "sha384"),
    "1.2.840.113549.1.1.13": ("rsassa_pkcs1v15", "sha512"),
    "1.2.840.10045.4.1": ("ecdsa", "sha1"),
    "1.2.840.10045.4.3.1": ("ecdsa", "sha224"),
    "1.2.840.10045.4.3.2": ("ecdsa", "sha256"),
    "1.2.840.10045.4.3.3": ("ecdsa", "sha384"),
    "1.2.840.10045.4.3.4": ("ecdsa", "sha512"),
}
_NULL = b"\x05\x00"


def _elements(buf: bytes) -> list[tuple[int, bytes, bytes]]:
    """The elements of a constructed DER value ``buf`` (whole element): (tag, element, contents)."""
    tag, s, e = tlv(buf, 0, len(buf))
    if e != len(buf) or not tag & 0x20:
        raise ValueError("not a constructed DER value")
    return [(t, buf[es:ce], buf[cs:ce]) for t, es, cs, ce in children(buf, s, e)]


def oid_dotted(contents: bytes) -> str:
    if not contents or contents[-1] & 0x80:
        raise ValueError("malformed OBJECT IDENTIFIER")
    parts, n = [], 0
    for b in contents:
        n = (n << 7) | (b & 0x7F)
        if not b & 0x80:
            parts.append(n)
            n = 0
    first = min(parts[0] // 40, 2)
    return ".".join(map(str, [first, parts[0] - 40 * first, *parts[1:]]))


def integer(contents: bytes) -> int:
    if not contents:
        raise ValueError("empty INTEGER")
    return int.from_bytes(contents, "big", signed=True)


def algorithm(der: bytes) -> tuple[str, bytes | None]:
    """(dotted OID, parameters DER or None) of an AlgorithmIdentifier."""
    els = _elements(der)
    if not els or els[0][0] != 0x06 or len(els) > 2:
        raise ValueError("malformed AlgorithmIdentifier")
    return oid_dotted(els[0][2]), els[1][1] if len(els) == 2 else None


def digest_alg_name(der: bytes) -> str:
    """The name of a DigestAlgorithmIdentifier ("sha256"...); an unknown one by its OID."""
    oid, params = algorithm(der)
    if params not in (None, _NULL):
        raise ValueError("unexpected digest algorithm parameters")
    return _DIGESTS.get(oid, oid)


def signature_alg(der: bytes) -> tuple[str, str | None, tuple | None] | None:
    """(algorithm, hash name or None, None) for the usual signature algorithms; None for the
    others (the caller asks asn1crypto)."""
    oid, params = algorithm(der)
    known = _SIGNATURES.get(oid)
    if known is None:
        return None
    if params not in (None, _NULL):
        return None
    return known[0], known[1], None


def signer_identifier(der: bytes) -> tuple[str, bytes | int, ...]:
    """("issuer_and_serial_number", issuer Name DER, serial) or ("subject_key_identifier", bytes)."""
    tag = der[:1]
    if tag == b"\x30":
        els = _elements(der)
        if len(els) != 2 or els[0][0] != 0x30 or els[1][0] != 0x02:
            raise ValueError("malformed IssuerAndSerialNumber")
        return "issuer_and_serial_number", els[0][1], integer(els[1][2])
    if tag == b"\x80":
        t, s, e = tlv(der, 0, len(der))
        if e != len(der):
            raise ValueError("malformed SubjectKeyIdentifier")
        return ("subject_key_identifier", der[s:e])
    raise ValueError("unknown SignerIdentifier")


@dataclass(frozen=True)
class EssCertId:
    hash_alg: str
    cert_hash: bytes
    issuer_names: tuple[bytes, ...] | None  # directoryName Name DERs of issuerSerial, if given
    serial: int | None


def ess_first(value: bytes, *, v2: bool) -> EssCertId:
    """The first ESSCertID(v2) of a SigningCertificate(V2) attribute value."""
    outer = _elements(value)
    if not outer or outer[0][0] != 0x30 or len(outer) > 2:
        raise ValueError("malformed SigningCertificate")
    certs = _elements(outer[0][1])
    if not certs or certs[0][0] != 0x30:
        raise ValueError("no ESSCertID")
    fields = _elements(certs[0][1])
    alg = "sha1"
    if v2:
        alg = "sha256"
        if fields and fields[0][0] == 0x30:
            alg = digest_alg_name(fields[0][1])
            fields = fields[1:]
    if not fields or fields[0][0] != 0x04:
        raise ValueError("no certHash")
    cert_hash = fields[0][2]
    fields = fields[1:]
    names = serial = None
    if fields:
        if fields[0][0] != 0x30 or len(fields) > 1:
            raise ValueError("malformed issuerSerial")
        iss = _elements(fields[0][1])
        if len(iss) < 2 or iss[0][0] != 0x30 or iss[1][0] != 0x02:
            raise ValueError("malformed issuerSerial")
        names = tuple(_elements(gn)[0][1] for t, gn, _ in _elements(iss[0][1]) if t == 0xA4)
        serial = integer(iss[1][2])
    return EssCertId(alg, cert_hash, names, serial)


@dataclass(frozen=True)
class TSTInfo:
    version: int
    policy: str
    hash_alg_der: bytes
    imprint: bytes
    serial: int
    gen_time_raw: bytes
    accuracy: tuple[int | None, int | None, int | None] | None  # seconds, millis, micros
    nonce: int | None
    tsa: bytes | None  # the GeneralName DER inside [0]


def tst_info(der: bytes) -> TSTInfo:
    els = _elements(der)
    if len(els) < 5:
        raise ValueError("too few fields")
    (t0, _, version), (t1, _, policy), (t2, mi, _), (t3, _, serial), (t4, _, gen) = els[:5]
    if (t0, t1, t2, t3, t4) != (0x02, 0x06, 0x30, 0x02, 0x18):
        raise ValueError("fields of the wrong type")
    imprint = _elements(mi)
    if len(imprint) != 2 or imprint[0][0] != 0x30 or imprint[1][0] != 0x04:
        raise ValueError("malformed messageImprint")
    rest = els[5:]
    accuracy = nonce = tsa = None
    if rest and rest[0][0] == 0x30:
        acc: dict[int, int] = {}
        for t, _, c in _elements(rest[0][1]):
            if t not in (0x02, 0x80, 0x81) or t in acc:
                raise ValueError("malformed accuracy")
            acc[t] = integer(c)
        accuracy = (acc.get(0x02), acc.get(0x80), acc.get(0x81))
        rest = rest[1:]
    if rest and rest[0][0] == 0x01:  # ordering
        rest = rest[1:]
    if rest and rest[0][0] == 0x02:
        nonce = integer(rest[0][2])
        rest = rest[1:]
    if rest and rest[0][0] == 0xA0:
        inner = rest[0][2]
        t, s, e = tlv(inner, 0, len(inner))
        if e != len(inner):
            raise ValueError("malformed tsa")
        tsa = inner
        rest = rest[1:]
    if rest and rest[0][0] == 0xA1:  # extensions
        rest = rest[1:]
    if rest:
        raise ValueError("unexpected fields")
    return TSTInfo(integer(version), oid_dotted(policy), imprint[0][1], imprint[1][2], integer(serial), gen,
                   accuracy, nonce, tsa)


def gen_time(raw: bytes) -> datetime:
    """A GeneralizedTime already checked to be YYYYMMDDhhmmss[.f]Z, as an aware UTC datetime."""
    s = raw.decode("ascii")
    frac = s[15:-1] if s[14:15] == "." else ""
    return datetime(int(s[0:4]), int(s[4:6]), int(s[6:8]), int(s[8:10]), int(s[10:12]), int(s[12:14]),
                    int((frac + "000000")[:6]), tzinfo=timezone.utc)


def names_equal(a: bytes, b: bytes) -> bool:
    """Two X.501 Name encodings name the same: the same bytes, or the same by RFC 5280's
    comparison (asn1crypto, only then)."""
    if a == b:
        return True
    from asn1crypto import x509 as ax509

    return ax509.Name.load(a) == ax509.Name.load(b)
