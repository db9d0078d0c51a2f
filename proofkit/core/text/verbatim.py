"""Pass 1: verbatim and near-verbatim passages, by character k-grams with winnowing.

Both texts are normalised code-point arrays. Every k-gram (K characters) is hashed with a
polynomial hash computed for all positions at once (K vectorised multiply-adds, no loop per
character); winnowing keeps, in every window of W consecutive k-grams, the one with the smallest
hash (leftmost on ties). Two texts that share a run of K + W - 1 characters share a window with
the same contents, hence the same selected k-gram: **any shared run of ``GUARANTEED_RUN`` (15)
normalised characters or more yields at least one seed** (Schleimer, Wilkerson, Aiken, 2003).
Each seed is checked character by character (no hash collision survives), seeds on one diagonal
are merged, and every run is extended to its maximal length on both sides, so a run's length is
the exact number of identical characters.

Runs are then chained into regions (near-verbatim passages: a copy with words swapped is a chain
of runs close together on both sides, in order). A region's 雷同字数 is the sum of its runs'
lengths (each character counted once on each side); its similarity is 2·identical / (length in
mine + length in the suspect).

Limit, said plainly: a k-gram that occurs more than ``MAX_OCCURRENCES`` times in one text (e.g.
哈哈哈… or a repeated boilerplate line) is not used as a seed, or a long run of one character
would cost a quadratic number of pairs; runs made only of such k-grams can be missed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

K = 8  # k-gram length
W = 8  # winnowing window (in k-grams)
GUARANTEED_RUN = K + W - 1  # 15
MAX_OCCURRENCES = 200
CHAIN_GAP = 50  # normalised characters allowed between two runs of one region, on each side
# A region without any run of GUARANTEED_RUN characters (only short runs, e.g. a copy with many
# words swapped) is kept only when it is this large and this similar.
MIN_SHORT_IDENTICAL = 30
MIN_SHORT_SIMILARITY = 0.6

_P = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)


def kgram_hashes(codes: np.ndarray, k: int = K) -> np.ndarray:
    """64-bit hash of every k-gram of ``codes`` (uint64, length len(codes) - k + 1)."""
    n = codes.shape[0] - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    c = codes.astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h *= _P
            h += c[j : j + n]
        # finaliser (murmur3 fmix64), so the minima that winnowing picks are spread evenly
        h ^= h >> np.uint64(33)
        h *= _MIX1
        h ^= h >> np.uint64(33)
        h *= _MIX2
        h ^= h >> np.uint64(33)
    return h


def winnow(h: np.ndarray, w: int = W) -> np.ndarray:
    """Positions selected by winnowing (the leftmost minimum of every window of ``w``)."""
    if h.shape[0] == 0:
        return np.zeros(0, dtype=np.int64)
    if h.shape[0] <= w:
        return np.array([int(np.argmin(h))], dtype=np.int64)
    pos = sliding_window_view(h, w).argmin(axis=1) + np.arange(h.shape[0] - w + 1)
    # consecutive windows mostly select the same position: drop repeats without a full sort
    keep = np.ones(pos.shape[0], dtype=bool)
    keep[1:] = pos[1:] != pos[:-1]
    return pos[keep].astype(np.int64)


@dataclass
class Fingerprints:
    """A text's winnowed k-grams, sorted by hash, ready to be joined with another text's."""

    codes: np.ndarray
    hashes: np.ndarray  # sorted
    positions: np.ndarray  # k-gram start, in the same order
    frequent: np.ndarray  # hashes that occur more than MAX_OCCURRENCES times (sorted)

    @classmethod
    def of(cls, codes: np.ndarray) -> Fingerprints:
        codes = np.ascontiguousarray(codes, dtype=np.uint32)
        h = kgram_hashes(codes)
        pos = winnow(h)
        sel = h[pos]
        order = np.argsort(sel, kind="stable")
        hs, ps = sel[order], pos[order]
        # occurrence count over all k-grams would need a sort of all of them; the selected ones
        # are a fair proxy (a k-gram repeated n times is selected about n times)
        if hs.shape[0]:
            starts = np.flatnonzero(np.r_[True, hs[1:] != hs[:-1]])
            counts = np.diff(np.r_[starts, hs.shape[0]])
            frequent = hs[starts[counts > MAX_OCCURRENCES]]
        else:
            frequent = np.zeros(0, dtype=np.uint64)
        return cls(codes, hs, ps, frequent)


@dataclass
class Runs:
    """Maximal runs of identical normalised characters: a[a0:a0+n] == b[b0:b0+n]."""

    a0: np.ndarray
    b0: np.ndarray
    length: np.ndarray

    def __len__(self) -> int:
        return int(self.a0.shape[0])


def _join(fa: Fingerprints, fb: Fingerprints) -> tuple[np.ndarray, np.ndarray]:
    """All (position in a, position in b) pairs of equal selected hashes."""
    if fa.hashes.shape[0] == 0 or fb.hashes.shape[0] == 0:
        z = np.zeros(0, dtype=np.int64)
        return z, z
    frequent = np.union1d(fa.frequent, fb.frequent)
    lo = np.searchsorted(fa.hashes, fb.hashes, side="left")
    hi = np.searchsorted(fa.hashes, fb.hashes, side="right")
    cnt = hi - lo
    if frequent.shape[0]:
        cnt[np.isin(fb.hashes, frequent)] = 0
    total = int(cnt.sum())
    if total == 0:
        z = np.zeros(0, dtype=np.int64)
        return z, z
    bi = np.repeat(np.arange(fb.hashes.shape[0]), cnt)
    first = np.repeat(np.cumsum(cnt) - cnt, cnt)
    ai = np.repeat(lo, cnt) + (np.arange(total) - first)
    return fa.positions[ai], fb.positions[bi]


def _extend(a: np.ndarray, b: np.ndarray, s: np.ndarray, e: np.ndarray, d: np.ndarray, step: int):
    """Extend runs [s, e) on diagonal d (b index = a index + d) while characters agree.

    Winnowing leaves at most ``step`` unselected characters at a run's ends, so one vectorised
    look of ``step`` characters each way almost always finds the end; the rare run that grows the
    whole look (a stretch of frequent k-grams without seeds) is finished one character at a time.
    """
    na, nb = a.shape[0], b.shape[0]
    t = np.arange(1, step + 1)
    for left in (True, False):
        ia = (s[:, None] - t[None, :]) if left else (e[:, None] + t[None, :] - 1)
        ib = ia + d[:, None]
        ok = (ia >= 0) & (ib >= 0) & (ia < na) & (ib < nb)
        eq = ok & (a[np.clip(ia, 0, na - 1)] == b[np.clip(ib, 0, nb - 1)])
        grow = np.cumprod(eq, axis=1).sum(axis=1)
        more = grow == step
        if left:
            s = s - grow
            if np.any(more):
                s[more] = _extend_one_side(a, b, s[more], d[more], left=True)
        else:
            e = e + grow
            if np.any(more):
                e[more] = _extend_one_side(a, b, e[more], d[more], left=False)
    return s, e


def _extend_one_side(a, b, pos, d, left: bool):
    out = pos.copy()
    for idx in range(pos.shape[0]):
        p, dd = int(pos[idx]), int(d[idx])
        if left:
            while p > 0 and p + dd > 0 and a[p - 1] == b[p - 1 + dd]:
                p -= 1
        else:
            while p < a.shape[0] and p + dd < b.shape[0] and a[p] == b[p + dd]:
                p += 1
        out[idx] = p
    return out


def _merge_on_diagonals(s: np.ndarray, e: np.ndarray, d: np.ndarray, gap: int):
    """Merge spans [s, e) on the same diagonal that overlap or are within ``gap`` of each other."""
    order = np.lexsort((s, d))
    s, e, d = s[order], e[order], d[order]
    # running end within each diagonal: spans sorted by start, so a cumulative max per group
    new_group = np.r_[True, d[1:] != d[:-1]]
    if s.shape[0] == 0:
        return s, e, d
    run_end = e.copy()
    # maximum.accumulate restarted at each diagonal: offset each group so groups never mix
    big = np.int64(1) << np.int64(40)
    gid = np.cumsum(new_group)
    acc = np.maximum.accumulate(e + gid * big) - gid * big
    run_end[1:] = acc[:-1]
    brk = new_group.copy()
    brk[1:] |= s[1:] > run_end[1:] + gap
    starts = np.flatnonzero(brk)
    ends_idx = np.r_[starts[1:], s.shape[0]] - 1
    return s[starts], acc[ends_idx], d[starts]


def find_runs(fa: Fingerprints, fb: Fingerprints) -> Runs:
    """Every maximal run of identical characters that contains a shared selected k-gram;
    this includes every shared run of ``GUARANTEED_RUN`` characters or more."""
    a, b = fa.codes, fb.codes
    pa, pb = _join(fa, fb)
    if pa.shape[0]:
        # drop hash collisions: compare the k characters themselves
        wa = sliding_window_view(a, K)[pa]
        wb = sliding_window_view(b, K)[pb]
        ok = np.all(wa == wb, axis=1)
        pa, pb = pa[ok], pb[ok]
    if pa.shape[0] == 0:
        z = np.zeros(0, dtype=np.int64)
        return Runs(z, z, z)
    d = pb - pa
    # seeds that overlap or touch on one diagonal are one equal span
    s, e, d = _merge_on_diagonals(pa, pa + K, d, 0)
    s, e = _extend(a, b, s, e, d, K + W)
    # extension can make neighbouring spans on a diagonal meet: merge again (they touch: equal)
    s, e, d = _merge_on_diagonals(s, e, d, 0)
    order = np.lexsort((s + d, s))
    s, e, d = s[order], e[order], d[order]
    return Runs(s, s + d, e - s)


@dataclass
class Region:
    """A passage of mine [a0, a1) that the suspect has at [b0, b1): one run or a chain of runs."""

    a0: int
    a1: int
    b0: int
    b1: int
    identical: int
    longest: int
    runs: list[tuple[int, int, int]] = field(default_factory=list)  # (a0, b0, length)

    @property
    def similarity(self) -> float:
        span = (self.a1 - self.a0) + (self.b1 - self.b0)
        return 2 * self.identical / span if span else 0.0


def chain_runs(runs: Runs, gap: int = CHAIN_GAP) -> list[Region]:
    """Chain runs that follow each other in both texts (gap at most ``gap``) into regions."""
    order = np.lexsort((runs.b0, runs.a0))
    A0 = runs.a0[order].tolist()
    B0 = runs.b0[order].tolist()
    L = runs.length[order].tolist()
    active: list[Region] = []
    done: list[Region] = []
    for a0, b0, n in zip(A0, B0, L):
        keep = []
        for r in active:
            (keep if r.a1 + gap >= a0 else done).append(r)
        active = keep
        best = None
        best_cost = None
        for r in active:
            # runs of one region go forward on both sides; a little overlap is trimmed
            if a0 + n <= r.a1 or b0 + n <= r.b1:
                continue
            ga, gb = a0 - r.a1, b0 - r.b1
            if ga > gap or gb > gap or ga < -K or gb < -K:
                continue
            cost = max(ga, 0) + max(gb, 0) + abs(ga - gb)
            if best_cost is None or cost < best_cost:
                best, best_cost = r, cost
        if best is None:
            active.append(Region(a0, a0 + n, b0, b0 + n, n, n, [(a0, b0, n)]))
            continue
        trim = max(best.a1 - a0, best.b1 - b0, 0)
        a0, b0, n = a0 + trim, b0 + trim, n - trim
        best.runs.append((a0, b0, n))
        best.a1, best.b1 = a0 + n, b0 + n
        best.identical += n
        best.longest = max(best.longest, n)
    done.extend(active)
    return done


def significant(region: Region) -> bool:
    """Reported: any region with a run of GUARANTEED_RUN characters, or a large, similar chain
    of shorter runs (a copy with words swapped)."""
    if region.longest >= GUARANTEED_RUN:
        return True
    return region.identical >= MIN_SHORT_IDENTICAL and region.similarity >= MIN_SHORT_SIMILARITY


def verbatim_regions(fa: Fingerprints, fb: Fingerprints) -> list[Region]:
    """Pass 1: the reported regions, in the order of mine."""
    regions = [r for r in chain_runs(find_runs(fa, fb)) if significant(r)]
    regions.sort(key=lambda r: (r.a0, r.b0))
    return regions
