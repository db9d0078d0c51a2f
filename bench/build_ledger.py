"""Build a large, *valid* ledger fast: real stamps first, then a bulk path that copies them.

1. ``SEED`` real stamps (two loopback TSAs from tests/loopback_tsa.py, the real `proofkit
   stamp` command): real tokens, real check texts, real events (receipt added pending, then
   updated to verified), real certificates.
2. The bulk path: version after version copied from those seeds, each a new version (new id,
   its own work among ``WORKS``, a creation time spread over ten years) with copies of the
   seed's receipts (the same token bytes: they stay valid for the same digest and nonce, so
   `ledger check --deep` re-verifies them for real), and the events a stamp writes for them,
   chained and hashed with the ledger's own code (chain.py) and packed with its own packer
   (packing.py). Written with plain sqlite3 in large transactions, no fsync per stamp.
   Each copy gets a digest of its own (so looking a file up finds one version, as in a real
   ledger), which its copied tokens do not match: `--deep` reports those. With
   ``--verifiable-copies`` the copies keep the seed's digest and every token verifies (for
   timing --deep), but a seed's file is then found in thousands of versions.

The result passes `proofkit ledger check` like a ledger grown stamp by stamp.

    .venv/bin/python bench/build_ledger.py RECEIPTS HOME        # e.g. 1000000 /tmp/l1m
    .venv/bin/python bench/build_ledger.py 100000 /tmp/l100k --receipts-per-version 3

HOME gets ledger.sqlite3, the test PKI (pki/root.pem: pass it with --trust for --deep) and
a settings file; stdout ends with one JSON line (build time, file size, bytes a receipt).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from proofkit.ledger import chain, packing  # noqa: E402

SEED = 12
WORKS = 300
SPAN = timedelta(days=3650)
BATCH = 20_000  # versions per transaction


def db_time(dt: datetime) -> str:
    """A DATETIME as the ORM stores it (naive UTC text, microseconds)."""
    return dt.astimezone(timezone.utc).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def seed(home: Path) -> None:
    """SEED real stamps through the CLI against two loopback TSAs."""
    from loopback_tsa import LoopbackTSA, TestPKI

    pki = TestPKI(home / "pki")
    tsas = [LoopbackTSA(pki, "rsa").start(), LoopbackTSA(pki, "rsa").start()]
    try:
        files = home / "seed-files"
        files.mkdir(parents=True, exist_ok=True)
        base = [sys.executable, "-m", "proofkit.cli.main", "--home", str(home),
                "--trust", str(pki.root_pem)]
        for i in range(SEED):
            f = files / f"chapter-{i:02d}.txt"
            f.write_text(f"Chapter {i}\n" + "words " * (50 + i), encoding="utf-8")
            cmd = base + ["stamp", str(f), "--work", "Seed"]
            for t in tsas:
                cmd += ["--tsa", t.url]
            subprocess.run(cmd, check=True, capture_output=True)
    finally:
        for t in tsas:
            t.close()


def bulk(db: Path, receipts_wanted: int, per_version: int, verifiable: bool = False) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-200000")
    conn.row_factory = sqlite3.Row
    seeds = conn.execute("SELECT * FROM versions ORDER BY id").fetchall()
    now = db_time(datetime.now(timezone.utc))
    dicts = packing.SqlDictionaries(conn, now)
    packer = packing.Packer(dicts)
    seed_receipts: dict[int, list[dict]] = {}
    for r in conn.execute("SELECT * FROM receipts WHERE status = 'verified' ORDER BY id"):
        row = dict(r)
        raw = dict(row)
        if row["response_packed"]:
            raw["response"] = packing.unpack(row["response"], dicts)
        raw["checks_json"] = packing.unpack_text(row["checks_json"], dicts)
        seed_receipts.setdefault(row["version_id"], []).append((row, raw))
    seeds = [v for v in seeds if v["id"] in seed_receipts]
    have = conn.execute("SELECT count(*) FROM receipts").fetchone()[0]
    n_versions = max(0, (receipts_wanted - have + per_version - 1) // per_version)
    head = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = head["seq"], head["hash"]
    start = datetime.now(timezone.utc) - SPAN
    vid = conn.execute("SELECT max(id) FROM versions").fetchone()[0]
    rid = conn.execute("SELECT max(id) FROM receipts").fetchone()[0]

    def event(kind: str, entity: str, state: SimpleNamespace, at: str) -> tuple:
        nonlocal seq, prev
        seq += 1
        payload = chain.payload_of(entity, state)
        h = chain.event_hash(seq=seq, at=datetime.fromisoformat(at), kind=kind, entity=entity,
                             entity_id=state.id, prev_hash=prev, payload=payload)
        row = (seq, at, kind, entity, state.id,
               packer.pack_text(packing.payload_family(entity), payload), prev, h)
        prev = h
        return row

    conn.execute("BEGIN")
    # the works the copies belong to
    works = []
    for w in range(WORKS):
        at = db_time(start + timedelta(seconds=w))
        cur = conn.execute("INSERT INTO works (title, pen_name, created_at) VALUES (?, ?, ?)",
                           (f"Work {w:04d}", None, at))
        state = SimpleNamespace(id=cur.lastrowid, title=f"Work {w:04d}", pen_name=None,
                                created_at=datetime.fromisoformat(at))
        works.append(state.id)
        conn.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     event("work.created", "work", state, at))
    work_ids = works
    numbers: dict[int, int] = {}
    for i in range(n_versions):
        src = seeds[i % len(seeds)]
        vid += 1
        created = start + SPAN * (i / max(1, n_versions)) + timedelta(seconds=WORKS)
        at = db_time(created)
        v = dict(src)
        v.update(id=vid, work_id=work_ids[i % len(work_ids)], created_at=at)
        if not verifiable:
            # a digest of its own, as real versions have: a lookup finds one version, not
            # every copy of a seed (the copied tokens then do not match it: --deep fails them)
            v["digest_hex"] = hashlib.sha256(f"bulk version {vid}".encode()).hexdigest()
        numbers[v["work_id"]] = number = numbers.get(v["work_id"], 0) + 1
        conn.execute("INSERT INTO versions (id, work_id, kind, file_name, path, size, hash_alg, "
                     "digest_hex, manifest_text, created_at, number) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (vid, v["work_id"], v["kind"], v["file_name"], v["path"], v["size"],
                      v["hash_alg"], v["digest_hex"], v["manifest_text"], at, number))
        vstate = SimpleNamespace(**{**v, "created_at": created})
        events = [event("version.added", "version", vstate, at)]
        pairs = seed_receipts[src["id"]]
        for k in range(per_version):
            row, raw = pairs[k % len(pairs)]
            rid += 1
            stored = dict(row, id=rid, version_id=vid)
            conn.execute(f"INSERT INTO receipts ({', '.join(stored)}) VALUES "
                         f"({', '.join('?' * len(stored))})", tuple(stored.values()))
            final = SimpleNamespace(**{**raw, "id": rid, "version_id": vid})
            for name in ("gen_time", "checked_at", "requested_at"):
                value = getattr(final, name)
                setattr(final, name, None if value is None else datetime.fromisoformat(value))
            pending = SimpleNamespace(**{**vars(final), "status": "pending", "response": None,
                                         "gen_time": None, "serial": None, "policy": None,
                                         "anchor": None, "checks_json": "[]",
                                         "checked_at": None, "attempts": 0})
            events.append(event("receipt.added", "receipt", pending, at))
            events.append(event("receipt.updated", "receipt", final, at))
        conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)", events)
        if (i + 1) % BATCH == 0:
            conn.execute("COMMIT")
            conn.execute("BEGIN")
            print(f"  {i + 1}/{n_versions} versions", file=sys.stderr, flush=True)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("receipts", type=int)
    ap.add_argument("home", type=Path)
    ap.add_argument("--receipts-per-version", type=int, default=3)
    ap.add_argument("--verifiable-copies", action="store_true",
                    help="copies keep their seed's digest, so --deep re-verifies every token "
                         "(but a lookup of a seed's file then finds thousands of versions)")
    a = ap.parse_args()
    home = a.home
    if (home / "ledger.sqlite3").exists():
        sys.exit(f"{home / 'ledger.sqlite3'} exists; give a new folder")
    home.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    seed(home)
    t1 = time.perf_counter()
    db = home / "ledger.sqlite3"
    bulk(db, a.receipts, a.receipts_per_version, a.verifiable_copies)
    t2 = time.perf_counter()
    conn = sqlite3.connect(db)
    n = conn.execute("SELECT count(*) FROM receipts").fetchone()[0]
    events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    size = db.stat().st_size
    print(json.dumps({"receipts": n, "events": events, "seed_s": round(t1 - t0, 1),
                      "bulk_s": round(t2 - t1, 1), "bytes": size,
                      "bytes_per_receipt": round(size / max(1, n)),
                      "trust": str(home / "pki" / "root.pem")}))


if __name__ == "__main__":
    main()
