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
  from float64 sums without BLAS (``tensor_acc._sum64``), LoRA sketches from exact projections (BLAS is
  used only where every order of its additions gives the exact result), then a fixed-order
  float64 sum rounded once to float32 (``lora.py``). Every other value is exact: sketch
  values are the tensor's values, min/max come from comparisons, the fp16/bf16 roundings are
  correctly rounded casts. What remains assumed: IEEE-754 double arithmetic (x86-64, ARM64).

The "comparison" scope (``SCOPES``) computes only what a comparison reads, for comparing files
directly; ``fingerprint_files`` reads several files at once."""

from __future__ import annotations

import hashlib
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

from .layout import Layout, TensorEntry
from .sketch import LORA_RULE, SKETCH_RULE
from .tensor_acc import CHUNK_SIZE, TensorAcc, as_bytes, half_runs, release_scratch

FORMAT = "proofkit-model-fingerprint"
VERSION = 2
#: the versions ``load`` accepts (see the module docstring)
READABLE_VERSIONS = (1, 2)
MEDIA_TYPE = "application/vnd.proofkit.model-fingerprint+json;version=2"
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


try:  # ISA-L's CRC-32 (the same checksum as zlib's, ~9x faster here; a dependency of ProofKit)
    from isal.isal_zlib import crc32 as _crc32
except ImportError:  # a platform without an isal wheel
    _crc32 = zlib.crc32


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
    active: list[TensorAcc] = []
    bufs = [bytearray(chunk_size) for _ in range(BUFFERS)]
    #: the fp16/bf16 tensors' rounded codes, at the place of their bytes in the chunk (hashed
    #: by a worker before the buffer is used again; no fresh array, and page faults, per chunk)
    rbufs = [bytearray(chunk_size) for _ in range(BUFFERS)]

    def hash_pieces(pieces) -> None:
        for h, piece in pieces:
            h.update(as_bytes(piece))

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
                    half_runs(whole, view, pos, rbufs[k % BUFFERS])
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
        release_scratch()
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

    def make_acc(e: TensorEntry) -> TensorAcc:
        role = roles.get(e.name)
        absorb = None if role is None else (
            lambda values, m=role[0], r=role[1], shape=e.shape, kind=e.etype.kind:
            lora.absorb(m, r, values, shape, kind))
        return TensorAcc(e, keep=role is not None, lean=not full, absorb=absorb, tensor_hash=tensor_hash)

    def done(acc: TensorAcc) -> None:
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
