"""Text rendering of the ledger: one block per work, its versions in order, their receipts."""

from __future__ import annotations


def _iso(dt) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S UTC") if dt else "-"


def print_log(entries, *, by_work: bool) -> None:
    """``entries``: proofkit.app.browsing.VersionEntry, in ledger order."""
    current = None
    for e in entries:
        v, receipts = e.version, e.receipts
        if v.work_title != current:
            current = v.work_title
            print(f"\u201c{current}\u201d")
        verified = [r for r in receipts if r.status == "verified"]
        pending = sum(r.status == "pending" for r in receipts)
        failed = sum(r.status == "failed" for r in receipts)
        first = min((r.gen_time for r in verified), default=None)
        state = f"{len(verified)} verified" + (f", {pending} pending" if pending else "") + (
            f", {failed} failed" if failed else "")
        kind = " [folder]" if v.kind == "manifest" else ""
        print(f"  {'│' if by_work else ' '} v{v.number:<4} #{v.id:<5} {_iso(first if first else v.created_at):<24} "
              f"{v.file_name}{kind}  {v.hash_alg}:{v.digest_hex[:16]}…  ({state})")
