"""Issue 12, class 1: what was refused when it arrived stays refused on every path, and the
time a receipt was asked for is part of what is checked, always (core/recheck.recheck_stored
and the verifier's gen_time check). Real loopback TSAs whose clocks are wrong (faketime),
a real ledger, the real command line."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime, timedelta, timezone

import pytest



@pytest.fixture
def chapter(tmp_path):
    p = tmp_path / "chapter-7.txt"
    p.write_text("Chapter seven: the river.\n", encoding="utf-8")
    return p


def _faketime(delta: timedelta) -> str:
    return (datetime.now(timezone.utc) + delta).strftime("%Y-%m-%d %H:%M:%S")


def _never_valid(out: str) -> bool:
    return ": VALID" not in out and "NOT VALID" in out


def test_a_backdating_tsa_is_refused_at_stamp_and_on_every_later_path(run, loopback_tsa_factory, chapter, tmp_path):
    """A TSA whose clock is 30 days back (backdating fakes priority): stamp refuses the answer;
    verify FILE (text and --json), ledger check --deep and export never call it proof."""
    tsa = loopback_tsa_factory("rsa", faketime=_faketime(-timedelta(days=30)))
    code, out, _ = run("stamp", chapter, "--tsa", tsa.url, "--json")
    r = json.loads(out)[0]["receipts"][0]
    assert code == 1 and r["status"] == "failed" and r["error"].startswith("gen_time:")
    code, out, _ = run("verify", chapter)
    assert code == 1 and _never_valid(out) and "gen_time" in out
    code, out, _ = run("verify", chapter, "--json")
    v = json.loads(out)
    assert code == 1 and v["ok"] is False and v["receipts"][0]["ok"] is False
    code, _, err = run("export", chapter.stem, "-o", tmp_path / "b.zip")
    assert code == 1 and not (tmp_path / "b.zip").exists()


def _store_as_verified_by_an_old_version(home, chapter, token: bytes, requested_at: datetime) -> None:
    """What an older ProofKit (before the clock check) could have stored: the backdated answer
    recorded as verified. The ledger's own rules allow it (a verified receipt with its token)."""
    from proofkit.core.hashing import hash_file
    from proofkit.core.records import ReceiptData
    from proofkit.ledger import Ledger

    [path] = list(home.rglob("ledger.sqlite3"))
    d = hash_file(chapter)
    lg = Ledger.open(path)
    try:
        lg.record_stamp(work_title="Old stamps", file_name=chapter.name, path=str(chapter), size=chapter.stat().st_size,
                        hash_alg="sha256", digest_hex=d.hex, receipts=[ReceiptData(
                            tsa_name="Backdating TSA", url="http://127.0.0.1:9/", requested_at=requested_at,
                            hash_alg="sha256", status="verified", response=token,
                            gen_time=requested_at - timedelta(days=30), checked_at=requested_at)])
    finally:
        lg.close()


def test_a_receipt_stored_verified_without_the_clock_check_is_not_valid(run, loopback_tsa_factory, chapter, tmp_path, home):
    """A receipt stored as verified whose genTime is 30 days before its request time (what an
    older version kept): every path re-checks it with the request time and refuses it."""
    import urllib.request

    from proofkit.core.hashing import hash_file
    from proofkit.core.tsp import build_request

    other = tmp_path / "other.txt"
    other.write_text("something else\n")
    good = loopback_tsa_factory("rsa")
    assert run("stamp", other, "--tsa", good.url)[0] == 0  # creates the ledger
    tsa = loopback_tsa_factory("rsa", faketime=_faketime(-timedelta(days=30)))
    req = build_request(hash_file(chapter).digest)
    post = urllib.request.Request(tsa.url, data=req.der, headers={"Content-Type": "application/timestamp-query"})
    token = urllib.request.urlopen(post, timeout=30).read()
    _store_as_verified_by_an_old_version(home, chapter, token, datetime.now(timezone.utc))

    code, out, _ = run("verify", chapter)
    assert code == 1 and _never_valid(out) and "gen_time" in out, out
    code, out, _ = run("verify", chapter, "--json")
    assert code == 1 and json.loads(out)["ok"] is False
    code, out, err = run("ledger", "check", "--deep")
    assert code != 0 and "gen_time" in out + err
    code, _, err = run("export", "Old stamps", "-o", tmp_path / "b.zip")
    assert code == 1 and "gen_time" in err
    # The same token verified on its own (no request time known) is a genuine token.
    code, out, _ = run("verify", chapter, "--token", _write(tmp_path / "t.tsr", token))
    assert code == 0 and ": VALID" in out


def _write(p, data: bytes):
    p.write_bytes(data)
    return p


def test_a_tsa_dating_stamps_in_the_future_is_refused_on_every_path(run, loopback_tsa_factory, chapter, tmp_path):
    """A token dated two days ahead: refused at stamp, and on its own (verify --token) too."""
    import urllib.request

    from proofkit.core.hashing import hash_file
    from proofkit.core.tsp import build_request

    tsa = loopback_tsa_factory("rsa", faketime=_faketime(timedelta(days=2)))
    code, out, _ = run("stamp", chapter, "--tsa", tsa.url, "--json")
    assert code == 1 and json.loads(out)[0]["receipts"][0]["error"].startswith("gen_time:")
    code, out, _ = run("verify", chapter)
    assert code == 1 and _never_valid(out)
    req = build_request(hash_file(chapter).digest)
    post = urllib.request.Request(tsa.url, data=req.der, headers={"Content-Type": "application/timestamp-query"})
    token = _write(tmp_path / "future.tsr", urllib.request.urlopen(post, timeout=30).read())
    code, out, _ = run("verify", chapter, "--token", token, "--json")
    v = json.loads(out)
    assert code == 1 and [c["name"] for c in v["checks"] if not c["ok"]] == ["gen_time"]


def _rewrite_manifest(src, dst, edit) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "manifest.json":
                doc = json.loads(data)
                edit(doc)
                data = json.dumps(doc).encode()
            zout.writestr(info, data)


def test_bundles_carry_the_request_time_and_old_bundles_still_verify(run, loopback_tsa, chapter, tmp_path):
    assert run("stamp", chapter, "--tsa", loopback_tsa.url)[0] == 0
    bundle = tmp_path / "b.zip"
    code, _, err = run("export", chapter.stem, "-o", bundle)
    assert code == 0, err
    with zipfile.ZipFile(bundle) as z:
        [r] = json.loads(z.read("manifest.json"))["receipts"]
    assert r["requested_at"].endswith("Z") and r["answered_at"].endswith("Z")
    code, out, _ = run("verify", bundle, "--json")
    rr = json.loads(out)["receipts"][0]
    assert code == 0 and any(c["name"] == "gen_time" and c["ok"] for c in rr["checks"])
    assert rr["not_after"] >= rr["gen_time"] and "accuracy_s" in rr

    def old(doc):  # a bundle from before the request time was recorded
        for r in doc["receipts"]:
            del r["requested_at"], r["answered_at"]

    _rewrite_manifest(bundle, tmp_path / "old.zip", old)
    assert run("verify", tmp_path / "old.zip")[0] == 0

    def later(doc):  # the receipt claims it was asked for 60 days after its genTime
        for r in doc["receipts"]:
            t = datetime.fromisoformat(r["requested_at"][:-1]) + timedelta(days=60)
            r["requested_at"] = r["answered_at"] = t.strftime("%Y-%m-%dT%H:%M:%SZ")

    _rewrite_manifest(bundle, tmp_path / "later.zip", later)
    code, out, _ = run("verify", tmp_path / "later.zip")
    assert code == 1 and "gen_time" in out
