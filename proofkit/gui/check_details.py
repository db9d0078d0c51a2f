"""The core's check details (the grey line under each check) in the reader's language.

The core writes each detail in English with specifics (a subject, an algorithm, a date); it
is the CLI's contract and goes into bundles unchanged. Each template below is the core's
own sentence with its specifics as {placeholders}: a detail that matches one is shown
through its translation with the specifics put back; in English the template gives the
core's sentence again. A detail no template matches (a newer core) is shown as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "CheckDetails"

TEMPLATES = (
    # status
    QT_TRANSLATE_NOOP("CheckDetails", "The TSA granted the request ({status})."),
    QT_TRANSLATE_NOOP("CheckDetails", "The TSA refused to time-stamp ({status}); this is not a time stamp."),
    QT_TRANSLATE_NOOP("CheckDetails", "The TSA said yes but sent no token."),
    # structure
    QT_TRANSLATE_NOOP("CheckDetails", "A signed time-stamp (CMS SignedData with one signer over a TSTInfo)."),
    QT_TRANSLATE_NOOP("CheckDetails", "The token is damaged: part of it cannot be read ({error})."),
    QT_TRANSLATE_NOOP("CheckDetails", "The token is not a well-formed CMS SignedData ({error})."),
    QT_TRANSLATE_NOOP("CheckDetails", "The token has {count} signers; exactly one is required."),
    QT_TRANSLATE_NOOP("CheckDetails", "The signed content is not a time-stamp (TSTInfo)."),
    QT_TRANSLATE_NOOP("CheckDetails", "The token carries no time-stamp content."),
    QT_TRANSLATE_NOOP("CheckDetails", "The time-stamp content (TSTInfo) is malformed ({error})."),
    # content_type
    QT_TRANSLATE_NOOP("CheckDetails", "The signed content-type attribute says TSTInfo."),
    QT_TRANSLATE_NOOP("CheckDetails", "The token has no signed attributes, so nothing binds the signature to "
                                      "the time."),
    QT_TRANSLATE_NOOP("CheckDetails", "The signed attributes are malformed ({error})."),
    QT_TRANSLATE_NOOP("CheckDetails", "The signed content-type attribute is missing or does not say TSTInfo."),
    # message_digest
    QT_TRANSLATE_NOOP("CheckDetails", "The time-stamp content is the one that was signed ({alg})."),
    QT_TRANSLATE_NOOP("CheckDetails", "The token uses an unsupported digest algorithm ({alg})."),
    QT_TRANSLATE_NOOP("CheckDetails", "The signed message-digest attribute is missing."),
    QT_TRANSLATE_NOOP("CheckDetails", "The time-stamp content was altered after signing (its digest does not "
                                      "match the signed one)."),
    # signer_certificate
    QT_TRANSLATE_NOOP("CheckDetails", "Signed by “{subject}”."),
    QT_TRANSLATE_NOOP("CheckDetails", "The TSA's certificate is not in the token; add it with --certs FILE.pem."),
    QT_TRANSLATE_NOOP("CheckDetails", "The TSA's certificate is not in the token or the certificates given; add "
                                      "it with --certs FILE.pem."),
    # signature
    QT_TRANSLATE_NOOP("CheckDetails", "The TSA's signature is valid ({alg}, {digest})."),
    QT_TRANSLATE_NOOP("CheckDetails", "The signature does not match: the token was damaged or forged."),
    QT_TRANSLATE_NOOP("CheckDetails", "The token uses a signature algorithm ProofKit does not accept ({alg})."),
    # signing_certificate_binding
    QT_TRANSLATE_NOOP("CheckDetails", "The signature names exactly this TSA certificate ({how})."),
    QT_TRANSLATE_NOOP("CheckDetails", "The signature does not name the TSA certificate (no signing-certificate "
                                      "attribute)."),
    QT_TRANSLATE_NOOP("CheckDetails", "Unsupported hash in the signing-certificate attribute ({alg})."),
    QT_TRANSLATE_NOOP("CheckDetails", "The signature names a different TSA certificate than the one found: a "
                                      "certificate was swapped."),
    QT_TRANSLATE_NOOP("CheckDetails", "The signing-certificate attribute names another serial number."),
    QT_TRANSLATE_NOOP("CheckDetails", "The signing-certificate attribute is malformed ({error})."),
    # tsa_certificate
    QT_TRANSLATE_NOOP("CheckDetails", "A time-stamping certificate (critical EKU: timeStamping only; not a CA)."),
    QT_TRANSLATE_NOOP("CheckDetails", "The certificate is not a time-stamping certificate (it has no "
                                      "time-stamping purpose)."),
    QT_TRANSLATE_NOOP("CheckDetails", "The certificate's extensions are malformed ({error})."),
    QT_TRANSLATE_NOOP("CheckDetails", "The certificate is not a time-stamping certificate (it lacks the "
                                      "time-stamping purpose)."),
    QT_TRANSLATE_NOOP("CheckDetails", "The certificate allows other purposes besides time-stamping, which RFC "
                                      "3161 forbids."),
    QT_TRANSLATE_NOOP("CheckDetails", "The certificate's time-stamping purpose is not marked critical, as RFC "
                                      "3161 requires."),
    QT_TRANSLATE_NOOP("CheckDetails", "The signing certificate is a CA certificate, not a TSA's own certificate."),
    QT_TRANSLATE_NOOP("CheckDetails", "The certificate's key may not be used for signatures (key usage)."),
    # chain
    QT_TRANSLATE_NOOP("CheckDetails", "The TSA's certificate chains to the trusted root “{root}” ({source}), all "
                                      "valid on {when}."),
    QT_TRANSLATE_NOOP("CheckDetails", "The TSA's certificate chains to the trusted root “{root}” ({source}), all "
                                      "valid on {when}. The certificate “{cert}” has expired since ({expired}); "
                                      "that is normal and does not weaken a time stamp made while it was valid."),
    QT_TRANSLATE_NOOP("CheckDetails", "The TSA's certificate was not valid at the time of the stamp ({when}): it "
                                      "is valid from {start} to {end}."),
    QT_TRANSLATE_NOOP("CheckDetails", "The token carries too many candidate certificates to check."),
    QT_TRANSLATE_NOOP("CheckDetails", "“{subject}” was not valid at the time of the stamp ({when})."),
    QT_TRANSLATE_NOOP("CheckDetails", "The TSA's certificate does not lead to any trusted root: this TSA is not "
                                      "trusted here. If you trust it, add its root with --trust FILE.pem."),
    # imprint
    QT_TRANSLATE_NOOP("CheckDetails", "The time stamp is over a SHA-1 digest, which is too weak to identify a "
                                      "file; it is refused."),
    QT_TRANSLATE_NOOP("CheckDetails", "The time stamp uses an unsupported digest algorithm ({alg})."),
    QT_TRANSLATE_NOOP("CheckDetails", "The time stamp is over a {alg} digest, but a {given} digest was given."),
    QT_TRANSLATE_NOOP("CheckDetails", "No file or digest was given to compare with the time stamp."),
    QT_TRANSLATE_NOOP("CheckDetails", "The time stamp is for a different file: the file does not match the "
                                      "stamped {alg} digest."),
    QT_TRANSLATE_NOOP("CheckDetails", "The time stamp is for a different file: the digest given does not match "
                                      "the stamped {alg} digest."),
    QT_TRANSLATE_NOOP("CheckDetails", "The time stamp is for exactly this content ({alg} {digest})."),
    # nonce
    QT_TRANSLATE_NOOP("CheckDetails", "The answer carries the nonce we sent (it is fresh, not replayed)."),
    QT_TRANSLATE_NOOP("CheckDetails", "The answer does not carry the nonce we sent: it is an old or replayed "
                                      "answer."),
    # gen_time (the verifier; the first one as older ledgers stored it)
    QT_TRANSLATE_NOOP("CheckDetails", "The TSA dated this fresh stamp {stamped} UTC, but it was asked at {asked} "
                                      "UTC: its clock is wrong, so the stamp is not kept as proof."),
    QT_TRANSLATE_NOOP("CheckDetails", "Dated when it was asked ({asked} UTC), within the tolerated clock "
                                      "difference."),
    QT_TRANSLATE_NOOP("CheckDetails", "The TSA dated this stamp {stamped}, later than now ({now}): a genuine TSA "
                                      "cannot do that, so its clock (or this computer's) is wrong; the stamp is not "
                                      "proof."),
    QT_TRANSLATE_NOOP("CheckDetails", "The TSA dated this stamp {stamped} UTC, but it was asked at {asked} UTC: its "
                                      "clock is wrong, so the stamp is not proof."),
    # a stored receipt re-checked (recheck)
    QT_TRANSLATE_NOOP("CheckDetails", "The TSA has not answered yet: this is not a time stamp yet."),
    # stricter parsing (DER, attributes, extensions)
    QT_TRANSLATE_NOOP("CheckDetails", "The time-stamp content (TSTInfo) is not DER ({error}); what is signed must be."),
    QT_TRANSLATE_NOOP("CheckDetails", "The signed attributes are not DER ({error}), as RFC 5652 requires of what is "
                                      "signed."),
    QT_TRANSLATE_NOOP("CheckDetails", "The token carries more than one signing-certificate attribute of a kind; "
                                      "which certificate it names is ambiguous."),
    QT_TRANSLATE_NOOP("CheckDetails", "The signature names a different TSA certificate than the one found ({how}): "
                                      "a certificate was swapped."),
    QT_TRANSLATE_NOOP("CheckDetails", "The signing-certificate attribute ({how}) names another serial number."),
    QT_TRANSLATE_NOOP("CheckDetails", "The signing-certificate attribute ({how}) names another issuer than the "
                                      "certificate's."),
    QT_TRANSLATE_NOOP("CheckDetails", "The certificate carries a critical extension ProofKit does not understand "
                                      "({oid})."),
    QT_TRANSLATE_NOOP("CheckDetails", "The stamped {alg} digest has {got} bytes; a {alg} digest has {size}: the "
                                      "time stamp is malformed."),
    # evidence records (RFC 4998) in bundles
    QT_TRANSLATE_NOOP("CheckDetails", "No evidence record holds: {reason}"),
    QT_TRANSLATE_NOOP("CheckDetails", "{name} missing from the bundle."),
    QT_TRANSLATE_NOOP("CheckDetails", "Renewed in time (RFC 4998): {chain}."),
    # why a receipt alone no longer proves its time (core/ers.long_term_verdict)
    QT_TRANSLATE_NOOP("CheckDetails", "the TSA's certificate expired on {date}"),
    QT_TRANSLATE_NOOP("CheckDetails", "its hash algorithm ({alg}) is retired since {date}"),
    QT_TRANSLATE_NOOP("CheckDetails", "its hash algorithm ({alg}) is retired"),
    # manifest_entry (folders)
    QT_TRANSLATE_NOOP("CheckDetails", "The file is listed as “{name}” in the stamped folder manifest of "
                                      "“{folder}” (version {version})."),
    QT_TRANSLATE_NOOP("CheckDetails", "The manifest does not list this file."),
    # evidence bundles
    QT_TRANSLATE_NOOP("CheckDetails", "The folder manifest {name} is missing."),
    QT_TRANSLATE_NOOP("CheckDetails", "{name} is the stamped folder manifest."),
    QT_TRANSLATE_NOOP("CheckDetails", "{name} is not the manifest that was stamped."),
    QT_TRANSLATE_NOOP("CheckDetails", "{name} is listed but missing from the zip."),
    QT_TRANSLATE_NOOP("CheckDetails", "{name} is exactly the stamped file."),
    QT_TRANSLATE_NOOP("CheckDetails", "{name} is NOT the stamped file."),
    QT_TRANSLATE_NOOP("CheckDetails", "The file {name} is exactly the stamped content."),
    QT_TRANSLATE_NOOP("CheckDetails", "{name} is missing from the bundle."),
    QT_TRANSLATE_NOOP("CheckDetails", "{name} is the token inside {response}."),
    QT_TRANSLATE_NOOP("CheckDetails", "{name} is NOT the token inside {response}."),
    QT_TRANSLATE_NOOP("CheckDetails", "manifest.json states the token's own time."),
    QT_TRANSLATE_NOOP("CheckDetails", "manifest.json says {claimed} but the token says {actual}."),
    # revocation (core/revocation.py)
    QT_TRANSLATE_NOOP("CheckDetails", "Good at genTime: the OCSP responder <{url}> said on {when} that the TSA's "
                                      "certificate was not revoked."),
    QT_TRANSLATE_NOOP("CheckDetails", "Good at genTime: the CRL <{url}> of {when} does not list the TSA's "
                                      "certificate as revoked."),
    QT_TRANSLATE_NOOP("CheckDetails", "Revoked: {where} that the TSA's certificate was revoked on {at}, before "
                                      "this time stamp was made ({gen}); it is not proof."),
    QT_TRANSLATE_NOOP("CheckDetails", "Revoked after the stamp: {where} that the TSA's certificate was revoked on "
                                      "{at}, after this time stamp was made ({gen}); a stamp made while the "
                                      "certificate was good stays valid."),
    QT_TRANSLATE_NOOP("CheckDetails", "Not available: no revocation evidence (the TSA's certificate names no OCSP "
                                      "responder and no CRL); this does not make the stamp invalid."),
    QT_TRANSLATE_NOOP("CheckDetails", "Not available: no revocation evidence (none was fetched when the stamp was "
                                      "made (no network, or the stamp is older than this check)); this does not "
                                      "make the stamp invalid."),
    QT_TRANSLATE_NOOP("CheckDetails", "Not available: no revocation evidence (what was fetched is not a valid "
                                      "answer about this certificate); this does not make the stamp invalid."),
    QT_TRANSLATE_NOOP("CheckDetails", "Not available: no revocation evidence (the TSA certificate's issuer is not "
                                      "known); this does not make the stamp invalid."),
)

_FIELD = re.compile(r"\{([a-z_]+)\}")


@lru_cache(maxsize=None)
def _patterns() -> tuple[tuple[re.Pattern, str], ...]:
    """Each template as an anchored pattern (specifics matched lazily); longer templates
    first, so the chain sentence with its expiry note wins over the one without."""
    out = []
    for t in sorted(TEMPLATES, key=len, reverse=True):
        parts, seen, rx = _FIELD.split(t), set(), ""
        for i, p in enumerate(parts):
            if i % 2 == 0:
                rx += re.escape(p)
            else:  # a specific named twice must be the same both times
                rx += f"(?P={p})" if p in seen else f"(?P<{p}>.+?)"
                seen.add(p)
        out.append((re.compile(rx + r"\Z", re.S), t))
    return tuple(out)


def translate_detail(detail: str) -> str:
    """``detail`` in the reader's language, its specifics kept; as written when unknown."""
    for rx, template in _patterns():
        m = rx.match(detail)
        if m:
            text = QCoreApplication.translate(CONTEXT, template)
            for key, value in m.groupdict().items():
                text = text.replace("{" + key + "}", value)
            return text
    return detail
