"""``.gguf`` (llama.cpp, ComfyUI-GGUF): read through the ``gguf`` package's reader, with our
own bounds checks first. Quantised tensors are dequantised (by ``gguf``) for the canonical
hashes, statistics and sketches; their raw hash covers the quantised bytes."""

from __future__ import annotations

import hashlib
import os
import struct

from .dtypes import PLAIN, ElementType, quantised
from .errors import ModelFormatError
from .layout import Layout, TensorEntry

MAX_COUNT = 1_000_000
_PLAIN_GGUF = {"F32": "F32", "F16": "F16", "BF16": "BF16", "F64": "F64",
               "I8": "I8", "I16": "I16", "I32": "I32", "I64": "I64"}


def _bad(path, why: str) -> ModelFormatError:
    return ModelFormatError(f"{path}: is not a valid GGUF file ({why}); nothing in it was used.")


def _etype(qtype) -> ElementType:
    from gguf import quants
    from gguf.constants import GGML_QUANT_SIZES

    name = qtype.name
    if name in _PLAIN_GGUF:
        return PLAIN[_PLAIN_GGUF[name]]
    block_elems, block_bytes = GGML_QUANT_SIZES[qtype]
    return quantised(name, block_elems, block_bytes, lambda a, q=qtype: quants.dequantize(a, q))


def read_layout(path: str | os.PathLike[str]) -> Layout:
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            head = f.read(24)
    except OSError as exc:
        from ..files import unreadable
        raise unreadable(path, exc) from None
    if len(head) < 24 or head[:4] != b"GGUF":
        raise _bad(path, "no GGUF signature")
    n_tensors, n_kv = struct.unpack("<QQ", head[8:24])
    # Each tensor record and key/value takes well over 8 bytes: counts beyond size/8 lie.
    if n_tensors > MAX_COUNT or n_kv > MAX_COUNT or (n_tensors + n_kv) * 8 > size:
        raise _bad(path, "implausible tensor or key counts")
    try:
        from gguf import GGUFReader
        from gguf.constants import GGUFValueType
        reader = GGUFReader(path)
        tensors = list(reader.tensors)
        entries = []
        for t in tensors:
            etype = _etype(t.tensor_type)
            shape = tuple(int(d) for d in reversed(t.shape.tolist()))
            start, nbytes = int(t.data_offset), int(t.n_bytes)
            if start < 0 or start + nbytes > size:
                raise _bad(path, f"tensor {t.name!r} lies outside the file")
            if nbytes * etype.atom_elems != t.n_elements * etype.atom_bytes:
                raise _bad(path, f"tensor {t.name!r} has a size its type does not allow")
            entries.append(TensorEntry(t.name, etype, shape, start, nbytes))
        metadata: dict[str, str] = {}
        for name, field in reader.fields.items():
            if name.startswith("GGUF."):
                continue
            if field.types and field.types[0] == GGUFValueType.ARRAY:
                h = hashlib.sha256()
                for i in field.data:
                    h.update(field.parts[i].tobytes())
                metadata[name] = f"array[{len(field.data)}] sha256:{h.hexdigest()}"
            else:
                value = field.contents()
                metadata[name] = value if isinstance(value, str) else repr(value)
    except ModelFormatError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, OverflowError, UnicodeDecodeError,
            struct.error, MemoryError, NotImplementedError) as exc:
        raise _bad(path, str(exc)[:80] or type(exc).__name__) from None
    entries.sort(key=lambda e: (e.start, e.end))
    prev_end = 0
    for e in entries:
        if e.nbytes and e.start < prev_end:
            raise _bad(path, f"tensor {e.name!r} overlaps another tensor")
        prev_end = max(prev_end, e.end)
    return Layout("gguf", entries, metadata, None)
