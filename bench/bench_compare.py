"""Manuscript comparison (调色盘) speed and memory.

1. 1 M x 1 M characters: a generated novel against a generated suspect of 1 M characters with
   passages of the novel planted (verbatim, 15 % words swapped, paraphrased). Time of reading
   both UTF-8 files, normalising, both passes; and the whole `proofkit compare A B --json` in a
   fresh process (interpreter and imports included), with its peak RSS (wait4).
   Targets: under 5 s, peak under 500 MB.
2. A 5 M-character series against 10 suspects of 1 M characters each: the series prepared once,
   each suspect read, prepared and compared (both passes). Target: under 60 s.

Files are generated once into --dir (a seeded generator over a character-frequency list; no
copyrighted text). The machine is shared: run it when it is quiet, or read the figures as
ratios measured back to back.

Run: .venv/bin/python bench/bench_compare.py [--dir /tmp/pkbench-text] [--only 1|2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def make_files(d: Path) -> dict[str, Path]:
    from textgen import Generator

    d.mkdir(parents=True, exist_ok=True)
    paths = {"mine": d / "mine-1m.txt", "suspect": d / "suspect-1m.txt", "series": d / "series-5m.txt"}
    paths.update({f"s{i}": d / f"suspect-{i}.txt" for i in range(10)})
    paths["planted"] = d / "planted.json"
    if all(p.exists() for p in paths.values()):
        return paths
    g = Generator(1)
    mine = g.novel(1_000_000)
    paths["mine"].write_text(mine, encoding="utf-8")
    other = Generator(2).novel(1_000_000)
    parts, pos, planted = [], 0, []
    for i in range(40):  # 40 passages of ~500 characters: about 2 % of the suspect
        parts.append(other[pos : pos + 24_000])
        pos += 24_000
        s = mine.index("。", 20_000 + i * 24_000) + 1
        e = mine.index("。", s + 500) + 1
        p = mine[s:e]
        planted.append((s, e))
        kind = i % 3
        parts.append(p if kind == 0 else g.swap_words(p, 0.15) if kind == 1 else
                     "".join(g.paraphrase(x + "。") for x in p.split("。") if x))
    parts.append(other[pos:])
    paths["suspect"].write_text("".join(parts), encoding="utf-8")
    paths["planted"].write_text(json.dumps(planted))
    series = mine + "".join(Generator(10 + k).novel(1_000_000) for k in range(4))
    paths["series"].write_text(series, encoding="utf-8")
    for i in range(10):
        o = Generator(100 + i).novel(1_000_000)
        # every suspect copies 20 passages from anywhere in the series
        cut = []
        for j in range(20):
            s = series.index("。", (i * 20 + j) * 24_000 + 7) + 1
            cut.append(o[j * 48_000 : (j + 1) * 48_000] + series[s : s + 400])
        paths[f"s{i}"].write_text("".join(cut), encoding="utf-8")
    return paths


def one_by_one(paths) -> None:
    from proofkit.core.text import compare, prepare, read_document

    t0 = time.perf_counter()
    a, b = read_document(paths["mine"]), read_document(paths["suspect"])
    t1 = time.perf_counter()
    pa, pb = prepare(a), prepare(b)
    t2 = time.perf_counter()
    c = compare(pa, pb, rewritten=False)
    t3 = time.perf_counter()
    c = compare(pa, pb)
    t4 = time.perf_counter()
    s = c.summary
    planted = json.loads(paths["planted"].read_text())
    off = sum(not any(e.mine.start < pe and ps < e.mine.end for ps, pe in planted) for e in c.events)
    print(f"1M x 1M in-process: read {t1 - t0:.2f}s, normalise+fingerprints {t2 - t1:.2f}s, "
          f"pass 1 {t3 - t2:.2f}s, pass 1+2 {t4 - t3:.2f}s; total {t1 - t0 + t2 - t1 + t4 - t3:.2f}s; "
          f"{s.events} 事件 ({s.identical_events} identical, {s.rewritten_events} rewritten), "
          f"雷同字数 {s.identical_chars}; 事件 outside the 40 planted passages: {off}")
    cmd = [str(ROOT / ".venv/bin/proofkit"), "--home", str(paths["mine"].parent / "home"), "compare",
           str(paths["mine"]), str(paths["suspect"]), "--json"]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    print(f"1M x 1M `proofkit compare --json` (fresh process): {dt:.2f}s wall, peak RSS "
          f"{usage.ru_maxrss / 1024:.0f} MB, exit {os.waitstatus_to_exitcode(status)}")


def series(paths) -> None:
    from proofkit.core.text import compare, prepare, read_document

    t0 = time.perf_counter()
    ps = prepare(read_document(paths["series"]))
    ps.sentence_index()
    t1 = time.perf_counter()
    events = 0
    for i in range(10):
        c = compare(ps, prepare(read_document(paths[f"s{i}"])))
        events += c.summary.identical_events
    t2 = time.perf_counter()
    print(f"5M series vs 10 x 1M suspects: series prepared in {t1 - t0:.2f}s, 10 comparisons in "
          f"{t2 - t1:.2f}s; total {t2 - t0:.2f}s; {events} identical 事件 (200 planted)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", default="/tmp/pkbench-text")
    ap.add_argument("--only", choices=("1", "2"))
    args = ap.parse_args()
    t = time.perf_counter()
    paths = make_files(Path(args.dir))
    print(f"(inputs ready in {time.perf_counter() - t:.1f}s; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores)")
    if args.only in (None, "1"):
        one_by_one(paths)
    if args.only in (None, "2"):
        series(paths)


if __name__ == "__main__":
    main()
