"""Never lose a receipt: redundancy, retries, pacing, the offline queue and hostile TSAs.

Every network test talks to real loopback TSAs (openssl ts -reply on 127.0.0.1) and writes a
real SQLite ledger; the only thing replaced is the sleep function in the backoff tests, to
record the delays instead of waiting them out.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time

import pytest

from proofkit.core.client import DEFAULT_TIMEOUT
from proofkit.core.registry import default_tsas, find_tsa, load_registry
from proofkit.core.stamping import Pacer, Stamper, request_receipt
from proofkit.core.trust import TrustStore
from proofkit.core.verifier import Verifier
from proofkit.ledger import Ledger


@pytest.fixture
def verifier(loopback_pki):
    return Verifier(TrustStore.default([str(loopback_pki.root_pem)]))


@pytest.fixture
def chapter(tmp_path):
    p = tmp_path / "chapter-1.txt"
    p.write_text("Chapter one. The wind rises.\n", encoding="utf-8")
    return p


def _ledger(home) -> Ledger:
    return Ledger.open(home / "ledger.sqlite3")


def _all_receipts(home):
    with _ledger(home) as ledger:
        return ledger.receipts()


# ------------------------------------------------------------------ redundancy
def test_default_tsas_are_at_least_two_independent_operators():
    tsas = default_tsas(load_registry())
    assert len(tsas) >= 2
    operators = {t.operator.strip().lower() for t in tsas}
    assert len(operators) >= 2, [t.operator for t in tsas]
    # ...and not one operator under two brand names sharing a host
    hosts = {t.url.split("/")[2].split(".")[-2] for t in tsas}
    assert len(hosts) >= 2


def test_stamp_without_tsa_option_asks_the_defaults(tmp_path):
    from proofkit.app.session import Session

    asked = Session(tmp_path / "home").tsas([])
    assert [t.name for t in asked] == [t.name for t in default_tsas(load_registry())]


def test_tsas_are_asked_concurrently(loopback_tsa_factory, verifier, home, chapter):
    slow = [loopback_tsa_factory("rsa", delay=1.0), loopback_tsa_factory("ec", delay=1.0)]
    tsas = [find_tsa(t.url, []) for t in slow]
    events: list[str] = []
    with _ledger(home) as ledger:
        out = Stamper(ledger, verifier, tsas, on_event=lambda kind, data: events.append(kind)).stamp(
            work="w", file_name=chapter.name, path=str(chapter), size=1, hash_alg="sha256",
            digest=bytes(32))
    assert [a.status for a in out.attempts] == ["verified", "verified"]
    # both TSAs were asked before either answer came back
    assert events == ["recorded", "requesting", "requesting", "receipt", "receipt"]


def test_tsas_are_asked_while_the_pending_receipts_are_written(loopback_tsa_factory, verifier, home, chapter):
    """The request leaves while the record is written, and the answer is stored only once
    the pending receipt has committed."""
    tsa = loopback_tsa_factory("rsa")
    with _ledger(home) as ledger:
        log: list[str] = []
        record, update = ledger.record_stamp, ledger.update_receipt

        def slow_record(**kw):
            deadline = time.monotonic() + 5
            while not tsa.responses and time.monotonic() < deadline:  # the TSA answers first
                time.sleep(0.01)
            log.append(f"answered before record: {bool(tsa.responses)}")
            time.sleep(0.2)  # and its answer waits for the commit
            out = record(**kw)
            log.append("committed")
            return out

        def spy_update(receipt_id, data):
            log.append(f"stored {data.status}")
            return update(receipt_id, data)

        ledger.record_stamp, ledger.update_receipt = slow_record, spy_update
        out = Stamper(ledger, verifier, [find_tsa(tsa.url, [])]).stamp(
            work="w", file_name=chapter.name, path=str(chapter), size=1, hash_alg="sha256",
            digest=bytes(32))
        assert log == ["answered before record: True", "committed", "stored verified"]
        assert [r.status for r in ledger.receipts()] == ["verified"] and out.verified


def test_a_record_that_fails_keeps_nothing_and_waits_for_no_tsa(loopback_tsa_factory, verifier, home, chapter,
                                                                 refuse_new_versions):
    """The record fails inside its transaction (a trigger stands in for a full disk) while a
    slow TSA is being asked: the error comes at once, not after the answer; nothing of the
    stamp is kept, the late answer included; and no retry is sent for it."""
    from proofkit.core.errors import LedgerError

    with _ledger(home):
        pass  # create it
    refuse_new_versions(home / "ledger.sqlite3")
    tsa = loopback_tsa_factory("rsa", mode="http500", delay=2.0)  # a retry would follow
    with _ledger(home) as ledger:
        updates = []
        update, record = ledger.update_receipt, ledger.record_stamp
        ledger.update_receipt = lambda *a, **kw: (updates.append(a), update(*a, **kw))[1]

        def record_once_asked(**kw):  # the request is out before the record fails
            deadline = time.monotonic() + 1.0
            while not tsa.requests and time.monotonic() < deadline:
                time.sleep(0.01)
            return record(**kw)

        ledger.record_stamp = record_once_asked
        t0 = time.monotonic()
        with pytest.raises(LedgerError):
            Stamper(ledger, verifier, [find_tsa(tsa.url, [])]).stamp(
                work="w", file_name=chapter.name, path=str(chapter), size=1, hash_alg="sha256",
                digest=bytes(32))
        assert time.monotonic() - t0 < 1.5, "the error waited for the TSA's answer"
        deadline = time.monotonic() + 10
        while not tsa.responses and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.5)  # past the first backoff: a retry would have been sent by now
        assert len(tsa.requests) == 1 and len(tsa.responses) == 1
        assert updates == [] and ledger.receipts() == [] and ledger.works() == []


# ------------------------------------------------------------------ timeout, retries, backoff
def test_default_timeout_is_sane(run, chapter):
    assert 5 <= DEFAULT_TIMEOUT <= 30
    assert run("stamp", chapter, "--timeout", "0", "--tsa", "http://127.0.0.1:9/")[0] == 2
    assert run("sync", "--timeout", "-1")[0] in (0, 2)  # nothing pending answers before the check


@pytest.mark.parametrize("mode,requests,sleeps,status", [
    ("http500", 3, [1.0, 2.0], "pending"),      # transient: retried with exponential backoff
    ("hang", 1, [], "pending"),                 # the whole budget spent waiting: asked once
    ("rejection", 1, [], "failed"),             # definite: never asked twice
    ("flipsig", 1, [], "failed"),
    ("untrusted", 1, [], "failed"),
    ("replay", 1, [], "failed"),
    ("html", 1, [], "pending"),                 # a Wi-Fi login page: wait for sync, no retry now
    ("truncated", 1, [], "failed"),
])
def test_retries_only_for_transient_failures(loopback_tsa_factory, verifier, mode, requests, sleeps, status):
    tsa = loopback_tsa_factory("rsa", mode=mode)
    slept: list[float] = []
    budget = 1.5 if mode == "hang" else 10.0
    start = time.monotonic()
    a = request_receipt(find_tsa(tsa.url, []), bytes(32), "sha256", verifier, timeout=budget,
                        retries=2, backoff=1.0, sleep=slept.append)
    assert time.monotonic() - start < budget + 1.0  # --timeout is what the user waits, retries included
    assert len(tsa.requests) == requests
    assert slept == sleeps
    assert a.status == status and a.attempts == requests


def test_timeout_is_the_budget_retries_included(loopback_tsa_factory, verifier):
    """A TSA failing fast is retried only while the back-off leaves time to ask within the
    budget: with 4 s, 1 s then 2 s of back-off fit (3 requests); with 2.5 s only the first."""
    for budget, requests, sleeps in ((4.5, 3, [1.0, 2.0]), (2.5, 2, [1.0]), (1.5, 1, [])):
        tsa = loopback_tsa_factory("rsa", mode="http500")
        slept: list[float] = []
        a = request_receipt(find_tsa(tsa.url, []), bytes(32), "sha256", verifier, timeout=budget,
                            retries=2, backoff=1.0, sleep=slept.append)
        assert (len(tsa.requests), slept, a.status) == (requests, sleeps, "pending"), budget


def test_refused_connection_is_retried_then_pending(loopback_tsa_factory, verifier):
    tsa = loopback_tsa_factory("rsa", mode="refuse")  # nothing listens on its port
    slept: list[float] = []
    a = request_receipt(find_tsa(tsa.url, []), bytes(32), "sha256", verifier, retries=3,
                        backoff=0.5, sleep=slept.append)
    assert a.status == "pending" and a.attempts == 4
    assert slept == [0.5, 1.0, 2.0]
    assert "refused the connection" in a.error


def test_a_transient_failure_then_success_is_one_verified_receipt(loopback_tsa_factory, verifier):
    tsa = loopback_tsa_factory("rsa", mode="http500")

    def back_online(_seconds):
        tsa.mode = "ok"

    a = request_receipt(find_tsa(tsa.url, []), bytes(32), "sha256", verifier, sleep=back_online)
    assert a.status == "verified" and a.attempts == 2 and len(tsa.requests) == 2
    assert a.verdict.nonce == a.nonce  # the nonce of the request that succeeded


# ------------------------------------------------------------------ pacing
def test_pacing_spaces_requests_to_one_tsa(loopback_tsa_factory, verifier, home, chapter):
    tsa = loopback_tsa_factory("rsa")
    info = dataclasses.replace(find_tsa(tsa.url, []), min_interval_seconds=0.4)
    with _ledger(home) as ledger:
        stamper = Stamper(ledger, verifier, [info])
        start = time.monotonic()
        for i in range(3):
            out = stamper.stamp(work="w", file_name=f"f{i}", path=f"f{i}", size=1, hash_alg="sha256",
                                digest=bytes([i]) * 32)
            assert out.verified
        elapsed = time.monotonic() - start
    assert len(tsa.requests) == 3
    assert elapsed >= 0.8  # three requests, two gaps of at least 0.4 s


def test_pacing_also_spaces_retries(loopback_tsa_factory, verifier):
    tsa = loopback_tsa_factory("rsa", mode="http500")
    info = dataclasses.replace(find_tsa(tsa.url, []), min_interval_seconds=0.3)
    start = time.monotonic()
    request_receipt(info, bytes(32), "sha256", verifier, backoff=0.0, pacer=Pacer())
    assert len(tsa.requests) == 3 and time.monotonic() - start >= 0.6


def test_pacer_reserves_slots_atomically():
    """Many threads asking the same TSA at once each get their own slot."""
    clock_now = [100.0]
    lock = threading.Lock()
    waits: list[float] = []

    def record(seconds):
        with lock:
            waits.append(round(seconds, 6))

    pacer = Pacer(clock=lambda: clock_now[0], sleep=record)
    info = dataclasses.replace(find_tsa("http://127.0.0.1:1/", []), min_interval_seconds=15)
    threads = [threading.Thread(target=pacer.wait, args=(info,)) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(waits) == [15.0, 30.0, 45.0, 60.0]  # the first goes at once
    other = dataclasses.replace(info, url="http://127.0.0.1:2/")
    pacer.wait(other)  # another TSA is not held up
    assert len(waits) == 4


# ------------------------------------------------------------------ offline queue
def test_offline_stamp_is_pending_not_proof(run, loopback_tsa_factory, chapter, home):
    tsa = loopback_tsa_factory("rsa", mode="refuse")
    before = time.monotonic()
    code, out, err = run("stamp", chapter, "--tsa", tsa.url)
    assert code == 3, err
    assert "pending" in out and "not proof yet" in out
    [r] = _all_receipts(home)
    assert r.status == "pending" and r.response is None and r.gen_time is None
    assert r.digest_hex and r.requested_at is not None  # what was asked, and when
    assert time.monotonic() - before < 10
    code, out, _ = run("show", "1", "--json")
    [shown] = json.loads(out)["receipts"]
    assert shown["status"] == "pending" and shown["token_b64"] is None and shown["gen_time"] is None
    code, out, _ = run("verify", chapter)
    assert code == 1 and "not proof yet" in out and "VALID" not in out.replace("NOT VALID", "")
    code, out, _ = run("verify", chapter, "--json")
    assert code == 1 and json.loads(out)["ok"] is False


def test_pending_stamp_is_never_exported_as_proof(run, loopback_tsa_factory, chapter, tmp_path):
    pytest.importorskip("proofkit.bundle.export")
    tsa = loopback_tsa_factory("rsa", mode="refuse")
    assert run("stamp", chapter, "--tsa", tsa.url, "--work", "Pending work")[0] == 3
    out_zip = tmp_path / "bundle.zip"
    code, out, err = run("export", "Pending work", "-o", out_zip)
    if code == 0:
        import zipfile

        names = zipfile.ZipFile(out_zip).namelist()
        assert not [n for n in names if n.endswith((".tsr", ".tst"))], names
    else:
        assert code in (1, 2) and "Traceback" not in out + err


def test_sync_partially_reachable_keeps_the_rest_pending(run, loopback_tsa_factory, verifier, home, tmp_path):
    """Three pending stamps on two TSAs; one TSA comes back: its receipts verify, the other's
    stay pending (exit 3) and are not each made to wait a timeout; then all complete."""
    a = loopback_tsa_factory("rsa", mode="http500")
    b = loopback_tsa_factory("ec", mode="http500")
    files = []
    with _ledger(home) as ledger:
        stamper = Stamper(ledger, verifier, [find_tsa(a.url, []), find_tsa(b.url, [])], retries=0)
        for i in range(3):
            f = tmp_path / f"part-{i}.txt"
            f.write_text(f"part {i}\n")
            files.append(f)
            import hashlib

            out = stamper.stamp(work="Serial", file_name=f.name, path=str(f), size=f.stat().st_size,
                                hash_alg="sha256", digest=hashlib.sha256(f.read_bytes()).digest())
            assert [x.status for x in out.attempts] == ["pending", "pending"]
    assert len(a.requests) == len(b.requests) == 3
    a.mode = "ok"
    code, out, err = run("sync", "--json", "--timeout", "2")
    assert code == 3, err
    rows = json.loads(out)
    assert len(rows) == 6
    by_url = {}
    for r in rows:
        by_url.setdefault(r["url"], []).append(r["status"])
    assert by_url[a.url] == ["verified"] * 3
    assert by_url[b.url] == ["pending"] * 3
    # the first pending receipt, asked once (the 2 s budget leaves no room for a retry after a
    # 1 s back-off); then b is left alone
    assert len(b.requests) == 3 + 1
    for f in files:  # each file already has a verified receipt from a
        assert run("verify", f)[0] == 0
    b.mode = "ok"
    code, out, err = run("sync", "--json")
    assert code == 0, err
    assert [r["status"] for r in json.loads(out)] == ["verified"] * 3
    receipts = _all_receipts(home)
    assert len(receipts) == 6 and {r.status for r in receipts} == {"verified"}
    assert all(r.attempts >= 2 for r in receipts)  # attempts accumulate across runs
    code, out, _ = run("ledger", "check")
    assert code == 0, out


def test_sync_keeps_time_asked(run, loopback_tsa_factory, chapter, home):
    tsa = loopback_tsa_factory("rsa", mode="http500")
    assert run("stamp", chapter, "--tsa", tsa.url, "--timeout", "1")[0] == 3
    [before] = _all_receipts(home)
    tsa.mode = "ok"
    assert run("sync")[0] == 0
    [after] = _all_receipts(home)
    assert after.status == "verified" and after.requested_at == before.requested_at
    # the loopback TSA's genTime has whole seconds: with a 1 s budget, stamp and sync fall in one
    assert after.gen_time >= after.requested_at.replace(microsecond=0)


# ------------------------------------------------------------------ the fault matrix
# mode -> (what the receipt and the CLI must say, status it is left in, requests made)
FAULTS = {
    # --timeout 1 is the whole budget per TSA: a hang spends it in one request, and a fast
    # failure leaves no room for a retry after a 1 s back-off.
    "hang": ("did not answer in time", "pending", 1),
    "refuse": ("refused the connection", "pending", 0),
    "http500": ("HTTP error (500", "pending", 1),
    "html": ("web page", "pending", 1),
    "truncated": ("not a time-stamp response", "failed", 1),
    "rejection": ("refused to time-stamp", "failed", 1),
    "replay": ("imprint:", "failed", 1),
    "flipsig": ("signature:", "failed", 1),
    "noeku": ("tsa_certificate:", "failed", 1),
    "expired": ("chain:", "failed", 1),
    "untrusted": ("chain:", "failed", 1),
}


def test_fault_matrix_covers_every_hostile_mode():
    from loopback_tsa import LoopbackTSA

    assert set(FAULTS) == set(LoopbackTSA.MODES) - {"ok"}


@pytest.mark.parametrize("mode", sorted(FAULTS))
def test_hostile_tsa_next_to_a_healthy_one(run, loopback_tsa_factory, chapter, home, mode):
    reason, status, n_requests = FAULTS[mode]
    bad = loopback_tsa_factory("rsa", mode=mode)
    good = loopback_tsa_factory("ec")
    start = time.monotonic()
    code, out, err = run("stamp", chapter, "--tsa", bad.url, "--tsa", good.url, "--timeout", "1")
    elapsed = time.monotonic() - start
    assert code == 0, out + err  # the healthy TSA's receipt is enough
    assert reason in err, err  # the CLI names the reason
    assert "1/2 TSAs verified" in out
    if mode == "hang":
        # the 1 s budget, retries included; never the loopback's 30 s hang (before: 3 x 1 s + 3 s)
        assert elapsed < 5, elapsed
    assert len(bad.requests) == n_requests
    assert len(good.requests) == 1

    bad_r, good_r = sorted(_all_receipts(home), key=lambda r: r.id)
    assert bad_r.url == bad.url and good_r.url == good.url
    assert bad_r.status == status and reason in bad_r.error
    assert bad_r.gen_time is None and bad_r.serial is None  # nothing unverified shown as evidence
    assert good_r.status == "verified" and good_r.response and good_r.gen_time
    if status == "pending":
        assert bad_r.response is None
    code, out, _ = run("verify", chapter, "--json")
    v = json.loads(out)
    assert code == 0 and v["ok"] is True and v["tsa"] == good_r.tsa_name
    assert [r["ok"] for r in v["receipts"]] == [False, True]
    code, out, _ = run("ledger", "check")
    assert code == 0, out


@pytest.mark.parametrize("mode", ["flipsig", "untrusted", "http500"])
def test_hostile_tsa_alone_is_not_proof(run, loopback_tsa_factory, chapter, home, mode):
    reason, status, _ = FAULTS[mode]
    bad = loopback_tsa_factory("rsa", mode=mode)
    code, out, err = run("stamp", chapter, "--tsa", bad.url, "--timeout", "1", "--json")
    assert code == (3 if status == "pending" else 1)
    [r] = json.loads(out)[0]["receipts"]
    assert r["status"] == status and reason in r["error"]
    assert run("verify", chapter)[0] == 1


def test_two_syncs_at_once_neither_crashes_nor_loses_the_receipt(loopback_tsa_factory, verifier, home, loopback_pki):
    """The GUI's auto-sync and a `proofkit sync` may complete the same pending receipt; the
    first answer stored stands, the second process carries on."""
    tsa = loopback_tsa_factory("rsa", mode="http500")
    info = find_tsa(tsa.url, [])
    with _ledger(home) as ledger:
        out = Stamper(ledger, verifier, [info], retries=0).stamp(
            work="w", file_name="f", path="f", size=1, hash_alg="sha256", digest=bytes(32))
        assert out.pending
    tsa.mode, tsa.delay = "ok", 0.5  # both syncs read the pending list before either stores
    results, errors = [], []

    def one_sync():
        try:
            with _ledger(home) as ledger:
                v = Verifier(TrustStore.default([str(loopback_pki.root_pem)]))
                results.append(Stamper(ledger, v, []).sync([]))
        except Exception as exc:  # noqa: BLE001 - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=one_sync) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(tsa.requests) == 1 + 2
    assert [a.status for r in results for _, a in r] == ["verified", "verified"]
    [row] = _all_receipts(home)
    assert row.status == "verified" and row.response in tsa.responses
    with _ledger(home) as ledger:
        assert ledger.check() == []
