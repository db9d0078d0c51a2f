"""Hashing speed and memory.

1. `proofkit hash` of a 1 GiB file vs `openssl dgst -sha256` (page cache warm): wall-time
   ratio (target ≤ 1.05) and peak RSS of the proofkit process (target < 100 MB).
2. A folder of large files on 2 cores: parallel throughput vs one after another (target ≥ 1.7×).

Run: .venv/bin/python bench/bench_hash.py [--size-mib 1024] [--dir /tmp/pkbench]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_file(path: Path, size: int) -> None:
    if path.exists() and path.stat().st_size == size:
        return
    chunk = os.urandom(1 << 20)
    with open(path, "wb") as f:
        for _ in range(size // len(chunk)):
            f.write(chunk)


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall time and the child's peak RSS (KiB), measured with wait4()."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{cmd} failed")
    return dt, usage.ru_maxrss


def best(cmd: list[str], n: int) -> tuple[float, int]:
    runs = [timed(cmd) for _ in range(n)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mib", type=int, default=1024)
    ap.add_argument("--dir", default="/tmp/pkbench")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    d = Path(a.dir)
    d.mkdir(parents=True, exist_ok=True)
    big = d / "big.bin"
    make_file(big, a.size_mib << 20)
    proofkit = [sys.executable, "-m", "proofkit.cli.main", "hash", str(big)]
    openssl = ["openssl", "dgst", "-sha256", str(big)]
    timed(openssl)  # warm the page cache
    o_t, _ = best(openssl, a.runs)
    p_t, p_rss = best(proofkit, a.runs)
    print(f"1 GiB-class file ({a.size_mib} MiB), best of {a.runs}, page cache warm:")
    print(f"  openssl dgst -sha256 : {o_t:.3f} s")
    print(f"  proofkit hash        : {p_t:.3f} s   ratio {p_t / o_t:.3f} (target <= 1.05)")
    print(f"  proofkit peak RSS    : {p_rss / 1024:.1f} MB (target < 100 MB)")

    sys.path.insert(0, str(ROOT))
    from proofkit.core.hashing import hash_files

    folder = d / "folder"
    folder.mkdir(exist_ok=True)
    files = []
    for i in range(4):
        f = folder / f"part{i}.bin"
        make_file(f, 256 << 20)
        files.append(f)
    total = sum(f.stat().st_size for f in files)
    hash_files(files, workers=1)  # warm
    t0 = time.perf_counter()
    hash_files(files, workers=1)
    seq = time.perf_counter() - t0
    t0 = time.perf_counter()
    hash_files(files, workers=2)
    par = time.perf_counter() - t0
    print(f"folder of 4 x 256 MiB on {os.cpu_count()} cores:")
    print(f"  one after another : {total / seq / 2**20:.0f} MiB/s")
    print(f"  parallel (2)      : {total / par / 2**20:.0f} MiB/s   speed-up {seq / par:.2f}x (target >= 1.7)")
    if "--keep" not in sys.argv:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
