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

Signatures use ``cryptography``; the certification path is built in ``chain.py``. This module
runs the checks in order; ``token_checks.py`` holds the checks themselves and ``verdict.py``
what they produce (``Check``, ``Verdict``).
"""

from __future__ import annotations

import os
import re
import warnings
from datetime import datetime, timezone

from cryptography import x509
from cryptography.utils import CryptographyDeprecationWarning

from .errors import ProofKitError, TokenFormatError
from . import der as _der
from .tsp import der_problem, tlv
from .chain import Encoding, NIST_2014, _build_path, _subject, _time, _valid_at, key_strength
from .token_checks import (
    HASHES,
    UnsupportedAlgorithm,
    accuracy_of,
    check_ess,
    check_gen_time,
    check_imprint,
    check_tsa_cert,
    digest_alg_name,
    digest_of,
    find_signers,
    set_of_sorted,
    signature_alg,
    tsa_name_problem,
    verify_signature,
)
from .trust import TrustStore
# Check, Verdict and the constants live in verdict.py; importable from here as they always were.
from .verdict import CHECK_NAMES, CLOCK_TOLERANCE, FUTURE_SKEW, Check, Verdict

__all__ = ["CHECK_NAMES", "CLOCK_TOLERANCE", "FUTURE_SKEW", "Check", "Verdict", "Verifier", "verifier_for"]

_OID_TSTINFO = bytes.fromhex("2a864886f70d0109100104")
_TSTINFO_OID_DER = b"\x06\x0b" + _OID_TSTINFO
_OID_CONTENT_TYPE = bytes.fromhex("2a864886f70d010903")
_OID_MESSAGE_DIGEST = bytes.fromhex("2a864886f70d010904")
_OID_SIGNING_CERT = bytes.fromhex("2a864886f70d010910020c")
_OID_SIGNING_CERT_V2 = bytes.fromhex("2a864886f70d010910022f")


#: RFC 3161 §2.4.2: genTime is UTC ("Z"), with seconds, and a fraction without trailing zeros.
_GEN_TIME = re.compile(rb"[0-9]{14}(\.[0-9]*[1-9])?Z")


class _Stop(Exception):
    """Later checks cannot run without what failed."""


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
            v.checks += check_gen_time(v, requested_at, answered_at, now)
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
            v.hash_alg = self._memo("alg", tst.hash_alg_der, digest_alg_name)
            v.imprint = tst.imprint
            if not _GEN_TIME.fullmatch(tst.gen_time_raw):
                # RFC 3161 requires UTC ("Z"), seconds, no trailing zeros; a local time would mean
                # whatever the reader's time zone says, an offset is not the one encoding that
                # was signed: refuse rather than guess.
                raise ValueError("genTime is not encoded as RFC 3161 requires: UTC with Z, "
                                 "seconds present, no trailing zeros in a fraction")
            v.gen_time = _der.gen_time(tst.gen_time_raw)
            v.accuracy = accuracy_of(tst.accuracy)
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
        if not self._memo("sorted", parts.signed_attrs, set_of_sorted):
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
            digest_name = self._memo("alg", parts.digest_alg, digest_alg_name)
        except Exception:  # noqa: BLE001
            digest_name = "?"
        if digest_name not in HASHES:
            v.checks.append(Check("message_digest", False, f"The token uses an unsupported digest algorithm ({digest_name})."))
            raise _Stop
        md = attrs.get(_OID_MESSAGE_DIGEST)
        if not md or len(md) != 1 or len(md[0]) != 1 or md[0][0][:1] != b"\x04":
            v.checks.append(Check("message_digest", False, "The signed message-digest attribute is missing."))
            raise _Stop
        _, mds, mde = tlv(md[0][0], 0, len(md[0][0]))
        if md[0][0][mds:mde] != digest_of(digest_name, tst_bytes):
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
                                    lambda _: find_signers(_der.signer_identifier(parts.sid), pool))
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
            return self._memo("ess", (ess_raw, c.public_bytes(Encoding.DER)), lambda _: check_ess(ess_raw, c))

        if len(candidates) > 1:
            candidates = sorted(candidates, key=lambda c: not ess_for(c).ok)  # stable: named ones first

        # --- signature
        signer = None
        try:
            sig_alg = self._memo("sigalg", parts.signature_alg, signature_alg)
            for c in candidates:
                try:
                    verify_signature(c, sig_alg, parts.signature, signed_bytes, digest_name)
                except UnsupportedAlgorithm:
                    raise
                except Exception:  # noqa: BLE001 - InvalidSignature, or a key that cannot be read
                    continue
                signer = c
                break
        except UnsupportedAlgorithm as exc:
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
        tsa_check, key_warning = self._memo("tsacert", (signer_der, era), lambda _: check_tsa_cert(signer, v.gen_time))
        if key_warning:
            v.warnings.append(key_warning)
        if tsa_check.ok and tst.tsa is not None:
            problem = self._memo("tsaname", (tst.tsa, signer_der), lambda _: tsa_name_problem(tst.tsa, signer))
            if problem:
                tsa_check = Check("tsa_certificate", False, problem)
                v.tsa_refused = True  # a name the signer does not bear is not reported as the TSA
        v.checks.append(tsa_check)

        # --- chain at genTime
        v.checks.append(self._check_chain(v, signer, pool))

        # --- imprint
        v.checks.append(check_imprint(v, file_path, digest, digest_alg))

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
