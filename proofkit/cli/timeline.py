"""Text rendering of the ledger: one block per work, its versions in order, their receipts."""

from __future__ import annotations


def _iso(dt) -> str:
    return dt.strftime("%Y-%m-%d %H:%M:%S UTC") if dt else "-"


def print_log(entries, *, by_work: bool, chunk: int = 500) -> int:
    """``entries``: proofkit.app.browsing.VersionEntry, in the order to show (any iterable,
    printed as it comes, ``chunk`` at a time: `log --all` on a big ledger streams). One block
    per work (works in the order their first draft shown comes), its drafts in order inside:
    drafts of different works stamped in turn do not repeat a work's heading within a chunk.
    Returns how many were printed."""
    n = 0
    buf: list = []
    for e in entries:
        buf.append(e)
        n += 1
        if len(buf) >= chunk:
            _print_blocks(buf, by_work)
            buf = []
    _print_blocks(buf, by_work)
    return n


def _print_blocks(entries, by_work: bool) -> None:
    blocks: dict[int, list] = {}
    for e in entries:
        blocks.setdefault(e.version.work_id, []).append(e)
    for block in blocks.values():
        print(f"\u201c{block[0].version.work_title}\u201d")
        for e in block:
            _print_version(e, by_work)


def _print_version(e, by_work: bool) -> None:
    """One draft: its id, its first verified time (else when it was added), name, digest and
    its receipts by status."""
    v, receipts = e.version, e.receipts
    verified = [r for r in receipts if r.status == "verified"]
    pending = sum(r.status == "pending" for r in receipts)
    failed = sum(r.status == "failed" for r in receipts)
    first = min((r.gen_time for r in verified), default=None)
    state = f"{len(verified)} verified" + (f", {pending} pending" if pending else "") + (
        f", {failed} failed" if failed else "")
    kind = " [folder]" if v.kind == "manifest" else ""
    print(f"  {'│' if by_work else ' '} v{v.number:<4} #{v.id:<5} {_iso(first if first else v.created_at):<24} "
          f"{v.file_name}{kind}  {v.hash_alg}:{v.digest_hex[:16]}…  ({state})")
