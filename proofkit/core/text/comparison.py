"""Comparing a manuscript (MINE) with a suspected copy (SUSPECT): the 调色盘's findings.

``prepare`` reads and normalises a text once (a series compared with ten suspects is prepared
once); ``compare`` runs pass 1 (identical / near-identical passages, ``verbatim``) and pass 2
(rewritten sentences, ``paraphrase``) and returns numbered 事件 with both sides' chapters and
original text, and a summary. Rendering (HTML, JSON, CSV, PDF) is in ``palette`` and the bundle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from . import paraphrase, verbatim
from .normalise import Normalised, normalise
from .reading import Document

IDENTICAL = "identical"
REWRITTEN = "rewritten"
EXCERPT_LIMIT = 4000  # original characters kept per side of a 事件 for display

STATEMENT = {
    "zh": (
        "本对照表证明：所列段落在两份文本中逐字相同（标为“改写”的是相似而非相同），并在给出时指明我方最早包含该段落的"
        "存证版本及其时间戳；它本身不证明谁先写作或抄袭在法律上成立——时间只由时间戳回执证明，且只针对已存证的版本。"
    ),
    "en": (
        "This palette proves that the listed passages are identical in both texts (those marked "
        "\u201crewritten\u201d are similar, not identical) and, where given, which stamped version of mine first "
        "contained each one; it does not by itself prove who wrote first or that copying is legally "
        "established \u2014 only the time-stamp receipts prove a time, and only for the stamped versions."
    ),
}


class Progress(Protocol):
    """What compare reports to (the app layer's progress object fits)."""

    def update(self, done: int, total: int) -> None: ...

    @property
    def cancelled(self) -> bool: ...


class ComparisonCancelled(Exception):
    pass


@dataclass
class Prepared:
    """A text ready to be compared: the document, its normalised form, its fingerprints and
    its sentences (built on first use)."""

    document: Document
    norm: Normalised
    fingerprints: verbatim.Fingerprints
    _index: tuple[paraphrase.Sentences, np.ndarray, paraphrase.Bands] | None = None

    @property
    def sha256(self) -> str:
        return self.norm.sha256

    def sentence_index(self) -> tuple[paraphrase.Sentences, np.ndarray, paraphrase.Bands]:
        """This text as the side searched by pass 2: its sentences' signatures, the shingles
        too common in it to count (left out of both sides), its LSH buckets. Built once, so a
        series compared with many suspects pays for it once."""
        if self._index is None:
            ns, ne = paraphrase.sentence_spans(self.document.text, self.norm)
            common = paraphrase.common_shingles((self.norm.codes, ns, ne))
            sents = paraphrase.build_sentences(self.norm.codes, ns, ne, common)
            self._index = (sents, common, paraphrase.Bands.of(sents))
        return self._index


def prepare(document: Document) -> Prepared:
    norm = normalise(document.text)
    return Prepared(document, norm, verbatim.Fingerprints.of(norm.codes))


@dataclass
class Passage:
    """One side of a 事件: original offsets [start, end), normalised [norm_start, norm_end),
    the chapter it starts in, and its original text (cut at EXCERPT_LIMIT characters)."""

    start: int
    end: int
    norm_start: int
    norm_end: int
    chapter: str
    text: str
    marks: list[tuple[int, int]] = field(default_factory=list)  # identical stretches in ``text``

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "normalised_start": self.norm_start,
            "normalised_end": self.norm_end,
            "chapter": self.chapter,
            "text": self.text,
        }


@dataclass
class Event:
    """A 事件: a passage of mine and where the suspect has it.

    ``identical`` (雷同字数) counts identical normalised characters (punctuation and spaces not
    counted); it is 0 for a rewritten passage, whose ``similarity`` is the Jaccard similarity of
    the two sides' character 2-/3-grams. ``runs`` are the identical stretches (normalised
    offsets: mine start, suspect start, length). ``provenance`` is filled by the caller that
    knows the stamped versions (the earliest version containing the passage, its receipts)."""

    number: int
    kind: str
    mine: Passage
    suspect: Passage
    identical: int
    similarity: float
    longest_run: int
    runs: list[tuple[int, int, int]] = field(default_factory=list)
    sentences: int = 0
    provenance: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "kind": self.kind,
            "identical_chars": self.identical,
            "similarity": round(self.similarity, 4),
            "longest_run": self.longest_run,
            "sentences": self.sentences,
            "mine": self.mine.to_json(),
            "suspect": self.suspect.to_json(),
            "runs": [list(r) for r in self.runs],
            "provenance": self.provenance,
        }


@dataclass
class Summary:
    events: int
    identical_events: int
    rewritten_events: int
    identical_chars: int  # total 雷同字数: the suspect's characters inside identical runs, once each
    mine_coverage: float | None  # share of mine's normalised characters inside identical passages
    # (None when mine is several versions: no one text to measure against)
    suspect_coverage: float
    suspect_rewritten_coverage: float
    longest_event: int | None  # number of the 事件 with the most identical characters
    longest_identical: int
    mine_chars: int
    suspect_chars: int

    def to_json(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "identical_events": self.identical_events,
            "rewritten_events": self.rewritten_events,
            "identical_chars": self.identical_chars,
            "mine_coverage": None if self.mine_coverage is None else round(self.mine_coverage, 6),
            "suspect_coverage": round(self.suspect_coverage, 6),
            "suspect_rewritten_coverage": round(self.suspect_rewritten_coverage, 6),
            "longest_event": self.longest_event,
            "longest_identical": self.longest_identical,
            "mine_normalised_chars": self.mine_chars,
            "suspect_normalised_chars": self.suspect_chars,
        }


@dataclass
class Side:
    """What a report says about one input."""

    name: str
    kind: str
    encoding: str
    chars: int
    normalised_sha256: str

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "encoding": self.encoding,
            "chars": self.chars,
            "normalised_sha256": self.normalised_sha256,
        }


@dataclass
class Comparison:
    mine: Side
    suspect: Side
    events: list[Event]
    summary: Summary
    # the texts, for rendering both columns (not serialised)
    mine_text: str = field(repr=False, default="")
    suspect_text: str = field(repr=False, default="")

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "proofkit-text-comparison",
            "version": 1,
            "mine": self.mine.to_json(),
            "suspect": self.suspect.to_json(),
            "summary": self.summary.to_json(),
            "statement": STATEMENT,
            "events": [e.to_json() for e in self.events],
        }


def _passage(p: Prepared, n0: int, n1: int, runs: list[tuple[int, int]] = ()) -> Passage:
    """``runs``: identical stretches (normalised start, length), marked in the original text."""
    start, end = p.norm.original_span(n0, n1)
    ch = p.document.chapter_at(start)
    cut = min(end, start + EXCERPT_LIMIT)
    text = p.document.text[start:cut]
    marks = []
    for r0, n in runs:
        o0, o1 = p.norm.original_span(r0, r0 + n)
        o0, o1 = max(o0, start) - start, min(o1, cut) - start
        if o1 > o0:
            marks.append((o0, o1))
    return Passage(start, end, n0, n1, ch.label() if ch else "", text, marks)


def _mask(n: int, spans) -> np.ndarray:
    d = np.zeros(n + 1, dtype=np.int64)
    for a, b in spans:
        d[a] += 1
        d[b] -= 1
    return np.cumsum(d[:n]) > 0


def _side(p: Prepared) -> Side:
    d = p.document
    return Side(d.name, d.kind, d.encoding, len(d.text), p.sha256)


def compare(mine: Prepared, suspect: Prepared, *, rewritten: bool = True,
            progress: Progress | None = None) -> Comparison:
    """Find every passage of ``mine`` that ``suspect`` has, identical or rewritten."""

    def step(done: int) -> None:
        if progress is not None:
            if progress.cancelled:
                raise ComparisonCancelled()
            progress.update(done, 3)

    step(0)
    regions = verbatim.verbatim_regions(mine.fingerprints, suspect.fingerprints)
    step(1)
    na, nb = len(mine.norm), len(suspect.norm)
    cov_a = _mask(na, ((r.a0, r.a1) for r in regions))
    cov_b = _mask(nb, ((r.b0, r.b1) for r in regions))
    found: list[Event] = []
    for r in regions:
        found.append(Event(0, IDENTICAL, _passage(mine, r.a0, r.a1, [(x[0], x[2]) for x in r.runs]),
                           _passage(suspect, r.b0, r.b1, [(x[1], x[2]) for x in r.runs]),
                           r.identical, r.similarity, r.longest, list(r.runs)))
    if rewritten and na and nb:
        sa, common, bands = mine.sentence_index()
        # mine's sentences already found identical are left out, and so are the suspect's
        usable = np.ones(len(sa), dtype=bool)
        if len(sa):
            cum = np.r_[0, np.cumsum(cov_a)]
            usable = (cum[sa.norm_end] - cum[sa.norm_start]) / np.maximum(sa.norm_end - sa.norm_start, 1) < 0.5
        bns, bne = paraphrase.sentence_spans(suspect.document.text, suspect.norm, cov_b)
        sb = paraphrase.build_sentences(suspect.norm.codes, bns, bne, common)
        for rw in paraphrase.rewritten_passages(sa, sb, bands_a=bands, usable_a=usable):
            found.append(Event(0, REWRITTEN, _passage(mine, rw.a0, rw.a1), _passage(suspect, rw.b0, rw.b1),
                               0, rw.similarity, 0, [], rw.sentences))
    step(2)
    summary = number_and_summarise(found, nb, cov_a=cov_a)
    step(3)
    return Comparison(_side(mine), _side(suspect), found, summary,
                      mine.document.text, suspect.document.text)


def number_and_summarise(events: list[Event], suspect_chars: int, *, cov_a: np.ndarray | None = None) -> Summary:
    """Number ``events`` in the suspect's order (as a complaint reads the copy from its start)
    and summarise them. ``cov_a``: mine's coverage mask, when mine is one text."""
    events.sort(key=lambda e: (e.suspect.norm_start, e.mine.norm_start))
    for i, e in enumerate(events, 1):
        e.number = i
    nb = suspect_chars
    ident = [e for e in events if e.kind == IDENTICAL]
    cov_b = _mask(nb, ((e.suspect.norm_start, e.suspect.norm_end) for e in ident))
    rw_b = _mask(nb, ((e.suspect.norm_start, e.suspect.norm_end) for e in events if e.kind == REWRITTEN))
    longest = max(ident, key=lambda e: e.identical, default=None)
    return Summary(
        events=len(events),
        identical_events=len(ident),
        rewritten_events=len(events) - len(ident),
        # each character of the suspect counted once, even where two 事件 share it
        identical_chars=int(_mask(nb, ((b0, b0 + n) for e in ident for _, b0, n in e.runs)).sum()),
        mine_coverage=(float(cov_a.mean()) if cov_a.shape[0] else 0.0) if cov_a is not None else None,
        suspect_coverage=float(cov_b.mean()) if nb else 0.0,
        suspect_rewritten_coverage=float((rw_b & ~cov_b).mean()) if nb else 0.0,
        longest_event=longest.number if longest else None,
        longest_identical=longest.identical if longest else 0,
        mine_chars=int(cov_a.shape[0]) if cov_a is not None else 0,
        suspect_chars=nb,
    )
