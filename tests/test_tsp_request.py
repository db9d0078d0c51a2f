"""The TimeStampReq is encoded by ProofKit itself (issue 18: rfc3161ng's import cost a stamp
~0.16 s); the bytes are exactly what rfc3161ng encoded, and `proofkit stamp` no longer
imports it (nor requests)."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from proofkit.core.tsp import build_request


@pytest.mark.parametrize("alg", ["sha1", "sha256", "sha384", "sha512"])
@pytest.mark.parametrize("nonce", [0, 1, 127, 128, 255, 2**31, 2**62 + 12345, 2**63 - 1, 2**64 - 1])
def test_the_request_is_byte_identical_to_rfc3161ngs(alg: str, nonce: int) -> None:
    rfc3161ng = pytest.importorskip("rfc3161ng")
    from pyasn1.codec.der import encoder

    digest = hashlib.new(alg, b"chapter one").digest()
    ours = build_request(digest, alg, nonce=nonce)
    theirs = encoder.encode(rfc3161ng.make_timestamp_request(
        digest=digest, hashname=alg, include_tsa_certificate=True, nonce=nonce))
    assert ours.der == theirs and ours.nonce == nonce and ours.digest == digest


def test_an_unknown_hash_is_refused() -> None:
    with pytest.raises(ValueError):
        build_request(b"x" * 16, "md5")


def test_stamping_imports_neither_rfc3161ng_nor_requests() -> None:
    code = ("import sys\n"
            "from proofkit.core import stamping, tsp\n"
            "tsp.build_request(bytes(32))\n"
            "print(sorted(m for m in ('rfc3161ng', 'requests', 'pyasn1') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
