"""Does a command cost the same on a big ledger? Each command runs as a user types it (a new
process), on homes built by bench/build_ledger.py, interleaved home by home so every round
sees the same load; medians of wall and CPU time (user + sys), and each home's median ratio
to the first home's.

    .venv/bin/python bench/build_ledger.py 1000 /tmp/l1k
    .venv/bin/python bench/build_ledger.py 1000000 /tmp/l1m
    .venv/bin/python bench/bench_ledger_scale.py /tmp/l1k /tmp/l1m [--runs 5] [--check]

Commands: `log` (the default page), `log --json --limit 20`, `verify` of a stamped file (a
seed chapter, the same bytes in every home) and of a file never stamped; with --check also
`ledger check` (once per home: minutes at a million receipts on a loaded machine).
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(cmd: list[str]) -> tuple[float, float, int]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=ENV)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), proc.returncode


# As installed: pip compiles a package's modules when it installs it (main() compiles this
# checkout's); PYTHONDONTWRITEBYTECODE, set on some machines, would make every run compile
# ProofKit from source again.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def main() -> None:
    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "proofkit"), quiet=1)
    ap = argparse.ArgumentParser()
    ap.add_argument("homes", nargs="+", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()
    never = Path(tempfile.mkdtemp()) / "never-stamped.txt"
    never.write_text("a chapter nobody stamped\n")
    commands = {
        "log": ["log"],
        "log --json --limit 20": ["log", "--json", "--limit", "20"],
        "verify FILE (stamped)": ["verify", None],
        "verify FILE (never stamped)": ["verify", str(never)],
    }
    res: dict[str, dict[Path, list[tuple[float, float]]]] = {c: {h: [] for h in a.homes} for c in commands}
    for _ in range(a.runs):
        for name, args in commands.items():
            for home in a.homes:
                args2 = [x if x is not None else str(home / "seed-files" / "chapter-03.txt") for x in args]
                cmd = [sys.executable, "-m", "proofkit.cli.main", "--home", str(home),
                       "--trust", str(home / "pki" / "root.pem"), *args2]
                wall, cpu, code = timed(cmd)
                if code not in (0, 1):
                    sys.exit(f"{cmd} exited {code}")
                res[name][home].append((wall, cpu))
    if a.check:
        res["ledger check"] = {}
        for home in a.homes:
            wall, cpu, code = timed([sys.executable, "-m", "proofkit.cli.main", "--home", str(home),
                                     "ledger", "check"])
            res["ledger check"][home] = [(wall, cpu)]
    first = a.homes[0]
    for name, by_home in res.items():
        print(name)
        base = by_home[first]
        for home, runs in by_home.items():
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            rw = statistics.median(r[0] / b[0] for r, b in zip(runs, base))
            rc = statistics.median(r[1] / b[1] for r, b in zip(runs, base))
            print(f"  {str(home):<22} wall {wall:7.3f} s  cpu {cpu:7.3f} s   vs {first.name}: "
                  f"wall x{rw:.2f} cpu x{rc:.2f}")


if __name__ == "__main__":
    main()
