"""A dataset-sized folder in one stamp.

10,000 small files plus a few large ones: the whole `proofkit stamp FOLDER` (hash every file,
write the manifest, one request per TSA, verify, commit) against hashing the same files alone
(`proofkit hash` over the same files). Target: within 1.1x, and exactly one request per TSA,
counted on the loopback TSAs.

Measured twice, for each size of the large files:
- CLI: two new processes, `proofkit hash FILES...` against `proofkit stamp FOLDER`; the stamp
  also pays for importing SQLAlchemy, cryptography and rfc3161ng and for opening the ledger;
- app: inside one running process, as the desktop app stamps (ledger open, verifier built):
  hashing the files against building the manifest and stamping it.

Run: .venv/bin/python bench/bench_folder.py [--small 10000] [--large 3] [--large-mib 256,2048]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def make_dataset(data: Path, small: int, large: int, large_mib: int) -> list[str]:
    for i in range(small):
        d = data / f"part{i // 1000:02d}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"caption_{i:05d}.txt").write_bytes(os.urandom(200 + i % 700))
    block = os.urandom(1 << 20)
    for j in range(large):
        with open(data / f"model_{j}.safetensors", "wb") as f:
            for _ in range(large_mib):
                f.write(block)
    return sorted(str(p) for p in data.rglob("*") if p.is_file())


def count_requests(tsas, before) -> None:
    assert [len(t.requests) - b for t, b in zip(tsas, before)] == [1] * len(tsas), "not one request per TSA"


def cli(work: Path, data: Path, files: list[str], pki, tsas, runs: int) -> tuple[float, float]:
    py = sys.executable
    hash_cmd = [py, "-m", "proofkit.cli.main", "hash", *files]
    subprocess.run(hash_cmd, stdout=subprocess.DEVNULL, check=True)  # warm the page cache
    hash_times, stamp_times = [], []
    for run in range(runs):
        t0 = time.perf_counter()
        subprocess.run(hash_cmd, stdout=subprocess.DEVNULL, check=True)
        hash_times.append(time.perf_counter() - t0)
        cmd = [py, "-m", "proofkit.cli.main", "--home", str(work / f"home{run}"), "--trust", str(pki.root_pem),
               "stamp", str(data), "--work", "dataset"] + sum((["--tsa", t.url] for t in tsas), [])
        before = [len(t.requests) for t in tsas]
        t0 = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, text=True)
        stamp_times.append(time.perf_counter() - t0)
        assert r.returncode == 0, r.stdout + r.stderr
        count_requests(tsas, before)
    return min(hash_times), min(stamp_times)


def in_app(work: Path, data: Path, files: list[str], pki, tsas, runs: int) -> tuple[float, float]:
    from proofkit.app.stamping import stamp_manifest
    from proofkit.core import manifest as mf
    from proofkit.core.hashing import hash_files
    from proofkit.core.registry import find_tsa
    from proofkit.core.stamping import Stamper
    from proofkit.core.verifier import verifier_for
    from proofkit.ledger import Ledger

    ledger = Ledger.open(work / "app-ledger.sqlite3")
    stamper = Stamper(ledger, verifier_for([str(pki.root_pem)], ledger), [find_tsa(t.url, []) for t in tsas])
    hash_times, stamp_times = [], []
    try:
        for _ in range(runs):
            t0 = time.perf_counter()
            hash_files(files)
            hash_times.append(time.perf_counter() - t0)
            before = [len(t.requests) for t in tsas]
            t0 = time.perf_counter()
            m, _ = mf.build(data, "dataset")
            outcome = stamp_manifest(stamper, data, m)
            stamp_times.append(time.perf_counter() - t0)
            assert outcome.verified and not outcome.pending
            count_requests(tsas, before)
    finally:
        ledger.close()
    return min(hash_times), min(stamp_times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--large", type=int, default=3)
    ap.add_argument("--large-mib", default="256,2048", help="sizes of the large files to try, comma-separated")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    from loopback_tsa import LoopbackTSA, TestPKI

    # As on a user's machine, where Python keeps ProofKit's compiled bytecode: an environment
    # with PYTHONDONTWRITEBYTECODE would otherwise compile every module again in each process.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "proofkit")], check=True)
    work = Path(tempfile.mkdtemp(prefix="pkfolder-"))
    pki = TestPKI(work / "pki")
    tsas = [LoopbackTSA(pki, "rsa").start(), LoopbackTSA(pki, "ec").start()]
    rows = []
    try:
        for mib in (int(x) for x in a.large_mib.split(",")):
            data = work / f"dataset-{mib}"
            files = make_dataset(data, a.small, a.large, mib)
            total = sum(os.path.getsize(f) for f in files) / 2**20
            label = f"{a.small} small + {a.large} x {mib} MiB ({total:.0f} MiB)"
            rows.append((label, "CLI", *cli(work, data, files, pki, tsas, a.runs)))
            rows.append((label, "app", *in_app(work, data, files, pki, tsas, a.runs)))
            shutil.rmtree(data, ignore_errors=True)
    finally:
        for t in tsas:
            t.close()
        shutil.rmtree(work, ignore_errors=True)
    print(f"best of {a.runs} runs each; requests per TSA per stamp: exactly 1 (counted on both loopback TSAs)")
    print(f"{'dataset':44} {'':4} {'hash':>7} {'stamp':>7} {'ratio':>6}  (target <= 1.1)")
    for label, how, h, s in rows:
        print(f"{label:44} {how:4} {h:6.2f}s {s:6.2f}s {s / h:6.3f}")


if __name__ == "__main__":
    main()
