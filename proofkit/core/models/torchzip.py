"""PyTorch checkpoints (``.ckpt``, ``.pt``, ``.pth``, ``.bin``) in PyTorch's zip format,
read without torch and without running anything the file asks for.

The state dict is a pickle; ``pickle.load`` on it would run whatever callables the file
names. Here a restricted unpickler resolves only a short whitelist of names to functions of
ours that *record* a tensor (storage, offset, shape, strides) instead of building one; any
other name (``os.system``, ``builtins.eval``, a Lightning callback class...) stops the read
with one sentence. The legacy non-zip format (PyTorch < 1.6) is refused: reading it needs
the pickle machinery for more than tensors."""

from __future__ import annotations

import io
import math
import os
import pickle
import struct
import zipfile
from collections import OrderedDict
from dataclasses import dataclass

from .dtypes import PLAIN
from .errors import ModelFormatError
from .layout import Layout, TensorEntry

#: data.pkl of a state dict with tens of thousands of tensors is a few megabytes
MAX_PICKLE = 64 << 20
MAX_ENTRIES = 200_000

_STORAGES = {
    "DoubleStorage": "F64", "FloatStorage": "F32", "HalfStorage": "F16",
    "BFloat16Storage": "BF16", "LongStorage": "I64", "IntStorage": "I32",
    "ShortStorage": "I16", "CharStorage": "I8", "ByteStorage": "U8", "BoolStorage": "BOOL",
}


@dataclass(frozen=True)
class _StorageType:
    dtype: str


@dataclass(frozen=True)
class _StorageRef:
    key: str
    dtype: str
    numel: int


@dataclass(frozen=True)
class _TensorRef:
    storage: _StorageRef
    offset: int
    shape: tuple[int, ...]
    stride: tuple[int, ...]


def _int(x) -> int:
    if not isinstance(x, int) or isinstance(x, bool):
        raise pickle.UnpicklingError("a tensor field is not an integer")
    return x


def _rebuild_tensor_v2(storage, storage_offset, size, stride, *_rest):
    if not isinstance(storage, _StorageRef):
        raise pickle.UnpicklingError("a tensor without a storage")
    if not isinstance(size, tuple) or not isinstance(stride, tuple) or len(size) != len(stride):
        raise pickle.UnpicklingError("a tensor with an invalid shape")
    return _TensorRef(storage, _int(storage_offset), tuple(_int(s) for s in size),
                      tuple(_int(s) for s in stride))


def _rebuild_parameter(data, *_rest):
    return data


def _ordered_dict(*args):
    return OrderedDict(*args)


_ALLOWED = {
    ("torch._utils", "_rebuild_tensor_v2"): _rebuild_tensor_v2,
    ("torch._utils", "_rebuild_parameter"): _rebuild_parameter,
    ("torch._utils", "_rebuild_parameter_with_state"): _rebuild_parameter,
    ("collections", "OrderedDict"): OrderedDict,
}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        fn = _ALLOWED.get((module, name))
        if fn is not None:
            return fn
        if module == "torch" and name in _STORAGES:
            return _StorageType(_STORAGES[name])
        raise pickle.UnpicklingError(f"it asks to run {module}.{name}, which is not a tensor")

    def persistent_load(self, pid):
        if (not isinstance(pid, tuple) or len(pid) != 5 or pid[0] != "storage"
                or not isinstance(pid[1], _StorageType) or not isinstance(pid[2], str)):
            raise pickle.UnpicklingError("a storage reference of an unknown form")
        return _StorageRef(pid[2], pid[1].dtype, _int(pid[4]))


def _bad(path, why: str) -> ModelFormatError:
    return ModelFormatError(f"{path}: cannot be read safely as a PyTorch checkpoint ({why}); "
                            "nothing in it was run.")


def _flatten(obj, prefix: str, out: dict, depth: int = 0) -> None:
    """Tensors of nested dicts as dotted names (a Lightning ``state_dict`` key, a plain
    state dict, an ``{"ema": ..., "model": ...}`` pair); other values are ignored."""
    if depth > 16:
        return
    if isinstance(obj, _TensorRef):
        out[prefix] = obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(k, (str, int)):
                key = str(k) if not prefix else f"{prefix}.{k}"
                # The usual wrapper key adds nothing to a tensor's name.
                if prefix == "" and k == "state_dict" and isinstance(v, dict):
                    key = ""
                _flatten(v, key, out, depth + 1)
    elif isinstance(obj, (list, tuple)):
        for i, v in enumerate(obj):
            _flatten(v, f"{prefix}.{i}" if prefix else str(i), out, depth + 1)


def _data_offset(f, info: zipfile.ZipInfo, size: int, path) -> int:
    f.seek(info.header_offset)
    local = f.read(30)
    if len(local) != 30 or local[:4] != b"PK\x03\x04":
        raise _bad(path, "damaged zip entry")
    n, m = struct.unpack("<HH", local[26:30])
    start = info.header_offset + 30 + n + m
    if start + info.file_size > size:
        raise _bad(path, "a zip entry runs past the end of the file")
    return start


def is_legacy_pickle(head: bytes) -> bool:
    return head[:1] == b"\x80" and len(head) > 1 and head[1] in (2, 3, 4, 5)


def read_layout(path: str | os.PathLike[str]) -> Layout:
    try:
        f = open(path, "rb")
    except OSError as exc:
        from ..files import unreadable
        raise unreadable(path, exc) from None
    with f:
        size = os.fstat(f.fileno()).st_size
        head = f.read(8)
        if is_legacy_pickle(head):
            raise ModelFormatError(
                f"{path}: is a PyTorch checkpoint in the legacy (pre-1.6, non-zip) format, which "
                "cannot be read without running code from the file; re-save it as .safetensors "
                "with a trusted tool. Nothing in it was run.")
        f.seek(0)
        try:
            zf = zipfile.ZipFile(f)
            infos = zf.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise _bad(path, f"not a zip archive: {str(exc)[:60]}") from None
        if len(infos) > MAX_ENTRIES:
            raise _bad(path, "too many entries")
        pkl = [i for i in infos if i.filename.endswith("data.pkl") and i.filename.count("/") == 1]
        if len(pkl) != 1:
            raise _bad(path, "no single data.pkl record")
        prefix = pkl[0].filename[: -len("data.pkl")]
        if pkl[0].file_size > MAX_PICKLE:
            raise _bad(path, "the record of tensors is implausibly large")
        by_name = {i.filename: i for i in infos}
        try:
            with zf.open(pkl[0]) as p:
                data = p.read(MAX_PICKLE + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
            raise _bad(path, f"damaged record of tensors: {str(exc)[:60]}") from None
        if len(data) > MAX_PICKLE:
            raise _bad(path, "the record of tensors is implausibly large")
        try:
            obj = _Unpickler(io.BytesIO(data)).load()
        except pickle.UnpicklingError as exc:
            raise _bad(path, str(exc)) from None
        except (EOFError, ValueError, TypeError, AttributeError, IndexError, KeyError,
                RecursionError, MemoryError, struct.error) as exc:
            raise _bad(path, f"damaged record of tensors ({type(exc).__name__})") from None
        refs: dict[str, _TensorRef] = {}
        _flatten(obj, "", refs)
        storages: dict[str, tuple[int, int]] = {}
        entries: list[TensorEntry] = []
        for name, ref in refs.items():
            etype = PLAIN[ref.storage.dtype]
            item = etype.atom_bytes
            if ref.storage.key not in storages:
                info = by_name.get(f"{prefix}data/{ref.storage.key}")
                if info is None:
                    raise _bad(path, f"tensor {name!r} points to a missing storage")
                if info.compress_type != zipfile.ZIP_STORED:
                    raise _bad(path, "a compressed storage (PyTorch never writes one)")
                start = _data_offset(f, info, size, path)
                storages[ref.storage.key] = (start, info.file_size)
            s_start, s_nbytes = storages[ref.storage.key]
            if ref.storage.numel * item > s_nbytes:
                raise _bad(path, f"tensor {name!r} has a storage shorter than it claims")
            shape, stride, off = ref.shape, ref.stride, ref.offset
            if any(d < 0 for d in shape) or any(s < 0 for s in stride) or off < 0:
                raise _bad(path, f"tensor {name!r} has a negative size or stride")
            numel = math.prod(shape)
            if numel:
                last = off + sum((d - 1) * s for d, s in zip(shape, stride))
                if last >= ref.storage.numel:
                    raise _bad(path, f"tensor {name!r} reaches outside its storage")
            contiguous = all(
                d == 1 or s == math.prod(shape[i + 1:]) for i, (d, s) in enumerate(zip(shape, stride)))
            if contiguous:
                entries.append(TensorEntry(name, etype, shape, s_start + off * item, numel * item))
            else:
                entries.append(TensorEntry(name, etype, shape, s_start, 0,
                                           strided=(s_start, s_nbytes, off, stride)))
    entries.sort(key=lambda e: (e.start, e.end, e.name))
    return Layout("pytorch-zip", entries, {}, None)
