"""Certification paths for time-stamp verification: from a TSA certificate to a trusted root,
every certificate valid at genTime, each issuer allowed to vouch for a time-stamping key.

Written on top of cryptography's signature primitives rather than its X.509 verifier, which
implements the Web PKI profile at a single "now": that profile rejects the SHA-1 and older
certificates that real TSA chains from before 2019 still carry, and has no time-stamping
purpose. What is checked here: signatures (SHA-1 included: old chains remain evidence of
their time), CA flag and keyCertSign, path length, EKU restricted to other purposes, name
constraints (refused: not a time-stamping hierarchy), unknown critical extensions, validity
at genTime, key sizes (NIST SP 800-131A, judged at genTime); v1 certificates only as the
trusted root. Revocation is not checked.

The certificate set of a token is not signed: anyone can add certificates to it. The search
therefore tries the candidates that can possibly work first (valid at genTime, a CA, the key
identifier the child names), checks each distinct (certificate, issuer key) signature once, and
its budget is large enough that junk cannot hide a real path; the verdict does not depend on
the order of the certificates.
"""

from __future__ import annotations

from datetime import datetime, timezone

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
try:  # the enums alone: the public module also imports the SSH key code (~10 ms at start-up)
    from cryptography.hazmat.primitives._serialization import Encoding, PublicFormat
except ImportError:  # pragma: no cover - a cryptography that moved them
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

_SPKI = PublicFormat.SubjectPublicKeyInfo

from .trust import TrustStore

MAX_CHAIN_DEPTH = 8


def _time(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


def _subject(cert: x509.Certificate) -> str:
    try:
        cn = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        if cn:
            return str(cn[0].value)
    except Exception:  # noqa: BLE001 - a strange name is not a reason to fail
        pass
    return cert.subject.rfc4514_string()


def _valid_at(cert: x509.Certificate, when: datetime) -> bool:
    return cert.not_valid_before_utc <= when <= cert.not_valid_after_utc


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


# Extensions whose meaning this path validation knows; any other critical one refuses the path.
_KNOWN_EXTENSIONS = {
    x509.oid.ExtensionOID.BASIC_CONSTRAINTS, x509.oid.ExtensionOID.KEY_USAGE,
    x509.oid.ExtensionOID.EXTENDED_KEY_USAGE, x509.oid.ExtensionOID.SUBJECT_KEY_IDENTIFIER,
    x509.oid.ExtensionOID.AUTHORITY_KEY_IDENTIFIER, x509.oid.ExtensionOID.CERTIFICATE_POLICIES,
    x509.oid.ExtensionOID.SUBJECT_ALTERNATIVE_NAME, x509.oid.ExtensionOID.ISSUER_ALTERNATIVE_NAME,
    x509.oid.ExtensionOID.CRL_DISTRIBUTION_POINTS, x509.oid.ExtensionOID.AUTHORITY_INFORMATION_ACCESS,
    x509.oid.ExtensionOID.NAME_CONSTRAINTS, x509.oid.ExtensionOID.POLICY_CONSTRAINTS,
    x509.oid.ExtensionOID.INHIBIT_ANY_POLICY, x509.oid.ExtensionOID.POLICY_MAPPINGS,
    x509.oid.ExtensionOID.FRESHEST_CRL, x509.oid.ExtensionOID.SUBJECT_INFORMATION_ACCESS,
}
_ANY_EKU = x509.ObjectIdentifier("2.5.29.37.0")
_OTHER_PURPOSES = {
    x509.oid.ExtendedKeyUsageOID.SERVER_AUTH, x509.oid.ExtendedKeyUsageOID.CLIENT_AUTH,
    x509.oid.ExtendedKeyUsageOID.CODE_SIGNING, x509.oid.ExtendedKeyUsageOID.EMAIL_PROTECTION,
    x509.oid.ExtendedKeyUsageOID.OCSP_SIGNING, x509.ObjectIdentifier("1.3.6.1.5.5.7.3.5"),
    x509.ObjectIdentifier("1.3.6.1.5.5.7.3.6"), x509.ObjectIdentifier("1.3.6.1.5.5.7.3.7"),
}


def _issuer_problem(issuer: x509.Certificate, *, is_anchor: bool, below: int) -> str | None:
    """Why ``issuer`` may not issue the certificate under it, or None. ``below`` counts the
    CA certificates between it and the TSA certificate (for pathLenConstraint)."""
    name = f"\u201c{_subject(issuer)}\u201d"
    if issuer.version == x509.Version.v1:
        # Old v1 roots carry no extensions at all (the VeriSign class 3 era); a v1
        # certificate is accepted as an issuer only as the trusted root itself.
        return None if is_anchor else f"{name} is an old (v1) certificate that is not a trusted root."
    try:
        exts = issuer.extensions
    except (ValueError, x509.DuplicateExtension) as exc:
        return f"{name} has malformed extensions ({exc})."
    try:
        bc = exts.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return f"{name} is not allowed to issue certificates (not a CA)."
    if not bc.ca:
        return f"{name} is not allowed to issue certificates (not a CA)."
    if bc.path_length is not None and below > bc.path_length and not is_anchor:
        return f"{name} may not have this many CAs under it (path length constraint)."
    try:
        if not exts.get_extension_for_class(x509.KeyUsage).value.key_cert_sign:
            return f"{name} is not allowed to sign certificates (key usage)."
    except x509.ExtensionNotFound:
        pass
    if is_anchor:
        return None  # a trust anchor's own constraints are the user's decision to trust it
    try:
        ekus = set(exts.get_extension_for_class(x509.ExtendedKeyUsage).value)
        # A CA restricted to web, e-mail or code-signing purposes is not a time-stamping
        # hierarchy. Document-signing hierarchies (Adobe's AATL/CDS, whose CA names only
        # Adobe's document OID) have long carried TSAs, and OpenSSL accepts them: so do we.
        if (x509.oid.ExtendedKeyUsageOID.TIME_STAMPING not in ekus and _ANY_EKU not in ekus
                and ekus and ekus <= _OTHER_PURPOSES):
            return f"{name} is limited to other purposes than time-stamping (extended key usage)."
    except x509.ExtensionNotFound:
        pass
    for ext in exts:
        if ext.oid == x509.oid.ExtensionOID.NAME_CONSTRAINTS:
            # Checking names against constraints is not done here; a constrained CA is a CA
            # for someone's own names, not a time-stamping hierarchy: refuse (fail closed).
            return f"{name} is a name-constrained CA; ProofKit does not accept time stamps through it."
        if ext.critical and ext.oid not in _KNOWN_EXTENSIONS:
            return f"{name} carries a critical extension ProofKit does not understand ({ext.oid.dotted_string})."
    return None


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Whether ``issuer`` signed ``cert``. Written out rather than
    ``verify_directly_issued_by`` because that refuses SHA-1 certificate signatures, which
    TSA chains issued before about 2019 carry (they remain evidence of their time)."""
    if cert.issuer != issuer.subject:
        return False
    key = issuer.public_key()
    try:
        params = cert.signature_algorithm_parameters
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(cert.signature, cert.tbs_certificate_bytes, params, cert.signature_hash_algorithm)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(cert.signature, cert.tbs_certificate_bytes, params)
        elif isinstance(key, (ed25519.Ed25519PublicKey, ed448.Ed448PublicKey)):
            key.verify(cert.signature, cert.tbs_certificate_bytes)
        else:
            return False
    except (InvalidSignature, ValueError, TypeError, x509.UnsupportedGeneralNameType):
        return False
    except Exception:  # noqa: BLE001 - an unsupported algorithm means "not this issuer"
        return False
    return True


#: Distinct signature checks one path search may spend: real chains need a handful; a token
#: stuffed with look-alike certificates must not turn verification into an exponential search,
#: yet hundreds of junk certificates must not hide the real path either (about 0.1 ms each).
MAX_PATH_CHECKS = 2048

#: NIST SP 800-131A: from 2014 on, RSA (and DSA) below 2048 bits and elliptic curves below
#: 256 bits are disallowed for signatures. Older time stamps keep their value with a warning;
#: below 1024 bits (160 for curves) a key means nothing at any date.
NIST_2014 = datetime(2014, 1, 1, tzinfo=timezone.utc)
_CURVES = {"secp192r1": "P-192", "secp224r1": "P-224", "secp256r1": "P-256", "secp384r1": "P-384",
           "secp521r1": "P-521"}


def key_strength(cert: x509.Certificate, when: datetime) -> tuple[str | None, str | None]:
    """(why the key is refused at ``when``, or None; a warning when accepted but weak, or None)."""
    try:
        key = cert.public_key()
    except Exception:  # noqa: BLE001 - an unreadable key: the signature checks will say so
        return None, None
    if isinstance(key, (rsa.RSAPublicKey, dsa.DSAPublicKey)):
        bits = key.key_size
        label = f"{'RSA' if isinstance(key, rsa.RSAPublicKey) else 'DSA'}-{bits}"
        broken, weak = bits < 1024, bits < 2048
    elif isinstance(key, ec.EllipticCurvePublicKey):
        bits = key.curve.key_size
        label = _CURVES.get(key.curve.name, key.curve.name)
        broken, weak = bits < 160, bits < 256
    else:
        return None, None  # Ed25519 / Ed448: strong
    who = f"\u201c{_subject(cert)}\u201d"
    if broken:
        return f"The key of {who} ({label}) is far too weak to mean anything; refused at any date.", None
    if weak and when >= NIST_2014:
        return (f"The key of {who} ({label}) is too weak for a time stamp dated after 2013 "
                "(NIST SP 800-131A: RSA-2048 or P-256 at least); whoever breaks it could date stamps at will."), None
    if weak:
        return None, (f"The key of {who} is {label}, weak by today's standards; it was acceptable when this "
                      "stamp was made (before 2014), so the stamp is weaker evidence but still evidence.")
    return None, None


def _key_id(cert: x509.Certificate, cls) -> bytes | None:
    try:
        ext = cert.extensions.get_extension_for_class(cls).value
        return ext.key_identifier if cls is x509.AuthorityKeyIdentifier else ext.digest
    except Exception:  # noqa: BLE001 - absent or malformed: no hint
        return None


def _viability(cert: x509.Certificate, issuer: x509.Certificate, when: datetime) -> int:
    """0 for a candidate issuer that can work, higher for less likely ones (tried later)."""
    score = 0
    aki = _key_id(cert, x509.AuthorityKeyIdentifier)
    if aki is not None and _key_id(issuer, x509.SubjectKeyIdentifier) not in (None, aki):
        score += 4
    try:
        if not _valid_at(issuer, when):
            score += 2
    except Exception:  # noqa: BLE001
        score += 2
    try:
        if issuer.version != x509.Version.v1 and not _is_ca(issuer):
            score += 1
    except Exception:  # noqa: BLE001
        score += 1
    return score


def _build_path(signer: x509.Certificate, pool: list[x509.Certificate], trust: TrustStore, when: datetime):
    """Depth-first search from the signer to a trust anchor. Returns (path, anchor, problem)."""
    if not _valid_at(signer, when):
        return [], None, (f"The TSA's certificate was not valid at the time of the stamp ({_time(when)}): "
                          f"it is valid from {_time(signer.not_valid_before_utc)} to {_time(signer.not_valid_after_utc)}.")
    problems: list[str] = []
    budget = [MAX_PATH_CHECKS]
    dead_ends: set[bytes] = set()  # certificates already shown to lead nowhere
    signed_by: dict[tuple[bytes, bytes], bool] = {}  # (certificate, issuer key) -> signature holds

    def issuers_of(cert: x509.Certificate):
        out = [(a.cert, a) for a in trust.anchors_named(cert.issuer)]
        seen = set()
        others = []
        for c in pool:
            try:
                if c.subject != cert.issuer:
                    continue
            except Exception:  # noqa: BLE001 - junk anyone may add to a token: not a candidate
                continue
            der = c.public_bytes(Encoding.DER)
            if der not in seen:  # the same certificate twice is one candidate
                seen.add(der)
                others.append((c, trust.find_same(c)))
        # Candidates that can work first; ties keep a fixed order that does not depend on
        # the order the token lists its certificates in.
        others.sort(key=lambda ca: (ca[1] is None, _viability(cert, ca[0], when), ca[0].public_bytes(Encoding.DER)))
        return out + others

    def issued_by(cert: x509.Certificate, cert_der: bytes, issuer: x509.Certificate) -> bool | None:
        try:
            key = issuer.public_key().public_bytes(Encoding.DER, _SPKI)
        except Exception:  # noqa: BLE001 - an unreadable key issues nothing
            return False
        k = (cert_der, key)
        if k not in signed_by:
            if budget[0] <= 0:
                return None
            budget[0] -= 1
            signed_by[k] = _issued_by(cert, issuer)
        return signed_by[k]

    def walk(cert: x509.Certificate, path: list[x509.Certificate], depth: int):
        if depth > MAX_CHAIN_DEPTH:
            return None
        # The certificate itself may be trusted (a user trusting a TSA certificate directly).
        if depth == 0:
            same = trust.find_same(cert)
            if same is not None:
                return path, same
        cert_der = cert.public_bytes(Encoding.DER)
        for issuer, anchor in issuers_of(cert):
            if any(issuer == p for p in path):
                continue
            issuer_der = issuer.public_bytes(Encoding.DER)
            if anchor is None and issuer_der in dead_ends:
                continue
            ok = issued_by(cert, cert_der, issuer)
            if ok is None:
                problems.append("The token carries too many candidate certificates to check.")
                return None
            if not ok:
                continue
            problem = _issuer_problem(issuer, is_anchor=anchor is not None, below=depth)
            if problem:
                problems.append(problem)
                continue
            if not _valid_at(issuer, when):
                problems.append(f"\u201c{_subject(issuer)}\u201d was not valid at the time of the stamp ({_time(when)}).")
                continue
            refused, _ = key_strength(issuer, when)
            if refused:
                problems.append(refused)
                continue
            if anchor is not None:
                return path + [issuer], anchor
            if issuer.subject == issuer.issuer:
                continue  # an embedded self-signed root we do not trust
            found = walk(issuer, path + [issuer], depth + 1)
            if found:
                return found
            dead_ends.add(issuer_der)
        return None

    found = walk(signer, [signer], 0)
    if found:
        return found[0], found[1], ""
    if problems:
        return [], None, problems[0]
    return [], None, ("The TSA's certificate does not lead to any trusted root: this TSA is not trusted here. "
                      "If you trust it, add its root with --trust FILE.pem.")
