"""A dataset-sized folder in one stamp.

10,000 small files plus a few large ones: the whole `proofkit stamp FOLDER` (hash every file,
write the manifest, one request per TSA, verify, commit) against hashing the same files alone
(`proofkit hash` over the same files). Target: within 1.1x, and exactly one request per TSA,
counted on the loopback TSAs.

Run: .venv/bin/python bench/bench_folder.py [--small 10000] [--large 3] [--large-mib 256]
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--large", type=int, default=3)
    ap.add_argument("--large-mib", type=int, default=256)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    from loopback_tsa import LoopbackTSA, TestPKI

    work = Path(tempfile.mkdtemp(prefix="pkfolder-"))
    data = work / "dataset"
    for i in range(a.small):
        d = data / f"part{i // 1000:02d}"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"caption_{i:05d}.txt").write_bytes(os.urandom(200 + i % 700))
    block = os.urandom(1 << 20)
    for j in range(a.large):
        with open(data / f"model_{j}.safetensors", "wb") as f:
            for _ in range(a.large_mib):
                f.write(block)
    files = sorted(str(p) for p in data.rglob("*") if p.is_file())
    total = sum(os.path.getsize(f) for f in files)
    pki = TestPKI(work / "pki")
    tsas = [LoopbackTSA(pki, "rsa").start(), LoopbackTSA(pki, "ec").start()]
    py = sys.executable
    hash_cmd = [py, "-m", "proofkit.cli.main", "hash", *files]
    subprocess.run(hash_cmd, stdout=subprocess.DEVNULL, check=True)  # warm the page cache
    hash_times, stamp_times = [], []
    for run in range(a.runs):
        t0 = time.perf_counter()
        subprocess.run(hash_cmd, stdout=subprocess.DEVNULL, check=True)
        hash_times.append(time.perf_counter() - t0)
        home = work / f"home{run}"
        cmd = [py, "-m", "proofkit.cli.main", "--home", str(home), "--trust", str(pki.root_pem), "stamp",
               str(data), "--work", "dataset"] + sum((["--tsa", t.url] for t in tsas), [])
        before = [len(t.requests) for t in tsas]
        t0 = time.perf_counter()
        r = subprocess.run(cmd, capture_output=True, text=True)
        stamp_times.append(time.perf_counter() - t0)
        assert r.returncode == 0, r.stdout + r.stderr
        assert [len(t.requests) - b for t, b in zip(tsas, before)] == [1, 1], "not one request per TSA"
    for t in tsas:
        t.close()
    h, s = min(hash_times), min(stamp_times)
    print(f"{len(files)} files, {total / 2**20:.0f} MiB ({a.small} small + {a.large} x {a.large_mib} MiB), best of {a.runs}:")
    print(f"  proofkit hash (all files)   : {h:.2f} s")
    print(f"  proofkit stamp FOLDER       : {s:.2f} s   ratio {s / h:.3f} (target <= 1.1)")
    print(f"  requests per TSA per stamp  : 1 (counted on both loopback TSAs)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
