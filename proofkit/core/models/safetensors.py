"""``.safetensors``: 8-byte little-endian header length, a JSON header, then the tensor
data. Read without the safetensors package (and without torch), refusing anything the
format does not allow: a header over the cap, offsets outside the data, overlapping
tensors, holes or trailing bytes in the data (hidden bytes a hash would cover but no tensor
shows), a size that does not match dtype × shape, duplicate names."""

from __future__ import annotations

import json
import math
import os

from .dtypes import PLAIN
from .errors import ModelFormatError
from .layout import Layout, TensorEntry

#: The safetensors library's own cap on the header (100 MB); real headers are kilobytes to
#: a few megabytes (LoRAs with training metadata).
MAX_HEADER = 100_000_000
MAX_DIMS = 16


def _bad(path, why: str) -> ModelFormatError:
    return ModelFormatError(f"{path}: is not a valid safetensors file ({why}); nothing in it was used.")


def _pairs_no_duplicates(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate key {k!r}")
        out[k] = v
    return out


def read_layout(path: str | os.PathLike[str], f=None) -> Layout:
    own = f is None
    if own:
        try:
            f = open(path, "rb")
        except OSError as exc:
            from ..files import unreadable
            raise unreadable(path, exc) from None
    try:
        size = os.fstat(f.fileno()).st_size
        head = f.read(8)
        if len(head) < 8:
            raise _bad(path, "shorter than its 8-byte header length")
        n = int.from_bytes(head, "little")
        if n > MAX_HEADER:
            raise _bad(path, f"header of {n:,} bytes, over the {MAX_HEADER:,}-byte limit")
        if 8 + n > size:
            raise _bad(path, "header longer than the file")
        raw = f.read(n)
    finally:
        if own:
            f.close()
    if len(raw) != n:
        raise _bad(path, "file shorter than its header")
    if not raw.lstrip(b" ").startswith(b"{"):
        raise _bad(path, "header is not a JSON object")
    try:
        header = json.loads(raw.decode("utf-8"), object_pairs_hook=_pairs_no_duplicates)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _bad(path, f"header is not valid JSON: {str(exc)[:80]}") from None
    if not isinstance(header, dict):
        raise _bad(path, "header is not a JSON object")
    data_start = 8 + n
    data_len = size - data_start
    metadata = header.pop("__metadata__", None) or {}
    if not isinstance(metadata, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()):
        raise _bad(path, "__metadata__ is not a map of text to text")
    entries: list[TensorEntry] = []
    for name, info in header.items():
        if not isinstance(info, dict):
            raise _bad(path, f"tensor {name!r} is not described by an object")
        dtype, shape, offs = info.get("dtype"), info.get("shape"), info.get("data_offsets")
        etype = PLAIN.get(dtype) if isinstance(dtype, str) else None
        if etype is None:
            raise _bad(path, f"tensor {name!r} has an unknown dtype {str(dtype)[:20]!r}")
        if (not isinstance(shape, list) or len(shape) > MAX_DIMS
                or not all(isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in shape)):
            raise _bad(path, f"tensor {name!r} has an invalid shape")
        if (not isinstance(offs, list) or len(offs) != 2
                or not all(isinstance(o, int) and not isinstance(o, bool) for o in offs)):
            raise _bad(path, f"tensor {name!r} has invalid data offsets")
        begin, end = offs
        if not 0 <= begin <= end <= data_len:
            raise _bad(path, f"tensor {name!r} lies outside the file's data")
        if end - begin != math.prod(shape) * etype.atom_bytes:
            raise _bad(path, f"tensor {name!r} has {end - begin} bytes, not what its dtype and shape need")
        entries.append(TensorEntry(name, etype, tuple(shape), data_start + begin, end - begin))
    entries.sort(key=lambda e: (e.start, e.end))
    pos = data_start
    for e in entries:
        if e.nbytes == 0:
            continue
        if e.start < pos:
            raise _bad(path, f"tensor {e.name!r} overlaps another tensor")
        if e.start > pos:
            raise _bad(path, f"the data has {e.start - pos} bytes that belong to no tensor")
        pos = e.end
    if pos != size:
        raise _bad(path, f"the data has {size - pos} bytes after the last tensor")
    return Layout("safetensors", entries, dict(metadata), data_start)
