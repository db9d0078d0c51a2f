"""Sample images: which model a picture says it was made with.

A1111 and Forge write a ``parameters`` text chunk ending in a line such as
``Steps: 20, ..., Model hash: 1a2b3c4d5e, Model: name, Lora hashes: "style: 0123456789ab,
other: ...", ...``; the Civitai extension and several ComfyUI nodes add ``Hashes: {"model":
"...", "lora:style": "..."}``. ``Model hash`` is the checkpoint's AutoV2 (the first 10 hex
digits of its SHA-256); a ``Lora hashes`` entry is the first 12 hex digits of the LoRA's
addnet hash (SHA-256 of the bytes after a safetensors header), or of its ``sshs_model_hash``
header claim when it has one, which A1111 prefers. ComfyUI's own ``prompt`` / ``workflow``
chunks name files, not hashes; their file names are reported as such.

The text chunks are written by whoever saved the picture: they show what the picture claims,
not what produced it."""

from __future__ import annotations

import json
import os
import re
import struct
import zlib

from ..errors import InputError
from ..files import unreadable

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_TEXT = 4 << 20  # per chunk, after decompression
MAX_CHUNKS = 10_000


def is_png(path: str | os.PathLike[str]) -> bool:
    try:
        with open(path, "rb") as f:
            return f.read(8) == PNG_SIGNATURE
    except OSError:
        return False


def text_chunks(path: str | os.PathLike[str]) -> dict[str, str]:
    """tEXt, zTXt and iTXt chunks as {keyword: text}; compressed ones are inflated with a cap."""
    out: dict[str, str] = {}
    try:
        f = open(path, "rb")
    except OSError as exc:
        raise unreadable(path, exc) from None
    with f:
        if f.read(8) != PNG_SIGNATURE:
            raise InputError(f"{path}: is not a PNG image.")
        for _ in range(MAX_CHUNKS):
            head = f.read(8)
            if len(head) < 8:
                break
            length, ctype = struct.unpack(">I4s", head)
            if ctype == b"IEND":
                break
            if ctype not in (b"tEXt", b"zTXt", b"iTXt") or length > MAX_TEXT:
                f.seek(length + 4, os.SEEK_CUR)
                continue
            data = f.read(length)
            f.read(4)  # CRC
            try:
                key, text = _decode(ctype, data)
            except (ValueError, zlib.error, UnicodeDecodeError):
                continue
            out[key] = text
    return out


def _inflate(data: bytes) -> bytes:
    d = zlib.decompressobj()
    raw = d.decompress(data, MAX_TEXT)
    if d.unconsumed_tail:
        raise ValueError("text chunk too large")
    return raw


def _decode(ctype: bytes, data: bytes) -> tuple[str, str]:
    key, sep, rest = data.partition(b"\0")
    if not sep:
        raise ValueError("no keyword")
    keyword = key.decode("latin-1")
    if ctype == b"tEXt":
        return keyword, rest.decode("latin-1")
    if ctype == b"zTXt":
        return keyword, _inflate(rest[1:]).decode("latin-1")
    flag, _method = rest[0], rest[1]
    rest = rest[2:]
    _lang, _, rest = rest.partition(b"\0")
    _tkey, _, text = rest.partition(b"\0")
    return keyword, (_inflate(text) if flag else text).decode("utf-8")


_MODEL_HASH = re.compile(r"(?:^|,\s*)Model hash:\s*([0-9a-fA-F]{8,64})")
_MODEL_NAME = re.compile(r"(?:^|,\s*)Model:\s*([^,\n]+)")
_LORA_HASHES = re.compile(r'Lora hashes:\s*"([^"]*)"')
_HASHES_JSON = re.compile(r"(?:^|,\s*)Hashes:\s*(\{.*?\})(?:,\s*[A-Z]|\s*$)", re.S)


def model_references(chunks: dict[str, str]) -> dict:
    """What the picture names: {"model_hash", "model_name", "loras": {name: hash},
    "hashes": {...}, "files": [...], "source": keyword}."""
    refs: dict = {"model_hash": None, "model_name": None, "loras": {}, "hashes": {}, "files": []}
    params = chunks.get("parameters")
    if params:
        refs["source"] = "parameters"
        if m := _MODEL_HASH.search(params):
            refs["model_hash"] = m.group(1).lower()
        if m := _MODEL_NAME.search(params):
            refs["model_name"] = m.group(1).strip()
        if m := _LORA_HASHES.search(params):
            for item in m.group(1).split(","):
                name, sep, h = item.rpartition(":")
                if sep and re.fullmatch(r"\s*[0-9a-fA-F]{8,64}\s*", h):
                    refs["loras"][name.strip()] = h.strip().lower()
        if m := _HASHES_JSON.search(params):
            try:
                hashes = json.loads(m.group(1))
                if isinstance(hashes, dict):
                    refs["hashes"] = {str(k): str(v).lower() for k, v in hashes.items()}
            except ValueError:
                pass
    for key in ("prompt", "workflow"):
        text = chunks.get(key)
        if not text:
            continue
        refs.setdefault("source", key)
        for m in re.finditer(r'"(?:ckpt_name|lora_name|unet_name|model_name)"\s*:\s*"([^"]{1,300})"', text):
            if m.group(1) not in refs["files"]:
                refs["files"].append(m.group(1))
    return refs


def names_model(refs: dict, fp: dict) -> dict:
    """Whether the picture's references name the fingerprinted model, and by which hash."""
    h = fp.get("hashes") or {}
    claims = {c["key"]: c["value"].lower().removeprefix("0x") for c in fp.get("claims", [])}
    ours = {
        "AutoV2 (Model hash)": [h.get("autov2")],
        "A1111 LoRA hash": [h.get("a1111_lora_short")],
        "header's sshs_model_hash (claim)": [claims.get("sshs_model_hash", "")[:12] or None],
    }
    matches = []
    def check(where: str, value: str | None) -> None:
        if not value:
            return
        for label, cands in ours.items():
            for c in cands:
                if c and len(value) >= 8 and (c.startswith(value) or value.startswith(c)):
                    matches.append({"where": where, "value": value, "equals": label})
    check("Model hash", refs.get("model_hash"))
    for name, value in (refs.get("loras") or {}).items():
        check(f"Lora hashes: {name}", value)
    for name, value in (refs.get("hashes") or {}).items():
        check(f"Hashes: {name}", value)
        # Civitai's Hashes carry AutoV3 / full SHA-256 prefixes too
        for label, full in (("SHA-256", h.get("sha256")), ("AutoV3", h.get("autov3"))):
            if full and len(value) >= 10 and full.startswith(value) and \
                    not any(m["where"] == f"Hashes: {name}" for m in matches):
                matches.append({"where": f"Hashes: {name}", "value": value, "equals": label})
    return {"named": bool(matches), "matches": matches}
