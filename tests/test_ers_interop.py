"""Interoperability: ProofKit's RFC 4998 evidence records read by an independent
implementation, Bouncy Castle's ERS classes (Debian's libbcpkix-java), through the small
program tests/interop/ErsCheck.java. Skipped when Java or the jars are not installed."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from proofkit.core.registry import find_tsa
from proofkit.core.verifier import verifier_for
from proofkit.ledger import Ledger
from proofkit.ledger.evidence import EvidenceStore

JARS = [Path("/usr/share/java") / f"{n}.jar" for n in ("bcprov", "bcpkix", "bcutil")]
PROGRAM = Path(__file__).resolve().parent / "interop" / "ErsCheck.java"

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None or not all(j.exists() for j in JARS),
    reason="Bouncy Castle interop needs java and libbcpkix-java (apt-get install default-jre-headless "
           "libbcpkix-java)")


def _bc(pairs: list[tuple[Path, Path]]) -> list[str]:
    """BC's verdict on each (record, data) pair, in one JVM."""
    args = [str(p) for pair in pairs for p in pair]
    res = subprocess.run(["java", "-cp", ":".join(map(str, JARS)), str(PROGRAM), str(int(time.time()) + 60),
                          *args], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    return res.stdout.splitlines()


def test_bouncy_castle_reads_our_evidence_records(tmp_path, loopback_pki, loopback_tsa_factory, capsys):
    from proofkit.cli.main import main

    home = tmp_path / "home"
    stamp_tsa = loopback_tsa_factory("rsa")
    files = []
    for i in range(5):  # several receipts: reduced trees of several levels, an odd leaf carried up
        f = tmp_path / f"ch{i}.txt"
        f.write_text(f"chapter {i}\n", encoding="utf-8")
        files.append(f)
    assert main(["--home", str(home), "--trust", str(loopback_pki.root_pem), "stamp", *map(str, files),
                 "--tsa", stamp_tsa.url]) == 0
    verifier = verifier_for([str(loopback_pki.root_pem)])
    a, b = loopback_tsa_factory("rsa"), loopback_tsa_factory("ec")
    tsas = [dataclasses.replace(find_tsa(t.url, []), name=n) for t, n in ((a, "A"), (b, "B"))]
    with Ledger.open(home / "ledger.sqlite3") as lg:
        store = EvidenceStore(lg, home / "evidence")
        store.renew(tsas, verifier, mode="all")
        store.renew(tsas, verifier, mode="all")  # time-stamp renewal: chains of two ATSs
        responses = lg.responses(range(1, 6))
        records = {rid: store.records_for(("r", rid)) for rid in (1, 3, 5)}
    pairs = []
    for rid in (1, 3, 5):
        data = tmp_path / f"r{rid}.tsr"
        data.write_bytes(responses[rid])
        for k, (_tsas, der) in enumerate(records[rid]):
            rec = tmp_path / f"r{rid}.{k}.ers"
            rec.write_bytes(der)
            pairs.append((rec, data))
    assert len(pairs) == 6
    # and BC refuses a record for other bytes: a receipt that is not r1's sibling in the tree
    # (a sibling's hash is in r1's first list, so r1's record proves it too, by RFC 4998 4.3)
    other = tmp_path / "other.tsr"
    other.write_bytes(responses[4])
    lines = _bc(pairs + [(tmp_path / "r1.0.ers", other)])
    assert lines[:6] == ["OK 2 archive time-stamp(s)"] * 6, lines
    assert lines[6].startswith("FAIL"), lines


def test_bouncy_castle_reads_our_hash_tree_renewals(tmp_path, loopback_pki, loopback_tsa_factory, capsys):
    """A hash-tree renewal (RFC 4998 5.2: a new SHA-512 chain over the data and the earlier
    ArchiveTimeStampSequence), as `renew --hash-tree sha512` makes it, read by Bouncy Castle."""
    from proofkit.cli.main import main

    home = tmp_path / "home"
    stamp_tsa = loopback_tsa_factory("rsa")
    files = []
    for i in range(3):
        f = tmp_path / f"ch{i}.txt"
        f.write_text(f"chapter {i}\n", encoding="utf-8")
        files.append(f)
    assert main(["--home", str(home), "--trust", str(loopback_pki.root_pem), "stamp", *map(str, files),
                 "--tsa", stamp_tsa.url]) == 0
    verifier = verifier_for([str(loopback_pki.root_pem)])
    a = loopback_tsa_factory("ec")
    tsas = [dataclasses.replace(find_tsa(a.url, []), name="A")]
    with Ledger.open(home / "ledger.sqlite3") as lg:
        store = EvidenceStore(lg, home / "evidence")
        store.renew(tsas, verifier, mode="all")
        rep = store.renew(tsas, verifier, hash_tree="sha512")
        assert rep.hash_tree == 3 and rep.alg == "sha512"
        responses = lg.responses(range(1, 4))
        records = {rid: store.records_for(("r", rid)) for rid in (1, 2, 3)}
    pairs = []
    for rid in (1, 2, 3):
        data = tmp_path / f"r{rid}.tsr"
        data.write_bytes(responses[rid])
        (_names, der), = records[rid]
        rec = tmp_path / f"r{rid}.ers"
        rec.write_bytes(der)
        pairs.append((rec, data))
    lines = _bc(pairs + [(tmp_path / "r1.ers", tmp_path / "r2.tsr")])
    assert lines[:3] == ["OK 2 archive time-stamp(s)"] * 3, lines
    assert lines[3].startswith("FAIL"), lines
