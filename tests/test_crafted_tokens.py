"""Issue 12, classes 2-5: hand-built tokens (tests/craft.py) that an attacker, or a careless
TSA, could send. Each test names the class it covers and holds a control: the same token
without the defect verifies."""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta, timezone

import pytest
from asn1crypto import x509 as a_x509
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

import craft
from craft import DIGEST, Token
from proofkit.core.verifier import Verifier


@pytest.fixture(scope="session")
def pki():
    return craft.PKI()


@pytest.fixture(scope="session")
def old_pki():
    """A PKI whose TSA key is RSA-1024 (and one whose intermediate is)."""
    return craft.PKI()


def verify(pki, tok: Token | bytes, **kw):
    der = tok.build() if isinstance(tok, Token) else tok
    kw.setdefault("digest", DIGEST)
    kw.setdefault("digest_alg", "sha256")
    return Verifier(pki.trust).verify(der, **kw)


def failed(v) -> list[str]:
    return [c.name for c in v.failures]


def test_control_a_crafted_token_verifies(pki):
    v = verify(pki, Token(pki))
    assert v.ok, v.reason()
    v = verify(pki, Token(pki, sid="ski", response=False))
    assert v.ok, v.reason()


# ------------------------------------------------------------------ class 2: key sizes
def _weak_tsa(pki, bits: int):
    key = craft.rsa_key(bits)
    return pki.issue_tsa(key, cn=f"Craft TSA RSA-{bits}"), key


@pytest.mark.parametrize("bits", [512, 1024])
def test_class2_a_weak_tsa_key_is_refused_after_2014(pki, bits):
    c, k = _weak_tsa(pki, bits)
    v = verify(pki, Token(pki, signer=c, signer_key=k))
    assert not v.ok and failed(v) == ["tsa_certificate"] and f"RSA-{bits}" in v.failures[0].detail


def test_class2_rsa_1024_before_2014_is_accepted_with_a_warning_and_512_never(pki):
    c, k = _weak_tsa(pki, 1024)
    v = verify(pki, Token(pki, signer=c, signer_key=k, gen_time=b"20120601120000Z"))
    assert v.ok, v.reason()
    assert any("1024" in w for w in v.warnings)
    c, k = _weak_tsa(pki, 512)
    v = verify(pki, Token(pki, signer=c, signer_key=k, gen_time=b"20120601120000Z"))
    assert failed(v) == ["tsa_certificate"]


def test_class2_a_weak_key_in_the_path_is_refused(pki):
    ik = craft.rsa_key(1024)
    inter = craft.cert(craft.name("Craft Weak Intermediate"), ik, pki.root.subject, pki.root_key, ca=True)
    tsa = pki.issue_tsa(pki.tsa_key, cn="Craft TSA under a weak CA", issuer=inter, issuer_key=ik)
    v = verify(pki, Token(pki, signer=tsa, certs=[tsa, inter]))
    assert failed(v) == ["chain"] and "RSA-1024" in v.failures[0].detail
    v = verify(pki, Token(pki, signer=tsa, certs=[tsa, inter], gen_time=b"20120601120000Z"))
    assert v.ok and any("1024" in w for w in v.warnings), v.reason()


def test_class2_an_ec_curve_below_p256_is_refused(pki):
    try:
        key = ec.generate_private_key(ec.SECP224R1())
    except Exception:  # noqa: BLE001 - a backend without P-224
        pytest.skip("no P-224 in this OpenSSL")
    c = pki.issue_tsa(key, cn="Craft TSA P-224")
    v = verify(pki, Token(pki, signer=c, signer_key=key))
    assert failed(v) == ["tsa_certificate"] and "P-224" in v.failures[0].detail


# ------------------------------------------------------------------ class 3: certificate and ESSCertID
def test_class3_an_unknown_critical_extension_on_the_tsa_certificate_is_refused(pki):
    ext = x509.UnrecognizedExtension(x509.ObjectIdentifier("1.3.6.1.4.1.55555.1"), b"\x05\x00")
    c = pki.issue_tsa(pki.tsa_key, cn="Craft TSA critical", extra=[(ext, True)])
    v = verify(pki, Token(pki, signer=c))
    assert failed(v) == ["tsa_certificate"] and "1.3.6.1.4.1.55555.1" in v.failures[0].detail
    c = pki.issue_tsa(pki.tsa_key, cn="Craft TSA non-critical", extra=[(ext, False)])
    assert verify(pki, Token(pki, signer=c)).ok


def test_class3_ess_issuer_serial_must_name_the_issuer_too(pki):
    v = verify(pki, Token(pki, ess=[craft.ess_v2(pki.tsa, issuer_name=craft.name("Someone Else"))]))
    assert failed(v) == ["signing_certificate_binding"] and "issuer" in v.failures[0].detail
    v = verify(pki, Token(pki, ess=[craft.ess_v1(pki.tsa, issuer_name=craft.name("Someone Else"))]))
    assert failed(v) == ["signing_certificate_binding"]
    # The same issuer in another string type (PrintableString) is the same name (RFC 5280 §7.1).
    same = craft.name("Craft Intermediate", printable=True)
    assert verify(pki, Token(pki, ess=[craft.ess_v2(pki.tsa, issuer_name=same)])).ok


def test_class3_v1_and_v2_must_both_name_the_signer(pki):
    v = verify(pki, Token(pki, ess=[craft.ess_v2(pki.tsa), craft.ess_v1(pki.inter)]))
    assert failed(v) == ["signing_certificate_binding"]
    v = verify(pki, Token(pki, ess=[craft.ess_v2(pki.inter), craft.ess_v1(pki.tsa)]))
    assert failed(v) == ["signing_certificate_binding"]
    assert verify(pki, Token(pki, ess=[craft.ess_v2(pki.tsa), craft.ess_v1(pki.tsa)])).ok


def test_class3_two_signing_certificate_attributes_are_refused(pki):
    for first in (pki.tsa, pki.inter):
        v = verify(pki, Token(pki, ess=[craft.ess_v2(first), craft.ess_v2(pki.tsa if first is pki.inter else pki.inter)],
                              attrs_order=lambda a: a))
        assert failed(v) == ["signing_certificate_binding"], v.reason()


def _dn(n: x509.Name) -> a_x509.GeneralName:
    return a_x509.GeneralName(name="directory_name", value=a_x509.Name.load(n.public_bytes()))


def test_class3_tstinfo_tsa_must_be_the_signer(pki):
    digicert = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "DigiCert Timestamp 2023")])
    v = verify(pki, Token(pki, tsa_name=_dn(digicert)))
    assert not v.ok and failed(v) == ["tsa_certificate"] and "DigiCert" in v.failures[0].detail
    assert verify(pki, Token(pki, tsa_name=_dn(pki.tsa.subject))).ok
    # compared as names (RFC 5280), not as bytes: PrintableString vs UTF8String is the same name
    assert verify(pki, Token(pki, tsa_name=_dn(craft.name("Craft TSA", printable=True)))).ok
    v = verify(pki, Token(pki, tsa_name=a_x509.GeneralName(name="dns_name", value="tsa.digicert.com")))
    assert failed(v) == ["tsa_certificate"]


def test_class3_tstinfo_version_other_than_1_is_refused(pki):
    v = verify(pki, Token(pki, version=2))
    assert failed(v) == ["structure"] and "version" in v.failures[0].detail


# ------------------------------------------------------------------ class 4: genuine tokens refused
def test_class4_a_certificate_with_the_signers_issuer_and_serial_listed_first(pki):
    impostor_key = craft.rsa_key(2048)
    impostor = pki.issue_tsa(impostor_key, cn="Craft TSA", serial=pki.tsa.serial_number)
    v = verify(pki, Token(pki, certs=[impostor, pki.tsa, pki.inter]))
    assert v.ok, v.reason()
    assert v.signer == pki.tsa


def test_class4_a_second_certificate_for_the_same_key_listed_first(pki):
    ski = pki.tsa.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    twin = pki.issue_tsa(pki.tsa_key, cn="Craft TSA twin", ski=ski)
    v = verify(pki, Token(pki, sid="ski", certs=[twin, pki.tsa, pki.inter]))
    assert v.ok, v.reason()
    assert v.signer == pki.tsa


def test_class4_look_alike_intermediates_do_not_exhaust_the_path_budget(pki):
    junk = []
    for _ in range(3):  # few keys, many certificates: keygen is the slow part
        k = craft.ec_key()
        junk += [craft.cert(pki.inter.subject, k, pki.root.subject, pki.root_key, ca=True) for _ in range(100)]
    v = verify(pki, Token(pki, certs=[pki.tsa] + junk + [pki.inter]))
    assert v.ok, v.reason()


def _unreadable_key(c: x509.Certificate) -> x509.Certificate:
    """``c`` with its key algorithm changed to one nobody knows: it loads, its key does not."""
    der = bytearray(c.public_bytes(craft.serialization.Encoding.DER))
    rsa_oid = bytes.fromhex("2a864886f70d010101")
    der[der.find(rsa_oid) + 8] = 0x55
    return x509.load_der_x509_certificate(bytes(der))


def test_class4_junk_with_an_unreadable_key_does_not_make_a_genuine_token_damaged(pki):
    inter_junk = _unreadable_key(craft.cert(pki.inter.subject, craft.rsa_key(2048), pki.root.subject, pki.root_key, ca=True))
    signer_junk = _unreadable_key(pki.issue_tsa(craft.rsa_key(2048), cn="Craft TSA", serial=pki.tsa.serial_number))
    for certs in ([signer_junk, pki.tsa, inter_junk, pki.inter], [pki.tsa, pki.inter, inter_junk, signer_junk]):
        v = verify(pki, Token(pki, certs=certs))
        assert v.ok, v.reason()


def test_class4_the_verdict_does_not_depend_on_certificate_order(pki):
    impostor = pki.issue_tsa(craft.rsa_key(2048), cn="Craft TSA", serial=pki.tsa.serial_number)
    certs = [impostor, pki.tsa, pki.inter, pki.root]
    rng = random.Random(12)
    for _ in range(6):
        rng.shuffle(certs)
        v = verify(pki, Token(pki, certs=list(certs)))
        assert v.ok, (v.reason(), [c.subject.rfc4514_string() for c in certs])


def test_class4_ber_indefinite_lengths_in_the_outer_layers_are_accepted(pki):
    for response in (True, False):
        der = Token(pki, outer_ber=True, response=response).build()
        assert b"\x30\x80" in der[:4]
        v = verify(pki, der)
        assert v.ok, v.reason()


def test_class4_but_signed_attributes_and_tstinfo_must_be_der(pki):
    tok = Token(pki)
    tst = tok.tst_info()
    ber_tst = b"\x30\x81" + bytes([len(tst) - 2]) + tst[2:]  # a long-form length where a short one fits
    assert len(tst) - 2 < 0x80

    class BerTst(Token):
        def tst_info(self):
            return ber_tst

    v = verify(pki, BerTst(pki))
    assert failed(v) == ["structure"] and "DER" in v.failures[0].detail


# ------------------------------------------------------------------ class 5: time, accuracy, imprint
def test_class5_existed_no_later_than_adds_the_accuracy(pki):
    v = verify(pki, Token(pki, gen_time=b"20240101120000Z", accuracy={"seconds": 86400 * 365}))
    assert v.ok, v.reason()
    assert v.accuracy == timedelta(days=365)
    assert v.not_after == datetime(2024, 12, 31, 12, tzinfo=timezone.utc)
    v = verify(pki, Token(pki, gen_time=b"20240101120000Z", accuracy={"seconds": 1, "millis": 500, "micros": 7}))
    assert v.accuracy == timedelta(seconds=1, milliseconds=500, microseconds=7)


@pytest.mark.parametrize("acc", [{"millis": 0}, {"millis": 1000}, {"micros": 0}, {"micros": 1000}, {"seconds": -1}])
def test_class5_invalid_accuracy_is_refused(pki, acc):
    v = verify(pki, Token(pki, accuracy=acc))
    assert failed(v) == ["structure"] and "accuracy" in v.failures[0].detail


def test_class5_a_gen_time_in_the_future_is_refused_without_a_request_time(pki):
    v = verify(pki, Token(pki, gen_time=craft.gen_time_now(timedelta(days=2))))
    assert failed(v) == ["gen_time"]
    # within its accuracy, it is not
    assert verify(pki, Token(pki, gen_time=craft.gen_time_now(timedelta(minutes=30)),
                             accuracy={"seconds": 3600})).ok


@pytest.mark.parametrize("raw", [b"20240101120000+0100", b"20240101120000.50Z", b"202401011200Z",
                                 b"20240101120000.Z", b"20240101120000", b"20240101120000,5Z"])
def test_class5_gen_time_encoding_is_strict(pki, raw):
    v = verify(pki, Token(pki, gen_time=raw))
    assert failed(v) == ["structure"], v.reason()


def test_class5_a_fraction_without_trailing_zeros_is_fine(pki):
    v = verify(pki, Token(pki, gen_time=b"20240101120000.5Z"))
    assert v.ok and v.gen_time == datetime(2024, 1, 1, 12, 0, 0, 500000, tzinfo=timezone.utc)


def test_class5_the_imprint_length_must_match_its_algorithm(pki):
    d48 = hashlib.sha384(b"x").digest()
    v = verify(pki, Token(pki, digest=d48), digest=d48, digest_alg=None)
    assert failed(v) == ["imprint"] and "48" in v.failures[0].detail


def test_class5_signed_attributes_out_of_der_order(pki):
    """RFC 5652 wants DER (sorted SET OF). DigiCert's 2018 responder sent them unsorted and
    OpenSSL accepts that (it verifies the order received); so does ProofKit, with a warning,
    over the bytes exactly as received. A non-DER length inside them is refused."""
    v = verify(pki, Token(pki, attrs_order=lambda a: sorted(a, reverse=True)))
    assert v.ok and any("order" in w for w in v.warnings), v.reason()


def test_class5_the_cli_shows_the_accuracy_and_json_gives_accuracy_s_and_not_after(pki, tmp_path, capsys):
    from proofkit.cli.main import main

    root = tmp_path / "root.pem"
    root.write_bytes(pki.root.public_bytes(craft.serialization.Encoding.PEM))
    tok = tmp_path / "t.tsr"
    tok.write_bytes(Token(pki, gen_time=b"20240101120000Z", accuracy={"seconds": 90, "millis": 500}).build())
    base = ["--home", str(tmp_path / "home"), "--trust", str(root), "verify", "--digest", DIGEST.hex(), "--token", str(tok)]
    assert main(base + ["--json"]) == 0
    out = __import__("json").loads(capsys.readouterr().out)
    assert out["accuracy_s"] == 90.5 and out["gen_time"] == "2024-01-01T12:00:00Z"
    assert out["not_after"] == "2024-01-01T12:01:30.5Z"
    assert main(base) == 0
    text = capsys.readouterr().out
    assert "existed no later than 2024-01-01T12:01:30.5Z" in text and "\u00b1 90.5 s" in text


# ------------------------------------------------------------------ the new walkers never crash or hang
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_BER_TOKEN: list[bytes] = []


@pytest.fixture(scope="module")
def ber_token(pki):
    if not _BER_TOKEN:
        _BER_TOKEN.append(Token(pki, outer_ber=True).build())
    return _BER_TOKEN[0]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_ber_walk_and_der_check_survive_damaged_bytes(pki, ber_token, data):
    """Random damage to a BER token: the walkers raise ValueError (TokenFormatError) or answer,
    never anything else, and the verifier gives a verdict, never an exception."""
    from proofkit.core.errors import TokenFormatError
    from proofkit.core.tsp import ber_tlv, der_problem, split_signed_data, split_token_or_response

    buf = bytearray(ber_token)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(buf) - 1))
        buf[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(buf)))
    raw = bytes(buf[:cut])
    try:
        ber_tlv(raw, 0, len(raw))
        split_signed_data(split_token_or_response(raw)[1])
    except Exception as exc:  # noqa: BLE001
        assert isinstance(exc, (ValueError, TokenFormatError)), repr(exc)
    assert der_problem(raw) is None or isinstance(der_problem(raw), str)
    v = verify(pki, raw)  # a verdict, never an exception (some bytes, the status, may change harmlessly)
    assert v.checks


def test_verify_token_does_not_import_asn1crypto_or_the_network_stack(pki, tmp_path):
    """The start-up cost of `proofkit verify FILE --token T` (bench/bench_verify_token.py): a
    usual token is read by core/der.py; asn1crypto, rfc3161ng, requests, SQLAlchemy and ssl
    stay unimported (a fresh process, the text output)."""
    import subprocess
    import sys

    root = tmp_path / "root.pem"
    root.write_bytes(pki.root.public_bytes(craft.serialization.Encoding.PEM))
    tok = tmp_path / "t.tsr"
    tok.write_bytes(Token(pki, tsa_name=_dn(pki.tsa.subject)).build())
    code = ("import sys; from proofkit.cli.main import main; "
            f"rc = main(['--home', {str(tmp_path / 'home')!r}, '--trust', {str(root)!r}, 'verify', '--digest', "
            f"{DIGEST.hex()!r}, '--token', {str(tok)!r}]); "
            "bad = sorted({m.split('.')[0] for m in sys.modules} & {'asn1crypto', 'rfc3161ng', 'requests', "
            "'sqlalchemy', 'ssl', 'PySide6'}); print('IMPORTED', bad); sys.exit(rc)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "IMPORTED []" in r.stdout, r.stdout
