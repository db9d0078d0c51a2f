"""The engine and its command line against real loopback TSAs (openssl ts -reply) and a real
SQLite ledger: hash, stamp, verify, log, show, sync, ledger check; exit codes and --json."""

from __future__ import annotations

import base64
import functools
import json
import sqlite3
import subprocess
import sys
import time
from datetime import datetime

import pytest

from proofkit.cli.main import main


@pytest.fixture
def chapter(tmp_path):
    p = tmp_path / "第一章.txt"
    p.write_text("第一章 风起。\nChapter one.\n", encoding="utf-8")
    return p


# ------------------------------------------------------------------ hash
def test_hash_is_sha256sum_compatible(run, tmp_path, chapter):
    other = tmp_path / "two words.bin"
    other.write_bytes(b"\x00" * 3_000_001)
    code, out, _ = run("hash", chapter, other, trust=False)
    assert code == 0
    sums = tmp_path / "sums"
    sums.write_text(out, encoding="utf-8")
    check = subprocess.run(["sha256sum", "-c", str(sums)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count(": OK") == 2
    other.write_bytes(b"\x01")
    assert subprocess.run(["sha256sum", "-c", str(sums)], capture_output=True).returncode == 1


@pytest.mark.parametrize("alg,tool", [("sha384", "sha384sum"), ("sha512", "sha512sum")])
def test_hash_other_algorithms(run, chapter, alg, tool):
    code, out, _ = run("hash", "--hash", alg, chapter, trust=False)
    assert code == 0
    expected = subprocess.run([tool, str(chapter)], capture_output=True, text=True).stdout
    assert out == expected


def test_hash_bad_inputs(run, tmp_path, chapter):
    code, out, err = run("hash", tmp_path / "missing.txt", chapter, trust=False)
    assert code == 2
    assert "no such file" in err and "Traceback" not in err
    assert chapter.name in out  # the readable file is still hashed
    code, _, err = run("hash", tmp_path, trust=False)
    assert code == 2 and "is a folder" in err


def test_hash_subprocess_never_tracebacks(tmp_path):
    r = subprocess.run([sys.executable, "-m", "proofkit.cli.main", "hash", str(tmp_path / "nope")],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr


def test_the_quick_exit_keeps_output_exit_codes_and_ledger(loopback_tsa, loopback_tsa_factory, loopback_pki,
                                                            refuse_new_versions, tmp_path, chapter):
    """`proofkit` leaves without tearing Python down (proofkit.cli.main.exit_now): its output
    still arrives whole, its exit codes are the contract's, its ledger is intact, a reader
    that stops early (`| head`) or a closed stdout gets no traceback, and a stamp whose
    record fails does not wait for its TSA's answer."""
    import os

    home = tmp_path / "home"
    base = [sys.executable, "-m", "proofkit.cli.main", "--home", str(home), "--trust", str(loopback_pki.root_pem)]
    # as on a user's machine: stdout to a pipe is block-buffered, so unflushed output would be lost
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    run = functools.partial(subprocess.run, env=env, capture_output=True, text=True)
    r = run(base + ["stamp", str(chapter), "--tsa", loopback_tsa.url, "--json"])
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)[0]["receipts"][0]["status"] == "verified"
    offline = run(base + ["stamp", str(chapter), "--tsa", "http://127.0.0.1:9/tsr", "--json"])
    assert offline.returncode == 3 and json.loads(offline.stdout)[0]["receipts"][0]["status"] == "pending"
    files = []
    for i in range(3000):
        p = tmp_path / "many" / f"{i:04d}-{'长' * 20}.txt"
        p.parent.mkdir(exist_ok=True)
        p.write_text(str(i), encoding="utf-8")
        files.append(str(p))
    r = run(base + ["hash", *files])
    assert r.returncode == 0 and len(r.stdout.splitlines()) == 3000 and r.stdout.endswith(f"  {files[-1]}\n")
    check = run(base + ["ledger", "check"])
    assert check.returncode == 0, check.stdout + check.stderr
    # a reader that stops after the first line
    proc = subprocess.Popen(base + ["hash", *files], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline().endswith(b".txt\n")
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait() in (0, 2) and "Traceback" not in err and "Exception ignored" not in err, err
    # started with stdout closed (a cron job, `proofkit hash f >&-`)
    closed = subprocess.run(["sh", "-c", '"$@" >&-', "sh", *base, "hash", files[0]], env=env,
                            capture_output=True, text=True)
    assert closed.returncode == 0 and "Traceback" not in closed.stderr, closed.stderr
    # the record fails inside its transaction (a trigger stands in for a full disk) while a
    # slow TSA is asked: one line, exit 2 at once, not after the TSA's 5 s
    refuse_new_versions(home / "ledger.sqlite3")
    slow = loopback_tsa_factory("rsa", delay=5.0)
    other = tmp_path / "other.txt"
    other.write_text("another chapter", encoding="utf-8")
    t0 = time.monotonic()
    failed = run(base + ["stamp", str(other), "--tsa", slow.url])
    assert time.monotonic() - t0 < 4.0, "the exit waited for the TSA"
    last = failed.stderr.splitlines()[-1]
    assert failed.returncode == 2 and last.startswith("proofkit: The ledger") and "Traceback" not in failed.stderr, \
        failed.stderr
    assert len(slow.requests) <= 1


def test_start_up_runs_once_beside_the_large_files(tmp_path):
    """hash_files hands the caller's start-up (the stamp command's imports and ledger) to the
    first hashing worker left without a large file, exactly once; every digest is still right
    and Python's switch interval is back to what it was."""
    import hashlib
    import os
    import threading

    from proofkit.core.hashing import PARALLEL_MIN_SIZE, hash_files

    paths = []
    for i, size in enumerate([PARALLEL_MIN_SIZE + 1, 3 * PARALLEL_MIN_SIZE, 2 * PARALLEL_MIN_SIZE]):
        p = tmp_path / f"model-{i}.bin"
        p.write_bytes(os.urandom(size))
        paths.append(p)
    for i in range(30):
        p = tmp_path / f"caption-{i}.txt"
        p.write_bytes(os.urandom(100 + i))
        paths.append(p)
    calls = []
    before = sys.getswitchinterval()
    results = hash_files(paths, workers=2, while_large=lambda: calls.append(threading.current_thread().name))
    assert [r.hex for r in results] == [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]
    assert len(calls) == 1 and calls[0].startswith("hash"), calls
    assert sys.getswitchinterval() == before
    # with one large file (no pool), it runs in the calling thread, once
    calls.clear()
    hash_files(paths[:1] + paths[3:], workers=2,
               while_large=lambda: calls.append(threading.current_thread().name))
    assert calls == [threading.current_thread().name]

    # its error is the caller's, whichever thread ran it
    def broken():
        raise RuntimeError("no ledger")

    with pytest.raises(RuntimeError, match="no ledger"):
        hash_files(paths, workers=2, while_large=broken)
    assert sys.getswitchinterval() == before


def test_session_start_up_runs_once_whoever_calls(tmp_path, monkeypatch):
    """Threads asking at once for a session's ledger and verifier (a hashing worker warming
    up and the main thread) open the ledger once and all get the same ones."""
    import threading
    import time

    from proofkit.app.session import Session
    from proofkit.ledger.store import Ledger

    opened = []
    real_open = Ledger.open.__func__

    def slow_open(cls, *a, **kw):  # wide enough a window for a second caller to slip in
        opened.append(threading.current_thread().name)
        time.sleep(0.2)
        return real_open(cls, *a, **kw)

    monkeypatch.setattr(Ledger, "open", classmethod(slow_open))
    session = Session(tmp_path / "home")
    start = threading.Barrier(4)

    def call():
        start.wait()
        session.warm_up()

    threads = [threading.Thread(target=call) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(opened) == 1, opened
    ledger, verifier = session.ledger, session.verifier()
    assert len(opened) == 1 and session.ledger is ledger and session.verifier() is verifier
    assert ledger.works() == []
    session.close()
    with pytest.raises(Exception, match="closed"):
        ledger.works()


# ------------------------------------------------------------------ stamp
@pytest.mark.parametrize("signer,ess", [("rsa", "v2"), ("rsa", "v1"), ("ec", "v2"), ("ec", "v1")])
def test_stamp_verified_and_agrees_with_openssl(run, loopback_tsa_factory, loopback_pki, chapter, tmp_path, signer, ess):
    tsa = loopback_tsa_factory(signer, ess=ess)
    code, out, err = run("stamp", chapter, "--tsa", tsa.url, "--work", "风起", "--json")
    assert code == 0, err
    [obj] = json.loads(out)
    assert obj["work"] == "风起" and obj["size"] == chapter.stat().st_size
    assert set(obj) >= {"path", "size", "sha256", "work", "receipts"}
    [r] = obj["receipts"]
    assert set(r) >= {"id", "tsa", "url", "status", "gen_time", "serial", "policy", "hash_alg", "token_b64", "error"}
    assert r["status"] == "verified" and r["error"] is None and r["policy"] == "1.2.3.4.1"
    token = base64.b64decode(r["token_b64"])
    assert token == tsa.responses[-1]  # kept exactly as received
    assert len(tsa.requests) == 1 and chapter.read_bytes() not in tsa.requests[0]  # only the digest left
    # A stranger with openssl reaches the same verdict, at genTime.
    tsr = tmp_path / "r.tsr"
    tsr.write_bytes(token)
    gen = datetime.fromisoformat(r["gen_time"].replace("Z", "+00:00"))
    chain = loopback_pki.ca_chain_pem(tsa.signer_name)
    cmd = ["openssl", "ts", "-verify", "-in", str(tsr), "-data", str(chapter), "-CAfile", str(loopback_pki.root_pem),
           "-attime", str(int(gen.timestamp()))]
    if chain:
        cmd += ["-untrusted", str(chain)]
    ossl = subprocess.run(cmd, capture_output=True, text=True)
    assert "Verification: OK" in ossl.stdout, ossl.stdout + ossl.stderr


def test_since_expired_tsa_certificate_still_verifies_at_gen_time(run, loopback_tsa_factory, chapter, tmp_path):
    """A TSA that signed in 2021 (faketime) with a certificate that has expired since: its
    token still verifies, checked at genTime, and the verdict says the certificate expired."""
    import urllib.request

    from proofkit.core.hashing import hash_file
    from proofkit.core.tsp import build_request

    tsa = loopback_tsa_factory("old", faketime="2021-06-01 12:00:00")
    req = build_request(hash_file(chapter).digest)
    post = urllib.request.Request(tsa.url, data=req.der, headers={"Content-Type": "application/timestamp-query"})
    token = tmp_path / "2021.tsr"
    token.write_bytes(urllib.request.urlopen(post, timeout=30).read())
    code, out, _ = run("verify", chapter, "--token", token, "--json")
    v = json.loads(out)
    assert code == 0 and v["ok"] and v["gen_time"].startswith("2021-06-01")
    chain = next(c for c in v["checks"] if c["name"] == "chain")
    assert "expired since" in chain["detail"]


def test_a_fresh_stamp_dated_years_ago_is_not_kept_as_proof(run, loopback_tsa_factory, chapter):
    """A TSA whose clock says 2021 (a broken or backdating TSA) would fake priority: the fresh
    answer is refused even though its signature and chain are fine."""
    tsa = loopback_tsa_factory("old", faketime="2021-06-01 12:00:00")
    code, out, _ = run("stamp", chapter, "--tsa", tsa.url, "--json")
    r = json.loads(out)[0]["receipts"][0]
    assert code == 1 and r["status"] == "failed" and r["error"].startswith("gen_time:")
    # Refused when it arrived, refused later: verifying the file against the ledger must not
    # re-check the token without the clock check and call it VALID.
    code, out, _ = run("verify", chapter, "--json")
    v = json.loads(out)
    assert code == 1 and v["ok"] is False
    [rr] = v["receipts"]
    assert rr["status"] == "failed" and rr["ok"] is False
    assert any(c["name"] == "gen_time" and not c["ok"] for c in rr["checks"])
    code, out, _ = run("verify", chapter)
    assert code == 1 and "NOT VALID" in out and ": VALID" not in out


@pytest.mark.parametrize("mode,check", [
    ("flipsig", "signature"),
    ("noeku", "tsa_certificate"),
    ("expired", "chain"),
    ("untrusted", "chain"),
    ("replay", "imprint"),
])
def test_refusals_while_second_tsa_succeeds(run, loopback_tsa_factory, chapter, home, mode, check):
    good = loopback_tsa_factory("ec")
    bad = loopback_tsa_factory("rsa", mode=mode)
    code, out, err = run("stamp", chapter, "--tsa", bad.url, "--tsa", good.url, "--json")
    assert code == 0, err
    receipts = json.loads(out)[0]["receipts"]
    assert [r["status"] for r in receipts] == ["failed", "verified"]
    assert receipts[0]["error"].startswith(check + ":"), receipts[0]["error"]
    assert receipts[0]["gen_time"] is None  # an unverified token's time is not shown as evidence
    assert receipts[0]["token_b64"]  # ...but the bytes are kept, as received, for the record
    # Only the bad TSA's receipt fails; the ledger still only counts the good one as proof.
    code, out, _ = run("verify", chapter, "--json")
    assert code == 0 and json.loads(out)["ok"] is True


def test_replay_also_fails_nonce(run, loopback_tsa_factory, chapter):
    bad = loopback_tsa_factory("rsa", mode="replay")
    code, out, _ = run("stamp", chapter, "--tsa", bad.url, "--json")
    assert code == 1
    r = json.loads(out)[0]["receipts"][0]
    assert r["status"] == "failed"


def test_all_tsas_unreachable_is_pending_exit_3_then_sync(run, loopback_tsa_factory, chapter):
    tsa = loopback_tsa_factory("rsa", mode="http500")
    code, out, err = run("stamp", chapter, "--tsa", tsa.url, "--timeout", "2", "--json")
    assert code == 3, err
    r = json.loads(out)[0]["receipts"][0]
    assert r["status"] == "pending" and "500" in r["error"] and r["token_b64"] is None
    # A pending stamp is not proof.
    code, out, _ = run("verify", chapter, "--json")
    assert code == 1 and json.loads(out)["ok"] is False
    tsa.mode = "ok"  # the network is back
    code, out, err = run("sync", "--json")
    assert code == 0, err
    [synced] = json.loads(out)
    assert synced["status"] == "verified"
    code, out, _ = run("verify", chapter, "--json")
    assert code == 0 and json.loads(out)["ok"] is True
    code, out, _ = run("sync")
    assert code == 0 and "Nothing pending" in out


def test_stamp_bad_inputs(run, tmp_path, loopback_tsa):
    code, _, err = run("stamp", tmp_path / "missing.txt", "--tsa", loopback_tsa.url)
    assert code == 2 and "no such file" in err
    assert loopback_tsa.requests == []  # nothing stamped
    code, _, err = run("stamp", tmp_path / "x", "--tsa", "no-such-tsa")
    assert code == 2 and "Unknown TSA" in err


# ------------------------------------------------------------------ verify with a token
def test_verify_token_file_forms(run, loopback_tsa, chapter, tmp_path):
    code, out, _ = run("stamp", chapter, "--tsa", loopback_tsa.url, "--json")
    r = json.loads(out)[0]["receipts"][0]
    tsr = tmp_path / "r.tsr"
    tsr.write_bytes(base64.b64decode(r["token_b64"]))
    from proofkit.core.tsp import parse_response

    tst = tmp_path / "r.tst"
    tst.write_bytes(parse_response(tsr.read_bytes()).token)
    for token in (tsr, tst):
        code, out, _ = run("verify", chapter, "--token", token, "--json")
        v = json.loads(out)
        assert code == 0 and v["ok"] is True
        assert set(v) >= {"ok", "gen_time", "tsa", "checks"}
        assert all(set(c) == {"name", "ok", "detail"} for c in v["checks"])
    code, out, _ = run("verify", "--digest", json.loads(run("show", "1", "--json")[1])["sha256"], "--token", tst)
    assert code == 0 and "VALID" in out
    # another file: exit 1, imprint named
    other = tmp_path / "other.txt"
    other.write_text("not the chapter")
    code, out, _ = run("verify", other, "--token", tsr, "--json")
    assert code == 1
    failed = [c["name"] for c in json.loads(out)["checks"] if not c["ok"]]
    assert failed == ["imprint"]
    # not DER: exit 2, one line
    junk = tmp_path / "junk.tsr"
    junk.write_bytes(b"hello, not DER")
    code, out, err = run("verify", chapter, "--token", junk)
    assert code == 2 and "Traceback" not in out + err
    # untrusted without the test root: exit 1 naming the chain
    code, out, _ = run("verify", chapter, "--token", tsr, "--json", trust=False)
    assert code == 1 and [c["name"] for c in json.loads(out)["checks"] if not c["ok"]] == ["chain"]


def test_verify_usage_errors(run, tmp_path, chapter):
    assert run("verify")[0] == 2
    assert run("verify", "--digest", "abcd")[0] == 2
    assert run("verify", tmp_path, "--token", chapter)[0] == 2
    code, _, err = run("verify", chapter, "--token", tmp_path / "none.tsr")
    assert code == 2 and "no such token file" in err
    code, out, _ = run("verify", chapter)
    assert code == 1 and "never stamped" in out


# ------------------------------------------------------------------ log, show, ledger
def test_log_show_and_versions(run, loopback_tsa, chapter):
    run("stamp", chapter, "--tsa", loopback_tsa.url, "--work", "风起")
    chapter.write_text("第一章 风起。修订版。\n", encoding="utf-8")
    run("stamp", chapter, "--tsa", loopback_tsa.url, "--work", "风起")
    code, out, _ = run("log", "--json")
    versions = json.loads(out)
    assert code == 0 and [v["id"] for v in versions] == [1, 2]
    assert versions[0]["sha256"] != versions[1]["sha256"]
    code, out, _ = run("log", "--work", "风起")
    assert code == 0 and "风起" in out and out.count("#") == 2
    code, out, _ = run("show", "2")
    assert code == 0 and "verified" in out
    assert run("show", "99")[0] == 2
    assert run("show", "abc")[0] == 2
    assert run("log", "--work", "nope")[0] == 2


def test_ledger_check_catches_tampering(run, loopback_tsa, chapter, home):
    run("stamp", chapter, "--tsa", loopback_tsa.url)
    code, out, _ = run("ledger", "check")
    assert code == 0 and "intact" in out
    db = home / "ledger.sqlite3"
    con = sqlite3.connect(db)
    con.execute("UPDATE receipts SET response = x'3000'")
    con.commit()
    con.close()
    code, out, _ = run("ledger", "check")
    assert code == 1 and "receipt 1" in out


def test_ledger_backup_restores_intact(run, loopback_tsa, chapter, tmp_path):
    run("stamp", chapter, "--tsa", loopback_tsa.url)
    out_file = tmp_path / "backup.sqlite3"
    code, out, _ = run("ledger", "backup", out_file)
    assert code == 0 and out_file.exists()
    restored = tmp_path / "restored"
    restored.mkdir()
    (restored / "ledger.sqlite3").write_bytes(out_file.read_bytes())
    code = main(["--home", str(restored), "ledger", "check"])
    assert code == 0
    assert run("ledger", "backup", out_file)[0] == 2  # never overwrite


def test_tsa_list(run):
    code, out, _ = run("tsa", "list", trust=False)
    assert code == 0 and "digicert" in out
    code, out, _ = run("tsa", "list", "--json", trust=False)
    assert sum(t["default"] for t in json.loads(out)) >= 2


def test_tsa_check_loopback(run, loopback_tsa):
    code, out, _ = run("tsa", "check", loopback_tsa.url)
    assert code == 0 and "OK" in out


def test_unusable_home_and_junk_token_are_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code = main(["--home", str(blocker / "sub"), "log"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "--home" in err
    junk = tmp_path / "junk.tst"
    junk.write_bytes(b"\x30\x03\x02\x01")
    target = tmp_path / "t.txt"
    target.write_text("t")
    code = main(["--home", str(tmp_path / "h"), "verify", str(target), "--token", str(junk)])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == "" and captured.err.count("\n") == 1


def test_no_network_is_pending_at_once_not_retried(monkeypatch):
    """No DNS (no network) cannot be produced on loopback, so name resolution is the one
    thing replaced here: the stamp must wait as pending without burning retries."""
    import socket

    from proofkit.core.registry import find_tsa
    from proofkit.core.stamping import request_receipt
    from proofkit.core.trust import TrustStore
    from proofkit.core.verifier import Verifier

    def no_dns(*a, **k):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    slept = []
    a = request_receipt(find_tsa("http://tsa.example.test/"), b"\0" * 32, "sha256", Verifier(TrustStore()),
                        retries=2, sleep=slept.append)
    assert a.status == "pending" and a.attempts == 1 and slept == []
    assert "could not be found" in a.error


def test_verify_finds_stamps_made_with_other_hashes(run, loopback_tsa, chapter):
    assert run("stamp", chapter, "--tsa", loopback_tsa.url, "--hash", "sha512")[0] == 0
    code, out, _ = run("verify", chapter)
    assert code == 0 and "VALID" in out and "never stamped" not in out


def test_a_failed_receipt_without_token_is_not_called_pending(run, loopback_tsa_factory, chapter):
    bad = loopback_tsa_factory("rsa", mode="truncated")
    assert run("stamp", chapter, "--tsa", bad.url)[0] == 1
    code, out, _ = run("verify", chapter)
    assert code == 1 and "failed" in out and "pending" not in out
