"""Checking 1,000 stored receipts vs running `openssl ts -verify` once per token.

Fills a fresh ledger with N receipts from a loopback TSA (openssl ts -reply, test PKI), then:
- times `proofkit ledger check --deep` (hash chain + cryptographic re-verification of every
  verified receipt), as a user runs it (a subprocess);
- times `openssl ts -verify -digest … -in tokenN.tsr -CAfile root.pem -untrusted chain.pem
  -attime …` run once per token.
Target: ProofKit at least 10x faster.

Run: .venv/bin/python bench/bench_verify.py [--n 1000]
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    a = ap.parse_args()
    from loopback_tsa import LoopbackTSA, TestPKI

    from proofkit.core.registry import find_tsa
    from proofkit.core.stamping import ask_tsas
    from proofkit.core.trust import TrustStore
    from proofkit.core.verifier import Verifier
    from proofkit.ledger import Ledger

    work = Path(tempfile.mkdtemp(prefix="pkverify-"))
    pki = TestPKI(work / "pki")
    tsa = LoopbackTSA(pki, "rsa").start()
    trust = TrustStore()
    trust.add_pem_file(pki.root_pem, "user:bench")
    verifier = Verifier(trust)
    home = work / "home"
    home.mkdir()
    ledger = Ledger.open(home / "ledger.sqlite3", backups_dir=home / "backups")
    info = find_tsa(tsa.url)
    t0 = time.perf_counter()
    tokens = []
    for i in range(a.n):
        digest = secrets.token_bytes(32)
        [att] = ask_tsas([info], digest, "sha256", verifier, timeout=30)
        assert att.status == "verified", att.error
        ledger.record_stamp(work_title="bench", file_name=f"f{i}.txt", path=f"/bench/f{i}.txt", size=1,
                            hash_alg="sha256", digest_hex=digest.hex(), receipts=[att.receipt_data("sha256")])
        tokens.append((digest.hex(), att.response, att.verdict.gen_time))
    ledger.close()
    tsa.close()
    print(f"filled a ledger with {a.n} receipts in {time.perf_counter() - t0:.1f} s")

    env = dict(os.environ)
    cmd = [sys.executable, "-m", "proofkit.cli.main", "--home", str(home), "--trust", str(pki.root_pem),
           "ledger", "check", "--deep"]
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, env=env)
    pk = time.perf_counter() - t0
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"All {a.n} verified receipts still verify" in r.stdout, r.stdout

    # The same check inside a running process (the desktop app's "check the ledger"):
    from proofkit.core.recheck import recheck_receipts

    ledger = Ledger.open(home / "ledger.sqlite3", backups_dir=home / "backups")
    store = TrustStore.default([pki.root_pem])
    inproc = []
    for _ in range(3):
        t0 = time.perf_counter()
        results = list(recheck_receipts(ledger, Verifier(store)))
        inproc.append(time.perf_counter() - t0)
        assert len(results) == a.n and all(r.verdict.ok for r in results)
    ledger.close()

    tdir = work / "tokens"
    tdir.mkdir()
    chain = pki.chain_pem(tsa.signer_name)
    cmds = []
    for i, (hexd, der, gen) in enumerate(tokens):
        p = tdir / f"{i}.tsr"
        p.write_bytes(der)
        cmds.append(["openssl", "ts", "-verify", "-digest", hexd, "-in", str(p), "-CAfile", str(pki.root_pem),
                     "-untrusted", str(chain), "-attime", str(int(gen.timestamp()))])
    t0 = time.perf_counter()
    for c in cmds:
        out = subprocess.run(c, capture_output=True, text=True)
        assert "Verification: OK" in out.stdout, out.stdout + out.stderr
    ossl = time.perf_counter() - t0
    print(f"openssl ts -verify, once per token, x {a.n}        : {ossl:.2f} s")
    print(f"proofkit ledger check --deep (new process, {a.n}) : {pk:.2f} s   {ossl / pk:.1f}x faster")
    print(f"re-verifying {a.n} receipts in a running process  : {min(inproc):.2f} s   "
          f"{ossl / min(inproc):.1f}x faster (target >= 10x)")


if __name__ == "__main__":
    main()
