"""The checks of a time-stamp token that hold no state of the verifier's: the signer looked
up by its identifier, the signature, the signing-certificate binding (ESSCertID), the TSA
certificate's purpose and key, the imprint, genTime against the clock, and the parsing of
algorithms and accuracy they need. ``verifier.py`` runs them in order (and caches their
results); each returns a ``Check`` or the value it read."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from . import der as _der
from .chain import _KNOWN_EXTENSIONS, Encoding, _is_ca, _subject, _time, key_strength
from .hashing import ALGORITHMS as IMPRINT_ALGORITHMS
from .tsp import tlv
from .verdict import CLOCK_TOLERANCE, FUTURE_SKEW, Check, Verdict, general_name_text

HASHES = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
    "sm3": hashes.SM3,
}


def digest_of(name: str, data: bytes) -> bytes:
    """The ``name`` digest (a hashlib name) of ``data``."""
    return hashlib.new(name, data).digest()


class UnsupportedAlgorithm(Exception):
    """A hash or signature algorithm ProofKit does not accept (the message says which)."""


def check_gen_time(v: Verdict, requested_at: datetime | None, answered_at: datetime | None,
                   now: datetime | None) -> list[Check]:
    """The ``gen_time`` check (the rule for every path: stamp, verify FILE, ledger check,
    export, bundles): not in the future; within CLOCK_TOLERANCE of when it was asked."""
    gen = v.gen_time
    if gen is None:
        return []
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    accuracy = v.accuracy or timedelta(0)
    if gen - accuracy > now + FUTURE_SKEW:
        return [Check("gen_time", False,
                      f"The TSA dated this stamp {_time(gen)}, later than now ({_time(now)}): a genuine TSA "
                      "cannot do that, so its clock (or this computer's) is wrong; the stamp is not proof.")]
    if requested_at is None:
        return []
    requested_at = requested_at.astimezone(timezone.utc)
    answered = (answered_at or now).astimezone(timezone.utc)
    if not (requested_at - CLOCK_TOLERANCE <= gen <= answered + CLOCK_TOLERANCE):
        return [Check("gen_time", False,
                      f"The TSA dated this stamp {gen:%Y-%m-%d %H:%M} UTC, but it was asked at "
                      f"{requested_at:%Y-%m-%d %H:%M} UTC: its clock is wrong, so the stamp is not proof.")]
    return [Check("gen_time", True, f"Dated when it was asked ({requested_at:%Y-%m-%d %H:%M} UTC), "
                                    "within the tolerated clock difference.")]


def find_signers(sid: tuple, pool: list[x509.Certificate]) -> list[x509.Certificate]:
    """Every distinct certificate of ``pool`` that the SignerIdentifier ``sid`` (as read by
    ``_der.signer_identifier``) matches."""
    out: dict[bytes, x509.Certificate] = {}
    if sid[0] == "issuer_and_serial_number":
        _, issuer_der, serial = sid
        for c in pool:
            try:  # a damaged certificate anyone added to the token is not a candidate
                if c.serial_number != serial:
                    continue
                # The very same encoding, or the same name by RFC 5280's rules (case and space
                # folding), so a PrintableString vs UTF8String re-encoding does not hide the signer.
                if _der.names_equal(c.issuer.public_bytes(), issuer_der):
                    out.setdefault(c.public_bytes(Encoding.DER), c)
            except Exception:  # noqa: BLE001
                continue
        return list(out.values())
    ski = sid[1]
    for c in pool:
        try:
            if c.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest == ski:
                out.setdefault(c.public_bytes(Encoding.DER), c)
        except Exception:  # noqa: BLE001 - no (readable) key identifier: not this one
            continue
    return list(out.values())


def accuracy_of(acc: tuple | None) -> timedelta | None:
    """TSTInfo.accuracy (seconds, millis, micros) as a timedelta (None when absent); millis and
    micros must be 1..999."""
    if acc is None:
        return None
    seconds, millis, micros = acc
    if seconds is not None and seconds < 0:
        raise ValueError("its accuracy is negative")
    for label, value in (("millis", millis), ("micros", micros)):
        if value is not None and not 1 <= value <= 999:
            raise ValueError(f"its accuracy has {label} {value}, outside 1..999")
    return timedelta(seconds=seconds or 0, milliseconds=millis or 0, microseconds=micros or 0)


def set_of_sorted(signed_attrs: bytes) -> bool:
    """Whether the signed attributes are in DER's SET OF order (ascending encodings)."""
    from .tsp import children

    _, s, e = tlv(signed_attrs, 0, len(signed_attrs))
    encodings = [signed_attrs[c[1]:c[3]] for c in children(signed_attrs, s, e)]
    return encodings == sorted(encodings)


def tsa_name_problem(gn_der: bytes, signer: x509.Certificate) -> str | None:
    """Why TSTInfo.tsa does not name the signing certificate (RFC 3161 §2.4.2), or None.
    Names are compared as RFC 5280 compares them, not byte for byte."""
    if gn_der[:1] == b"\xa4":  # directoryName: the usual case is the subject, byte for byte
        _, s, e = tlv(gn_der, 0, len(gn_der))
        if gn_der[s:e] == signer.subject.public_bytes():
            return None
    from asn1crypto import x509 as ax509

    gn = ax509.GeneralName.load(gn_der)
    said = general_name_text(gn_der) or "another name"
    cert = ax509.Certificate.load(signer.public_bytes(Encoding.DER))
    names = []
    if gn.name == "directory_name":
        names.append(ax509.GeneralName(name="directory_name", value=cert.subject))
    names += list(cert.subject_alt_name_value or [])
    for n in names:
        if n.name != gn.name:
            continue
        if n.name == "directory_name":
            if n.chosen == gn.chosen:
                return None
        elif str(n.native).lower() == str(gn.native).lower():
            return None
    return (f"The token says it is from \u201c{said}\u201d, but it is signed by \u201c{_subject(signer)}\u201d, "
            "a certificate that does not bear that name.")


def digest_alg_name(raw: bytes) -> str:
    try:
        return _der.digest_alg_name(raw)
    except ValueError:
        from asn1crypto import algos

        return str(algos.DigestAlgorithm.load(raw, strict=True)["algorithm"].native)


def signature_alg(raw: bytes) -> tuple[str, str | None, tuple | None]:
    """(algorithm, hash name or None, PSS parameters or None) of a SignatureAlgorithm."""
    known = _der.signature_alg(raw)
    if known is not None:
        return known
    from asn1crypto import algos

    alg = algos.SignedDigestAlgorithm.load(raw, strict=True)
    algo = alg.signature_algo
    try:
        hash_name = alg.hash_algo
    except ValueError:
        hash_name = None  # rsaEncryption alone: the digest algorithm decides
    pss = None
    if algo == "rsassa_pss":
        params = alg["parameters"]
        pss = (params["hash_algorithm"]["algorithm"].native,
               params["mask_gen_algorithm"]["parameters"]["algorithm"].native,
               params["salt_length"].native)
    return algo, hash_name, pss


def verify_signature(cert: x509.Certificate, sig_alg: tuple, signature: bytes, signed_bytes: bytes,
                     digest_name: str) -> None:
    algo, hash_name, pss = sig_alg
    key = cert.public_key()
    hash_name = hash_name or digest_name
    if hash_name not in HASHES:
        raise UnsupportedAlgorithm(f"The token is signed with an unsupported hash ({hash_name}).")
    h = HASHES[hash_name]()
    if algo == "rsassa_pkcs1v15":
        if not isinstance(key, rsa.RSAPublicKey):
            raise InvalidSignature
        key.verify(signature, signed_bytes, padding.PKCS1v15(), h)
    elif algo == "rsassa_pss":
        if not isinstance(key, rsa.RSAPublicKey):
            raise InvalidSignature
        h = HASHES.get(pss[0], hashes.SHA1)()
        mgf_hash = HASHES.get(pss[1], hashes.SHA1)()
        key.verify(signature, signed_bytes, padding.PSS(mgf=padding.MGF1(mgf_hash), salt_length=pss[2]), h)
    elif algo == "ecdsa":
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise InvalidSignature
        key.verify(signature, signed_bytes, ec.ECDSA(h))
    else:
        raise UnsupportedAlgorithm(f"The token uses a signature algorithm ProofKit does not accept ({algo}).")


def check_ess(raw: tuple, signer: x509.Certificate) -> Check:
    """ESSCertIDv2 and/or ESSCertID (RFC 5035 / RFC 2634): each present must name the signer —
    its hash, and when given its issuer name and serial; one attribute of each kind at most."""
    name = "signing_certificate_binding"
    signer_der = signer.public_bytes(Encoding.DER)
    v1, v2 = raw
    if not v1 and not v2:
        return Check(name, False, "The signature does not name the TSA certificate (no signing-certificate attribute).")
    if len(v1) > 1 or len(v2) > 1 or any(len(values) != 1 for values in v1 + v2):
        return Check(name, False, "The token carries more than one signing-certificate attribute of a kind; "
                                  "which certificate it names is ambiguous.")
    labels = []
    try:
        for values, v2_kind in ((v2, True), (v1, False)):
            if not values:
                continue
            first = _der.ess_first(values[0][0], v2=v2_kind)
            alg = first.hash_alg
            label = f"ESSCertIDv2, {alg}" if v2_kind else "ESSCertID, sha1"
            if alg not in HASHES:
                return Check(name, False, f"Unsupported hash in the signing-certificate attribute ({alg}).")
            if digest_of(alg, signer_der) != first.cert_hash:
                return Check(name, False, f"The signature names a different TSA certificate than the one found ({label}): "
                                          "a certificate was swapped.")
            if first.serial is not None:
                if first.serial != signer.serial_number:
                    return Check(name, False, f"The signing-certificate attribute ({label}) names another serial number.")
                issuer = signer.issuer.public_bytes()
                if not any(_der.names_equal(n, issuer) for n in first.issuer_names or ()):
                    return Check(name, False, f"The signing-certificate attribute ({label}) names another issuer "
                                              "than the certificate's.")
            labels.append(label)
    except Exception as exc:  # noqa: BLE001
        return Check(name, False, f"The signing-certificate attribute is malformed ({exc}).")
    return Check("signing_certificate_binding", True,
                 f"The signature names exactly this TSA certificate ({' and '.join(labels)}).")


def check_tsa_cert(cert: x509.Certificate, when: datetime) -> tuple[Check, str | None]:
    """(the tsa_certificate check, a warning for a key weak but acceptable at ``when``)."""
    refused, warning = key_strength(cert, when)
    if refused:
        return Check("tsa_certificate", False, refused), None
    return _check_tsa_purpose(cert), warning


def _check_tsa_purpose(cert: x509.Certificate) -> Check:
    try:
        ext = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
        unknown = [e.oid.dotted_string for e in cert.extensions if e.critical and e.oid not in _KNOWN_EXTENSIONS]
    except x509.ExtensionNotFound:
        return Check("tsa_certificate", False, "The certificate is not a time-stamping certificate (it has no time-stamping purpose).")
    except ValueError as exc:
        return Check("tsa_certificate", False, f"The certificate's extensions are malformed ({exc}).")
    if unknown:
        # RFC 5280 §4.2: a certificate with a critical extension the verifier does not
        # understand must be rejected.
        return Check("tsa_certificate", False,
                     f"The certificate carries a critical extension ProofKit does not understand ({unknown[0]}).")
    usages = list(ext.value)
    if usages != [ExtendedKeyUsageOID.TIME_STAMPING]:
        if ExtendedKeyUsageOID.TIME_STAMPING not in usages:
            return Check("tsa_certificate", False, "The certificate is not a time-stamping certificate (it lacks the time-stamping purpose).")
        return Check("tsa_certificate", False, "The certificate allows other purposes besides time-stamping, which RFC 3161 forbids.")
    if not ext.critical:
        return Check("tsa_certificate", False, "The certificate's time-stamping purpose is not marked critical, as RFC 3161 requires.")
    if _is_ca(cert):
        return Check("tsa_certificate", False, "The signing certificate is a CA certificate, not a TSA's own certificate.")
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        if not (ku.digital_signature or ku.content_commitment):
            return Check("tsa_certificate", False, "The certificate's key may not be used for signatures (key usage).")
    except x509.ExtensionNotFound:
        pass
    return Check("tsa_certificate", True, "A time-stamping certificate (critical EKU: timeStamping only; not a CA).")


def check_imprint(v: Verdict, file_path, digest: bytes | None, digest_alg: str | None) -> Check:
    alg = v.hash_alg or "?"
    if alg == "sha1":
        return Check("imprint", False, "The time stamp is over a SHA-1 digest, which is too weak to identify a file; it is refused.")
    if alg not in IMPRINT_ALGORITHMS:
        return Check("imprint", False, f"The time stamp uses an unsupported digest algorithm ({alg}).")
    size = hashlib.new(alg).digest_size
    if v.imprint is None or len(v.imprint) != size:
        return Check("imprint", False, f"The stamped {alg} digest has {len(v.imprint or b'')} bytes; a {alg} digest has "
                                       f"{size}: the time stamp is malformed.")
    if file_path is not None:
        from .hashing import hash_file

        actual = hash_file(Path(file_path), alg).digest
        what = "the file"
    elif digest is not None:
        if digest_alg and digest_alg != alg:
            return Check("imprint", False, f"The time stamp is over a {alg} digest, but a {digest_alg} digest was given.")
        actual = digest
        what = "the digest given"
    else:
        return Check("imprint", False, "No file or digest was given to compare with the time stamp.")
    if actual != v.imprint:
        return Check("imprint", False, f"The time stamp is for a different file: {what} does not match the stamped {alg} digest.")
    return Check("imprint", True, f"The time stamp is for exactly this content ({alg} {actual.hex()[:16]}…).")

