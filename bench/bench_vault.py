"""The vault's cost on a stamp (issue 16, session 2), measured back to back on two trees.

    .venv/bin/python bench/bench_vault.py stamp [--tree /work/wt/s0] [--mb 10] [--repeat 7]
    .venv/bin/python bench/bench_vault.py parts [--mb 10] [--small 10000]

stamp: a 10 MB generated manuscript (seeded) stamped against TWO loopback TSAs (answering at
       once: the worst case for the vault, nothing to hide its copy behind), vault on
       (Settings.vault_limit_mib 64) and off (0), alternating on/off and alternating the trees
       (this checkout and each ``--tree``), each stamp in a new data folder:
       - "app": inside one running process per tree (the desktop app's case: modules already
         imported), ``proofkit stamp`` through cli.main.main() — wall time and the process's
         CPU time (all threads) per stamp;
       - "CLI": a new ``python -m proofkit.cli.main stamp`` process per stamp — wall time and
         the child's CPU time.
       Medians. The other tree runs with PYTHONPATH=<tree> and this venv's packages.
parts: where the keeping of one file goes (read, sha256, deflate with zlib and with ISA-L,
       write, fsync), CPU time on one core, best of 5; and keeping ``--small`` small files
       one fsync each against Vault.keep_files (one syncfs for the batch).

The 10,000-file folder figure is bench/bench_folder.py --large-mib 256 (run it in each tree).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from bench_longterm import manuscript  # noqa: E402 - the same seeded manuscript


# ---------------------------------------------------------------- worker (runs in each tree)


def worker(args) -> None:
    """In-process stamps with this tree's proofkit; prints one JSON line of timings."""
    from proofkit.app import keeping
    from proofkit.cli.main import main
    from proofkit.core.settings import Settings, save_settings

    real_keep = keeping.keep_item
    spent: list = []

    def timed_keep(*a, **kw):  # the keeping as it runs inside the stamp: wall and its thread's CPU
        t, c = time.perf_counter(), time.thread_time()
        try:
            return real_keep(*a, **kw)
        finally:
            spent.append([time.perf_counter() - t, time.thread_time() - c])

    keeping.keep_item = timed_keep
    tsas = sum((["--tsa", u] for u in args.tsa), [])
    out = {"on": [], "off": [], "keep": [], "tree": str(Path(sys.modules["proofkit"].__file__).parents[1])}
    work = Path(args.work)
    for i in range(args.repeat):
        order = (True, False) if i % 2 == 0 else (False, True)
        for keep in order:
            home = work / f"w-{keep}-{i}-{os.getpid()}"
            save_settings(Settings(vault_limit_mib=64 if keep else 0), home / "config")
            c0, t0 = time.process_time(), time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                code = main(["--home", str(home), "--trust", args.root_pem, "stamp", args.file, *tsas])
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            assert code == 0, code
            kept = any((home / "vault").rglob("*.gz"))
            assert kept == keep, (kept, keep)
            out["on" if keep else "off"].append([wall, cpu])
            if keep:
                out["keep"].append(spent[-1])
    print(json.dumps(out))


# ---------------------------------------------------------------- stamp


def _env(tree: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # compiled modules, as installed
    return env


def _cli_once(tree: Path, home: Path, keep: bool, src: Path, root_pem: str, urls: list[str]) -> tuple[float, float]:
    from proofkit.core.settings import Settings, save_settings

    save_settings(Settings(vault_limit_mib=64 if keep else 0), home / "config")
    cmd = [sys.executable, "-m", "proofkit.cli.main", "--home", str(home), "--trust", root_pem, "stamp", str(src),
           *sum((["--tsa", u] for u in urls), [])]
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=_env(tree), capture_output=True, text=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert p.returncode == 0, p.stdout + p.stderr
    assert any((home / "vault").rglob("*.gz")) == keep
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def bench_stamp(opts) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from loopback_tsa import LoopbackTSA, TestPKI

    trees = [ROOT] + [Path(t).resolve() for t in opts.tree]
    for t in trees:  # compiled modules, as installed
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(t / "proofkit")], check=True)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        pki = TestPKI(tmp / "pki")
        src = tmp / "manuscript.txt"
        src.write_bytes(manuscript(opts.mb))
        with LoopbackTSA(pki, "rsa").start() as a, LoopbackTSA(pki, "ec").start() as b:
            urls = [a.url, b.url]
            # app: one process per tree, its stamps alternating on/off; trees one after the other
            app: dict[Path, dict] = {}
            for round_ in range(2):
                for t in (trees if round_ == 0 else trees[::-1]):
                    cmd = [sys.executable, str(Path(__file__).resolve()), "_worker", "--work", str(tmp / "app"),
                           "--file", str(src), "--root-pem", str(pki.root_pem), "--repeat", str(opts.repeat),
                           *sum((["--tsa", u] for u in urls), [])]
                    p = subprocess.run(cmd, env=_env(t), capture_output=True, text=True)
                    assert p.returncode == 0, p.stdout + p.stderr
                    res = json.loads(p.stdout.strip().splitlines()[-1])
                    assert Path(res["tree"]) == t, (res["tree"], t)
                    acc = app.setdefault(t, {"on": [], "off": [], "keep": []})
                    acc["keep"] += res["keep"]
                    acc["on"] += res["on"][1:] if round_ == 0 else res["on"]  # the first stamp warms up
                    acc["off"] += res["off"][1:] if round_ == 0 else res["off"]
            cli: dict[Path, dict] = {t: {"on": [], "off": []} for t in trees}
            for i in range(opts.repeat):
                for t in (trees if i % 2 == 0 else trees[::-1]):
                    for keep in ((True, False) if i % 2 == 0 else (False, True)):
                        cli[t]["on" if keep else "off"].append(
                            _cli_once(t, tmp / f"cli-{t.name}-{keep}-{i}", keep, src, str(pki.root_pem), urls))
    print(f"stamp of a {opts.mb} MB manuscript, two loopback TSAs answering at once; medians "
          f"(app: {2 * opts.repeat - 1} stamps per case, CLI: {opts.repeat}); load average {os.getloadavg()[0]:.1f}")
    print(f"{'tree':22} {'how':4} {'wall off':>9} {'wall on':>9} {'wall +':>8} {'cpu off':>9} {'cpu on':>9} {'cpu +':>8}")
    for how, table in (("app", app), ("CLI", cli)):
        for t in trees:
            on, off = table[t]["on"], table[t]["off"]
            w1, w0 = statistics.median(x[0] for x in on), statistics.median(x[0] for x in off)
            c1, c0 = statistics.median(x[1] for x in on), statistics.median(x[1] for x in off)
            print(f"{str(t)[-22:]:22} {how:4} {w0:8.3f}s {w1:8.3f}s {(w1 - w0) / w0:+7.1%} "
                  f"{c0:8.3f}s {c1:8.3f}s {(c1 - c0) / c0:+7.1%}")
    print("the keeping itself inside the app stamps (keep_item: wall, and CPU of its thread), medians:")
    for t in trees:
        k = app[t]["keep"]
        w0 = statistics.median(x[0] for x in app[t]["off"])
        kw, kc = statistics.median(x[0] for x in k), statistics.median(x[1] for x in k)
        print(f"  {str(t)[-22:]:22} {kw * 1e3:6.1f} ms wall, {kc * 1e3:6.1f} ms CPU "
              f"({kw / w0:.1%} / {kc / w0:.1%} of the stamp's wall time with the vault off)")


# ---------------------------------------------------------------- parts


def _best(fn, n: int = 5) -> float:
    best = float("inf")
    for _ in range(n):
        c = time.process_time()
        fn()
        best = min(best, time.process_time() - c)
    return best


def bench_parts(opts) -> None:
    from proofkit.ledger import vault as vmod

    data = manuscript(opts.mb)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        src = tmp / "m.txt"
        src.write_bytes(data)

        def deflate(mod, level):
            def run():
                c = mod.compressobj(level, zlib.DEFLATED, 31)
                return len(c.compress(data)) + len(c.flush())
            return run

        print(f"{opts.mb} MB manuscript, CPU time, best of 5 (load average {os.getloadavg()[0]:.1f})")
        print(f"  read (page cache)      {_best(lambda: src.read_bytes()) * 1e3:7.1f} ms")
        print(f"  sha256                 {_best(lambda: hashlib.sha256(data).digest()) * 1e3:7.1f} ms")
        mods = [("zlib", zlib, (1, 6))]
        try:
            from isal import isal_zlib

            mods.append(("ISA-L", isal_zlib, (0, 1, 2)))
        except ImportError:
            pass
        for name, mod, levels in mods:
            for lv in levels:
                n = deflate(mod, lv)()
                print(f"  deflate {name:5} lv {lv}   {_best(deflate(mod, lv)) * 1e3:7.1f} ms  -> {n / len(data):.1%}")
        comp = deflate(vmod._deflate, vmod.LEVEL)()
        blob = os.urandom(comp)

        def write_fsync():
            with open(tmp / "w.bin", "wb") as f:
                f.write(blob)
                f.flush()
                t = time.perf_counter()
                os.fsync(f.fileno())
                return time.perf_counter() - t

        print(f"  write {comp / 1e6:.1f} MB           {_best(lambda: (tmp / 'w.bin').write_bytes(blob)) * 1e3:7.1f} ms")
        print(f"  fsync (wall)           {statistics.median(write_fsync() for _ in range(5)) * 1e3:7.1f} ms")
        digest = hashlib.sha256(data).hexdigest()
        walls = []
        for i in range(5):
            t = time.perf_counter()
            vmod.Vault(tmp / f"v{i}").keep_file(src, "sha256", digest)
            walls.append(time.perf_counter() - t)
        print(f"  Vault.keep_file whole  {statistics.median(walls) * 1e3:7.1f} ms wall (median of 5)")

        folder = tmp / "small"
        entries = []
        for i in range(opts.small):
            p = folder / f"part{i // 1000:02d}" / f"caption_{i:05d}.txt"
            p.parent.mkdir(parents=True, exist_ok=True)
            b = os.urandom(200 + i % 700)
            p.write_bytes(b)
            entries.append((p, "sha256", hashlib.sha256(b).hexdigest()))
        t, c = time.perf_counter(), time.process_time()
        v = vmod.Vault(tmp / "one-by-one")
        for e in entries:
            v.keep_file(*e)
        one = (time.perf_counter() - t, time.process_time() - c)
        t, c = time.perf_counter(), time.process_time()
        res = vmod.Vault(tmp / "batch").keep_files(entries)
        batch = (time.perf_counter() - t, time.process_time() - c)
        assert all(isinstance(r, vmod.Kept) for r in res)
        print(f"{opts.small} small files: keep_file one by one (fsync each) {one[0]:.2f} s wall / {one[1]:.2f} s CPU; "
              f"keep_files batch {batch[0]:.2f} s wall / {batch[1]:.2f} s CPU "
              f"(syncfs: {vmod._syncfs_available()})")


def main_bench() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=("stamp", "parts", "_worker"))
    ap.add_argument("--tree", action="append", default=[], help="another checkout to compare (repeatable)")
    ap.add_argument("--mb", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--small", type=int, default=10_000)
    ap.add_argument("--work")
    ap.add_argument("--file")
    ap.add_argument("--root-pem")
    ap.add_argument("--tsa", action="append", default=[])
    opts = ap.parse_args()
    if opts.what == "_worker":
        worker(opts)
    elif opts.what == "stamp":
        bench_stamp(opts)
    else:
        bench_parts(opts)


if __name__ == "__main__":
    main_bench()
