"""`ledger check` of a big ledger on two processes (ledger/check_split.py, issue 18): the
chain pass and the row pass run at the same time, and the check finds exactly what the
one-process check finds, in the same order, on an intact ledger and on ledgers changed
behind ProofKit's back; a ledger written to between the snapshots is left to one process."""

from __future__ import annotations

import sqlite3

import pytest

from proofkit.ledger import Ledger, check_split, integrity
from test_ledger import D2, messages, populated, restore_guards, rd, stamp, tamper

TAMPERING = {
    "intact": [],
    "receipt edited": ["UPDATE receipts SET tsa_name = 'Someone Else' WHERE id = 1"],
    "version edited": ["UPDATE versions SET file_name = 'stolen.docx' WHERE id = 2"],
    "work edited": ["UPDATE works SET title = 'Their Novel' WHERE id = 1"],
    "row added": ["INSERT INTO works (id, title, created_at) VALUES (99, 'Ghost', '2024-01-01 00:00:00.000000')"],
    "row deleted": ["DELETE FROM receipts WHERE id = 2"],
    "unreadable value": ["UPDATE receipts SET gen_time = 'yesterday' WHERE id = 1"],
    "unreadable time shaped like one": [
        "UPDATE receipts SET gen_time = substr(gen_time, 1, 11) || 'half past' WHERE id = 1"],
    "event edited": ["UPDATE events SET hash = 'x' || substr(hash, 2) WHERE seq = 3"],
    "event time edited": ["UPDATE events SET at = '2020-01-01 00:00:00.000000' WHERE seq = 3"],
    "quote in an event time": ["UPDATE events SET at = substr(at, 1, 25) || '\"' WHERE seq = 4"],
    "tail cut": ["DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)"],
    # where the two processes' halves meet (events: max(seq) // 2; rows: max(id) // 2)
    "last event of the first half deleted": [
        "DELETE FROM events WHERE seq = (SELECT max(seq) / 2 FROM events)"],
    "first event of the second half deleted": [
        "DELETE FROM events WHERE seq = (SELECT max(seq) / 2 + 1 FROM events)"],
    "events on both sides of the split deleted": [
        "DELETE FROM events WHERE seq BETWEEN (SELECT max(seq) / 2 - 1 FROM events) "
        "AND (SELECT max(seq) / 2 + 2 FROM events)"],
    "first event of the second half edited": [
        "UPDATE events SET prev_hash = hash WHERE seq = (SELECT max(seq) / 2 + 1 FROM events)"],
    "rows on both sides of the split edited": [
        "UPDATE receipts SET tsa_name = 'X' WHERE id IN ((SELECT max(id) / 2 FROM receipts), "
        "(SELECT max(id) / 2 + 1 FROM receipts))"],
}


_REAL = check_split.start_two_processes


@pytest.fixture
def ledger_at(tmp_path):
    def make(changes: list[str]):
        path = tmp_path / "data" / "ledger.sqlite3"
        lg = Ledger.open(path)
        populated(lg)
        stamp(lg, title="Chapter 9", digest=D2.replace("b", "c"), receipts=[rd("verified")])
        lg.close()
        if changes:
            tamper(path, *changes)
            restore_guards(path)
        return path
    return make


def _check(path, monkeypatch, *, split: bool, used: list):
    monkeypatch.setattr(integrity, "SPLIT_FROM", 0 if split else 10**12)
    # the two-process check also matches rows with their events by numpy, as a big one does
    monkeypatch.setattr(integrity, "VECTOR_FROM", 0 if split else 10**12)
    def spy(raw, p):
        got = _REAL(raw, p)
        used.append(got is not None and got.result() is not None)
        return got

    monkeypatch.setattr(check_split, "start_two_processes", spy)
    lg = Ledger.open(path)
    try:
        return [str(p) for p in lg.check()]
    finally:
        lg.close()


@pytest.mark.parametrize("case", list(TAMPERING))
def test_two_processes_find_what_one_finds(case, ledger_at, monkeypatch):
    path = ledger_at(TAMPERING[case])
    used_one, used_two = [], []
    one = _check(path, monkeypatch, split=False, used=used_one)
    two = _check(path, monkeypatch, split=True, used=used_two)
    assert used_two == [True] and used_one == [False]  # the split really ran, and only there
    assert two == one, messages(two) + "\n---\n" + messages(one)
    assert (case == "intact") == (one == []), messages(one)


def test_a_ledger_written_between_the_snapshots_is_left_to_one_process(ledger_at, monkeypatch):
    monkeypatch.setattr(integrity, "SPLIT_FROM", 0)
    path = ledger_at([])
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("BEGIN")
    before = check_split._mark(raw)  # this connection's snapshot starts here
    lg = Ledger.open(path)
    stamp(lg, title="Written meanwhile", digest="d" * 64, receipts=[rd("verified")])
    lg.close()
    assert check_split._mark(raw) == before
    assert check_split.start_two_processes(raw, path).result() is None
    raw.execute("COMMIT")
    assert check_split.start_two_processes(raw, path).result() is not None  # the same snapshot now
    raw.close()


@pytest.mark.parametrize("change", [
    "UPDATE works SET title = CAST(X'4e6f76656cff' AS TEXT) WHERE id = 1",  # read by the workers
    "UPDATE versions SET file_name = CAST(X'6368ff' AS TEXT) WHERE id = 2",  # also by this process
])
def test_text_that_is_not_utf8_is_reported_the_same_with_two_processes(change, ledger_at, monkeypatch):
    """The workers read text strictly; a value that is not UTF-8 stops them (or this
    process's own checks first), and the one-process check reads it leniently and says so."""
    path = ledger_at([change])
    one = _check(path, monkeypatch, split=False, used=[])
    two = _check(path, monkeypatch, split=True, used=[])
    assert one and two == one, messages(two) + "\n---\n" + messages(one)


def test_workers_that_cannot_start_leave_the_check_to_one_process(ledger_at, tmp_path):
    """A program read from stdin cannot be re-imported by a spawned process, so both workers
    die while starting: the check must still answer, from one process, not wait forever."""
    import subprocess
    import sys
    import textwrap

    path = ledger_at(TAMPERING["receipt edited"])
    script = textwrap.dedent(f"""
        from proofkit.ledger import Ledger, check_split, integrity
        integrity.SPLIT_FROM = 0
        started = []
        real = check_split.start_two_processes
        check_split.start_two_processes = lambda raw, p: started.append(real(raw, p)) or started[-1]
        lg = Ledger.open({str(path)!r})
        problems = [str(p) for p in lg.check()]
        lg.close()
        print(started[0] is not None, problems)
        """)
    done = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    first, _, problems = done.stdout.strip().partition(" ")
    assert first == "True"  # the workers were started (and died)
    assert "Receipt 1 differs from its last ledger event" in problems, done.stdout
