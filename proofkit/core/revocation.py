"""Revocation evidence for a TSA certificate, fetched right after a receipt verifies.

A time stamp stays checkable for years only if one can show that the TSA's certificate had
not been revoked when it signed. Where the certificate names an OCSP responder (Authority
Information Access) or a CRL (CRL Distribution Points), ProofKit fetches the answer once the
receipt has verified and keeps the bytes exactly as received beside the receipt (ledger) and
in bundles, so the ``revocation`` check can be repeated later, offline, by anyone.

What leaves the computer: an OCSP request names only the TSA certificate (its issuer's name
and key hashes and its serial number, all public); a CRL is a plain download of a public
list. Nothing about the author's file: product rule 1 holds.

The check reads:
  good         the responder or CRL said, at or after genTime, that the certificate was not
               revoked (its answer covers genTime)
  revoked      revoked before genTime: the stamp fails; revoked after genTime: the stamp
               stays valid (the TSA's key was still good when it signed), with a warning
  not available  no OCSP or CRL named, none reachable, or none usable: a warning, never a
               failure (most TSAs of 2015 and earlier name neither)
"""

from __future__ import annotations

import logging
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime, timezone

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID

log = logging.getLogger(__name__)

KINDS = ("ocsp", "crl")
FETCH_TIMEOUT = 10.0
MAX_OCSP = 1 << 16  # an OCSP response is 1-3 KB
MAX_CRL = 20 << 20  # CRLs of big CAs reach a few MB
USER_AGENT = "ProofKit (revocation check)"


@dataclass(frozen=True)
class Evidence:
    """One OCSP response or CRL, exactly as received."""

    kind: str  # "ocsp" | "crl"
    url: str
    fetched_at: datetime
    der: bytes


def _utc(dt: datetime) -> datetime:
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def _t(dt: datetime) -> str:
    return _utc(dt).astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")


# ------------------------------------------------------------------------ where to ask


def sources(cert: x509.Certificate) -> tuple[list[str], list[str]]:
    """(OCSP responder URLs, CRL URLs) the certificate names; http(s) only."""
    ocsp_urls: list[str] = []
    crl_urls: list[str] = []
    try:
        aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
        ocsp_urls = [d.access_location.value for d in aia
                     if d.access_method == AuthorityInformationAccessOID.OCSP
                     and isinstance(d.access_location, x509.UniformResourceIdentifier)]
    except (x509.ExtensionNotFound, ValueError):
        pass
    try:
        cdp = cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
        for point in cdp:
            for name in point.full_name or ():
                if isinstance(name, x509.UniformResourceIdentifier):
                    crl_urls.append(name.value)
    except (x509.ExtensionNotFound, ValueError):
        pass
    web = lambda u: u.lower().startswith(("http://", "https://"))  # noqa: E731 - not ldap://
    return [u for u in ocsp_urls if web(u)], [u for u in crl_urls if web(u)]


# ------------------------------------------------------------------------ fetching


def _http(url: str, *, data: bytes | None, ctype: str | None, limit: int, timeout: float) -> bytes:
    headers = {"User-Agent": USER_AGENT}
    if ctype:
        headers["Content-Type"] = ctype
    req = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET",
                                 headers=headers)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler())
    with opener.open(req, timeout=timeout) as resp:
        body = resp.read(limit + 1)
    if len(body) > limit:
        raise ValueError("answer too large")
    return body


def ocsp_request(cert: x509.Certificate, issuer: x509.Certificate) -> bytes:
    """The OCSP request for ``cert``: its issuer's name and key hashes and its serial
    (SHA-1 CertID, what every responder understands), no nonce: nothing else."""
    return (ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1())
            .build().public_bytes(serialization.Encoding.DER))


def fetch(cert: x509.Certificate, issuer: x509.Certificate, *, timeout: float = FETCH_TIMEOUT,
          now=lambda: datetime.now(timezone.utc)) -> list[Evidence]:
    """Ask the certificate's OCSP responders, then (if none gave a usable answer) its CRLs.
    Returns what was received and parses; never raises for a network problem (revocation
    evidence is a bonus: a stamp is never held up or refused because it is missing)."""
    ocsp_urls, crl_urls = sources(cert)
    out: list[Evidence] = []
    for url in ocsp_urls:
        try:
            der = _http(url, data=ocsp_request(cert, issuer), ctype="application/ocsp-request",
                        limit=MAX_OCSP, timeout=timeout)
            resp = ocsp.load_der_ocsp_response(der)
        except Exception as exc:  # noqa: BLE001 - unreachable, refused, not OCSP
            log.debug("OCSP %s: %s", url, type(exc).__name__)
            continue
        out.append(Evidence("ocsp", url, now(), der))
        if resp.response_status == ocsp.OCSPResponseStatus.SUCCESSFUL:
            return out
    for url in crl_urls:
        try:
            der = _http(url, data=None, ctype=None, limit=MAX_CRL, timeout=timeout)
            _load_crl(der)
        except Exception as exc:  # noqa: BLE001
            log.debug("CRL %s: %s", url, type(exc).__name__)
            continue
        out.append(Evidence("crl", url, now(), der))
        return out
    return out


_cache: dict[bytes, list[Evidence]] = {}
_cache_lock = threading.Lock()


def evidence_for(cert: x509.Certificate, issuer: x509.Certificate, gen_time: datetime, *,
                 timeout: float = FETCH_TIMEOUT) -> list[Evidence]:
    """``fetch``, reusing in this process an answer that already shows the certificate good
    at ``gen_time`` (a folder watched every hour, a batch of stamps: one OCSP request per TSA
    certificate, not one per stamp)."""
    key = cert.public_bytes(serialization.Encoding.DER)
    with _cache_lock:
        cached = _cache.get(key)
    if cached and assess(cached, cert, issuer, gen_time).state == "good":
        return cached
    found = fetch(cert, issuer, timeout=timeout)
    if found and assess(found, cert, issuer, gen_time).state == "good":
        with _cache_lock:
            if len(_cache) > 256:
                _cache.clear()
            _cache[key] = found
    return found


# ------------------------------------------------------------------------ judging


@dataclass(frozen=True)
class Status:
    state: str  # "good" | "revoked" | "unavailable"
    ok: bool
    detail: str
    warning: str | None = None
    revoked_at: datetime | None = None


def _load_crl(der: bytes) -> x509.CertificateRevocationList:
    if der.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_crl(der)
    return x509.load_der_x509_crl(der)


def _signed_by(key, signature: bytes, data: bytes, hash_alg) -> bool:
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), hash_alg)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(hash_alg))
        else:
            return False
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _ocsp_signer(resp, issuer: x509.Certificate) -> x509.Certificate | None:
    """The certificate whose key signed the response: the issuing CA itself, or a responder
    certificate the CA issued for OCSP signing (RFC 6960 §4.2.2.2)."""
    def named(c: x509.Certificate) -> bool:
        if resp.responder_name is not None:
            return c.subject == resp.responder_name
        key_hash = resp.responder_key_hash
        pub = c.public_key().public_bytes(serialization.Encoding.DER,
                                          serialization.PublicFormat.SubjectPublicKeyInfo)
        from asn1crypto import keys

        return keys.PublicKeyInfo.load(pub).sha1 == key_hash

    if named(issuer):
        return issuer
    for c in resp.certificates:
        if not named(c):
            continue
        try:
            c.verify_directly_issued_by(issuer)
            eku = c.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        except Exception:  # noqa: BLE001 - not issued by this CA, or no EKU
            continue
        if ExtendedKeyUsageOID.OCSP_SIGNING in eku:
            return c
    return None


def _judge_ocsp(ev: Evidence, cert, issuer, gen_time) -> Status | None:
    try:
        resp = ocsp.load_der_ocsp_response(ev.der)
        if resp.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
            return None
        signer = _ocsp_signer(resp, issuer)
        if signer is None or not _signed_by(signer.public_key(), resp.signature,
                                            resp.tbs_response_bytes, resp.signature_hash_algorithm):
            return None
        from asn1crypto import keys

        issuer_key_sha1 = keys.PublicKeyInfo.load(issuer.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)).sha1
        for single in resp.responses:
            if single.serial_number != cert.serial_number:
                continue
            if isinstance(single.hash_algorithm, hashes.SHA1) and single.issuer_key_hash != issuer_key_sha1:
                continue
            this = _utc(single.this_update_utc)
            nxt = single.next_update_utc
            covers = this >= gen_time or nxt is None or _utc(nxt) >= gen_time
            where = f"the OCSP responder <{ev.url}> said on {_t(this)}"
            if single.certificate_status == ocsp.OCSPCertStatus.REVOKED:
                return _revoked(_utc(single.revocation_time_utc), gen_time, where,
                                single.revocation_reason)
            if single.certificate_status == ocsp.OCSPCertStatus.GOOD and covers:
                return Status("good", True, f"Good at genTime: {where} that the TSA's certificate "
                                            "was not revoked.")
    except Exception:  # noqa: BLE001 - a damaged response is simply not evidence
        return None
    return None


def _judge_crl(ev: Evidence, cert, issuer, gen_time) -> Status | None:
    try:
        crl = _load_crl(ev.der)
        if crl.issuer != issuer.subject or not crl.is_signature_valid(issuer.public_key()):
            return None
        where = f"the CRL <{ev.url}> of {_t(crl.last_update_utc)}"
        entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
        if entry is not None:
            reason = None
            try:
                reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason
            except x509.ExtensionNotFound:
                pass
            return _revoked(_utc(entry.revocation_date_utc), gen_time, where + " lists it", reason)
        last, nxt = _utc(crl.last_update_utc), crl.next_update_utc
        if last >= gen_time or nxt is None or _utc(nxt) >= gen_time:
            return Status("good", True, f"Good at genTime: {where} does not list the TSA's certificate "
                                        "as revoked.")
    except Exception:  # noqa: BLE001
        return None
    return None


def _revoked(at: datetime, gen_time: datetime, where: str, reason) -> Status:
    why = f" (reason: {reason.name})" if reason is not None else ""
    if at <= gen_time:
        return Status("revoked", False,
                      f"Revoked: {where} that the TSA's certificate was revoked on {_t(at)}{why}, "
                      f"before this time stamp was made ({_t(gen_time)}); it is not proof.", revoked_at=at)
    return Status("revoked", True,
                  f"Revoked after the stamp: {where} that the TSA's certificate was revoked on {_t(at)}{why}, "
                  f"after this time stamp was made ({_t(gen_time)}); a stamp made while the certificate was "
                  "good stays valid.",
                  warning=f"The TSA's certificate was revoked on {_t(at)}{why}, after this stamp; "
                          "the stamp stays valid, but newer stamps from that certificate are not.",
                  revoked_at=at)


def assess(evidence: list[Evidence], cert: x509.Certificate, issuer: x509.Certificate | None,
           gen_time: datetime) -> Status:
    """What the kept evidence says about ``cert`` at ``gen_time``. A revocation found in any
    valid piece wins over a "good" in another."""
    gen_time = _utc(gen_time)
    if issuer is None:
        return _unavailable("the TSA certificate's issuer is not known")
    judged = []
    for ev in evidence:
        judge = _judge_ocsp if ev.kind == "ocsp" else _judge_crl if ev.kind == "crl" else None
        st = judge(ev, cert, issuer, gen_time) if judge else None
        if st is not None:
            judged.append(st)
    for st in judged:
        if st.state == "revoked":
            return st
    if judged:
        return judged[0]
    if not evidence:
        ocsp_urls, crl_urls = sources(cert)
        why = ("the TSA's certificate names no OCSP responder and no CRL" if not ocsp_urls and not crl_urls
               else "none was fetched when the stamp was made (no network, or the stamp is older than this check)")
    else:
        why = "what was fetched is not a valid answer about this certificate"
    return _unavailable(why)


def _unavailable(why: str) -> Status:
    return Status("unavailable", True, f"Not available: no revocation evidence ({why}); this does not "
                                       "make the stamp invalid.",
                  warning=f"No revocation evidence for the TSA's certificate ({why}).")


def check_verdict(verdict, evidence: list[Evidence]):
    """The ``revocation`` check of a verdict whose chain was built; its warning (if any) is
    added to the verdict's warnings. Returns the Check."""
    from .verifier import Check

    cert = verdict.signer
    issuer = verdict.chain[1] if len(verdict.chain) > 1 else None
    st = assess(evidence, cert, issuer, verdict.gen_time)
    if st.warning:
        verdict.warnings.append(st.warning)
    return Check("revocation", st.ok, st.detail)
