"""Normalised text for matching, with a map back to the original.

Matching sees a text the way a reader compares two manuscripts: full-width and half-width
forms are one (NFKC), traditional characters are read as simplified (OpenCC ``t2s``), and
punctuation, symbols and whitespace are not characters of the text (a copy that changes
``，`` to ``,`` or re-wraps lines is the same text). Latin letters are case-folded.

Every normalised character remembers the offset of the original character it came from
(``offsets``), so a match found on normalised text is shown on the original.

The work is done per distinct character (a novel has a few thousand), then applied to the
whole text with numpy, so a million characters normalise in well under a second.
:func:`normalised_text` applies the same three steps with ``str.translate`` when only the
text is wanted (the content identity recorded with every stamp): no offsets, no numpy.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

# Unicode general categories that are not "text" for matching: punctuation (P*), symbols (S*),
# separators (Z*) and control/format/unassigned (C*). Letters, marks and numbers stay.
_DROPPED = ("P", "S", "Z", "C")


@dataclass(frozen=True)
class Normalised:
    """A text as matching sees it.

    ``codes``: the normalised characters as a uint32 array of code points.
    ``offsets``: for each normalised character, the offset of its character in the original.
    ``text``: the normalised characters as a str (``codes`` decoded).
    """

    codes: np.ndarray
    offsets: np.ndarray
    text: str

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    @property
    def sha256(self) -> str:
        return normalised_sha256(self.text)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that normalised characters [start, end) came from."""
        if end <= start:
            o = int(self.offsets[start]) if start < len(self) else (int(self.offsets[-1]) + 1 if len(self) else 0)
            return o, o
        return int(self.offsets[start]), int(self.offsets[end - 1]) + 1


def normalised_sha256(normalised_text: str) -> str:
    """The content identity of a text: SHA-256 of its normalised characters in UTF-8."""
    return hashlib.sha256(normalised_text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported on first use: the converter loads its dictionaries (~50 ms)

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional -> simplified, phrase-aware (OpenCC t2s)."""
    return _t2s().convert(text)


def _codes(text: str) -> np.ndarray:
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _from_codes(codes: np.ndarray) -> str:
    import numpy as np

    return codes.astype(np.uint32).tobytes().decode("utf-32-le")


def _same_length_t2s(text: str) -> str:
    """t2s that keeps one character per character, so offsets carry over one to one.

    OpenCC's t2s keeps the length for practically all text; where a line does not (a rare
    phrase mapping), that line is converted character by character instead.
    """
    out = to_simplified(text)
    if len(out) == len(text):
        return out
    parts = []
    for line in text.splitlines(keepends=True):
        conv = to_simplified(line)
        if len(conv) != len(line):
            conv = "".join(c2 if len(c2 := to_simplified(c)) == 1 else c for c in line)
        parts.append(conv)
    return "".join(parts)


def _replacement(cp: int) -> str:
    """Step 1 for one character: NFKC + case fold (it may become several: ㈠ -> (一))."""
    return unicodedata.normalize("NFKC", chr(cp)).casefold()


def _dropped(cp: int) -> bool:
    """Step 3 for one character: punctuation, symbols, separators, controls are dropped."""
    return unicodedata.category(chr(cp)).startswith(_DROPPED)


def _char_table(uniq: np.ndarray) -> tuple[list[str], np.ndarray]:
    """Step 1 for each distinct character: its replacement and the replacement's length."""
    import numpy as np

    repl = [_replacement(cp) for cp in uniq.tolist()]
    return repl, np.fromiter((len(r) for r in repl), dtype=np.int64, count=len(repl))


#: characters: up to this, str.translate (no numpy import, ~40 ms saved on a one-chapter stamp);
#: beyond, numpy's normalise (0.44 s vs 0.56 s for a 3.5-million-character novel, measured).
TRANSLATE_UP_TO = 200_000


def normalised_text(text: str) -> str:
    """``normalise(text).text``, the same three steps on the string alone (no offsets): what a
    stamped manuscript's content identity is the SHA-256 of (tests compare both). Without
    numpy for a chapter; a whole novel goes through numpy, faster at that size."""
    if len(text) >= TRANSLATE_UP_TO:
        return normalise(text).text
    folded = text.translate({cp: _replacement(cp) for cp in set(map(ord, text))})
    simp = _same_length_t2s(folded) if folded else folded
    return simp.translate({cp: None for cp in set(map(ord, simp)) if _dropped(cp)})


def normalise(text: str) -> Normalised:
    """The normalised form of ``text`` and the map from it back to ``text``'s offsets."""
    import numpy as np

    if not text:
        empty = np.zeros(0, dtype=np.uint32)
        return Normalised(empty, np.zeros(0, dtype=np.int64), "")
    codes = _codes(text)
    # 1. NFKC + casefold per distinct character; a character may become several (㈠ -> (一)).
    uniq, inverse = np.unique(codes, return_inverse=True)
    repl, lengths = _char_table(uniq)
    per_char_len = lengths[inverse]
    offsets = np.repeat(np.arange(codes.shape[0], dtype=np.int64), per_char_len)
    if np.all(lengths == 1):
        table = _codes("".join(repl))
        nfkc = table[inverse]
    else:
        pieces = [_codes(r) for r in repl]
        # Concatenate each character's replacement in text order without a Python loop per character.
        flat = np.concatenate([p for p in pieces if p.size] or [np.zeros(0, np.uint32)])
        starts = np.zeros(len(pieces), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        # For output position p (belonging to text char c, being its q-th piece): flat[starts[u_c] + q]
        owner = np.repeat(np.arange(codes.shape[0], dtype=np.int64), per_char_len)
        first = np.zeros(codes.shape[0] + 1, dtype=np.int64)
        np.cumsum(per_char_len, out=first[1:])
        q = np.arange(owner.shape[0], dtype=np.int64) - first[owner]
        nfkc = flat[starts[inverse[owner]] + q]
    # 2. Traditional -> simplified on the whole text (phrase-aware), one character per character.
    simp = _codes(_same_length_t2s(_from_codes(nfkc)))
    # 3. Drop punctuation, symbols, whitespace and controls.
    uniq2, inv2 = np.unique(simp, return_inverse=True)
    keep_u = np.fromiter(
        (not _dropped(cp) for cp in uniq2.tolist()),
        dtype=bool,
        count=uniq2.shape[0],
    )
    keep = keep_u[inv2]
    out = simp[keep]
    return Normalised(np.ascontiguousarray(out), offsets[keep], _from_codes(out))
