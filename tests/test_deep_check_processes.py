"""`ledger check --deep` on several processes (issue 18): the same findings, in the same
order, as re-verifying in one process; each worker builds its own verifier from the
session's trust roots (a worker without them would find nothing valid)."""

from __future__ import annotations

import pytest

from proofkit.app import ledger_care, stamping
from proofkit.app.session import Session


class Recorder:
    def __init__(self) -> None:
        self.updates: list[tuple[int, int]] = []

    def update(self, done, total):
        self.updates.append((done, total))

    def event(self, kind, data):
        pass

    cancelled = False


@pytest.fixture
def stamped(tmp_path, loopback_pki, loopback_tsa_factory):
    """A home with 4 stamps from two TSAs (8 verified receipts)."""
    home = tmp_path / "home"
    tsas = [loopback_tsa_factory("rsa"), loopback_tsa_factory("ec")]
    with Session(home, trust=[str(loopback_pki.root_pem)]) as s:
        for i in range(4):
            f = tmp_path / f"chapter {i}.txt"
            f.write_text(f"chapter {i}\n" * 50, encoding="utf-8")
            [res] = stamping.stamp(s, [f], tsa=[t.url for t in tsas])
            assert res.status == "verified"
    return home


def test_processes_find_what_one_process_finds(stamped, loopback_pki, monkeypatch):
    monkeypatch.setattr(ledger_care, "CHUNK", 3)  # several tasks for the two workers
    with Session(stamped, trust=[str(loopback_pki.root_pem)]) as s:
        progress = Recorder()
        two = ledger_care.check_ledger(s, deep=True, workers=2, progress=progress)
        one = ledger_care.check_ledger(s, deep=True, workers=1)
    assert two.ok and one.ok and two.rechecked == one.rechecked == 8
    assert progress.updates[-1] == (8, 8)
    # without the test root, every receipt fails: the workers use the session's trust
    with Session(stamped) as s:
        two = ledger_care.check_ledger(s, deep=True, workers=2)
        one = ledger_care.check_ledger(s, deep=True, workers=1)
    assert two.rechecked == one.rechecked == 8
    assert len(two.problems) == 8 and two.problems == one.problems


def test_workers_that_cannot_start_leave_the_recheck_to_this_process(stamped, loopback_pki, tmp_path):
    """A program read from stdin cannot be re-imported by a spawned process: the workers die
    while starting, and the deep check re-verifies everything here instead of waiting."""
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(f"""
        from proofkit.app import ledger_care
        from proofkit.app.session import Session
        ledger_care.CHUNK = 3
        with Session({str(stamped)!r}, trust=[{str(loopback_pki.root_pem)!r}]) as s:
            out = ledger_care.check_ledger(s, deep=True, workers=2)
        print(out.rechecked, out.ok)
        """)
    done = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True,
                          timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["8", "True"]
