"""Crash safety: SIGKILL ``proofkit stamp`` (and ``sync``) at random moments, many times, against
real loopback TSAs (one of them slow, so kills land during requests), and after every kill
check that the ledger is intact, nothing is half-written, and that ``sync`` then completes
every pending receipt. Also: a backup taken while another process writes is intact.

Set PROOFKIT_CRASH_SEED to replay a run; PROOFKIT_CRASH_RUNS to change the number of kills.
"""

from __future__ import annotations

import collections
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from proofkit.ledger import Ledger

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("PROOFKIT_CRASH_RUNS", "50"))
SYNC_KILLS = 5
BIG = 50 << 20  # big enough that a kill can land while hashing
SLOW_TSA_DELAY = 0.5
STATUSES = {"verified", "failed", "pending"}


def _cli(home: Path, root_pem: Path, *argv) -> list[str]:
    return [sys.executable, "-m", "proofkit.cli.main", "--home", str(home), "--trust", str(root_pem),
            *map(str, argv)]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _inspect(home: Path, n_tsas: int) -> dict:
    """Everything a kill must not break, read straight from the ledger."""
    with Ledger.open(home / "ledger.sqlite3") as ledger:
        problems = ledger.check()
        assert problems == [], [str(p) for p in problems]
        receipts = ledger.receipts()
        per_version = collections.Counter(r.version_id for r in receipts)
        versions = ledger.versions()
    for r in receipts:
        assert r.status in STATUSES, r
        if r.status == "verified":
            assert r.response and r.gen_time is not None, f"receipt {r.id} verified without a token"
        if r.status == "pending":
            assert r.gen_time is None and r.serial is None
    # A version and all its receipts are written in one transaction: never a version alone,
    # never part of its receipts (a re-stamp of the same content adds a full set again).
    for v in versions:
        n = per_version[v.id]
        assert n > 0 and n % n_tsas == 0, f"version {v.id} has {n} receipts"
    return {"versions": len(versions), "receipts": len(receipts),
            "statuses": collections.Counter(r.status for r in receipts)}


def _phase(stderr: str) -> str:
    """Where the kill landed, as far as the CLI's own output tells."""
    if ": sha256 " not in stderr:
        return "starting or hashing"
    answers = stderr.count(": verified at ") + stderr.count(": failed: ") + stderr.count(": pending: ")
    return ["during both requests", "between the two receipts", "after both receipts"][min(answers, 2)]


def test_sigkill_at_random_moments_never_breaks_the_ledger(loopback_tsa_factory, loopback_pki, tmp_path):
    seed = int(os.environ.get("PROOFKIT_CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    fast = loopback_tsa_factory("rsa")
    slow = loopback_tsa_factory("ec", delay=SLOW_TSA_DELAY)
    home = tmp_path / "home"
    big = tmp_path / "manuscript.bin"
    with open(big, "wb") as f:
        f.write(os.urandom(BIG))
    root = loopback_pki.root_pem
    stamp = lambda: _cli(home, root, "stamp", big, "--tsa", fast.url, "--tsa", slow.url)  # noqa: E731

    # Two runs to completion (the first warms the caches) give the expected duration, and
    # prove the set-up works.
    durations = []
    for _ in range(2):
        started = time.monotonic()
        done = subprocess.run(stamp(), env=_env(), capture_output=True, text=True, timeout=60)
        durations.append(time.monotonic() - started)
        assert done.returncode == 0, done.stderr
    duration = min(durations)
    baseline = _inspect(home, 2)
    assert baseline["statuses"] == {"verified": 4}

    phases: collections.Counter[str] = collections.Counter()
    survived = 0
    for run in range(RUNS):
        with open(big, "r+b") as f:  # a new version each time: every run starts a new stamp
            f.write(run.to_bytes(8, "big"))
        proc = subprocess.Popen(stamp(), env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0, duration))
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=30)
        phases[_phase(err) if proc.returncode == -signal.SIGKILL else "finished before the kill"] += 1
        _inspect(home, 2)  # raises on any damage
        survived += 1

    # Kills during sync too (the slow TSA keeps a request open).
    slow.delay = 0.2
    sync_kills = 0
    for _ in range(SYNC_KILLS):
        proc = subprocess.Popen(_cli(home, root, "sync"), env=_env(), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.2, 1.0))
        proc.kill()
        proc.communicate(timeout=30)
        _inspect(home, 2)
        sync_kills += 1

    before_sync = _inspect(home, 2)
    slow.delay = 0.0
    final = subprocess.run(_cli(home, root, "sync"), env=_env(), capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stdout + final.stderr
    after = _inspect(home, 2)
    assert after["statuses"] == {"verified": after["receipts"]}, after
    assert after["receipts"] == before_sync["receipts"]  # sync completes, never adds or drops
    check = subprocess.run(_cli(home, root, "ledger", "check"), env=_env(), capture_output=True, text=True)
    assert check.returncode == 0 and "intact" in check.stdout, check.stdout

    print(f"\ncrash test (seed {seed}): {survived}/{RUNS} stamp kills survived + {sync_kills} sync kills; "
          f"expected stamp duration {duration:.2f} s; kills landed: {dict(phases)}; "
          f"pending before the final sync: {before_sync['statuses'].get('pending', 0)}; "
          f"after it: {dict(after['statuses'])} over {after['versions']} versions")
    assert survived == RUNS
    assert phases["starting or hashing"] + phases["during both requests"] + phases["between the two receipts"] > 0


def test_backup_while_another_process_writes_is_intact(tmp_path):
    """SQLite's online backup gives a consistent copy even while a writer commits."""
    ledger_path = tmp_path / "home" / "ledger.sqlite3"
    Ledger.open(ledger_path).close()
    writer = subprocess.Popen([sys.executable, str(ROOT / "tests" / "crash_helper.py"), "writer",
                               str(ledger_path), "4"], env=_env(), stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        copies = []
        with Ledger.open(ledger_path) as ledger:
            deadline = time.monotonic() + 3
            while time.monotonic() < deadline:
                copies.append(ledger.backup(tmp_path / f"backup-{len(copies)}.sqlite3"))
                time.sleep(0.05)
        out, _ = writer.communicate(timeout=30)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == 0
    written = int(out.split()[-1])
    assert written > 10 and len(copies) >= 2
    sizes = []
    for copy in copies:
        assert not list(tmp_path.glob(f".{copy.name}.*partial"))  # never left half-written
        restored = tmp_path / "restored" / copy.stem / "ledger.sqlite3"
        restored.parent.mkdir(parents=True)
        restored.write_bytes(copy.read_bytes())
        with Ledger.open(restored) as ledger:
            assert ledger.check() == [], copy
            receipts = ledger.receipts()
            assert len(receipts) == 2 * len(ledger.versions())  # no stamp caught half-way
            sizes.append(len(receipts))
    assert sizes == sorted(sizes) and sizes[-1] > sizes[0]  # copies taken while it grew


@pytest.mark.parametrize("when", [0.05, 0.3])
def test_kill_while_creating_the_ledger(tmp_path, loopback_pki, when):
    """A kill while the very first command creates the ledger leaves a ledger that opens."""
    home = tmp_path / "home"
    proc = subprocess.Popen(_cli(home, loopback_pki.root_pem, "ledger", "check"), env=_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(when)
    proc.kill()
    proc.wait(timeout=30)
    if (home / "ledger.sqlite3").exists():
        with Ledger.open(home / "ledger.sqlite3") as ledger:
            assert ledger.check() == []
