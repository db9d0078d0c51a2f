"""A model comparison as a PDF report (``proofkit compare MINE SUSPECT -o report.pdf``): the
verdict and the sentence on what it shows and does not, each in Chinese and English, the figures, the
cosine histogram as bars and MINE's stamps when MINE came from the ledger. The CJK font is the
one report.pdf embeds (WenQuanYi Micro Hei from resources/fonts, subset by fpdf2)."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import UTC, datetime
from importlib import resources

from .. import __version__
from ..core.models.report import text_lines
from .report import ACCENT, FONT_FILE, GREY, INK, SANS, VERDICTS
from .report_text import zh_sentence

TITLE = ("模型比对报告", "Model comparison report")
HIST = ("余弦相似度（未完全相同的配对张量）", "Cosine similarity of paired tensors that are not identical")
STAMPS = ("我的模型指纹的时间戳", "Time stamps of MINE's fingerprint")
NO_STAMP = ("尚无已验证的回执：不是证据", "no verified receipt yet: not proof")
NOTE = ("说明", "What this shows and does not")

def _text(pdf, s: str, size: float = 10, color=INK, wrap: str = "WORD", align: str = "J") -> None:
    pdf.set_font(SANS, size=size)
    pdf.set_text_color(*color)
    pdf.multi_cell(0, size * 0.5, s, wrapmode=wrap, align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)


def _histogram(pdf, hist: dict) -> None:
    top = max(hist.values()) if hist else 0
    if not top:
        return
    _text(pdf, f"{HIST[0]} · {HIST[1]}", 10, ACCENT)
    x0, y0, h_max, w = pdf.l_margin + 4, pdf.get_y() + 4, 40.0, 22.0
    pdf.set_font(SANS, size=7.5)
    for i, (label, n) in enumerate(hist.items()):
        h = h_max * n / top
        x = x0 + i * (w + 6)
        pdf.set_fill_color(59, 110, 165)
        if h:
            pdf.rect(x, y0 + h_max - h, w, h, style="F")
        pdf.set_xy(x, y0 + h_max - h - 4)
        pdf.cell(w, 4, str(n), align="C")
        pdf.set_xy(x - 3, y0 + h_max + 1)
        pdf.cell(w + 6, 4, str(label), align="C")
    pdf.set_xy(pdf.l_margin, y0 + h_max + 8)


def render_model_report_pdf(report: dict, created: datetime | None = None) -> bytes:
    """The report of ``proofkit.core.models.compare`` as PDF bytes (``created``: the document's
    creation date; now if not given)."""
    from fpdf import FPDF

    created = created or datetime.now(UTC)
    with ExitStack() as stack:
        font = stack.enter_context(resources.as_file(resources.files("proofkit.resources") / "fonts" / FONT_FILE))
        pdf = FPDF(format="A4", unit="mm")
        pdf.set_margins(14, 14, 14)
        pdf.set_auto_page_break(True, margin=14)
        pdf.add_font(SANS, "", str(font), collection_font_number=0)
        pdf.set_creation_date(created)
        pdf.set_creator(f"ProofKit {__version__}")
        pdf.set_title(f"{TITLE[0]} · {TITLE[1]}")
        pdf.set_lang("zh-CN")
        pdf.add_page()
        _text(pdf, f"{TITLE[0]} · {TITLE[1]}", 16)
        pdf.ln(2)
        zh, en = VERDICTS.get(report["verdict"], (report["verdict"], report["verdict"]))
        _text(pdf, zh, 14, ACCENT)
        _text(pdf, en, 11, GREY)
        pdf.ln(1)
        _text(pdf, f"{NOTE[0]} · {NOTE[1]}:", 9, GREY)
        zh_text = zh_sentence(report)
        if zh_text:
            _text(pdf, zh_text, 10, wrap="CHAR", align="L")  # Chinese breaks anywhere; no stretched spaces
            pdf.ln(1)
        _text(pdf, report["sentence"], 10 if not zh_text else 9, INK if not zh_text else GREY)
        pdf.ln(2)
        lines = text_lines(report, blocks=10_000)[2:]
        hist_at = next((i for i, ln in enumerate(lines) if ln.startswith("Cosine similarity")), None)
        if hist_at is not None:  # drawn as bars below instead of the terminal's # rows
            hist = (report.get("figures") or {}).get("cosine_histogram") or {}
            end = hist_at + 1 + len(hist)
            head, tail = lines[:hist_at], lines[end:]
        else:
            head, tail = lines, []
        _text(pdf, "\n".join(head), 8.5)
        if hist_at is not None:
            pdf.ln(2)
            _histogram(pdf, (report.get("figures") or {}).get("cosine_histogram") or {})
        if tail:
            _text(pdf, "\n".join(tail), 8.5)
        stamps = report.get("mine_stamps")
        if stamps:
            pdf.ln(2)
            _text(pdf, f"{STAMPS[0]} · {STAMPS[1]}", 10, ACCENT)
            _text(pdf, f"#{stamps['version']} “{stamps['work']}” {stamps['file_name']} · sha256 {stamps['manifest_sha256']}", 8.5)
            for r in stamps["receipts"] or []:
                _text(pdf, f"✓ {r['tsa']}: {r['gen_time']}", 8.5)
            if not stamps["receipts"]:
                _text(pdf, f"{NO_STAMP[0]} · {NO_STAMP[1]}", 8.5)
        return bytes(pdf.output())
