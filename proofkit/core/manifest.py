"""Folder manifests: many files, one time stamp.

A manifest is a sha256sum file: one ``<hex>  <relative path>`` line per file, sorted by path,
UTF-8, LF line ends, preceded by two comment lines (``sha256sum -c`` skips them): one naming
the work, one carrying a random salt. The salt makes the manifest's digest unguessable, so a
TSA (or anyone holding the token) cannot confirm a guess about which files were stamped.

The manifest's own SHA-256 is what gets time-stamped, once per TSA. Any single file is then
provable alone with its manifest line, the manifest and the token:
``sha256sum -c`` and ``openssl ts -verify -data <manifest>``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, ProofKitError
from .hashing import CancelFlag, FileDigest, hash_files

HEADER = "# ProofKit folder manifest v1"
# Files that are never part of a work: editor and OS litter.
IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
SKIPPED_DIRS = {".git", ".hg", ".svn", "__pycache__"}


@dataclass(frozen=True)
class ManifestEntry:
    digest_hex: str
    rel_path: str
    size: int | None = None


@dataclass(frozen=True)
class Manifest:
    work: str
    salt: str
    entries: tuple[ManifestEntry, ...]

    @property
    def text(self) -> str:
        return render(self.work, self.salt, self.entries)

    @property
    def data(self) -> bytes:
        return self.text.encode("utf-8")

    def same_content(self, other: "Manifest | None") -> bool:
        """Whether two manifests list the same files with the same digests (salt aside)."""
        if other is None:
            return False
        return [(e.rel_path, e.digest_hex) for e in self.entries] == [
            (e.rel_path, e.digest_hex) for e in other.entries]


def _escape(rel: str) -> tuple[str, str]:
    # sha256sum's convention: a leading backslash marks a line whose name is escaped.
    if "\\" in rel or "\n" in rel:
        return "\\", rel.replace("\\", "\\\\").replace("\n", "\\n")
    return "", rel


def _unescape(rel: str) -> str:
    out, i = [], 0
    while i < len(rel):
        if rel[i] == "\\" and i + 1 < len(rel):
            out.append({"n": "\n", "r": "\r"}.get(rel[i + 1], rel[i + 1]))  # coreutils 9 writes \r
            i += 2
        else:
            out.append(rel[i])
            i += 1
    return "".join(out)


def render(work: str, salt: str, entries) -> str:
    work_line = work.replace("\n", " ")
    lines = [f"{HEADER} — work: {work_line}", f"# salt: {salt}"]
    for e in sorted(entries, key=lambda e: e.rel_path):
        prefix, name = _escape(e.rel_path)
        lines.append(f"{prefix}{e.digest_hex}  {name}")
    return "\n".join(lines) + "\n"


def _scan(text: str) -> tuple[str, str, list[tuple[str, str]]]:
    work, salt, pairs = "", "", []
    append = pairs.append
    # Lines end at "\n" only: a file name may hold "\r", a form feed or U+2028, written as
    # they are and read so by `sha256sum -c` (str.splitlines would cut the line there).
    for line in text.split("\n"):
        if line[:1] == "#":
            if line.startswith(HEADER):
                work = line.partition("work: ")[2]
            elif line.startswith("# salt: "):
                salt = line[8:]
            continue
        if not line.strip():
            continue
        escaped = line[:1] == "\\"
        body = line[1:] if escaped else line
        hexd, sep, name = body.partition("  ")
        if not sep or len(hexd) not in (64, 96, 128):
            raise InputError("The folder manifest has a malformed line.")
        append((hexd.lower(), _unescape(name) if escaped else name))
    return work, salt, pairs


def parse(text: str) -> Manifest:
    work, salt, pairs = _scan(text)
    return Manifest(work, salt, tuple(ManifestEntry(d, rel) for d, rel in pairs))


def entry_pairs(text: str) -> list[tuple[str, str]]:
    """``(digest_hex, rel_path)`` of each line, in listing order: what ``parse`` reads, without
    building its objects (a 10,000-line manifest is indexed on every folder stamp)."""
    return _scan(text)[2]


def list_files(folder: Path) -> list[Path]:
    """Every regular file under ``folder``, sorted; symlinks are not followed (a link could
    point outside the work); hidden VCS folders are skipped."""
    if not folder.is_dir():
        raise InputError(f"{folder}: is not a folder.")
    out: list[str] = []
    stack = [os.fspath(folder)]
    while stack:  # os.scandir: the file type comes with the listing, no stat per file
        try:
            with os.scandir(stack.pop()) as it:
                for entry in it:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name not in SKIPPED_DIRS:
                            stack.append(entry.path)
                    elif entry.is_file(follow_symlinks=False) and entry.name not in IGNORED_NAMES:
                        out.append(entry.path)
        except PermissionError as exc:
            raise InputError(f"{exc.filename}: permission denied; ProofKit cannot read it.") from None
    out.sort()
    return [Path(p) for p in out]


def rel_name(path: Path, base: Path) -> str:
    return path.relative_to(base).as_posix()


def build(
    folder: Path,
    work: str,
    *,
    files: list[Path] | None = None,
    base: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: CancelFlag | None = None,
    known: dict[str, tuple[int, int, str]] | None = None,
    while_large: Callable[[], None] | None = None,
) -> tuple[Manifest, list[FileDigest]]:
    """Hash every file (in parallel) and build a salted manifest.

    ``known`` maps rel_path -> (size, mtime_ns, hex) from an earlier run (watch mode): a file
    whose size and mtime are unchanged is not read again."""
    base = base or folder
    files = files if files is not None else list_files(folder)
    if not files:
        raise InputError(f"{folder}: has no files to stamp.")
    entries: list[ManifestEntry] = []
    digests: list[FileDigest] = []
    todo = []
    for f in files:
        rel = rel_name(f, base)
        prior = (known or {}).get(rel)
        if prior is not None:
            try:
                st = f.stat()
            except OSError:
                st = None
            if st is not None and (st.st_size, st.st_mtime_ns) == prior[:2]:
                entries.append(ManifestEntry(prior[2], rel, st.st_size))
                digests.append(FileDigest(f, st.st_size, st.st_mtime_ns, "sha256", bytes.fromhex(prior[2])))
                continue
        todo.append((f, rel))
    results = hash_files([f for f, _ in todo], "sha256", progress=progress, cancel=cancel,
                         while_large=while_large)
    for (f, rel), r in zip(todo, results):
        if isinstance(r, ProofKitError):
            raise r
        entries.append(ManifestEntry(r.hex, rel, r.size))
        digests.append(r)
    entries.sort(key=lambda e: e.rel_path)
    return Manifest(work, secrets.token_hex(16), tuple(entries)), digests
