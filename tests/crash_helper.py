"""Child processes for the crash tests (run as ``python tests/crash_helper.py MODE ...``).

``writer LEDGER SECONDS``: keeps writing stamps into LEDGER the way ``Stamper.stamp`` does
(one transaction with the version and its pending receipts, then one per receipt outcome)
until SECONDS have passed, then prints how many stamps it wrote. No network: the point is a
second process writing while the test process backs the ledger up.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime, timezone


def writer(ledger_path: str, seconds: float) -> int:
    from proofkit.ledger import Ledger, ReceiptData

    def receipt(status: str, n: int, **kw) -> ReceiptData:
        return ReceiptData(tsa_name=f"tsa{n}", url=f"http://127.0.0.1:{n}/tsa", nonce=None, response=None,
                           status=status, error=kw.get("error"), gen_time=None, serial=None, policy=None,
                           hash_alg="sha256", anchor=None, checks=[], checked_at=None,
                           requested_at=kw["requested_at"], attempts=kw.get("attempts", 0))

    stamps = 0
    deadline = time.monotonic() + seconds
    with Ledger.open(ledger_path) as ledger:
        print("ready", flush=True)
        while time.monotonic() < deadline:
            now = datetime.now(timezone.utc)
            rec = ledger.record_stamp(
                work_title=f"Work {stamps % 3}", file_name=f"chapter-{stamps}.txt", path=f"/w/chapter-{stamps}.txt",
                size=stamps, hash_alg="sha256", digest_hex=os.urandom(32).hex(),
                receipts=[receipt("pending", n, requested_at=now) for n in (1, 2)])
            for n, rid in zip((1, 2), rec.receipt_ids):
                ledger.update_receipt(rid, receipt("failed", n, requested_at=now, attempts=1,
                                                   error="refused to time-stamp (test writer)"))
            stamps += 1
    print(stamps, flush=True)
    return 0


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    if mode == "writer":
        sys.exit(writer(rest[0], float(rest[1])))
    sys.exit(f"unknown mode {mode!r}")
