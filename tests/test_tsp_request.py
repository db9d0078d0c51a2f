"""The TimeStampReq: built by rfc3161ng (SM3 ones by ProofKit, rfc3161ng does not know SM3;
tests/test_sm3.py compares those with `openssl ts -query -sm3`). Only the digest is in it."""

from __future__ import annotations

import hashlib

import pytest

from proofkit.core.tsp import build_request


@pytest.mark.parametrize("alg", ["sha1", "sha256", "sha384", "sha512", "sm3"])
@pytest.mark.parametrize("nonce", [1, 127, 128, 255, 2**31, 2**62 + 12345, 2**63 - 1])
def test_the_request_says_what_was_asked(alg: str, nonce: int) -> None:
    """Read back with rfc3161ng's decoder: version 1, the digest and its algorithm, the nonce,
    certReq true, nothing else."""
    rfc3161ng = pytest.importorskip("rfc3161ng")
    if alg == "sm3" and "sm3" not in hashlib.algorithms_available:
        pytest.skip("this OpenSSL has no SM3")

    digest = hashlib.new(alg, b"chapter one").digest()
    req = build_request(digest, alg, nonce=nonce)
    tsq = rfc3161ng.decode_timestamp_request(req.der)
    imprint = tsq["messageImprint"]
    assert int(tsq["version"]) == 1 and int(tsq["nonce"]) == nonce and bool(tsq["certReq"])
    assert bytes(imprint["hashedMessage"]) == digest
    oid = {"sha1": "1.3.14.3.2.26", "sha256": "2.16.840.1.101.3.4.2.1", "sha384": "2.16.840.1.101.3.4.2.2",
           "sha512": "2.16.840.1.101.3.4.2.3", "sm3": "1.2.156.10197.1.401"}[alg]
    assert str(imprint["hashAlgorithm"]["algorithm"]) == oid
    assert not tsq["reqPolicy"].isValue and not tsq["extensions"].isValue
    assert req.nonce == nonce and req.digest == digest


def test_an_unknown_hash_is_refused() -> None:
    with pytest.raises(ValueError):
        build_request(b"x" * 16, "md5")
