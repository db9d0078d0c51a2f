"""Property tests: malformed and mutated time-stamp responses never crash the parser or the
verifier, and no mutation of the evidence is ever accepted.

Contract under test:
- ``parse_response`` returns a ParsedResponse or raises ``TokenFormatError``; nothing else;
- ``Verifier.verify`` never raises;
- ``verify`` says ok for a mutated response only if the mutation left every byte that is
  signed or checked unchanged: the TSTInfo, the signed attributes and the signature. (Bytes
  outside them, e.g. the SignedData's unsigned digestAlgorithms set, may change harmlessly.)

The valid responses come from the loopback TSA's signer (openssl ts -reply), not from a mock.
"""

from __future__ import annotations

import hashlib
import tempfile

import pytest
from asn1crypto import cms, tsp as a_tsp
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from proofkit.core.errors import TokenFormatError
from proofkit.core.registry import find_tsa
from proofkit.core.stamping import Attempt, judge_response
from proofkit.core.trust import TrustStore
from proofkit.core.tsp import build_request, parse_response
from proofkit.core.verifier import Verifier

DIGEST = hashlib.sha256(b"The wind rises.\n").digest()
_TSA = find_tsa("http://127.0.0.1:1/tsa", [])


class _Sample:
    """One valid response and what is signed in it."""

    def __init__(self, der: bytes, nonce: int):
        self.der = der
        self.nonce = nonce
        self.signed = _signed_parts(der)
        assert self.signed is not None


def _signed_parts(der: bytes):
    """(TSTInfo bytes, signed attributes bytes, signature bytes) or None if unreadable."""
    try:
        resp = a_tsp.TimeStampResp.load(der)
        sd = resp["time_stamp_token"]["content"]
        si = sd["signer_infos"][0]
        return (sd["encap_content_info"]["content"].contents, si["signed_attrs"].dump(),
                si["signature"].native)
    except Exception:  # noqa: BLE001 - anything unreadable is simply "not the same"
        return None


@pytest.fixture(scope="module")
def samples(loopback_pki):
    from loopback_tsa import LoopbackTSA

    out = {}
    for signer in ("rsa", "ec"):
        tsa = LoopbackTSA(loopback_pki, signer)  # signing needs no server
        try:
            req = build_request(DIGEST, "sha256")
            out[signer] = _Sample(tsa.sign_query(req.der), req.nonce)
        finally:
            tsa.close()
    return out


@pytest.fixture(scope="module")
def verifier(loopback_pki):
    return Verifier(TrustStore.default([str(loopback_pki.root_pem)]))


def _verify(verifier, der: bytes, nonce: int):
    return verifier.verify(der, digest=DIGEST, digest_alg="sha256", nonce=nonce)


def _parse_contract(der: bytes) -> None:
    try:
        parse_response(der)
    except TokenFormatError:
        pass  # the one documented failure


PROPS = settings(max_examples=300, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def test_samples_are_valid(samples, verifier):
    for s in samples.values():
        v = _verify(verifier, s.der, s.nonce)
        assert v.ok, v.reason()


@PROPS
@given(data=st.binary(max_size=4096))
@example(data=b"")
@example(data=b"\x30\x80")  # indefinite length
@example(data=b"\x30\x84\xff\xff\xff\xff")  # a length far past the end
@example(data=b"\x30\x03\x02\x01\x00")  # status granted, no token
@example(data=b"\x30" + b"\x30" * 2000)
def test_random_bytes(verifier, data):
    _parse_contract(data)
    a = judge_response(Attempt(_TSA, "pending"), data, DIGEST, "sha256", 1, verifier)
    assert a.status == "failed" and a.error


@PROPS
@given(signer=st.sampled_from(["rsa", "ec"]), cut=st.integers(min_value=0, max_value=1 << 16))
def test_truncations(samples, verifier, signer, cut):
    s = samples[signer]
    der = s.der[: cut % len(s.der)]
    _parse_contract(der)
    a = judge_response(Attempt(_TSA, "pending"), der, DIGEST, "sha256", s.nonce, verifier)
    assert a.status == "failed" and a.error


def test_a_negative_certificate_serial_shows_no_python_warning(samples, loopback_pki):
    """A token whose certificate has a negative serial (RFC 5280 forbids it) gets a verdict
    and nothing on the user's terminal: cryptography's deprecation warning is not printed."""
    import subprocess
    import sys

    s = samples["rsa"]
    sd = a_tsp.TimeStampResp.load(s.der)["time_stamp_token"]["content"]
    serial = sd["certificates"][0].chosen["tbs_certificate"]["serial_number"]
    encoded = serial.dump()  # 02 LEN VALUE...
    assert s.der.count(encoded) >= 1
    pos = s.der.index(encoded) + 2  # the serial's first byte
    der = s.der[:pos] + bytes([s.der[pos] | 0x80]) + s.der[pos + 1:]
    code = (  # a fresh process, with Python's default warning filters, as on a user's terminal
        "import sys\n"
        "from proofkit.core.trust import TrustStore\n"
        "from proofkit.core.verifier import Verifier\n"
        "v = Verifier(TrustStore.default([sys.argv[1]]))\n"
        "d = v.verify(sys.stdin.buffer.read(), digest=bytes.fromhex(sys.argv[2]), digest_alg='sha256')\n"
        "print(d.ok)\n"
    )
    r = subprocess.run([sys.executable, "-c", code, str(loopback_pki.root_pem), DIGEST.hex()],
                       input=der, capture_output=True)
    assert r.returncode == 0 and r.stdout == b"False\n", r.stdout + r.stderr
    assert r.stderr == b"", r.stderr


def _mutate(der: bytes, pos: int, xor: int) -> bytes:
    pos %= len(der)
    return der[:pos] + bytes([der[pos] ^ xor]) + der[pos + 1:]


MUTATION = dict(signer=st.sampled_from(["rsa", "ec"]), pos=st.integers(min_value=0, max_value=1 << 16),
                xor=st.integers(min_value=1, max_value=255))


@PROPS
@given(**MUTATION)
def test_single_byte_mutation_is_never_accepted_as_other_evidence(samples, verifier, signer, pos, xor):
    """Through the stamping path (parse, verify, decide): never raises, and a receipt is
    'verified' only if the signed bytes are exactly the original ones."""
    s = samples[signer]
    der = _mutate(s.der, pos, xor)
    _parse_contract(der)
    a = judge_response(Attempt(_TSA, "pending"), der, DIGEST, "sha256", s.nonce, verifier)
    assert a.status in ("verified", "failed")
    if a.status == "verified":
        assert _signed_parts(der) == s.signed, f"byte {pos} ^ {xor:#x} changed signed bytes yet verified"
        assert a.response == der
    else:
        assert a.error and (a.verdict is None or not a.verdict.ok)


@PROPS
@given(**MUTATION)
def test_verify_never_raises_on_single_byte_mutations(samples, verifier, signer, pos, xor):
    s = samples[signer]
    der = _mutate(s.der, pos, xor)
    v = _verify(verifier, der, s.nonce)
    if v.ok:
        assert _signed_parts(der) == s.signed


@PROPS
@given(signer=st.sampled_from(["rsa", "ec"]), data=st.data())
def test_splices_and_appends(samples, verifier, signer, data):
    """Inserted, deleted or appended bytes (length fields no longer match the content)."""
    s = samples[signer]
    pos = data.draw(st.integers(min_value=0, max_value=len(s.der)))
    op = data.draw(st.sampled_from(["insert", "delete", "append"]))
    junk = data.draw(st.binary(min_size=1, max_size=16))
    if op == "insert":
        der = s.der[:pos] + junk + s.der[pos:]
    elif op == "delete":
        der = s.der[:pos] + s.der[pos + len(junk):]
    else:
        der = s.der + junk
    _parse_contract(der)
    a = judge_response(Attempt(_TSA, "pending"), der, DIGEST, "sha256", s.nonce, verifier)
    if a.status == "verified":
        assert _signed_parts(der) == s.signed


def test_every_single_bit_flip_of_the_signed_bytes_is_refused(samples, verifier):
    """Exhaustive, not sampled: flip each bit of the TSTInfo, signed attributes and signature
    (the bytes a forger would want to change) of the RSA sample; none may verify."""
    s = samples["rsa"]
    tst, attrs, sig = s.signed
    # signed attrs are stored with tag [0] (0xa0); locate each region in the response
    regions = []
    for part in (tst, attrs, sig):
        at = s.der.find(part)
        assert at >= 0 and s.der.find(part, at + 1) < 0
        regions.append(range(at, at + len(part)))
    flips = 0
    for region in regions:
        for pos in region:
            for bit in (0x01, 0x80):
                der = s.der[:pos] + bytes([s.der[pos] ^ bit]) + s.der[pos + 1:]
                _parse_contract(der)
                a = judge_response(Attempt(_TSA, "pending"), der, DIGEST, "sha256", s.nonce, verifier)
                assert a.status == "failed", f"byte {pos} ^ {bit:#x} verified"
                flips += 1
    assert flips > 500


def test_token_is_refused_for_another_digest_or_nonce(samples, verifier):
    s = samples["ec"]
    other = hashlib.sha256(b"another file").digest()
    v = verifier.verify(s.der, digest=other, digest_alg="sha256", nonce=s.nonce)
    assert not v.ok and v.reason().startswith("imprint:")
    v = verifier.verify(s.der, digest=DIGEST, digest_alg="sha256", nonce=s.nonce + 1)
    assert not v.ok and v.reason().startswith("nonce:")


def test_response_with_token_of_another_type(verifier):
    """A SignedData over something that is not a TSTInfo (plain CMS data) is refused."""
    with tempfile.TemporaryDirectory():
        ci = cms.ContentInfo({"content_type": "data", "content": b"hello"})
        resp = a_tsp.TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": ci}).dump()
    _parse_contract(resp)
    assert not _verify(verifier, resp, 1).ok
