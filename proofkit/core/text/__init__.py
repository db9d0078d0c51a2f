"""Manuscript comparison (调色盘): reading, normalising and comparing texts. Pure logic: no
ledger, no Qt. See ``compare`` for the entry points.

The names below are loaded on first use (PEP 562): stamping asks ``reading.SUFFIXES`` whether
a file is a manuscript without paying for numpy and OpenCC."""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "IDENTICAL": "comparison", "REWRITTEN": "comparison", "STATEMENT": "comparison", "Comparison": "comparison",
    "Event": "comparison", "Passage": "comparison", "Prepared": "comparison", "compare": "comparison",
    "prepare": "comparison",
    "Normalised": "normalise", "normalised_sha256": "normalise",  # normalise(): from .normalise
    "SUFFIXES": "reading", "Document": "reading", "TextReadError": "reading", "decode_text": "reading",
    "read_any": "reading", "read_document": "reading", "read_folder": "reading",
}

__all__ = list(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
