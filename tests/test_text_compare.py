"""Manuscript comparison (core/text): planted passages in generated novels are found, with exact
identical-character counts; an unrelated novel gives nothing; every shared run of 15+
normalised characters is found."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest
from textgen import Generator

from proofkit.core.text import IDENTICAL, REWRITTEN, Document, compare, prepare
from proofkit.core.text.chapters import find_chapters
from proofkit.core.text.normalise import normalise
from proofkit.core.text.verbatim import GUARANTEED_RUN, Fingerprints, find_runs


def _doc(name: str, text: str) -> Document:
    return Document(name, text, "utf-8", "txt", find_chapters(text))


def _s2t(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


def _sentences_at(text: str, start: int, length: int) -> tuple[int, int]:
    s = text.index("。", start) + 1
    e = text.index("。", s + length) + 1
    return s, e


@pytest.fixture(scope="module")
def corpus():
    """Mine (300k chars), an unrelated novel, and a suspect made of unrelated text with planted
    passages of mine: verbatim, traditional, 15 % words swapped, paraphrased."""
    g = Generator(11)
    mine = g.novel(300_000)
    other = Generator(12).novel(300_000)
    rnd = random.Random(5)
    parts, planted = [], []
    cursor = 0
    for i in range(24):
        parts.append(other[cursor : cursor + 6000])
        cursor += 6000
        s, e = _sentences_at(mine, 4000 + i * 12000, rnd.randint(100, 900))
        passage = mine[s:e]
        kind = ("verbatim", "traditional", "swapped", "paraphrased")[i % 4]
        if kind == "verbatim":
            copy = passage
        elif kind == "traditional":
            copy = _s2t(passage)
        elif kind == "swapped":
            copy = g.swap_words(passage, 0.15)
        else:
            copy = "".join(g.paraphrase(x + "。") for x in passage.split("。") if x)
        # ASCII letters appear nowhere in the novels: the copy's ends cannot be extended by chance
        parts.append("Q" + copy + "Z")
        planted.append((kind, s, e, passage))
    parts.append(other[cursor : cursor + 6000])
    suspect = "".join(parts)
    return {"mine": mine, "other": other, "suspect": suspect, "planted": planted}


@pytest.fixture(scope="module")
def result(corpus):
    return compare(prepare(_doc("mine.txt", corpus["mine"])), prepare(_doc("copy.txt", corpus["suspect"])))


def _events_over(result, s: int, e: int, kind: str | None = None):
    return [ev for ev in result.events if ev.mine.start < e and ev.mine.end > s and (kind is None or ev.kind == kind)]


def test_verbatim_passages_all_found_with_exact_identical_counts(result, corpus):
    verbatim = [p for p in corpus["planted"] if p[0] == "verbatim"]
    assert len(verbatim) == 6
    for _, s, e, passage in verbatim:
        evs = _events_over(result, s, e, IDENTICAL)
        assert len(evs) == 1, passage[:20]
        ev = evs[0]
        assert ev.identical == len(normalise(passage)), "雷同字数 must count every normalised character once"
        assert ev.similarity == 1.0
        # the offsets map back onto the original text of both sides
        assert s <= ev.mine.start and ev.mine.end <= e
        assert normalise(corpus["mine"][ev.mine.start : ev.mine.end]).text == normalise(passage).text
        assert normalise(corpus["suspect"][ev.suspect.start : ev.suspect.end]).text == normalise(passage).text
        assert ev.mine.marks == [(0, ev.mine.end - ev.mine.start)]


def test_unrelated_text_gives_no_event(corpus):
    c = compare(prepare(_doc("mine.txt", corpus["mine"])), prepare(_doc("other.txt", corpus["other"])))
    assert c.events == []
    assert c.summary.identical_chars == 0 and c.summary.suspect_coverage == 0


def test_traditional_copy_is_found_as_identical(result, corpus):
    for _, s, e, passage in (p for p in corpus["planted"] if p[0] == "traditional"):
        evs = _events_over(result, s, e, IDENTICAL)
        assert evs, passage[:20]
        # t2s reads back almost every character (a few s2t/t2s round trips differ, e.g. 着/著)
        assert sum(ev.identical for ev in evs) >= 0.9 * len(normalise(passage))


def test_swapped_words_copy_is_one_near_identical_passage(result, corpus):
    for _, s, e, passage in (p for p in corpus["planted"] if p[0] == "swapped"):
        evs = _events_over(result, s, e, IDENTICAL)
        assert evs, passage[:20]
        best = max(evs, key=lambda ev: ev.identical)
        n = len(normalise(passage))
        assert best.identical >= 0.6 * n
        assert (best.mine.norm_end - best.mine.norm_start) >= 0.8 * n
        assert 0.6 <= best.similarity < 1.0


def test_paraphrased_copy_is_reported_as_rewritten(result, corpus):
    found = 0
    paraphrased = [p for p in corpus["planted"] if p[0] == "paraphrased"]
    for _, s, e, passage in paraphrased:
        evs = _events_over(result, s, e)
        if any(ev.kind == REWRITTEN for ev in evs):
            found += 1
        # a rewrite is never scored as a large identical passage
        assert sum(ev.identical for ev in evs if ev.kind == IDENTICAL) < 0.5 * len(normalise(passage))
    assert found >= len(paraphrased) - 1
    for ev in result.events:
        if ev.kind == REWRITTEN:
            assert ev.identical == 0 and ev.sentences >= 1 and ev.similarity >= 0.3
            # every rewritten pair lies on a planted paraphrase (no false pairing elsewhere)
            assert any(s - 50 <= ev.mine.start and ev.mine.end <= e + 50 for _, s, e, _ in paraphrased)


def test_events_are_numbered_in_the_suspects_order_and_summarised(result):
    nums = [ev.number for ev in result.events]
    assert nums == list(range(1, len(nums) + 1))
    starts = [ev.suspect.start for ev in result.events]
    assert starts == sorted(starts)
    s = result.summary
    assert s.events == len(result.events)
    assert s.identical_chars == sum(ev.identical for ev in result.events if ev.kind == IDENTICAL)
    longest = max((ev for ev in result.events if ev.kind == IDENTICAL), key=lambda ev: ev.identical)
    assert (s.longest_event, s.longest_identical) == (longest.number, longest.identical)
    assert 0 < s.mine_coverage < s.suspect_coverage < 1


def test_chapters_of_both_sides_are_named(result, corpus):
    for ev in result.events:
        assert ev.mine.chapter.startswith("第") and "章" in ev.mine.chapter
        heads = list(re.finditer(r"^第\d+章 .*$", corpus["mine"][: ev.mine.start], re.MULTILINE))
        assert heads[-1].group(0) == ev.mine.chapter


def test_every_shared_run_of_15_characters_is_found():
    """The winnowing guarantee, checked on many random plantings of 15-20 characters."""
    assert GUARANTEED_RUN == 15
    g = Generator(3)
    a = normalise(g.novel(60_000)).codes
    b = normalise(Generator(4).novel(60_000)).codes.copy()
    rnd = random.Random(9)
    marker = ord("z")
    planted = []
    pos = 100
    for _ in range(600):
        n = rnd.randint(15, 20)  # the guarantee: 15 normalised characters
        src = rnd.randrange(0, len(a) - n)
        b[pos - 1] = marker
        b[pos : pos + n] = a[src : src + n]
        b[pos + n] = marker
        planted.append((src, pos, n))
        pos += n + rnd.randint(30, 150)
        if pos + 30 >= len(b):
            break
    runs = find_runs(Fingerprints.of(a), Fingerprints.of(b))
    have = {(int(x), int(y), int(n)) for x, y, n in zip(runs.a0, runs.b0, runs.length)}
    for src, dst, n in planted:
        # the planted run may extend to the left in mine only if the characters agree: they do not
        # (the marker), so the run found is exactly the planted one, or longer where a's
        # neighbours happen to equal b's (then it still contains it)
        assert any(x <= src and y - x == dst - src and x + m >= src + n for x, y, m in have), (src, dst, n)


def test_runs_are_exact_and_maximal():
    rng = np.random.default_rng(1)
    a = rng.integers(0x4E00, 0x4E00 + 50, size=5000).astype(np.uint32)
    b = rng.integers(0x4E00, 0x4E00 + 50, size=5000).astype(np.uint32)
    b[1000:1400] = a[2000:2400]
    runs = find_runs(Fingerprints.of(a), Fingerprints.of(b))
    assert len(runs)
    for x, y, n in zip(runs.a0.tolist(), runs.b0.tolist(), runs.length.tolist()):
        assert np.array_equal(a[x : x + n], b[y : y + n])
        assert x == 0 or y == 0 or a[x - 1] != b[y - 1]
        assert x + n == len(a) or y + n == len(b) or a[x + n] != b[y + n]
    assert any(x <= 2000 and x + n >= 2400 and y - x == 1000 - 2000 for x, y, n in
               zip(runs.a0.tolist(), runs.b0.tolist(), runs.length.tolist()))


def test_the_identitys_text_is_the_comparisons_normalised_text():
    """normalised_text (the content identity recorded with each stamp, computed without
    numpy) gives exactly normalise(...).text: generated novels in traditional and simplified
    characters, full-width forms, expansions (㈠), case, punctuation, emoji, controls."""
    from proofkit.core.text.normalise import normalise, normalised_text, to_simplified

    g = Generator(11)
    novel = g.novel(30_000)
    samples = [
        "", "   ", "第一章 开始\n\n“你好，世界！”她说。", "ＡＢＣ１２３ａｂｃ Straße ǅ ﬁ", "㈠㈡ ㍿ ①②",
        "這個時候，他們說：「後來發現的頭髮」。", "emoji 👩‍💻🙂 and\tcontrols\x00\x1f\u200b\u3000end",
        novel, "\n".join(to_simplified(line) for line in novel.splitlines()[:200]),
        novel.translate({ord("的"): "們", ord("一"): "發"}),  # some traditional characters
        "".join(chr(c) for c in range(0x20, 0x3000) if not 0xD800 <= c <= 0xDFFF),
    ]
    import proofkit.core.text.normalise as nm

    for text in samples:
        assert normalised_text(text) == normalise(text).text, text[:40]
    assert len(novel) < nm.TRANSLATE_UP_TO  # the samples took the str.translate way
