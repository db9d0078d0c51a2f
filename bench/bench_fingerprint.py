"""Model fingerprint and comparison speed and memory (issue 13).

1. Fingerprint of a 2 GiB fp16 .safetensors vs `proofkit hash` of the same file (page cache
   warm), run alternately back to back: wall-time ratio (target <= 1.5) and peak RSS of the
   fingerprinting process (target < 300 MB).
   Also the floor: the CPU time of the hash passes the fingerprint's definition requires
   (4 x SHA-256, BLAKE3, CRC32), single-threaded.
2. `proofkit compare` of two 2 GiB models (both files read at once, comparison scope): wall
   and CPU time (target < 10 s), and comparing their stored fingerprints alone.
3. `proofkit compare` of two LoRAs (files, 111 MB each in fp16; rank 32, 700 modules): target
   < 1 s, start-up included.
With --baseline /work/wt/s0 each measured command also runs with that checkout's code
(PYTHONPATH), alternately, back to back, and the CPU and wall ratios are printed.

The machine is shared (2 cores, other agents' builds and tests): only ratios of runs taken
back to back mean much; figures are the best (and median) of N after one untimed warm-up run
per command and tree; compiled modules are cached in /tmp/pkbench-pycache for every tree.

Run: .venv/bin/python bench/bench_fingerprint.py [--size-mib 2048] [--dir /tmp/pkbench-models] [-n 3]
     [--baseline /work/wt/s0] [--skip fp,cmp,lora]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
PYCACHE = "/tmp/pkbench-pycache"


def write_big_fp16(path: Path, total_bytes: int, seed: int, *, base: Path | None = None,
                   mix: float = 0.0) -> None:
    """An SD-like fp16 checkpoint: ~1100 tensors of mixed sizes adding up to ``total_bytes``.
    With ``base``, each tensor is (1 - mix) * base + mix * noise (a merge)."""
    if path.exists():
        return
    rng = np.random.default_rng(0)
    sizes = []
    left = total_bytes // 2
    while left > 0:
        n = int(min(left, rng.choice([320, 1280, 409600, 1638400, 3276800, 6553600])))
        sizes.append(n)
        left -= n
    header, off = {"__metadata__": {"format": "pt"}}, 0
    for i, n in enumerate(sizes):
        header[f"model.diffusion_model.block_{i:04d}.weight"] = {
            "dtype": "F16", "shape": [n], "data_offsets": [off, off + 2 * n]}
        off += 2 * n
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    rng = np.random.default_rng(seed)
    src = open(base, "rb") if base else None
    if src:
        src.seek(8 + int.from_bytes(src.read(8), "little"))
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h)
        for n in sizes:
            noise = (rng.standard_normal(n, dtype=np.float32) * 0.05)
            if src:
                b = np.frombuffer(src.read(2 * n), dtype="<f2").astype(np.float32)
                noise = (1 - mix) * b + mix * noise
            f.write(noise.astype("<f2").tobytes())
    if src:
        src.close()


def write_lora(path: Path, seed: int, modules: int = 700, rank: int = 32) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from model_factory import write_safetensors
    rng = np.random.default_rng(seed)
    t = {}
    for i in range(modules):
        o, k = (1280, 1280) if i % 3 else (640, 2048)
        base = f"lora_unet_block_{i}_attn_to_q"
        t[f"{base}.lora_down.weight"] = (rng.standard_normal((rank, k), dtype=np.float32) * 0.02).astype(np.float16)
        t[f"{base}.lora_up.weight"] = (rng.standard_normal((o, rank), dtype=np.float32) * 0.02).astype(np.float16)
        t[f"{base}.alpha"] = np.array(rank / 2, dtype=np.float16)
    write_safetensors(path, t)


CPU: list[float] = []  # CPU seconds (user + system) of the last timed() child


def timed(cmd: list[str], tree: str | None = None) -> tuple[float, int]:
    """Wall time and the child's peak RSS (KiB), measured with wait4(); its CPU time (user +
    system, all threads) goes to CPU[-1]: on a loaded machine the CPU ratio is the steadier.
    ``tree``: run the code of that checkout (PYTHONPATH) instead of this one."""
    env = dict(os.environ)
    if tree:
        env["PYTHONPATH"] = tree
    # Compiled modules cached outside the trees for every tree alike (with
    # PYTHONDONTWRITEBYTECODE a tree's changed modules were compiled again at every run,
    # ~20-30 ms of start-up an installed ProofKit does not pay); the first run warms it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = PYCACHE
    t0 = time.perf_counter()
    # cwd "/": "python -c" puts the working directory first on sys.path, before PYTHONPATH
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=env, cwd="/")
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # compare exits 1 for "no evidence"
        raise SystemExit(f"{cmd} failed")
    CPU.append(usage.ru_utime + usage.ru_stime)
    return dt, usage.ru_maxrss


FP = ("import sys, json; from proofkit.core.models.fingerprint import fingerprint_file, to_bytes; "
      "sys.stdout.buffer.write(to_bytes(fingerprint_file(sys.argv[1])))")
CLI = "import sys; from proofkit.cli.main import run; sys.exit(run())"  # `proofkit ...`, any tree
CMP_FP = ("import sys; from proofkit.core.models.fingerprint import load; "
          "from proofkit.core.models.compare import compare; "
          "compare(load(open(sys.argv[1],'rb').read()), load(open(sys.argv[2],'rb').read()))")
#: the hash passes a full fingerprint cannot do without, single-threaded over the file: file
#: SHA-256, data-region SHA-256 (AutoV3/addnet), per-tensor raw SHA-256 (here: one pass),
#: SHA-256 of the bf16-rounded fp16 values (the same size: one pass), BLAKE3, CRC32 (with the
#: fastest implementation at hand, ISA-L's, as the fingerprint now uses; zlib's otherwise)
FLOOR = ("import sys, hashlib, zlib, blake3, resource\n"
         "try:\n from isal.isal_zlib import crc32\nexcept ImportError:\n crc32 = zlib.crc32\n"
         "def cpu():\n r = resource.getrusage(resource.RUSAGE_SELF); return r.ru_utime + r.ru_stime\n"
         "hs = [hashlib.sha256() for _ in range(4)]; b3 = blake3.blake3(); crc = 0\n"
         "buf = bytearray(8 << 20); f = open(sys.argv[1], 'rb', buffering=0); c0 = cpu()\n"
         "while (n := f.readinto(buf)):\n"
         " v = memoryview(buf)[:n]\n"
         " for h in hs: h.update(v)\n"
         " b3.update(v); crc = crc32(v, crc)\n"
         "print(f'{cpu() - c0:.2f}')")


def pairs(label: str, cmd: list[str], n: int, baseline: str | None, rss: bool = False) -> None:
    """``cmd`` run n times, alternately with the baseline tree when one is given."""
    res: dict[str, list] = {"this": [], "baseline": []}
    for tree in (None, baseline) if baseline else (None,):
        timed(cmd, tree)  # untimed: fills the compiled-module cache, warms the page cache
    for _ in range(n):
        for who, tree in (("this", None), ("baseline", baseline)):
            if who == "baseline" and not baseline:
                continue
            t, r = timed(cmd, tree)
            res[who].append((t, CPU[-1], r))
    for who, runs in res.items():
        if runs:
            print(f"{label} [{who}]: wall best {min(r[0] for r in runs):.2f} s, median "
                  f"{statistics.median(r[0] for r in runs):.2f} s (runs {', '.join(f'{r[0]:.2f}' for r in runs)}), "
                  f"CPU best {min(r[1] for r in runs):.2f} s, median {statistics.median(r[1] for r in runs):.2f} s"
                  + (f", peak RSS {max(r[2] for r in runs) / 1024:.0f} MB" if rss else ""))
    if res["baseline"]:
        print(f"  {label}: CPU ratio this/baseline {min(r[1] for r in res['this']) / min(r[1] for r in res['baseline']):.2f}, "
              f"wall ratio {min(r[0] for r in res['this']) / min(r[0] for r in res['baseline']):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--size-mib", type=int, default=2048)
    ap.add_argument("--dir", default="/tmp/pkbench-models")
    ap.add_argument("-n", type=int, default=3)
    ap.add_argument("--skip", default="", help="comma list of parts to skip: fp,cmp,lora")
    ap.add_argument("--baseline", help="another checkout (e.g. /work/wt/s0) run alternately, back to back")
    args = ap.parse_args()
    d = Path(args.dir)
    d.mkdir(parents=True, exist_ok=True)
    skip = set(filter(None, args.skip.split(",")))
    size = args.size_mib << 20
    mine, other = d / f"mine-{args.size_mib}.safetensors", d / f"merge-{args.size_mib}.safetensors"
    write_big_fp16(mine, size, 1)
    os.system("uptime; nproc")
    if "fp" not in skip:
        subprocess.run(["cat", str(mine)], stdout=subprocess.DEVNULL, check=True)  # warm the cache
        hashes, fps, rss_h, rss_f, cpu_h, cpu_f = [], [], 0, 0, [], []
        timed([PY, "-c", CLI, "hash", str(mine)]), timed([PY, "-c", FP, str(mine)])  # warm-up, untimed
        for _ in range(args.n):  # alternately, back to back
            t, r = timed([PY, "-c", CLI, "hash", str(mine)])
            hashes.append(t); rss_h = max(rss_h, r); cpu_h.append(CPU[-1])
            t, r = timed([PY, "-c", FP, str(mine)])
            fps.append(t); rss_f = max(rss_f, r); cpu_f.append(CPU[-1])
        print(f"file {mine.stat().st_size / 2**30:.2f} GiB fp16")
        print(f"proofkit hash   best {min(hashes):.2f} s  runs {', '.join(f'{x:.2f}' for x in hashes)}  peak RSS {rss_h / 1024:.0f} MB")
        print(f"fingerprint     best {min(fps):.2f} s  runs {', '.join(f'{x:.2f}' for x in fps)}  peak RSS {rss_f / 1024:.0f} MB")
        print(f"ratio (best/best) {min(fps) / min(hashes):.2f}; per pair {', '.join(f'{f / h:.2f}' for f, h in zip(fps, hashes))}"
              f"; median of pairs {statistics.median(f / h for f, h in zip(fps, hashes)):.2f}")
        print(f"CPU seconds (user+sys): hash best {min(cpu_h):.2f}, fingerprint best {min(cpu_f):.2f}, "
              f"ratio {min(cpu_f) / min(cpu_h):.2f}")
        floor = min(float(subprocess.run([PY, "-c", FLOOR, str(mine)], capture_output=True, text=True,
                                         check=True).stdout) for _ in range(args.n))
        print(f"floor: CPU of the required hash passes alone (4 x SHA-256, BLAKE3, CRC32; one thread) "
              f"{floor:.2f} s = {floor / min(cpu_h):.2f} x the hash's CPU; on 2 idle cores at best "
              f"{floor / 2 / min(hashes):.2f} x its wall; the fingerprint's own CPU spread over 2 cores: "
              f"{min(cpu_f) / 2 / min(hashes):.2f} x")
        if args.baseline:
            pairs("fingerprint 2 GiB", [PY, "-c", FP, str(mine)], args.n, args.baseline, rss=True)
        os.system("uptime")
    if "cmp" not in skip:
        write_big_fp16(other, size, 2, base=mine, mix=0.1)
        subprocess.run(["cat", str(mine), str(other)], stdout=subprocess.DEVNULL, check=True)
        pairs(f"proofkit compare two {args.size_mib} MiB files", [PY, "-c", CLI, "compare", str(mine), str(other)],
              args.n, args.baseline, rss=True)
        fa, fb = d / "mine.fp.json", d / "other.fp.json"
        for src, dst in ((mine, fa), (other, fb)):
            if not dst.exists():
                dst.write_bytes(subprocess.run([PY, "-c", FP, str(src)], capture_output=True, check=True).stdout)
        pairs(f"compare their stored fingerprints ({fa.stat().st_size / 2**20:.1f} MB JSON each)",
              [PY, "-c", CMP_FP, str(fa), str(fb)], args.n, args.baseline)
        os.system("uptime")
    if "lora" not in skip:
        la, lb = d / "lora-a.safetensors", d / "lora-b.safetensors"
        if not la.exists():
            write_lora(la, 1)
            write_lora(lb, 2)
        subprocess.run(["cat", str(la), str(lb)], stdout=subprocess.DEVNULL, check=True)
        pairs(f"proofkit compare two LoRAs ({la.stat().st_size / 2**20:.0f} MB each, 700 modules)",
              [PY, "-c", CLI, "compare", str(la), str(lb)], args.n, args.baseline)
        pairs("start-up: python + the CLI + model imports",
              [PY, "-c", "import proofkit.cli.main, proofkit.core.models.compare, proofkit.core.models.fingerprint"],
              args.n, args.baseline)
        os.system("uptime")


if __name__ == "__main__":
    main()
