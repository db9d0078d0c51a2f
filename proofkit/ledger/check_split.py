"""`ledger check` of a big ledger on two cores: two processes each walk half of the events
(every event's hash) and read half of every table's rows (every row's payload), while the
calling process runs SQLite's own quick_check and the small checks.

The halves are consecutive ranges (events by seq, rows by id), so the two halves together say
exactly what one walk and one read say (integrity.joined_chain_passes / joined_row_digests).
Each worker reads the ledger in a read transaction of its own. The halves are only used when
both saw the same ledger as the calling connection — the same last event and event counter:
every change ProofKit makes appends an event, so equal counters mean one snapshot. A ledger
written to meanwhile, a worker that fails, or two workers whose string hashes differ (row
digests are compared across processes: both start with one secret PYTHONHASHSEED) all leave
the check to the one-process path, which then decides alone."""

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


class TwoProcessPasses:
    """The two workers of one check, started; :meth:`result` waits for them."""

    def __init__(self, workers: list[tuple[Any, Any]], mark: tuple[int, int]) -> None:
        self._workers, self._mark = workers, mark  # (process, the parent's end of its pipe)
        self._made: Any = None

    def result(self) -> Any:
        """(ChainPass, row digests) over the calling connection's snapshot, or None. The
        first call waits for the workers and ends them; later calls give the same answer."""
        if self._workers:
            try:
                self._made = self._wait()
            finally:
                self.close()
        return self._made

    def close(self) -> None:
        """Ends the workers (at once if nobody waited for them: the check stopped first)."""
        workers, self._workers = self._workers, []
        for process, conn in workers:
            conn.close()
            if process.is_alive():
                process.terminate()
            process.join()

    def _wait(self) -> Any:
        got = []
        for process, conn in self._workers:
            # A worker that dies (even while starting: a spawned process that cannot import
            # its parent's main module) sends nothing: then the one-process check decides.
            while not conn.poll(0.2):
                if not process.is_alive() and not conn.poll(0):
                    return None
            try:
                status, made = conn.recv()
            except (EOFError, OSError):
                return None
            if status != "ok":
                return None
            got.append(made)
        (mark_a, probe_a, chain_a, rows_a), (mark_b, probe_b, chain_b, rows_b) = got
        if not (mark_a == mark_b == self._mark and probe_a == probe_b):
            return None
        try:
            walked = integrity.joined_chain_passes(chain_a, chain_b)
        except ValueError:
            return None
        return walked, integrity.joined_row_digests([rows_a, rows_b])


def start_two_processes(raw: sqlite3.Connection, path: Any) -> TwoProcessPasses | None:
    """The passes over ``raw``'s snapshot started in two processes, or None where one
    process is better (one core, a small ledger)."""
    if (os.cpu_count() or 1) < 2:
        return None
    mark = _mark(raw)
    if mark[0] < integrity.SPLIT_FROM:
        return None
    import multiprocessing

    # spawn, not fork: the desktop app has threads, and a forked copy of a locked lock hangs
    ctx = multiprocessing.get_context("spawn")
    half = mark[0] // 2
    workers = []
    with _ENV_LOCK:  # the workers inherit the environment as it is when they start
        saved = os.environ.get("PYTHONHASHSEED")
        os.environ["PYTHONHASHSEED"] = str(1 + secrets.randbelow(2**32 - 1))
        try:
            for after, upto, part in ((None, half, 0), (half, None, 1)):
                mine, theirs = ctx.Pipe(duplex=False)
                process = ctx.Process(target=_serve, args=(theirs, str(path), after, upto, part),
                                      daemon=True, name=f"proofkit ledger check {part + 1}/2")
                process.start()
                theirs.close()
                workers.append((process, mine))
        except Exception:  # noqa: BLE001 - cannot start processes here: one process checks
            TwoProcessPasses(workers, mark).close()
            return None
        finally:
            if saved is None:
                del os.environ["PYTHONHASHSEED"]
            else:
                os.environ["PYTHONHASHSEED"] = saved
    return TwoProcessPasses(workers, mark)


def _mark(raw: sqlite3.Connection) -> tuple[int, int]:
    """(the last event, the event counter) as this connection sees the ledger."""
    (last,) = raw.execute("SELECT max(seq) FROM events").fetchone()
    top = raw.execute("SELECT seq FROM sqlite_sequence WHERE name = 'events'").fetchone()
    return last or 0, top[0] if top else 0


def _snapshot(path: str) -> sqlite3.Connection:
    raw = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    raw.execute("BEGIN")  # one read transaction: every query below sees the same ledger
    return raw


def _serve(conn: Any, path: str, after: int | None, upto: int | None, part: int) -> None:
    """A worker process: its half, sent back through ``conn`` ("ok", …) or ("failed", why)."""
    try:
        made = ("ok", _worker(path, after, upto, part))
    except BaseException as exc:  # noqa: BLE001 - the parent decides alone then
        made = ("failed", repr(exc))
    try:
        conn.send(made)
    finally:
        conn.close()


def _worker(path: str, after: int | None, upto: int | None, part: int) -> tuple[Any, int, Any, Any]:
    """One half (``part`` 0 or 1) over its own snapshot of the ledger at ``path``: the events
    after < seq <= upto and the rows of that half of each table, with what the parent
    compares before using them: the snapshot's mark and a probe hash."""
    raw = _snapshot(path)
    try:
        walked = integrity.chain_pass(raw, after, upto)
        rows = integrity.rows_pass(raw, (part, 2))
        return _mark(raw), hash(_PROBE), walked, rows
    finally:
        raw.close()
