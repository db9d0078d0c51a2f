"""RFC 4998 evidence records (core/ers.py) and renewal batches (ledger/evidence.py) against
loopback TSAs under faketime: a receipt stamped in "2019" by a TSA whose certificate expires
at the start of 2021, renewed in "2020", checked in "2030": valid through its evidence
record, not valid without it."""

from __future__ import annotations

import dataclasses
import hashlib
import random
import urllib.request
from datetime import datetime, timezone

import pytest

from proofkit.core import ers
from proofkit.core.registry import find_tsa
from proofkit.core.stamping import Attempt, judge_response
from proofkit.core.tsp import build_request
from proofkit.core.verifier import verifier_for
from proofkit.ledger import Ledger
from proofkit.ledger.evidence import EvidenceStore, RenewalError, check_anchors, head_record


def _utc(*a) -> datetime:
    return datetime(*a, tzinfo=timezone.utc)


# --------------------------------------------------------------------------- the hash tree


@pytest.mark.parametrize("n", list(range(1, 18)) + [100, 257])
def test_every_leaf_leads_to_the_root(n):
    rng = random.Random(n)
    leaves = [rng.randbytes(32) for _ in range(n)]
    levels = ers.build_tree("sha256", leaves)
    root = levels[-1][0]
    for i, leaf in enumerate(leaves):
        red = ers.reduced_tree(levels, i)
        if n == 1:
            assert red is None and root == leaf
            continue
        assert all(len(lst) == (2 if k == 0 else 1) for k, lst in enumerate(red))
        assert ers.root_from_reduced("sha256", leaf, red) == root
        # a leaf that is not in the tree leads nowhere, or to another root
        other = rng.randbytes(32)
        assert ers.root_from_reduced("sha256", other, red) in (None,)
        if len(red) > 1:
            bad = [list(x) for x in red]
            bad[-1][0] = bytes(32)
            assert ers.root_from_reduced("sha256", leaf, bad) != root


def test_equal_leaves_and_subtrees():
    """Two receipts with the same bytes give equal subtrees: each reduced tree still leads to
    the root (a sibling equal to the value computed so far is still added)."""
    leaves = [b"\x07" * 32] * 8 + [b"\x08" * 32]
    levels = ers.build_tree("sha256", leaves)
    for i in range(len(leaves)):
        assert ers.root_from_reduced("sha256", leaves[i], ers.reduced_tree(levels, i)) == levels[-1][0]


def test_node_sorts_its_children():
    a, b = b"\x01" * 32, b"\x02" * 32
    assert ers.node("sha256", [b, a]) == hashlib.sha256(a + b).digest()


# --------------------------------------------------------------------------- the scenario

DIGEST_FILE = "第一章 风起。\nChapter one.\n".encode()


def _post(url: str, digest: bytes, alg: str = "sha256"):
    req = build_request(digest, alg)
    r = urllib.request.Request(url, data=req.der,
                               headers={"Content-Type": "application/timestamp-query"})
    return req, urllib.request.urlopen(r, timeout=30).read()


@pytest.fixture
def verifier(loopback_pki):
    return verifier_for([str(loopback_pki.root_pem)])


@pytest.fixture
def stamped_2019(tmp_path, loopback_tsa_factory, verifier):
    """A ledger with one receipt stamped in 2019 by a TSA whose certificate ends in 2021."""
    tsa = loopback_tsa_factory("y2019", faketime="2019-06-01 12:00:00")
    digest = hashlib.sha256(DIGEST_FILE).digest()
    req, body = _post(tsa.url, digest)
    asked = _utc(2019, 6, 1, 12)  # the request time the receipt records, as the TSA saw it
    a = judge_response(Attempt(find_tsa(tsa.url, []), "pending", requested_at=asked), body, digest,
                       "sha256", req.nonce, verifier, sent_at=asked)
    assert a.status == "verified", a.error
    assert a.verdict.gen_time.year == 2019
    lg = Ledger.open(tmp_path / "home" / "ledger.sqlite3")
    rec = lg.record_stamp(work_title="Novel", file_name="ch1.txt", path="/x/ch1.txt",
                          size=len(DIGEST_FILE), hash_alg="sha256", digest_hex=digest.hex(),
                          receipts=[a.receipt_data("sha256")])
    yield lg, rec.receipt_ids[0], digest, body
    lg.close()


def _tsas(*loopbacks):
    return [dataclasses.replace(find_tsa(t.url, []), name=f"loop{i}")
            for i, t in enumerate(loopbacks)]


def test_stamp_2019_renew_2020_verify_2030(tmp_path, stamped_2019, loopback_tsa_factory,
                                           verifier):
    lg, rid, digest, response = stamped_2019
    r1 = loopback_tsa_factory("rsa", faketime="2020-06-01 12:00:00")
    r2 = loopback_tsa_factory("ec", faketime="2020-06-01 12:00:00")
    store = EvidenceStore(lg, tmp_path / "home" / "evidence")
    rep = store.renew(_tsas(r1, r2), verifier, now=lambda: _utc(2020, 6, 1, 12))
    assert rep.receipts == 1 and len(rep.batches) == 2 and rep.requests == 2
    assert r1.request_count == 1 and r2.request_count == 1  # one request per TSA
    assert rep.head is not None  # the ledger head went into the same batch
    records = store.records_for(("r", rid))
    assert len(records) == 2 and {tuple(t) for t, _ in records} == {("loop0",), ("loop1",)}
    at2030 = _utc(2030, 1, 1)
    # without the evidence record: the TSA's certificate expired in 2021
    bare = ers.long_term_verdict(response, verifier, digest=digest, at=at2030)
    assert not bare.ok and "expired on 2021-01-01" in bare.reason
    # with it: valid, and the earliest time proven is the 2019 stamp
    lt = ers.long_term_verdict(response, verifier, digest=digest,
                               evidence=[der for _, der in records], at=at2030)
    assert lt.ok, lt.reason
    assert lt.earliest.year == 2019 and "2020-06-01" in lt.via
    # each record alone is enough
    for _, der in records:
        assert ers.long_term_verdict(response, verifier, digest=digest, evidence=[der],
                                     at=at2030).ok
    # in 2020 itself the receipt needs no record
    assert ers.long_term_verdict(response, verifier, digest=digest, at=_utc(2020, 7, 1)).ok
    # a record does not vouch for another receipt's bytes
    other = ers.long_term_verdict(response + b"", verifier, digest=digest, evidence=[],
                                  at=at2030)
    assert not other.ok
    base = ers.Step("receipt", "x", _utc(2019, 6, 1), _utc(2021, 1, 1))
    changed = response[:-1] + bytes([response[-1] ^ 1])  # (a fixed last byte was flaky: 1 in 256)
    wrong = ers.verify_evidence_record(records[0][1], changed, verifier, protects=base, at=at2030)
    assert not wrong.ok and "does not contain" in wrong.reason


def test_nothing_due_asks_nobody(tmp_path, stamped_2019, loopback_tsa_factory, verifier):
    lg, rid, digest, response = stamped_2019
    r1 = loopback_tsa_factory("rsa", faketime="2018-01-01 12:00:00")
    store = EvidenceStore(lg, tmp_path / "ev")
    # in 2018 the 2019 receipt... is not due if its certificate has > 2 years left
    rep = store.renew(_tsas(r1), verifier, now=lambda: _utc(2018, 1, 1, 12),
                      anchor_head=False)
    assert rep.nothing_due and r1.request_count == 0


def test_renewal_too_late_is_refused(tmp_path, stamped_2019, loopback_tsa_factory, verifier):
    lg, rid, digest, response = stamped_2019
    late = loopback_tsa_factory("rsa", faketime="2022-03-01 12:00:00")
    store = EvidenceStore(lg, tmp_path / "ev")
    store.renew(_tsas(late), verifier, now=lambda: _utc(2022, 3, 1, 12))
    (_, der), = store.records_for(("r", rid))
    lt = ers.long_term_verdict(response, verifier, digest=digest, evidence=[der],
                               at=_utc(2030, 1, 1))
    assert not lt.ok and "too late" in lt.reason


def test_time_stamp_renewal_extends_the_chain(tmp_path, stamped_2019, loopback_tsa_factory,
                                              verifier, loopback_pki):
    """A line renewed again (its own TSA stamps the hash of the previous ATS's timeStamp):
    one ATS more in the chain, still one request per TSA."""
    lg, rid, digest, response = stamped_2019
    store = EvidenceStore(lg, tmp_path / "ev")
    r2020 = loopback_tsa_factory("rsa", faketime="2020-06-01 12:00:00")
    store.renew(_tsas(r2020), verifier, now=lambda: _utc(2020, 6, 1, 12))
    r2027 = loopback_tsa_factory("rsa", faketime="2027-06-01 12:00:00")
    tsa = _tsas(r2027)
    rep = store.renew(tsa, verifier, mode="all", now=lambda: _utc(2027, 6, 1, 12))
    assert rep.renewed_batches == 1 and rep.receipts == 0 and r2027.request_count == 1
    (names, der), = store.records_for(("r", rid))
    assert names == ["loop0", "loop0"]
    lt = ers.long_term_verdict(response, verifier, digest=digest, evidence=[der],
                               at=_utc(2030, 1, 1))
    assert lt.ok and lt.via.count("→") == 2 and "2027-06-01" in lt.via
    # the DER has one chain of two ATSs
    from pyasn1.codec.der import decoder
    from pyasn1_alt_modules import rfc4998

    er, _ = decoder.decode(der, asn1Spec=rfc4998.EvidenceRecord())
    assert len(er["archiveTimeStampSequence"]) == 1
    assert len(er["archiveTimeStampSequence"][0]) == 2


def test_hash_tree_renewal(stamped_2019, loopback_tsa_factory, verifier):
    """A new chain with a stronger algorithm over the data and the whole previous sequence
    (RFC 4998 5.2), checked by the same verifier."""
    lg, rid, digest, response = stamped_2019
    r2020 = loopback_tsa_factory("rsa", faketime="2020-06-01 12:00:00")
    leaf = ers.H("sha256", response)
    other = hashlib.sha256(b"another receipt").digest()
    levels = ers.build_tree("sha256", [leaf, other])
    st, = ers.stamp_root(_tsas(r2020), levels[-1][0], "sha256", verifier,
                         now=lambda: _utc(2020, 6, 1, 12))
    assert st.ok, st.error
    chain1 = [ers.archive_time_stamp("sha256", st.token, ers.reduced_tree(levels, 0))]
    r2024 = loopback_tsa_factory("ec", faketime="2024-06-01 12:00:00")
    new_leaf = ers.hash_tree_renewal_leaf("sha512", response, [chain1])
    levels2 = ers.build_tree("sha512", [hashlib.sha512(b"x").digest(), new_leaf])
    st2, = ers.stamp_root(_tsas(r2024), levels2[-1][0], "sha512", verifier,
                          now=lambda: _utc(2024, 6, 1, 12))
    assert st2.ok, st2.error
    chain2 = [ers.archive_time_stamp("sha512", st2.token, ers.reduced_tree(levels2, 1))]
    der = ers.evidence_record([chain1, chain2], ["sha256", "sha512"])
    lt = ers.long_term_verdict(response, verifier, digest=digest, evidence=[der],
                               at=_utc(2030, 1, 1))
    assert lt.ok, lt.reason
    assert "hash-tree renewal" in lt.via
    # the new chain must cover the previous sequence: dropping chain 1 breaks it
    alone = ers.evidence_record([chain2], ["sha512"])
    assert not ers.long_term_verdict(response, verifier, digest=digest, evidence=[alone],
                                     at=_utc(2030, 1, 1)).ok


def test_tampered_record_is_refused(tmp_path, stamped_2019, loopback_tsa_factory, verifier):
    lg, rid, digest, response = stamped_2019
    r1 = loopback_tsa_factory("rsa", faketime="2020-06-01 12:00:00")
    store = EvidenceStore(lg, tmp_path / "ev")
    store.renew(_tsas(r1), verifier, now=lambda: _utc(2020, 6, 1, 12))
    (_, der), = store.records_for(("r", rid))
    at = _utc(2030, 1, 1)
    for pos in (len(der) // 3, len(der) // 2, len(der) - 20):
        bad = bytearray(der)
        bad[pos] ^= 0x01
        assert not ers.long_term_verdict(response, verifier, digest=digest,
                                         evidence=[bytes(bad)], at=at).ok
    assert not ers.long_term_verdict(response, verifier, digest=digest,
                                     evidence=[b"\x30\x03\x02\x01\x01"], at=at).ok


def test_no_tsa_answers(tmp_path, stamped_2019, loopback_tsa_factory, verifier):
    lg, rid, digest, response = stamped_2019
    down = loopback_tsa_factory("rsa", mode="http500")
    store = EvidenceStore(lg, tmp_path / "ev")
    with pytest.raises(RenewalError, match="nothing was changed"):
        store.renew(_tsas(down), verifier, mode="all", now=lambda: datetime.now(timezone.utc))
    assert store.batches() == []


def test_ledger_anchor_catches_a_cut_tail(tmp_path, stamped_2019, loopback_tsa, verifier):
    lg, rid, digest, response = stamped_2019
    store = EvidenceStore(lg, tmp_path / "ev")
    rep = store.renew(_tsas(loopback_tsa), verifier, mode="all")
    seq, h = rep.head
    assert check_anchors(lg, store) == []
    # the anchored head's own record verifies as an evidence record of its text
    (_, der), = store.records_for(("h", seq, h))
    assert ers.verify_evidence_record(der, head_record(seq, h), verifier, protects=None).ok
    assert not ers.verify_evidence_record(der, head_record(seq, "0" * 64), verifier,
                                          protects=None).ok
    # at most once a day: an immediate second renewal does not anchor again
    assert store.renew(_tsas(loopback_tsa), verifier).head is None
    # cut the tail behind ProofKit's back (triggers dropped, as a determined person would)
    import sqlite3

    con = sqlite3.connect(lg.path)
    con.execute("DROP TRIGGER guard_events_no_delete")
    con.execute("DELETE FROM events WHERE seq >= ?", (seq,))
    con.commit()
    con.close()
    problems = check_anchors(lg, store)
    assert problems and "tail was cut" in problems[0]
