"""One stamp from the shell: `proofkit stamp tiny.txt` against two loopback TSAs, end to end
(a new process each time, as a user types it), beside `proofkit --help`, and, when openssl
and curl are installed, the same done by hand (openssl ts -query, curl, openssl ts -verify,
twice). ProofKit's modules are compiled first, as pip does when it installs them. Medians
of wall time and of CPU time (user + sys of the child): on a shared, loaded machine the CPU
time is the steadier figure.

    .venv/bin/python bench/bench_stamp_startup.py [RUNS] [--other-checkout DIR]

``--other-checkout DIR`` also runs the same commands with DIR's proofkit first on the path
(e.g. a `git archive main` extracted to /tmp/main), interleaved run by run with this
checkout's, and prints the ratio: figures measured back to back on the same load.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def timed(cmd: list[str], env: dict | None = None, cwd: str | None = None) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=cwd)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    from loopback_tsa import LoopbackTSA, TestPKI

    ap = argparse.ArgumentParser()
    ap.add_argument("runs", type=int, nargs="?", default=7)
    ap.add_argument("--other-checkout", type=Path)
    a = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pk-stamp-bench-"))
    pki = TestPKI(work / "pki")
    tsas = [LoopbackTSA(pki, "rsa").start(), LoopbackTSA(pki, "rsa").start()]
    tiny = work / "tiny.txt"
    # As installed: pip compiles a package's modules when it installs it, so the runs use
    # compiled bytecode (PYTHONDONTWRITEBYTECODE, set on some machines, would make every run
    # compile ProofKit from source again, ~60 ms that no user pays).
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    setups = {"this": base}
    checkouts = [ROOT]
    if a.other_checkout:
        setups["other"] = {**base, "PYTHONPATH": str(a.other_checkout.resolve())}
        checkouts.append(a.other_checkout.resolve())
    for checkout in checkouts:
        compileall.compile_dir(str(checkout / "proofkit"), quiet=1)
    results: dict[str, dict[str, list[tuple[float, float]]]] = {k: {} for k in setups}
    try:
        for name, env in setups.items():  # first runs: bytecode compiled, ledgers created
            home = work / f"home-{name}"
            tiny.write_text("warm-up\n")
            subprocess.run([sys.executable, "-m", "proofkit.cli.main", "--home", str(home), "--trust",
                            str(pki.root_pem), "stamp", str(tiny), "--tsa", tsas[0].url, "--tsa",
                            tsas[1].url], check=True, capture_output=True, env=env, cwd=str(work))
        for i in range(a.runs):
            for name, env in setups.items():
                home = work / f"home-{name}"
                tiny.write_text(f"chapter {i} {name}\n")
                stamp = [sys.executable, "-m", "proofkit.cli.main", "--home", str(home), "--trust",
                         str(pki.root_pem), "stamp", str(tiny), "--tsa", tsas[0].url, "--tsa", tsas[1].url]
                results[name].setdefault("stamp tiny.txt, 2 TSAs", []).append(timed(stamp, env, str(work)))
                helps = [sys.executable, "-m", "proofkit.cli.main", "--help"]
                results[name].setdefault("--help", []).append(timed(helps, env, str(work)))
            if shutil.which("openssl") and shutil.which("curl"):
                results["this"].setdefault("by hand (openssl + curl, 2 TSAs)", []).append(
                    timed(["bash", "-c", by_hand(tiny, [t.url for t in tsas], pki.root_pem)], None, str(work)))
    finally:
        for t in tsas:
            t.close()
    for name, rows in results.items():
        print(f"== {name}{'' if name == 'this' else ' (' + str(a.other_checkout) + ')'}")
        for what, runs in rows.items():
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            print(f"  {what:<34} median wall {wall:.3f} s   median cpu {cpu:.3f} s   ({len(runs)} runs)")
    if "other" in results:
        for what in results["this"]:
            if what in results["other"]:
                ratio_w = statistics.median(results["this"][what][i][0] / results["other"][what][i][0]
                                            for i in range(a.runs))
                ratio_c = statistics.median(results["this"][what][i][1] / results["other"][what][i][1]
                                            for i in range(a.runs))
                print(f"  this/other {what:<28} wall x{ratio_w:.2f}   cpu x{ratio_c:.2f}")


def by_hand(tiny: Path, urls: list[str], root: Path) -> str:
    steps = []
    for i, url in enumerate(urls):
        steps.append(
            f"openssl ts -query -data {tiny} -sha256 -cert -out q{i}.tsq 2>/dev/null && "
            f"curl -s -H 'Content-Type: application/timestamp-query' --data-binary @q{i}.tsq {url} -o r{i}.tsr && "
            f"openssl ts -verify -data {tiny} -in r{i}.tsr -CAfile {root} >/dev/null 2>&1")
    return " && ".join(steps)


if __name__ == "__main__":
    main()
