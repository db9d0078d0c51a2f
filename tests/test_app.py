"""The application layer's use cases, called as both front ends call them: a Session over a
real SQLite ledger, real loopback TSAs, a Progress object that records what it was told."""

from __future__ import annotations

import json
import os
import threading

import pytest

from proofkit.app import browsing, ledger_care, stamping, verifying
from proofkit.app.session import Session
from proofkit.cli.main import main
from proofkit.core.errors import HashCancelled, InputError
from proofkit.core.settings import Settings, save_settings


class Recorder:
    """A Progress that keeps everything, and can cancel after a number of updates."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.updates: list[tuple[int, int]] = []
        self.events: list[tuple[str, dict]] = []
        self.cancel_after = cancel_after
        self.threads: set[str] = set()

    def update(self, done, total):
        self.updates.append((done, total))
        self.threads.add(threading.current_thread().name)

    def event(self, kind, data):
        self.events.append((kind, data))

    @property
    def cancelled(self):
        return self.cancel_after is not None and len(self.updates) >= self.cancel_after


@pytest.fixture
def session(tmp_path, loopback_pki):
    s = Session(tmp_path / "home", trust=[str(loopback_pki.root_pem)])
    yield s
    s.close()


@pytest.fixture
def manuscript(tmp_path):
    p = tmp_path / "长篇.txt"
    p.write_bytes("第一章 风起长安。\n".encode() * 200_000)  # ~5 MB: several progress steps
    return p


def test_stamp_reports_progress_and_events_in_order(session, loopback_tsa_factory, manuscript):
    a, b = loopback_tsa_factory("rsa"), loopback_tsa_factory("ec")
    progress = Recorder()
    [res] = stamping.stamp(session, [manuscript], tsa=[a.url, b.url], progress=progress)
    assert res.status == "verified" and len(res.verified) == 2
    assert res.version.work_title == "长篇" and res.version.size == manuscript.stat().st_size
    assert progress.updates and progress.updates[-1][0] == manuscript.stat().st_size
    kinds = [k for k, _ in progress.events]
    # announced in this order: the digest, the record, each request, then each answer
    assert kinds[0] == "hashed" and kinds[1] == "recorded"
    assert kinds.count("requesting") == 2 and kinds.count("receipt") == 2
    assert kinds.index("recorded") < min(i for i, k in enumerate(kinds) if k == "receipt")
    # Only the digest left the computer.
    body = manuscript.read_bytes()[:4096]
    assert all(body not in req for t in (a, b) for req in t.requests)
    # What the ledger now says is what the result said.
    [entry] = browsing.log(session)
    assert [r.id for r in entry.receipts] == [r.id for r in res.receipts]


def test_cancelled_hashing_stamps_nothing(session, loopback_tsa, manuscript):
    with pytest.raises(HashCancelled):
        stamping.stamp(session, [manuscript], tsa=[loopback_tsa.url], progress=Recorder(cancel_after=1))
    assert loopback_tsa.requests == []
    assert browsing.log(session) == []


def test_unreadable_file_stamps_nothing_and_names_each_problem(session, loopback_tsa, manuscript, tmp_path):
    with pytest.raises(stamping.NotStamped) as exc:
        stamping.stamp(session, [manuscript, tmp_path / "missing.txt", tmp_path / "gone.txt"],
                       tsa=[loopback_tsa.url])
    assert len(exc.value.errors) == 2 and exc.value.exit_code == 2
    assert loopback_tsa.requests == [] and browsing.log(session) == []


def test_verify_file_finds_the_stamp_and_other_versions(session, loopback_tsa, manuscript):
    stamping.stamp(session, [manuscript], tsa=[loopback_tsa.url])
    res = verifying.verify_file(session, manuscript)
    assert res.ok and res.earliest[0].tsa_name
    manuscript.write_text("第一章 改过了。", encoding="utf-8")
    res = verifying.verify_file(session, manuscript)
    assert not res.ok and res.results == []
    assert [v.file_name for v in res.other_versions] == [manuscript.name]


def test_ledger_check_deep_reverifies_every_receipt(session, loopback_tsa, manuscript):
    stamping.stamp(session, [manuscript], tsa=[loopback_tsa.url])
    progress = Recorder()
    res = ledger_care.check_ledger(session, deep=True, progress=progress)
    assert res.ok and res.rechecked == 1 and res.receipts == 1 and progress.updates[-1] == (1, 1)


def test_the_command_line_uses_the_apps_settings(tmp_path, loopback_pki, loopback_tsa_factory, manuscript, capsys):
    """TSAs and trust roots chosen in the desktop app's Settings hold for `proofkit` with the
    same home; --tsa still wins."""
    home = tmp_path / "home"
    chosen, other = loopback_tsa_factory("rsa"), loopback_tsa_factory("ec")
    save_settings(Settings(tsas=[chosen.url], trust_pems=[str(loopback_pki.root_pem)]), home / "config")
    code = main(["--home", str(home), "stamp", str(manuscript), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and [r["url"] for r in out[0]["receipts"]] == [chosen.url]
    assert len(chosen.requests) == 1 and other.requests == []
    code = main(["--home", str(home), "stamp", str(manuscript), "--tsa", other.url, "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and [r["url"] for r in out[0]["receipts"]] == [other.url]


def test_session_timeout_and_tsa_choice(tmp_path):
    s = Session(tmp_path / "home", settings=Settings(timeout=7.0, tsas=["no-such-tsa"]))
    assert s.timeout() == 7.0 and s.timeout(3) == 3.0
    with pytest.raises(InputError):
        s.timeout(0)
    assert s.tsas() == []  # a stale name saved in Settings is skipped
    with pytest.raises(InputError):
        s.tsas(["no-such-tsa"])  # ...but one asked for by name must exist
    assert not os.path.exists(tmp_path / "home" / "ledger.sqlite3")  # nothing opened yet
