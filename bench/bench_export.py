"""Benchmark: export an evidence bundle for a work with 200 versions and 400 receipts (two
loopback TSAs, RSA and ECDSA, real tokens), PDF included; then verify the bundle.

    .venv/bin/python bench/bench_export.py [--versions 200] [--repeat 3]

Target: export under 3 s. Filling the ledger (real stamping) is not timed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from loopback_tsa import LoopbackTSA, TestPKI  # noqa: E402

from proofkit.bundle.export import export_bundle  # noqa: E402
from proofkit.bundle.verify import verify_bundle  # noqa: E402
from proofkit.cli.main import main  # noqa: E402
from proofkit.core.paths import resolve_dirs  # noqa: E402
from proofkit.core.trust import TrustStore  # noqa: E402
from proofkit.core.verifier import Verifier  # noqa: E402
from proofkit.ledger import Ledger  # noqa: E402


def fill(tmp: Path, pki: TestPKI, n_versions: int) -> Path:
    home = tmp / "home"
    files = []
    for i in range(n_versions):
        f = tmp / "work" / f"第{i + 1:03d}章.txt"
        f.parent.mkdir(exist_ok=True)
        f.write_text(f"第{i + 1}章\n" + "风起云涌。" * (i + 1), encoding="utf-8")
        files.append(str(f))
    with LoopbackTSA(pki, "rsa").start() as a, LoopbackTSA(pki, "ec").start() as b:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = main(["--home", str(home), "--trust", str(pki.root_pem), "stamp", *files,
                         "--tsa", a.url, "--tsa", b.url, "--work", "长夜"])
    if code != 0:
        raise SystemExit(f"filling the ledger failed (exit {code})")
    return home


def main_bench() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--versions", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    opts = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        pki = TestPKI(tmp / "pki")
        t0 = time.perf_counter()
        home = fill(tmp, pki, opts.versions)
        print(f"filled ledger: {opts.versions} versions in {time.perf_counter() - t0:.1f} s (not timed below)")
        trust = TrustStore.default([pki.root_pem])
        times, vtimes = [], []
        for i in range(opts.repeat):
            out = tmp / f"bundle{i}.zip"
            t = time.perf_counter()
            dirs = resolve_dirs(str(home)).ensure()
            ledger = Ledger.open(dirs.ledger_path, backups_dir=dirs.backups)
            try:
                c = export_bundle(ledger, Verifier(trust), "长夜", out, lang="zh")
            finally:
                ledger.close()
            times.append(time.perf_counter() - t)
            t = time.perf_counter()
            rep = verify_bundle(out, trust=trust)
            vtimes.append(time.perf_counter() - t)
            assert rep.ok, "the bundle does not verify"
        size = out.stat().st_size
        print(f"export: {len(c.versions)} versions, {len(c.receipts)} receipts, PDF included: "
              f"median {statistics.median(times):.2f} s (runs: {', '.join(f'{x:.2f}' for x in times)}); "
              f"zip {size / 1024:.0f} KiB")
        print(f"verify bundle: median {statistics.median(vtimes):.2f} s")
        print("target: export < 3 s —", "OK" if statistics.median(times) < 3 else "MISSED")


if __name__ == "__main__":
    main_bench()
