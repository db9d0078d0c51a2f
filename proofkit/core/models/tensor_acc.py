"""One tensor of a model as the fingerprint reads it, chunk by chunk: its hashes (raw bytes,
after fp16 and bf16 rounding), its statistics, its sketch values and, for a LoRA factor, the
values its projection needs (``TensorAcc``); in the comparison scope, runs of small fp16/bf16
tensors handled at once (``half_runs``). ``fingerprint.py`` streams the file and writes the
document; the arithmetic rules of the stored values live here (see its docstring for what each
format version computed)."""

from __future__ import annotations

import hashlib
import math
import threading

import ml_dtypes
import numpy as np

from ..errors import InputError
from . import canonical, dtypes
from .dtypes import BF16_FLOAT32, BF16_FROM_F16, F16_FLOAT32, lookup, to_bf16_bytes, to_f16_bytes
from .layout import TensorEntry
from .sketch import positions

#: 8 MiB: large enough that per-chunk Python work (a few dozen µs per tensor crossing it)
#: is noise beside hashing; small enough that the buffers, their float32 decodings and the
#: rounded copies stay far below the memory budget. The statistics' summation order follows
#: it (float64 sums of each tensor's part in each chunk, to 7 digits): it should not change,
#: although with float64 sums a change would show only where a 7th digit's rounding straddles.
CHUNK_SIZE = 8 << 20
#: statistics (version 2): values converted exactly to float64 and summed (and their squares)
#: by numpy's pairwise float64 sum in blocks of this many elements, the blocks added in order
STATS_BLOCK = 1 << 16


def as_bytes(piece):
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

def release_scratch() -> None:
    """Drops this thread's work arrays (a long-lived GUI thread does not keep them)."""
    _LOCAL.f32 = _LOCAL.f64 = None


def _scratch(n: int) -> np.ndarray:
    """A float32 work array of ``n`` elements, reused by the calling thread from chunk to chunk
    (a fresh 16 MiB array per chunk costs page faults: ~0.5 s of system time per 2 GiB)."""
    buf = getattr(_LOCAL, "f32", None)
    if buf is None or len(buf) < n:
        buf = _LOCAL.f32 = np.empty(max(n, CHUNK_SIZE // 2), dtype=np.float32)
    return buf[:n]


class TensorAcc:
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
        #: has them all in one piece (``half_runs``); otherwise they are gathered in ``values``
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
            h.update(as_bytes(arr))
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


#: a run of whole tensors handled at once stops growing at this size, so its codes, values
#: and rounded codes stay in the core's cache while they pass from one step to the next
RUN_BYTES = 256 << 10


def half_runs(accs: list[TensorAcc], view: memoryview, pos: int, rbuf: bytearray) -> None:
    """Comparison scope: fp16/bf16 tensors lying wholly inside the chunk ``view`` (file offset
    ``pos``), handled by runs of adjacent tensors of one kind instead of one by one (a LoRA
    has ~2,000 small tensors: the per-tensor numpy calls were most of its reading time). The
    results are those of ``TensorAcc._process_codes`` fed the whole tensor: the other
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


def _half_run(run: list[TensorAcc], view: memoryview, pos: int, rbuf: bytearray) -> None:
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
