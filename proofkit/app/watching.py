"""Watch mode: the "mail it to yourself" habit, done for the author. A folder is stamped when
it changed, at most once per interval; nothing is stamped when nothing changed; it survives
restarts (the last stamp is read from the ledger, the source of truth)."""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from proofkit.core import manifest as mf
from proofkit.core.errors import InputError
from proofkit.core.files import atomic_write

from .progress import SILENT, Progress
from .stamping import stamp_manifest

if TYPE_CHECKING:
    from proofkit.core.stamping import StampOutcome, Stamper
    from proofkit.ledger import VersionRow

    from .session import Session

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
    files are not read again. The last stamp itself is read from the ledger."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.known = {k: tuple(v) for k, v in json.loads(path.read_text("utf-8")).get("known", {}).items()}
        except (OSError, ValueError, AttributeError):
            self.known = {}

    @classmethod
    def for_folder(cls, session: "Session", folder: Path, work: str) -> "WatchState":
        key = hashlib.sha256(f"{Path(folder).resolve()}\0{work}".encode()).hexdigest()[:16]
        return cls(session.dirs.cache / f"watch-{key}.json")

    def save(self, digests, base: Path) -> None:
        known = {d.path.relative_to(base).as_posix(): [d.size, d.mtime_ns, d.hex] for d in digests}
        with atomic_write(self.path, prefix=".watch-") as f:
            f.write(json.dumps({"known": known}).encode("utf-8"))
        self.known = {k: tuple(v) for k, v in known.items()}


def last_manifest(ledger, work: str, folder: Path) -> "VersionRow | None":
    w = ledger.find_work(work)
    if w is None:
        return None
    versions = [v for v in ledger.versions(w.id) if v.kind == "manifest" and v.path == str(folder)]
    return versions[-1] if versions else None


def watch_once(stamper: "Stamper", ledger, folder: Path, work: str, every: timedelta, state: WatchState,
               now: datetime | None = None, *, keep: "Callable[[mf.Manifest], object] | None" = None
               ) -> tuple[str, object]:
    """One watch cycle. Returns ("unchanged", last version) | ("waiting", next allowed time)
    | ("stamped", StampOutcome). ``keep(manifest)`` runs once the requests are out and before
    the stamp is recorded (the vault: a recorded stamp never lacks its kept files)."""
    now = now or datetime.now(timezone.utc)
    last = last_manifest(ledger, work, folder)
    m, digests = mf.build(folder, work, known=state.known)
    state.save(digests, folder)
    if last is not None and m.same_content(mf.parse(last.manifest_text or "")):
        return "unchanged", last
    if last is not None and now - last.created_at < every:
        return "waiting", last.created_at + every
    return "stamped", stamp_manifest(stamper, folder, m,
                                     before_record=(lambda: keep(m)) if keep is not None else None)


@dataclass
class WatchCycle:
    """What one look at the folder found: ``what`` is "unchanged", "waiting" (``next_at``)
    or "stamped" (``outcome``)."""

    folder: Path
    what: str
    at: datetime
    next_at: datetime | None = None
    outcome: "StampOutcome | None" = None


class Watch:
    """A folder watched for one work: :meth:`cycle` looks once (and stamps if due)."""

    def __init__(self, session: "Session", folder: Path, work: str, every: timedelta, *,
                 tsa=None, timeout: float | None = None, progress: Progress = SILENT) -> None:
        from proofkit.core.stamping import Stamper

        folder = Path(folder).resolve()
        if not folder.is_dir():
            raise InputError(f"{folder}: is not a folder.")
        self.session, self.folder, self.work, self.every = session, folder, work, every
        self.state = WatchState.for_folder(session, folder, work)
        self.stamper = Stamper(session.ledger, session.verifier(), session.tsas(tsa),
                               timeout=session.timeout(timeout), on_event=progress.event)

    def cycle(self, now: datetime | None = None) -> WatchCycle:
        what, detail = watch_once(self.stamper, self.session.ledger, self.folder, self.work, self.every,
                                  self.state, now, keep=self._keep)
        at = now or datetime.now(timezone.utc)
        if what == "waiting":
            return WatchCycle(self.folder, what, at, next_at=detail)
        if what == "stamped":
            self.session.invalidate_verifier()
            self._keep_and_mirror(detail)
            return WatchCycle(self.folder, what, at, outcome=detail)
        return WatchCycle(self.folder, what, at)

    def _keep(self, m: "mf.Manifest") -> None:
        """The folder's files go to the vault (by the Settings rule) before the stamp is
        recorded, as for any stamp (a problem is not a failed stamp: keep_item never raises)."""
        from .keeping import keep_item
        from .stamping import Hashed

        data = m.data
        keep_item(self.session, Hashed(self.folder, len(data), "sha256", hashlib.sha256(data).digest(), m),
                  self.work)

    def _keep_and_mirror(self, outcome: "StampOutcome") -> None:
        """The mirror catches up, as after any stamp (the files were kept before the record)."""
        from .mirroring import after_change

        after_change(self.session)

    def retry_pending(self) -> None:
        """Pending stamps (offline earlier) are asked again between cycles."""
        if self.session.ledger.pending_receipts():
            self.stamper.sync(self.session.registry_with_custom())

    def run(self, on_cycle: Callable[[WatchCycle], None], *, once: bool = False,
            sleep: Callable[[float], None] = time.sleep) -> WatchCycle:
        """Look, report, wait a fraction of the interval (changes are noticed promptly, stamps
        still happen at most once per interval), retry pending stamps, and again; ``once``
        looks a single time. Returns the last cycle."""
        while True:
            c = self.cycle()
            on_cycle(c)
            if once:
                return c
            sleep(min(self.every.total_seconds(), 300))
            self.retry_pending()
