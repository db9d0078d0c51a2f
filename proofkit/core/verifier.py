"""ProofKit's own RFC 3161 verifier, over the raw bytes.

A time stamp is valid only when every check below holds. Each check has a stable name (used
in ``--json`` and in evidence bundles) and a sentence a non-expert understands:

  status             the TSA granted the request and sent a token
  structure          CMS SignedData, exactly one SignerInfo, eContentType id-ct-TSTInfo; the
                     TSTInfo in DER, version 1, genTime as RFC 3161 encodes it (UTC "Z",
                     seconds, no trailing zeros), a valid accuracy (BER indefinite lengths
                     are accepted in the outer layers only)
  content_type       the signed content-type attribute is present and says TSTInfo
  message_digest     the signed message-digest attribute matches the TSTInfo bytes
  signer_certificate the signing certificate is found (issuer+serial or key identifier); every
                     certificate that matches is tried (the certificate set is unsigned)
  signature          the signature over the signed attributes (DER), exactly as received
  signing_certificate_binding  ESSCertID (SHA-1) and/or ESSCertIDv2 name that certificate
                     (hash, and issuer name and serial when given); one attribute of each kind
  tsa_certificate    critical EKU of only id-kp-timeStamping, not a CA, no unknown critical
                     extension, a key strong enough at genTime (NIST SP 800-131A), and the
                     TSTInfo's tsa name, when present, is this certificate's
  chain              a path to a trusted root, every certificate valid at genTime, keys strong
                     enough at genTime
  imprint            the stamped digest equals the file's (SHA-1 imprints refused), its length
                     that of its algorithm
  nonce              the nonce equals the one we sent (when we sent one)
  gen_time           genTime is not in the future (beyond its accuracy and a small clock
                     skew) and, for a receipt whose request time is known, within a day of
                     when it was asked (a backdating TSA would fake priority)

Signatures use ``cryptography``; the certification path is built in ``chain.py``.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import warnings
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import ExtendedKeyUsageOID

from .errors import ProofKitError, TokenFormatError
from . import der as _der
from .hashing import ALGORITHMS as IMPRINT_ALGORITHMS
from .tsp import der_problem, tlv
from .chain import _KNOWN_EXTENSIONS, Encoding, NIST_2014, _build_path, _is_ca, _subject, _time, _valid_at, key_strength
from .trust import TrustAnchor, TrustStore

_OID_TSTINFO = bytes.fromhex("2a864886f70d0109100104")
_TSTINFO_OID_DER = b"\x06\x0b" + _OID_TSTINFO
_OID_CONTENT_TYPE = bytes.fromhex("2a864886f70d010903")
_OID_MESSAGE_DIGEST = bytes.fromhex("2a864886f70d010904")
_OID_SIGNING_CERT = bytes.fromhex("2a864886f70d010910020c")
_OID_SIGNING_CERT_V2 = bytes.fromhex("2a864886f70d010910022f")
_HASHES = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
    "sm3": hashes.SM3,
}
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
        return _general_name_text(self.tsa_der)

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


#: RFC 3161 §2.4.2: genTime is UTC ("Z"), with seconds, and a fraction without trailing zeros.
_GEN_TIME = re.compile(rb"[0-9]{14}(\.[0-9]*[1-9])?Z")


class _Stop(Exception):
    """Later checks cannot run without what failed."""


def _digest(name: str, data: bytes) -> bytes:
    return hashlib.new(name, data).digest()


# A certificate with a zero or negative serial number (RFC 5280 forbids it; damaged tokens and
# careless CAs have them) loads with a warning that Python would print on the user's terminal
# as "CryptographyDeprecationWarning: ...". The verdict speaks for the token; the warning is
# not shown. Set once here: warnings.catch_warnings() is not safe with TSA threads verifying.
warnings.filterwarnings("ignore", message="Parsed a serial number which wasn't positive",
                        category=CryptographyDeprecationWarning)


def _load_cert(der: bytes) -> x509.Certificate | None:
    try:
        return x509.load_der_x509_certificate(der)
    except ValueError:
        return None


class Verifier:
    """Verifies tokens against one trust store. Reuse one instance for many tokens: it caches
    chain results per (signer certificate, validity window) so checking 1,000 receipts of the
    same TSA validates its chain once."""

    def __init__(self, trust: TrustStore, known_certs: list[x509.Certificate] | None = None) -> None:
        self.trust = trust
        self.known_certs = list(known_certs or [])
        self._chain_cache: dict[tuple, tuple] = {}
        self._cert_cache: dict[bytes, x509.Certificate | None] = {}
        self._memos: dict[tuple, object] = {}

    def _memo(self, kind: str, key, fn):
        """``fn(key)`` once per distinct key: a pure function of bytes already checked above,
        cached because a TSA's tokens repeat the same algorithms, identifiers and certificate."""
        k = (kind, key)
        try:
            return self._memos[k]
        except KeyError:
            pass
        value = fn(key)
        if len(self._memos) > 20000:
            self._memos.clear()
        self._memos[k] = value
        return value

    def _cert(self, der: bytes) -> x509.Certificate | None:
        # The same TSA certificates come back in every token: parse each once.
        cert = self._cert_cache.get(der)
        if cert is None:
            cert = _load_cert(der)
            if len(self._cert_cache) > 4096:
                self._cert_cache.clear()
            self._cert_cache[der] = cert
        return cert

    # ------------------------------------------------------------------ entry point
    def verify(
        self,
        der: bytes,
        *,
        file_path: str | os.PathLike[str] | None = None,
        digest: bytes | None = None,
        digest_alg: str | None = None,
        nonce: int | None = None,
        extra_certs: list[x509.Certificate] | None = None,
        requested_at: datetime | None = None,
        answered_at: datetime | None = None,
        now: datetime | None = None,
        revocation: list | None = None,
    ) -> Verdict:
        """Verify a TimeStampResp or bare token ``der`` against a file or a digest.

        ``file_path``: the file is hashed with the algorithm the imprint names.
        ``digest`` (+ optional ``digest_alg``): compare directly.
        Neither: the imprint check fails (nothing to compare with).
        ``requested_at``: when the token was asked for (a receipt's request time). Given, the
        ``gen_time`` check refuses a genTime more than CLOCK_TOLERANCE before it, or after
        ``answered_at`` (when the answer was judged; default ``now``) + CLOCK_TOLERANCE.
        ``now`` (default: this computer's clock): a genTime later than ``now`` + accuracy +
        FUTURE_SKEW is refused on every path.
        ``revocation``: the OCSP responses / CRLs kept for this receipt (``revocation.Evidence``);
        given (even empty), a ``revocation`` check is added once the chain is built."""
        from .tsp import split_token_or_response

        v = Verdict()
        try:
            try:
                response, token = split_token_or_response(der)
            except TokenFormatError as exc:
                v.checks.append(Check("structure", False, exc.message))
                v.unreadable = True
                raise _Stop from None
            if response is not None:
                if not response.granted:
                    v.checks.append(Check(
                        "status", False,
                        f"The TSA refused to time-stamp ({response.describe_status()}); this is not a time stamp."))
                    raise _Stop
                if not token:
                    v.checks.append(Check("status", False, "The TSA said yes but sent no token."))
                    raise _Stop
                v.checks.append(Check("status", True, f"The TSA granted the request ({response.describe_status()})."))
            v.token = token
            self._verify_token(v, token, file_path, digest, digest_alg, nonce, extra_certs or [])
            v.checks += _check_gen_time(v, requested_at, answered_at, now)
            if revocation is not None and v.chain:
                from .revocation import check_verdict

                v.checks.append(check_verdict(v, revocation))
        except _Stop:
            pass
        except ProofKitError:
            raise  # the file to compare with could not be read: the caller's input error
        except Exception as exc:  # noqa: BLE001
            # cryptography parses certificate fields lazily, so a damaged certificate or
            # signer field can surface anywhere in the checks. It is a malformed token, never
            # a crash, and never valid.
            v.checks.append(Check("structure", False,
                                  f"The token is damaged: part of it cannot be read ({type(exc).__name__})."))
        return v

    # ------------------------------------------------------------------ the checks
    def _verify_token(self, v, token, file_path, digest, digest_alg, nonce, extra_certs) -> None:
        # --- structure: cut the token into exact slices (nothing re-encoded); parse only
        # the small parts, and each repeated part (the same TSA certificate, algorithm and
        # signer identifier come back in every token of a TSA) only once.
        from .tsp import attributes, split_signed_data

        try:
            parts = split_signed_data(token)
            n_signers = len(parts.signer_infos)
        except Exception as exc:  # noqa: BLE001 - any parse error means a malformed token
            v.checks.append(Check("structure", False, f"The token is not a well-formed CMS SignedData ({exc})."))
            raise _Stop from None
        tst_bytes = parts.econtent
        if n_signers != 1:
            v.checks.append(Check("structure", False, f"The token has {n_signers} signers; exactly one is required."))
            raise _Stop
        if parts.econtent_type != _OID_TSTINFO:
            v.checks.append(Check("structure", False, "The signed content is not a time-stamp (TSTInfo)."))
            raise _Stop
        if not tst_bytes:
            v.checks.append(Check("structure", False, "The token carries no time-stamp content."))
            raise _Stop
        not_der = der_problem(tst_bytes)
        if not_der:
            v.checks.append(Check("structure", False,
                                  f"The time-stamp content (TSTInfo) is not DER ({not_der}); what is signed must be."))
            raise _Stop
        try:
            tst = _der.tst_info(tst_bytes)
            if tst.version != 1:
                raise ValueError(f"version {tst.version}; only version 1 exists")
            v.hash_alg = self._memo("alg", tst.hash_alg_der, _digest_alg_name)
            v.imprint = tst.imprint
            if not _GEN_TIME.fullmatch(tst.gen_time_raw):
                # RFC 3161 requires UTC ("Z"), seconds, no trailing zeros; a local time would mean
                # whatever the reader's time zone says, an offset is not the one encoding that
                # was signed: refuse rather than guess.
                raise ValueError("genTime is not encoded as RFC 3161 requires: UTC with Z, "
                                 "seconds present, no trailing zeros in a fraction")
            v.gen_time = _der.gen_time(tst.gen_time_raw)
            v.accuracy = _accuracy(tst.accuracy)
            v.serial = tst.serial
            v.policy = tst.policy
            v.nonce = tst.nonce
            v.tsa_der = tst.tsa
        except Exception as exc:  # noqa: BLE001
            v.checks.append(Check("structure", False, f"The time-stamp content (TSTInfo) is malformed ({exc})."))
            raise _Stop from None
        v.checks.append(Check("structure", True, "A signed time-stamp (CMS SignedData with one signer over a TSTInfo)."))

        # The signed attributes exactly as received: the signature covers these bytes with
        # the [0] IMPLICIT tag replaced by SET (RFC 5652 §5.4). Never re-encode them.
        if parts.signed_attrs is None:
            v.checks.append(Check("content_type", False, "The token has no signed attributes, so nothing binds the signature to the time."))
            raise _Stop
        signed_bytes = b"\x31" + parts.signed_attrs[1:]
        not_der = der_problem(parts.signed_attrs)
        if not_der:
            v.checks.append(Check("content_type", False,
                                  f"The signed attributes are not DER ({not_der}), as RFC 5652 requires of what is signed."))
            raise _Stop
        try:
            attrs = attributes(parts.signed_attrs)
        except ValueError as exc:
            v.checks.append(Check("content_type", False, f"The signed attributes are malformed ({exc})."))
            raise _Stop from None
        if not self._memo("sorted", parts.signed_attrs, _set_of_sorted):
            v.warnings.append("The signed attributes are not in DER order (RFC 5652); the signature was checked over "
                              "them exactly as received, as OpenSSL does (some TSAs sent them so, DigiCert in 2018).")

        # --- content_type attribute
        ct = attrs.get(_OID_CONTENT_TYPE)
        if not ct or len(ct) != 1 or ct[0] != [_TSTINFO_OID_DER]:
            v.checks.append(Check("content_type", False, "The signed content-type attribute is missing or does not say TSTInfo."))
            raise _Stop
        v.checks.append(Check("content_type", True, "The signed content-type attribute says TSTInfo."))

        # --- message_digest attribute
        try:
            digest_name = self._memo("alg", parts.digest_alg, _digest_alg_name)
        except Exception:  # noqa: BLE001
            digest_name = "?"
        if digest_name not in _HASHES:
            v.checks.append(Check("message_digest", False, f"The token uses an unsupported digest algorithm ({digest_name})."))
            raise _Stop
        md = attrs.get(_OID_MESSAGE_DIGEST)
        if not md or len(md) != 1 or len(md[0]) != 1 or md[0][0][:1] != b"\x04":
            v.checks.append(Check("message_digest", False, "The signed message-digest attribute is missing."))
            raise _Stop
        _, mds, mde = tlv(md[0][0], 0, len(md[0][0]))
        if md[0][0][mds:mde] != _digest(digest_name, tst_bytes):
            v.checks.append(Check("message_digest", False,
                                  "The time-stamp content was altered after signing (its digest does not match the signed one)."))
            raise _Stop
        v.checks.append(Check("message_digest", True, f"The time-stamp content is the one that was signed ({digest_name})."))
        if digest_name == "sha1":
            v.warnings.append("This token was signed with SHA-1, a weak algorithm TSAs used until about 2019; it is still evidence of its time, but weaker.")

        # --- signer_certificate: every certificate matching the SignerIdentifier is a
        # candidate. The certificate set is unsigned, so anyone may add look-alikes (the same
        # issuer and serial, the same key identifier): the signer is the candidate whose key
        # verifies the signature and that the signing-certificate attribute names, wherever
        # it is listed.
        v.embedded_certs = [c for c in map(self._cert, parts.certificates) if c is not None]
        pool = v.embedded_certs + list(extra_certs) + self.known_certs
        try:
            pool_key = tuple(c.public_bytes(Encoding.DER) for c in pool)
            candidates = self._memo("signers", (parts.sid, pool_key),
                                    lambda _: _find_signers(_der.signer_identifier(parts.sid), pool))
        except Exception:  # noqa: BLE001
            candidates = []
        if not candidates:
            where = "in the token" if not extra_certs and not self.known_certs else "in the token or the certificates given"
            v.checks.append(Check("signer_certificate", False,
                                  f"The TSA's certificate is not {where}; add it with --certs FILE.pem."))
            raise _Stop
        ess_raw = (tuple(map(tuple, attrs.get(_OID_SIGNING_CERT, []))),
                   tuple(map(tuple, attrs.get(_OID_SIGNING_CERT_V2, []))))

        def ess_for(c: x509.Certificate) -> Check:
            return self._memo("ess", (ess_raw, c.public_bytes(Encoding.DER)), lambda _: _check_ess(ess_raw, c))

        if len(candidates) > 1:
            candidates = sorted(candidates, key=lambda c: not ess_for(c).ok)  # stable: named ones first

        # --- signature
        signer = None
        try:
            sig_alg = self._memo("sigalg", parts.signature_alg, _signature_alg)
            for c in candidates:
                try:
                    _verify_signature(c, sig_alg, parts.signature, signed_bytes, digest_name)
                except _Unsupported:
                    raise
                except Exception:  # noqa: BLE001 - InvalidSignature, or a key that cannot be read
                    continue
                signer = c
                break
        except _Unsupported as exc:
            v.signer = candidates[0]
            v.checks.append(Check("signer_certificate", True, f"Signed by \u201c{_subject(candidates[0])}\u201d."))
            v.checks.append(Check("signature", False, str(exc)))
            raise _Stop from None
        v.signer = signer or candidates[0]
        v.checks.append(Check("signer_certificate", True, f"Signed by \u201c{_subject(v.signer)}\u201d."))
        if signer is None:
            v.checks.append(Check("signature", False, "The signature does not match: the token was damaged or forged."))
            raise _Stop
        v.checks.append(Check("signature", True, f"The TSA's signature is valid ({sig_alg[0]}, {digest_name})."))

        # --- signing_certificate_binding (ESSCertID / ESSCertIDv2)
        signer_der = signer.public_bytes(Encoding.DER)
        v.checks.append(ess_for(signer))

        # --- tsa_certificate (EKU, not CA, extensions, key size; TSTInfo.tsa names it)
        era = v.gen_time >= NIST_2014
        tsa_check, key_warning = self._memo("tsacert", (signer_der, era), lambda _: _check_tsa_cert(signer, v.gen_time))
        if key_warning:
            v.warnings.append(key_warning)
        if tsa_check.ok and tst.tsa is not None:
            problem = self._memo("tsaname", (tst.tsa, signer_der), lambda _: _tsa_name_problem(tst.tsa, signer))
            if problem:
                tsa_check = Check("tsa_certificate", False, problem)
                v.tsa_refused = True  # a name the signer does not bear is not reported as the TSA
        v.checks.append(tsa_check)

        # --- chain at genTime
        v.checks.append(self._check_chain(v, signer, pool))

        # --- imprint
        v.checks.append(_check_imprint(v, file_path, digest, digest_alg))

        # --- nonce
        if nonce is not None:
            if v.nonce == nonce:
                v.checks.append(Check("nonce", True, "The answer carries the nonce we sent (it is fresh, not replayed)."))
            else:
                v.checks.append(Check("nonce", False, "The answer does not carry the nonce we sent: it is an old or replayed answer."))

    # ------------------------------------------------------------------ chain
    def _check_chain(self, v: Verdict, signer: x509.Certificate, pool: list[x509.Certificate]) -> Check:
        when = v.gen_time
        assert when is not None
        # Signatures and CA constraints do not depend on time: a path found for an earlier
        # token is reused when every certificate on it is valid at this token's genTime.
        key = (signer.public_bytes(Encoding.DER), tuple(c.public_bytes(Encoding.DER) for c in pool))
        hit = self._chain_cache.get(key)
        if hit is not None and all(_valid_at(c, when) and key_strength(c, when)[0] is None for c in hit[0]):
            path, anchor, problem = hit
        else:
            path, anchor, problem = _build_path(signer, pool, self.trust, when)
            if anchor is not None:
                if len(self._chain_cache) > 4096:
                    self._chain_cache.clear()
                self._chain_cache[key] = (path, anchor, problem)
        if anchor is None:
            return Check("chain", False, problem)
        v.chain = path
        v.anchor = anchor
        for c in path[1:]:
            weak = key_strength(c, when)[1]
            if weak and weak not in v.warnings:
                v.warnings.append(weak)
        now = datetime.now(timezone.utc)
        expired_since = [c for c in path if c.not_valid_after_utc < now]
        note = ""
        if expired_since:
            c = expired_since[0]
            note = (f" The certificate \u201c{_subject(c)}\u201d has expired since ({_time(c.not_valid_after_utc)}); "
                    "that is normal and does not weaken a time stamp made while it was valid.")
        return Check("chain", True,
                     f"The TSA's certificate chains to the trusted root \u201c{_subject(anchor.cert)}\u201d ({anchor.source}), "
                     f"all valid on {_time(when)}.{note}")


class _Unsupported(Exception):
    pass


def _check_gen_time(v: Verdict, requested_at: datetime | None, answered_at: datetime | None,
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


@functools.lru_cache(maxsize=256)
def _general_name_text(gn_der: bytes) -> str:
    try:
        from asn1crypto import x509 as ax509

        gn = ax509.GeneralName.load(gn_der)
        if gn.name == "directory_name":
            return gn.chosen.human_friendly
        return str(gn.native)
    except Exception:  # noqa: BLE001
        return ""


def _find_signers(sid: tuple, pool: list[x509.Certificate]) -> list[x509.Certificate]:
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


def _accuracy(acc: tuple | None) -> timedelta | None:
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


def _set_of_sorted(signed_attrs: bytes) -> bool:
    """Whether the signed attributes are in DER's SET OF order (ascending encodings)."""
    from .tsp import children

    _, s, e = tlv(signed_attrs, 0, len(signed_attrs))
    encodings = [signed_attrs[c[1]:c[3]] for c in children(signed_attrs, s, e)]
    return encodings == sorted(encodings)


def _tsa_name_problem(gn_der: bytes, signer: x509.Certificate) -> str | None:
    """Why TSTInfo.tsa does not name the signing certificate (RFC 3161 §2.4.2), or None.
    Names are compared as RFC 5280 compares them, not byte for byte."""
    if gn_der[:1] == b"\xa4":  # directoryName: the usual case is the subject, byte for byte
        _, s, e = tlv(gn_der, 0, len(gn_der))
        if gn_der[s:e] == signer.subject.public_bytes():
            return None
    from asn1crypto import x509 as ax509

    gn = ax509.GeneralName.load(gn_der)
    said = _general_name_text(gn_der) or "another name"
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


def _digest_alg_name(raw: bytes) -> str:
    try:
        return _der.digest_alg_name(raw)
    except ValueError:
        from asn1crypto import algos

        return str(algos.DigestAlgorithm.load(raw, strict=True)["algorithm"].native)


def _signature_alg(raw: bytes) -> tuple[str, str | None, tuple | None]:
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


def _verify_signature(cert: x509.Certificate, sig_alg: tuple, signature: bytes, signed_bytes: bytes,
                      digest_name: str) -> None:
    algo, hash_name, pss = sig_alg
    key = cert.public_key()
    hash_name = hash_name or digest_name
    if hash_name not in _HASHES:
        raise _Unsupported(f"The token is signed with an unsupported hash ({hash_name}).")
    h = _HASHES[hash_name]()
    if algo == "rsassa_pkcs1v15":
        if not isinstance(key, rsa.RSAPublicKey):
            raise InvalidSignature
        key.verify(signature, signed_bytes, padding.PKCS1v15(), h)
    elif algo == "rsassa_pss":
        if not isinstance(key, rsa.RSAPublicKey):
            raise InvalidSignature
        h = _HASHES.get(pss[0], hashes.SHA1)()
        mgf_hash = _HASHES.get(pss[1], hashes.SHA1)()
        key.verify(signature, signed_bytes, padding.PSS(mgf=padding.MGF1(mgf_hash), salt_length=pss[2]), h)
    elif algo == "ecdsa":
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise InvalidSignature
        key.verify(signature, signed_bytes, ec.ECDSA(h))
    else:
        raise _Unsupported(f"The token uses a signature algorithm ProofKit does not accept ({algo}).")


def _check_ess(raw: tuple, signer: x509.Certificate) -> Check:
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
            if alg not in _HASHES:
                return Check(name, False, f"Unsupported hash in the signing-certificate attribute ({alg}).")
            if _digest(alg, signer_der) != first.cert_hash:
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


def _check_tsa_cert(cert: x509.Certificate, when: datetime) -> tuple[Check, str | None]:
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


def _check_imprint(v: Verdict, file_path, digest: bytes | None, digest_alg: str | None) -> Check:
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


def verifier_for(trust_pems=None, ledger=None) -> "Verifier":
    """A Verifier trusting the default roots plus the PEM files ``trust_pems`` and knowing
    every certificate the ledger has seen (tokens that do not embed their chain). The CLI
    and the desktop app build their verifiers the same way."""
    from .trust import TrustStore

    known = []
    if ledger is not None:
        for der in ledger.certificates():
            try:
                known.append(x509.load_der_x509_certificate(der))
            except ValueError:
                continue
    return Verifier(TrustStore.default(list(trust_pems or [])), known_certs=known)
