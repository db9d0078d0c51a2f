"""The 调色盘 as PDF pages: the summary, what it proves, then every 事件 as two columns (the
suspect's text beside mine), identical stretches on the 事件's colour. The CJK font is the one
report.pdf embeds (WenQuanYi Micro Hei from resources/fonts, subset by fpdf2), so the pages read
the same on any reader. Long passages are cut at ``PDF_EXCERPT`` characters per side (the HTML
palette and matches.json have them whole)."""

from __future__ import annotations

import colorsys
from contextlib import ExitStack
from datetime import UTC, datetime
from importlib import resources

from ..core.text.comparison import IDENTICAL, STATEMENT, Comparison, Event, Passage
from ..core.text.palette import TEXT
from .pdf_layout import FONT_FILE, GREY, INK, SANS, new_document

PDF_EXCERPT = 1500
SIZE = 8.5
LINE_H = 4.6


def _rgb(n: int, light: bool = False) -> tuple[int, int, int]:
    r, g, b = colorsys.hls_to_rgb(((n * 137.508) % 360) / 360, 0.92 if light else 0.80, 0.70)
    return int(r * 255), int(g * 255), int(b * 255)


class _Palette:
    def __init__(self, c: Comparison, font_path: str, created: datetime) -> None:
        self.c = c
        pdf = new_document(font_path, margin=12, bottom=14, created=created,
                           title=f"{TEXT['title'][0]} — {c.mine.name} / {c.suspect.name}", lang="zh-CN")
        self.pdf = pdf
        self.col_w = (pdf.w - pdf.l_margin - pdf.r_margin - 4) / 2
        self._widths: dict[str, float] = {}

    def text(self, s: str, size: float = 10, color=INK) -> None:
        pdf = self.pdf
        pdf.set_font(SANS, size=size)
        pdf.set_text_color(*color)
        pdf.multi_cell(0, size * 0.5, s, wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)

    def bi(self, key: str, value: str = "", size: float = 9.5) -> None:
        zh, en = TEXT[key]
        self.text(f"{zh} · {en}" + (f"：{value}" if value else ""), size)

    # ---------------------------------------------------------------- two-column passages
    def _w(self, ch: str) -> float:
        w = self._widths.get(ch)
        if w is None:
            w = self._widths[ch] = self.pdf.get_string_width(ch)
        return w

    def _lines(self, p: Passage) -> list[list[tuple[str, bool]]]:
        """The passage wrapped to the column: each line a list of (text, highlighted) pieces."""
        text = p.text[:PDF_EXCERPT]
        marked = [False] * len(text)
        for a, b in p.marks:
            for i in range(max(a, 0), min(b, len(text))):
                marked[i] = True
        lines: list[list[tuple[str, bool]]] = []
        cur: list[tuple[str, bool]] = []
        width = 0.0
        for i, ch in enumerate(text):
            if ch == "\n":
                lines.append(cur)
                cur, width = [], 0.0
                continue
            if ch == "\r":
                continue
            w = self._w(ch)
            if width + w > self.col_w and cur:
                lines.append(cur)
                cur, width = [], 0.0
            if cur and cur[-1][1] == marked[i]:
                cur[-1] = (cur[-1][0] + ch, marked[i])
            else:
                cur.append((ch, marked[i]))
            width += w
        if cur:
            lines.append(cur)
        if len(p.text) < p.end - p.start or len(text) < len(p.text):
            lines.append([("……", False)])
        return [ln for ln in lines if ln] or [[("", False)]]

    def _draw_line(self, x: float, y: float, line, fill) -> None:
        pdf = self.pdf
        pdf.set_xy(x, y)
        for piece, hl in line:
            w = pdf.get_string_width(piece)
            if hl:
                pdf.set_fill_color(*fill)
            pdf.cell(w, LINE_H, piece, fill=hl)

    def _event_header(self, e: Event, cont: bool = False) -> None:
        pdf = self.pdf
        kind = "相同 identical" if e.kind == IDENTICAL else "改写 rewritten"
        figure = (f"雷同字数 {e.identical} · " if e.kind == IDENTICAL else "") + f"相似度 similarity {e.similarity:.2f}"
        pdf.set_font(SANS, size=9)
        pdf.set_fill_color(*_rgb(e.number))
        head = f"事件 {e.number}{'（续 cont.）' if cont else ''} · {kind} · {figure}"
        pdf.cell(0, 5.5, head, fill=True, new_x="LMARGIN", new_y="NEXT")
        if cont:
            return
        pdf.set_font(SANS, size=7.5)
        pdf.set_text_color(*GREY)
        x0 = pdf.l_margin
        y = pdf.get_y()
        pdf.set_xy(x0, y)
        pdf.cell(self.col_w, 4, self._cut(f"对方 suspect · {e.suspect.chapter}"))
        pdf.set_xy(x0 + self.col_w + 4, y)
        pdf.cell(self.col_w, 4, self._cut(f"我方 mine · {e.mine.chapter}"))
        pdf.set_xy(x0, y + 4)
        if e.provenance:
            pv = e.provenance
            label = f"最早存证版本 earliest stamped version: {pv.get('label', '')}"
            times = "; ".join(str(t) for t in pv.get("times", []))
            pdf.set_xy(x0 + self.col_w + 4, y + 4)
            pdf.multi_cell(self.col_w, 3.6, label + (f" · {times}" if times else "") +
                           (f" · {pv['note']}" if pv.get("note") else ""), wrapmode="CHAR")
            pdf.set_x(x0)
        pdf.set_text_color(*INK)

    def _cut(self, s: str) -> str:
        pdf = self.pdf
        while len(s) > 4 and pdf.get_string_width(s) > self.col_w:
            s = s[:-2] + "…"
        return s

    def event(self, e: Event) -> None:
        pdf = self.pdf
        if pdf.get_y() > pdf.h - 40:
            pdf.add_page()
        pdf.ln(2)
        self._event_header(e)
        pdf.set_font(SANS, size=SIZE)
        left, right = self._lines(e.suspect), self._lines(e.mine)
        fill = _rgb(e.number) if e.kind == IDENTICAL else _rgb(e.number, light=True)
        x0 = pdf.l_margin
        x1 = x0 + self.col_w + 4
        y = pdf.get_y() + 1
        bottom = pdf.h - 14
        pdf.set_auto_page_break(False)
        for i in range(max(len(left), len(right))):
            if y + LINE_H > bottom:
                pdf.add_page()
                pdf.set_auto_page_break(True, margin=14)
                self._event_header(e, cont=True)
                pdf.set_auto_page_break(False)
                pdf.set_font(SANS, size=SIZE)
                y = pdf.get_y() + 1
            if i < len(left):
                self._draw_line(x0, y, left[i], fill)
            if i < len(right):
                self._draw_line(x1, y, right[i], fill)
            y += LINE_H
        pdf.set_auto_page_break(True, margin=14)
        pdf.set_xy(x0, y + 1)
        pdf.set_draw_color(200, 200, 200)
        pdf.line(x0, y + 1, pdf.w - pdf.r_margin, y + 1)

    def cover(self) -> None:
        c, s = self.c, self.c.summary
        pdf = self.pdf
        pdf.add_page()
        pdf.set_font(SANS, size=16)
        pdf.cell(0, 9, f"{TEXT['title'][0]} · {TEXT['title'][1]}", new_x="LMARGIN", new_y="NEXT")
        self.text(f"对方 suspect: {c.suspect.name}（{c.suspect.encoding}）", 9.5)
        self.text(f"  规范化文本 SHA-256 normalised: {c.suspect.normalised_sha256}", 7.5, GREY)
        self.text(f"我方 mine: {c.mine.name}（{c.mine.encoding}）", 9.5)
        self.text(f"  规范化文本 SHA-256 normalised: {c.mine.normalised_sha256}", 7.5, GREY)
        pdf.ln(2)
        self.text(STATEMENT["zh"], 9.5)
        self.text(STATEMENT["en"], 8.5, GREY)
        pdf.ln(2)
        self.bi("events", str(s.events))
        self.bi("identical_events", str(s.identical_events))
        self.bi("rewritten_events", str(s.rewritten_events))
        self.bi("identical_chars", str(s.identical_chars))
        if s.mine_coverage is not None:
            self.bi("mine_cov", f"{100 * s.mine_coverage:.2f}%")
        self.bi("suspect_cov", f"{100 * s.suspect_coverage:.2f}%")
        self.bi("suspect_rw", f"{100 * s.suspect_rewritten_coverage:.2f}%")
        if s.longest_event:
            self.bi("longest", f"事件 {s.longest_event} · {s.longest_identical}")
        self.text(TEXT["counting"][0] + " " + TEXT["counting"][1], 7.5, GREY)
        if not c.events:
            pdf.ln(3)
            self.text(TEXT["none"][0] + " " + TEXT["none"][1], 10)

    def footer_numbers(self) -> None:
        pdf = self.pdf
        total = pdf.page
        pdf.set_auto_page_break(False)
        for p in range(1, total + 1):
            pdf.page = p
            pdf.set_font(SANS, size=7)
            pdf.set_text_color(*GREY)
            pdf.set_xy(pdf.l_margin, pdf.h - 9)
            pdf.cell(0, 4, f"{TEXT['title'][0]} — {p} / {total}", align="C")
        pdf.page = total

    def build(self) -> bytes:
        self.cover()
        for e in self.c.events:
            self.event(e)
        self.footer_numbers()
        return bytes(self.pdf.output())


def render_palette_pdf(c: Comparison, created: datetime | None = None) -> bytes:
    """The palette as PDF bytes (``created`` is the document's creation date; now if not given)."""
    created = created or datetime.now(UTC)
    with ExitStack() as stack:
        font = stack.enter_context(resources.as_file(resources.files("proofkit.resources") / "fonts" / FONT_FILE))
        return _Palette(c, str(font), created).build()
