"""Hand-built RFC 3161 tokens for the verifier's tests (issue 12): every byte under the test's
control, so each class of wrong verdict can be built exactly. asn1crypto for the parts that are
plain DER, raw TLV concatenation where a test needs a departure from DER (indefinite lengths,
SET OF order, genTime encodings, duplicate attributes). The PKI is built once per session."""

from __future__ import annotations

import hashlib
import subprocess
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from asn1crypto import algos, cms as a_cms, core as a_core, tsp as a_tsp, x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from proofkit.core.trust import TrustStore

DIGEST = hashlib.sha256(b"a chapter of a web novel").digest()
START = datetime(2000, 1, 1, tzinfo=timezone.utc)
END = datetime(2099, 1, 1, tzinfo=timezone.utc)


def name(cn: str, *, printable: bool = False) -> x509.Name:
    attr = x509.NameAttribute(NameOID.COMMON_NAME, cn, _type=x509.name._ASN1Type.PrintableString) if printable \
        else x509.NameAttribute(NameOID.COMMON_NAME, cn)
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Craft Test"), attr])


def rsa_key(bits: int = 2048):
    if bits >= 1024:
        return rsa.generate_private_key(65537, bits)
    pem = subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}"],
                         check=True, capture_output=True).stdout
    return serialization.load_pem_private_key(pem, None, unsafe_skip_rsa_key_validation=True)


def ec_key(curve=ec.SECP256R1):
    return ec.generate_private_key(curve())


def cert(subject: x509.Name, key, issuer: x509.Name, issuer_key, *, ca: bool, tsa: bool = False,
         serial: int | None = None, extra=(), ski: bytes | None = None, not_before=START, not_after=END):
    pub = key.public_key()
    b = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(pub)
         .serial_number(serial or x509.random_serial_number()).not_valid_before(not_before).not_valid_after(not_after)
         .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
         .add_extension(x509.SubjectKeyIdentifier(ski) if ski else x509.SubjectKeyIdentifier.from_public_key(pub),
                        critical=False))
    if ca:
        b = b.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
    if tsa:
        b = b.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        b = b.add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
    for ext, crit in extra:
        b = b.add_extension(ext, critical=crit)
    return b.sign(issuer_key, hashes.SHA256())


class PKI:
    """root (P-256) -> intermediate (P-256) -> TSA (RSA-2048); trusted: the root."""

    def __init__(self) -> None:
        self.root_key = ec_key()
        self.root = cert(name("Craft Root"), self.root_key, name("Craft Root"), self.root_key, ca=True)
        self.inter_key = ec_key()
        self.inter = cert(name("Craft Intermediate"), self.inter_key, self.root.subject, self.root_key, ca=True)
        self.tsa_key = rsa_key(2048)
        self.tsa = self.issue_tsa(self.tsa_key)
        self.trust = TrustStore()
        self.trust.add(self.root, "test")

    def issue_tsa(self, key, *, cn="Craft TSA", issuer=None, issuer_key=None, **kw):
        return cert(name(cn), key, (issuer or self.inter).subject, issuer_key or self.inter_key,
                    ca=False, tsa=True, **kw)


# ------------------------------------------------------------------ DER/BER pieces
def length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag: int, content: bytes, *, indefinite: bool = False) -> bytes:
    if indefinite:
        return bytes([tag, 0x80]) + content + b"\x00\x00"
    return bytes([tag]) + length(len(content)) + content


def contents(der: bytes) -> bytes:
    """The contents of a definite-length DER element (its header cut off)."""
    n = der[1]
    return der[2:] if n < 0x80 else der[2 + (n & 0x7F):]


def der_int(n: int) -> bytes:
    return a_core.Integer(n).dump()


def oid(dotted: str) -> bytes:
    return a_core.ObjectIdentifier(dotted).dump()


def attribute(type_oid: str, *values: bytes) -> bytes:
    return tlv(0x30, oid(type_oid) + tlv(0x31, b"".join(sorted(values))))


OID_CT, OID_MD = "1.2.840.113549.1.9.3", "1.2.840.113549.1.9.4"
OID_SC, OID_SC2 = "1.2.840.113549.1.9.16.2.12", "1.2.840.113549.1.9.16.2.47"
OID_TSTINFO, OID_SD = "1.2.840.113549.1.9.16.1.4", "1.2.840.113549.1.7.2"


def gen_time_now(delta=timedelta(hours=-1)) -> bytes:
    return (datetime.now(timezone.utc) + delta).strftime("%Y%m%d%H%M%SZ").encode()


def issuer_serial(c: x509.Certificate, issuer_name: x509.Name | None = None, serial: int | None = None) -> dict:
    n = a_x509.Name.load((issuer_name or c.issuer).public_bytes())
    return {"issuer": [a_x509.GeneralName(name="directory_name", value=n)],
            "serial_number": c.serial_number if serial is None else serial}


def ess_v2(c: x509.Certificate, *, with_issuer_serial=True, **kw) -> bytes:
    entry = {"hash_algorithm": {"algorithm": "sha256"},
             "cert_hash": hashlib.sha256(c.public_bytes(serialization.Encoding.DER)).digest()}
    if with_issuer_serial:
        entry["issuer_serial"] = issuer_serial(c, **kw)
    return attribute(OID_SC2, a_tsp.SigningCertificateV2({"certs": [entry]}).dump())


def ess_v1(c: x509.Certificate, *, with_issuer_serial=True, **kw) -> bytes:
    entry = {"cert_hash": hashlib.sha1(c.public_bytes(serialization.Encoding.DER)).digest()}
    if with_issuer_serial:
        entry["issuer_serial"] = issuer_serial(c, **kw)
    return attribute(OID_SC, a_tsp.SigningCertificate({"certs": [entry]}).dump())


@dataclass
class Token:
    """Everything a test may change; ``build()`` gives the TimeStampResp (or bare token)."""

    pki: PKI
    digest: bytes = DIGEST
    imprint_alg: str = "sha256"
    gen_time: bytes = field(default_factory=gen_time_now)  # GeneralizedTime contents, as encoded
    version: int = 1
    accuracy: dict | None = None
    tsa_name: a_x509.GeneralName | None = None
    nonce: int | None = None
    signer: x509.Certificate | None = None
    signer_key: object = None
    certs: list | None = None  # embedded certificates, in order (default: TSA, intermediate)
    sid: str = "issuer_serial"  # or "ski"
    ess: list[bytes] | None = None  # signing-certificate attribute(s) (default: v2 naming the signer)
    attrs_order: object = None  # f(list of attribute DER) -> list, the order sent (default sorted)
    outer_ber: bool = False  # indefinite lengths in TimeStampResp, ContentInfo, SignedData...
    response: bool = True

    def tst_info(self) -> bytes:
        fields = [der_int(1), oid("1.2.3.4.1"),
                  a_tsp.MessageImprint({"hash_algorithm": {"algorithm": self.imprint_alg},
                                        "hashed_message": self.digest}).dump(),
                  der_int(4242), tlv(0x18, self.gen_time)]
        if self.accuracy is not None:
            fields.append(a_tsp.Accuracy(self.accuracy).dump())
        if self.nonce is not None:
            fields.append(der_int(self.nonce))
        if self.tsa_name is not None:
            fields.append(tlv(0xA0, self.tsa_name.dump()))  # tsa [0] EXPLICIT GeneralName
        body = b"".join(fields)
        if self.version != 1:
            body = der_int(self.version) + body[len(der_int(1)):]
        return tlv(0x30, body)

    def build(self) -> bytes:
        pki = self.pki
        signer = self.signer or pki.tsa
        key = self.signer_key or pki.tsa_key
        tst = self.tst_info()
        attrs = [attribute(OID_CT, oid(OID_TSTINFO)),
                 attribute(OID_MD, tlv(0x04, hashlib.sha256(tst).digest()))]
        attrs += self.ess if self.ess is not None else [ess_v2(signer)]
        attrs = self.attrs_order(attrs) if self.attrs_order else sorted(attrs)
        signed = tlv(0x31, b"".join(attrs))
        if isinstance(key, rsa.RSAPrivateKey):
            sig = key.sign(signed, padding.PKCS1v15(), hashes.SHA256())
            sig_alg = algos.SignedDigestAlgorithm({"algorithm": "sha256_rsa"}).dump()
        else:
            sig = key.sign(signed, ec.ECDSA(hashes.SHA256()))
            sig_alg = algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}).dump()
        if self.sid == "ski":
            ski = signer.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
            sid, si_version = tlv(0x80, ski), 3
        else:
            sid = a_cms.IssuerAndSerialNumber({"issuer": a_x509.Name.load(signer.issuer.public_bytes()),
                                               "serial_number": signer.serial_number}).dump()
            si_version = 1
        dalg = algos.DigestAlgorithm({"algorithm": "sha256"}).dump()
        ber = self.outer_ber
        signer_info = tlv(0x30, der_int(si_version) + sid + dalg + tlv(0xA0, contents(signed))
                          + sig_alg + tlv(0x04, sig), indefinite=ber)
        certs = self.certs if self.certs is not None else [signer, pki.inter]
        cert_der = b"".join(c.public_bytes(serialization.Encoding.DER) for c in certs)
        econtent = tlv(0x30, oid(OID_TSTINFO) + tlv(0xA0, tlv(0x04, tst), indefinite=ber), indefinite=ber)
        sd = tlv(0x30, der_int(3) + tlv(0x31, dalg) + econtent + (tlv(0xA0, cert_der, indefinite=ber) if certs else b"")
                 + tlv(0x31, signer_info, indefinite=ber), indefinite=ber)
        token = tlv(0x30, oid(OID_SD) + tlv(0xA0, sd, indefinite=ber), indefinite=ber)
        if not self.response:
            return token
        return tlv(0x30, tlv(0x30, der_int(0)) + token, indefinite=ber)
