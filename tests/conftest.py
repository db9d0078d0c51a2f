"""Shared pytest fixtures.  Keep each group clearly separated; append new groups below."""

from __future__ import annotations

import sqlite3

import pytest

# ---------------------------------------------------------------------------
# Loopback RFC 3161 TSA (tests/loopback_tsa.py): a real openssl-backed TSA on
# 127.0.0.1 and a throw-away test PKI.  No mocks.
# ---------------------------------------------------------------------------
from loopback_tsa import LoopbackTSA, TestPKI


@pytest.fixture(scope="session")
def loopback_pki(tmp_path_factory) -> TestPKI:
    """Session-wide test PKI (key generation is slow): roots, intermediate, TSA leaves."""
    return TestPKI(tmp_path_factory.mktemp("loopback-pki"))


@pytest.fixture
def loopback_tsa_factory(loopback_pki):
    """Factory: ``make(signer="rsa", *, ess="v2", digest="sha256", mode="ok",
    faketime=None)`` -> started ``LoopbackTSA``; all are stopped at teardown."""
    started: list[LoopbackTSA] = []

    def make(signer: str = "rsa", **kwargs) -> LoopbackTSA:
        tsa = LoopbackTSA(loopback_pki, signer, **kwargs).start()
        started.append(tsa)
        return tsa

    yield make
    for tsa in started:
        tsa.close()


@pytest.fixture
def loopback_tsa(loopback_tsa_factory) -> LoopbackTSA:
    """A well-behaved RSA TSA (ESSCertIDv2, sha256) under the trusted test root."""
    return loopback_tsa_factory()


# ---------------------------------------------------------------------------
# A ledger that cannot take a stamp (the record fails inside its transaction).
# ---------------------------------------------------------------------------
@pytest.fixture
def refuse_new_versions():
    """``refuse_new_versions(ledger_path)``: from then on the ledger's stamp transaction fails
    inside SQLite when it adds a version (a trigger standing in for a full disk), so nothing
    of the stamp can commit."""

    def install(ledger_path) -> None:
        db = sqlite3.connect(ledger_path)
        try:
            db.execute("CREATE TRIGGER test_full_disk BEFORE INSERT ON versions "
                       "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
            db.commit()
        finally:
            db.close()

    return install


# ---------------------------------------------------------------------------
# Revocation on loopback: OpenSSL's real OCSP responder and a CRL served over HTTP, and
# TSA certificates whose AIA / CDP name them (tests/loopback_tsa.py).
# ---------------------------------------------------------------------------
REVOKED_AT = __import__("datetime").datetime(2025, 1, 1, tzinfo=__import__("datetime").timezone.utc)


@pytest.fixture(scope="session")
def revocation_pki(loopback_pki):
    """The session PKI plus four TSA leaves: ``ocsp_good_tsa`` / ``ocsp_revoked_tsa`` name a
    running ``openssl ocsp`` responder, ``crl_good_tsa`` / ``crl_revoked_tsa`` a CRL on
    loopback; the revoked ones were revoked on REVOKED_AT (2025-01-01)."""
    from types import SimpleNamespace

    from loopback_tsa import LoopbackFile, LoopbackOCSP

    crl = LoopbackFile()
    responder = LoopbackOCSP(loopback_pki)
    try:
        for name in ("ocsp_good_tsa", "ocsp_revoked_tsa"):
            loopback_pki.add_tsa(name, f"ProofKit Test TSA ({name})", ocsp_url=responder.url)
        for name in ("crl_good_tsa", "crl_revoked_tsa"):
            loopback_pki.add_tsa(name, f"ProofKit Test TSA ({name})", crl_url=crl.url)
        crl.body = loopback_pki.crl("intermediate", {"crl_revoked_tsa": REVOKED_AT})
        responder.start({"ocsp_revoked_tsa": REVOKED_AT})
        yield SimpleNamespace(pki=loopback_pki, ocsp=responder, crl=crl, revoked_at=REVOKED_AT)
    finally:
        responder.close()
        crl.close()


# ---------------------------------------------------------------------------
# The command line, run in-process against a test home (a real SQLite ledger).
# ---------------------------------------------------------------------------
@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


@pytest.fixture
def run(home, loopback_pki, capsys):
    """``run(*argv, trust=True)`` -> (exit code, stdout, stderr) of ``proofkit --home HOME
    [--trust <test root>] ARGV...``, trusting the test root only (plus the usual stores,
    which do not contain it)."""
    from proofkit.cli.main import main

    def _run(*argv, trust=True):
        base = ["--home", str(home)]
        if trust:
            base += ["--trust", str(loopback_pki.root_pem)]
        capsys.readouterr()
        code = main(base + [str(a) for a in argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run

