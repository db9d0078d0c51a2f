"""Chapters: the unit a palette refers to (第N章 headings; epub spine items; a folder's files)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"[0-9０-９零〇一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟]+"
# A heading line: 第12章 / 第十二回 / 第3节 / 卷一 / Chapter 12, optionally followed by a title
# (a line that ends a sentence, 第三章不是标题。, is text, not a heading).
HEADING = re.compile(
    rf"^[ \t\u3000]*(?:(?:正文[ \t\u3000]*)?第{_NUM}[章回节節卷部篇](?:[ \t\u3000:：、.·\-—]*[^\n。！？!?]{{0,40}})?"
    rf"|(?:Chapter|CHAPTER)[ \t]+\d+[^\n。！？!?]{{0,40}}|卷{_NUM}[^\n。！？!?]{{0,30}})[ \t\u3000]*$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Chapter:
    """A chapter: its title and its span [start, end) in the document's text.
    ``file`` names the file it came from when the document is a folder."""

    title: str
    start: int
    end: int
    file: str = ""

    def label(self) -> str:
        if self.file and self.file not in self.title:
            return f"{self.file} · {self.title}" if self.title else self.file
        return self.title or self.file


def find_chapters(text: str) -> list[Chapter]:
    """The chapters of a text by its 第N章 (and similar) headings; text before the first
    heading is a chapter with an empty title. No heading: no chapters (the whole text)."""
    heads = [(m.start(), m.group(0).strip()) for m in HEADING.finditer(text)]
    if not heads:
        return []
    out = []
    if text[: heads[0][0]].strip():
        out.append(Chapter("", 0, heads[0][0]))
    for i, (start, title) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(text)
        out.append(Chapter(title, start, end))
    return out
