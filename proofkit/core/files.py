"""Reading the user's input files and writing ours, with one clear sentence per failure."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import InputError


def unreadable(path: str | os.PathLike[str], exc: OSError, what: str = "file") -> InputError:
    """The one sentence for an OS error on a file the user named (``what`` says what it
    should be: "file", "token file", "bundle"...)."""
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{path}: no such {what}.")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{path}: is a folder; give a {what}.")
    if isinstance(exc, PermissionError):
        return InputError(f"{path}: permission denied; ProofKit cannot read it.")
    return InputError(f"{path}: cannot be read ({exc.strerror or exc}).")


def read_input(path: str | os.PathLike[str], what: str) -> bytes:
    """The bytes of a file the user named (``what`` says what it should be, e.g. "token file")."""
    p = Path(path)
    try:
        return p.read_bytes()
    except OSError as exc:
        raise unreadable(p, exc, what) from None


@contextmanager
def atomic_write(path: str | os.PathLike[str], *, prefix: str = ".proofkit-",
                 suffix: str = ".tmp") -> Iterator[BinaryIO]:
    """Write ``path`` through a temporary file beside it (named ``prefix``…``suffix``), flushed
    to disk and renamed into place when the block completes: readers (and a crash) see the old
    file or the new one, never half of one. On error the temporary file is removed and
    ``path`` is untouched."""
    import tempfile  # only writers need it; `proofkit hash` starts without it

    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def fsync_dir(path: str | os.PathLike[str]) -> None:
    """Make a rename in the folder ``path`` durable (POSIX; a no-op where folders cannot be
    opened). Some file systems (network shares, FUSE cloud drives) cannot fsync a folder: the
    rename stands; a real failure (disk full, I/O error) is raised like any write error."""
    import errno

    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES):
            raise
    finally:
        os.close(fd)
