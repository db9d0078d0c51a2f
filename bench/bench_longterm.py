"""Benchmarks for issue 16 (proof that lasts): the vault, the mirror, renewal.

    .venv/bin/python bench/bench_longterm.py vault  [--mb 10] [--repeat 5] [--tsa-delay 0.5]
    .venv/bin/python bench/bench_longterm.py mirror [--receipts 10000]
    .venv/bin/python bench/bench_longterm.py renew  [--receipts 100000]

vault:  a 10 MB generated manuscript (seeded), stamped with the CLI against a loopback TSA
        with the vault on and off (Settings.vault_limit_mib 64 / 0), alternating, so the ratio
        holds on a loaded machine; ``--tsa-delay`` makes the TSA answer like a public one (the
        vault copy runs during that round trip). Also gzip levels 1/6/9 on the same text.
        Target: vault overhead < 10 % of the stamp time.
mirror: a ledger of N receipts, each holding a real loopback TSA response (one real token's
        bytes reused: the mirror copies bytes, it does not verify them), mirrored to an empty
        folder, then again after one more stamp (incremental).
renew:  the same kind of ledger with N receipts, `renew --all` against two loopback TSAs
        (one request each), timed; then the evidence record of one receipt is built and
        checked. Target: under 30 s for 100,000 receipts.

Filling the ledgers is not timed.
"""

from __future__ import annotations

import argparse
import os
import contextlib
import dataclasses
import io
import random
import statistics
import sys
import tempfile
import time
import zlib
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from loopback_tsa import LoopbackTSA, TestPKI  # noqa: E402

from proofkit.cli.main import main  # noqa: E402
from proofkit.ledger import Ledger, ReceiptData  # noqa: E402


def manuscript(mb: int, seed: int = 16) -> bytes:
    rng = random.Random(seed)
    words = ["风", "雨", "山", "河", "剑", "心", "梦", "城", "夜", "光", "他", "她", "说", "走",
             "the", "night", "sword", "river", "，", "。", "\n"]
    out, size = [], 0
    while size < mb * 1_000_000:
        para = "".join(rng.choice(words) for _ in range(400)) + "\n\n"
        out.append(para)
        size += len(para.encode())
    return "".join(out).encode()[: mb * 1_000_000]


def bench_vault(opts) -> None:
    from proofkit.ledger.vault import LEVEL, Vault

    data = manuscript(opts.mb)
    import hashlib

    digest = hashlib.sha256(data).hexdigest()
    for level in (1, 6, 9):
        t = time.perf_counter()
        c = zlib.compressobj(level, zlib.DEFLATED, 31)
        n = len(c.compress(data)) + len(c.flush())
        print(f"gzip level {level}: {n / len(data):.1%} of the size, {time.perf_counter() - t:.3f} s")
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        pki = TestPKI(tmp / "pki")
        src = tmp / "manuscript.txt"
        src.write_bytes(data)
        from proofkit.core.settings import Settings, save_settings

        def one(home: Path, keep: bool) -> float:
            save_settings(Settings(vault_limit_mib=64 if keep else 0), home / "config")
            t = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                code = main(["--home", str(home), "--trust", str(pki.root_pem), "stamp", str(src),
                             "--tsa", tsa.url])
            took = time.perf_counter() - t
            assert code == 0
            assert Vault(home / "vault").has("sha256", digest) == keep
            return took

        with_vault, without, keeps = [], [], []
        with LoopbackTSA(pki, "rsa", delay=opts.tsa_delay).start() as tsa:
            for i in range(opts.repeat):  # alternating, so load drifts hit both alike
                pair = [(True, with_vault), (False, without)]
                for keep, out in (pair if i % 2 == 0 else pair[::-1]):
                    out.append(one(tmp / f"home-{keep}-{i}", keep))
                t = time.perf_counter()
                kept = Vault(tmp / f"alone-{i}").keep_file(src, "sha256", digest)
                keeps.append(time.perf_counter() - t)
        w, wo, k = statistics.median(with_vault), statistics.median(without), statistics.median(keeps)
        print(f"TSA answer delayed by {opts.tsa_delay:.2f} s; gzip level {LEVEL}")
        print(f"stamp {opts.mb} MB (CLI, loopback TSA), vault on:  median {w:.3f} s "
              f"(runs {', '.join(f'{x:.3f}' for x in with_vault)})")
        print(f"stamp {opts.mb} MB (CLI, loopback TSA), vault off: median {wo:.3f} s "
              f"(runs {', '.join(f'{x:.3f}' for x in without)})")
        print(f"keeping alone (compress + hash + fsync): median {k:.3f} s; stored "
              f"{kept.stored_size / kept.size:.1%} of the size")
        print(f"vault overhead on the stamp: {(w - wo) / wo:+.1%} (target < 10 %: "
              f"{'OK' if (w - wo) / wo < 0.10 else 'MISSED'})")


def fill(home: Path, pki: TestPKI, n: int, per_version: int = 10) -> Ledger:
    """A ledger of ``n`` verified receipts whose response is one real loopback token."""
    import urllib.request

    from proofkit.core.tsp import build_request

    with LoopbackTSA(pki, "rsa").start() as tsa:
        req = build_request(b"\x01" * 32)
        r = urllib.request.Request(tsa.url, data=req.der,
                                   headers={"Content-Type": "application/timestamp-query"})
        token = urllib.request.urlopen(r, timeout=30).read()
    lg = Ledger.open(home / "ledger.sqlite3")
    now = datetime.now(timezone.utc)
    rd = ReceiptData(tsa_name="loop", url="http://127.0.0.1/", requested_at=now, hash_alg="sha256",
                     status="verified", response=token, gen_time=now, checked_at=now, attempts=1)
    made = 0
    v = 0
    while made < n:
        k = min(per_version, n - made)
        lg.record_stamp(work_title="长夜", file_name=f"ch{v}.txt", path=f"/w/ch{v}.txt", size=1,
                        hash_alg="sha256", digest_hex=f"{v:064x}", receipts=[rd] * k)
        made += k
        v += 1
    return lg


def bench_mirror(opts) -> None:
    from proofkit.ledger import mirror as mr
    from proofkit.ledger.vault import Vault

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        pki = TestPKI(tmp / "pki")
        home = tmp / "home"
        t = time.perf_counter()
        lg = fill(home, pki, opts.receipts)
        print(f"filled {opts.receipts} receipts in {time.perf_counter() - t:.1f} s (not timed)")
        vault = Vault(home / "vault")
        rng = random.Random(1)
        for i in range(50):  # a few manuscripts in the vault too
            vault.keep_bytes(manuscript(1, seed=i)[: 200_000 + rng.randrange(100_000)])
        for label, key in (("plain", None), ("encrypted", "pw")):
            folder = tmp / f"mirror-{label}"
            folder.mkdir()
            _, k = mr.set_up(folder, key)
            t = time.perf_counter()
            rep = mr.copy_to_mirror(lg, folder=folder, vault_root=vault.root, key=k)
            first = time.perf_counter() - t
            lg.record_stamp(work_title="长夜", file_name="new.txt", path="/w/new.txt", size=1,
                            hash_alg="sha256", digest_hex="ab" * 32, receipts=[])
            t = time.perf_counter()
            rep2 = mr.copy_to_mirror(lg, folder=folder, vault_root=vault.root, key=k)
            second = time.perf_counter() - t
            t = time.perf_counter()
            mr.copy_to_mirror(lg, folder=folder, vault_root=vault.root, key=k)
            third = time.perf_counter() - t
            print(f"mirror ({label}): first copy of {rep.receipts} receipts + {rep.objects} vault objects "
                  f"+ ledger ({rep.bytes_written / 1e6:.1f} MB): {first:.2f} s; after one more stamp: "
                  f"{second:.2f} s (ledger copied: {rep2.ledger_copied}); nothing new: {third:.2f} s")
        lg.close()


def _timed(what: str, fn):
    """Run ``fn`` once; print wall and CPU time (this process) and the machine's load."""
    load = os.getloadavg()[0]
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    wall, cpu = time.perf_counter() - w, time.process_time() - c
    print(f"{what}: wall {wall:.2f} s, CPU {cpu:.2f} s (load average before: {load:.1f})")
    return out, wall


def bench_renew(opts) -> None:
    """Renewal of ``--receipts`` receipts with two loopback TSAs: the first renewal (every
    receipt a leaf), a time-stamp renewal of the lines, a forced hash-tree renewal to SHA-512
    (every receipt a leaf again, over its record so far), then one receipt's records, and the
    deep check of every renewal. The batches are kept in the ledger (schema v9)."""
    from proofkit.core import ers
    from proofkit.core.registry import find_tsa
    from proofkit.core.verifier import verifier_for
    from proofkit.ledger.evidence import EvidenceStore

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        pki = TestPKI(tmp / "pki")
        home = tmp / "home"
        t = time.perf_counter()
        lg = fill(home, pki, opts.receipts, per_version=50)
        print(f"filled {opts.receipts} receipts in {time.perf_counter() - t:.1f} s (not timed); "
              f"{os.cpu_count()} CPUs")
        verifier = verifier_for([str(pki.root_pem)])
        with LoopbackTSA(pki, "rsa").start() as a, LoopbackTSA(pki, "ec").start() as b:
            tsas = [dataclasses.replace(find_tsa(x.url, []), name=n) for x, n in ((a, "A"), (b, "B"))]
            store = EvidenceStore(lg, home / "evidence")
            for what, kw in (("renew --all (first: every receipt a leaf)", {}),
                             ("renew --all (time-stamp renewal of the lines)", {}),
                             ("renew --hash-tree sha512 (every receipt a leaf again)", {"hash_tree": "sha512"})):
                before = (a.request_count, b.request_count)
                rep, took = _timed(what, lambda: store.renew(tsas, verifier, mode="all", **kw))
                print(f"  {rep.receipts} new receipts, {rep.renewed_batches} lines renewed, {rep.hash_tree} "
                      f"receipt records hashed anew ({rep.alg}); requests per TSA: {a.request_count - before[0]}, "
                      f"{b.request_count - before[1]} (target < 30 s: {'OK' if took < 30 else 'MISSED'})")
            fresh = EvidenceStore(lg, home / "evidence")  # another process: reads the ledger
            recs, _ = _timed("evidence records of one receipt (loads the batches, rebuilds the trees)",
                             lambda: fresh.records_for(("r", 1)))
            resp = lg.responses([1])[1]
            verdicts = [ers.verify_evidence_record(der, resp, verifier, protects=None) for _, der in recs]
            ok = all(v.ok for v in verdicts) or [v.reason for v in verdicts]
            print(f"  {len(recs)} record(s), all verify: {ok}")
            problems, _ = _timed("deep check of every renewal (EvidenceStore.check)",
                                 lambda: EvidenceStore(lg).check(verifier))
            print(f"  problems: {problems[:3]}")
            _timed("ledger check (hash chain, rows)", lg.check)
        print(f"ledger size {lg.path.stat().st_size / 1e6:.1f} MB")
        lg.close()


def main_bench() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=("vault", "mirror", "renew"))
    ap.add_argument("--mb", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--receipts", type=int, default=None)
    ap.add_argument("--tsa-delay", type=float, default=0.0,
                    help="seconds the loopback TSA waits before answering (a public TSA's round trip)")
    opts = ap.parse_args()
    if opts.what == "vault":
        bench_vault(opts)
    elif opts.what == "mirror":
        opts.receipts = opts.receipts or 10_000
        bench_mirror(opts)
    else:
        opts.receipts = opts.receipts or 100_000
        bench_renew(opts)


if __name__ == "__main__":
    main_bench()
