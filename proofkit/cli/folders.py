"""Folder stamps (one manifest, one request per TSA), finding a file inside a stamped folder,
and watch mode (the EMS-to-yourself habit, done every day)."""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..core import manifest as mf
from ..core.files import atomic_write
from ..core.errors import EXIT_FAILED, EXIT_OK, EXIT_UNREACHABLE, InputError
from .progress import ProgressBar


def stamp_manifest(stamper, folder: Path, m: mf.Manifest):
    text = m.text
    data = text.encode("utf-8")
    return stamper.stamp(work=m.work, file_name=folder.name or str(folder), path=str(folder),
                         size=len(data), hash_alg="sha256", digest=hashlib.sha256(data).digest(),
                         kind="manifest", manifest_text=text)


def stamp_folders(args, paths: list[Path]) -> int:
    """``proofkit stamp`` with folders among PATHs: each folder is one manifest stamp; plain
    files given alongside are stamped one by one, as usual."""
    from .commands import _Prepared, _print_json, _timeout, _tsas, version_json

    if args.alg != "sha256":
        raise InputError("Folder manifests use sha256 (the format sha256sum -c reads); drop --hash.")
    files = [p for p in paths if not p.is_dir()]
    if files:
        raise InputError("Give either folders or files in one stamp, not both.")
    timeout, tsas = _timeout(args), _tsas(args)
    prepared = _Prepared(args)
    manifests = []
    try:
        for folder in paths:
            bar = ProgressBar(f"hashing {folder.name}")
            try:
                m, _ = mf.build(folder, args.work or folder.resolve().name, progress=bar.update,
                                while_large=prepared)
            finally:
                bar.close()
            manifests.append((folder, m))
    except BaseException:
        prepared.discard()
        raise
    ledger, verifier = prepared.result()
    from ..core.stamping import Stamper  # imported by the preparing thread meanwhile

    try:
        stamper = Stamper(ledger, verifier, tsas, timeout=timeout)
        out, codes = [], []
        for folder, m in manifests:
            outcome = stamp_manifest(stamper, folder, m)
            v = ledger.get_version(outcome.version_id)
            receipts = [ledger.get_receipt(i) for i in outcome.receipt_ids]
            obj = version_json(v, receipts)
            obj["files"] = len(m.entries)
            out.append(obj)
            codes.append(EXIT_OK if outcome.verified else EXIT_UNREACHABLE if outcome.pending else EXIT_FAILED)
            if not args.json:
                ok = sum(r.status == "verified" for r in receipts)
                print(f"{folder}: {len(m.entries)} files in one manifest (sha256 {v.digest_hex}); "
                      f"{ok}/{len(receipts)} TSAs verified; version {v.id} of \u201c{v.work_title}\u201d")
                for r in receipts:
                    if r.status != "verified":
                        print(f"  {r.tsa_name}: {r.status}: {r.error}", file=sys.stderr)
        if args.json:
            _print_json(out)
        return max(codes) if codes else EXIT_OK
    finally:
        ledger.close()


def find_in_manifests(ledger, d, verifier):
    """Receipts of folder stamps whose manifest lists this file's digest, each verified over
    the manifest. Returns [(receipt_row, verdict)], the verdict's imprint check covering the
    manifest and an extra check naming the line that lists the file."""
    from ..core.verifier import Check

    hits = []
    for version, rel in ledger.manifest_entries_for_digest(d.hex):
        data = (version.manifest_text or "").encode("utf-8")
        listed = any(e.digest_hex == d.hex for e in mf.parse(version.manifest_text or "").entries)
        for r in ledger.receipts(version_id=version.id):
            if r.status == "pending" or not r.response:
                hits.append((r, None))
                continue
            v = verifier.verify(r.response, digest=hashlib.sha256(data).digest(), digest_alg="sha256",
                                nonce=r.nonce)
            v.checks.append(Check("manifest_entry", listed,
                                  f"The file is listed as \u201c{rel}\u201d in the stamped folder manifest of "
                                  f"\u201c{version.file_name}\u201d (version {version.id})." if listed else
                                  "The manifest does not list this file."))
            hits.append((r, v))
    return hits


# ---------------------------------------------------------------- watch
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def parse_interval(text: str) -> timedelta:
    m = _INTERVAL.match(text or "")
    if not m:
        raise InputError(f"'{text}' is not an interval; use e.g. 30m, 1h or 1d.")
    value, unit = float(m.group(1)), m.group(2) or "s"
    seconds = value * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]
    if seconds < 1:
        raise InputError("The interval must be at least one second.")
    return timedelta(seconds=seconds)


class WatchState:
    """What a watch remembers between runs: digests of files by (size, mtime), so unchanged
    files are not read again. The last stamp itself is read from the ledger, the source of truth."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.known = {k: tuple(v) for k, v in json.loads(path.read_text("utf-8")).get("known", {}).items()}
        except (OSError, ValueError, AttributeError):
            self.known = {}

    def save(self, digests, base: Path) -> None:
        known = {d.path.relative_to(base).as_posix(): [d.size, d.mtime_ns, d.hex] for d in digests}
        with atomic_write(self.path, prefix=".watch-") as f:
            f.write(json.dumps({"known": known}).encode("utf-8"))
        self.known = {k: tuple(v) for k, v in known.items()}


def last_manifest(ledger, work: str, folder: Path):
    w = ledger.find_work(work)
    if w is None:
        return None
    versions = [v for v in ledger.versions(w.id) if v.kind == "manifest" and v.path == str(folder)]
    return versions[-1] if versions else None


def watch_once(stamper, ledger, folder: Path, work: str, every: timedelta, state: WatchState,
               now: datetime | None = None) -> tuple[str, object]:
    """One watch cycle. Returns ("unchanged"|"waiting"|"stamped", detail)."""
    now = now or datetime.now(timezone.utc)
    last = last_manifest(ledger, work, folder)
    m, digests = mf.build(folder, work, known=state.known)
    state.save(digests, folder)
    if last is not None and m.same_content(mf.parse(last.manifest_text or "")):
        return "unchanged", last
    if last is not None and now - last.created_at < every:
        return "waiting", last.created_at + every
    return "stamped", stamp_manifest(stamper, folder, m)


def watch_cli(args) -> int:
    from ..core.stamping import Stamper
    from .commands import _dirs, _open_ledger, _timeout, _tsas, _verifier

    folder = Path(args.folder).resolve()
    if not folder.is_dir():
        raise InputError(f"{args.folder}: is not a folder.")
    every = parse_interval(args.every)
    dirs = _dirs(args)
    key = hashlib.sha256(f"{folder}\0{args.work}".encode()).hexdigest()[:16]
    state = WatchState(dirs.cache / f"watch-{key}.json")
    ledger = _open_ledger(args)
    try:
        stamper = Stamper(ledger, _verifier(args, ledger), _tsas(args), timeout=_timeout(args))
        while True:
            what, detail = watch_once(stamper, ledger, folder, args.work, every, state)
            stamp_time = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
            code = EXIT_OK
            if what == "unchanged":
                print(f"[{stamp_time}] {folder}: nothing changed since the last stamp.")
            elif what == "waiting":
                print(f"[{stamp_time}] {folder}: changed; next stamp allowed at {detail:%Y-%m-%d %H:%M UTC}.")
            else:
                ok = sum(a.status == "verified" for a in detail.attempts)
                print(f"[{stamp_time}] {folder}: stamped (version {detail.version_id}), "
                      f"{ok}/{len(detail.attempts)} TSAs verified.")
                if not detail.verified:
                    code = EXIT_UNREACHABLE if detail.pending else EXIT_FAILED
            sys.stdout.flush()
            if args.once:
                return code
            # Look again after a fraction of the interval (changes are noticed promptly,
            # stamps still happen at most once per interval); pending stamps are retried.
            time.sleep(min(every.total_seconds(), 300))
            if ledger.pending_receipts():
                from ..core.registry import load_registry

                stamper.sync(load_registry())
    finally:
        ledger.close()
