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


def test_building_a_request_leaves_rfc3161ngs_http_client_unimported() -> None:
    """A one-file stamp from the shell does not pay for rfc3161ng's HTTP client and date
    parser (core/tsp._rfc3161ng): after a request is built, requests, urllib3 and dateutil are
    not imported for real; the first use of one of their names imports it, and works."""
    import subprocess
    import sys

    code = (
        "import sys; from proofkit.core.tsp import build_request; build_request(bytes(32))\n"
        "real = lambda: sorted(m for m in sys.modules if m.split('.')[0] in ('requests', 'urllib3', 'dateutil')"
        " and type(sys.modules[m]).__name__ != '_Placeholder')\n"
        "print('BEFORE', real())\n"
        "import rfc3161ng.api as api\n"
        "assert api.requests.post.__module__ == 'requests.api'\n"
        "assert api.dateutil.relativedelta.relativedelta(days=1).days == 1 and api.dateutil.tz.tzutc()\n"
        "import requests, dateutil.tz; assert requests.Session and dateutil.tz.UTC\n"
        "print('AFTER', 'urllib3' in sys.modules, type(sys.modules['requests']).__name__)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "BEFORE []" in r.stdout, r.stdout
    assert "AFTER True module" in r.stdout, r.stdout
