"""Element types of model tensors, how to decode them to float32 and how to round them
canonically to fp16 and bf16.

Canonical rounding is what makes a cast copy match exactly: a tensor saved as fp32 and the
same tensor cast to fp16 by a re-uploader give the same bytes once both are rounded to fp16
(IEEE round-to-nearest-even, little-endian); likewise for bf16. fp16 and bf16 sources go
through 65,536-entry tables (exact, one gather per chunk); other float sources through
float32 (float64 is rounded to float32 first: a double rounding, documented, that no
re-uploader's cast to fp16 or bf16 from float64 directly would undo in practice)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import ml_dtypes
import numpy as np

_CODES = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16)
with np.errstate(all="ignore"):  # the NaN codes cast to NaN, as they should
    #: fp16 code -> bf16 code of the same value rounded to bf16
    BF16_FROM_F16 = _CODES.view(np.float16).astype(np.float32).astype(ml_dtypes.bfloat16).view(np.uint16)
    #: float32 value of every fp16 / bf16 code
    F16_FLOAT32 = _CODES.view(np.float16).astype(np.float32)
    BF16_FLOAT32 = _CODES.view(ml_dtypes.bfloat16).astype(np.float32)


def __getattr__(name: str):
    """``F16_FROM_BF16`` (bf16 code -> fp16 code of the same value rounded to fp16) is made on
    first use: numpy's float32 -> fp16 cast of the out-of-range values takes ~4 ms, which
    every start of ``proofkit compare`` paid for files without a bf16 tensor."""
    if name == "F16_FROM_BF16":
        with np.errstate(all="ignore"):
            table = _CODES.view(ml_dtypes.bfloat16).astype(np.float32).astype(np.float16).view(np.uint16)
        globals()[name] = table
        return table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: elements per np.take in ``lookup``: numpy turns the uint16 codes into 8-byte indices first,
#: so a whole 8 MiB chunk at once spills the caches (measured: 0.74 s/GiB for the fp16 ->
#: bf16 table at once, 0.31 s/GiB by 128 K-element slices; 0.69 vs 0.40 for fp16 -> float32).
LOOKUP_SLICE = 1 << 17


def lookup(table: np.ndarray, codes: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``table[codes]`` for 16-bit codes, by cache-sized slices (same values, faster); into
    ``out`` (at least as long, same dtype) when given, which is returned cut to length."""
    out = np.empty(len(codes), dtype=table.dtype) if out is None else out[:len(codes)]
    for i in range(0, len(codes), LOOKUP_SLICE):
        np.take(table, codes[i:i + LOOKUP_SLICE], out=out[i:i + LOOKUP_SLICE], mode="wrap")
    return out


@dataclass(frozen=True)
class ElementType:
    """``kind``: "f16" / "bf16" (table paths), "float" (decoded to float32, rounded through
    it), "int" (no canonical rounding: integers and booleans compare by their bytes).
    ``atom_bytes`` bytes hold ``atom_elems`` elements (1 for plain types, a block for GGUF
    quantisations)."""

    name: str
    kind: str
    atom_bytes: int
    atom_elems: int = 1
    numpy: np.dtype | None = None
    decoder: Callable[[memoryview | bytes], np.ndarray] | None = None

    def decode(self, buf) -> np.ndarray:
        """float32 values of whole atoms (float64 for integers, to keep large ones exact)."""
        if self.decoder is not None:
            return self.decoder(buf)
        arr = np.frombuffer(buf, dtype=self.numpy)
        if self.kind == "int":
            return arr.astype(np.float64)
        return arr.astype(np.float32)


def _plain(name: str, kind: str, dtype) -> ElementType:
    dt = np.dtype(dtype).newbyteorder("<") if np.dtype(dtype).itemsize > 1 else np.dtype(dtype)
    return ElementType(name, kind, dt.itemsize, 1, dt)


#: safetensors dtype names (PyTorch's storages and GGUF's plain types map onto these)
PLAIN = {
    "F64": _plain("F64", "float", np.float64),
    "F32": _plain("F32", "float", np.float32),
    "F16": _plain("F16", "f16", np.float16),
    "BF16": ElementType("BF16", "bf16", 2, 1, np.dtype("<u2"),
                        lambda b: lookup(BF16_FLOAT32, np.frombuffer(b, dtype="<u2"))),
    "F8_E4M3": ElementType("F8_E4M3", "float", 1, 1, np.dtype(ml_dtypes.float8_e4m3fn),
                           lambda b: np.frombuffer(b, dtype=ml_dtypes.float8_e4m3fn).astype(np.float32)),
    "F8_E5M2": ElementType("F8_E5M2", "float", 1, 1, np.dtype(ml_dtypes.float8_e5m2),
                           lambda b: np.frombuffer(b, dtype=ml_dtypes.float8_e5m2).astype(np.float32)),
    "I64": _plain("I64", "int", np.int64),
    "I32": _plain("I32", "int", np.int32),
    "I16": _plain("I16", "int", np.int16),
    "I8": _plain("I8", "int", np.int8),
    "U8": _plain("U8", "int", np.uint8),
    "U16": _plain("U16", "int", np.uint16),
    "U32": _plain("U32", "int", np.uint32),
    "U64": _plain("U64", "int", np.uint64),
    "BOOL": _plain("BOOL", "int", np.bool_),
}


def quantised(name: str, block_elems: int, block_bytes: int,
              dequantise: Callable[[np.ndarray], np.ndarray]) -> ElementType:
    """A GGUF block-quantised type: whole blocks decode through the gguf package."""
    def dec(buf) -> np.ndarray:
        return np.asarray(dequantise(np.frombuffer(buf, dtype=np.uint8)), dtype=np.float32).reshape(-1)
    return ElementType(name, "float", block_bytes, block_elems, None, dec)


def to_f16_bytes(values: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore", invalid="ignore"):
        return values.astype("<f2")


def to_bf16_bytes(values: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore", invalid="ignore"):
        return values.astype(ml_dtypes.bfloat16)
