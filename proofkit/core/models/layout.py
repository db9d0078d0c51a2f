"""What a reader learns from a model file's header: where each tensor's bytes are.

A reader never loads tensor data; it returns a ``Layout`` (validated offsets inside the
file), and the fingerprint reads the file once, front to back, feeding each tensor's bytes
to its accumulator as they pass."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .dtypes import ElementType


@dataclass(frozen=True)
class TensorEntry:
    name: str
    etype: ElementType
    shape: tuple[int, ...]
    start: int  # absolute offset of the first byte in the file
    nbytes: int
    #: a non-contiguous PyTorch view: (storage_start, storage_nbytes, element offset, strides)
    strided: tuple[int, int, int, tuple[int, ...]] | None = None

    @property
    def numel(self) -> int:
        return math.prod(self.shape)

    @property
    def end(self) -> int:
        return self.start + self.nbytes


@dataclass
class Layout:
    container: str  # "safetensors" | "pytorch-zip" | "gguf"
    tensors: list[TensorEntry]
    #: the file's own metadata (safetensors __metadata__, GGUF key/values), as text
    metadata: dict[str, str] = field(default_factory=dict)
    #: where the tensor data region starts (safetensors: 8 + header length), else None
    data_start: int | None = None

    def array(self, path, entry: TensorEntry) -> np.ndarray:
        """A read-only memory map of one tensor's stored elements (plain dtypes only), for
        callers that want the values; the fingerprint does not use it."""
        if entry.etype.numpy is None:
            raise ValueError(f"{entry.name}: {entry.etype.name} has no plain array form")
        if entry.strided is not None:
            s_start, s_nbytes, offset, strides = entry.strided
            item = entry.etype.atom_bytes
            base = np.memmap(path, dtype=entry.etype.numpy, mode="r", offset=s_start,
                             shape=(s_nbytes // item,))
            return np.lib.stride_tricks.as_strided(
                base[offset:], shape=entry.shape, strides=tuple(s * item for s in strides),
                writeable=False)
        if entry.numel == 0:
            return np.zeros(entry.shape, dtype=entry.etype.numpy)
        return np.memmap(path, dtype=entry.etype.numpy, mode="r", offset=entry.start,
                         shape=entry.shape)
