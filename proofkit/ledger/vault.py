"""The vault: the exact bytes that were stamped, kept so a draft edited since can still be
proven years later (the digest alone proves nothing without the bytes it was made from).

A content-addressed store under the data folder::

    vault/objects/<alg>/<first two hex>/<digest hex>.gz

The name IS the stamped digest (sha256 for nearly every stamp; a ``--hash sha384`` stamp is
kept under ``sha384/``), so identical files are stored once and no table maps versions to
objects: a version's object is found from its ``hash_alg`` and ``digest_hex`` alone, on this
machine or on one restored from a mirror.

Each object is one gzip member (RFC 1952) of the file's bytes: ``gzip -dc OBJ | sha256sum``
prints the stamped digest, with no ProofKit needed (the "verifiable without us" rule extends
to the vault). gzip rather than zstd: every system has a gzip reader and the standard library
reads it, so the format stays readable for decades. It is *written* with ISA-L's deflate (the
``isal`` package, about 4x faster than zlib at level 1 and a little smaller) when installed,
else with the standard library's zlib: the same format either way, and objects written by
older versions (zlib) read the same. Reading always uses the standard library.

Writes: the bytes are hashed as they are compressed into a temporary file in the object's
folder; the object is given its name only when what was read hashes to the stamped digest
(a file changed between hashing and keeping is refused, never stored under a digest it does
not have), and only once its bytes are durable. That is the invariant deduplication relies
on: an existing name is always a complete object, so it is skipped, never rewritten. One
file (:meth:`Vault.keep_file`): write, fsync, rename, fsync the folder. A folder stamp's
files (:meth:`Vault.keep_files`): every new object written unsynced, then one ``syncfs`` of
the vault's file system (Linux; elsewhere each file is fsynced as it is written), then every
rename, then one more ``syncfs`` (or each distinct folder fsynced once). A crash leaves
complete named objects and temporary files, which :meth:`Vault.check` removes. Every read
re-hashes and refuses an object that no longer matches. The application records a stamp
only after its keeping returned (app/stamping.py), so a recorded stamp never points at bytes
that a crash could still take away. Costs: ``bench/bench_vault.py``.

No Qt, no app or CLI imports: the application layer decides *when* to keep a file
(:func:`should_keep`); this module only knows how.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import itertools
import os
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from proofkit.core.errors import EXIT_FAILED, InputError, ProofKitError
from proofkit.core.files import atomic_write, fsync_dir, unreadable

try:  # ISA-L's deflate: the same gzip format, about 4x faster than zlib's level 1
    from isal import isal_zlib as _deflate
except ImportError:  # a platform without an isal wheel: the standard library writes the same format
    _deflate = zlib  # type: ignore[assignment]

CHUNK = 1 << 20
#: Level 1 (ISA-L: 0-3; zlib: 1-9). On a generated 10 MB manuscript, one core, CPU time
#: (bench/bench_vault.py): ISA-L level 1 stores 32.5 % of the size in 16 ms; zlib level 1
#: 35 % in 71 ms; zlib level 6 28 % in ~1 s. Reading always uses the standard library's zlib.
LEVEL = 1
#: From this many files in one keep_files call, the batch is made durable by one syncfs
#: (Linux) instead of one fsync per file.
BATCH_SYNC_MIN = 8
#: From this many new objects in one batch, they are written by STAGE_WORKERS threads.
STAGE_PARALLEL_MIN = 64
STAGE_WORKERS = 4
ALGS = ("sha256", "sha384", "sha512")
#: Default size limit for keeping a file (settable in Settings.vault_limit_mib).
DEFAULT_LIMIT_MIB = 64
#: File types kept only when the author asks for it for that work: model weights are large,
#: do not compress and are usually kept elsewhere already.
MODEL_SUFFIXES = frozenset({
    ".safetensors", ".ckpt", ".gguf", ".ggml", ".pt", ".pth", ".bin", ".onnx", ".h5",
    ".keras", ".tflite", ".pb", ".npz", ".npy", ".msgpack", ".mlmodel", ".pkl",
})
#: Per-work choices (Settings.vault_works values).
KEEP, SKIP, AUTO = "keep", "skip", "auto"

Progress = Callable[[int, int], None]


class VaultError(ProofKitError):
    """The vault cannot give or keep what was asked; the message says what to do."""


class VaultDamaged(VaultError):
    """An object no longer hashes to its name (disk damage or an edit behind our back)."""

    exit_code = EXIT_FAILED


@dataclass(frozen=True)
class Kept:
    alg: str
    digest_hex: str
    size: int  # bytes of the original
    stored_size: int  # bytes on disk (compressed)
    new: bool  # False: the same bytes were already kept (deduplicated)


@dataclass(frozen=True)
class VaultProblem:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def should_keep(*, size: int, file_name: str, work_choice: str | None = None,
                limit_mib: int = DEFAULT_LIMIT_MIB) -> bool:
    """The one rule deciding whether a stamped file is kept: the work's own choice when the
    author made one ("keep" / "skip"), else files up to ``limit_mib`` MiB that are not models."""
    if work_choice == KEEP:
        return True
    if work_choice == SKIP:
        return False
    if Path(file_name).suffix.lower() in MODEL_SUFFIXES:
        return False
    return size <= limit_mib * (1 << 20)


def _check_name(alg: str, digest_hex: str) -> tuple[str, str]:
    alg = (alg or "").lower()
    d = (digest_hex or "").strip().lower()
    if alg not in ALGS:
        raise VaultError(f"The vault keeps sha256, sha384 or sha512 digests, not {alg!r}.")
    if len(d) != hashlib.new(alg).digest_size * 2 or not all(c in "0123456789abcdef" for c in d):
        raise VaultError(f"{digest_hex!r} is not a {alg} digest.")
    return alg, d


class Vault:
    """See the module docstring. ``root`` is ``<data>/vault``; created on first write."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.objects = self.root / "objects"

    # ------------------------------------------------------------------ names

    def object_path(self, alg: str, digest_hex: str) -> Path:
        alg, d = _check_name(alg, digest_hex)
        return self.objects / alg / d[:2] / f"{d}.gz"

    def has(self, alg: str, digest_hex: str) -> bool:
        return self.object_path(alg, digest_hex).is_file()

    def iter_objects(self) -> Iterator[tuple[str, str, Path]]:
        """(alg, digest hex, path) of every object, sorted; temporary files are skipped."""
        for alg in ALGS:
            base = self.objects / alg
            if not base.is_dir():
                continue
            for sub in sorted(base.iterdir()):
                if not sub.is_dir():
                    continue
                for p in sorted(sub.iterdir()):
                    if p.name.endswith(".gz") and not p.name.startswith("."):
                        yield alg, p.name[:-3], p

    # ------------------------------------------------------------------ writes

    def keep_file(self, path: str | os.PathLike[str], alg: str, digest_hex: str, *,
                  progress: Progress | None = None) -> Kept:
        """Keep the bytes of ``path``, which must hash to ``digest_hex`` (what was stamped).
        Raises InputError (unreadable file) or VaultError (the file changed since it was
        hashed: nothing is kept). Already kept: nothing is read again. Durable on return."""
        alg, d = _check_name(alg, digest_hex)
        dest = self.object_path(alg, d)
        if dest.is_file():
            fsync_dir(dest.parent)  # named by another writer perhaps not yet synced: see keep_files
            return Kept(alg, d, _original_size(dest), dest.stat().st_size, False)
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp, kept = self._stage_file(path, alg, d, dest, progress, sync=True)
            _publish(tmp, dest)
            fsync_dir(dest.parent)
        except OSError as exc:
            raise _write_error(self.root, exc) from None
        return kept

    def keep_files(self, entries: Sequence[tuple[str | os.PathLike[str], str, str]], *,
                   progress: Progress | None = None) -> list[Kept | ProofKitError]:
        """Keep many files, ``(path, alg, digest hex)`` each, with ONE wait on the disk for the
        whole batch instead of one fsync per file (a folder of 10,000 captions spent most of its
        time in fsync). Returns, in order, a Kept or the error of each entry (InputError: not
        readable; VaultError: changed since hashing, or the disk refused); never raises for
        one file's sake. Every Kept is durable on return.

        The invariant that keeps deduplication right: an object is given its final name only
        once its bytes are on disk. So each new object is written under a temporary name in
        its final folder (not synced), then the batch is made durable at once (:func:`_sync_files`:
        Linux ``syncfs`` on the vault's file system; elsewhere each file was fsynced as it was
        written), then every object is renamed, then the folders are made durable. A crash at
        any point leaves complete named objects and temporary files (removed by :meth:`check`);
        an existing name found by the next stamp is therefore always a complete object."""
        results: list[Kept | ProofKitError | None] = [None] * len(entries)
        staged: dict[Path, tuple[str, Kept]] = {}  # dest -> (temporary file, what it holds)
        waiting: dict[Path, list[int]] = {}  # entries resolved by a dest (the same bytes twice)
        folders: set[Path] = set()
        batch_sync = len(entries) >= BATCH_SYNC_MIN and _syncfs_available()
        todo: list[tuple[int, str | os.PathLike[str], str, str, Path]] = []
        try:
            for i, (path, alg, digest_hex) in enumerate(entries):
                try:
                    alg, d = _check_name(alg, digest_hex)
                    dest = self.object_path(alg, d)
                    if dest in waiting:
                        waiting[dest].append(i)
                        continue
                    try:
                        st = os.stat(dest)
                    except FileNotFoundError:
                        waiting[dest] = [i]
                        todo.append((i, path, alg, d, dest))
                        continue
                    folders.add(dest.parent)
                    results[i] = Kept(alg, d, _original_size(dest), st.st_size, False)
                except ProofKitError as exc:
                    results[i] = exc
            for folder in {t[4].parent for t in todo}:
                if not folder.is_dir():
                    folder.mkdir(parents=True, exist_ok=True)
                    folders.update(folder.parents[:2])  # <alg>/, objects/ may be new too

            def stage(t):
                i, path, alg, d, dest = t
                try:
                    return self._stage_file(path, alg, d, dest, None, sync=not batch_sync)
                except ProofKitError as exc:
                    return exc
                except OSError as exc:
                    return _write_error(self.root, exc)

            if len(todo) >= STAGE_PARALLEL_MIN:
                # file creation and small reads wait on the file system more than on the CPU
                from concurrent.futures import ThreadPoolExecutor

                with ThreadPoolExecutor(STAGE_WORKERS, thread_name_prefix="vault-stage") as pool:
                    staged_all = list(pool.map(stage, todo))
            else:
                staged_all = [stage(t) for t in todo]
            for n, (t, r) in enumerate(zip(todo, staged_all)):
                i, dest = t[0], t[4]
                if isinstance(r, tuple):
                    staged[dest] = r
                else:
                    for j in waiting.pop(dest):
                        results[j] = r
                if progress:
                    progress(n + 1, len(todo))
            if staged and batch_sync:
                _sync_files(self.root)  # every temporary file's bytes are on disk now
            for dest, (tmp, kept) in staged.items():
                _publish(tmp, dest)
                folders.add(dest.parent)
                for i in waiting[dest]:
                    results[i] = kept if i == waiting[dest][0] else dataclasses.replace(kept, new=False)
            staged.clear()
            if folders:
                _sync_folders(self.root, folders, batch=batch_sync)
        except OSError as exc:
            err = _write_error(self.root, exc)
            for dest, (tmp, _kept) in staged.items():  # never named: nothing refers to them
                _unlink(tmp)
            for i, r in enumerate(results):
                if r is None or isinstance(r, Kept) and r.new:
                    results[i] = err
        return [r if r is not None else VaultError("not kept") for r in results]

    def keep_bytes(self, data: bytes, alg: str = "sha256") -> Kept:
        """Keep ``data`` under its own digest (manifests, small texts)."""
        import io

        d = hashlib.new(alg, data).hexdigest()
        dest = self.object_path(alg, d)
        if dest.is_file():
            fsync_dir(dest.parent)
            return Kept(alg, d, len(data), dest.stat().st_size, False)
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp, kept = self._stage(io.BytesIO(data), alg, d, dest, None, total=len(data), sync=True)
            _publish(tmp, dest)
            fsync_dir(dest.parent)
        except OSError as exc:
            raise _write_error(self.root, exc) from None
        return kept

    def _stage_file(self, path: str | os.PathLike[str], alg: str, d: str, dest: Path,
                    progress: Progress | None, *, sync: bool) -> tuple[str, Kept]:
        try:
            f = open(path, "rb")
        except OSError as exc:
            raise unreadable(path, exc) from None
        with f:
            return self._stage(f, alg, d, dest, progress, total=os.fstat(f.fileno()).st_size, sync=sync)

    def _stage(self, src: BinaryIO, alg: str, d: str, dest: Path, progress: Progress | None,
               *, total: int, sync: bool) -> tuple[str, Kept]:
        """Compress ``src`` into a temporary file in ``dest``'s folder (which exists), hashing
        what is read; the temporary file's name is returned only when the bytes hash to ``d``
        (else it is removed and VaultError raised). ``sync``: fsync it before returning."""
        changed = VaultError("The file changed after it was hashed, so the bytes that were stamped "
                             "could not be kept; stamp it again to keep this version.")
        if total < CHUNK:  # most files of a folder stamp: one read, one call, one write
            data = src.read(CHUNK + 1)
            if len(data) <= CHUNK:
                if hashlib.new(alg, data).hexdigest() != d:
                    raise changed  # nothing was created
                blob = _deflate.compress(data, LEVEL, 31)
                fd, tmp = _temp_file(dest.parent)
                try:
                    with os.fdopen(fd, "wb", buffering=0) as out:
                        _write_all(out, blob)
                        if sync:
                            os.fsync(out.fileno())
                except BaseException:
                    _unlink(tmp)
                    raise
                if progress:
                    progress(len(data), total)
                return tmp, Kept(alg, d, len(data), len(blob), True)
            src.seek(0)  # it grew since: take the streaming path from the start
        fd, tmp = _temp_file(dest.parent)
        try:
            h = hashlib.new(alg)
            comp = _deflate.compressobj(LEVEL, zlib.DEFLATED, 31)  # wbits 31: a gzip member
            size = stored = 0
            buf = bytearray(CHUNK)
            view = memoryview(buf)
            with os.fdopen(fd, "wb", buffering=0) as out:
                while n := src.readinto(buf):
                    chunk = view[:n]
                    h.update(chunk)
                    stored += _write_all(out, comp.compress(chunk))
                    size += n
                    if progress:
                        progress(size, total)
                stored += _write_all(out, comp.flush())
                if h.hexdigest() != d:
                    raise changed
                if sync:
                    os.fsync(out.fileno())
        except BaseException:
            _unlink(tmp)
            raise
        return tmp, Kept(alg, d, size, stored, True)

    # ------------------------------------------------------------------ reads

    def open_verified(self, alg: str, digest_hex: str) -> Iterator[bytes]:
        """The original bytes in chunks; VaultDamaged is raised at the END if they do not hash
        to the name, so a caller writing them out must discard what it wrote (restore_to
        does). Use :meth:`read` for small objects."""
        alg, d = _check_name(alg, digest_hex)
        p = self.object_path(alg, d)
        try:
            f = open(p, "rb")
        except FileNotFoundError:
            raise VaultError(f"The vault does not hold the {alg} {d[:16]}… bytes "
                             "(they were not kept when this version was stamped).") from None
        except OSError as exc:
            raise VaultError(f"The vault object {p} cannot be read ({exc.strerror or exc}).") from None
        return self._chunks(f, p, alg, d)

    @staticmethod
    def _chunks(f: BinaryIO, p: Path, alg: str, d: str) -> Iterator[bytes]:
        h = hashlib.new(alg)
        dec = zlib.decompressobj(31)
        with f:
            try:
                while block := f.read(CHUNK):
                    out = dec.decompress(block)
                    h.update(out)
                    if out:
                        yield out
                tail = dec.flush()
                h.update(tail)
                if tail:
                    yield tail
                complete = dec.eof and not dec.unused_data
            except zlib.error:
                complete = False
        if not complete:
            raise VaultDamaged(f"The vault object {p} is damaged (not a complete gzip member).")
        if h.hexdigest() != d:
            raise VaultDamaged(f"The vault object {p} no longer matches its digest: it was "
                               "damaged or changed; restore it from your mirror.")

    def read(self, alg: str, digest_hex: str) -> bytes:
        return b"".join(self.open_verified(alg, digest_hex))

    def restore_to(self, alg: str, digest_hex: str, out: str | os.PathLike[str]) -> int:
        """Write the kept bytes to ``out`` (atomically; nothing is left at ``out`` when the
        object turns out damaged). Returns the number of bytes written."""
        out = Path(out)
        size = 0
        chunks = self.open_verified(alg, digest_hex)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            with atomic_write(out, prefix=".restore-") as f:
                for chunk in chunks:
                    f.write(chunk)
                    size += len(chunk)
        except OSError as exc:
            raise InputError(f"{out}: cannot be written ({exc.strerror or exc}).") from None
        return size

    # ------------------------------------------------------------------ care

    def check(self, *, progress: Progress | None = None) -> tuple[int, list[VaultProblem]]:
        """Re-hash every object: (objects checked, problems). Leftover temporary files of a
        write cut short are removed (they were never named, so nothing refers to them)."""
        self.clean_partial()
        objs = list(self.iter_objects())
        problems: list[VaultProblem] = []
        for i, (alg, d, p) in enumerate(objs):
            try:
                _check_name(alg, d)
                for _ in self._chunks(open(p, "rb"), p, alg, d):
                    pass
            except VaultError as exc:
                problems.append(VaultProblem(p, exc.message))
            except OSError as exc:
                problems.append(VaultProblem(p, f"cannot be read ({exc.strerror or exc})"))
            if progress:
                progress(i + 1, len(objs))
        return len(objs), problems

    def clean_partial(self) -> int:
        n = 0
        if not self.objects.is_dir():
            return 0
        for dirpath, _dirs, files in os.walk(self.objects):
            for name in files:
                if name.startswith(".vault-") and name.endswith(".tmp"):
                    try:
                        os.unlink(os.path.join(dirpath, name))
                        n += 1
                    except OSError:
                        pass
        return n

    def stats(self) -> tuple[int, int]:
        """(number of objects, bytes on disk)."""
        n = total = 0
        for _alg, _d, p in self.iter_objects():
            n += 1
            total += p.stat().st_size
        return n, total


def _write_all(out, data: bytes) -> int:
    view = memoryview(data)
    while view:
        view = view[out.write(view):]
    return len(data)


_TEMP_COUNT = itertools.count()


def _temp_file(folder: Path) -> tuple[int, str]:
    """A new temporary file in ``folder`` (its name starts ``.vault-`` and ends ``.tmp``, so
    Vault.clean_partial and the mirror know it): (fd open for writing, path)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = os.path.join(folder, f".vault-{os.getpid()}-{next(_TEMP_COUNT)}.tmp")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:  # left by a killed process with the same pid
            continue


def _publish(tmp: str, dest: Path) -> None:
    """Give a durable temporary file its object name (the same bytes if another writer got
    there first: the name is the digest)."""
    try:
        os.replace(tmp, dest)
    except OSError:
        _unlink(tmp)
        raise


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


_SYNCFS: "Callable[[int], int] | None | bool" = False  # False: not looked up yet


def _syncfs_available() -> bool:
    """Linux's syncfs(2), found through ctypes once; None elsewhere (each file is fsynced)."""
    global _SYNCFS
    if _SYNCFS is False:
        _SYNCFS = None
        if sys.platform.startswith("linux"):
            try:
                import ctypes

                fn = ctypes.CDLL(None, use_errno=True).syncfs
                fn.argtypes = [ctypes.c_int]
                fn.restype = ctypes.c_int
                _SYNCFS = fn
            except (OSError, AttributeError):
                _SYNCFS = None
    return _SYNCFS is not None


def _sync_files(root: Path) -> None:
    """Flush everything written to the file system holding ``root`` (syncfs(2)): after it, the
    batch's temporary files are on disk. Raises OSError as fsync would (ENOSPC, EIO...)."""
    import ctypes

    if not _syncfs_available():
        if hasattr(os, "sync"):  # not reached by keep_files (it checks first)
            os.sync()
        return
    fd = os.open(root, os.O_RDONLY)
    try:
        if _SYNCFS(fd) != 0:  # type: ignore[operator]
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code))
    finally:
        os.close(fd)


def _sync_folders(root: Path, folders: set[Path], *, batch: bool) -> None:
    """Make the renames (and new folders) durable: one more syncfs for a batch, else each
    distinct folder fsynced once."""
    if batch:
        _sync_files(root)
        return
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        fsync_dir(folder)


def _original_size(p: Path) -> int:
    """ISIZE of a gzip member: the original size modulo 2**32 (exact below 4 GiB)."""
    try:
        with open(p, "rb") as f:
            f.seek(-4, os.SEEK_END)
            return int.from_bytes(f.read(4), "little")
    except OSError:
        return 0


def _write_error(root: Path, exc: OSError) -> VaultError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return VaultError(f"The disk holding {root} is full: the stamped bytes could not be "
                          "kept (the stamp itself is safe). Free some space and stamp again.")
    return VaultError(f"The stamped bytes could not be kept in {root} "
                      f"({exc.strerror or exc}); the stamp itself is safe.")


__all__ = ["Vault", "Kept", "VaultError", "VaultDamaged", "VaultProblem", "should_keep",
           "DEFAULT_LIMIT_MIB", "KEEP", "SKIP", "AUTO", "MODEL_SUFFIXES"]
