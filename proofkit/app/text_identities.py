"""The normalised-text identity of a stamped manuscript: the SHA-256 of its text after
normalisation, so the .docx, .txt and .epub of one chapter link to one identity in the ledger.

Kept apart from ``text_comparing`` because every stamp of a manuscript records it: this module
loads only the reader and the normaliser, not the comparison (whose import a one-file stamp
from the shell would otherwise pay)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from proofkit.core.errors import InputError
from proofkit.core.text.reading import SUFFIXES

if TYPE_CHECKING:
    from .session import Session
    from .stamping import Hashed


def digest_of(path: Path, alg: str) -> str:
    """The hex digest of the file at ``path`` now, with ``alg``."""
    from proofkit.core.hashing import hash_file

    return hash_file(path, alg).hex


IDENTITY_LIMIT = 64 * 2**20  # bytes: larger files are not manuscripts worth an identity


def text_identity(path: Path, hash_alg: str, digest_hex: str) -> tuple[str, int] | None:
    """(normalised SHA-256, normalised characters) of a manuscript file whose bytes still
    hash to ``digest_hex``; None when it is not a manuscript (suffix, size, plain text that
    no strict encoding decodes: an identity never rests on a guess) or changed meanwhile."""
    from proofkit.core.text.normalise import normalised_sha256, normalised_text
    from proofkit.core.text.reading import read_document

    if path.suffix.lower() not in SUFFIXES:
        return None
    try:
        if path.stat().st_size > IDENTITY_LIMIT:
            return None
        doc = read_document(path, guess=False)
        # the identity is of the stamped bytes: a file that changed since it was hashed gets none
        if digest_of(path, hash_alg) != digest_hex:
            return None
    except (OSError, InputError):
        return None
    n = normalised_text(doc.text)
    return normalised_sha256(n), len(n)


def record_text_identities(session: Session, item: Hashed, version_id: int) -> int:
    """Record in the ledger the normalised-text identity of each manuscript file of a stamped
    item (a file, or the files of a folder's manifest). Returns how many were recorded."""
    if item.manifest is not None:
        base = Path(item.path)
        wanted = [(base / e.rel_path, e.rel_path, "sha256", e.digest_hex) for e in item.manifest.entries]
    else:
        wanted = [(Path(item.path), "", item.hash_alg, item.digest.hex())]
    rows = []
    for path, rel, alg, hexd in wanted:
        ident = text_identity(path, alg, hexd)
        if ident is not None:
            rows.append((rel, ident[0], ident[1]))
    if rows:
        session.ledger.add_text_identities(version_id, rows)
    return len(rows)
