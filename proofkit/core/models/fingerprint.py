"""The fingerprint of a model file, computed in one front-to-back read.

While the file streams through one reused buffer, worker threads feed the whole-file hashes
(SHA-256, BLAKE3, CRC32, the data-region SHA-256 behind AutoV3 / the addnet hash) and the
calling thread feeds each tensor's bytes, as they pass, to its accumulator: SHA-256 of the
raw bytes, SHA-256 after canonical rounding to fp16 and to bf16 (``dtypes.py``), a few
statistics (to 7 significant digits), the seeded sketch (``sketch.py``) and, for LoRA factors, the projection behind
the effective-change sketch. Memory stays at a few buffers whatever the model's size.

The result is a versioned document (``FORMAT``/``VERSION``), written as canonical JSON
(``canonical.py``) so it can be hashed, stamped and compared later without the file."""

from __future__ import annotations

import hashlib
import math
import os
import stat as stat_mod
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from ..errors import FileChangedError, HashCancelled, InputError
from ..files import unreadable
from . import arch, canonical, lora
from .containers import read_layout
import ml_dtypes

from .dtypes import F16_FLOAT32, F16_FROM_BF16, to_bf16_bytes, to_f16_bytes
from .layout import Layout, TensorEntry
from .sketch import LORA_RULE, SKETCH_RULE, positions

FORMAT = "proofkit-model-fingerprint"
VERSION = 1
MEDIA_TYPE = "application/vnd.proofkit.model-fingerprint+json;version=1"
#: 8 MiB: large enough that per-chunk Python work (a few dozen µs per tensor crossing it)
#: is noise beside hashing; small enough that the buffers, their float32 decodings and the
#: rounded copies stay far below the memory budget.
CHUNK_SIZE = 8 << 20
AUTOV1_OFFSET, AUTOV1_LENGTH = 0x100000, 0x10000
#: claims shown as text are cut here (a header can hold megabytes of "metadata")
CLAIM_CHARS = 200
#: metadata keys that claim an identity or a hash; recorded as claims, never trusted
CLAIM_KEYS = ("sshs_model_hash", "sshs_legacy_hash", "modelspec.hash_sha256", "modelspec.title",
              "modelspec.author", "modelspec.date", "modelspec.architecture", "ss_output_name",
              "ss_sd_model_name", "ss_new_sd_model_hash", "ss_base_model_version",
              "general.name", "general.author")

Progress = Callable[[int, int], None]


class _TensorAcc:
    """Everything one tensor contributes to the fingerprint, fed in pieces. Created when
    the read reaches the tensor and dropped once its record is made, so only the tensors
    under the current chunk hold memory."""

    def __init__(self, entry: TensorEntry, keep: bool) -> None:
        self.entry = entry
        et = entry.etype
        self.kind = et.kind
        self.atom_bytes = et.atom_bytes
        self.raw = hashlib.sha256()
        self.h16 = hashlib.sha256() if self.kind in ("bf16", "float") else None
        self.hb = hashlib.sha256() if self.kind in ("f16", "float") else None
        self.carry = b""
        self.done = 0  # elements processed
        pos = positions(entry.numel)
        self.order = np.argsort(pos, kind="stable")
        self.spos = pos[self.order]
        self.sk_sorted = np.zeros(len(pos), dtype=np.float32)
        self.total = 0.0
        self.sumsq = 0.0
        self.lo = math.inf
        self.hi = -math.inf
        self.nonfinite = 0
        self.values = np.empty(entry.numel, dtype=np.float32) if keep else None

    def feed(self, mv: memoryview) -> None:
        """The tensor's next bytes (their raw SHA-256 is fed separately, by ``raw.update``,
        on a worker thread)."""
        ab = self.atom_bytes
        if self.carry:
            need = ab - len(self.carry)
            if len(mv) < need:
                self.carry += bytes(mv)
                return
            self._process(self.carry + bytes(mv[:need]))
            mv = mv[need:]
            self.carry = b""
        whole = len(mv) - len(mv) % ab
        if whole:
            self._process(mv[:whole])
        if whole < len(mv):
            self.carry = bytes(mv[whole:])

    def _process(self, buf) -> None:
        e0 = self.done
        if self.kind == "f16":
            codes = np.frombuffer(buf, dtype="<u2")
            v = F16_FLOAT32[codes]  # one gather: numpy's own fp16 cast is slower here
            self.hb.update(to_bf16_bytes(v))
        elif self.kind == "bf16":
            codes = np.frombuffer(buf, dtype="<u2")
            v = codes.view(ml_dtypes.bfloat16).astype(np.float32)
            self.h16.update(F16_FROM_BF16[codes])
        else:
            v = self.entry.etype.decode(buf)
            if self.kind == "float":
                self.h16.update(to_f16_bytes(v))
                self.hb.update(to_bf16_bytes(v))
        e1 = e0 + len(v)
        self._stats(v)
        a = int(np.searchsorted(self.spos, e0, "left"))
        b = int(np.searchsorted(self.spos, e1, "left"))
        if b > a:
            self.sk_sorted[a:b] = v[self.spos[a:b] - e0]
        if self.values is not None:
            self.values[e0:e1] = v
        self.done = e1

    def _stats(self, v: np.ndarray) -> None:
        """Sum, sum of squares, min, max: float32 (or float64) within a chunk, float64 across
        chunks; non-finite values are counted and left out."""
        if not len(v):
            return
        with np.errstate(all="ignore"):
            s = float(np.sum(v))
            q = float(np.dot(v, v))
        if not (math.isfinite(s) and math.isfinite(q)):
            ok = np.isfinite(v)
            self.nonfinite += int(len(v) - ok.sum())
            v = v[ok].astype(np.float64)
            if not len(v):
                return
            s = float(np.sum(v))
            q = float(np.dot(v, v))
        self.total += s
        self.sumsq += q
        self.lo = min(self.lo, float(v.min()))
        self.hi = max(self.hi, float(v.max()))

    def record(self) -> dict:
        e = self.entry
        if self.done != e.numel or self.carry:
            raise InputError(f"{e.name}: the tensor's bytes ended early; the file is damaged.")
        raw = self.raw.hexdigest()
        n_fin = e.numel - self.nonfinite
        mean = self.total / n_fin if n_fin else 0.0
        var = max(self.sumsq / n_fin - mean * mean, 0.0) if n_fin else 0.0
        sketch = np.empty_like(self.sk_sorted)
        sketch[self.order] = self.sk_sorted
        return {
            "name": e.name,
            "dtype": e.etype.name,
            "shape": list(e.shape),
            "numel": e.numel,
            "sha256": raw,
            "sha256_fp16": raw if self.kind == "f16" else (self.h16.hexdigest() if self.h16 else None),
            "sha256_bf16": raw if self.kind == "bf16" else (self.hb.hexdigest() if self.hb else None),
            "stats": {
                "mean": _stat(mean), "std": _stat(math.sqrt(var)),
                "min": _stat(self.lo) if n_fin else None,
                "max": _stat(self.hi) if n_fin else None,
                "l2": _stat(math.sqrt(self.sumsq)), "nonfinite": self.nonfinite,
            },
            "sketch": canonical.pack_f32(np.nan_to_num(sketch, nan=0.0, posinf=0.0, neginf=0.0)),
        }


def _stat(x: float) -> float | None:
    """Statistics are rounded to 7 significant digits: float32 accumulation makes further
    digits depend on the chunking, and the document must not."""
    x = canonical.finite(x)
    return None if x is None else float(f"{x:.7g}")


class _FileHashes:
    """The whole-file hashes, fed from worker threads (hashlib, blake3 and zlib release the
    GIL on large buffers)."""

    def __init__(self, data_start: int | None) -> None:
        import blake3

        self.sha = hashlib.sha256()
        self.blake = blake3.blake3()
        self.crc = 0
        self.data_start = data_start
        self.addnet = hashlib.sha256() if data_start is not None else None
        self.v1 = bytearray()

    def part_a(self, view: memoryview) -> None:
        self.sha.update(view)
        self.crc = zlib.crc32(view, self.crc)

    def part_b(self, view: memoryview, pos: int) -> None:
        self.blake.update(view)
        if self.addnet is not None and pos + len(view) > self.data_start:
            self.addnet.update(view[max(0, self.data_start - pos):])

    def autov1_bytes(self, view: memoryview, pos: int) -> None:
        a = max(pos, AUTOV1_OFFSET)
        b = min(pos + len(view), AUTOV1_OFFSET + AUTOV1_LENGTH)
        if b > a:
            self.v1 += view[a - pos:b - pos]


def _stat_regular(path: Path) -> os.stat_result:
    try:
        st = os.stat(path)
    except OSError as exc:
        raise unreadable(path, exc) from None
    if not stat_mod.S_ISREG(st.st_mode):
        raise InputError(f"{path}: is not a regular file; give a model file.")
    return st


def _stream(path: Path, layout: Layout, make_acc, done_cb, progress, cancel,
            chunk_size: int, total: int) -> _FileHashes:
    fh = _FileHashes(layout.data_start)
    order = sorted((e for e in layout.tensors if e.strided is None), key=lambda e: e.start)
    nxt = 0
    active: list[_TensorAcc] = []
    bufs = [bytearray(chunk_size), bytearray(chunk_size)]

    def raw_hashes(pieces) -> None:
        for h, piece in pieces:
            h.update(piece)

    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="fingerprint") as pool:
        try:
            f = open(path, "rb", buffering=0)
        except OSError as exc:
            raise unreadable(path, exc) from None
        with f:
            pos, k = 0, 0
            n = f.readinto(bufs[0])
            while n:
                if cancel is not None and cancel.cancelled:
                    raise HashCancelled(f"{path}: fingerprinting was cancelled; nothing was stamped.")
                view = memoryview(bufs[k & 1])[:n]
                end = pos + n
                while nxt < len(order) and order[nxt].start < end:
                    active.append(make_acc(order[nxt]))
                    nxt += 1
                pieces = []
                for acc in active:
                    a, b = max(acc.entry.start, pos), min(acc.entry.end, end)
                    if b > a:
                        pieces.append((acc.raw, view[a - pos:b - pos]))
                # Three hashing jobs for two workers (hashlib, blake3 and zlib release the GIL);
                # this thread decodes and rounds meanwhile.
                futures = (pool.submit(fh.part_a, view), pool.submit(fh.part_b, view, pos),
                           pool.submit(raw_hashes, pieces))
                fh.autov1_bytes(view, pos)
                still = []
                for acc in active:
                    a, b = max(acc.entry.start, pos), min(acc.entry.end, end)
                    if b > a:
                        acc.feed(view[a - pos:b - pos])
                    if acc.entry.end > end:
                        still.append(acc)
                # Read the next chunk into the other buffer while the workers finish this one.
                n_next = f.readinto(bufs[(k + 1) & 1])
                for fu in futures:
                    fu.result()
                for acc in active:
                    if acc.entry.end <= end:
                        done_cb(acc)
                active = still
                pos, k, n = end, k + 1, n_next
                if progress is not None:
                    progress(pos, total)
    if pos != total:
        raise FileChangedError(f"{path}: the file changed while it was being read; try again.")
    # Empty tensors at the very end of the data (never under a chunk), and any left open.
    for e in order[nxt:]:
        done_cb(make_acc(e))
    for acc in active:
        done_cb(acc)
    return fh


def fingerprint_file(path: str | os.PathLike[str], *, progress: Progress | None = None,
                     cancel=None, chunk_size: int = CHUNK_SIZE) -> dict:
    """The fingerprint document of one model file. Raises ModelFormatError (a file that
    cannot be read safely), InputError, FileChangedError or HashCancelled."""
    path = Path(path)
    before = _stat_regular(path)
    layout = read_layout(path)
    names = [e.name for e in layout.tensors]
    modules = lora.find_modules(names)
    roles = lora.factor_roles(modules)
    records: dict[int, dict] = {}

    def make_acc(e: TensorEntry) -> _TensorAcc:
        return _TensorAcc(e, keep=e.name in roles)

    def done(acc: _TensorAcc) -> None:
        records[id(acc.entry)] = acc.record()
        role = roles.get(acc.entry.name)
        if role is not None and acc.values is not None:
            lora.absorb(role[0], role[1], acc.values, acc.entry.shape)

    fh = _stream(path, layout, make_acc, done, progress, cancel, chunk_size, before.st_size)
    after = _stat_regular(path)
    if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
        raise FileChangedError(
            f"{path}: the file changed while it was being read; save it, close the program "
            "writing it, and try again. Nothing was stamped.")
    for e in layout.tensors:  # non-contiguous PyTorch views: gathered from their storage
        if e.strided is not None:
            acc = make_acc(e)
            data = np.ascontiguousarray(layout.array(path, e)).tobytes()
            acc.raw.update(data)
            acc.feed(memoryview(data))
            done(acc)
    return _document(path, before.st_size, layout, records, modules, fh)


def _claims(metadata: dict[str, str], addnet: str | None, legacy: str) -> list[dict]:
    out = []
    for key in CLAIM_KEYS:
        if key not in metadata:
            continue
        value = metadata[key][:CLAIM_CHARS]
        item = {"key": key, "value": value, "agrees": None}
        v = value.lower().removeprefix("0x")
        if key == "sshs_model_hash" and addnet is not None:
            item["agrees"] = v == addnet
            item["recomputed_as"] = "addnet"
        elif key == "sshs_legacy_hash":
            item["agrees"] = v == legacy
            item["recomputed_as"] = "addnet_legacy"
        out.append(item)
    return out


def _document(path: Path, size: int, layout: Layout, records, modules, fh) -> dict:
    sha = fh.sha.hexdigest()
    addnet = fh.addnet.hexdigest() if fh.addnet is not None else None
    legacy = hashlib.sha256(bytes(fh.v1)).hexdigest()[:8]
    tensors = sorted((records[id(e)] for e in layout.tensors), key=lambda r: r["name"])
    lora_modules = []
    for m in sorted(modules.values(), key=lambda m: m.name):
        got = lora.effective_sketch(m)
        if got is None:
            continue
        sk, scale = got
        lora_modules.append({
            "name": m.name, "family": m.family, "rank": m.rank, "out": m.out_dim, "in": m.in_dim,
            "alpha": canonical.finite(m.alpha_value) if m.alpha_value is not None else None,
            "scale": canonical.finite(scale),
            "sketch": canonical.pack_f32(np.nan_to_num(sk, nan=0.0, posinf=0.0, neginf=0.0)),
        })
    family = next(iter(modules.values())).family if modules else None
    shapes = {e.name: e.shape for e in layout.tensors}
    meta = layout.metadata
    return {
        "format": FORMAT,
        "version": VERSION,
        "file": {"name": path.name, "size": size, "sha256": sha, "container": layout.container},
        "hashes": {
            "sha256": sha,
            "autov1": legacy,
            "autov2": sha[:10],
            "autov3": addnet,
            "addnet": addnet,
            "addnet_legacy": legacy,
            "a1111_lora_short": (addnet or sha)[:12],
            "blake3": fh.blake.hexdigest(),
            "crc32": f"{fh.crc:08x}",
        },
        "claims": _claims(meta, addnet, legacy),
        "metadata": {"count": len(meta), "digest": canonical.digest(meta),
                     "keys": sorted(meta)[:500]},
        "architecture": arch.guess(sorted(shapes), shapes, family, meta),
        "parameters": sum(r["numel"] for r in tensors),
        "sketch_rule": SKETCH_RULE,
        "tensors": tensors,
        "lora": {"rule": LORA_RULE, "family": family, "modules": lora_modules} if lora_modules else None,
    }


def to_bytes(doc: dict) -> bytes:
    """The canonical bytes of a fingerprint: what is hashed, stamped and stored."""
    return canonical.dumps(doc)


def load(data: bytes | str) -> dict:
    """A fingerprint document from its JSON, checked for format and version."""
    import json

    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise InputError("This is not a ProofKit model fingerprint (not JSON).") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InputError("This is not a ProofKit model fingerprint.")
    if doc.get("version") != VERSION:
        raise InputError(f"This model fingerprint is version {doc.get('version')}; this ProofKit "
                         f"reads version {VERSION}. Update ProofKit to read it.")
    if not isinstance(doc.get("tensors"), list):
        raise InputError("This model fingerprint is damaged (no tensor list).")
    return doc
