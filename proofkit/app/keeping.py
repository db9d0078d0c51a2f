"""The vault as the author meets it: the exact bytes of each stamped version kept at stamp
time (files up to the size limit in Settings, models and larger files only when the work
says "keep"), checked on request, and given back as the draft that was stamped.

The store itself (content-addressed, gzip, re-checked on read) is proofkit.ledger.vault.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from proofkit.core.errors import InputError, ProofKitError
from proofkit.ledger.vault import KEEP, SKIP, Kept, Vault, should_keep

from .progress import SILENT, Progress

if TYPE_CHECKING:
    from .session import Session
    from .stamping import Hashed


def vault_of(session: "Session") -> Vault:
    return Vault(session.dirs.vault)


@dataclass
class KeepResult:
    """What the vault kept of one stamped item (a folder: several files)."""

    kept: list[Kept] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # by the size/type rule or the work's choice
    errors: list[str] = field(default_factory=list)  # one sentence each; the stamp itself is safe


def keep_item(session: "Session", item: "Hashed", work: str) -> KeepResult:
    """Keep the bytes of a hashed file, or of every file a folder's manifest lists, when the
    Settings rule says so. Never raises for the file's sake: a problem is reported in the
    result (the stamp is not undone for it)."""
    s = session.settings
    choice = s.vault_works.get(work)
    vault = vault_of(session)
    out = KeepResult()
    if item.manifest is not None:
        base = Path(item.path)
        wanted = [(base / e.rel_path, e.rel_path, "sha256", e.digest_hex, e.size) for e in item.manifest.entries]
    else:
        wanted = [(Path(item.path), Path(item.path).name, item.hash_alg, item.digest.hex(), item.size)]
    todo: list[tuple[Path, str, str, str]] = []
    for path, name, alg, hexd, size in wanted:
        if size is None:
            try:
                size = path.stat().st_size
            except OSError:
                size = 0
        if should_keep(size=size, file_name=name, work_choice=choice, limit_mib=s.vault_limit_mib):
            todo.append((path, name, alg, hexd))
        else:
            out.skipped.append(name)
    if len(todo) == 1:
        path, name, alg, hexd = todo[0]
        try:
            out.kept.append(vault.keep_file(path, alg, hexd))
        except ProofKitError as exc:
            out.errors.append(f"{name}: {exc.message}")
        return out
    # A folder: the whole batch waits on the disk once (Vault.keep_files), not once per file.
    for (_p, name, _a, _h), r in zip(todo, vault.keep_files([(p, a, h) for p, _n, a, h in todo])):
        if isinstance(r, Kept):
            out.kept.append(r)
        else:
            out.errors.append(f"{name}: {r.message}")
    return out


_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vault")


def keep_while_stamping(session: "Session", item: "Hashed", work: str) -> "Future[KeepResult]":
    """Start keeping ``item`` on a worker thread, so the copy (and its compression) runs
    while the TSAs are being asked rather than after."""
    return _POOL.submit(keep_item, session, item, work)


def set_work_choice(session: "Session", work: str, choice: str | None) -> None:
    """"keep" (always, whatever the size or type), "skip" (never), or None (by the rule)."""
    import dataclasses

    if choice not in (KEEP, SKIP, None):
        raise InputError("Choose keep, skip or auto for a work's vault setting.")
    works = dict(session.settings.vault_works)
    if choice is None:
        works.pop(work, None)
    else:
        works[work] = choice
    session.save_settings(dataclasses.replace(session.settings, vault_works=works))


@dataclass
class VaultCheck:
    objects: int
    problems: list[str]
    size_on_disk: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def check_vault(session: "Session", *, progress: Progress = SILENT) -> VaultCheck:
    """Re-hash every object; a damaged one is named (restore it from the mirror)."""
    vault = vault_of(session)
    n, problems = vault.check(progress=progress.update)
    return VaultCheck(n, [str(p) for p in problems], vault.stats()[1])


@dataclass
class Restored:
    out: Path
    files: int
    bytes: int
    missing: list[str] = field(default_factory=list)  # folder files the vault does not hold


def restore_version(session: "Session", version_id: int, out: Path) -> Restored:
    """Write the stamped bytes of a version to ``out``: a file, or for a folder stamp a
    folder rebuilt from its manifest (with the files the vault holds). Refuses to overwrite."""
    v = session.ledger.get_version(version_id)
    if v is None:
        raise InputError(f"No version {version_id} in the ledger (see `proofkit log`).")
    vault = vault_of(session)
    out = Path(out)
    if out.exists():
        raise InputError(f"{out}: already exists; choose a new name so nothing is overwritten.")
    if v.kind == "file":
        if not vault.has(v.hash_alg, v.digest_hex):
            raise InputError(f"The vault does not hold version {v.id} ({v.file_name}): its bytes were not "
                             "kept when it was stamped.")
        n = vault.restore_to(v.hash_alg, v.digest_hex, out)
        return Restored(out, 1, n)
    from proofkit.bundle.format import safe_member_name
    from proofkit.core import manifest as mf

    entries = mf.parse(v.manifest_text).entries
    res = Restored(out, 0, 0)
    for e in entries:
        if not safe_member_name(e.rel_path) or not vault.has("sha256", e.digest_hex):
            res.missing.append(e.rel_path)
            continue
        res.bytes += vault.restore_to("sha256", e.digest_hex, out / e.rel_path)
        res.files += 1
    if not res.files:
        raise InputError(f"The vault holds none of the files of version {v.id} ({v.file_name}).")
    return res


__all__ = ["KeepResult", "Restored", "VaultCheck", "check_vault", "keep_item", "keep_while_stamping",
           "restore_version", "set_work_choice", "vault_of"]
