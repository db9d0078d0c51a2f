"""The command line of issue 16 against real loopback TSAs: the vault kept at stamp time,
`vault check` / `vault restore`, `mirror set` copying after every change (and surviving a
vanished folder), `restore` on a new machine, `renew`, the anchored ledger."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from proofkit.cli.main import main


@pytest.fixture
def run(tmp_path, loopback_pki, capsys):
    def _run(*argv, home=None):
        capsys.readouterr()
        code = main(["--home", str(home or tmp_path / "home"), "--trust", str(loopback_pki.root_pem),
                     *map(str, argv)])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_stamp_keeps_the_bytes_and_restore_gives_them_back(tmp_path, run, loopback_tsa):
    ch = _write(tmp_path / "w" / "ch1.txt", "第一章 风起。\n" * 100)
    stamped = ch.read_bytes()
    code, out, err = run("stamp", ch, "--tsa", loopback_tsa.url, "--json")
    assert code == 0, err
    vid = json.loads(out)[0]["id"]
    code, out, _ = run("vault", "check", "--json")
    assert code == 0 and json.loads(out)["objects"] == 1
    ch.write_text("rewritten", encoding="utf-8")
    code, out, err = run("vault", "restore", vid, "-o", tmp_path / "back.txt")
    assert code == 0, err
    assert (tmp_path / "back.txt").read_bytes() == stamped
    code, _, err = run("vault", "restore", vid, "-o", tmp_path / "back.txt")
    assert code == 2 and "already exists" in err  # never overwrites
    # damage the object: vault check says so (exit 1)
    obj = next((tmp_path / "home" / "vault" / "objects").rglob("*.gz"))
    obj.write_bytes(obj.read_bytes()[:-8])
    code, out, _ = run("vault", "check")
    assert code == 1 and "DAMAGED" in out


def test_models_and_big_files_follow_the_rule_and_the_works_choice(tmp_path, run, loopback_tsa):
    model = tmp_path / "m" / "tiny.safetensors"
    model.parent.mkdir()
    model.write_bytes(b"\x00" * 1000)
    assert run("stamp", model, "--tsa", loopback_tsa.url, "--work", "Model")[0] == 0
    assert json.loads(run("vault", "check", "--json")[1])["objects"] == 0
    assert run("vault", "work", "Model", "keep")[0] == 0
    model.write_bytes(b"\x01" * 1000)
    assert run("stamp", model, "--tsa", loopback_tsa.url, "--work", "Model")[0] == 0
    assert json.loads(run("vault", "check", "--json")[1])["objects"] == 1
    assert run("vault", "limit", "0")[0] == 0
    ch = _write(tmp_path / "w" / "a.txt", "small text")
    assert run("stamp", ch, "--tsa", loopback_tsa.url)[0] == 0
    assert json.loads(run("vault", "check", "--json")[1])["objects"] == 1  # limit 0: not kept


def test_folder_stamps_keep_their_files(tmp_path, run, loopback_tsa):
    book = tmp_path / "book"
    for i in range(3):
        _write(book / f"ch{i}.txt", f"chapter {i}\n" * 20)
    _write(book / "notes" / "plan.md", "plan")
    code, out, err = run("stamp", book, "--tsa", loopback_tsa.url, "--json")
    assert code == 0, err
    vid = json.loads(out)[0]["id"]
    shutil.rmtree(book)  # the folder is gone
    code, _, err = run("vault", "restore", vid, "-o", tmp_path / "again")
    assert code == 0, err
    assert (tmp_path / "again" / "notes" / "plan.md").read_text() == "plan"
    assert (tmp_path / "again" / "ch2.txt").read_text() == "chapter 2\n" * 20


def test_mirror_follows_every_change_and_restores(tmp_path, run, loopback_tsa, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    ch = _write(tmp_path / "w" / "ch1.txt", "one")
    assert run("stamp", ch, "--tsa", loopback_tsa.url)[0] == 0
    code, out, err = run("mirror", "set", usb)
    assert code == 0 and "ledger copied" in out, err
    _write(tmp_path / "w" / "ch2.txt", "two")
    assert run("stamp", tmp_path / "w" / "ch2.txt", "--tsa", loopback_tsa.url)[0] == 0
    receipts = list((usb / "ProofKit-mirror" / "receipts").glob("*.tsr"))
    assert len(receipts) == 2  # copied after the stamp, without asking
    assert "last copy just now" in run("mirror", "status")[1]
    # the disk is unplugged: stamping still works, says so, nothing lost
    shutil.move(usb, tmp_path / "usb-away")
    _write(tmp_path / "w" / "ch3.txt", "three")
    code, out, err = run("stamp", tmp_path / "w" / "ch3.txt", "--tsa", loopback_tsa.url)
    assert code == 0 and "safe on this computer" in err
    assert not usb.exists()
    assert "The last attempt failed" in run("mirror", "status")[1]
    shutil.move(tmp_path / "usb-away", usb)  # plugged in again
    code, out, _ = run("mirror", "now")
    assert code == 0 and "1 new receipt" in out
    # a new machine
    new = tmp_path / "newhome"
    code, out, err = run("restore", usb, home=new)
    assert code == 0, err
    code, out, err = run("ledger", "check", "--deep", home=new)
    assert code == 0 and "All 3 verified receipts still verify" in out, out + err
    assert run("vault", "check", home=new)[0] == 0
    code, out, _ = run("log", "--json", home=new)
    assert {v["path"].rsplit("/", 1)[-1] for v in json.loads(out)} == {"ch1.txt", "ch2.txt", "ch3.txt"}
    # restoring over a ledger with entries is refused
    code, _, err = run("restore", usb, home=new)
    assert code == 2 and "already a ledger" in err


def test_encrypted_mirror_from_the_command_line(tmp_path, run, loopback_tsa, monkeypatch):
    cloud = tmp_path / "cloud"
    cloud.mkdir()
    ch = _write(tmp_path / "w" / "secret-novel.txt", "不可外传的小说。" * 50)
    assert run("stamp", ch, "--tsa", loopback_tsa.url)[0] == 0
    monkeypatch.setenv("PROOFKIT_MIRROR_PASSPHRASE", "长夜 passphrase")
    assert run("mirror", "set", cloud, "--encrypt")[0] == 0
    for p in (cloud / "ProofKit-mirror").rglob("*"):
        if p.is_file():
            assert "不可外传".encode() not in p.read_bytes() and b"secret-novel" not in p.read_bytes()
    monkeypatch.setenv("PROOFKIT_MIRROR_PASSPHRASE", "wrong")
    code, _, err = run("restore", cloud, home=tmp_path / "n1")
    assert code == 2 and "Wrong passphrase" in err
    monkeypatch.setenv("PROOFKIT_MIRROR_PASSPHRASE", "长夜 passphrase")
    assert run("restore", cloud, home=tmp_path / "n2")[0] == 0
    assert run("ledger", "check", "--deep", home=tmp_path / "n2")[0] == 0


def test_renew_and_the_anchored_ledger(tmp_path, run, loopback_tsa_factory):
    a, b = loopback_tsa_factory("rsa"), loopback_tsa_factory("ec")
    ch = _write(tmp_path / "w" / "ch1.txt", "one")
    assert run("stamp", ch, "--tsa", a.url)[0] == 0
    before = (a.request_count, b.request_count)
    code, out, err = run("renew", "--due", "--tsa", a.url, "--tsa", b.url, "--json")
    assert code == 0, err
    rep = json.loads(out)
    # a fresh receipt (certificate valid until 2099) is not due, but the ledger head is
    assert rep["receipts"] == 0 and rep["head"] is not None and rep["requests"] == 2
    code, out, err = run("renew", "--all", "--tsa", a.url, "--tsa", b.url)
    assert code == 0 and "Renewed: 1 receipt(s)" in out, out + err
    assert (a.request_count - before[0], b.request_count - before[1]) == (2, 2)
    code, out, _ = run("export", "ch1", "-o", tmp_path / "b.zip")
    assert code == 0
    code, out, _ = run("verify", tmp_path / "b.zip", "--json")
    checks = json.loads(out)["receipts"][0]["checks"]
    assert any(c["name"] == "evidence_record" and c["ok"] for c in checks)
    assert run("ledger", "check")[0] == 0
    # cut the ledger's tail behind ProofKit's back: the anchor catches it
    head_seq = rep["head"]["seq"]
    con = sqlite3.connect(tmp_path / "home" / "ledger.sqlite3")
    con.execute("DROP TRIGGER guard_events_no_delete")
    con.execute("DELETE FROM events WHERE seq >= ?", (head_seq,))
    con.commit()
    con.close()
    code, out, _ = run("ledger", "check")
    assert code == 1 and "tail was cut" in out


def test_renew_with_no_tsa_reachable(tmp_path, run, loopback_tsa_factory):
    good = loopback_tsa_factory("rsa")
    down = loopback_tsa_factory("rsa", mode="http500")
    ch = _write(tmp_path / "w" / "ch1.txt", "one")
    assert run("stamp", ch, "--tsa", good.url)[0] == 0
    code, _, err = run("renew", "--all", "--tsa", down.url, "--timeout", "5")
    assert code == 3 and "nothing was changed" in err


def test_the_app_renews_on_its_own_at_most_daily(tmp_path, run, loopback_tsa, loopback_pki):
    from datetime import datetime, timedelta, timezone

    from proofkit.app.renewing import renew_if_due
    from proofkit.app.session import Session

    ch = _write(tmp_path / "w" / "ch1.txt", "one")
    assert run("stamp", ch, "--tsa", loopback_tsa.url)[0] == 0
    with Session(tmp_path / "home", trust=[str(loopback_pki.root_pem)]) as s:
        import dataclasses

        s.save_settings(dataclasses.replace(s.settings, tsas=[loopback_tsa.url]))
        now = datetime.now(timezone.utc)
        first = renew_if_due(s, now=now)
        assert first is not None and first.head is not None  # looked: the head anchored
        n = loopback_tsa.request_count
        assert renew_if_due(s, now=now + timedelta(hours=2)) is None  # not again the same day
        assert loopback_tsa.request_count == n
        assert renew_if_due(s, now=now + timedelta(days=1, minutes=1)) is not None  # next day: looks


@pytest.mark.parametrize("how", ["file", "folder", "watch"])
def test_a_stamp_is_recorded_only_once_its_bytes_are_kept(tmp_path, run, loopback_tsa, monkeypatch, how):
    """Rule 3: a recorded stamp never lacks the original it was to keep. The copy runs while
    the TSAs are asked, but the ledger records the stamp only after it is durable — even
    when the copy is slower than the ledger (here: slowed down on purpose)."""
    import time

    from proofkit.ledger import Ledger
    from proofkit.ledger import vault as vault_mod

    folder = how != "file"
    if folder:
        target = tmp_path / "book"
        for i in range(10):
            _write(target / f"ch{i}.txt", f"chapter {i}\n" * 30)
        expected = 10
    else:
        target = _write(tmp_path / "w" / "ch1.txt", "第一章 风起。\n" * 300)
        expected = 1
    real_stage, real_record = vault_mod.Vault._stage, Ledger.record_stamp
    seen = []

    def slow_stage(self, *a, **kw):
        time.sleep(0.3 if not folder else 0.05)
        return real_stage(self, *a, **kw)

    def record(self, *a, **kw):
        seen.append(len(list((tmp_path / "home" / "vault").rglob("*.gz"))))
        return real_record(self, *a, **kw)

    monkeypatch.setattr(vault_mod.Vault, "_stage", slow_stage)
    monkeypatch.setattr(Ledger, "record_stamp", record)
    if how == "watch":
        code, out, err = run("watch", target, "--work", "book", "--tsa", loopback_tsa.url, "--once")
    else:
        code, out, err = run("stamp", target, "--tsa", loopback_tsa.url, "--json")
    assert code == 0, err
    assert seen == [expected]  # every object was named (and synced) before the stamp was recorded
