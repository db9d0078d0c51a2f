"""The page layout of the bundle's PDFs (fpdf2): the embedded font, the colours, line
breaking, and the blocks a report is built of (paragraphs in both languages, headings,
label/value rows, code, tables that repeat their header on each page).

fpdf2 with WenQuanYi Micro Hei (resources/fonts, Apache-2.0), subset and embedded. Lines are
broken by our own wrapper: a Latin word ("TSA", a URL) is never cut, Chinese breaks between
characters, closing punctuation never starts a line.
"""

from __future__ import annotations

import re

from .. import __version__
from .report_text import text_pair

FONT_FILE = "wqy-microhei.ttc"
# One face only: loading a face parses the whole 5 MB collection (~0.5 s), so digests and
# commands use the same face at a smaller size instead of the Mono face.
SANS = MONO = "wqy"
INK = (30, 30, 30)
GREY = (110, 110, 110)
ACCENT = (20, 90, 160)
GOOD = (20, 120, 50)
BAD = (170, 40, 30)
FILL = (242, 242, 242)


def new_document(font_path: str, *, margin: float, bottom: float, created, title: str, lang: str,
                 author: str | None = None):
    """An A4 FPDF (mm) with ``margin`` on three sides, pages broken ``bottom`` mm from the
    foot, the font ``SANS`` loaded from ``font_path``, and its metadata: the creation date
    ``created`` (the PDF stays the same bytes for the same input), title, author, language
    and ProofKit as creator."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(margin, margin, margin)
    pdf.set_auto_page_break(True, margin=bottom)
    pdf.add_font(SANS, "", font_path, collection_font_number=0)
    pdf.set_creation_date(created)
    pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.set_creator(f"ProofKit {__version__}")
    pdf.set_lang(lang)
    return pdf


_CLOSING = set("，。、；：！？）》」』】”’,.;:!?)]%")
_OPENING = set("（《「『【“‘([")
_TOKEN = re.compile(r"[A-Za-z0-9_./:\-@%+#&=?~\u00b1\u2713\u2718'’]+|[ \t]+|.", re.S)


def _tokens(text: str) -> list[str]:
    """Words that must stay whole: Latin words (with what URLs and numbers hold), each CJK
    character alone, closing punctuation glued to what precedes it, opening to what follows."""
    out: list[str] = []
    glue_next = False
    for t in _TOKEN.findall(text):
        if out and (t[0] in _CLOSING or glue_next) and not t.isspace():
            out[-1] += t
        else:
            out.append(t)
        glue_next = len(t) == 1 and t in _OPENING
    return out


def wrap(pdf, text: str, width: float) -> list[str]:
    """Greedy line breaking on the tokens above; a token wider than a line (a digest, a long
    URL) is cut by character, the only place a word is cut."""
    lines: list[str] = []
    for para in text.split("\n"):
        cur = ""
        for tok in _tokens(para):
            if not cur and tok.isspace():
                continue
            if pdf.get_string_width(cur + tok) <= width:
                cur += tok
                continue
            if cur.strip():
                lines.append(cur.rstrip())
            cur = "" if tok.isspace() else tok
            while pdf.get_string_width(cur) > width and len(cur) > 1:
                cut = len(cur)
                while cut > 1 and pdf.get_string_width(cur[:cut]) > width:
                    cut -= 1
                lines.append(cur[:cut])
                cur = cur[cut:]
        lines.append(cur.rstrip())
    return lines


class PdfLayout:
    """Writes blocks onto ``pdf`` (an FPDF with the ``SANS`` font added), ``lang`` ("zh" or
    "en") first and the other language beside it; ``pages`` records the page each marked part
    begins on."""

    def __init__(self, pdf, lang: str) -> None:
        self.pdf = pdf
        self.lang = lang
        self.other = "en" if lang == "zh" else "zh"
        self.pages: dict[str, int] = {}

    @property
    def width(self) -> float:
        return self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    # -------------------------------------------------------------- text helpers
    def para(self, s: str, size: float = 10, *, color=INK, lh: float | None = None, indent: float = 0,
             width: float | None = None) -> None:
        pdf = self.pdf
        pdf.set_font(SANS, size=size)
        pdf.set_text_color(*color)
        lh = lh or size * 0.5
        w = (width or self.width) - indent
        for line in wrap(pdf, s, w):
            if pdf.get_y() + lh > pdf.page_break_trigger:
                pdf.add_page()
            pdf.set_x(pdf.l_margin + indent)
            pdf.cell(w, lh, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)

    def bi(self, key: str, size: float = 10, *, indent: float = 0, **fmt) -> None:
        first, second = text_pair(key, self.lang, **fmt)
        self.both(first, second, size, indent=indent)

    def both(self, first: str, second: str, size: float = 10, *, indent: float = 0) -> None:
        self.para(first, size, indent=indent)
        self.para(second, size * 0.85, color=GREY, indent=indent)

    def label(self, key: str, **fmt) -> str:
        first, second = text_pair(key, self.lang, **fmt)
        return f"{first} / {second}" if first != second else first

    def heading(self, key: str, *, extra: str = "", size: float = 14, new_page: bool = False) -> None:
        pdf = self.pdf
        if new_page or pdf.get_y() > pdf.h - 60:
            pdf.add_page()
        else:
            pdf.ln(3)
        first, second = text_pair(key, self.lang)
        pdf.set_font(SANS, size=size)
        pdf.set_text_color(*ACCENT)
        pdf.cell(pdf.get_string_width(first) + 3, size * 0.55, first, new_x="END")
        pdf.set_font(SANS, size=size * 0.65)
        pdf.set_text_color(*GREY)
        pdf.cell(0, size * 0.55, second, new_x="LMARGIN", new_y="NEXT")
        if extra:
            self.para(extra, size * 0.8, lh=size * 0.5)
        pdf.set_draw_color(*ACCENT)
        pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.w - pdf.r_margin, pdf.get_y() + 0.5)
        pdf.ln(2.5)
        pdf.set_text_color(*INK)

    def sub(self, text: str, size: float = 11, color=ACCENT) -> None:
        pdf = self.pdf
        if pdf.get_y() > pdf.h - 45:
            pdf.add_page()
        pdf.ln(2)
        self.para(text, size, color=color, lh=size * 0.55)
        pdf.ln(0.5)

    def kv(self, key: str | None, value: str, *, size: float = 9, mono: bool = False, color=INK,
           label: str | None = None, **fmt) -> None:
        """A label (both languages, grey) and its value, side by side."""
        pdf = self.pdf
        lw = 44
        label = label if label is not None else self.label(key, **fmt)
        pdf.set_font(SANS, size=size * 0.85)
        label_lines = wrap(pdf, label, lw - 2)
        pdf.set_font(MONO if mono else SANS, size=size * (0.9 if mono else 1))
        value_lines = wrap(pdf, value, self.width - lw)
        lh = size * 0.48
        h = max(len(label_lines) * lh * 0.9, len(value_lines) * lh)
        if pdf.get_y() + h > pdf.page_break_trigger:
            pdf.add_page()
        y = pdf.get_y()
        pdf.set_font(SANS, size=size * 0.85)
        pdf.set_text_color(*GREY)
        for i, line in enumerate(label_lines):
            pdf.set_xy(pdf.l_margin, y + i * lh * 0.9)
            pdf.cell(lw, lh * 0.9, line)
        pdf.set_font(MONO if mono else SANS, size=size * (0.9 if mono else 1))
        pdf.set_text_color(*color)
        for i, line in enumerate(value_lines):
            pdf.set_xy(pdf.l_margin + lw, y + i * lh)
            pdf.cell(self.width - lw, lh, line)
        pdf.set_text_color(*INK)
        pdf.set_xy(pdf.l_margin, y + h + 0.8)

    def code(self, text: str, size: float = 7.5) -> None:
        pdf = self.pdf
        pdf.set_font(MONO, size=size)
        lh = size * 0.5
        lines = [ln for block in text.split("\n") for ln in wrap(pdf, block, self.width - 4)]
        if pdf.get_y() + lh * len(lines) + 2 > pdf.page_break_trigger and lh * len(lines) < 100:
            pdf.add_page()
        pdf.set_fill_color(*FILL)
        for line in lines:
            pdf.set_x(pdf.l_margin)
            pdf.cell(self.width, lh, "  " + line, fill=True, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)

    def table(self, widths: list[float], header: list[tuple[str, str]], rows: list[list[list[tuple]]],
              *, on_row=None) -> None:
        """A table with wrapped cells. A cell is a list of (text, size, color) paragraphs;
        the header (first language, second below) repeats on every page the table spans.
        ``on_row(i, page, x, y, h)`` is told where row ``i`` landed."""
        pdf = self.pdf

        def cell_lines(cell, w):
            out = []
            for text, size, color in cell:
                pdf.set_font(SANS, size=size)
                out += [(line, size, color) for line in wrap(pdf, text, w - 2)]
            return out

        def draw_row(cells, fill: bool = False):
            laid = [cell_lines(cell, w) for cell, w in zip(cells, widths)]
            h = max(sum(size * 0.46 for _, size, _ in lines) for lines in laid) + 2
            if pdf.get_y() + h > pdf.page_break_trigger:
                return None
            x, y = pdf.l_margin, pdf.get_y()
            if fill:
                pdf.set_fill_color(*FILL)
                pdf.rect(x, y, sum(widths), h, style="F")
            for lines, w in zip(laid, widths):
                yy = y + 1
                for line, size, color in lines:
                    pdf.set_font(SANS, size=size)
                    pdf.set_text_color(*color)
                    pdf.set_xy(x + 1, yy)
                    pdf.cell(w - 2, size * 0.46, line)
                    yy += size * 0.46
                x += w
            pdf.set_draw_color(200, 200, 200)
            pdf.line(pdf.l_margin, y + h, pdf.l_margin + sum(widths), y + h)
            pdf.set_text_color(*INK)
            pdf.set_xy(pdf.l_margin, y + h)
            return y, h

        head_cells = [[(a, 8, INK), (b, 7, GREY)] for a, b in header]
        draw_row(head_cells, fill=True)
        for i, row in enumerate(rows):
            placed = draw_row(row)
            if placed is None:
                pdf.add_page()
                draw_row(head_cells, fill=True)
                placed = draw_row(row)
                if placed is None:  # taller than a page: give up keeping it whole
                    placed = (pdf.get_y(), 0)
            if on_row is not None:
                on_row(i, pdf.page, placed[0], placed[1])

    def mark(self, key: str) -> None:
        self.pages.setdefault(key, self.pdf.page)
