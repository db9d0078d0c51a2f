"""Which reader a model file needs, by its first bytes (never by its name alone)."""

from __future__ import annotations

import os
import zipfile
from typing import TYPE_CHECKING

from ..files import unreadable
from .errors import ModelFormatError

if TYPE_CHECKING:
    from .layout import Layout

# The readers import numpy (~40 ms): loaded when a file is read as a model, not to tell
# whether it is one (`verify` asks that of every file no stamp covers).

MODEL_SUFFIXES = (".safetensors", ".sft", ".ckpt", ".pt", ".pth", ".bin", ".gguf")


def sniff(path: str | os.PathLike[str]) -> str | None:
    """"safetensors" / "pytorch-zip" / "pytorch-legacy" / "gguf", or None."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError as exc:
        raise unreadable(path, exc) from None
    if head[:4] == b"GGUF":
        return "gguf"
    if head[:4] == b"PK\x03\x04":
        return "pytorch-zip"
    if head[:1] == b"\x80":
        from .torchzip import is_legacy_pickle

        if is_legacy_pickle(head):
            return "pytorch-legacy"
    if len(head) >= 9 and head[8:9] == b"{":
        return "safetensors"
    return None


def read_layout(path: str | os.PathLike[str]) -> Layout:
    from . import ggufile, safetensors, torchzip

    kind = sniff(path)
    if kind == "gguf":
        return ggufile.read_layout(path)
    if kind in ("pytorch-zip", "pytorch-legacy"):
        return torchzip.read_layout(path)
    if kind == "safetensors":
        return safetensors.read_layout(path)
    if str(path).lower().endswith(".safetensors"):
        return safetensors.read_layout(path)  # its own sentence on what is wrong
    raise ModelFormatError(
        f"{path}: is not a model file ProofKit can read (.safetensors, PyTorch .ckpt/.pt/.bin "
        "in zip format, or .gguf).")


def is_model_file(path: str | os.PathLike[str]) -> bool:
    try:
        kind = sniff(path)
    except Exception:
        return False
    if kind in ("gguf", "safetensors", "pytorch-legacy"):
        return True
    if kind == "pytorch-zip":
        try:
            with zipfile.ZipFile(path) as zf:
                return any(n.endswith("/data.pkl") for n in zf.namelist()[:10000])
        except (zipfile.BadZipFile, OSError, ValueError):
            return False
    return False
