"""Reading the user's input files and writing ours, with one clear sentence per failure."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .errors import InputError


def read_input(path: str | os.PathLike[str], what: str) -> bytes:
    """The bytes of a file the user named (``what`` says what it should be, e.g. "token file")."""
    p = Path(path)
    try:
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{p}: no such {what}.") from None
    except IsADirectoryError:
        raise InputError(f"{p}: is a folder; give a {what}.") from None
    except PermissionError:
        raise InputError(f"{p}: permission denied; ProofKit cannot read it.") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror or exc}).") from None


@contextmanager
def atomic_write(path: str | os.PathLike[str], *, prefix: str = ".proofkit-") -> Iterator[BinaryIO]:
    """Write ``path`` through a temporary file beside it, flushed to disk and renamed into
    place when the block completes: readers (and a crash) see the old file or the new one,
    never half of one. On error the temporary file is removed and ``path`` is untouched."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
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
