"""Streaming file digests in fixed memory.

A file of any size (a 20 KB chapter or a 20 GB checkpoint) is read into one reused buffer;
progress is reported through a callback and a cancel flag is checked between chunks. A file
whose size or modification time differs before and after reading raises FileChangedError:
a digest of a moving target proves nothing, so nothing is stamped.

Only the standard library is imported here, so ``proofkit hash`` starts fast.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .errors import FileChangedError, HashCancelled, InputError
from .files import unreadable

#: Digest algorithms a file can be stamped and checked with. SM3 (GB/T 32905, OID
#: 1.2.156.10197.1.401) is what Chinese institutions and TSAs use; it comes from the OpenSSL
#: that Python's hashlib is built on (1.1.1 and newer have it).
ALGORITHMS = ("sha256", "sha384", "sha512", "sm3")
#: 64 KiB. Measured on this project's 2-core EPYC machines (bench/bench_hash.py): reading
#: 64 KiB at a time into one reused buffer hashes a cached 1 GiB file in 0.80 s, as fast as
#: `openssl dgst`; 256 KiB or 1 MiB buffers took 1.11 s (the copy no longer stays in the
#: core's cache before SHA-256 reads it). Per-chunk Python overhead is ~1 µs, 16 ms a GiB.
CHUNK_SIZE = 1 << 16
#: With several threads hashing at once, each chunk costs two hand-overs of the GIL; 4 MiB
#: chunks keep those rare (64 KiB ones made 2 threads no faster than 1). Beside 0.3 s of
#: Python work a 2 GiB hash lost 0.05-0.11 s with 4 MiB chunks, 0.10-0.17 s with 1 MiB ones
#: (both at the 0.1 ms hand-over below; bench/bench_gil_handover.py, two runs).
PARALLEL_CHUNK_SIZE = 1 << 22
#: Python's switch interval while workers hash beside Python-heavy work (see
#: _quick_gil_handover).
HANDOVER_INTERVAL = 0.0001
#: Files smaller than this are not worth a thread of their own.
PARALLEL_MIN_SIZE = 1 << 20

ProgressFn = Callable[[int, int], None]  # (bytes_done, bytes_total)


@dataclass(frozen=True)
class FileDigest:
    path: Path
    size: int
    mtime_ns: int
    alg: str
    digest: bytes

    @property
    def hex(self) -> str:
        return self.digest.hex()


class CancelFlag:
    """A thread-safe flag shared by the caller (CLI, GUI worker) and the hashing loop."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


def new_hash(alg: str) -> "hashlib._Hash":
    if alg not in ALGORITHMS:
        raise InputError(f"Unsupported hash algorithm '{alg}': use one of {', '.join(ALGORITHMS)}.")
    try:
        return hashlib.new(alg)
    except ValueError:  # an OpenSSL built without SM3 (some FIPS or trimmed builds)
        raise InputError(f"This computer's OpenSSL library cannot compute {alg.upper()} digests; "
                         "use sha256 instead.") from None


def _stat_regular(path: Path) -> os.stat_result:
    try:
        st = os.stat(path)
    except OSError as exc:
        raise unreadable(path, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a folder; give a file (or stamp the folder as a whole).")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: is not a regular file.")
    return st


def hash_file(
    path: str | os.PathLike[str],
    alg: str = "sha256",
    *,
    progress: ProgressFn | None = None,
    cancel: CancelFlag | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> FileDigest:
    """Digest one file. Raises InputError, FileChangedError or HashCancelled."""
    path = Path(path)
    h = new_hash(alg)
    before = _stat_regular(path)
    total = before.st_size
    # A small file gets a buffer its size (plus one byte, to see the end in one read).
    buf = bytearray(min(chunk_size, total + 1))
    view = memoryview(buf)
    done = 0
    try:
        # buffering=0: readinto() goes straight into our buffer, no second copy.
        with open(path, "rb", buffering=0) as f:
            while True:
                if cancel is not None and cancel.cancelled:
                    raise HashCancelled(f"{path}: hashing was cancelled; nothing was stamped.")
                n = f.readinto(view)
                if not n:
                    break
                h.update(view[:n])
                done += n
                if progress is not None:
                    progress(done, total)
    except OSError as exc:
        raise unreadable(path, exc) from None
    after = _stat_regular(path)
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns) or done != total:
        raise FileChangedError(
            f"{path}: the file changed while it was being read; save it, close the program "
            "writing it, and try again. Nothing was stamped."
        )
    return FileDigest(path, total, before.st_mtime_ns, alg, h.digest())


def hash_bytes(data: bytes, alg: str = "sha256") -> bytes:
    h = new_hash(alg)
    h.update(data)
    return h.digest()


def hash_files(
    paths: Iterable[str | os.PathLike[str]],
    alg: str = "sha256",
    *,
    workers: int | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFlag | None = None,
    while_large: Callable[[], None] | None = None,
) -> list[FileDigest | Exception]:
    """Digest several files in parallel (hashlib releases the GIL on large updates, so threads
    use every core). Returns one entry per path, in order: a FileDigest or the error raised for
    that file, so one bad file does not hide the others. ``progress`` receives aggregate bytes.

    ``while_large`` is the caller's Python-heavy start-up (its imports, opening a database),
    to be overlapped with hashing. With several large files it is queued on the pool behind
    them: the first worker left without a large file runs it, on a core that would otherwise
    idle (3 equal files on 2 cores leave one idle for a third of the time); run there, it
    does not slow the large files down; an error it raises is raised once hashing is done.
    Otherwise it is called in the calling thread before hashing starts."""
    paths = [Path(p) for p in paths]
    if workers is None:
        workers = max(1, min(len(paths), os.cpu_count() or 1))
    sizes = []
    for p in paths:
        try:
            sizes.append(os.stat(p).st_size)
        except OSError:
            sizes.append(0)
    total = sum(sizes)
    lock = threading.Lock()
    per_file = [0] * len(paths)
    done_total = [0]

    def one(i: int, chunk: int) -> FileDigest | Exception:
        def cb(done: int, _total: int) -> None:
            if progress is None:
                return
            with lock:
                done_total[0] += done - per_file[i]
                per_file[i] = done
                value = done_total[0]
            progress(value, total)

        try:
            return hash_file(paths[i], alg, progress=cb, cancel=cancel, chunk_size=chunk)
        except (InputError, HashCancelled) as exc:
            return exc

    big = [i for i, size in enumerate(sizes) if size >= PARALLEL_MIN_SIZE]
    if workers <= 1 or len(big) <= 1:
        if while_large is not None:
            while_large()
        return [one(i, CHUNK_SIZE) for i in range(len(paths))]
    # Large files go to worker threads (hashlib releases the GIL while it hashes them); small
    # ones are read here meanwhile: for them a thread hand-off costs more than the hashing
    # (10,000 small files: 0.4 s in one thread, 1.2 s spread over two).
    results: list[FileDigest | Exception | None] = [None] * len(paths)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hash") as pool:
        with _quick_gil_handover():
            # Largest first: the pool takes them in order, so the loads even out.
            futures = {i: pool.submit(one, i, PARALLEL_CHUNK_SIZE)
                       for i in sorted(big, key=lambda i: -sizes[i])}
            hook = pool.submit(while_large) if while_large is not None else None
            for i in range(len(paths)):
                if i not in futures:
                    results[i] = one(i, CHUNK_SIZE)
            for i, f in futures.items():
                results[i] = f.result()
    if hook is not None:
        hook.result()  # its error, if any, is raised here as it would be in the calling thread
    return results  # type: ignore[return-value]


_handover_lock = threading.Lock()
_handover_users = [0, 0.0]  # callers inside, switch interval to restore


@contextlib.contextmanager
def _quick_gil_handover() -> Iterator[None]:
    """While large files hash on workers beside Python-heavy work (small files, a caller's
    imports), let a worker take the GIL back within 0.1 ms instead of Python's 5 ms: each
    worker needs it between two chunks, and with 5 ms it can wait longer than a chunk takes
    to hash (bench/bench_gil_handover.py). Process-wide, so counted: the last caller out
    puts the interval back."""
    with _handover_lock:
        if _handover_users[0] == 0:
            _handover_users[1] = sys.getswitchinterval()
            sys.setswitchinterval(min(_handover_users[1], HANDOVER_INTERVAL))
        _handover_users[0] += 1
    try:
        yield
    finally:
        with _handover_lock:
            _handover_users[0] -= 1
            if _handover_users[0] == 0:
                sys.setswitchinterval(_handover_users[1])
