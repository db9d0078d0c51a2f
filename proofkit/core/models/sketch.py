"""Seeded, documented sampling rules, so a comparison works from two fingerprints alone.

Tensor sketch (rule ``proofkit-sketch-v1``): for a tensor of n elements (row-major order),
the values at positions p_j = u64le(SHA-256("proofkit-sketch-v1:<n>:<j>")[:8]) mod n for
j = 0..255 (all n positions, in order, when n <= 256). The positions depend on n only, so
the same tensor under another name, in another dtype or file, is sampled at the same places.

LoRA effective-change sketch (rule ``proofkit-lora-sketch-v1``): for a module with
down (r x i) and up (o x r) factors (convolution kernels flattened) and scale s (kohya:
alpha / r; without alpha: 1), the 16 x 16 matrix s * (L @ up) @ (down @ R), where R (i x 16)
and L (16 x o) hold +1/-1 from SHAKE-256("proofkit-lora-sketch-v1:R:<i>") and
("...:L:<o>") (bit set = +1, row-major). It is (L @ deltaW @ R) for deltaW = s * up @ down,
so it does not change when the factors are rescaled (up * c, down / c), re-ranked without
loss, or renamed. How it is computed (exactly, then in a fixed order, so the bytes do not
depend on the computer) is said in ``lora.py``; the rule and its seeds are those of version 1
of the fingerprint, only the arithmetic changed in version 2."""

from __future__ import annotations

import functools
import hashlib

import numpy as np

SKETCH_RULE = "proofkit-sketch-v1"
SKETCH_SIZE = 256
LORA_RULE = "proofkit-lora-sketch-v1"
LORA_K = 16


@functools.lru_cache(maxsize=4096)
def positions(n: int) -> np.ndarray:
    """Sketch positions (in sampling order) for a tensor of ``n`` elements."""
    if n <= SKETCH_SIZE:
        return np.arange(n, dtype=np.int64)
    out = np.empty(SKETCH_SIZE, dtype=np.int64)
    for j in range(SKETCH_SIZE):
        d = hashlib.sha256(f"{SKETCH_RULE}:{n}:{j}".encode()).digest()
        out[j] = int.from_bytes(d[:8], "little") % n
    out.setflags(write=False)
    return out


@functools.lru_cache(maxsize=512)
def rademacher(tag: str, rows: int, cols: int) -> np.ndarray:
    nbits = rows * cols
    raw = hashlib.shake_256(f"{LORA_RULE}:{tag}".encode()).digest((nbits + 7) // 8)
    bits = np.unpackbits(np.frombuffer(raw, dtype=np.uint8))[:nbits]
    m = (bits.astype(np.float32) * 2.0 - 1.0).reshape(rows, cols)
    m.setflags(write=False)
    return m


def right(i: int) -> np.ndarray:
    return rademacher(f"R:{i}", i, LORA_K)


def left(o: int) -> np.ndarray:
    return rademacher(f"L:{o}", LORA_K, o)


@functools.lru_cache(maxsize=512)
def right64(i: int) -> np.ndarray:
    """``right(i)`` as float64 (the exact projections of fingerprint version 2)."""
    m = right(i).astype(np.float64)
    m.setflags(write=False)
    return m


@functools.lru_cache(maxsize=512)
def left64(o: int) -> np.ndarray:
    m = left(o).astype(np.float64)
    m.setflags(write=False)
    return m
