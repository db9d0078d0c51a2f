"""The fingerprint of a model file, computed in one front-to-back read.

While the file streams through three reused buffers, worker threads (one per hash stream, fed
in order) compute the whole-file hashes (SHA-256, BLAKE3, CRC32, the data-region SHA-256 behind
AutoV3 / the addnet hash), each tensor's SHA-256 of its raw bytes and of its values after
canonical rounding to fp16 and to bf16 (``dtypes.py``); the calling thread decodes and rounds
each tensor's bytes as they pass and keeps a few statistics (to 7 significant digits), the
seeded sketch (``sketch.py``) and, for LoRA factors, the projection behind the
effective-change sketch. Memory stays at a few buffers whatever the model's size.

The result is a versioned document (``FORMAT``/``VERSION``), written as canonical JSON
(``canonical.py``) so it can be hashed, stamped and compared later without the file.

Versions (``READABLE_VERSIONS``; a stored document is never rewritten, and documents of every
readable version are compared with each other under the same thresholds):
- 1 (until 2026-11-28): statistics from float32 sums and BLAS float32 dot products, LoRA
  sketches from float32 OpenBLAS matrix products. The same file could give other bytes with
  another OpenBLAS thread count or CPU kernel (the last bits of LoRA sketches; the 7th digit
  of some statistics); still valid evidence: a stamp covers the bytes that were made, and
  comparisons look at similarities, not at last bits.
- 2: the same fields and rules, computed so the bytes depend on the file alone: statistics
  from float64 sums without BLAS (``_sum64``), LoRA sketches from exact projections (BLAS is
  used only where every order of its additions gives the exact result), then a fixed-order
  float64 sum rounded once to float32 (``lora.py``). Every other value is exact: sketch
  values are the tensor's values, min/max come from comparisons, the fp16/bf16 roundings are
  correctly rounded casts. What remains assumed: IEEE-754 double arithmetic (x86-64, ARM64).

The "comparison" scope (``SCOPES``) computes only what a comparison reads, for comparing files
directly; ``fingerprint_files`` reads several files at once."""

from __future__ import annotations

import hashlib
import math
import os
import stat as stat_mod
import threading
import zlib
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from ..errors import FileChangedError, HashCancelled, InputError
from ..files import unreadable
from . import arch, canonical, lora
from .containers import read_layout
import ml_dtypes

from . import dtypes
from .dtypes import BF16_FLOAT32, BF16_FROM_F16, F16_FLOAT32, lookup, to_bf16_bytes, to_f16_bytes
from .layout import Layout, TensorEntry
from .sketch import LORA_RULE, SKETCH_RULE, positions

FORMAT = "proofkit-model-fingerprint"
VERSION = 2
#: the versions ``load`` accepts (see the module docstring)
READABLE_VERSIONS = (1, 2)
MEDIA_TYPE = "application/vnd.proofkit.model-fingerprint+json;version=2"
#: statistics (version 2): values converted exactly to float64 and summed (and their squares)
#: by numpy's pairwise float64 sum in blocks of this many elements, the blocks added in order
STATS_BLOCK = 1 << 16
#: 8 MiB: large enough that per-chunk Python work (a few dozen µs per tensor crossing it)
#: is noise beside hashing; small enough that the buffers, their float32 decodings and the
#: rounded copies stay far below the memory budget. The statistics' summation order follows
#: it (float64 sums of each tensor's part in each chunk, to 7 digits): it should not change,
#: although with float64 sums a change would show only where a 7th digit's rounding straddles.
CHUNK_SIZE = 8 << 20
#: the comparison scope's chunks (what it computes does not depend on the chunking): about
#: 1/64 of the file, between these bounds, so a small file (a LoRA) does not fault in 48 MiB
#: of fresh buffers per file (~0.1 s for two) while a large one keeps 8 MiB chunks
LEAN_CHUNKS, LEAN_MIN_CHUNK = 64, 1 << 20
#: chunks in flight: the hash workers may lag this many chunks minus one behind the reading
#: thread (3: the reader and the workers do not wait for each other at every chunk)
BUFFERS = 3
AUTOV1_OFFSET, AUTOV1_LENGTH = 0x100000, 0x10000
#: claims shown as text are cut here (a header can hold megabytes of "metadata")
CLAIM_CHARS = 200
#: metadata keys that claim an identity or a hash; recorded as claims, never trusted
CLAIM_KEYS = ("sshs_model_hash", "sshs_legacy_hash", "modelspec.hash_sha256", "modelspec.title",
              "modelspec.author", "modelspec.date", "modelspec.architecture", "ss_output_name",
              "ss_sd_model_name", "ss_new_sd_model_hash", "ss_base_model_version",
              "general.name", "general.author")

Progress = Callable[[int, int], None]

#: ``scope`` of :func:`fingerprint_file`. "full": the document that is stamped and stored.
#: "comparison": only what :func:`compare.compare` reads (file SHA-256, per-tensor raw / fp16 /
#: bf16 SHA-256, sketches, min/max, LoRA sketches, metadata digest), for comparing files
#: directly: it skips the ecosystem hashes (AutoV3/addnet, BLAKE3, CRC32) and, for fp16/bf16
#: tensors, the float decoding and the sums. Such a document carries ``"scope": "comparison"``
#: and can be neither stored, stamped nor loaded (``to_bytes``/``load`` refuse it).
SCOPES = ("full", "comparison")
#: what a comparison-scope document hashes each tensor with (``tensor_hash``): SHA-256, as in a
#: stored fingerprint, or BLAKE3 (about 4x faster here) when every document of a comparison is
#: read from its file at the same time, so no stored SHA-256 has to be matched. A comparison
#: only asks whether two tensors' hashes are equal, and both are collision-resistant; such a
#: document names the algorithm (``"tensor_hash": "blake3"``, tensor keys ``blake3``,
#: ``blake3_fp16``, ``blake3_bf16``) and ``compare`` refuses to mix algorithms.
TENSOR_HASHES = ("sha256", "blake3")


def _as_bytes(piece):
    """A piece to hash as plain bytes (blake3 refuses a buffer of 2-byte elements)."""
    return piece.view(np.uint8) if isinstance(piece, np.ndarray) else piece


def _tensor_hash(name: str):
    if name == "blake3":
        import blake3

        return blake3.blake3
    return hashlib.sha256
#: (exponent mask = the +inf code, float32 value of every code) of the 2-byte float types
_HALF = {"f16": (0x7C00, F16_FLOAT32), "bf16": (0x7F80, BF16_FLOAT32)}


def _half_min_max(codes: np.ndarray, inf_code: int, table: np.ndarray) -> tuple[float, float, int] | None:
    """min, max and non-finite count of fp16/bf16 codes without decoding them (None when every
    value is non-finite). Codes are sign + magnitude: as uint16 the negatives come last, by
    magnitude (the largest is the minimum); as int16 the non-negatives come last, by magnitude
    (the largest is the maximum); inf/NaN have the largest magnitudes, so two reductions find
    the extremes and show whether any value is non-finite. -0 and +0 both become 0.0 in the
    document, as in the decoding path."""
    u, k = codes, codes.view(np.int16)
    umax, kmax = int(u.max()), int(k.max())
    if (umax >= 0x8000 and umax & 0x7FFF >= inf_code) or kmax >= inf_code:
        ok = (u & 0x7FFF) < inf_code  # some inf/NaN: leave them out
        finite = u[ok]
        if not len(finite):
            return None
        got = _half_min_max(finite, inf_code, table)
        return got[0], got[1], int(len(u) - len(finite))
    lo = umax if umax >= 0x8000 else int(u.min())
    hi = kmax if kmax >= 0 else int(k.min()) & 0xFFFF
    return float(table[lo]), float(table[hi]), 0


_LOCAL = threading.local()

try:  # ISA-L's CRC-32 (the same checksum as zlib's, ~9x faster here; a dependency of ProofKit)
    from isal.isal_zlib import crc32 as _crc32
except ImportError:  # a platform without an isal wheel
    _crc32 = zlib.crc32


def _scratch(n: int) -> np.ndarray:
    """A float32 work array of ``n`` elements, reused by the calling thread from chunk to chunk
    (a fresh 16 MiB array per chunk costs page faults: ~0.5 s of system time per 2 GiB)."""
    buf = getattr(_LOCAL, "f32", None)
    if buf is None or len(buf) < n:
        buf = _LOCAL.f32 = np.empty(max(n, CHUNK_SIZE // 2), dtype=np.float32)
    return buf[:n]


class _TensorAcc:
    """Everything one tensor contributes to the fingerprint, fed in pieces. Created when
    the read reaches the tensor and dropped once its record is made, so only the tensors
    under the current chunk hold memory."""

    def __init__(self, entry: TensorEntry, keep: bool, lean: bool = False, absorb=None,
                 tensor_hash: str = "sha256") -> None:
        self.entry = entry
        et = entry.etype
        self.kind = et.kind
        #: comparison scope: fp16/bf16 codes are rounded, sampled and bounded without decoding
        self.lean = lean and self.kind in _HALF
        self.atom_bytes = et.atom_bytes
        self.alg = tensor_hash
        new = _tensor_hash(tensor_hash)
        self.raw = new()
        self.h16 = new() if self.kind in ("bf16", "float") else None
        self.hb = new() if self.kind in ("f16", "float") else None
        self.carry = b""
        #: (hash, rounded array) to hash next, in order: the read hands them to a worker thread
        self.rounded: list = []
        self.done = 0  # elements processed
        self.keep = keep
        #: takes the complete float32 values of a kept tensor (a LoRA factor) when the read
        #: has them all in one piece (``_half_runs``); otherwise they are gathered in ``values``
        self.absorb = absorb
        self.order = self.spos = self.sk_sorted = None  # sketch positions, set on first use
        #: the sketch in sampling order, when the whole tensor was read at once
        self.sketch: np.ndarray | None = None
        self.total = 0.0
        self.sumsq = 0.0
        self.lo = math.inf
        self.hi = -math.inf
        self.nonfinite = 0
        self.values: np.ndarray | None = None

    def _begin(self) -> None:
        """What reading the tensor in pieces needs: its sketch positions in file order and,
        for a kept tensor, room for its values."""
        pos = positions(self.entry.numel)
        self.order = np.argsort(pos, kind="stable")
        self.spos = pos[self.order]
        self.sk_sorted = np.zeros(len(pos), dtype=np.float32)
        if self.keep:
            self.values = np.empty(self.entry.numel, dtype=np.float32)

    def feed(self, mv: memoryview, out: memoryview | None = None) -> None:
        """The tensor's next bytes (their raw SHA-256 is fed separately, by ``raw.update``,
        on a worker thread); ``out``, as long as ``mv``, may take their fp16/bf16 rounding."""
        ab = self.atom_bytes
        if self.carry:
            need = ab - len(self.carry)
            if len(mv) < need:
                self.carry += bytes(mv)
                return
            self._process(self.carry + bytes(mv[:need]))
            mv = mv[need:]
            out = out[need:] if out is not None else None
            self.carry = b""
        whole = len(mv) - len(mv) % ab
        if whole:
            self._process(mv[:whole], out[:whole] if out is not None else None)
        if whole < len(mv):
            self.carry = bytes(mv[whole:])

    def _process(self, buf, out: memoryview | None = None) -> None:
        if self.spos is None:
            self._begin()
        if self.lean:
            return self._process_codes(buf, out)
        e0 = self.done
        if self.kind == "f16":
            codes = np.frombuffer(buf, dtype="<u2")
            v = lookup(F16_FLOAT32, codes, _scratch(len(codes)))  # numpy's fp16 cast is slower
            if out is None:
                self.rounded.append((self.hb, to_bf16_bytes(v)))
            else:  # the same cast as to_bf16_bytes, into the chunk's buffer
                r = np.frombuffer(out, dtype=ml_dtypes.bfloat16)
                with np.errstate(over="ignore", invalid="ignore"):
                    np.copyto(r, v, casting="unsafe")
                self.rounded.append((self.hb, r))
        elif self.kind == "bf16":
            codes = np.frombuffer(buf, dtype="<u2")
            v = _scratch(len(codes))
            np.copyto(v, codes.view(ml_dtypes.bfloat16), casting="unsafe")
            self.rounded.append((self.h16, lookup(dtypes.F16_FROM_BF16, codes,
                                                  np.frombuffer(out, dtype="<u2") if out is not None else None)))
        else:
            v = self.entry.etype.decode(buf)
            if self.kind == "float":
                self.rounded.append((self.h16, to_f16_bytes(v)))
                self.rounded.append((self.hb, to_bf16_bytes(v)))
        e1 = e0 + len(v)
        self._stats(v, codes if self.kind in _HALF else None)
        a = int(np.searchsorted(self.spos, e0, "left"))
        b = int(np.searchsorted(self.spos, e1, "left"))
        if b > a:
            self.sk_sorted[a:b] = v[self.spos[a:b] - e0]
        if self.values is not None:
            self.values[e0:e1] = v
        self.done = e1

    def _process_codes(self, buf, out: memoryview | None = None) -> None:
        """Comparison scope, fp16/bf16: the other rounding through one table gather, the sketch
        from the codes at its positions, min/max from the codes (``_half_min_max``)."""
        e0 = self.done
        codes = np.frombuffer(buf, dtype="<u2")
        r = np.frombuffer(out, dtype="<u2") if out is not None else None
        if self.kind == "f16":
            self.rounded.append((self.hb, lookup(BF16_FROM_F16, codes, r)))
        else:
            self.rounded.append((self.h16, lookup(dtypes.F16_FROM_BF16, codes, r)))
        inf_code, table = _HALF[self.kind]
        e1 = e0 + len(codes)
        if self.values is not None:  # a LoRA factor: its values are projected when complete
            lookup(table, codes, self.values[e0:e1])
        a = int(np.searchsorted(self.spos, e0, "left"))
        b = int(np.searchsorted(self.spos, e1, "left"))
        if b > a:
            self.sk_sorted[a:b] = table[codes[self.spos[a:b] - e0]]
        if len(codes):
            got = _half_min_max(codes, inf_code, table)
            if got is None:
                self.nonfinite += len(codes)
            else:
                lo, hi, nf = got
                self.nonfinite += nf
                self.lo, self.hi = min(self.lo, lo), max(self.hi, hi)
        self.done = e1

    def _stats(self, v: np.ndarray, codes: np.ndarray | None = None) -> None:
        """Sum, sum of squares, min, max; non-finite values are counted and left out. The sums
        (version 2) are float64 throughout, without BLAS (``_sum64``). For fp16/bf16
        (``codes``) min and max come from the codes (``_half_min_max``: the same values, from
        half the bytes)."""
        if not len(v):
            return
        s, q = _sum64(v)
        if not (math.isfinite(s) and math.isfinite(q)):
            ok = np.isfinite(v)
            self.nonfinite += int(len(v) - ok.sum())
            v = v[ok]
            if not len(v):
                return
            s, q = _sum64(v)
        self.total += s
        self.sumsq += q
        if codes is not None:
            inf_code, table = _HALF[self.kind]
            lo, hi, _ = _half_min_max(codes, inf_code, table)  # not None: a finite value is left
        else:
            lo, hi = float(v.min()), float(v.max())
        self.lo = min(self.lo, lo)
        self.hi = max(self.hi, hi)

    def take_rounded(self) -> list:
        out, self.rounded = self.rounded, []
        return out

    def record(self) -> dict:
        e = self.entry
        for h, arr in self.take_rounded():  # not handed to a worker (a gathered PyTorch view)
            h.update(_as_bytes(arr))
        if self.done != e.numel or self.carry:
            raise InputError(f"{e.name}: the tensor's bytes ended early; the file is damaged.")
        raw = self.raw.hexdigest()
        n_fin = e.numel - self.nonfinite
        mean = self.total / n_fin if n_fin else 0.0
        var = max(self.sumsq / n_fin - mean * mean, 0.0) if n_fin else 0.0
        sketch = self.sketch
        if sketch is None:
            if self.spos is None:  # never fed (no elements)
                self._begin()
            sketch = np.empty_like(self.sk_sorted)
            sketch[self.order] = self.sk_sorted
        if self.lean:
            stats = {"min": _stat(self.lo) if n_fin else None, "max": _stat(self.hi) if n_fin else None,
                     "nonfinite": self.nonfinite}
        else:
            stats = {
                "mean": _stat(mean), "std": _stat(math.sqrt(var)),
                "min": _stat(self.lo) if n_fin else None,
                "max": _stat(self.hi) if n_fin else None,
                "l2": _stat(math.sqrt(self.sumsq)), "nonfinite": self.nonfinite,
            }
        return {
            "name": e.name,
            "dtype": e.etype.name,
            "shape": list(e.shape),
            "numel": e.numel,
            self.alg: raw,
            f"{self.alg}_fp16": raw if self.kind == "f16" else (self.h16.hexdigest() if self.h16 else None),
            f"{self.alg}_bf16": raw if self.kind == "bf16" else (self.hb.hexdigest() if self.hb else None),
            "stats": stats,
            "sketch": canonical.pack_f32(sketch if np.isfinite(sketch).all()
                                         else np.nan_to_num(sketch, nan=0.0, posinf=0.0, neginf=0.0)),
        }


def _sum64(v: np.ndarray) -> tuple[float, float]:
    """The sum and the sum of squares of ``v`` (float32 or float64 values) in float64: blocks of
    ``STATS_BLOCK`` values converted exactly to float64, each summed by numpy's pairwise sum (plain
    C code, the same order whatever SIMD the CPU has), squared elementwise (correctly rounded)
    and summed again, the blocks' sums added in order. Nothing goes through BLAS (version 1's
    float32 dot product gave other digits with other OpenBLAS kernels or thread counts).
    Guarantee: the same bytes wherever IEEE-754 double arithmetic is used; a different summation
    order (another numpy) would change a value only where a float64 error of ~1e-16 relative
    (times the cancellation in the sum) straddles the 7-digit rounding of ``_stat``."""
    buf = getattr(_LOCAL, "f64", None)
    if buf is None:
        buf = _LOCAL.f64 = np.empty(STATS_BLOCK, dtype=np.float64)
    s = q = 0.0
    with np.errstate(all="ignore"):
        for i in range(0, len(v), STATS_BLOCK):
            piece = v[i:i + STATS_BLOCK]
            b = buf[:len(piece)]
            np.copyto(b, piece)
            s += float(np.add.reduce(b))
            np.multiply(b, b, out=b)
            q += float(np.add.reduce(b))
    return s, q


def _stat(x: float) -> float | None:
    """Statistics are rounded to 7 significant digits: further digits would depend on the
    order of the float64 additions (the chunking), and the document must not."""
    x = canonical.finite(x)
    return None if x is None else float(f"{x:.7g}")


class _FileHashes:
    """The whole-file hashes, fed from worker threads (hashlib, blake3 and zlib release the
    GIL on large buffers)."""

    def __init__(self, data_start: int | None, full: bool = True) -> None:
        self.full = full
        self.sha = hashlib.sha256()
        self.crc = 0
        self.data_start = data_start
        self.v1 = bytearray()
        if full:
            import blake3

            self.blake = blake3.blake3()
            self.addnet = hashlib.sha256() if data_start is not None else None
        else:
            self.blake = self.addnet = None

    def part_a(self, view: memoryview) -> None:
        self.sha.update(view)
        if self.full:
            self.crc = _crc32(view, self.crc)

    def part_b(self, view: memoryview, pos: int) -> None:
        self.blake.update(view)
        if self.addnet is not None and pos + len(view) > self.data_start:
            self.addnet.update(view[max(0, self.data_start - pos):])

    def autov1_bytes(self, view: memoryview, pos: int) -> None:
        a = max(pos, AUTOV1_OFFSET)
        b = min(pos + len(view), AUTOV1_OFFSET + AUTOV1_LENGTH)
        if b > a:
            self.v1 += view[a - pos:b - pos]


#: a run of whole tensors handled at once stops growing at this size, so its codes, values
#: and rounded codes stay in the core's cache while they pass from one step to the next
RUN_BYTES = 256 << 10


def _half_runs(accs: list[_TensorAcc], view: memoryview, pos: int, rbuf: bytearray) -> None:
    """Comparison scope: fp16/bf16 tensors lying wholly inside the chunk ``view`` (file offset
    ``pos``), handled by runs of adjacent tensors of one kind instead of one by one (a LoRA
    has ~2,000 small tensors: the per-tensor numpy calls were most of its reading time). The
    results are those of ``_TensorAcc._process_codes`` fed the whole tensor: the other
    rounding by one table gather over the run (or, when the values are decoded anyway, by the
    very cast the table was made with), written into ``rbuf`` at the run's place in the chunk
    (it is hashed by a worker before the buffer is used again); min/max from four
    ``reduceat`` over the codes (``_half_min_max`` per segment); the sketches by one gather;
    a kept tensor's (LoRA factor's) values decoded once and handed to ``absorb`` at once."""
    i = 0
    while i < len(accs):
        j = i + 1
        first = accs[i]
        size = first.entry.nbytes
        while (j < len(accs) and size < RUN_BYTES and accs[j].kind == first.kind
               and accs[j].keep == first.keep and accs[j].entry.start == accs[j - 1].entry.end):
            size += accs[j].entry.nbytes
            j += 1
        _half_run(accs[i:j], view, pos, rbuf)
        i = j


def _half_run(run: list[_TensorAcc], view: memoryview, pos: int, rbuf: bytearray) -> None:
    kind = run[0].kind
    inf_code, table = _HALF[kind]
    s0, s1 = run[0].entry.start - pos, run[-1].entry.end - pos
    codes = np.frombuffer(view[s0:s1], dtype="<u2")
    out = np.frombuffer(memoryview(rbuf)[s0:s1], dtype="<u2")
    offs = np.fromiter(((a.entry.start - run[0].entry.start) // 2 for a in run), dtype=np.intp, count=len(run))
    values = None
    if run[0].keep:
        values = _scratch(len(codes))
        if kind == "f16":
            lookup(F16_FLOAT32, codes, values)
            # BF16_FROM_F16 is this cast of these very float32 values (dtypes.py)
            with np.errstate(over="ignore", invalid="ignore"):
                np.copyto(out.view(ml_dtypes.bfloat16), values, casting="unsafe")
        else:
            np.copyto(values, codes.view(ml_dtypes.bfloat16), casting="unsafe")  # = BF16_FLOAT32
            lookup(dtypes.F16_FROM_BF16, codes, out)
    else:
        lookup(BF16_FROM_F16 if kind == "f16" else dtypes.F16_FROM_BF16, codes, out)
    # min / max / non-finite, as _half_min_max on each tensor's codes
    signed = codes.view(np.int16)
    umax = np.maximum.reduceat(codes, offs).astype(np.int64)
    kmax = np.maximum.reduceat(signed, offs).astype(np.int64)
    umin = np.minimum.reduceat(codes, offs).astype(np.int64)
    kmin = np.minimum.reduceat(signed, offs).astype(np.int64)
    special = ((umax >= 0x8000) & ((umax & 0x7FFF) >= inf_code)) | (kmax >= inf_code)
    lo = table[np.where(umax >= 0x8000, umax, umin)].tolist()
    hi = table[np.where(kmax >= 0, kmax, kmin & 0xFFFF)].tolist()
    # sketches: one gather at every tensor's positions
    pos_lists = [positions(a.entry.numel) for a in run]
    idx = np.concatenate([p + o for p, o in zip(pos_lists, offs.tolist())])
    sketches = values[idx] if values is not None else table[codes[idx]]
    k = 0
    for n, acc in enumerate(run):
        e = acc.entry
        a, b = int(offs[n]), int(offs[n]) + e.numel
        acc.rounded.append((acc.hb if kind == "f16" else acc.h16, out[a:b]))
        m = len(pos_lists[n])
        acc.sketch = sketches[k:k + m]
        k += m
        if special[n]:
            got = _half_min_max(codes[a:b], inf_code, table)
            if got is None:
                acc.nonfinite = e.numel
            else:
                acc.lo, acc.hi, acc.nonfinite = got
        else:
            acc.lo, acc.hi = lo[n], hi[n]
        acc.done = e.numel
        if values is not None and acc.absorb is not None:
            acc.absorb(values[a:b])


def _stat_regular(path: Path) -> os.stat_result:
    try:
        st = os.stat(path)
    except OSError as exc:
        raise unreadable(path, exc) from None
    if not stat_mod.S_ISREG(st.st_mode):
        raise InputError(f"{path}: is not a regular file; give a model file.")
    return st


def _stream(path: Path, layout: Layout, make_acc, done_cb, progress, cancel,
            chunk_size: int, total: int, full: bool = True) -> _FileHashes:
    """One front-to-back read. Each hash stream has its own worker thread (file SHA-256 + CRC32;
    the tensors' raw SHA-256; their fp16-/bf16-rounded SHA-256; BLAKE3 + the data-region
    SHA-256), fed chunk after chunk in order, while this thread decodes and rounds; a chunk's workers may still be busy while
    this thread starts on the next one (three buffers), so the threads do not wait for each
    other at every chunk. hashlib, blake3, zlib and numpy release the GIL: on two cores the
    threads run side by side."""
    fh = _FileHashes(layout.data_start, full)
    order = sorted((e for e in layout.tensors if e.strided is None), key=lambda e: e.start)
    nxt = 0
    active: list[_TensorAcc] = []
    bufs = [bytearray(chunk_size) for _ in range(BUFFERS)]
    #: the fp16/bf16 tensors' rounded codes, at the place of their bytes in the chunk (hashed
    #: by a worker before the buffer is used again; no fresh array, and page faults, per chunk)
    rbufs = [bytearray(chunk_size) for _ in range(BUFFERS)]

    def hash_pieces(pieces) -> None:
        for h, piece in pieces:
            h.update(_as_bytes(piece))

    def settle(chunk) -> None:
        futures, finished = chunk
        for fu in futures:
            fu.result()
        for acc in finished:
            done_cb(acc)

    streams = [ThreadPoolExecutor(max_workers=1, thread_name_prefix="fingerprint")
               for _ in range(4 if full else 3)]
    pending: deque = deque()
    try:
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
                view = memoryview(bufs[k % BUFFERS])[:n]
                rview = memoryview(rbufs[k % BUFFERS])
                end = pos + n
                while nxt < len(order) and order[nxt].start < end:
                    active.append(make_acc(order[nxt]))
                    nxt += 1
                pieces = []
                for acc in active:
                    a, b = max(acc.entry.start, pos), min(acc.entry.end, end)
                    if b > a:
                        pieces.append((acc.raw, view[a - pos:b - pos]))
                futures = [streams[0].submit(fh.part_a, view), streams[1].submit(hash_pieces, pieces)]
                if full:
                    futures.append(streams[3].submit(fh.part_b, view, pos))
                fh.autov1_bytes(view, pos)
                still, finished, whole = [], [], []
                for acc in active:
                    a, b = max(acc.entry.start, pos), min(acc.entry.end, end)
                    if acc.lean and a == acc.entry.start and b == acc.entry.end and b > a:
                        whole.append(acc)
                    elif b > a:
                        acc.feed(view[a - pos:b - pos], rview[a - pos:b - pos])
                    (still if acc.entry.end > end else finished).append(acc)
                if whole:
                    _half_runs(whole, view, pos, rbufs[k % BUFFERS])
                futures.append(streams[2].submit(
                    hash_pieces, [item for acc in active for item in acc.take_rounded()]))
                # A chunk's hashes must be done before its buffers are used again: the workers
                # may lag BUFFERS - 1 chunks behind this thread.
                pending.append((futures, finished))
                if len(pending) >= BUFFERS:
                    settle(pending.popleft())
                n_next = f.readinto(bufs[(k + 1) % BUFFERS])
                active = still
                pos, k, n = end, k + 1, n_next
                if progress is not None:
                    progress(pos, total)
        while pending:
            settle(pending.popleft())
    finally:
        for ex in streams:
            ex.shutdown(wait=True)
        _LOCAL.f32 = _LOCAL.f64 = None  # a long-lived (GUI) thread does not keep them
    if pos != total:
        raise FileChangedError(f"{path}: the file changed while it was being read; try again.")
    # Empty tensors at the very end of the data (never under a chunk), and any left open.
    for e in order[nxt:]:
        done_cb(make_acc(e))
    for acc in active:
        done_cb(acc)
    return fh


def fingerprint_file(path: str | os.PathLike[str], *, progress: Progress | None = None,
                     cancel=None, chunk_size: int | None = None, scope: str = "full",
                     tensor_hash: str = "sha256") -> dict:
    """The fingerprint document of one model file (``scope``: see ``SCOPES``). Raises
    ModelFormatError (a file that cannot be read safely), InputError, FileChangedError or
    HashCancelled."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}")
    full = scope == "full"
    if tensor_hash not in TENSOR_HASHES or (full and tensor_hash != "sha256"):
        raise ValueError(f"tensor_hash must be one of {TENSOR_HASHES} (sha256 for a full fingerprint)")
    path = Path(path)
    before = _stat_regular(path)
    layout = read_layout(path)
    names = [e.name for e in layout.tensors]
    modules = lora.find_modules(names)
    roles = lora.factor_roles(modules)
    records: dict[int, dict] = {}

    def make_acc(e: TensorEntry) -> _TensorAcc:
        role = roles.get(e.name)
        absorb = None if role is None else (
            lambda values, m=role[0], r=role[1], shape=e.shape, kind=e.etype.kind:
            lora.absorb(m, r, values, shape, kind))
        return _TensorAcc(e, keep=role is not None, lean=not full, absorb=absorb, tensor_hash=tensor_hash)

    def done(acc: _TensorAcc) -> None:
        records[id(acc.entry)] = acc.record()
        role = roles.get(acc.entry.name)
        if role is not None and acc.values is not None:
            lora.absorb(role[0], role[1], acc.values, acc.entry.shape, acc.entry.etype.kind)

    if chunk_size is None:
        chunk_size = CHUNK_SIZE if full else \
            min(CHUNK_SIZE, max(LEAN_MIN_CHUNK, before.st_size // LEAN_CHUNKS // 4096 * 4096))
    fh = _stream(path, layout, make_acc, done, progress, cancel, chunk_size, before.st_size, full)
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
    doc = _document(path, before.st_size, layout, records, modules, fh)
    if tensor_hash != "sha256":
        doc["tensor_hash"] = tensor_hash
    return doc


def fingerprint_files(paths, *, scope: str = "comparison", progress: Progress | None = None,
                      cancel=None, tensor_hash: str = "sha256") -> list[dict]:
    """Several files' fingerprints read at the same time, one thread each (their hashing and
    numpy work releases the GIL, so two files use two cores); ``progress`` gets the bytes read
    over all of them. The first error stops the others and is raised. ``tensor_hash``: see
    ``TENSOR_HASHES``."""
    paths = [Path(p) for p in paths]
    if len(paths) < 2:
        return [fingerprint_file(p, progress=progress, cancel=cancel, scope=scope, tensor_hash=tensor_hash)
                for p in paths]
    import threading

    done = [0] * len(paths)
    sizes = [_stat_regular(p).st_size for p in paths]
    lock = threading.Lock()

    class _Stop:
        failed = False

        @property
        def cancelled(self) -> bool:
            return self.failed or bool(cancel is not None and cancel.cancelled)

    stop = _Stop()

    def one(i: int) -> dict:
        def prog(n: int, _total: int) -> None:
            with lock:
                done[i] = n
                if progress is not None:
                    progress(sum(done), sum(sizes))
        try:
            return fingerprint_file(paths[i], progress=prog, cancel=stop, scope=scope, tensor_hash=tensor_hash)
        except BaseException:
            stop.failed = True
            raise

    with ThreadPoolExecutor(max_workers=len(paths), thread_name_prefix="fingerprints") as pool:
        futures = [pool.submit(one, i) for i in range(len(paths))]
        errors = []
        for fu in futures:
            try:
                fu.result()
            except BaseException as exc:  # noqa: BLE001 - re-raised below
                errors.append(exc)
    if errors:
        # The first real error, not the cancellation it caused in the other reads.
        raise next((e for e in errors if not isinstance(e, HashCancelled)), errors[0])
    return [fu.result() for fu in futures]


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
    ordered = sorted(modules.values(), key=lambda m: m.name)
    for m, got in zip(ordered, lora.effective_sketches(ordered)):
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
    doc = {
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
            "blake3": fh.blake.hexdigest() if fh.full else None,
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
    if not fh.full:
        doc["scope"] = "comparison"
        doc["hashes"] = {"sha256": sha, "autov1": legacy, "autov2": sha[:10], "addnet_legacy": legacy}
    return doc


def to_bytes(doc: dict) -> bytes:
    """The canonical bytes of a fingerprint: what is hashed, stamped and stored (never a
    comparison-scope document, which lacks the ecosystem hashes)."""
    if doc.get("scope") is not None:
        raise ValueError("a comparison-scope fingerprint is not stored or stamped")
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
    version = doc.get("version")
    if isinstance(version, bool) or version not in READABLE_VERSIONS:
        raise InputError(f"This model fingerprint is version {version}; this ProofKit reads "
                         f"versions {READABLE_VERSIONS[0]} to {READABLE_VERSIONS[-1]}. "
                         "Update ProofKit to read it.")
    if not isinstance(doc.get("tensors"), list):
        raise InputError("This model fingerprint is damaged (no tensor list).")
    if doc.get("scope") is not None:
        raise InputError("This model fingerprint is incomplete (made only for one comparison); "
                         "make a full one with proofkit fingerprint.")
    return doc
