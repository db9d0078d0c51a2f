"""report.pdf: the bundle explained to a person, in Chinese and English (the chosen language
first). fpdf2 with WenQuanYi Micro Hei (resources/fonts, Apache-2.0), subset and embedded,
so Chinese titles and file names render on any reader. Deterministic: the creation date is
the bundle's export time, so the same ledger state gives the same bytes.
"""

from __future__ import annotations

from contextlib import ExitStack
from datetime import datetime
from importlib import resources

from .. import __version__
from .collect import Collected, subject_cn
from .instructions import CHECKS, fmt_time, ts_command

FONT_FILE = "wqy-microhei.ttc"
# One face only: loading a face parses the whole 5 MB collection (~0.5 s), so digests and
# commands use the same face at a smaller size instead of the Mono face.
SANS = MONO = "wqy"
INK = (30, 30, 30)
GREY = (110, 110, 110)
ACCENT = (20, 90, 160)

TEXT = {
    "title": ("时间戳证据报告", "Time-stamp evidence report"),
    "work": ("作品", "Work"),
    "pen": ("作者（笔名）", "Author (pen name)"),
    "exported": ("导出时间", "Exported"),
    "made_by": ("生成工具", "Made with"),
    "summary": ("{v} 个版本，{r} 张时间戳回执，来自 {t} 家时间戳机构",
                "{v} version(s), {r} time-stamp receipt(s) from {t} time-stamping authority(-ies), TSAs"),
    "proves_h": ("这份证据证明什么", "What this evidence proves"),
    "proves": ("下列每个文件（正是这些字节，由其 SHA-256 摘要识别）最晚在所示时间已经存在。时间由独立的时间戳机构"
               "（TSA）按 RFC 3161 标准签名，任何人都能用 openssl 核验，不需要 ProofKit。",
               "Each file listed below (exactly these bytes, identified by its SHA-256 digest) existed no later "
               "than the time shown. The time is signed by independent time-stamping authorities (TSAs) under "
               "RFC 3161; anyone can check it with openssl, without ProofKit."),
    "not_h": ("它不能证明什么", "What it does not prove"),
    "not": ("它本身不能证明文件是谁写的、是否抄自别处，也不涉及内容本身；作者身份需要其他证据（草稿、发表记录、"
            "证人等）。它也不说明文件在此之前存在了多久。",
            "It does not by itself prove who wrote the file, that it was not copied from elsewhere, or anything "
            "about its content; authorship needs other evidence (drafts, publication records, witnesses). Nor "
            "does it say how long before that time the file existed."),
    "privacy": ("发送给时间戳机构的只有摘要，从不包括文件本身。", "Only the digest was sent to the TSAs, never the file."),
    "timeline": ("版本时间线", "Timeline of the versions"),
    "files": ("文件与摘要", "Files and digests"),
    "folder": ("文件夹清单，{n} 个文件", "folder manifest, {n} files"),
    "bytes": ("字节", "bytes"),
    "stamps": ("各版本的时间戳", "Time stamps of each version"),
    "col_tsa": ("时间戳机构", "TSA"),
    "col_time": ("时间（genTime）", "Time (genTime)"),
    "col_serial": ("序列号", "Serial"),
    "not_proof": ("作者账本中另有 {n} 张回执（尚未完成、失败或导出时无法验证）不作为证据，未列入。",
                  "{n} other receipt(s) in the author's ledger (pending, failed, or not verifiable at export) are "
                  "not proof and are not listed."),
    "verify_h": ("如何核验", "How to verify"),
    "steps": (
        ["解压证据包，在解压后的文件夹中打开终端。",
         "核对 certs/ 里根证书的 SHA-256 指纹与 TSA 公布的指纹一致（VERIFY.zh.md 第 1 步）。",
         "用 sha256sum 核对文件的摘要（第 2 步）。",
         "对每张回执运行 VERIFY.zh.md 中的 openssl ts -verify 命令，应输出 “Verification: OK”。例如：",
         "安装了 ProofKit 的人也可以运行：proofkit verify 证据包.zip"],
        ["Unzip the bundle and open a terminal in the unzipped folder.",
         "Compare the SHA-256 fingerprint of each root in certs/ with the one its TSA publishes (VERIFY.md, step 1).",
         "Check the files' digests with sha256sum (step 2).",
         "Run the openssl ts -verify command given in VERIFY.md for each receipt; it must print "
         "\u201cVerification: OK\u201d. For example:",
         "With ProofKit installed: proofkit verify BUNDLE.zip"]),
    "checks": ("验证检查的内容", "What is checked"),
    "page": ("第 {p} 页", "page {p}"),
}


def _pair(key: str, lang: str, **fmt):
    zh, en = TEXT[key]
    if fmt:
        zh, en = zh.format(**fmt), en.format(**fmt)
    return (zh, en) if lang == "zh" else (en, zh)


def _short_time(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M")


class _Report:
    def __init__(self, c: Collected, lang: str, font_path: str) -> None:
        from fpdf import FPDF

        self.c, self.lang = c, lang
        pdf = FPDF(format="A4", unit="mm")
        pdf.set_margins(16, 16, 16)
        pdf.set_auto_page_break(True, margin=16)
        pdf.add_font(SANS, "", font_path, collection_font_number=0)
        pdf.set_creation_date(c.export_time)
        pdf.set_title(f"{c.work.title} — " + TEXT["title"][1])
        if c.work.pen_name:
            pdf.set_author(c.work.pen_name)
        pdf.set_creator(f"ProofKit {__version__}")
        pdf.set_lang("zh-CN" if lang == "zh" else "en")
        pdf.set_text_color(*INK)
        self.pdf = pdf

    # -------------------------------------------------------------- text helpers
    def text(self, s: str, size: float = 10, *, color=INK, mono: bool = False, h: float | None = None,
             zh: bool | None = None) -> None:
        pdf = self.pdf
        pdf.set_font(MONO if mono else SANS, size=size)
        pdf.set_text_color(*color)
        cjk = zh if zh is not None else any("\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" for ch in s)
        pdf.multi_cell(0, h or size * 0.5, s, wrapmode="CHAR" if (cjk or mono) else "WORD",
                       align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)

    def line(self, s: str, size: float = 10, *, color=INK, h: float = 5) -> None:
        """One line (cut with an ellipsis if too long): much faster than multi_cell."""
        pdf = self.pdf
        pdf.set_font(SANS, size=size)
        pdf.set_text_color(*color)
        width = pdf.w - pdf.l_margin - pdf.r_margin
        if pdf.get_string_width(s) > width:
            while len(s) > 4 and pdf.get_string_width(s + "…") > width:
                s = s[:-1]
            s += "…"
        pdf.cell(width, h, s, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)

    def bi(self, key: str, size: float = 10, **fmt) -> None:
        first, second = _pair(key, self.lang, **fmt)
        self.text(first, size)
        self.text(second, size * 0.85, color=GREY)

    def heading(self, key: str) -> None:
        pdf = self.pdf
        if pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        pdf.ln(4)
        first, second = _pair(key, self.lang)
        pdf.set_font(SANS, size=14)
        pdf.set_text_color(*ACCENT)
        pdf.cell(0, 8, f"{first}  ", new_x="END")
        pdf.set_font(SANS, size=10)
        pdf.set_text_color(*GREY)
        pdf.cell(0, 8, second, new_x="LMARGIN", new_y="NEXT")
        pdf.set_draw_color(*ACCENT)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)
        pdf.set_text_color(*INK)

    # -------------------------------------------------------------- sections
    def cover(self) -> None:
        c, pdf = self.c, self.pdf
        pdf.add_page()
        first, second = _pair("title", self.lang)
        self.text(first, 20, color=ACCENT, h=10)
        self.text(second, 12, color=GREY, h=7)
        pdf.ln(4)
        self.text(c.work.title, 22, h=11, zh=True)
        if c.work.pen_name:
            self.text(f"{_pair('pen', self.lang)[0]} / {_pair('pen', self.lang)[1]}: {c.work.pen_name}", 11, h=6)
        exported = fmt_time(c.export_time, "zh" if self.lang == "zh" else "en")
        self.text(f"{_pair('exported', self.lang)[0]} / {_pair('exported', self.lang)[1]}: {exported}", 9, h=5)
        self.text(f"{_pair('made_by', self.lang)[0]} / {_pair('made_by', self.lang)[1]}: ProofKit {__version__}",
                  9, h=5, color=GREY)
        tsas = {(r.row.tsa_name, r.row.url) for r in c.receipts}
        pdf.ln(2)
        self.bi("summary", 10, v=len(c.versions), r=len(c.receipts), t=len(tsas))
        self.heading("proves_h")
        self.bi("proves", 10)
        self.heading("not_h")
        self.bi("not", 10)
        pdf.ln(1)
        self.bi("privacy", 9)
        self.heading("timeline")
        self.timeline()

    def timeline(self) -> None:
        """Versions on a time axis: a dot at each version's earliest verified time, labels
        alternating above and below; with many versions only some are labelled."""
        pdf, vs = self.pdf, self.c.versions
        if pdf.get_y() > pdf.h - 70:
            pdf.add_page()
        top = pdf.get_y() + 4
        y = top + 24
        x0, x1 = pdf.l_margin + 8, pdf.w - pdf.r_margin - 8
        times = [v.earliest.timestamp() for v in vs]
        t0, t1 = min(times), max(times)
        n = len(vs)

        def x_of(i: int) -> float:
            if n == 1:
                return (x0 + x1) / 2
            if t1 > t0:
                return x0 + (x1 - x0) * (times[i] - t0) / (t1 - t0)
            return x0 + (x1 - x0) * i / (n - 1)

        pdf.set_draw_color(*GREY)
        pdf.set_line_width(0.6)
        pdf.line(x0 - 4, y, x1 + 4, y)
        pdf.set_line_width(0.2)
        step = max(1, -(-n // 10))
        labelled = set(range(0, n, step)) | {n - 1}
        pdf.set_fill_color(*ACCENT)
        for i, v in enumerate(vs):
            x = x_of(i)
            r = 1.6 if i in labelled else 1.0
            pdf.circle(x=x, y=y, radius=r, style="F")
        pdf.set_draw_color(*ACCENT)
        for k, i in enumerate(sorted(labelled)):
            v, x = vs[i], x_of(i)
            up = k % 2 == 0
            ly = y - 14 if up else y + 5
            pdf.line(x, y - (1.6 if up else -1.6), x, ly + (9 if up else 0))
            label = f"v{v.row.id} {v.row.file_name}"
            pdf.set_font(SANS, size=7)
            w = min(max(pdf.get_string_width(label), pdf.get_string_width("0000-00-00 00:00")) + 2, 46)
            lx = min(max(x - w / 2, pdf.l_margin), pdf.w - pdf.r_margin - w)
            pdf.set_xy(lx, ly)
            pdf.set_text_color(*INK)
            while pdf.get_string_width(label) > w - 1 and len(label) > 4:
                label = label[:-2] + "…"
            pdf.cell(w, 4, label, align="C")
            pdf.set_xy(lx, ly + 4)
            pdf.set_text_color(*GREY)
            pdf.cell(w, 4, _short_time(v.earliest), align="C")
        pdf.set_text_color(*INK)
        pdf.set_xy(pdf.l_margin, y + 16)
        if n > len(labelled):
            self.text(f"{n} 个版本，仅标注部分 / {n} versions, some labelled" if self.lang == "zh"
                      else f"{n} versions, some labelled / {n} 个版本，仅标注部分", 7, color=GREY)
        pdf.ln(2)

    def files(self) -> None:
        pdf = self.pdf
        self.heading("files")
        unit = _pair("bytes", self.lang)[0]
        for v in self.c.versions:
            row = v.row
            if pdf.get_y() > pdf.h - 30:
                pdf.add_page()
            extra = f" ({_pair('folder', self.lang, n=len(v.manifest_entries))[0]})" if row.kind == "manifest" else ""
            self.line(f"v{row.id}  {row.file_name}{extra}   {row.size:,} {unit}", 10, h=5.5)
            self.line(f"{row.hash_alg}  {row.digest_hex}", 7.5, color=GREY, h=4)
            pdf.ln(1)

    def stamps(self) -> None:
        pdf = self.pdf
        self.heading("stamps")
        cols = (_pair("col_tsa", self.lang)[0], _pair("col_time", self.lang)[0], _pair("col_serial", self.lang)[0])
        widths = (70, 78, pdf.w - pdf.l_margin - pdf.r_margin - 148)
        labels: dict = {}
        for v in self.c.versions:
            if pdf.get_y() > pdf.h - 40:
                pdf.add_page()
            self.line(f"v{v.row.id}  {v.row.file_name}", 10, h=6)
            pdf.set_font(SANS, size=8)
            pdf.set_text_color(*GREY)
            for w, label in zip(widths, cols):
                pdf.cell(w, 5, label, border="B")
            pdf.ln()
            pdf.set_text_color(*INK)
            for r in v.receipts:
                pdf.set_font(SANS, size=8)
                key = (r.row.tsa_name, r.verdict.signer)
                tsa = labels.get(key)
                if tsa is None:
                    tsa = f"{r.row.tsa_name} · {subject_cn(r.verdict.signer)}"
                    while pdf.get_string_width(tsa) > widths[0] - 2 and len(tsa) > 4:
                        tsa = tsa[:-2] + "…"
                    labels[key] = tsa
                pdf.cell(widths[0], 5, tsa)
                pdf.cell(widths[1], 5, fmt_time(r.gen_time, self.lang))
                pdf.set_font(MONO, size=7)
                pdf.cell(widths[2], 5, str(r.verdict.serial)[:28], new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        if self.c.not_proof:
            self.bi("not_proof", 8, n=len(self.c.not_proof))

    def how_to_verify(self) -> None:
        pdf = self.pdf
        self.heading("verify_h")
        first, second = _pair("steps", self.lang)
        v = self.c.versions[0]
        example = ts_command(self.c, v, v.receipts[0])
        for i, (a, b) in enumerate(zip(first, second), 1):
            self.text(f"{i}. {a}", 10, h=5.5)
            self.text(f"    {b}", 8.5, color=GREY, h=4.5)
            if i == 4:
                pdf.set_fill_color(242, 242, 242)
                pdf.set_font(MONO, size=7.5)
                pdf.multi_cell(0, 4, example, fill=True, wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")
                self.text("Verification: OK", 7.5, mono=True, h=4)
            pdf.ln(1)
        self.heading("checks")
        other = "en" if self.lang == "zh" else "zh"
        for (name, a), (_, b) in zip(CHECKS[self.lang], CHECKS[other]):
            self.text(f"• {name}: {a}", 8.5, h=4.5)
            self.text(f"   {b}", 7.5, color=GREY, h=4)

    def footer_numbers(self) -> None:
        pdf = self.pdf
        total = pdf.page
        for p in range(1, total + 1):
            pdf.page = p
            pdf.set_auto_page_break(False)
            pdf.set_font(SANS, size=7)
            pdf.set_text_color(*GREY)
            pdf.set_xy(pdf.l_margin, pdf.h - 10)
            label = f"{self.c.work.title} — {_pair('page', self.lang, p=p)[0]} / {total}"
            pdf.cell(0, 4, label, align="C")
        pdf.page = total

    def build(self) -> bytes:
        self.cover()
        self.files()
        self.stamps()
        self.how_to_verify()
        self.footer_numbers()
        return bytes(self.pdf.output())


def render_pdf(c: Collected, lang: str) -> bytes:
    """The report for ``c``; ``lang`` ("zh" or "en") is the main language."""
    with ExitStack() as stack:
        font = stack.enter_context(resources.as_file(resources.files("proofkit.resources") / "fonts" / FONT_FILE))
        return _Report(c, lang, str(font)).build()
