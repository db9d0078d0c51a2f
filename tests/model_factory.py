"""Model files built with numpy for the model tests: safetensors (any dtype, any metadata),
PyTorch zip checkpoints (the pickle written opcode by opcode, as torch.save lays it out),
GGUF (through the gguf package's writer), LoRAs and hostile files. Nothing is downloaded."""

from __future__ import annotations

import json
import pickle
import struct
import zipfile
from pathlib import Path

import ml_dtypes
import numpy as np

_ST_DTYPES = {np.dtype(np.float32): "F32", np.dtype(np.float16): "F16",
              np.dtype(ml_dtypes.bfloat16): "BF16", np.dtype(np.float64): "F64",
              np.dtype(np.int64): "I64", np.dtype(np.int32): "I32", np.dtype(np.uint8): "U8"}


def write_safetensors(path: Path, tensors: dict[str, np.ndarray], metadata: dict | None = None,
                      order: list[str] | None = None) -> Path:
    header: dict = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    blobs, off = [], 0
    for name in order or sorted(tensors):
        a = np.ascontiguousarray(tensors[name])
        data = a.astype(a.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": _ST_DTYPES[a.dtype], "shape": list(a.shape),
                        "data_offsets": [off, off + len(data)]}
        blobs.append(data)
        off += len(data)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    path.write_bytes(struct.pack("<Q", len(h)) + h + b"".join(blobs))
    return path


def model(seed: int, *, blocks: int = 4, width: int = 64, dtype=np.float32) -> dict[str, np.ndarray]:
    """An SD1.5-shaped little UNet (names as in A1111 checkpoints): random weights."""
    rng = np.random.default_rng(seed)
    t: dict[str, np.ndarray] = {}
    for b in range(blocks):
        p = f"model.diffusion_model.input_blocks.{b}.1.transformer_blocks.0"
        t[f"{p}.attn1.to_q.weight"] = rng.standard_normal((width, width)) * 0.05
        t[f"{p}.attn2.to_k.weight"] = rng.standard_normal((width, 768)) * 0.05
        t[f"{p}.ff.net.0.proj.weight"] = rng.standard_normal((width * 2, width)) * 0.05
        t[f"{p}.ff.net.0.proj.bias"] = rng.standard_normal(width * 2) * 0.01
        t[f"model.diffusion_model.input_blocks.{b}.0.in_layers.2.weight"] = \
            rng.standard_normal((width, width, 3, 3)) * 0.03
    t["model.diffusion_model.out.2.bias"] = np.zeros(4)
    t["cond_stage_model.transformer.text_model.embeddings.position_ids"] = np.arange(77, dtype=np.int64)[None]
    return {k: (v if v.dtype == np.int64 else v.astype(dtype)) for k, v in t.items()}


def kohya_names(tensors: dict) -> dict:
    """Rename as a re-uploader converting between conventions would (content unchanged)."""
    return {k.replace("model.diffusion_model.", "unet.").replace("transformer_blocks", "tb"): v
            for k, v in tensors.items()}


def lora(seed: int, *, modules: int = 6, rank: int = 4, alpha: float = 2.0,
         family: str = "kohya") -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    t = {}
    for i in range(modules):
        out_dim, in_dim = (64, 64) if i % 2 else (128, 96)
        down = (rng.standard_normal((rank, in_dim)) * 0.1).astype(np.float32)
        up = (rng.standard_normal((out_dim, rank)) * 0.1).astype(np.float32)
        if family == "kohya":
            base = f"lora_unet_input_blocks_{i}_1_transformer_blocks_0_attn1_to_q"
            t[f"{base}.lora_down.weight"] = down
            t[f"{base}.lora_up.weight"] = up
            t[f"{base}.alpha"] = np.array(alpha, dtype=np.float32)
    return t


def rescale_lora(t: dict, c: float = 4.0) -> dict:
    """up * c, down / c: the same LoRA, every byte different."""
    out = {}
    for k, v in t.items():
        if k.endswith("lora_up.weight"):
            out[k] = (v * c).astype(v.dtype)
        elif k.endswith("lora_down.weight"):
            out[k] = (v / c).astype(v.dtype)
        else:
            out[k] = v
    return out


def lora_to_peft(t: dict) -> dict:
    """kohya -> PEFT names, alpha folded into the up factor (scale 1 without alpha)."""
    out = {}
    for k, v in t.items():
        if k.endswith(".lora_down.weight"):
            base = k[: -len(".lora_down.weight")]
            rank = v.shape[0]
            alpha = float(t[base + ".alpha"])
            name = "base_model.model." + base.replace("lora_unet_", "unet.")
            out[name + ".lora_A.weight"] = v
            out[name + ".lora_B.weight"] = (t[base + ".lora_up.weight"] * (alpha / rank)).astype(v.dtype)
    return out


# --- PyTorch zip checkpoints -------------------------------------------------------------

_STORAGE = {np.dtype(np.float32): "FloatStorage", np.dtype(np.float16): "HalfStorage",
            np.dtype(np.int64): "LongStorage", np.dtype(ml_dtypes.bfloat16): "BFloat16Storage"}


def _global(module: str, name: str) -> bytes:
    return pickle.GLOBAL + f"{module}\n{name}\n".encode()


def _str(s: str) -> bytes:
    b = s.encode()
    return pickle.BINUNICODE + struct.pack("<I", len(b)) + b


def _int(i: int) -> bytes:
    return pickle.BININT + struct.pack("<i", i)


def _tuple(items: list[bytes]) -> bytes:
    return pickle.MARK + b"".join(items) + pickle.TUPLE


def _ordered_dict() -> bytes:
    return _global("collections", "OrderedDict") + pickle.EMPTY_TUPLE + pickle.REDUCE


def torch_pickle(tensors: dict[str, np.ndarray], *, wrap_state_dict: bool = True,
                 extra: bytes = b"") -> tuple[bytes, dict[str, bytes]]:
    """data.pkl as torch.save writes it (protocol 2) and the storages by key."""
    out = [pickle.PROTO + b"\x02"]
    if wrap_state_dict:
        out += [pickle.EMPTY_DICT, _str("state_dict")]
    out += [_ordered_dict(), pickle.MARK]
    storages = {}
    for i, (name, a) in enumerate(tensors.items()):
        a = np.ascontiguousarray(a)
        key = str(i)
        storages[key] = a.tobytes()
        pid = _tuple([_str("storage"), _global("torch", _STORAGE[a.dtype]), _str(key), _str("cpu"),
                      _int(a.size)]) + pickle.BINPERSID
        size = _tuple([_int(d) for d in a.shape])
        stride = _tuple([_int(s // a.itemsize) for s in a.strides])
        args = _tuple([pid, _int(0), size, stride, pickle.NEWFALSE, _ordered_dict()])
        out += [_str(name), _global("torch._utils", "_rebuild_tensor_v2"), args, pickle.REDUCE]
    out.append(extra)  # more key/value pairs of the state dict
    out.append(pickle.SETITEMS)
    if wrap_state_dict:
        out.append(pickle.SETITEM)
    out.append(pickle.STOP)
    return b"".join(out), storages


def write_torch_zip(path: Path, tensors: dict[str, np.ndarray], *, pkl: bytes | None = None) -> Path:
    data, storages = torch_pickle(tensors)
    if pkl is not None:
        data = pkl
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        zf.writestr("archive/data.pkl", data)
        zf.writestr("archive/byteorder", "little")
        for key, blob in storages.items():
            zf.writestr(f"archive/data/{key}", blob)
        zf.writestr("archive/version", "3\n")
    return path


def payload(marker: Path) -> bytes:
    """Pickle opcodes that would create ``marker`` if anything ran them."""
    return _global("os", "system") + _tuple([_str(f"touch {marker}")]) + pickle.REDUCE


def payload_pickle(marker: Path) -> bytes:
    return pickle.PROTO + b"\x02" + payload(marker) + pickle.STOP


def write_gguf(path: Path, tensors: dict[str, np.ndarray], quant: str | None = None) -> Path:
    import gguf

    w = gguf.GGUFWriter(str(path), "llama")
    w.add_name("test model")
    for name, a in tensors.items():
        if quant and a.ndim == 2 and a.shape[-1] % 32 == 0:
            q = getattr(gguf.GGMLQuantizationType, quant)
            w.add_tensor(name, gguf.quants.quantize(a.astype(np.float32), q), raw_dtype=q)
        else:
            w.add_tensor(name, a)
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path
