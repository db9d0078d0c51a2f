"""The table of issue 12: each crafted-token class (tests/craft.py), what a given ProofKit
checkout says, and what `openssl ts -verify -attime` says beside it.

Run: .venv/bin/python bench/crafted_verdicts.py [--tree OTHER_CHECKOUT]
(--tree: also the verdicts of another checkout's proofkit, e.g. the code before the fix.)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

RUNNER = r"""
import json, sys
sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]
sys.path.insert(0, sys.argv[1])
from cryptography import x509
from proofkit.core.trust import TrustStore
from proofkit.core.verifier import Verifier
work = sys.argv[2]
trust = TrustStore()
trust.add_pem_file(work + '/root.pem', 'test')
out = {}
for case in json.load(open(work + '/cases.json')):
    v = Verifier(trust).verify(open(work + '/' + case['file'], 'rb').read(), digest=bytes.fromhex(case['digest']),
                               digest_alg=case.get('digest_alg', 'sha256'))
    out[case['file']] = 'VALID' if v.ok else 'NOT VALID: ' + v.reason()[:70]
print(json.dumps(out))
"""


def cases(pki):
    import craft
    from asn1crypto import x509 as a_x509
    from cryptography import x509
    from craft import DIGEST, Token

    def dn(n):
        return a_x509.GeneralName(name="directory_name", value=a_x509.Name.load(n.public_bytes()))

    k512, k1024 = craft.rsa_key(512), craft.rsa_key(1024)
    t512 = pki.issue_tsa(k512, cn="RSA-512 TSA")
    t1024 = pki.issue_tsa(k1024, cn="RSA-1024 TSA")
    ext = x509.UnrecognizedExtension(x509.ObjectIdentifier("1.3.6.1.4.1.55555.1"), b"\x05\x00")
    tcrit = pki.issue_tsa(pki.tsa_key, cn="Critical TSA", extra=[(ext, True)])
    impostor = pki.issue_tsa(craft.rsa_key(2048), cn="Craft TSA", serial=pki.tsa.serial_number)
    ski = pki.tsa.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    twin = pki.issue_tsa(pki.tsa_key, cn="Craft TSA twin", ski=ski)
    junk = []
    for _ in range(2):
        k = craft.ec_key()
        junk += [craft.cert(pki.inter.subject, k, pki.root.subject, pki.root_key, ca=True) for _ in range(100)]
    d48 = craft.hashlib.sha384(b"x").digest()
    digicert = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "DigiCert Timestamp 2023")])
    future = craft.gen_time_now(timedelta(days=2))
    return [
        ("0 control", Token(pki), {}),
        ("2 TSA key RSA-512", Token(pki, signer=t512, signer_key=k512), {}),
        ("2 TSA key RSA-1024, 2025", Token(pki, signer=t1024, signer_key=k1024), {}),
        ("2 TSA key RSA-1024, 2012", Token(pki, signer=t1024, signer_key=k1024, gen_time=b"20120601120000Z"), {}),
        ("3 unknown critical ext. on TSA cert", Token(pki, signer=tcrit), {}),
        ("3 ESSCertIDv2 issuer name wrong", Token(pki, ess=[craft.ess_v2(pki.tsa, issuer_name=craft.name("X"))]), {}),
        ("3 v2 names signer, v1 another cert", Token(pki, ess=[craft.ess_v2(pki.tsa), craft.ess_v1(pki.inter)]), {}),
        ("3 two signingCertificateV2 (wrong first)",
         Token(pki, ess=[craft.ess_v2(pki.inter), craft.ess_v2(pki.tsa)], attrs_order=lambda a: a), {}),
        ("3 TSTInfo.tsa = DigiCert", Token(pki, tsa_name=dn(digicert)), {}),
        ("3 TSTInfo.version 2", Token(pki, version=2), {}),
        ("4 impostor with signer's issuer+serial first", Token(pki, certs=[impostor, pki.tsa, pki.inter]), {}),
        ("4 twin cert, same key/SKI, first", Token(pki, sid="ski", certs=[twin, pki.tsa, pki.inter]), {}),
        ("4 200 look-alike intermediates first", Token(pki, certs=[pki.tsa] + junk + [pki.inter]), {}),
        ("4 BER indefinite outer layers", Token(pki, outer_ber=True), {}),
        ("5 accuracy millis=1000", Token(pki, accuracy={"millis": 1000}), {}),
        ("5 genTime 2 days in the future", Token(pki, gen_time=future), {}),
        ("5 genTime +0100", Token(pki, gen_time=b"20240101120000+0100"), {}),
        ("5 genTime .50Z", Token(pki, gen_time=b"20240101120000.50Z"), {}),
        ("5 genTime without seconds", Token(pki, gen_time=b"202401011200Z"), {}),
        ("5 sha256 imprint of 48 bytes", Token(pki, digest=d48), {"digest": d48.hex(), "digest_alg": None}),
        ("5 signed attrs out of DER order", Token(pki, attrs_order=lambda a: sorted(a, reverse=True)), {}),
    ], DIGEST


def _epoch(raw: bytes) -> int:
    s = raw.decode()
    try:
        return int(datetime.strptime(s[:14], "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc).timestamp())
    except ValueError:
        return int(datetime.strptime(s[:12], "%Y%m%d%H%M").replace(tzinfo=timezone.utc).timestamp())


def main() -> None:
    import craft
    from cryptography.hazmat.primitives.serialization import Encoding

    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", type=Path)
    a = ap.parse_args()
    pki = craft.PKI()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "root.pem").write_bytes(pki.root.public_bytes(Encoding.PEM))
        (work / "inter.pem").write_bytes(pki.inter.public_bytes(Encoding.PEM))
        listed, digest = cases(pki)
        meta = []
        for i, (label, tok, kw) in enumerate(listed):
            f = f"t{i}.tsr"
            (work / f).write_bytes(tok.build())
            meta.append({"file": f, "label": label, "digest": kw.get("digest", digest.hex()),
                         "digest_alg": kw.get("digest_alg", "sha256"), "attime": _epoch(tok.gen_time)})
        (work / "cases.json").write_text(json.dumps(meta))
        cols = {"after": ROOT}
        if a.tree:
            cols = {"before": a.tree.resolve(), "after": ROOT}
        verdicts = {k: json.loads(subprocess.run([sys.executable, "-c", RUNNER, str(t), str(work)], check=True,
                                                 capture_output=True, text=True).stdout) for k, t in cols.items()}
        print("| class / case | " + " | ".join(cols) + " | openssl ts -verify -attime |")
        print("|---|" + "---|" * (len(cols) + 1))
        for m in meta:
            r = subprocess.run(["openssl", "ts", "-verify", "-in", m["file"], "-digest", m["digest"], "-CAfile", "root.pem",
                                "-untrusted", "inter.pem", "-attime", str(m["attime"])],
                               cwd=work, capture_output=True, text=True)
            errors = [ln.split(":")[5] if ln.count(":") > 5 else ln for ln in r.stderr.splitlines() if ":error:" in ln]
            o = "OK" if "Verification: OK" in r.stdout else "FAILED: " + "; ".join(dict.fromkeys(errors))[:90]
            print(f"| {m['label']} | " + " | ".join(verdicts[k][m['file']] for k in cols) + f" | {o} |")


if __name__ == "__main__":
    main()
