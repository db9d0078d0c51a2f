"""The command line as a new user meets it: a mistyped command gets a suggestion, every
option of every command is described and each command shows an example, `tsa list` cuts
no name, and `proofkit log` shows each work once however its drafts interleave in time."""

from __future__ import annotations

import argparse

import pytest

from proofkit.cli.main import build_parser, main
from proofkit.cli.usage import subparsers as _subparsers


@pytest.fixture
def run(tmp_path, loopback_pki, capsys):
    def _run(*argv):
        capsys.readouterr()
        try:
            code = main(["--home", str(tmp_path / "home"), "--trust", str(loopback_pki.root_pem)]
                        + [str(a) for a in argv])
        except SystemExit as exc:  # argparse's usage errors
            code = exc.code
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


def test_mistyped_commands_get_a_suggestion(run):
    code, _out, err = run("stmp", "x.txt")
    assert code == 2 and "did you mean `proofkit stamp`?" in err and err.count("\n") == 1
    code, _out, err = run("ledger", "chek")
    assert code == 2 and "did you mean `proofkit ledger check`?" in err
    code, _out, err = run("hash", "x", "--hash", "sha257")
    assert code == 2 and "did you mean 'sha256'?" in err
    code, _out, err = run("zzzzzz")
    assert code == 2 and "did you mean" not in err and "invalid choice" in err


def test_every_option_is_described_and_every_command_shows_an_example():
    subs = list(_subparsers(build_parser()))
    assert len(subs) >= 12
    for path, sp in subs:
        for a in sp._actions:
            if isinstance(a, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            assert a.help, f"proofkit {' '.join(path)}: {a.option_strings or a.dest} has no help"
        has_children = any(isinstance(a, argparse._SubParsersAction) for a in sp._actions)
        if len(path) == 1 or not has_children:
            owner = sp if len(path) == 1 else dict(subs)[path[:1]]
            assert "examples:" in (owner.epilog or ""), f"proofkit {path[0]} shows no example"
            assert f"proofkit {path[0]}" in owner.epilog


def test_tsa_list_cuts_no_name(run):
    from proofkit.core.registry import load_registry

    code, out, _ = run("tsa", "list")
    assert code == 0
    for t in load_registry():
        line = next(ln for ln in out.splitlines() if ln.startswith(t.name + " "))
        assert t.operator in line and t.url in line


def test_log_groups_drafts_by_work(run, loopback_tsa, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    for i in range(2):  # drafts of two works, stamped in turn
        a.write_text(f"novel draft {i}", encoding="utf-8")
        assert run("stamp", a, "--tsa", loopback_tsa.url, "--work", "长安")[0] == 0
        b.write_text(f"poem draft {i}", encoding="utf-8")
        assert run("stamp", b, "--tsa", loopback_tsa.url, "--work", "Poems")[0] == 0
    code, out, _ = run("log")
    assert code == 0
    lines = out.splitlines()
    assert lines.count("“长安”") == 1 and lines.count("“Poems”") == 1
    i, j = lines.index("“长安”"), lines.index("“Poems”")
    assert i < j
    assert [ln.split()[:2] for ln in lines[i + 1:j]] == [["v1", "#1"], ["v2", "#3"]]
    assert [ln.split()[:2] for ln in lines[j + 1:]] == [["v1", "#2"], ["v2", "#4"]]


def test_sync_drop_gives_up_on_a_pending_receipt_and_never_on_a_verified_one(run, loopback_tsa,
                                                                              loopback_tsa_factory, tmp_path):
    from proofkit.app.giving_up import GIVEN_UP
    from proofkit.app.session import Session

    gone = loopback_tsa_factory()
    gone_url = gone.url
    gone.stop()  # a TSA that is gone for good
    f = tmp_path / "draft.txt"
    f.write_text("a draft", encoding="utf-8")
    code, _out, _err = run("stamp", f, "--tsa", loopback_tsa.url, "--tsa", gone_url, "--timeout", "2", "--json")
    home = tmp_path / "home"
    with Session(home) as s:
        rows = s.ledger.receipts()
        verified = next(r for r in rows if r.status == "verified")
        pending = next(r for r in rows if r.status == "pending")
        events_before = s.ledger.count_events()
    code, _out, err = run("sync", "--drop", verified.id)
    assert code == 2 and "only a pending stamp can be given up" in err
    code, out, _err = run("sync", "--drop", pending.id)
    assert code == 0 and "given up" in out
    with Session(home) as s:
        after = {r.id: r for r in s.ledger.receipts()}
        assert after[verified.id] == verified  # proof untouched
        assert after[pending.id].status == "failed" and after[pending.id].error == GIVEN_UP
        assert after[pending.id].response == pending.response and after[pending.id].nonce == pending.nonce
        assert s.ledger.count_events() == events_before + 1  # recorded in the chained log
        assert s.ledger.check() == []
    code, out, _err = run("sync")
    assert code == 0 and "Nothing pending." in out


def test_timeout_is_what_the_user_waits_with_a_line_per_tsa(run, loopback_tsa, loopback_tsa_factory, tmp_path):
    """`--timeout` is the budget per TSA, retries included: a TSA that hangs costs it once
    (it took 64 s with --timeout 20 before); each TSA gets a line while it is waited for."""
    import time

    hung = loopback_tsa_factory("rsa", mode="hang")
    f = tmp_path / "draft.txt"
    f.write_text("a draft", encoding="utf-8")
    start = time.monotonic()
    code, _out, err = run("stamp", f, "--tsa", loopback_tsa.url, "--tsa", hung.url, "--timeout", "2")
    took = time.monotonic() - start
    assert code == 0  # one TSA verified: the file is stamped (the other stays pending)
    assert took < 2 + 4, took  # before: 3 requests x 2 s + 3 s of back-off (9 s)
    assert err.count("asking (waiting up to 2 s)…") == 2
    assert len(hung.requests) == 1
    start = time.monotonic()
    code, _out, err = run("sync", "--timeout", "1.5")
    assert time.monotonic() - start < 1.5 + 4
    assert "asking again for draft.txt (waiting up to 1.5 s)…" in err and code == 3
