"""What Python-heavy work beside a hashing worker costs it (the GIL convoy).

One large file hashes on a worker thread while the main thread runs 0.3 s of pure Python
(as the stamp command's imports do while a folder hashes). Between two chunks the worker
needs the GIL back; with Python's default 5 ms switch interval it waits longer than a 1 MiB
chunk takes to hash. Compared: chunk size x switch interval, idle main thread against busy.

Run: .venv/bin/python bench/bench_gil_handover.py [--mib 2048]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from proofkit.core.hashing import hash_file  # noqa: E402


def python_work(seconds: float) -> None:
    end = time.perf_counter() + seconds
    x = 0
    while time.perf_counter() < end:
        for i in range(1000):
            x += i


def one(path: str, chunk: int, interval: float, busy: float) -> float:
    old = sys.getswitchinterval()
    sys.setswitchinterval(interval)
    try:
        t0 = time.perf_counter()
        with ThreadPoolExecutor(1) as pool:
            f = pool.submit(hash_file, path, "sha256", chunk_size=chunk)
            python_work(busy)
            f.result()
        return time.perf_counter() - t0
    finally:
        sys.setswitchinterval(old)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mib", type=int, default=2048)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "model.bin")
        block = os.urandom(1 << 20)
        with open(path, "wb") as f:
            for _ in range(a.mib):
                f.write(block)
        hash_file(path)  # warm the page cache
        print(f"{a.mib} MiB on a worker; main thread idle vs 0.3 s of Python; best of {a.runs}")
        for chunk in (1 << 20, 1 << 22):
            for interval in (0.005, 0.0001):
                idle = min(one(path, chunk, interval, 0.0) for _ in range(a.runs))
                busy = min(one(path, chunk, interval, 0.3) for _ in range(a.runs))
                print(f"  chunk {chunk >> 20} MiB, switch interval {interval * 1000:g} ms: "
                      f"idle {idle:.3f} s, busy {busy:.3f} s, cost {busy - idle:+.3f} s")


if __name__ == "__main__":
    main()
