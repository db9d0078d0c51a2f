"""`ledger check` of a big ledger on two cores: the chain pass (every event's hash) and the
row pass (every row's payload) at the same time, each in its own process.

Each pass reads the ledger in a read transaction of its own. The passes are only used when
both saw the same ledger as the calling connection — the same last event and event counter:
every change ProofKit makes appends an event, so equal counters mean one snapshot. A ledger
written to meanwhile, a worker that fails, or two workers whose string hashes differ (the
row digests are compared across processes: both start with one secret PYTHONHASHSEED) all
leave the check to the one-process path, which then decides alone."""

from __future__ import annotations

import os
import secrets
import sqlite3
import threading
from pathlib import Path
from typing import Any

from . import integrity

_PROBE = "proofkit ledger check: same string hash in both processes"
_ENV_LOCK = threading.Lock()


def passes_in_two_processes(raw: sqlite3.Connection, path: Any) -> Any:
    """(ChainPass, row digests) made by two processes over ``raw``'s snapshot, or None."""
    if (os.cpu_count() or 1) < 2:
        return None
    mark = _mark(raw)
    if mark[0] < integrity.SPLIT_FROM:
        return None
    import multiprocessing

    # spawn, not fork: the desktop app has threads, and a forked copy of a locked lock hangs
    ctx = multiprocessing.get_context("spawn")
    with _ENV_LOCK:  # the workers inherit the environment as it is when they start
        saved = os.environ.get("PYTHONHASHSEED")
        os.environ["PYTHONHASHSEED"] = str(1 + secrets.randbelow(2**32 - 1))
        try:
            pool = ctx.Pool(2)
        finally:
            if saved is None:
                del os.environ["PYTHONHASHSEED"]
            else:
                os.environ["PYTHONHASHSEED"] = saved
    try:
        chain_job = pool.apply_async(_worker, (str(path), "chain"))
        rows_job = pool.apply_async(_worker, (str(path), "rows"))
        (mark_a, probe_a, walked), (mark_b, probe_b, rows) = chain_job.get(), rows_job.get()
    except Exception:  # noqa: BLE001 - the one-process check reads it and says what is wrong
        return None
    finally:
        pool.terminate()
        pool.join()
    if not (mark_a == mark_b == mark and probe_a == probe_b):
        return None
    return walked, rows


def _mark(raw: sqlite3.Connection) -> tuple[int, int]:
    """(the last event, the event counter) as this connection sees the ledger."""
    (last,) = raw.execute("SELECT max(seq) FROM events").fetchone()
    top = raw.execute("SELECT seq FROM sqlite_sequence WHERE name = 'events'").fetchone()
    return last or 0, top[0] if top else 0


def _snapshot(path: str) -> sqlite3.Connection:
    raw = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    raw.execute("BEGIN")  # one read transaction: every query below sees the same ledger
    return raw


def _worker(path: str, which: str) -> tuple[Any, int, Any]:
    """One pass (``which``: "chain" or "rows") over its own snapshot of the ledger at ``path``,
    with what the parent compares before using it: the snapshot's mark and a probe hash."""
    raw = _snapshot(path)
    try:
        made = integrity.chain_pass(raw) if which == "chain" else integrity.rows_pass(raw)
        return _mark(raw), hash(_PROBE), made
    finally:
        raw.close()
