"""Canonical JSON: the exact bytes a fingerprint is hashed and stamped as.

UTF-8, keys sorted, no whitespace, no NaN/Infinity (non-finite numbers are written as null
by the producer), floats in Python's shortest round-trip form. Two runs over the same file
give the same bytes, on any machine: for fingerprints of version 2 and later, whose values
are computed so they do not depend on threads, BLAS kernels or SIMD (``fingerprint.py``);
version 1 documents could differ in last bits between computers."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
from typing import Any

import numpy as np


def dumps(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def digest(obj: Any) -> str:
    return hashlib.sha256(dumps(obj)).hexdigest()


def finite(x: float) -> float | None:
    """A float for the document: non-finite values become null, -0.0 becomes 0.0."""
    x = float(x)
    if not math.isfinite(x):
        return None
    return x + 0.0


def pack_f32(values: np.ndarray) -> str:
    """Little-endian float32 values as base64 (sketches: compact and exact)."""
    return base64.b64encode(np.ascontiguousarray(values, dtype="<f4").tobytes()).decode("ascii")


def unpack_f32(text: str, dtype=np.float32) -> np.ndarray:
    """The values of :func:`pack_f32`, as ``dtype``; a ValueError for anything but strict
    base64 of whole float32 values."""
    raw = binascii.a2b_base64(text, strict_mode=True)
    if len(raw) % 4:
        raise ValueError("sketch length is not a multiple of 4 bytes")
    return np.frombuffer(raw, dtype="<f4").astype(dtype)
