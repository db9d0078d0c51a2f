"""How long until the main window is shown (and its first page of receipts is in) with a
ledger of N receipts (default 100,000).

The ledger is filled fast: one stamp through the Ledger API, then its receipt row copied N-1
times with one SQL INSERT ... SELECT (no events are written for the copies, so `ledger check`
would flag them; the benchmark only reads). The window then opens as a user starts the app:
a new process, `python -m proofkit.gui --home DIR`, measured from process start to the first
paint of the window and to the first page of the receipts table.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_gui_startup.py [N | HOME]

HOME: a home made by bench/build_ledger.py (a valid ledger of any size) instead of N copies.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

CHILD = r"""
import sys, time, json
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer, QObject, QEvent
from PySide6.QtWidgets import QApplication
from proofkit.gui import app as gui_app
marks = {}
orig = gui_app.build_window
def build(*a, **k):
    w = orig(*a, **k)
    marks["shown"] = time.time() - t0
    def first_paint():
        marks["painted"] = time.time() - t0
        QTimer.singleShot(0, loaded)
    def loaded():
        page = w.ledger_page
        marks["rows_loaded"] = page.model.rowCount()
        marks["first_page"] = time.time() - t0
        marks["summary"] = page.summary.text()
        w.close()
    QTimer.singleShot(0, first_paint)
    return w
gui_app.build_window = build
code = gui_app.main(["--home", sys.argv[2], "--no-welcome"])
print(json.dumps(marks))
"""


def fill(home: Path, n: int) -> None:
    from proofkit.ledger import Ledger, ReceiptData

    home.mkdir(parents=True, exist_ok=True)
    (home / "config").mkdir(exist_ok=True)
    (home / "config" / "settings.json").write_text(json.dumps({"welcomed": True, "tsas": ["http://127.0.0.1:9/tsa"]}))
    ledger = Ledger.open(home / "ledger.sqlite3", backups_dir=home / "backups")
    now = datetime.now(timezone.utc)
    ledger.record_stamp(work_title="长安风起", file_name="第一章.txt", path="/x/第一章.txt", size=1,
                        hash_alg="sha256", digest_hex="ab" * 32,
                        receipts=[ReceiptData(tsa_name="t", url="http://t/", requested_at=now, hash_alg="sha256",
                                              status="failed", error="bench", response=os.urandom(3000))])
    ledger.close()
    db = sqlite3.connect(home / "ledger.sqlite3")
    cols = [r[1] for r in db.execute("PRAGMA table_info(receipts)") if r[1] != "id"]
    sql = (f"INSERT INTO receipts ({', '.join(cols)}) SELECT {', '.join(cols)} FROM receipts WHERE id = 1")
    with db:
        for _ in range(n - 1):
            db.execute(sql)
    db.close()


def main() -> None:
    arg = sys.argv[1] if len(sys.argv) > 1 else "100000"
    if Path(arg).is_dir():  # a home made by bench/build_ledger.py: a valid ledger, any size
        home = Path(arg)
        (home / "config").mkdir(exist_ok=True)
        settings = home / "config" / "settings.json"
        if not settings.exists():
            settings.write_text(json.dumps({"welcomed": True, "tsas": ["http://127.0.0.1:9/tsa"]}))
        print(f"using the ledger in {home}")
    else:
        n = int(arg)
        home = Path(tempfile.mkdtemp(prefix="pk-bench-startup-"))
        t = time.perf_counter()
        fill(home, n)
        print(f"filled a ledger with {n} receipts in {time.perf_counter() - t:.1f} s")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    runs = []
    for _ in range(3):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", CHILD, repr(t0), str(home)], capture_output=True, text=True,
                             env=env, timeout=120)
        line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
        if not line:
            sys.exit(out.stdout + out.stderr)
        runs.append(json.loads(line[-1]))
    for r in runs:
        print(f"window shown {r['shown']:.3f} s, painted {r['painted']:.3f} s, first page of receipts "
              f"({r['rows_loaded']} rows) {r['first_page']:.3f} s after launch — {r['summary']}")
    best = min(r["painted"] for r in runs)
    worst = max(r["painted"] for r in runs)
    print(f"painted: best {best:.3f} s, worst {worst:.3f} s (target < 1 s)")


if __name__ == "__main__":
    main()
