"""Path validation against forged hierarchies: a real `openssl ts -reply` signs with TSA
certificates issued under CAs that must not be able to vouch for a time stamp (found in review).
Each forged token is valid CMS with a correct TSA certificate; only the path is wrong."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from proofkit.core import chain as vmod
from proofkit.core.trust import TrustStore
from proofkit.core.tsp import build_request
from proofkit.core.verifier import Verifier

START = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
END = dt.datetime(2099, 1, 1, tzinfo=dt.timezone.utc)


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _cert(subject, key, issuer_name, issuer_key, *, ca: bool | None, path_len=None, eku=None,
          eku_critical=True, extra=(), serial=None):
    b = (x509.CertificateBuilder().subject_name(_name(subject)).issuer_name(issuer_name)
         .public_key(key.public_key()).serial_number(serial or x509.random_serial_number())
         .not_valid_before(START).not_valid_after(END))
    if ca is not None:
        b = b.add_extension(x509.BasicConstraints(ca=ca, path_length=path_len), critical=True)
    if ca:
        b = b.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
    if eku is not None:
        b = b.add_extension(x509.ExtendedKeyUsage(eku), critical=eku_critical)
    for ext, crit in extra:
        b = b.add_extension(ext, critical=crit)
    return b.sign(issuer_key, hashes.SHA256())  # cryptography writes v3; v1 comes from openssl


def _key():
    return ec.generate_private_key(ec.SECP256R1())


class Hierarchy:
    def __init__(self, tmp_path):
        self.tmp = tmp_path
        self.root_key = _key()
        self.root = _cert("Forgery Test Root", self.root_key, _name("Forgery Test Root"), self.root_key, ca=True)
        self.trust = TrustStore()
        self.trust.add(self.root, "test")

    def tsa_under(self, chain: list[tuple[x509.Certificate, object]]):
        """A proper TSA certificate under the last (cert, key) of ``chain``."""
        parent, parent_key = chain[-1]
        key = _key()
        cert = _cert("Forged TSA", key, parent.subject, parent_key, ca=False,
                     eku=[ExtendedKeyUsageOID.TIME_STAMPING])
        return cert, key

    def sign(self, tsa_cert, tsa_key, intermediates, loopback_tsa, digest: bytes):
        d = self.tmp
        (d / "tsa.pem").write_bytes(tsa_cert.public_bytes(serialization.Encoding.PEM))
        (d / "tsa.key").write_bytes(tsa_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                          serialization.NoEncryption()))
        (d / "chain.pem").write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in intermediates))
        req = build_request(digest)
        (d / "q.tsq").write_bytes(req.der)
        args = ["openssl", "ts", "-reply", "-config", str(loopback_tsa.config), "-section", "tsa_config1",
                "-queryfile", str(d / "q.tsq"), "-signer", str(d / "tsa.pem"), "-inkey", str(d / "tsa.key"),
                "-out", str(d / "r.tsr")]
        if intermediates:
            args += ["-chain", str(d / "chain.pem")]
        subprocess.run(args, check=True, capture_output=True)
        return (d / "r.tsr").read_bytes(), req


DIGEST = hashlib.sha256(b"a chapter").digest()


@pytest.fixture
def h(tmp_path):
    return Hierarchy(tmp_path)


def _verify(h, der, req):
    return Verifier(h.trust).verify(der, digest=DIGEST, digest_alg="sha256", nonce=req.nonce)


def test_control_a_proper_intermediate_verifies(h, loopback_tsa):
    ik = _key()
    inter = _cert("Proper TSA CA", ik, h.root.subject, h.root_key, ca=True, path_len=0,
                  eku=[ExtendedKeyUsageOID.TIME_STAMPING], eku_critical=False)
    tsa, tk = h.tsa_under([(inter, ik)])
    der, req = h.sign(tsa, tk, [inter], loopback_tsa, DIGEST)
    v = _verify(h, der, req)
    assert v.ok, v.reason()


def test_tls_only_sub_ca_cannot_vouch_for_time(h, loopback_tsa):
    ik = _key()
    inter = _cert("Web TLS CA", ik, h.root.subject, h.root_key, ca=True,
                  eku=[ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH], eku_critical=False)
    tsa, tk = h.tsa_under([(inter, ik)])
    der, req = h.sign(tsa, tk, [inter], loopback_tsa, DIGEST)
    v = _verify(h, der, req)
    assert [c.name for c in v.failures] == ["chain"] and "other purposes" in v.failures[0].detail


def test_name_constrained_sub_ca_is_refused(h, loopback_tsa):
    ik = _key()
    nc = x509.NameConstraints(permitted_subtrees=[x509.DNSName("example.com")], excluded_subtrees=None)
    inter = _cert("Constrained CA", ik, h.root.subject, h.root_key, ca=True, extra=[(nc, True)])
    tsa, tk = h.tsa_under([(inter, ik)])
    der, req = h.sign(tsa, tk, [inter], loopback_tsa, DIGEST)
    v = _verify(h, der, req)
    assert [c.name for c in v.failures] == ["chain"] and "name-constrained" in v.failures[0].detail


def test_path_length_constraint_is_enforced(h, loopback_tsa):
    k1, k2 = _key(), _key()
    ca1 = _cert("CA pathlen 0", k1, h.root.subject, h.root_key, ca=True, path_len=0)
    ca2 = _cert("CA below pathlen 0", k2, ca1.subject, k1, ca=True)
    tsa, tk = h.tsa_under([(ca2, k2)])
    der, req = h.sign(tsa, tk, [ca2, ca1], loopback_tsa, DIGEST)
    v = _verify(h, der, req)
    assert [c.name for c in v.failures] == ["chain"] and "path length" in v.failures[0].detail


def test_end_entity_certificate_cannot_issue(h, loopback_tsa):
    ek = _key()
    ee = _cert("Somebody's leaf", ek, h.root.subject, h.root_key, ca=False)
    tsa, tk = h.tsa_under([(ee, ek)])
    der, req = h.sign(tsa, tk, [ee], loopback_tsa, DIGEST)
    v = _verify(h, der, req)
    assert [c.name for c in v.failures] == ["chain"] and "not a CA" in v.failures[0].detail


def test_v1_certificate_issues_only_as_the_trusted_root(h, loopback_tsa, tmp_path):
    # A v1 certificate (no extensions) signed by the trusted root, made with openssl x509 -req.
    from cryptography.hazmat.primitives.asymmetric import ec as _ec

    v1_key = _ec.generate_private_key(_ec.SECP256R1())
    (tmp_path / "v1.key").write_bytes(v1_key.private_bytes(serialization.Encoding.PEM,
                                                           serialization.PrivateFormat.PKCS8,
                                                           serialization.NoEncryption()))
    (tmp_path / "root.pem").write_bytes(h.root.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "root.key").write_bytes(h.root_key.private_bytes(serialization.Encoding.PEM,
                                                                 serialization.PrivateFormat.PKCS8,
                                                                 serialization.NoEncryption()))
    subprocess.run(["openssl", "req", "-new", "-key", str(tmp_path / "v1.key"), "-subj", "/CN=Old v1 leaf",
                    "-out", str(tmp_path / "v1.csr")], check=True, capture_output=True)
    subprocess.run(["openssl", "x509", "-req", "-in", str(tmp_path / "v1.csr"), "-CA", str(tmp_path / "root.pem"),
                    "-CAkey", str(tmp_path / "root.key"), "-set_serial", "7", "-days", "3650",
                    "-out", str(tmp_path / "v1.pem")], check=True, capture_output=True)
    v1 = x509.load_pem_x509_certificate((tmp_path / "v1.pem").read_bytes())
    assert v1.version == x509.Version.v1
    tsa, tk = h.tsa_under([(v1, v1_key)])
    der, req = h.sign(tsa, tk, [v1], loopback_tsa, DIGEST)
    v = _verify(h, der, req)
    assert [c.name for c in v.failures] == ["chain"] and "v1" in v.failures[0].detail


def test_look_alike_certificates_cannot_make_the_search_explode(h, loopback_tsa, monkeypatch):
    """k certificates with the same subject and key at each of several levels: the search
    must stay within its budget of signature checks instead of trying k**levels paths."""
    calls = []
    real = vmod._issued_by
    monkeypatch.setattr(vmod, "_issued_by", lambda c, i: calls.append(1) or real(c, i))
    levels, k = 6, 5
    keys = [_key() for _ in range(levels)]
    certs = []
    parent_name, parent_key = _name("Untrusted Top"), _key()
    for lvl in range(levels):
        for j in range(k):
            certs.append(_cert(f"Level {lvl}", keys[lvl], parent_name, parent_key, ca=True, serial=1000 * lvl + j + 1))
        parent_name, parent_key = _name(f"Level {lvl}"), keys[lvl]
    tsa, tk = h.tsa_under([(certs[-1], keys[-1])])
    der, req = h.sign(tsa, tk, certs, loopback_tsa, DIGEST)
    v = _verify(h, der, req)
    assert [c.name for c in v.failures] == ["chain"]
    assert len(calls) <= vmod.MAX_PATH_CHECKS


def test_gen_time_without_utc_zone_is_refused(loopback_tsa, loopback_pki, tmp_path):
    """RFC 3161 genTime is UTC ("Z"). A token whose genTime has no zone would read as the
    reader's local time: refused, whatever the time zone (found in review)."""
    from asn1crypto import algos, cms as a_cms, core as a_core, tsp as a_tsp

    from proofkit.core.trust import TrustStore

    signer = loopback_tsa.signer
    tst = a_tsp.TSTInfo({
        "version": "v1", "policy": "1.2.3.4.1",
        "message_imprint": {"hash_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
                            "hashed_message": DIGEST},
        "serial_number": 42,
        "gen_time": a_core.GeneralizedTime.load(b"\x18\x0e" + b"20260601120000"),  # no "Z"
    })
    (tmp_path / "tst.der").write_bytes(tst.dump())
    chain = loopback_pki.ca_chain_pem(loopback_tsa.signer_name)
    args = ["openssl", "cms", "-sign", "-binary", "-nodetach", "-cades", "-nosmimecap", "-outform", "DER",
            "-econtent_type", "id-smime-ct-TSTInfo", "-in", str(tmp_path / "tst.der"),
            "-signer", str(signer.cert_pem), "-inkey", str(signer.key_pem), "-md", "sha256",
            "-out", str(tmp_path / "token.der")]
    if chain:
        args += ["-certfile", str(chain)]
    subprocess.run(args, check=True, capture_output=True)
    token = a_cms.ContentInfo.load((tmp_path / "token.der").read_bytes()).dump()
    trust = TrustStore()
    trust.add_pem_file(loopback_pki.root_pem, "test")
    v = Verifier(trust).verify(token, digest=DIGEST, digest_alg="sha256")
    assert [c.name for c in v.failures] == ["structure"] and "UTC" in v.failures[0].detail
