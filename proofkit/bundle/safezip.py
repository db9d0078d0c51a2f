"""Reading a zip someone else made: nothing is extracted, nothing is written.

The central directory is checked before any member is read: names must be relative "/" paths
without "..", absolute parts or drive letters; no symlinks or other special files; no
duplicates; no encryption; only stored or deflated members; a cap on the count, on each
member's and the total uncompressed size, and on the compression ratio. Members are then read
into memory through a counting reader that stops at the cap whatever the headers declare, or
hashed as a stream (originals). Any failure is an InputError with one sentence.
"""

from __future__ import annotations

import hashlib
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError
from ..core.files import unreadable
from .format import safe_member_name

MAX_ARCHIVE_BYTES = 4 << 30
MAX_ENTRIES = 5_000
MAX_SMALL_MEMBER = 32 << 20  # manifest, tokens, certificates, VERIFY, report
MAX_MEMBER = 2 << 30  # an original (hashed as a stream, never held whole)
MAX_TOTAL = 8 << 30
MAX_RATIO = 200  # uncompressed / compressed, for members over RATIO_FROM
RATIO_FROM = 64 << 10
# Everything but the originals is read into memory (manifest, tokens, certificates, texts,
# the PDF): a real bundle holds a few MB of them, so 64 MiB in all is plenty.
MAX_SMALL_TOTAL = 64 << 20
CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    max_entries: int = MAX_ENTRIES
    max_small_member: int = MAX_SMALL_MEMBER
    max_member: int = MAX_MEMBER
    max_total: int = MAX_TOTAL
    max_ratio: int = MAX_RATIO
    max_small_total: int = MAX_SMALL_TOTAL


_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, KeyError, IndexError,
               OverflowError, NotImplementedError, RuntimeError, UnicodeDecodeError, TypeError, AssertionError)


class SafeZip:
    """An untrusted zip, opened read-only; use as a context manager."""

    def __init__(self, path: str | Path, limits: Limits | None = None) -> None:
        self.path = Path(path)
        self.limits = limits or Limits()
        try:
            size = self.path.stat().st_size
        except OSError as exc:
            raise unreadable(self.path, exc, "bundle") from None
        if self.path.is_dir():
            raise InputError(f"{self.path}: is a folder; give the bundle's .zip file.")
        if size > MAX_ARCHIVE_BYTES:
            raise InputError(f"{self.path}: is too large to be an evidence bundle.")
        self._precheck_count()
        try:
            self._zf = zipfile.ZipFile(self.path)
        except _ZIP_ERRORS as exc:
            raise InputError(f"{self.path}: is not a readable zip file ({_short(exc)}).") from None
        try:
            self.entries = self._check_directory()
        except BaseException:
            self._zf.close()
            raise

    def _precheck_count(self) -> None:
        """Refuse a central directory with too many entries before zipfile parses it all."""
        try:
            with open(self.path, "rb") as fh:
                end = zipfile._EndRecData(fh)  # noqa: SLF001 - stable since Python 2
        except _ZIP_ERRORS:
            end = None
        if end is None:
            raise InputError(f"{self.path}: is not a zip file (an evidence bundle is a .zip).")
        if end[zipfile._ECD_ENTRIES_TOTAL] > self.limits.max_entries:  # noqa: SLF001
            raise self._refuse(f"it has {end[zipfile._ECD_ENTRIES_TOTAL]} entries (at most "  # noqa: SLF001
                               f"{self.limits.max_entries})")

    def __enter__(self) -> "SafeZip":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._zf.close()

    def _refuse(self, why: str) -> InputError:
        return InputError(f"{self.path}: refused: {why}.")

    def _check_directory(self) -> dict[str, zipfile.ZipInfo]:
        lim = self.limits
        infos = self._zf.infolist()
        if len(infos) > lim.max_entries:
            raise self._refuse(f"it has {len(infos)} entries (at most {lim.max_entries})")
        entries: dict[str, zipfile.ZipInfo] = {}
        total = small_total = 0
        for zi in infos:
            name = zi.filename
            shown = repr(name[:80])
            if zi.is_dir():
                if not safe_member_name(name):
                    raise self._refuse(f"the entry {shown} has an unsafe path")
                continue
            if not safe_member_name(name) or zi.orig_filename != name:  # zipfile cuts names at NUL
                raise self._refuse(f"the entry {shown} has an unsafe path (absolute, \"..\" or control characters)")
            mode = zi.external_attr >> 16
            if zi.create_system == 3 and stat.S_IFMT(mode) not in (0, stat.S_IFREG):
                kind = "a symbolic link" if stat.S_ISLNK(mode) else "a special file"
                raise self._refuse(f"the entry {shown} is {kind}")
            if zi.flag_bits & 0x1:
                raise self._refuse(f"the entry {shown} is encrypted")
            if zi.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise self._refuse(f"the entry {shown} uses an unsupported compression")
            if name in entries:
                raise self._refuse(f"the entry {shown} appears twice")
            if zi.file_size > lim.max_member:
                raise self._refuse(f"the entry {shown} is too large")
            if zi.file_size >= RATIO_FROM and zi.file_size > lim.max_ratio * max(zi.compress_size, 1):
                raise self._refuse(f"the entry {shown} is compressed suspiciously well (a zip bomb?)")
            total += zi.file_size
            if total > lim.max_total:
                raise self._refuse("its contents are too large in total")
            if not name.startswith("originals/"):
                small_total += zi.file_size
                if small_total > lim.max_small_total:
                    raise self._refuse("its tokens, certificates and texts are too large in total")
            entries[name] = zi
        return entries

    def names(self) -> list[str]:
        return sorted(self.entries)

    def _stream(self, name: str, cap: int):
        zi = self.entries[name]
        if zi.file_size > cap:
            raise self._refuse(f"the entry {name[:80]!r} is too large")
        got, crc = 0, 0
        try:
            with self._zf.open(zi) as fh:
                while True:
                    chunk = fh.read(min(CHUNK, cap + 1 - got))
                    if not chunk:
                        break
                    got += len(chunk)
                    if got > cap or got > zi.file_size:
                        raise self._refuse(f"the entry {name[:80]!r} is larger than it declares")
                    if zi.compress_size and got >= RATIO_FROM and got > self.limits.max_ratio * zi.compress_size:
                        raise self._refuse(f"the entry {name[:80]!r} expands suspiciously (a zip bomb?)")
                    crc = zlib.crc32(chunk, crc)
                    yield chunk
        except InputError:
            raise
        except _ZIP_ERRORS as exc:
            raise self._refuse(f"the entry {name[:80]!r} is damaged ({_short(exc)})") from None
        if got != zi.file_size:
            raise self._refuse(f"the entry {name[:80]!r} is shorter than it declares")
        if crc != zi.CRC:  # also catches a declared size smaller than the real content
            raise self._refuse(f"the entry {name[:80]!r} is damaged (CRC mismatch)")

    def read(self, name: str, cap: int | None = None) -> bytes:
        """A member's bytes (small members only)."""
        if name not in self.entries:
            raise KeyError(name)
        return b"".join(self._stream(name, cap or self.limits.max_small_member))

    def sha256(self, name: str) -> tuple[str, int]:
        """(hex digest, size) of a member, streamed."""
        if name not in self.entries:
            raise KeyError(name)
        h, n = hashlib.sha256(), 0
        for chunk in self._stream(name, self.limits.max_member):
            h.update(chunk)
            n += len(chunk)
        return h.hexdigest(), n

    def digest(self, name: str, alg: str) -> bytes:
        h = hashlib.new(alg)
        for chunk in self._stream(name, self.limits.max_member):
            h.update(chunk)
        return h.digest()


def _short(exc: BaseException) -> str:
    return (str(exc) or type(exc).__name__)[:120]
