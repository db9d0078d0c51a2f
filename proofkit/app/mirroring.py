"""The second copy: the folder chosen in Settings (``mirror set``) receives the ledger, the
receipts, the vault and the evidence records after every change, incrementally. A folder
that is not reachable (a USB disk unplugged, a cloud drive not mounted) only puts the copy
off: nothing local is touched and the next change catches up. ``restore`` brings a mirror
back onto a new machine.

The copying itself is proofkit.ledger.mirror.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from proofkit.core.errors import InputError
from proofkit.core.files import atomic_write
from proofkit.ledger import mirror as mr

from .progress import SILENT, Progress

if TYPE_CHECKING:
    from .session import Session

STATE_FILE = "mirror-state.json"


@dataclass
class MirrorStatus:
    folder: Path | None
    encrypted: bool = False
    last_copy_at: datetime | None = None
    last_error: str | None = None  # the last attempt's sentence, when it failed

    def describe(self, now: datetime | None = None) -> str:
        """The reminder line: "your proof is mirrored to …, last copy 3 minutes ago"."""
        if self.folder is None:
            return "Your proof is not mirrored anywhere: choose a folder with `proofkit mirror set FOLDER`."
        if self.last_copy_at is None:
            base = f"Your proof will be mirrored to {self.folder}; no copy has been made yet."
        else:
            base = f"Your proof is mirrored to {self.folder}, last copy {_ago(self.last_copy_at, now)}."
        if self.last_error:
            base += f" The last attempt failed: {self.last_error}"
        return base


def _ago(t: datetime, now: datetime | None = None) -> str:
    s = max(0, int(((now or datetime.now(timezone.utc)) - t).total_seconds()))
    for unit, n in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if s >= n:
            k = s // n
            return f"{k} {unit}{'s' if k != 1 else ''} ago"
    return "just now"


def _state_path(session: "Session") -> Path:
    return session.dirs.data / STATE_FILE


def _load_state(session: "Session") -> dict:
    try:
        d = json.loads(_state_path(session).read_text("utf-8"))
        return d if isinstance(d, dict) else {}
    except (OSError, ValueError):
        return {}


def _save_state(session: "Session", **changes) -> None:
    d = _load_state(session)
    d.update(changes)
    with atomic_write(_state_path(session), prefix=".mirror-state-") as f:
        f.write((json.dumps(d, indent=2) + "\n").encode())


def status(session: "Session") -> MirrorStatus:
    folder = session.settings.mirror_folder
    if not folder:
        return MirrorStatus(None)
    st = _load_state(session)
    at = st.get("last_copy_at")
    return MirrorStatus(Path(folder), bool(mr.load_key(session.base_dirs.config)),
                        datetime.fromisoformat(at) if at else None, st.get("last_error"))


def set_mirror(session: "Session", folder: Path, *, passphrase: str | None = None,
               progress: Progress = SILENT) -> mr.MirrorReport:
    """Choose ``folder`` (it must exist) and make the first copy now. With ``passphrase``
    the ledger and the vault are encrypted there (receipts stay readable); the derived key
    is kept on this computer so later copies need no passphrase."""
    _prepare(session, folder, passphrase)
    return copy_now(session, progress=progress)


def choose_folder(session: "Session", folder: str | None) -> None:
    """Set (or with None, clear) the mirror folder without copying yet: the desktop app's
    Settings. An unencrypted mirror is prepared in ``folder``; the copy follows the next
    change (or ``copy_now``). An encrypted mirror is set up with ``mirror set --encrypt``."""
    if not folder:
        unset_mirror(session)
        return
    _prepare(session, folder, None)


def _prepare(session: "Session", folder: str | Path, passphrase: str | None) -> None:
    """Set the mirror up in ``folder`` (outside ProofKit's data folder), keep its key on this
    computer and record the folder in the settings; no copy yet."""
    path = Path(folder).expanduser().resolve()
    if path == session.dirs.data.resolve() or session.dirs.data.resolve() in path.parents:
        raise InputError("The mirror must be outside ProofKit's own data folder (another disk or a "
                         "cloud-drive folder).")
    _root, key = mr.set_up(path, passphrase)
    mr.save_key(session.base_dirs.config, key)
    session.save_settings(dataclasses.replace(session.settings, mirror_folder=str(path)))


def unset_mirror(session: "Session") -> None:
    mr.save_key(session.base_dirs.config, None)
    session.save_settings(dataclasses.replace(session.settings, mirror_folder=None))


def copy_now(session: "Session", *, progress: Progress = SILENT) -> mr.MirrorReport:
    """Bring the mirror up to date. Raises MirrorUnavailable (the sentence says the proof is
    safe here and the copy will catch up) when the folder cannot be reached or written."""
    folder = session.settings.mirror_folder
    if not folder:
        raise InputError("No mirror folder is set: choose one with `proofkit mirror set FOLDER`.")
    d = session.dirs
    try:
        rep = mr.copy_to_mirror(session.ledger, folder=folder, vault_root=d.vault, evidence_root=d.evidence,
                                key=mr.load_key(session.base_dirs.config), progress=progress.update)
    except mr.MirrorError as exc:
        _save_state(session, last_error=exc.message,
                    last_attempt_at=datetime.now(timezone.utc).isoformat())
        raise
    _save_state(session, last_copy_at=rep.at.isoformat(), last_error=None)
    return rep


def after_change(session: "Session", progress: Progress = SILENT) -> mr.MirrorReport | None:
    """Called after every change (a stamp, a sync, a renewal): copy when a mirror is set. A
    mirror out of reach is reported as a "mirror" event and remembered, never raised: the
    change itself is safe in the local ledger."""
    if not session.settings.mirror_folder:
        return None
    try:
        rep = copy_now(session)
    except mr.MirrorError as exc:
        progress.event("mirror", {"ok": False, "folder": session.settings.mirror_folder, "error": exc.message})
        return None
    progress.event("mirror", {"ok": True, "folder": session.settings.mirror_folder, "report": rep})
    return rep


def is_encrypted(folder: Path) -> bool:
    """Whether the mirror in ``folder`` needs a passphrase (False when there is none)."""
    return mr.is_encrypted(folder)


def restore(session: "Session", folder: Path, *, passphrase: str | None = None,
            progress: Progress = SILENT) -> mr.RestoreReport:
    """Bring a mirror back into this session's (empty) data folder: ledger, vault, evidence.
    Afterwards ``ledger check --deep`` and ``vault check`` must pass; the mirror is then set
    as this machine's mirror too (its encryption key re-derived from the passphrase)."""
    session.close()  # the ledger file is written below
    d = session.dirs
    rep = mr.restore_from_mirror(folder, ledger_path=d.ledger_path, vault_root=d.vault,
                                 evidence_root=d.evidence, passphrase=passphrase, progress=progress.update)
    _root, key = mr.set_up(folder, passphrase)
    mr.save_key(session.base_dirs.config, key)
    session.save_settings(dataclasses.replace(session.settings, mirror_folder=str(Path(folder).resolve())))
    return rep


__all__ = ["MirrorStatus", "after_change", "choose_folder", "copy_now", "is_encrypted", "restore", "set_mirror", "status", "unset_mirror"]
