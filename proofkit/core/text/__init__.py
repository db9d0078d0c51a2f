"""Manuscript comparison (调色盘): reading, normalising and comparing texts. Pure logic: no
ledger, no Qt. See ``compare`` for the entry points."""

from .compare import (
    IDENTICAL,
    REWRITTEN,
    STATEMENT,
    Comparison,
    Event,
    Passage,
    Prepared,
    compare,
    prepare,
)
from .normalise import Normalised, normalise, normalised_sha256
from .reading import (
    SUFFIXES,
    Document,
    TextReadError,
    decode_text,
    read_any,
    read_document,
    read_folder,
)

__all__ = [
    "IDENTICAL", "REWRITTEN", "STATEMENT", "SUFFIXES", "Comparison", "Document", "Event", "Normalised",
    "Passage", "Prepared", "TextReadError", "compare", "decode_text", "normalise", "normalised_sha256",
    "prepare", "read_any", "read_document", "read_folder",
]
