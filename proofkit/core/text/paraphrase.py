"""Pass 2: rewritten ("洗稿") sentences, reported apart from identical text.

A rewrite keeps few runs of identical characters but much of the vocabulary. Each sentence
(split at 。！？；… and line ends, on the original text) becomes the set of its character
2-grams and 3-grams (no word segmentation), with the shingles that are everywhere (in more than
``COMMON_SHARE`` of the sentences, the 的了是 of bigrams) left out. MinHash signatures
(``PERMUTATIONS`` hash functions, computed for every shingle of a side at once with numpy) and
LSH (``BANDS`` bands) give candidate pairs; a candidate is kept when its estimated Jaccard
similarity is at least ``MIN_JACCARD``, then the exact Jaccard of the two sets is computed.
Finally the pairs are aligned monotonically (a rewrite follows the original's order): pairs
whose sentences both advance by 1 to ``MAX_STEP`` sentences form a passage. A passage of one
sentence is reported only when it is long and close (``MIN_SINGLE_*``).

Sentences already covered by pass 1 (identical text) are left out, so a passage is reported
once, under the stronger finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .normalise import Normalised

PERMUTATIONS = 32
BANDS = 16  # 2 rows per band
MIN_SENTENCE = 8  # normalised characters
COMMON_SHARE = 0.002
MIN_JACCARD = 0.25
MAX_STEP = 3
MIN_PASSAGE_JACCARD = 0.3
MIN_SINGLE_JACCARD = 0.45
MIN_SINGLE_LENGTH = 16

_SENTENCE = re.compile(r"[^。！？!?；;…\n]+[。！？!?；;…」』”’\"')）]*")
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
# a shingle's hash keeps 42 bits, so (sentence index, shingle) packs into one uint64 key
_HASH_BITS = 42
_HASH_MASK = np.uint64((1 << _HASH_BITS) - 1)
_SEEDS = np.random.default_rng(20261128).integers(1, 2**63, size=PERMUTATIONS, dtype=np.uint64)


def _sorted_unique(x: np.ndarray) -> np.ndarray:
    """np.unique by sorting (numpy 2's hash-based unique is several times slower on uint64)."""
    x = np.sort(x)
    if x.shape[0] < 2:
        return x
    return x[np.r_[True, x[1:] != x[:-1]]]


def _fmix(h: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(33))
        h = h * _MIX1
        h ^= h >> np.uint64(33)
        h *= _MIX2
        h ^= h >> np.uint64(33)
    return h


@dataclass
class Sentences:
    """A side's sentences: spans in the normalised text, and their MinHash signatures."""

    norm_start: np.ndarray
    norm_end: np.ndarray
    shingles: list[np.ndarray]  # per sentence, sorted unique shingle hashes (for exact Jaccard)
    signatures: np.ndarray  # (n, PERMUTATIONS) uint64

    def __len__(self) -> int:
        return int(self.norm_start.shape[0])

    @property
    def valid(self) -> np.ndarray:
        """Sentences with at least one shingle left (the others cannot be compared)."""
        return np.fromiter((x.shape[0] > 0 for x in self.shingles), dtype=bool, count=len(self.shingles))


def sentence_spans(text: str, norm: Normalised, covered: np.ndarray | None = None):
    """Sentences of ``text`` as [start, end) spans of the normalised text, at least
    MIN_SENTENCE characters, not mostly inside ``covered`` (a bool mask over normalised)."""
    starts, ends = [], []
    for m in _SENTENCE.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    if not starts:
        z = np.zeros(0, dtype=np.int64)
        return z, z
    ns = np.searchsorted(norm.offsets, np.asarray(starts), side="left")
    ne = np.searchsorted(norm.offsets, np.asarray(ends), side="left")
    keep = (ne - ns) >= MIN_SENTENCE
    ns, ne = ns[keep], ne[keep]
    if covered is not None and covered.shape[0] and ns.shape[0]:
        cum = np.r_[0, np.cumsum(covered)]
        share = (cum[ne] - cum[ns]) / (ne - ns)
        keep = share < 0.5
        ns, ne = ns[keep], ne[keep]
    return ns.astype(np.int64), ne.astype(np.int64)


def _shingles(codes: np.ndarray, ns: np.ndarray, ne: np.ndarray):
    """(shingle hash, sentence index) of every 2-gram and 3-gram inside a sentence."""
    n = codes.shape[0]
    if n < 2 or ns.shape[0] == 0:
        z = np.zeros(0, dtype=np.uint64)
        return z, np.zeros(0, dtype=np.int64)
    c = codes.astype(np.uint64)
    # sentence index of each normalised position (-1 outside sentences)
    sid = np.full(n + 1, -1, dtype=np.int64)
    marks = np.zeros(n + 1, dtype=np.int64)
    np.add.at(marks, ns, 1)
    np.add.at(marks, ne, -1)
    inside = np.cumsum(marks)[:n] > 0
    idx = np.searchsorted(ns, np.arange(n), side="right") - 1
    sid[:n] = np.where(inside, idx, -1)
    bi = (c[:-1] << np.uint64(21)) | c[1:]
    bi_ok = (sid[:-2] >= 0) & (sid[:-2] == sid[1:-1])
    tri = (((c[:-2] << np.uint64(21)) | c[1:-1]) << np.uint64(21)) | c[2:]
    tri = tri ^ np.uint64(0x9E3779B97F4A7C15)
    tri_ok = bi_ok[:-1] & (sid[1:-2] == sid[2:-1])
    h = np.concatenate([_fmix(bi[bi_ok]), _fmix(tri[tri_ok])])
    s = np.concatenate([sid[:-2][bi_ok], sid[: n - 2][tri_ok]])
    return h, s


def build_sentences(codes: np.ndarray, ns: np.ndarray, ne: np.ndarray, common: np.ndarray | None = None) -> Sentences:
    h, s = _shingles(codes, ns, ne)
    h = h & _HASH_MASK
    if common is not None and common.shape[0]:
        keep = ~np.isin(h, common)
        h, s = h[keep], s[keep]
    # one copy of each shingle per sentence, grouped by sentence: one 64-bit key, one sort
    key = _sorted_unique((s.astype(np.uint64) << np.uint64(_HASH_BITS)) | h)
    s, h = (key >> np.uint64(_HASH_BITS)).astype(np.int64), key & _HASH_MASK
    n = ns.shape[0]
    sig = np.full((n, PERMUTATIONS), np.iinfo(np.uint64).max, dtype=np.uint64)
    if h.shape[0]:
        starts = np.flatnonzero(np.r_[True, s[1:] != s[:-1]])
        owners = s[starts]
        for p in range(PERMUTATIONS):
            hp = _fmix(h ^ _SEEDS[p])
            sig[owners, p] = np.minimum.reduceat(hp, starts)
        bounds = np.r_[starts, h.shape[0]]
        shingles = [np.zeros(0, np.uint64)] * n
        for k, o in enumerate(owners.tolist()):
            shingles[o] = h[bounds[k] : bounds[k + 1]]
    else:
        shingles = [np.zeros(0, np.uint64)] * n
    return Sentences(ns, ne, shingles, sig)


def common_shingles(*sides: tuple[np.ndarray, np.ndarray, np.ndarray]) -> np.ndarray:
    """Shingles found in more than COMMON_SHARE of all sentences (at least 20 sentences)."""
    hs, total = [], 0
    for codes, ns, ne in sides:
        h, s = _shingles(codes, ns, ne)
        if h.shape[0]:
            key = _sorted_unique((s.astype(np.uint64) << np.uint64(_HASH_BITS)) | (h & _HASH_MASK))
            hs.append(key & _HASH_MASK)
        total += ns.shape[0]
    if not hs:
        return np.zeros(0, dtype=np.uint64)
    allh = np.sort(np.concatenate(hs))
    starts = np.flatnonzero(np.r_[True, allh[1:] != allh[:-1]])
    vals, counts = allh[starts], np.diff(np.r_[starts, allh.shape[0]])
    return vals[counts > max(20, COMMON_SHARE * total)]  # masked hashes, as build_sentences keys them


@dataclass
class Rewritten:
    """A rewritten passage: sentences [a0, a1) of mine and [b0, b1) of the suspect, in
    normalised offsets, with the pairs' mean Jaccard similarity of character 2-/3-grams."""

    a0: int
    a1: int
    b0: int
    b1: int
    sentences: int
    similarity: float


def _band_keys(sig: np.ndarray) -> list[np.ndarray]:
    rows = PERMUTATIONS // BANDS
    out = []
    with np.errstate(over="ignore"):
        for band in range(BANDS):
            block = sig[:, band * rows : (band + 1) * rows] * np.uint64(0x9E3779B1) + np.uint64(band)
            out.append(_fmix(np.bitwise_xor.reduce(block, axis=1)))
    return out


@dataclass
class Bands:
    """LSH buckets of one side's sentences, sorted once (mine is searched by many suspects)."""

    keys: list[np.ndarray]  # per band, sorted
    orders: list[np.ndarray]  # per band, sentence index of each sorted key

    @classmethod
    def of(cls, s: Sentences) -> Bands:
        keys, orders = [], []
        valid = s.valid
        for k in _band_keys(s.signatures):
            idx = np.flatnonzero(valid)
            order = idx[np.argsort(k[idx], kind="stable")]
            keys.append(k[order])
            orders.append(order)
        return cls(keys, orders)


def _candidates(ba: Bands, sb: Sentences) -> tuple[np.ndarray, np.ndarray]:
    ia_all, ib_all = [], []
    valid_b = sb.valid
    for ks, order, kb in zip(ba.keys, ba.orders, _band_keys(sb.signatures)):
        lo = np.searchsorted(ks, kb, side="left")
        hi = np.searchsorted(ks, kb, side="right")
        cnt = np.where(valid_b, np.minimum(hi - lo, 50), 0)  # a bucket of 50+ is noise, not a rewrite
        total = int(cnt.sum())
        if not total:
            continue
        ib = np.repeat(np.arange(kb.shape[0]), cnt)
        first = np.repeat(np.cumsum(cnt) - cnt, cnt)
        ia = order[np.repeat(lo, cnt) + (np.arange(total) - first)]
        ia_all.append(ia)
        ib_all.append(ib)
    if not ia_all:
        z = np.zeros(0, dtype=np.int64)
        return z, z
    key = _sorted_unique((np.concatenate(ia_all).astype(np.uint64) << np.uint64(32))
                         | np.concatenate(ib_all).astype(np.uint64))
    return (key >> np.uint64(32)).astype(np.int64), (key & np.uint64(0xFFFFFFFF)).astype(np.int64)


def rewritten_passages(sa: Sentences, sb: Sentences, *, bands_a: Bands | None = None,
                       usable_a: np.ndarray | None = None) -> list[Rewritten]:
    """Rewritten passages of ``sa`` in ``sb``. ``bands_a``: ``Bands.of(sa)`` if already built;
    ``usable_a``: mask of ``sa``'s sentences that may be matched (the others were found identical)."""
    ia, ib = _candidates(bands_a or Bands.of(sa), sb)
    if usable_a is not None and ia.shape[0]:
        keep = usable_a[ia]
        ia, ib = ia[keep], ib[keep]
    if ia.shape[0] == 0:
        return []
    est = (sa.signatures[ia] == sb.signatures[ib]).mean(axis=1)
    keep = est >= MIN_JACCARD
    ia, ib = ia[keep], ib[keep]
    scored = []
    for i, j in zip(ia.tolist(), ib.tolist()):
        x, y = sa.shingles[i], sb.shingles[j]
        inter = np.intersect1d(x, y, assume_unique=True).shape[0]
        jac = inter / (x.shape[0] + y.shape[0] - inter)
        if jac >= MIN_JACCARD:
            scored.append((i, j, jac))
    # best suspect sentence per sentence of mine, then monotone chains
    scored.sort(key=lambda t: (t[0], -t[2]))
    chains: list[list[tuple[int, int, float]]] = []
    for i, j, jac in scored:
        best = None
        for ch in chains[-8:]:
            li, lj, _ = ch[-1]
            if 1 <= i - li <= MAX_STEP and 1 <= j - lj <= MAX_STEP:
                best = ch
                break
            if li == i and lj == j:
                best = ch
                break
        if best is None:
            chains.append([(i, j, jac)])
        elif best[-1][:2] != (i, j):
            best.append((i, j, jac))
    out = []
    for ch in chains:
        mean = sum(t[2] for t in ch) / len(ch)
        a0, a1 = int(sa.norm_start[ch[0][0]]), int(sa.norm_end[ch[-1][0]])
        b0, b1 = int(sb.norm_start[ch[0][1]]), int(sb.norm_end[ch[-1][1]])
        if len(ch) >= 2 and mean >= MIN_PASSAGE_JACCARD:
            out.append(Rewritten(a0, a1, b0, b1, len(ch), mean))
        elif len(ch) == 1 and mean >= MIN_SINGLE_JACCARD and min(a1 - a0, b1 - b0) >= MIN_SINGLE_LENGTH:
            out.append(Rewritten(a0, a1, b0, b1, 1, mean))
    return out
