"""The mirror: a second copy of everything that makes the proof — the ledger, the receipts,
the vault and the evidence records — in a folder the author chose (a cloud-drive folder such
as Nutstore/坚果云, OneDrive, Dropbox, iCloud, or a USB disk).

Layout of ``<FOLDER>/ProofKit-mirror/``::

    MIRROR.json                 format, version, encryption parameters (never the key)
    ledger.sqlite3[.enc]        SQLite online backup of the ledger (a consistent snapshot)
    receipts/r<id>-<digest>.tsr each TSA response exactly as received (always readable)
    vault/objects/<alg>/<xx>/<digest>.gz[.enc]
    evidence/...                RFC 4998 evidence records and ledger anchors (readable)
    state.json                  what the last complete copy held, and when

Every file is written under a temporary name in its final folder, fsynced and renamed, and
the folder fsynced: a copy cut short (the process killed, the USB disk pulled, the disk full)
leaves complete files or none, and the next copy carries on. Copies are incremental: vault
objects, receipts and evidence files never change once written, so one that is already
there is skipped; the ledger is copied again only when its head moved.

A folder that is not there (an unplugged disk, a cloud drive not mounted) is never created:
the copy is put off with a sentence saying so, and nothing local is touched.

Optional end-to-end encryption with a passphrase: AES-256-GCM, key from scrypt. The ledger
and the vault (titles, file names, the author's texts) are encrypted; the receipts and
evidence records (TSA tokens: digests, times, certificates) stay readable, so ``verify`` and
``openssl ts -verify`` work from the mirror alone. Encrypted files are cut into 1 MiB
chunks, each sealed with its index and a last-chunk flag as associated data, so a reordered,
truncated or swapped file is refused rather than decrypted into something else.
"""

from __future__ import annotations

import base64
import errno
import json
import os
import secrets
import shutil
import sqlite3
import struct
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from proofkit.core.errors import EXIT_FAILED, InputError, ProofKitError
from proofkit.core.files import atomic_write, fsync_dir

MIRROR_DIR = "ProofKit-mirror"
FORMAT = "proofkit-mirror"
VERSION = 1
ENC_MAGIC = b"PKMIRROR-AESGCM1"
ENC_CHUNK = 1 << 20
_KEY_CHECK = b"ProofKit mirror key check"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
PARTIAL_PREFIX = ".partial-"

Progress = Callable[[int, int], None]


class MirrorError(ProofKitError):
    """The mirror cannot be used as asked; the message says what to do."""


class MirrorUnavailable(MirrorError):
    """The folder is not reachable now: nothing is lost, the copy is only put off."""

    exit_code = EXIT_FAILED


class MirrorKeyError(MirrorError):
    """A wrong passphrase, or an encrypted file that was changed."""


# --------------------------------------------------------------------------- encryption


def derive_key(passphrase: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R,
               p: int = SCRYPT_P) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    if not passphrase:
        raise InputError("The mirror passphrase cannot be empty.")
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _aad(name: str, index: int, last: bool) -> bytes:
    return f"{name}\x00{index}\x00{int(last)}".encode("utf-8")


def encrypt_stream(src: BinaryIO, out: BinaryIO, key: bytes, name: str) -> None:
    """``name`` (the file's path inside the mirror) is bound into every chunk, so an object
    moved under another digest's name does not decrypt."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aes = AESGCM(key)
    prefix = secrets.token_bytes(8)
    out.write(ENC_MAGIC + prefix)
    index = 0
    block = src.read(ENC_CHUNK)
    while True:
        nxt = src.read(ENC_CHUNK) if block else b""
        last = not nxt
        ct = aes.encrypt(prefix + struct.pack(">I", index), block, _aad(name, index, last))
        out.write(struct.pack(">I", len(ct)) + ct)
        if last:
            return
        block, index = nxt, index + 1


def decrypt_chunks(src: BinaryIO, key: bytes, name: str) -> Iterator[bytes]:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aes = AESGCM(key)
    head = src.read(len(ENC_MAGIC) + 8)
    if not head.startswith(ENC_MAGIC) or len(head) != len(ENC_MAGIC) + 8:
        raise MirrorKeyError(f"{name}: not an encrypted mirror file.")
    prefix = head[len(ENC_MAGIC):]
    index = 0
    while True:
        raw = src.read(4)
        if len(raw) != 4:
            raise MirrorKeyError(f"{name}: the encrypted file is truncated.")
        (n,) = struct.unpack(">I", raw)
        ct = src.read(n)
        if len(ct) != n or n > ENC_CHUNK + 16:
            raise MirrorKeyError(f"{name}: the encrypted file is truncated.")
        last = src.peek(1)[:1] == b"" if hasattr(src, "peek") else None
        if last is None:  # pragma: no cover - files opened by open() are buffered
            raise MirrorError("internal: decrypt needs a buffered file")
        try:
            yield aes.decrypt(prefix + struct.pack(">I", index), ct, _aad(name, index, last))
        except InvalidTag:
            raise MirrorKeyError(f"{name}: cannot be decrypted (wrong passphrase, or the file "
                                 "was changed or cut short).") from None
        if last:
            return
        index += 1


# --------------------------------------------------------------------------- file copies


def _make_dirs(folder: Path, base: Path | None) -> None:
    """Create ``folder`` below ``base`` one level at a time, never ``base`` itself: a mirror
    folder that vanished mid-copy (a USB disk pulled) must fail the copy, not be quietly
    re-created on the local disk where the mount point was."""
    if base is None:
        folder.mkdir(parents=True, exist_ok=True)
        return
    if folder.is_dir():
        return
    rel = folder.relative_to(base)
    cur = base
    if not base.is_dir():
        raise FileNotFoundError(errno.ENOENT, "the mirror folder is gone", str(base))
    for part in rel.parts:
        cur = cur / part
        try:
            cur.mkdir()
        except FileExistsError:
            pass


def _atomic_copy(dest: Path, write: Callable[[BinaryIO], None], base: Path | None = None,
                 dirty: set[Path] | None = None) -> None:
    """Write ``dest`` through a temporary file in its folder: write, fsync, rename, then fsync
    the folder — at once, or, given ``dirty``, once per folder at the end of a copy run
    (:func:`_sync_dirs`; 10,000 receipts are then not 20,000 fsyncs). ``base``: a folder
    that must already exist (see _make_dirs)."""
    _make_dirs(dest.parent, base)
    with atomic_write(dest, prefix=PARTIAL_PREFIX, suffix="") as f:
        write(f)
    if dirty is None:
        fsync_dir(dest.parent)
    else:
        dirty.add(dest.parent)


def _sync_dirs(dirty: set[Path]) -> None:
    for d in sorted(dirty):
        fsync_dir(d)
    dirty.clear()


def _copy_file(src: Path, dest: Path, key: bytes | None, name: str,
               base: Path | None = None, dirty: set[Path] | None = None) -> None:
    def write(out: BinaryIO) -> None:
        with open(src, "rb") as f:
            if key is None:
                shutil.copyfileobj(f, out, 1 << 20)
            else:
                encrypt_stream(f, out, key, name)

    _atomic_copy(dest, write, base, dirty)


def _restore_file(src: Path, dest: Path, key: bytes | None, name: str) -> None:
    def write(out: BinaryIO) -> None:
        with open(src, "rb") as f:
            if key is None:
                shutil.copyfileobj(f, out, 1 << 20)
            else:
                for chunk in decrypt_chunks(f, key, name):
                    out.write(chunk)

    _atomic_copy(dest, write)


# --------------------------------------------------------------------------- the mirror


@dataclass
class MirrorReport:
    folder: Path
    at: datetime
    ledger_copied: bool = False
    receipts: int = 0  # receipt files newly written
    objects: int = 0  # vault objects newly written
    evidence: int = 0  # evidence files newly written
    bytes_written: int = 0
    seconds: float = 0.0


@dataclass
class RestoreReport:
    folder: Path
    receipts: int = 0
    objects: int = 0
    evidence: int = 0
    problems: list[str] = field(default_factory=list)


def mirror_root(folder: str | os.PathLike[str]) -> Path:
    return Path(folder).expanduser() / MIRROR_DIR


def _read_header(root: Path) -> dict | None:
    try:
        doc = json.loads((root / "MIRROR.json").read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise MirrorError(f"{root / 'MIRROR.json'} cannot be read ({exc}); is this a "
                          "ProofKit mirror?") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise MirrorError(f"{root} is not a ProofKit mirror.")
    if int(doc.get("version", 0)) > VERSION:
        raise MirrorError(f"{root} was written by a newer ProofKit; update ProofKit to use it.")
    return doc


def is_encrypted(folder: str | os.PathLike[str]) -> bool:
    try:
        doc = _read_header(Path(folder).expanduser() / MIRROR_DIR)
    except MirrorError:
        return False
    return bool(doc and doc.get("encrypted"))


def _key_from_header(doc: dict, passphrase: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kdf = doc["kdf"]
    key = derive_key(passphrase, base64.b64decode(kdf["salt"]), kdf["n"], kdf["r"], kdf["p"])
    check = base64.b64decode(doc["key_check"])
    try:
        AESGCM(key).decrypt(check[:12], check[12:], b"key-check")
    except InvalidTag:
        raise MirrorKeyError("Wrong passphrase for this mirror.") from None
    return key


def set_up(folder: str | os.PathLike[str], passphrase: str | None = None) -> tuple[Path, bytes | None]:
    """Prepare ``folder`` as a mirror (it must exist). Returns (mirror root, key or None).
    An existing mirror is reused: with its passphrase if encrypted."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    base = Path(folder).expanduser()
    if not base.is_dir():
        raise InputError(f"{base}: no such folder; create it (or plug in the disk) first.")
    root = base / MIRROR_DIR
    doc = _read_header(root)
    if doc is not None:
        if doc.get("encrypted"):
            if not passphrase:
                raise MirrorKeyError(f"{root} is encrypted: give its passphrase.")
            return root, _key_from_header(doc, passphrase)
        if passphrase:
            raise MirrorError(f"{root} already holds an unencrypted mirror; choose an empty "
                              "folder for an encrypted one.")
        return root, None
    doc = {"format": FORMAT, "version": VERSION, "encrypted": bool(passphrase),
           "created_at": datetime.now(timezone.utc).isoformat()}
    key = None
    if passphrase:
        salt = secrets.token_bytes(16)
        key = derive_key(passphrase, salt)
        nonce = secrets.token_bytes(12)
        doc["cipher"] = "AES-256-GCM, 1 MiB chunks"
        doc["kdf"] = {"name": "scrypt", "salt": base64.b64encode(salt).decode(),
                      "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P}
        doc["key_check"] = base64.b64encode(
            nonce + AESGCM(key).encrypt(nonce, _KEY_CHECK, b"key-check")).decode()
    try:
        root.mkdir(exist_ok=True)
        data = (json.dumps(doc, indent=2) + "\n").encode()
        _atomic_copy(root / "MIRROR.json", lambda f: f.write(data))
    except OSError as exc:
        raise MirrorError(f"{root} cannot be written ({exc.strerror or exc}).") from None
    return root, key


def _unavailable(folder: Path, exc: OSError | None = None) -> MirrorUnavailable:
    if exc is not None and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        why = "it is full"
    elif exc is not None:
        why = exc.strerror or str(exc)
    else:
        why = "the folder is not there (disk unplugged or cloud drive not mounted?)"
    return MirrorUnavailable(
        f"The mirror at {folder} could not be updated ({why}). Your proof is safe on this "
        "computer; the copy will catch up next time.")


def _clean_partials(root: Path) -> None:
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            if name.startswith(PARTIAL_PREFIX):
                try:
                    os.unlink(os.path.join(dirpath, name))
                except OSError:
                    pass


def _walk_files(base: Path) -> Iterator[Path]:
    if not base.is_dir():
        return
    for dirpath, _dirs, files in os.walk(base):
        for name in sorted(files):
            if not name.startswith((".", PARTIAL_PREFIX)):
                yield Path(dirpath) / name


def copy_to_mirror(ledger, *, folder: str | os.PathLike[str], vault_root: Path,
                   evidence_root: Path | None = None, key: bytes | None = None,
                   progress: Progress | None = None) -> MirrorReport:
    """Bring the mirror up to date, incrementally. Raises MirrorUnavailable (nothing lost,
    try later) when the folder is missing or a write fails midway."""
    started = time.monotonic()
    base = Path(folder).expanduser()
    if not base.is_dir():
        raise _unavailable(base)
    root = base / MIRROR_DIR
    report = MirrorReport(folder=base, at=datetime.now(timezone.utc))
    try:
        doc = _read_header(root)
        if doc is None:
            raise MirrorError(f"{base} is not set up as a mirror; run `proofkit mirror set {base}`.")
        if bool(doc.get("encrypted")) != (key is not None):
            raise MirrorKeyError(f"The mirror at {root} is {'' if doc.get('encrypted') else 'not '}"
                                 "encrypted, but this computer's mirror setting says otherwise; "
                                 "set the mirror again.")
        _clean_partials(root)
        enc = ".enc" if key is not None else ""
        state = _load_json(root / "state.json")

        dirty: set[Path] = set()  # folders whose renames are made durable before state.json
        # 1. receipts: never change once they hold a response; new ones only
        rdir = root / "receipts"
        have = set(os.listdir(rdir)) if rdir.is_dir() else set()
        index = ledger.token_index()
        missing = [(rid, d) for rid, d in index if f"r{rid}-{d}.tsr" not in have]
        for i in range(0, len(missing), 500):
            part = missing[i:i + 500]
            responses = ledger.responses(rid for rid, _ in part)
            for rid, d in part:
                body = responses[rid]
                _atomic_copy(rdir / f"r{rid}-{d}.tsr", lambda f, b=body: f.write(b), base, dirty)
                report.receipts += 1
                report.bytes_written += len(body)

        # 2. vault objects: content-addressed, so a name that exists is complete and right
        vault_root = Path(vault_root)
        objs = list(_walk_files(vault_root / "objects"))
        for n, src in enumerate(objs):
            rel = src.relative_to(vault_root).as_posix()
            dest = root / "vault" / (rel + enc)
            if not dest.exists():
                _copy_file(src, dest, key, rel, base, dirty)
                report.objects += 1
                report.bytes_written += dest.stat().st_size
            if progress:
                progress(n + 1, len(objs))

        # 3. evidence records and anchors (readable, like the receipts); renewals append
        #    files and rewrite an ER only by writing a new name, so skip what exists
        if evidence_root is not None:
            evidence_root = Path(evidence_root)
            for src in _walk_files(evidence_root):
                rel = src.relative_to(evidence_root).as_posix()
                dest = root / "evidence" / rel
                if not dest.exists() or dest.stat().st_size != src.stat().st_size:
                    _copy_file(src, dest, None, rel, base)
                    report.evidence += 1
                    report.bytes_written += dest.stat().st_size

        # 4. the ledger, when its head moved (a consistent snapshot via the backup API)
        head = ledger.head()
        head_id = [head.seq, head.hash] if head else [0, ""]
        ldest = root / ("ledger.sqlite3" + enc)
        if state.get("head") != head_id or not ldest.exists():
            with tempfile.TemporaryDirectory(prefix="proofkit-mirror-") as tmpdir:
                snap = Path(tmpdir) / "ledger.sqlite3"
                from proofkit.ledger.migrations import online_backup

                src_conn = sqlite3.connect(ledger.path, timeout=30)
                try:
                    online_backup(src_conn, snap)
                finally:
                    src_conn.close()
                _copy_file(snap, ldest, key, "ledger.sqlite3", base)
            report.ledger_copied = True
            report.bytes_written += ldest.stat().st_size
        _sync_dirs(dirty)  # every rename durable before the copy is recorded as complete
        report.seconds = time.monotonic() - started
        state = {"head": head_id, "copied_at": report.at.isoformat(),
                 "receipts": len(index), "objects": len(objs)}
        data = (json.dumps(state, indent=2) + "\n").encode()
        _atomic_copy(root / "state.json", lambda f: f.write(data), base)
    except OSError as exc:  # gone midway, full, read-only...: put off, nothing lost locally
        raise _unavailable(base, exc) from None
    except sqlite3.Error as exc:
        raise MirrorError(f"The ledger could not be read for the mirror ({exc}).") from None
    return report


def _load_json(p: Path) -> dict:
    try:
        doc = json.loads(p.read_text("utf-8"))
        return doc if isinstance(doc, dict) else {}
    except (OSError, ValueError):
        return {}


def mirror_status(folder: str | os.PathLike[str]) -> dict:
    """What the mirror's own state says: {"reachable", "copied_at", "receipts", "objects"}."""
    base = Path(folder).expanduser()
    if not base.is_dir():
        return {"reachable": False}
    state = _load_json(base / MIRROR_DIR / "state.json")
    return {"reachable": True, **state}


def restore_from_mirror(folder: str | os.PathLike[str], *, ledger_path: Path, vault_root: Path,
                        evidence_root: Path | None = None, passphrase: str | None = None,
                        progress: Progress | None = None) -> RestoreReport:
    """Bring a mirror back onto this computer: the ledger (refused if one with entries is
    already there: restore into a new data folder), every vault object (each re-checked
    against its digest; a damaged one is reported and left out) and the evidence files."""
    from proofkit.ledger.vault import Vault, VaultError

    base = Path(folder).expanduser()
    root = base / MIRROR_DIR
    if not base.is_dir():
        raise InputError(f"{base}: no such folder.")
    doc = _read_header(root)
    if doc is None:
        raise InputError(f"{base} holds no ProofKit mirror (no {MIRROR_DIR}/MIRROR.json).")
    key = None
    if doc.get("encrypted"):
        if not passphrase:
            raise MirrorKeyError("This mirror is encrypted: give its passphrase.")
        key = _key_from_header(doc, passphrase)
    enc = ".enc" if key is not None else ""
    lsrc = root / ("ledger.sqlite3" + enc)
    if not lsrc.is_file():
        raise MirrorError(f"{root} holds no ledger copy yet; nothing to restore.")
    ledger_path = Path(ledger_path)
    if ledger_path.exists() and _has_events(ledger_path):
        raise InputError(f"There is already a ledger with entries at {ledger_path}; restore into "
                         "a new data folder (--home DIR) so nothing is overwritten.")
    report = RestoreReport(folder=base)
    for suffix in ("-wal", "-shm"):
        ledger_path.with_name(ledger_path.name + suffix).unlink(missing_ok=True)
    _restore_file(lsrc, ledger_path, key, "ledger.sqlite3")
    vault = Vault(vault_root)
    vsrc = root / "vault"
    objs = list(_walk_files(vsrc / "objects"))
    for n, src in enumerate(objs):
        rel = src.relative_to(vsrc).as_posix()
        if enc:
            if not rel.endswith(enc):
                continue
            rel = rel[: -len(enc)]
        dest = Path(vault_root) / rel
        parts = Path(rel).parts  # objects/<alg>/<xx>/<digest>.gz
        try:
            if not dest.exists():
                _restore_file(src, dest, key, rel)
            for _ in vault.open_verified(parts[1], parts[3][:-3]):  # re-hashed, not kept
                pass
            report.objects += 1
        except (VaultError, MirrorKeyError, IndexError) as exc:
            dest.unlink(missing_ok=True)
            report.problems.append(f"{rel}: {getattr(exc, 'message', exc)}")
        if progress:
            progress(n + 1, len(objs))
    if evidence_root is not None:
        esrc = root / "evidence"
        for src in _walk_files(esrc):
            rel = src.relative_to(esrc).as_posix()
            _restore_file(src, Path(evidence_root) / rel, None, rel)
            report.evidence += 1
    report.receipts = len(list((root / "receipts").glob("*.tsr"))) if (root / "receipts").is_dir() else 0
    return report


KEY_FILE = "mirror.key"


def save_key(config_dir: str | os.PathLike[str], key: bytes | None) -> None:
    """Keep the derived key on this computer (owner-only file) so the mirror can be updated
    after every change without asking for the passphrase; None removes it."""
    from proofkit.core.files import atomic_write

    p = Path(config_dir) / KEY_FILE
    if key is None:
        p.unlink(missing_ok=True)
        return
    p.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(p, prefix=".key-") as f:
        os.fchmod(f.fileno(), 0o600) if hasattr(os, "fchmod") else None
        f.write(base64.b64encode(key) + b"\n")


def load_key(config_dir: str | os.PathLike[str]) -> bytes | None:
    try:
        return base64.b64decode((Path(config_dir) / KEY_FILE).read_bytes().strip())
    except (OSError, ValueError):
        return None


def _has_events(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return bool(conn.execute("SELECT count(*) FROM events").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return path.stat().st_size > 0


__all__ = ["copy_to_mirror", "restore_from_mirror", "set_up", "mirror_status", "mirror_root",
           "MirrorError", "MirrorUnavailable", "MirrorKeyError", "MirrorReport", "RestoreReport",
           "derive_key", "encrypt_stream", "decrypt_chunks", "save_key", "load_key", "is_encrypted"]
