<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About ProofKit</source>
        <translation>About ProofKit</translation>
    </message>
    <message>
        <source>Proves that a file existed at a given time, with RFC 3161 time stamps from several independent authorities.</source>
        <translation>Proves that a file existed at a given time, with RFC 3161 time stamps from several independent authorities.</translation>
    </message>
    <message>
        <source>Licences of the third-party software in this build:</source>
        <translation>Licences of the third-party software in this build:</translation>
    </message>
    <message>
        <source>Main components and their licences</source>
        <translation>Main components and their licences</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>CheckDetails</name>
    <message>
        <source>The TSA granted the request ({status}).</source>
        <translation>The TSA granted the request ({status}).</translation>
    </message>
    <message>
        <source>The TSA refused to time-stamp ({status}); this is not a time stamp.</source>
        <translation>The TSA refused to time-stamp ({status}); this is not a time stamp.</translation>
    </message>
    <message>
        <source>The TSA said yes but sent no token.</source>
        <translation>The TSA said yes but sent no token.</translation>
    </message>
    <message>
        <source>A signed time-stamp (CMS SignedData with one signer over a TSTInfo).</source>
        <translation>A signed time-stamp (CMS SignedData with one signer over a TSTInfo).</translation>
    </message>
    <message>
        <source>The token is damaged: part of it cannot be read ({error}).</source>
        <translation>The token is damaged: part of it cannot be read ({error}).</translation>
    </message>
    <message>
        <source>The token is not a well-formed CMS SignedData ({error}).</source>
        <translation>The token is not a well-formed CMS SignedData ({error}).</translation>
    </message>
    <message>
        <source>The token has {count} signers; exactly one is required.</source>
        <translation>The token has {count} signers; exactly one is required.</translation>
    </message>
    <message>
        <source>The signed content is not a time-stamp (TSTInfo).</source>
        <translation>The signed content is not a time-stamp (TSTInfo).</translation>
    </message>
    <message>
        <source>The token carries no time-stamp content.</source>
        <translation>The token carries no time-stamp content.</translation>
    </message>
    <message>
        <source>The time-stamp content (TSTInfo) is malformed ({error}).</source>
        <translation>The time-stamp content (TSTInfo) is malformed ({error}).</translation>
    </message>
    <message>
        <source>The signed content-type attribute says TSTInfo.</source>
        <translation>The signed content-type attribute says TSTInfo.</translation>
    </message>
    <message>
        <source>The token has no signed attributes, so nothing binds the signature to the time.</source>
        <translation>The token has no signed attributes, so nothing binds the signature to the time.</translation>
    </message>
    <message>
        <source>The signed attributes are malformed ({error}).</source>
        <translation>The signed attributes are malformed ({error}).</translation>
    </message>
    <message>
        <source>The signed content-type attribute is missing or does not say TSTInfo.</source>
        <translation>The signed content-type attribute is missing or does not say TSTInfo.</translation>
    </message>
    <message>
        <source>The time-stamp content is the one that was signed ({alg}).</source>
        <translation>The time-stamp content is the one that was signed ({alg}).</translation>
    </message>
    <message>
        <source>The token uses an unsupported digest algorithm ({alg}).</source>
        <translation>The token uses an unsupported digest algorithm ({alg}).</translation>
    </message>
    <message>
        <source>The signed message-digest attribute is missing.</source>
        <translation>The signed message-digest attribute is missing.</translation>
    </message>
    <message>
        <source>The time-stamp content was altered after signing (its digest does not match the signed one).</source>
        <translation>The time-stamp content was altered after signing (its digest does not match the signed one).</translation>
    </message>
    <message>
        <source>Signed by “{subject}”.</source>
        <translation>Signed by “{subject}”.</translation>
    </message>
    <message>
        <source>The TSA&apos;s certificate is not in the token; add it with --certs FILE.pem.</source>
        <translation>The TSA&apos;s certificate is not in the token; add it with --certs FILE.pem.</translation>
    </message>
    <message>
        <source>The TSA&apos;s certificate is not in the token or the certificates given; add it with --certs FILE.pem.</source>
        <translation>The TSA&apos;s certificate is not in the token or the certificates given; add it with --certs FILE.pem.</translation>
    </message>
    <message>
        <source>The TSA&apos;s signature is valid ({alg}, {digest}).</source>
        <translation>The TSA&apos;s signature is valid ({alg}, {digest}).</translation>
    </message>
    <message>
        <source>The signature does not match: the token was damaged or forged.</source>
        <translation>The signature does not match: the token was damaged or forged.</translation>
    </message>
    <message>
        <source>The token uses a signature algorithm ProofKit does not accept ({alg}).</source>
        <translation>The token uses a signature algorithm ProofKit does not accept ({alg}).</translation>
    </message>
    <message>
        <source>The signature names exactly this TSA certificate ({how}).</source>
        <translation>The signature names exactly this TSA certificate ({how}).</translation>
    </message>
    <message>
        <source>The signature does not name the TSA certificate (no signing-certificate attribute).</source>
        <translation>The signature does not name the TSA certificate (no signing-certificate attribute).</translation>
    </message>
    <message>
        <source>Unsupported hash in the signing-certificate attribute ({alg}).</source>
        <translation>Unsupported hash in the signing-certificate attribute ({alg}).</translation>
    </message>
    <message>
        <source>The signature names a different TSA certificate than the one found: a certificate was swapped.</source>
        <translation>The signature names a different TSA certificate than the one found: a certificate was swapped.</translation>
    </message>
    <message>
        <source>The signing-certificate attribute names another serial number.</source>
        <translation>The signing-certificate attribute names another serial number.</translation>
    </message>
    <message>
        <source>The signing-certificate attribute is malformed ({error}).</source>
        <translation>The signing-certificate attribute is malformed ({error}).</translation>
    </message>
    <message>
        <source>A time-stamping certificate (critical EKU: timeStamping only; not a CA).</source>
        <translation>A time-stamping certificate (critical EKU: timeStamping only; not a CA).</translation>
    </message>
    <message>
        <source>The certificate is not a time-stamping certificate (it has no time-stamping purpose).</source>
        <translation>The certificate is not a time-stamping certificate (it has no time-stamping purpose).</translation>
    </message>
    <message>
        <source>The certificate&apos;s extensions are malformed ({error}).</source>
        <translation>The certificate&apos;s extensions are malformed ({error}).</translation>
    </message>
    <message>
        <source>The certificate is not a time-stamping certificate (it lacks the time-stamping purpose).</source>
        <translation>The certificate is not a time-stamping certificate (it lacks the time-stamping purpose).</translation>
    </message>
    <message>
        <source>The certificate allows other purposes besides time-stamping, which RFC 3161 forbids.</source>
        <translation>The certificate allows other purposes besides time-stamping, which RFC 3161 forbids.</translation>
    </message>
    <message>
        <source>The certificate&apos;s time-stamping purpose is not marked critical, as RFC 3161 requires.</source>
        <translation>The certificate&apos;s time-stamping purpose is not marked critical, as RFC 3161 requires.</translation>
    </message>
    <message>
        <source>The signing certificate is a CA certificate, not a TSA&apos;s own certificate.</source>
        <translation>The signing certificate is a CA certificate, not a TSA&apos;s own certificate.</translation>
    </message>
    <message>
        <source>The certificate&apos;s key may not be used for signatures (key usage).</source>
        <translation>The certificate&apos;s key may not be used for signatures (key usage).</translation>
    </message>
    <message>
        <source>The TSA&apos;s certificate chains to the trusted root “{root}” ({source}), all valid on {when}.</source>
        <translation>The TSA&apos;s certificate chains to the trusted root “{root}” ({source}), all valid on {when}.</translation>
    </message>
    <message>
        <source>The TSA&apos;s certificate chains to the trusted root “{root}” ({source}), all valid on {when}. The certificate “{cert}” has expired since ({expired}); that is normal and does not weaken a time stamp made while it was valid.</source>
        <translation>The TSA&apos;s certificate chains to the trusted root “{root}” ({source}), all valid on {when}. The certificate “{cert}” has expired since ({expired}); that is normal and does not weaken a time stamp made while it was valid.</translation>
    </message>
    <message>
        <source>The TSA&apos;s certificate was not valid at the time of the stamp ({when}): it is valid from {start} to {end}.</source>
        <translation>The TSA&apos;s certificate was not valid at the time of the stamp ({when}): it is valid from {start} to {end}.</translation>
    </message>
    <message>
        <source>The token carries too many candidate certificates to check.</source>
        <translation>The token carries too many candidate certificates to check.</translation>
    </message>
    <message>
        <source>“{subject}” was not valid at the time of the stamp ({when}).</source>
        <translation>“{subject}” was not valid at the time of the stamp ({when}).</translation>
    </message>
    <message>
        <source>The TSA&apos;s certificate does not lead to any trusted root: this TSA is not trusted here. If you trust it, add its root with --trust FILE.pem.</source>
        <translation>The TSA&apos;s certificate does not lead to any trusted root: this TSA is not trusted here. If you trust it, add its root with --trust FILE.pem.</translation>
    </message>
    <message>
        <source>The time stamp is over a SHA-1 digest, which is too weak to identify a file; it is refused.</source>
        <translation>The time stamp is over a SHA-1 digest, which is too weak to identify a file; it is refused.</translation>
    </message>
    <message>
        <source>The time stamp uses an unsupported digest algorithm ({alg}).</source>
        <translation>The time stamp uses an unsupported digest algorithm ({alg}).</translation>
    </message>
    <message>
        <source>The time stamp is over a {alg} digest, but a {given} digest was given.</source>
        <translation>The time stamp is over a {alg} digest, but a {given} digest was given.</translation>
    </message>
    <message>
        <source>No file or digest was given to compare with the time stamp.</source>
        <translation>No file or digest was given to compare with the time stamp.</translation>
    </message>
    <message>
        <source>The time stamp is for a different file: the file does not match the stamped {alg} digest.</source>
        <translation>The time stamp is for a different file: the file does not match the stamped {alg} digest.</translation>
    </message>
    <message>
        <source>The time stamp is for a different file: the digest given does not match the stamped {alg} digest.</source>
        <translation>The time stamp is for a different file: the digest given does not match the stamped {alg} digest.</translation>
    </message>
    <message>
        <source>The time stamp is for exactly this content ({alg} {digest}).</source>
        <translation>The time stamp is for exactly this content ({alg} {digest}).</translation>
    </message>
    <message>
        <source>The answer carries the nonce we sent (it is fresh, not replayed).</source>
        <translation>The answer carries the nonce we sent (it is fresh, not replayed).</translation>
    </message>
    <message>
        <source>The answer does not carry the nonce we sent: it is an old or replayed answer.</source>
        <translation>The answer does not carry the nonce we sent: it is an old or replayed answer.</translation>
    </message>
    <message>
        <source>The TSA dated this fresh stamp {stamped} UTC, but it was asked at {asked} UTC: its clock is wrong, so the stamp is not kept as proof.</source>
        <translation>The TSA dated this fresh stamp {stamped} UTC, but it was asked at {asked} UTC: its clock is wrong, so the stamp is not kept as proof.</translation>
    </message>
    <message>
        <source>Dated when it was asked ({asked} UTC), within the tolerated clock difference.</source>
        <translation>Dated when it was asked ({asked} UTC), within the tolerated clock difference.</translation>
    </message>
    <message>
        <source>The TSA dated this stamp {stamped}, later than now ({now}): a genuine TSA cannot do that, so its clock (or this computer&apos;s) is wrong; the stamp is not proof.</source>
        <translation>The TSA dated this stamp {stamped}, later than now ({now}): a genuine TSA cannot do that, so its clock (or this computer&apos;s) is wrong; the stamp is not proof.</translation>
    </message>
    <message>
        <source>The TSA dated this stamp {stamped} UTC, but it was asked at {asked} UTC: its clock is wrong, so the stamp is not proof.</source>
        <translation>The TSA dated this stamp {stamped} UTC, but it was asked at {asked} UTC: its clock is wrong, so the stamp is not proof.</translation>
    </message>
    <message>
        <source>The TSA has not answered yet: this is not a time stamp yet.</source>
        <translation>The TSA has not answered yet: this is not a time stamp yet.</translation>
    </message>
    <message>
        <source>The time-stamp content (TSTInfo) is not DER ({error}); what is signed must be.</source>
        <translation>The time-stamp content (TSTInfo) is not DER ({error}); what is signed must be.</translation>
    </message>
    <message>
        <source>The signed attributes are not DER ({error}), as RFC 5652 requires of what is signed.</source>
        <translation>The signed attributes are not DER ({error}), as RFC 5652 requires of what is signed.</translation>
    </message>
    <message>
        <source>The token carries more than one signing-certificate attribute of a kind; which certificate it names is ambiguous.</source>
        <translation>The token carries more than one signing-certificate attribute of a kind; which certificate it names is ambiguous.</translation>
    </message>
    <message>
        <source>The signature names a different TSA certificate than the one found ({how}): a certificate was swapped.</source>
        <translation>The signature names a different TSA certificate than the one found ({how}): a certificate was swapped.</translation>
    </message>
    <message>
        <source>The signing-certificate attribute ({how}) names another serial number.</source>
        <translation>The signing-certificate attribute ({how}) names another serial number.</translation>
    </message>
    <message>
        <source>The signing-certificate attribute ({how}) names another issuer than the certificate&apos;s.</source>
        <translation>The signing-certificate attribute ({how}) names another issuer than the certificate&apos;s.</translation>
    </message>
    <message>
        <source>The certificate carries a critical extension ProofKit does not understand ({oid}).</source>
        <translation>The certificate carries a critical extension ProofKit does not understand ({oid}).</translation>
    </message>
    <message>
        <source>The stamped {alg} digest has {got} bytes; a {alg} digest has {size}: the time stamp is malformed.</source>
        <translation>The stamped {alg} digest has {got} bytes; a {alg} digest has {size}: the time stamp is malformed.</translation>
    </message>
    <message>
        <source>No evidence record holds: {reason}</source>
        <translation>No evidence record holds: {reason}</translation>
    </message>
    <message>
        <source>{name} missing from the bundle.</source>
        <translation>{name} missing from the bundle.</translation>
    </message>
    <message>
        <source>Renewed in time (RFC 4998): {chain}.</source>
        <translation>Renewed in time (RFC 4998): {chain}.</translation>
    </message>
    <message>
        <source>the TSA&apos;s certificate expired on {date}</source>
        <translation>the TSA&apos;s certificate expired on {date}</translation>
    </message>
    <message>
        <source>its hash algorithm ({alg}) is retired since {date}</source>
        <translation>its hash algorithm ({alg}) is retired since {date}</translation>
    </message>
    <message>
        <source>its hash algorithm ({alg}) is retired</source>
        <translation>its hash algorithm ({alg}) is retired</translation>
    </message>
    <message>
        <source>The file is listed as “{name}” in the stamped folder manifest of “{folder}” (version {version}).</source>
        <translation>The file is listed as “{name}” in the stamped folder manifest of “{folder}” (version {version}).</translation>
    </message>
    <message>
        <source>The manifest does not list this file.</source>
        <translation>The manifest does not list this file.</translation>
    </message>
    <message>
        <source>The folder manifest {name} is missing.</source>
        <translation>The folder manifest {name} is missing.</translation>
    </message>
    <message>
        <source>{name} is the stamped folder manifest.</source>
        <translation>{name} is the stamped folder manifest.</translation>
    </message>
    <message>
        <source>{name} is not the manifest that was stamped.</source>
        <translation>{name} is not the manifest that was stamped.</translation>
    </message>
    <message>
        <source>{name} is listed but missing from the zip.</source>
        <translation>{name} is listed but missing from the zip.</translation>
    </message>
    <message>
        <source>{name} is exactly the stamped file.</source>
        <translation>{name} is exactly the stamped file.</translation>
    </message>
    <message>
        <source>{name} is NOT the stamped file.</source>
        <translation>{name} is NOT the stamped file.</translation>
    </message>
    <message>
        <source>The file {name} is exactly the stamped content.</source>
        <translation>The file {name} is exactly the stamped content.</translation>
    </message>
    <message>
        <source>{name} is missing from the bundle.</source>
        <translation>{name} is missing from the bundle.</translation>
    </message>
    <message>
        <source>{name} is the token inside {response}.</source>
        <translation>{name} is the token inside {response}.</translation>
    </message>
    <message>
        <source>{name} is NOT the token inside {response}.</source>
        <translation>{name} is NOT the token inside {response}.</translation>
    </message>
    <message>
        <source>manifest.json states the token&apos;s own time.</source>
        <translation>manifest.json states the token&apos;s own time.</translation>
    </message>
    <message>
        <source>manifest.json says {claimed} but the token says {actual}.</source>
        <translation>manifest.json says {claimed} but the token says {actual}.</translation>
    </message>
    <message>
        <source>Good at genTime: the OCSP responder &lt;{url}&gt; said on {when} that the TSA&apos;s certificate was not revoked.</source>
        <translation>Good at genTime: the OCSP responder &lt;{url}&gt; said on {when} that the TSA&apos;s certificate was not revoked.</translation>
    </message>
    <message>
        <source>Good at genTime: the CRL &lt;{url}&gt; of {when} does not list the TSA&apos;s certificate as revoked.</source>
        <translation>Good at genTime: the CRL &lt;{url}&gt; of {when} does not list the TSA&apos;s certificate as revoked.</translation>
    </message>
    <message>
        <source>Revoked: {where} that the TSA&apos;s certificate was revoked on {at}, before this time stamp was made ({gen}); it is not proof.</source>
        <translation>Revoked: {where} that the TSA&apos;s certificate was revoked on {at}, before this time stamp was made ({gen}); it is not proof.</translation>
    </message>
    <message>
        <source>Revoked after the stamp: {where} that the TSA&apos;s certificate was revoked on {at}, after this time stamp was made ({gen}); a stamp made while the certificate was good stays valid.</source>
        <translation>Revoked after the stamp: {where} that the TSA&apos;s certificate was revoked on {at}, after this time stamp was made ({gen}); a stamp made while the certificate was good stays valid.</translation>
    </message>
    <message>
        <source>Not available: no revocation evidence (the TSA&apos;s certificate names no OCSP responder and no CRL); this does not make the stamp invalid.</source>
        <translation>Not available: no revocation evidence (the TSA&apos;s certificate names no OCSP responder and no CRL); this does not make the stamp invalid.</translation>
    </message>
    <message>
        <source>Not available: no revocation evidence (none was fetched when the stamp was made (no network, or the stamp is older than this check)); this does not make the stamp invalid.</source>
        <translation>Not available: no revocation evidence (none was fetched when the stamp was made (no network, or the stamp is older than this check)); this does not make the stamp invalid.</translation>
    </message>
    <message>
        <source>Not available: no revocation evidence (what was fetched is not a valid answer about this certificate); this does not make the stamp invalid.</source>
        <translation>Not available: no revocation evidence (what was fetched is not a valid answer about this certificate); this does not make the stamp invalid.</translation>
    </message>
    <message>
        <source>Not available: no revocation evidence (the TSA certificate&apos;s issuer is not known); this does not make the stamp invalid.</source>
        <translation>Not available: no revocation evidence (the TSA certificate&apos;s issuer is not known); this does not make the stamp invalid.</translation>
    </message>
</context>
<context>
    <name>Checks</name>
    <message>
        <source>Authority&apos;s answer</source>
        <translation>Authority&apos;s answer</translation>
    </message>
    <message>
        <source>Time-stamp format</source>
        <translation>Time-stamp format</translation>
    </message>
    <message>
        <source>Signed content type</source>
        <translation>Signed content type</translation>
    </message>
    <message>
        <source>Signed content intact</source>
        <translation>Signed content intact</translation>
    </message>
    <message>
        <source>Signer&apos;s certificate</source>
        <translation>Signer&apos;s certificate</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Certificate named by the signature</source>
        <translation>Certificate named by the signature</translation>
    </message>
    <message>
        <source>Time-stamping certificate</source>
        <translation>Time-stamping certificate</translation>
    </message>
    <message>
        <source>Chain of trust</source>
        <translation>Chain of trust</translation>
    </message>
    <message>
        <source>File fingerprint</source>
        <translation>File fingerprint</translation>
    </message>
    <message>
        <source>Fresh answer</source>
        <translation>Fresh answer</translation>
    </message>
    <message>
        <source>Time of the stamp</source>
        <translation>Time of the stamp</translation>
    </message>
    <message>
        <source>Certificate not revoked</source>
        <translation>Certificate not revoked</translation>
    </message>
    <message>
        <source>Listed in the folder manifest</source>
        <translation>Listed in the folder manifest</translation>
    </message>
    <message>
        <source>Folder manifest</source>
        <translation>Folder manifest</translation>
    </message>
    <message>
        <source>Original file</source>
        <translation>Original file</translation>
    </message>
    <message>
        <source>Your file</source>
        <translation>Your file</translation>
    </message>
    <message>
        <source>Time-stamp file</source>
        <translation>Time-stamp file</translation>
    </message>
    <message>
        <source>Time stated by the bundle</source>
        <translation>Time stated by the bundle</translation>
    </message>
    <message>
        <source>Renewal (evidence record)</source>
        <translation>Renewal (evidence record)</translation>
    </message>
    <message>
        <source>The authority accepted the request and sent a time stamp.</source>
        <translation>The authority accepted the request and sent a time stamp.</translation>
    </message>
    <message>
        <source>The answer is a well-formed, signed time stamp.</source>
        <translation>The answer is a well-formed, signed time stamp.</translation>
    </message>
    <message>
        <source>The signature says it covers a time stamp, as it must.</source>
        <translation>The signature says it covers a time stamp, as it must.</translation>
    </message>
    <message>
        <source>The time-stamp content is exactly what the authority signed.</source>
        <translation>The time-stamp content is exactly what the authority signed.</translation>
    </message>
    <message>
        <source>The certificate of the authority that signed was found.</source>
        <translation>The certificate of the authority that signed was found.</translation>
    </message>
    <message>
        <source>The authority&apos;s signature is valid: the time stamp is intact.</source>
        <translation>The authority&apos;s signature is valid: the time stamp is intact.</translation>
    </message>
    <message>
        <source>The signature names exactly this certificate.</source>
        <translation>The signature names exactly this certificate.</translation>
    </message>
    <message>
        <source>The certificate is one meant for time-stamping only.</source>
        <translation>The certificate is one meant for time-stamping only.</translation>
    </message>
    <message>
        <source>The certificate leads to a root this computer trusts and was valid at the stamped time.</source>
        <translation>The certificate leads to a root this computer trusts and was valid at the stamped time.</translation>
    </message>
    <message>
        <source>The time stamp is for exactly this content.</source>
        <translation>The time stamp is for exactly this content.</translation>
    </message>
    <message>
        <source>The answer carries the random number ProofKit sent: it is fresh, not replayed.</source>
        <translation>The answer carries the random number ProofKit sent: it is fresh, not replayed.</translation>
    </message>
    <message>
        <source>The authority&apos;s clock agrees with this computer&apos;s.</source>
        <translation>The authority&apos;s clock agrees with this computer&apos;s.</translation>
    </message>
    <message>
        <source>The authority&apos;s certificate had not been revoked when it signed (or no revocation record is available; the detail says which).</source>
        <translation>The authority&apos;s certificate had not been revoked when it signed (or no revocation record is available; the detail says which).</translation>
    </message>
    <message>
        <source>The file is listed in the stamped folder manifest.</source>
        <translation>The file is listed in the stamped folder manifest.</translation>
    </message>
    <message>
        <source>The folder manifest in the bundle is the one that was stamped.</source>
        <translation>The folder manifest in the bundle is the one that was stamped.</translation>
    </message>
    <message>
        <source>The original in the bundle is exactly the stamped file.</source>
        <translation>The original in the bundle is exactly the stamped file.</translation>
    </message>
    <message>
        <source>Your file is exactly the stamped content.</source>
        <translation>Your file is exactly the stamped content.</translation>
    </message>
    <message>
        <source>The time-stamp file in the bundle is the one verified.</source>
        <translation>The time-stamp file in the bundle is the one verified.</translation>
    </message>
    <message>
        <source>The time the bundle states is the time stamp&apos;s own.</source>
        <translation>The time the bundle states is the time stamp&apos;s own.</translation>
    </message>
    <message>
        <source>The time stamp was stamped again in time, before its authority&apos;s certificate expired.</source>
        <translation>The time stamp was stamped again in time, before its authority&apos;s certificate expired.</translation>
    </message>
    <message>
        <source>The authority refused the request or sent no time stamp.</source>
        <translation>The authority refused the request or sent no time stamp.</translation>
    </message>
    <message>
        <source>The answer is not a well-formed time stamp (damaged, or something else).</source>
        <translation>The answer is not a well-formed time stamp (damaged, or something else).</translation>
    </message>
    <message>
        <source>The signature does not say it covers a time stamp.</source>
        <translation>The signature does not say it covers a time stamp.</translation>
    </message>
    <message>
        <source>The time-stamp content differs from what the authority signed.</source>
        <translation>The time-stamp content differs from what the authority signed.</translation>
    </message>
    <message>
        <source>The certificate of the authority that signed is missing.</source>
        <translation>The certificate of the authority that signed is missing.</translation>
    </message>
    <message>
        <source>The signature does not match: the time stamp was damaged or forged.</source>
        <translation>The signature does not match: the time stamp was damaged or forged.</translation>
    </message>
    <message>
        <source>The signature does not name this certificate.</source>
        <translation>The signature does not name this certificate.</translation>
    </message>
    <message>
        <source>The certificate is not a proper time-stamping certificate.</source>
        <translation>The certificate is not a proper time-stamping certificate.</translation>
    </message>
    <message>
        <source>The certificate does not lead to a root this computer trusts, or was not valid at the stamped time.</source>
        <translation>The certificate does not lead to a root this computer trusts, or was not valid at the stamped time.</translation>
    </message>
    <message>
        <source>The time stamp is for different content (or uses a digest too weak to count).</source>
        <translation>The time stamp is for different content (or uses a digest too weak to count).</translation>
    </message>
    <message>
        <source>The answer lacks the random number ProofKit sent: it may be old or replayed.</source>
        <translation>The answer lacks the random number ProofKit sent: it may be old or replayed.</translation>
    </message>
    <message>
        <source>The authority dated the stamp far from when it was asked: its clock is wrong, so the stamp is not kept as proof.</source>
        <translation>The authority dated the stamp far from when it was asked: its clock is wrong, so the stamp is not kept as proof.</translation>
    </message>
    <message>
        <source>The authority&apos;s certificate had been revoked before it signed this stamp: it is not proof.</source>
        <translation>The authority&apos;s certificate had been revoked before it signed this stamp: it is not proof.</translation>
    </message>
    <message>
        <source>The stamped folder manifest does not list this file.</source>
        <translation>The stamped folder manifest does not list this file.</translation>
    </message>
    <message>
        <source>The folder manifest is missing, or is not the one that was stamped.</source>
        <translation>The folder manifest is missing, or is not the one that was stamped.</translation>
    </message>
    <message>
        <source>The original is missing from the bundle or differs from the stamped file.</source>
        <translation>The original is missing from the bundle or differs from the stamped file.</translation>
    </message>
    <message>
        <source>Your file does not match the stamped content.</source>
        <translation>Your file does not match the stamped content.</translation>
    </message>
    <message>
        <source>A time-stamp file is missing from the bundle or does not match.</source>
        <translation>A time-stamp file is missing from the bundle or does not match.</translation>
    </message>
    <message>
        <source>The time the bundle states differs from the time stamp&apos;s own.</source>
        <translation>The time the bundle states differs from the time stamp&apos;s own.</translation>
    </message>
    <message>
        <source>No renewal of this time stamp holds (missing, changed, or made too late).</source>
        <translation>No renewal of this time stamp holds (missing, changed, or made too late).</translation>
    </message>
</context>
<context>
    <name>ComparePage</name>
    <message>
        <source>Compare your work with a copy you found: your model and its re-upload, or your manuscript and a suspected copy. Everything is computed on this computer.</source>
        <translation>Compare your work with a copy you found: your model and its re-upload, or your manuscript and a suspected copy. Everything is computed on this computer.</translation>
    </message>
    <message>
        <source>Yours</source>
        <translation>Yours</translation>
    </message>
    <message>
        <source>Your model or manuscript: a file or a folder of chapters</source>
        <translation>Your model or manuscript: a file or a folder of chapters</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Theirs</translation>
    </message>
    <message>
        <source>The copy you found: a model, a sample picture, a manuscript or a saved web page</source>
        <translation>The copy you found: a model, a sample picture, a manuscript or a saved web page</translation>
    </message>
    <message>
        <source>Pick yours from the ledger</source>
        <translation>Pick yours from the ledger</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Compare</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>&amp;Save report…</translation>
    </message>
    <message>
        <source>&amp;Add to an evidence bundle…</source>
        <translation>&amp;Add to an evidence bundle…</translation>
    </message>
    <message>
        <source>S&amp;tamp the copy found too</source>
        <translation>S&amp;tamp the copy found too</translation>
    </message>
    <message>
        <source>Time-stamps their file as it is today, as a work of its own: proof of what you found and when.</source>
        <translation>Time-stamps their file as it is today, as a work of its own: proof of what you found and when.</translation>
    </message>
    <message>
        <source>…or pick yours from the ledger</source>
        <translation>…or pick yours from the ledger</translation>
    </message>
    <message>
        <source>Model: “%1” (%2)</source>
        <translation>Model: “%1” (%2)</translation>
    </message>
    <message>
        <source>Manuscript: “%1” (every stamped draft)</source>
        <translation>Manuscript: “%1” (every stamped draft)</translation>
    </message>
    <message>
        <source>not chosen yet</source>
        <translation>not chosen yet</translation>
    </message>
    <message>
        <source>Yours:</source>
        <translation>Yours:</translation>
    </message>
    <message>
        <source>Theirs:</source>
        <translation>Theirs:</translation>
    </message>
    <message>
        <source>Comparing %1 with %2…</source>
        <translation>Comparing %1 with %2…</translation>
    </message>
    <message>
        <source>Same file</source>
        <translation>Same file</translation>
    </message>
    <message>
        <source>Same weights, re-encoded</source>
        <translation>Same weights, re-encoded</translation>
    </message>
    <message>
        <source>Derived from yours</source>
        <translation>Derived from yours</translation>
    </message>
    <message>
        <source>No evidence of derivation</source>
        <translation>No evidence of derivation</translation>
    </message>
    <message>
        <source>The picture names your model</source>
        <translation>The picture names your model</translation>
    </message>
    <message>
        <source>The picture names another model</source>
        <translation>The picture names another model</translation>
    </message>
    <message>
        <source>The picture names no model</source>
        <translation>The picture names no model</translation>
    </message>
    <message>
        <source>Tensors identical: %1 byte for byte, %2 after fp16 rounding, %3 after bf16 rounding — %4 of the %5 tensors in theirs.</source>
        <translation>Tensors identical: %1 byte for byte, %2 after fp16 rounding, %3 after bf16 rounding — %4 of the %5 tensors in theirs.</translation>
    </message>
    <message>
        <source>Share of their parameters identical to yours: %1 · names changed: %2 · metadata: %3</source>
        <translation>Share of their parameters identical to yours: %1 · names changed: %2 · metadata: %3</translation>
    </message>
    <message>
        <source>Estimated share of yours in theirs: %1 (the paired tensors cover %2 of theirs)</source>
        <translation>Estimated share of yours in theirs: %1 (the paired tensors cover %2 of theirs)</translation>
    </message>
    <message>
        <source>LoRA modules with the same effective change: %1 of %2</source>
        <translation>LoRA modules with the same effective change: %1 of %2</translation>
    </message>
    <message>
        <source>The picture&apos;s %1 %2 equals your model&apos;s %3.</source>
        <translation>The picture&apos;s %1 %2 equals your model&apos;s %3.</translation>
    </message>
    <message>
        <source>Your fingerprint: version %1 of “%2”, stamped %3 (earliest of %4 verified receipts).</source>
        <translation>Your fingerprint: version %1 of “%2”, stamped %3 (earliest of %4 verified receipts).</translation>
    </message>
    <message>
        <source>Your fingerprint: version %1 of “%2”, with no verified receipt yet: not proof.</source>
        <translation>Your fingerprint: version %1 of “%2”, with no verified receipt yet: not proof.</translation>
    </message>
    <message>
        <source>Cosine similarity of the paired tensors that are not identical</source>
        <translation>Cosine similarity of the paired tensors that are not identical</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <source>none on either side</source>
        <translation>none on either side</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>%1 passage(s) of yours found in theirs (事件)</source>
        <translation>%1 passage(s) of yours found in theirs (事件)</translation>
    </message>
    <message>
        <source>No passage of yours found in theirs</source>
        <translation>No passage of yours found in theirs</translation>
    </message>
    <message>
        <source>事件: %1 (%2 identical, %3 rewritten) · 雷同字数 (identical characters): %4</source>
        <translation>事件: %1 (%2 identical, %3 rewritten) · 雷同字数 (identical characters): %4</translation>
    </message>
    <message>
        <source>Coverage: %1 of theirs is identical to yours and %2 rewritten</source>
        <translation>Coverage: %1 of theirs is identical to yours and %2 rewritten</translation>
    </message>
    <message>
        <source>%1 of yours appears in theirs</source>
        <translation>%1 of yours appears in theirs</translation>
    </message>
    <message>
        <source>Longest passage: 事件 %1, %2 identical characters</source>
        <translation>Longest passage: 事件 %1, %2 identical characters</translation>
    </message>
    <message>
        <source>Searched %1 stamped draft(s); each passage points to the earliest one that contains it.</source>
        <translation>Searched %1 stamped draft(s); each passage points to the earliest one that contains it.</translation>
    </message>
    <message>
        <source>PDF report (*.pdf);;Web page (*.html);;JSON (*.json)</source>
        <translation>PDF report (*.pdf);;Web page (*.html);;JSON (*.json)</translation>
    </message>
    <message>
        <source>;;Spreadsheet (*.csv)</source>
        <translation>;;Spreadsheet (*.csv)</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>Report saved to %1</source>
        <translation>Report saved to %1</translation>
    </message>
    <message>
        <source>Save the evidence bundle</source>
        <translation>Save the evidence bundle</translation>
    </message>
    <message>
        <source>Evidence bundle (*.zip)</source>
        <translation>Evidence bundle (*.zip)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Evidence bundle saved to %1</source>
        <translation>Evidence bundle saved to %1</translation>
    </message>
    <message>
        <source>%1 — found copy</source>
        <translation>%1 — found copy</translation>
    </message>
    <message>
        <source>Stamping %1…</source>
        <translation>Stamping %1…</translation>
    </message>
    <message>
        <source>Stamped as “%1”: the copy as you found it, with its time stamps.</source>
        <translation>Stamped as “%1”: the copy as you found it, with its time stamps.</translation>
    </message>
    <message>
        <source>Stamped as “%1”; its time stamps are pending and are completed later.</source>
        <translation>Stamped as “%1”; its time stamps are pending and are completed later.</translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Choose files…</source>
        <translation>Choose files…</translation>
    </message>
    <message>
        <source>Choose a folder…</source>
        <translation>Choose a folder…</translation>
    </message>
    <message>
        <source>Choose files</source>
        <translation>Choose files</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Choose a folder</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>A file or folder could not be used: %1</source>
        <translation>A file or folder could not be used: %1</translation>
    </message>
    <message>
        <source>Check that it exists and that you may read it, then try again.</source>
        <translation>Check that it exists and that you may read it, then try again.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong (%1).</source>
        <translation>Something unexpected went wrong (%1).</translation>
    </message>
    <message>
        <source>Nothing in your ledger was lost. Please copy the details below and send them to the ProofKit developers.</source>
        <translation>Nothing in your ledger was lost. Please copy the details below and send them to the ProofKit developers.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>Hide details</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Show details</translation>
    </message>
    <message>
        <source>ProofKit</source>
        <translation>ProofKit</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export evidence</source>
        <translation>Export evidence</translation>
    </message>
    <message>
        <source>An evidence bundle is one .zip file with the time stamps, the certificates and a report anyone can check without ProofKit.</source>
        <translation>An evidence bundle is one .zip file with the time stamps, the certificates and a report anyone can check without ProofKit.</translation>
    </message>
    <message>
        <source>&amp;Work:</source>
        <translation>&amp;Work:</translation>
    </message>
    <message>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <source>&amp;Include the original files</source>
        <translation>&amp;Include the original files</translation>
    </message>
    <message>
        <source>With the originals, anyone can check the bundle alone; without them, the bundle holds only fingerprints, so you can share it without revealing your work.</source>
        <translation>With the originals, anyone can check the bundle alone; without them, the bundle holds only fingerprints, so you can share it without revealing your work.</translation>
    </message>
    <message>
        <source>Report &amp;language:</source>
        <translation>Report &amp;language:</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>Save &amp;as:</source>
        <translation>Save &amp;as:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <source>Nothing to export yet: stamp a file first.</source>
        <translation>Nothing to export yet: stamp a file first.</translation>
    </message>
    <message>
        <source>All versions of this work</source>
        <translation>All versions of this work</translation>
    </message>
    <message>
        <source>Save the evidence bundle</source>
        <translation>Save the evidence bundle</translation>
    </message>
    <message>
        <source>Evidence bundle (*.zip)</source>
        <translation>Evidence bundle (*.zip)</translation>
    </message>
    <message>
        <source>Choose where to save the bundle.</source>
        <translation>Choose where to save the bundle.</translation>
    </message>
    <message>
        <source>%1 already exists; choose another name.</source>
        <translation>%1 already exists; choose another name.</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Saved: %1 — %2 version(s), %3 verified time stamp(s).</source>
        <translation>Saved: %1 — %2 version(s), %3 verified time stamp(s).</translation>
    </message>
    <message>
        <source>%1 receipt(s) were left out because they are not proof (pending or failed).</source>
        <translation>%1 receipt(s) were left out because they are not proof (pending or failed).</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
</context>
<context>
    <name>Format</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>(± %1 s)</source>
        <translation>(± %1 s)</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>Find a work by title or file name…</source>
        <translation>Find a work by title or file name…</translation>
    </message>
    <message>
        <source>Find a work</source>
        <translation>Find a work</translation>
    </message>
    <message>
        <source>All &amp;receipts (for experts)</source>
        <translation>All &amp;receipts (for experts)</translation>
    </message>
    <message>
        <source>Double-click a work (or press Enter) to see its drafts on a timeline.</source>
        <translation>Double-click a work (or press Enter) to see its drafts on a timeline.</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← Back</translation>
    </message>
    <message>
        <source>Search by file name, work or fingerprint (SHA-256)…</source>
        <translation>Search by file name, work or fingerprint (SHA-256)…</translation>
    </message>
    <message>
        <source>Search the ledger</source>
        <translation>Search the ledger</translation>
    </message>
    <message>
        <source>&amp;Export evidence…</source>
        <translation>&amp;Export evidence…</translation>
    </message>
    <message>
        <source>The ledger could not be opened</source>
        <translation>The ledger could not be opened</translation>
    </message>
    <message>
        <source>Give up on %1?</source>
        <translation>Give up on %1?</translation>
    </message>
    <message>
        <source>%1 never answered. Give up on it? Its pending stamps are kept in your ledger as given up and it is not asked again. Your verified time stamps are not touched.</source>
        <translation>%1 never answered. Give up on it? Its pending stamps are kept in your ledger as given up and it is not asked again. Your verified time stamps are not touched.</translation>
    </message>
    <message>
        <source>&amp;Give up</source>
        <translation>&amp;Give up</translation>
    </message>
    <message>
        <source>&amp;Keep waiting</source>
        <translation>&amp;Keep waiting</translation>
    </message>
    <message>
        <source>All receipts</source>
        <translation>All receipts</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Receipts</translation>
    </message>
    <message numerus="yes">
        <source>%n work(s)</source>
        <translation>
            <numerusform>%n work</numerusform>
            <numerusform>%n works</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 receipts, %2 verified</source>
        <translation>%1 receipts, %2 verified</translation>
    </message>
    <message>
        <source>%1 pending (retried automatically)</source>
        <translation>%1 pending (retried automatically)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Back up now…</source>
        <translation>&amp;Back up now…</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>&amp;Stamp</source>
        <translation>&amp;Stamp</translation>
    </message>
    <message>
        <source>&amp;Ledger</source>
        <translation>&amp;Ledger</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Verify</translation>
    </message>
    <message>
        <source>C&amp;ompare</source>
        <translation>C&amp;ompare</translation>
    </message>
    <message>
        <source>Completing pending stamps…</source>
        <translation>Completing pending stamps…</translation>
    </message>
    <message>
        <source>The ledger could not be opened</source>
        <translation>The ledger could not be opened</translation>
    </message>
    <message>
        <source>Your ledger has never been backed up. It is the only copy of your receipts: keep a backup on another disk or cloud folder.</source>
        <translation>Your ledger has never been backed up. It is the only copy of your receipts: keep a backup on another disk or cloud folder.</translation>
    </message>
    <message>
        <source>Your ledger was last backed up %1 days ago. Make a fresh copy on another disk or cloud folder.</source>
        <translation>Your ledger was last backed up %1 days ago. Make a fresh copy on another disk or cloud folder.</translation>
    </message>
    <message>
        <source>Your proof could not be copied to its mirror at %1 (is the disk or cloud folder there?). It is safe on this computer; the copy catches up after the next change.</source>
        <translation>Your proof could not be copied to its mirror at %1 (is the disk or cloud folder there?). It is safe on this computer; the copy catches up after the next change.</translation>
    </message>
    <message>
        <source>Your proof is mirrored to %1; last copy %2.</source>
        <translation>Your proof is mirrored to %1; last copy %2.</translation>
    </message>
    <message>
        <source>Your proof will be mirrored to %1 after the next change.</source>
        <translation>Your proof will be mirrored to %1 after the next change.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Stamp &amp;files…</source>
        <translation>Stamp &amp;files…</translation>
    </message>
    <message>
        <source>Stamp a f&amp;older…</source>
        <translation>Stamp a f&amp;older…</translation>
    </message>
    <message>
        <source>&amp;Verify a file…</source>
        <translation>&amp;Verify a file…</translation>
    </message>
    <message>
        <source>&amp;Export evidence…</source>
        <translation>&amp;Export evidence…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Complete pending stamps now</source>
        <translation>&amp;Complete pending stamps now</translation>
    </message>
    <message>
        <source>C&amp;heck the ledger for tampering</source>
        <translation>C&amp;heck the ledger for tampering</translation>
    </message>
    <message>
        <source>&amp;Back up the ledger…</source>
        <translation>&amp;Back up the ledger…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Welcome</source>
        <translation>&amp;Welcome</translation>
    </message>
    <message>
        <source>Open the &amp;log folder</source>
        <translation>Open the &amp;log folder</translation>
    </message>
    <message>
        <source>&amp;About ProofKit</source>
        <translation>&amp;About ProofKit</translation>
    </message>
    <message>
        <source>%1 pending stamp(s) retried, %2 now verified.</source>
        <translation>%1 pending stamp(s) retried, %2 now verified.</translation>
    </message>
    <message>
        <source>Checking the ledger…</source>
        <translation>Checking the ledger…</translation>
    </message>
    <message>
        <source>Ledger intact</source>
        <translation>Ledger intact</translation>
    </message>
    <message>
        <source>Every entry of the ledger is chained and unchanged.</source>
        <translation>Every entry of the ledger is chained and unchanged.</translation>
    </message>
    <message>
        <source>The ledger was changed outside ProofKit</source>
        <translation>The ledger was changed outside ProofKit</translation>
    </message>
    <message>
        <source>%1 problem(s) found. Your receipts&apos; tokens can still be verified one by one; keep a backup of this file as it is.</source>
        <translation>%1 problem(s) found. Your receipts&apos; tokens can still be verified one by one; keep a backup of this file as it is.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Back up the ledger</source>
        <translation>Back up the ledger</translation>
    </message>
    <message>
        <source>Ledger (*.sqlite3)</source>
        <translation>Ledger (*.sqlite3)</translation>
    </message>
    <message>
        <source>Ledger backed up to %1</source>
        <translation>Ledger backed up to %1</translation>
    </message>
    <message>
        <source>completing pending stamps</source>
        <translation>completing pending stamps</translation>
    </message>
    <message>
        <source>checking the ledger</source>
        <translation>checking the ledger</translation>
    </message>
    <message>
        <source>backing up the ledger</source>
        <translation>backing up the ledger</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>ProofKit is still working</source>
        <translation>ProofKit is still working</translation>
    </message>
    <message>
        <source>ProofKit is still working on: %1.

Quit anyway? Hashing stops and nothing half-done is kept; stamps already requested stay pending and are completed next time.</source>
        <translation>ProofKit is still working on: %1.

Quit anyway? Hashing stops and nothing half-done is kept; stamps already requested stay pending and are completed next time.</translation>
    </message>
    <message>
        <source>&amp;Keep working</source>
        <translation>&amp;Keep working</translation>
    </message>
</context>
<context>
    <name>ModelSentences</name>
    <message>
        <source>SUSPECT is the very file MINE (equal SHA-256). This shows the bytes are identical; who made them first is what MINE&apos;s time stamps show.</source>
        <translation>SUSPECT is the very file MINE (equal SHA-256). This shows the bytes are identical; who made them first is what MINE&apos;s time stamps show.</translation>
    </message>
    <message>
        <source>Same weights, re-encoded: {identical} of {tensors} tensors of SUSPECT are identical to MINE&apos;s ({how}), {share} of its parameters{tail}. Equal weights cannot arise by chance; this does not show who trained them, which MINE&apos;s time stamps (earlier than SUSPECT&apos;s publication) do.</source>
        <translation>Same weights, re-encoded: {identical} of {tensors} tensors of SUSPECT are identical to MINE&apos;s ({how}), {share} of its parameters{tail}. Equal weights cannot arise by chance; this does not show who trained them, which MINE&apos;s time stamps (earlier than SUSPECT&apos;s publication) do.</translation>
    </message>
    <message>
        <source>Same LoRA, re-encoded: {same} of {modules} modules of SUSPECT make the same weight change as MINE&apos;s (effective change equal; factors rescaled or renamed: {renamed} names changed){tail}. This does not show who trained it; MINE&apos;s time stamps show which existed first.</source>
        <translation>Same LoRA, re-encoded: {same} of {modules} modules of SUSPECT make the same weight change as MINE&apos;s (effective change equal; factors rescaled or renamed: {renamed} names changed){tail}. This does not show who trained it; MINE&apos;s time stamps show which existed first.</translation>
    </message>
    <message>
        <source>Derived from MINE: estimated share of MINE {share} over tensors covering {coverage} of SUSPECT&apos;s parameters ({identical} tensors identical){tail}. The share is an estimate from sampled values, not an exact proof of how SUSPECT was made.</source>
        <translation>Derived from MINE: estimated share of MINE {share} over tensors covering {coverage} of SUSPECT&apos;s parameters ({identical} tensors identical){tail}. The share is an estimate from sampled values, not an exact proof of how SUSPECT was made.</translation>
    </message>
    <message>
        <source> Without --base, a model fine-tuned from the same base as MINE also scores high; give the base model to tell a derivation from a common ancestor.</source>
        <translation> Without --base, a model fine-tuned from the same base as MINE also scores high; give the base model to tell a derivation from a common ancestor.</translation>
    </message>
    <message>
        <source>No evidence that SUSPECT derives from MINE: estimated share of MINE {share}, {identical} identical tensors{tail}. This does not prove independence: a heavily retrained copy can lose the traces this comparison looks for.</source>
        <translation>No evidence that SUSPECT derives from MINE: estimated share of MINE {share}, {identical} identical tensors{tail}. This does not prove independence: a heavily retrained copy can lose the traces this comparison looks for.</translation>
    </message>
    <message>
        <source>The picture names MINE: its {where} {value} equals MINE&apos;s {equals}. This shows what the picture&apos;s text says, written by whoever saved it; it does not prove the picture was made with MINE.</source>
        <translation>The picture names MINE: its {where} {value} equals MINE&apos;s {equals}. This shows what the picture&apos;s text says, written by whoever saved it; it does not prove the picture was made with MINE.</translation>
    </message>
    <message>
        <source>The picture names a model, but not MINE (none of its hashes equals MINE&apos;s AutoV2, A1111 LoRA hash or claimed hash).</source>
        <translation>The picture names a model, but not MINE (none of its hashes equals MINE&apos;s AutoV2, A1111 LoRA hash or claimed hash).</translation>
    </message>
    <message>
        <source>The picture carries no model hash{files}; it says nothing checkable about MINE.</source>
        <translation>The picture carries no model hash{files}; it says nothing checkable about MINE.</translation>
    </message>
    <message>
        <source>{n} bytes</source>
        <translation>{n} bytes</translation>
    </message>
    <message>
        <source>{n} after fp16 rounding</source>
        <translation>{n} after fp16 rounding</translation>
    </message>
    <message>
        <source>{n} after bf16 rounding</source>
        <translation>{n} after bf16 rounding</translation>
    </message>
    <message>
        <source>{n} names changed</source>
        <translation>{n} names changed</translation>
    </message>
    <message>
        <source>metadata {n}</source>
        <translation>metadata {n}</translation>
    </message>
    <message>
        <source>{n} of MINE&apos;s tensors absent (pruned?)</source>
        <translation>{n} of MINE&apos;s tensors absent (pruned?)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source> (it names files: {files})</source>
        <translation> (it names files: {files})</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>changed</translation>
    </message>
</context>
<context>
    <name>ReceiptDetails</name>
    <message>
        <source>Select a receipt to see its details.</source>
        <translation>Select a receipt to see its details.</translation>
    </message>
    <message>
        <source>✔ Verified</source>
        <translation>✔ Verified</translation>
    </message>
    <message>
        <source>✖ Not valid</source>
        <translation>✖ Not valid</translation>
    </message>
    <message>
        <source>… Pending: not proof yet</source>
        <translation>… Pending: not proof yet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>Authority (TSA)</source>
        <translation>Authority (TSA)</translation>
    </message>
    <message>
        <source>Time stamped (local)</source>
        <translation>Time stamped (local)</translation>
    </message>
    <message>
        <source>Time stamped (UTC)</source>
        <translation>Time stamped (UTC)</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Serial number</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Policy</translation>
    </message>
    <message>
        <source>Trusted root</source>
        <translation>Trusted root</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>Requested</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Certificate chain</source>
        <translation>Certificate chain</translation>
    </message>
    <message>
        <source>Checking the token…</source>
        <translation>Checking the token…</translation>
    </message>
    <message>
        <source>No token yet.</source>
        <translation>No token yet.</translation>
    </message>
    <message>
        <source>No chain could be built.</source>
        <translation>No chain could be built.</translation>
    </message>
    <message>
        <source>issued by %1, valid %2 to %3</source>
        <translation>issued by %1, valid %2 to %3</translation>
    </message>
    <message>
        <source>Verification checks</source>
        <translation>Verification checks</translation>
    </message>
    <message>
        <source>(checked %1)</source>
        <translation>(checked %1)</translation>
    </message>
    <message>
        <source>None yet.</source>
        <translation>None yet.</translation>
    </message>
</context>
<context>
    <name>ReceiptTableModel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Authority</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>✔ verified</source>
        <translation>✔ verified</translation>
    </message>
    <message>
        <source>✖ failed</source>
        <translation>✖ failed</translation>
    </message>
    <message>
        <source>… pending</source>
        <translation>… pending</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Time-stamping authorities to ask</source>
        <translation>Time-stamping authorities to ask</translation>
    </message>
    <message>
        <source>Each one signs the time it saw your file&apos;s fingerprint. Two or more, in different countries, make the proof stronger.</source>
        <translation>Each one signs the time it saw your file&apos;s fingerprint. Two or more, in different countries, make the proof stronger.</translation>
    </message>
    <message>
        <source>Time-stamping authorities</source>
        <translation>Time-stamping authorities</translation>
    </message>
    <message>
        <source>Remind me to &amp;back up after:</source>
        <translation>Remind me to &amp;back up after:</translation>
    </message>
    <message>
        <source>Custom: %1</source>
        <translation>Custom: %1</translation>
    </message>
    <message>
        <source>Custom TSA address</source>
        <translation>Custom TSA address</translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation>Name (optional)</translation>
    </message>
    <message>
        <source>Custom TSA name</source>
        <translation>Custom TSA name</translation>
    </message>
    <message>
        <source>&amp;Add custom TSA</source>
        <translation>&amp;Add custom TSA</translation>
    </message>
    <message>
        <source>Extra trusted root certificates</source>
        <translation>Extra trusted root certificates</translation>
    </message>
    <message>
        <source>Only needed for a private or company TSA whose root is not already known.</source>
        <translation>Only needed for a private or company TSA whose root is not already known.</translation>
    </message>
    <message>
        <source>Add &amp;certificate…</source>
        <translation>Add &amp;certificate…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>&amp;Data folder (ledger):</source>
        <translation>&amp;Data folder (ledger):</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>ProofKit keeps an exact copy of each stamped file up to this size, so the draft you stamped can be shown years later. Models are kept only for works you choose.</source>
        <translation>ProofKit keeps an exact copy of each stamped file up to this size, so the draft you stamped can be shown years later. Models are kept only for works you choose.</translation>
    </message>
    <message>
        <source>&amp;Keep stamped files up to:</source>
        <translation>&amp;Keep stamped files up to:</translation>
    </message>
    <message>
        <source>none (a cloud-drive folder or a USB disk)</source>
        <translation>none (a cloud-drive folder or a USB disk)</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Bro&amp;wse…</translation>
    </message>
    <message>
        <source>&amp;Mirror my proof to:</source>
        <translation>&amp;Mirror my proof to:</translation>
    </message>
    <message>
        <source>A new language or data folder takes effect when ProofKit restarts.</source>
        <translation>A new language or data folder takes effect when ProofKit restarts.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Author (printed in evidence bundles as declared, not proven)</source>
        <translation>Author (printed in evidence bundles as declared, not proven)</translation>
    </message>
    <message>
        <source>Optional. A time stamp proves that a file existed at a time, not who wrote it: what you enter here is printed as your own declaration, which nobody has checked.</source>
        <translation>Optional. A time stamp proves that a file existed at a time, not who wrote it: what you enter here is printed as your own declaration, which nobody has checked.</translation>
    </message>
    <message>
        <source>e.g. 风起云涌; Wind</source>
        <translation>e.g. 风起云涌; Wind</translation>
    </message>
    <message>
        <source>&amp;Pen names:</source>
        <translation>&amp;Pen names:</translation>
    </message>
    <message>
        <source>Real &amp;name:</source>
        <translation>Real &amp;name:</translation>
    </message>
    <message>
        <source>One per line, e.g. your author page on Fanqie, Jinjiang, Qidian, LiblibAI or Civitai</source>
        <translation>One per line, e.g. your author page on Fanqie, Jinjiang, Qidian, LiblibAI or Civitai</translation>
    </message>
    <message>
        <source>Pla&amp;tform accounts:</source>
        <translation>Pla&amp;tform accounts:</translation>
    </message>
    <message>
        <source>C&amp;ontact:</source>
        <translation>C&amp;ontact:</translation>
    </message>
    <message numerus="yes">
        <source>%n chosen: %1</source>
        <translation>
            <numerusform>%n chosen: %1</numerusform>
            <numerusform>%n chosen: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>None chosen yet: tick at least one.</source>
        <translation>None chosen yet: tick at least one.</translation>
    </message>
    <message>
        <source>Give the TSA&apos;s address, starting with http:// or https://.</source>
        <translation>Give the TSA&apos;s address, starting with http:// or https://.</translation>
    </message>
    <message>
        <source>Choose root certificates</source>
        <translation>Choose root certificates</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Certificates (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>Choose the data folder</translation>
    </message>
    <message>
        <source>Choose the mirror folder</source>
        <translation>Choose the mirror folder</translation>
    </message>
    <message>
        <source>Choose at least one time-stamping authority.</source>
        <translation>Choose at least one time-stamping authority.</translation>
    </message>
</context>
<context>
    <name>StampJobCard</name>
    <message>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Work: %1</source>
        <translation>Work: %1</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Stop hashing this item; nothing is stamped.</source>
        <translation>Stop hashing this item; nothing is stamped.</translation>
    </message>
    <message>
        <source>Computing the fingerprint…</source>
        <translation>Computing the fingerprint…</translation>
    </message>
    <message>
        <source>Fingerprinting: %1 of %2</source>
        <translation>Fingerprinting: %1 of %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 left</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) fingerprinted into one manifest; asking the time-stamping authorities…</source>
        <translation>
            <numerusform>%n file fingerprinted into one manifest; asking the time-stamping authorities…</numerusform>
            <numerusform>%n files fingerprinted into one manifest; asking the time-stamping authorities…</numerusform>
        </translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256): %1 — asking the time-stamping authorities…</source>
        <translation>Fingerprint (SHA-256): %1 — asking the time-stamping authorities…</translation>
    </message>
    <message>
        <source>Stamped: %1 of %2 time stamps verified. Kept in your ledger.</source>
        <translation>Stamped: %1 of %2 time stamps verified. Kept in your ledger.</translation>
    </message>
    <message>
        <source>Not proof yet: no authority could be reached. The stamp waits and ProofKit retries by itself when you are online.</source>
        <translation>Not proof yet: no authority could be reached. The stamp waits and ProofKit retries by itself when you are online.</translation>
    </message>
    <message>
        <source>No authority gave a valid time stamp; nothing was kept as proof.</source>
        <translation>No authority gave a valid time stamp; nothing was kept as proof.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was stamped.</source>
        <translation>Cancelled: nothing was stamped.</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <source>asking… (waiting up to %1)</source>
        <translation>asking… (waiting up to %1)</translation>
    </message>
    <message>
        <source>✔ verified at %1</source>
        <translation>✔ verified at %1</translation>
    </message>
    <message>
        <source>pending, will retry: %1</source>
        <translation>pending, will retry: %1</translation>
    </message>
    <message>
        <source>✖ failed: %1</source>
        <translation>✖ failed: %1</translation>
    </message>
</context>
<context>
    <name>StampPage</name>
    <message>
        <source>&amp;Work these files belong to:</source>
        <translation>&amp;Work these files belong to:</translation>
    </message>
    <message>
        <source>Automatic: named after each file or folder</source>
        <translation>Automatic: named after each file or folder</translation>
    </message>
    <message>
        <source>Type a new title to create a work, or pick an existing one. Leave empty to name the work after each file.</source>
        <translation>Type a new title to create a work, or pick an existing one. Leave empty to name the work after each file.</translation>
    </message>
    <message>
        <source>Drop files or folders here to stamp them</source>
        <translation>Drop files or folders here to stamp them</translation>
    </message>
    <message>
        <source>Manuscripts (.txt .docx .epub .pdf .md), models (.safetensors .ckpt .gguf .pt) — any file. A folder is stamped as one manifest of all its files.</source>
        <translation>Manuscripts (.txt .docx .epub .pdf .md), models (.safetensors .ckpt .gguf .pt) — any file. A folder is stamped as one manifest of all its files.</translation>
    </message>
    <message>
        <source>Your first proof is in your ledger. %1</source>
        <translation>Your first proof is in your ledger. %1</translation>
    </message>
</context>
<context>
    <name>TSAErrors</name>
    <message>
        <source>You gave up on this authority: it never answered and is not asked again.</source>
        <translation>You gave up on this authority: it never answered and is not asked again.</translation>
    </message>
    <message>
        <source>The authority did not answer in time.</source>
        <translation>The authority did not answer in time.</translation>
    </message>
    <message>
        <source>The authority refused the connection (it may be down).</source>
        <translation>The authority refused the connection (it may be down).</translation>
    </message>
    <message>
        <source>The authority&apos;s address could not be found (no network?).</source>
        <translation>The authority&apos;s address could not be found (no network?).</translation>
    </message>
    <message>
        <source>The authority answered with an HTTP error (%1).</source>
        <translation>The authority answered with an HTTP error (%1).</translation>
    </message>
    <message>
        <source>The authority answered with a web page (%1), not a time stamp.</source>
        <translation>The authority answered with a web page (%1), not a time stamp.</translation>
    </message>
    <message>
        <source>The secure connection to the authority failed (%1).</source>
        <translation>The secure connection to the authority failed (%1).</translation>
    </message>
    <message>
        <source>The authority could not be reached (%1).</source>
        <translation>The authority could not be reached (%1).</translation>
    </message>
    <message>
        <source>The connection to the authority broke off mid-answer (%1).</source>
        <translation>The connection to the authority broke off mid-answer (%1).</translation>
    </message>
    <message>
        <source>The connection to the authority failed (%1).</source>
        <translation>The connection to the authority failed (%1).</translation>
    </message>
    <message>
        <source>The authority&apos;s address is not usable (%1).</source>
        <translation>The authority&apos;s address is not usable (%1).</translation>
    </message>
    <message>
        <source>The authority sent far more data than a time stamp; it was refused.</source>
        <translation>The authority sent far more data than a time stamp; it was refused.</translation>
    </message>
    <message>
        <source>The authority sent an empty answer.</source>
        <translation>The authority sent an empty answer.</translation>
    </message>
    <message>
        <source>The authority&apos;s answer is not a time-stamp response (damaged or truncated).</source>
        <translation>The authority&apos;s answer is not a time-stamp response (damaged or truncated).</translation>
    </message>
    <message>
        <source>The authority refused the account (HTTP %1); check it with `proofkit tsa login`.</source>
        <translation>The authority refused the account (HTTP %1); check it with `proofkit tsa login`.</translation>
    </message>
    <message>
        <source>The authority asks for an account (HTTP %1); save it with `proofkit tsa login`.</source>
        <translation>The authority asks for an account (HTTP %1); save it with `proofkit tsa login`.</translation>
    </message>
    <message>
        <source>The authority %1 needs an account: save it with `proofkit tsa login %1`.</source>
        <translation>The authority %1 needs an account: save it with `proofkit tsa login %1`.</translation>
    </message>
    <message>
        <source>ProofKit sends an account&apos;s password only over https, and this authority&apos;s address is plain http.</source>
        <translation>ProofKit sends an account&apos;s password only over https, and this authority&apos;s address is plain http.</translation>
    </message>
    <message>
        <source>The authority sent the request to another address (HTTP %1); ProofKit does not send an account&apos;s password there.</source>
        <translation>The authority sent the request to another address (HTTP %1); ProofKit does not send an account&apos;s password there.</translation>
    </message>
    <message>
        <source>The authority refused to time-stamp (%1).</source>
        <translation>The authority refused to time-stamp (%1).</translation>
    </message>
    <message>
        <source>Not asked yet: %1</source>
        <translation>Not asked yet: %1</translation>
    </message>
    <message>
        <source>Asking the authority failed unexpectedly; ProofKit will ask again.</source>
        <translation>Asking the authority failed unexpectedly; ProofKit will ask again.</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <source>Only a fingerprint of your file leaves this computer — never the file itself.</source>
        <translation>Only a fingerprint of your file leaves this computer — never the file itself.</translation>
    </message>
    <message>
        <source>This proves this exact file existed at this time. It does not, by itself, prove who wrote it: keep stamping your drafts.</source>
        <translation>This proves this exact file existed at this time. It does not, by itself, prove who wrote it: keep stamping your drafts.</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Drafts on a timeline</source>
        <translation>Drafts on a timeline</translation>
    </message>
    <message>
        <source>No draft yet.</source>
        <translation>No draft yet.</translation>
    </message>
    <message>
        <source>✔ %1/%2 verified</source>
        <translation>✔ %1/%2 verified</translation>
    </message>
    <message>
        <source>… %1 pending</source>
        <translation>… %1 pending</translation>
    </message>
    <message>
        <source>✖ not proof</source>
        <translation>✖ not proof</translation>
    </message>
    <message>
        <source>no receipt</source>
        <translation>no receipt</translation>
    </message>
</context>
<context>
    <name>VerifyPage</name>
    <message>
        <source>Drop a file or an evidence bundle here to verify it</source>
        <translation>Drop a file or an evidence bundle here to verify it</translation>
    </message>
    <message>
        <source>ProofKit computes the file&apos;s fingerprint on this computer and looks for time stamps of exactly this file in your ledger. Drop a bundle together with a file to check that file against it.</source>
        <translation>ProofKit computes the file&apos;s fingerprint on this computer and looks for time stamps of exactly this file in your ledger. Drop a bundle together with a file to check that file against it.</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Checking %1…</translation>
    </message>
    <message>
        <source>✔ This exact file was stamped on %1 by %2.</source>
        <translation>✔ This exact file was stamped on %1 by %2.</translation>
    </message>
    <message>
        <source>… This exact file was stamped, but the time stamp is still pending: it is not proof yet.</source>
        <translation>… This exact file was stamped, but the time stamp is still pending: it is not proof yet.</translation>
    </message>
    <message>
        <source>✖ This file is in the ledger, but none of its time stamps is valid.</source>
        <translation>✖ This file is in the ledger, but none of its time stamps is valid.</translation>
    </message>
    <message>
        <source>Fingerprint (SHA-256):</source>
        <translation>Fingerprint (SHA-256):</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>serial</source>
        <translation>serial</translation>
    </message>
    <message>
        <source>pending — not proof yet; ProofKit retries by itself.</source>
        <translation>pending — not proof yet; ProofKit retries by itself.</translation>
    </message>
    <message>
        <source>This exact file was never stamped.</source>
        <translation>This exact file was never stamped.</translation>
    </message>
    <message>
        <source>Long term: this receipt was refused when it arrived; an evidence record does not make it proof.</source>
        <translation>Long term: this receipt was refused when it arrived; an evidence record does not make it proof.</translation>
    </message>
    <message>
        <source>Long term: %1, but this receipt is proven since %2 through the evidence record renewed on %3 by %4.</source>
        <translation>Long term: %1, but this receipt is proven since %2 through the evidence record renewed on %3 by %4.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Long term: %1, and no evidence record keeps this receipt proven: it can no longer be relied on by itself.</source>
        <translation>Long term: %1, and no evidence record keeps this receipt proven: it can no longer be relied on by itself.</translation>
    </message>
    <message>
        <source>Any change, even one character or a re-save, gives a file a different fingerprint, so an edited draft matches none of the stamps of the earlier ones.</source>
        <translation>Any change, even one character or a re-save, gives a file a different fingerprint, so an edited draft matches none of the stamps of the earlier ones.</translation>
    </message>
    <message>
        <source>Nearest stamped drafts of “%1”:</source>
        <translation>Nearest stamped drafts of “%1”:</translation>
    </message>
    <message>
        <source>%1, stamped %2</source>
        <translation>%1, stamped %2</translation>
    </message>
    <message>
        <source>If this file is a newer draft, stamp it now: the work&apos;s timeline then shows both.</source>
        <translation>If this file is a newer draft, stamp it now: the work&apos;s timeline then shows both.</translation>
    </message>
    <message>
        <source>&amp;Stamp this version as a draft of “%1”</source>
        <translation>&amp;Stamp this version as a draft of “%1”</translation>
    </message>
    <message>
        <source>&amp;Stamp this version</source>
        <translation>&amp;Stamp this version</translation>
    </message>
    <message>
        <source>Not the file you stamped, but %1/%2 tensors equal your “%3” (%4)</source>
        <translation>Not the file you stamped, but %1/%2 tensors equal your “%3” (%4)</translation>
    </message>
    <message>
        <source>, stamped %1 by %2 TSA(s).</source>
        <translation>, stamped %1 by %2 TSA(s).</translation>
    </message>
    <message>
        <source>, whose stamp has no verified receipt yet: not proof.</source>
        <translation>, whose stamp has no verified receipt yet: not proof.</translation>
    </message>
    <message>
        <source>This exact file was never stamped, but its weights match your stamped model “%1”.</source>
        <translation>This exact file was never stamped, but its weights match your stamped model “%1”.</translation>
    </message>
    <message>
        <source>✔ The evidence bundle %1 verifies.</source>
        <translation>✔ The evidence bundle %1 verifies.</translation>
    </message>
    <message>
        <source>✖ The evidence bundle %1 does not verify.</source>
        <translation>✖ The evidence bundle %1 does not verify.</translation>
    </message>
    <message>
        <source>Evidence for “%1” by %2, exported %3.</source>
        <translation>Evidence for “%1” by %2, exported %3.</translation>
    </message>
    <message>
        <source>Evidence for “%1”, exported %3.</source>
        <translation>Evidence for “%1”, exported %3.</translation>
    </message>
    <message>
        <source>The bundle itself was altered or is incomplete:</source>
        <translation>The bundle itself was altered or is incomplete:</translation>
    </message>
    <message>
        <source>The bundle holds no time stamp.</source>
        <translation>The bundle holds no time stamp.</translation>
    </message>
    <message>
        <source>is exactly the content stamped in this bundle.</source>
        <translation>is exactly the content stamped in this bundle.</translation>
    </message>
    <message>
        <source>matches no file in this bundle: its content is different.</source>
        <translation>matches no file in this bundle: its content is different.</translation>
    </message>
    <message>
        <source>Trusted root</source>
        <translation>Trusted root</translation>
    </message>
    <message>
        <source>no valid time</source>
        <translation>no valid time</translation>
    </message>
    <message>
        <source>A root this computer does not trust is shown in the bundle&apos;s VERIFY.md with its fingerprint. If you have checked it and trust it, add it in Settings as an extra trusted root, then verify again.</source>
        <translation>A root this computer does not trust is shown in the bundle&apos;s VERIFY.md with its fingerprint. If you have checked it and trust it, add it in Settings as an extra trusted root, then verify again.</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to ProofKit</source>
        <translation>Welcome to ProofKit</translation>
    </message>
    <message>
        <source>Prove your work existed — on this date.</source>
        <translation>Prove your work existed — on this date.</translation>
    </message>
    <message>
        <source>Drop a manuscript, a chapter, a model or a whole folder. ProofKit computes its fingerprint (SHA-256) on this computer and asks independent time-stamping authorities to sign the time they saw it. The signed receipts stay in your ledger; an evidence bundle shows them to anyone, years later.</source>
        <translation>Drop a manuscript, a chapter, a model or a whole folder. ProofKit computes its fingerprint (SHA-256) on this computer and asks independent time-stamping authorities to sign the time they saw it. The signed receipts stay in your ledger; an evidence bundle shows them to anyone, years later.</translation>
    </message>
    <message>
        <source>ProofKit will ask these authorities (change them in Settings):</source>
        <translation>ProofKit will ask these authorities (change them in Settings):</translation>
    </message>
    <message>
        <source>No internet right now? Stamp anyway: the request waits as pending and ProofKit completes it by itself when the network returns. A pending stamp is not proof yet.</source>
        <translation>No internet right now? Stamp anyway: the request waits as pending and ProofKit completes it by itself when the network returns. A pending stamp is not proof yet.</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
</context>
<context>
    <name>WorkView</name>
    <message>
        <source>← All works</source>
        <translation>← All works</translation>
    </message>
    <message>
        <source>The draft&apos;s details</source>
        <translation>The draft&apos;s details</translation>
    </message>
    <message>
        <source>&amp;Stamp a new draft…</source>
        <translation>&amp;Stamp a new draft…</translation>
    </message>
    <message>
        <source>&amp;Verify a file against this work…</source>
        <translation>&amp;Verify a file against this work…</translation>
    </message>
    <message>
        <source>E&amp;xport evidence for the work…</source>
        <translation>E&amp;xport evidence for the work…</translation>
    </message>
    <message>
        <source>Export this &amp;draft…</source>
        <translation>Export this &amp;draft…</translation>
    </message>
    <message>
        <source>Com&amp;pare a suspect copy…</source>
        <translation>Com&amp;pare a suspect copy…</translation>
    </message>
    <message>
        <source>&amp;Receipts table</source>
        <translation>&amp;Receipts table</translation>
    </message>
    <message>
        <source>Every receipt of this work, with the authority&apos;s certificate chain and each check (for experts).</source>
        <translation>Every receipt of this work, with the authority&apos;s certificate chain and each check (for experts).</translation>
    </message>
    <message numerus="yes">
        <source>%n draft(s)</source>
        <translation>
            <numerusform>%n draft</numerusform>
            <numerusform>%n drafts</numerusform>
        </translation>
    </message>
    <message>
        <source>This work has no draft yet.</source>
        <translation>This work has no draft yet.</translation>
    </message>
    <message>
        <source>Draft %1 of %2: %3</source>
        <translation>Draft %1 of %2: %3</translation>
    </message>
    <message>
        <source>folder of files</source>
        <translation>folder of files</translation>
    </message>
    <message>
        <source>Stamped</source>
        <translation>Stamped</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>Time stamps</source>
        <translation>Time stamps</translation>
    </message>
    <message>
        <source>No time stamp was asked for this draft.</source>
        <translation>No time stamp was asked for this draft.</translation>
    </message>
    <message>
        <source>✔ verified: %1</source>
        <translation>✔ verified: %1</translation>
    </message>
    <message>
        <source>Give up on this authority…</source>
        <translation>Give up on this authority…</translation>
    </message>
    <message>
        <source>… pending — not proof yet; ProofKit retries by itself.</source>
        <translation>… pending — not proof yet; ProofKit retries by itself.</translation>
    </message>
    <message>
        <source>✖ failed: %1</source>
        <translation>✖ failed: %1</translation>
    </message>
    <message>
        <source>Each verified time stamp proves this exact draft existed at that time. The drafts together show how the work grew.</source>
        <translation>Each verified time stamp proves this exact draft existed at that time. The drafts together show how the work grew.</translation>
    </message>
</context>
<context>
    <name>Works</name>
    <message>
        <source>folder</source>
        <translation>folder</translation>
    </message>
    <message>
        <source>model</source>
        <translation>model</translation>
    </message>
    <message>
        <source>manuscript</source>
        <translation>manuscript</translation>
    </message>
    <message>
        <source>✖ %1 failed</source>
        <translation>✖ %1 failed</translation>
    </message>
    <message>
        <source>… %1 pending</source>
        <translation>… %1 pending</translation>
    </message>
    <message>
        <source>✔ all verified</source>
        <translation>✔ all verified</translation>
    </message>
    <message>
        <source>no receipt</source>
        <translation>no receipt</translation>
    </message>
</context>
<context>
    <name>WorksModel</name>
    <message>
        <source>Work</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>First stamp</source>
        <translation>First stamp</translation>
    </message>
    <message>
        <source>Latest stamp</source>
        <translation>Latest stamp</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>WorksTable</name>
    <message>
        <source>Works</source>
        <translation>Works</translation>
    </message>
</context>
</TS>
