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
