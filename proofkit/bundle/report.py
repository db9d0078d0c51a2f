"""report.pdf: the bundle as the document a court, a platform or a lawyer reads, in Chinese
and English (the chosen language first, the other always beside it).

Page 1 holds the evidence catalogue (证据目录: 序号 1-1, 1-2…, 证据名称, 来源, 证明目的, 页码);
then an overview with the versions' timeline; for each version a certificate (存证证书: the
work, file, size, SHA-256 and SM3, every receipt's verdict, TSA, country, genTime in UTC and
Beijing time with its accuracy, serial, policy, the TSA certificate and the anchoring root's
fingerprint), a stamped folder's file list and the hash check (哈希值校验说明); the author's
declaration (declared, not proven); how to verify without ProofKit. Every fact comes from
:mod:`.evidence`, which manifest.json and VERIFY.md share.

fpdf2 with WenQuanYi Micro Hei (resources/fonts, Apache-2.0), subset and embedded. Lines are
broken by our own wrapper: a Latin word ("TSA", a URL) is never cut, Chinese breaks between
characters, closing punctuation never starts a line. Deterministic: the PDF's creation date
is the bundle's export time.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from importlib import resources

from .. import __version__
from .collect import Collected, ProofVersion
from .evidence import (
    DECLARED_LABEL,
    DECLARED_NOTE,
    FOLDER_EXPLAINED,
    HASH_EXPLAINED,
    STAMP_PROVES,
    author_lines,
    beijing_text,
    catalogue,
    colon_hex,
    hash_commands,
    not_proof_text,
    receipt_facts,
    utc_text,
    version_label,
)
from .instructions import CHECKS, ts_command

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

TEXT = {
    "title": ("时间戳证据报告", "Time-stamp evidence report"),
    "work": ("作品", "Work"),
    "pen": ("作者（笔名）", "Author (pen name)"),
    "author_declared": ("作者（声明，未经证明）", "Author (declared, not proven)"),
    "exported": ("导出时间", "Exported"),
    "pinned": ("由 SOURCE_DATE_EPOCH 固定", "pinned by SOURCE_DATE_EPOCH"),
    "made_by": ("生成工具", "Made with"),
    "catalogue": ("证据目录", "Evidence catalogue"),
    "col_no": ("序号", "No."),
    "col_name": ("证据名称", "Evidence"),
    "col_source": ("来源", "Source"),
    "col_purpose": ("证明目的", "What it proves"),
    "col_page": ("页码", "Page"),
    "overview": ("证据说明", "Overview"),
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
    "cert": ("存证证书", "Time-stamp certificate"),
    "version": ("版本", "Version"),
    "ledger_id": ("账本编号 {i}", "ledger id {i}"),
    "file_name": ("文件名", "File name"),
    "folder_name": ("文件夹", "Folder"),
    "kind": ("类型", "Kind"),
    "kind_file": ("单个文件", "one file"),
    "kind_folder": ("文件夹，{n} 个文件，作为一份清单盖章", "a folder of {n} files, stamped as one manifest"),
    "size": ("大小", "Size"),
    "size_file": ("{n} 字节", "{n} bytes"),
    "size_manifest": ("清单 {n} 字节", "manifest {n} bytes"),
    "size_folder": ("；所列文件共 {n} 字节", "; the files listed total {n} bytes"),
    "stamped": ("摘要（被盖时间戳的）", "Digest (the one time-stamped)"),
    "sm3": ("SM3 摘要（同一字节）", "SM3 digest (same bytes)"),
    "sm3_none": ("无法给出：{why}", "not available: {why}"),
    "earliest": ("最早存证时间", "Earliest time stamp"),
    "receipts_h": ("时间戳回执", "Time-stamp receipts"),
    "receipt": ("回执 r{i}", "Receipt r{i}"),
    "tsa": ("时间戳机构", "TSA"),
    "country": ("国家/地区 {c}", "country {c}"),
    "gentime": ("时间（genTime）", "Time (genTime)"),
    "accuracy": ("精度", "Accuracy"),
    "accuracy_none": ("时间戳机构未声明", "not stated by the TSA"),
    "serial": ("序列号", "Serial number"),
    "policy": ("策略", "Policy"),
    "tsa_cert": ("TSA 证书", "TSA certificate"),
    "issuer": ("签发者", "Issuer"),
    "validity": ("有效期", "Valid"),
    "root": ("根证书", "Root"),
    "root_fp": ("根证书 SHA-256 指纹", "Root SHA-256 fingerprint"),
    "not_proof_h": ("该版本的其他回执（不作为证据）", "Other receipts of this version (not proof)"),
    "folder_h": ("文件夹文件清单", "Files of the folder"),
    "folder_all": ("清单中的全部 {n} 个文件：", "All {n} files of the manifest:"),
    "folder_picked": ("作者选列的 {k} 个文件（清单共 {n} 个，完整清单见证据包 {f}）：",
                      "{k} files picked by the author (the manifest lists {n}; all of them are in {f}):"),
    "folder_picked_1": ("作者选列的 1 个文件（清单共 {n} 个，完整清单见证据包 {f}）：",
                        "1 file picked by the author (the manifest lists {n}; all of them are in {f}):"),
    "col_file": ("文件", "File"),
    "unknown": ("未知", "unknown"),
    "manifest_digest": ("被盖时间戳的是清单本身的 SHA-256：", "What was time-stamped is the manifest's own SHA-256:"),
    "hash_h": ("哈希值校验说明", "Hash check"),
    "algorithm": ("算法", "Algorithm"),
    "value": ("数值", "Value"),
    "commands": ("复核命令（在文件所在的文件夹中运行）：", "Commands to reproduce it (run them in the file's folder):"),
    "author_h": ("作者声明", "Author's declaration"),
    "verify_h": ("如何核验", "How to verify"),
    "checks": ("验证检查的内容", "What is checked"),
    "other_not_proof": ("作者账本中另有 {n} 张回执（尚未完成、失败或导出时无法验证）不作为证据，未列入。",
                        "{n} other receipts in the author's ledger (pending, failed, or not verifiable at export) "
                        "are not proof and are not listed."),
    "other_not_proof_1": ("作者账本中另有 1 张回执（尚未完成、失败或导出时无法验证）不作为证据，未列入。",
                          "1 other receipt in the author's ledger (pending, failed, or not verifiable at export) is "
                          "not proof and is not listed."),
    "steps": (
        ["解压证据包，在解压后的文件夹中打开终端。",
         "核对 certs/ 里根证书的 SHA-256 指纹与 TSA 公布的指纹一致（VERIFY.zh.md 第 1 步）。",
         "用 sha256sum（Windows：certutil -hashfile）核对文件的摘要（第 2 步）。",
         "对每张回执运行 VERIFY.zh.md 中的 openssl ts -verify 命令，应输出 “Verification: OK”。例如：",
         "安装了 ProofKit 的人也可以运行：proofkit verify 证据包.zip"],
        ["Unzip the bundle and open a terminal in the unzipped folder.",
         "Compare the SHA-256 fingerprint of each root in certs/ with the one its TSA publishes (VERIFY.md, step 1).",
         "Check the files' digests with sha256sum (on Windows: certutil -hashfile) (step 2).",
         "Run the openssl ts -verify command given in VERIFY.md for each receipt; it must print "
         "\u201cVerification: OK\u201d. For example:",
         "With ProofKit installed: proofkit verify BUNDLE.zip"]),
    "page": ("第 {p} 页，共 {n} 页", "page {p} of {n}"),
    "cmp_h": ("模型比对", "Model comparison"),
    "cmp_sides": ("我的模型：{mine}；被比对的文件：{suspect}", "MINE: {mine}; SUSPECT: {suspect}"),
    "cmp_figs": ("相同的张量 {ident} 个（占被比对模型参数的 {ishare}）；估计我的模型所占份额 {share}；改名 {renamed} 个；元数据：{meta}",
                 "{ident} identical tensor(s) ({ishare} of SUSPECT's parameters); estimated share of MINE {share}; "
                 "{renamed} renamed; metadata: {meta}"),
    "pal_h": ("调色盘（文本比对）", "Palette (manuscript comparison)"),
    "pal_sides": ("我的作品：{mine}；被比对的文本：{suspect}（SHA-256 {sha}）", "MINE: {mine}; SUSPECT: {suspect} (SHA-256 {sha})"),
    "pal_figs": ("事件 {events} 个（逐字相同 {ident} 个，改写 {rw} 个）；雷同字数 {chars}；对方文本逐字相同的比例 {cov}；最长段落 {longest} 字",
                 "{events} 事件 ({ident} identical, {rw} rewritten); {chars} identical characters (雷同字数); "
                 "{cov} of SUSPECT identical; longest passage {longest} characters"),
    "pal_note": ("完整的调色盘（两栏对照，每个事件及其最早的存证版本与时间）见本证据包中的 palette.pdf 和 palette.html，逐条数据见 comparison.json。",
                 "The whole palette (two columns, each 事件 with the earliest stamped version that contained it and its "
                 "times) is in this bundle as palette.pdf and palette.html; every figure is in comparison.json."),
    "cmp_note": ("比对依据上文已盖时间戳的模型指纹（originals/ 中的 .fingerprint.json）；全部数字见 comparison.json。"
                 "下面一段是英文原文说明。",
                 "The comparison uses the stamped model fingerprint above (the .fingerprint.json in originals/); "
                 "every figure is in comparison.json."),
}

VERDICTS = {
    "same_file": ("同一文件", "Same file"),
    "same_weights": ("权重相同（重新编码）", "Same weights, re-encoded"),
    "derived": ("由我的模型派生", "Derived from MINE"),
    "no_evidence": ("未发现派生证据", "No evidence of derivation"),
    "picture_names_mine": ("图片注明使用了我的模型", "The picture names MINE"),
    "picture_names_other": ("图片注明的是其他模型", "The picture names another model"),
    "picture_names_nothing": ("图片未注明模型", "The picture names no model"),
}


def _pair(key: str, lang: str, **fmt):
    zh, en = TEXT[key]
    if fmt:
        zh, en = zh.format(**fmt), en.format(**fmt)
    return (zh, en) if lang == "zh" else (en, zh)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(c: Collected, lang: str) -> tuple[str, str]:
    tsas = len({(r.row.tsa_name, r.row.url) for r in c.receipts})
    zh = f"{len(c.versions)} 个版本，{len(c.receipts)} 张时间戳回执，来自 {tsas} 家时间戳机构（TSA）"
    en = (f"{_plural(len(c.versions), 'version', 'versions')}, "
          f"{_plural(len(c.receipts), 'time-stamp receipt', 'time-stamp receipts')} from "
          f"{_plural(tsas, 'time-stamping authority (TSA)', 'time-stamping authorities (TSAs)')}")
    return (zh, en) if lang == "zh" else (en, zh)


# ------------------------------------------------------------------ line breaking
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


# ------------------------------------------------------------------ the document
class _Report:
    def __init__(self, c: Collected, lang: str, font_path: str) -> None:
        from fpdf import FPDF

        self.c, self.lang = c, lang
        self.other = "en" if lang == "zh" else "zh"
        pdf = FPDF(format="A4", unit="mm")
        pdf.set_margins(16, 16, 16)
        pdf.set_auto_page_break(True, margin=18)
        pdf.add_font(SANS, "", font_path, collection_font_number=0)
        pdf.set_creation_date(c.export_time)
        pdf.set_title(f"{c.work.title} — " + TEXT["title"][1])
        author = (c.author or {}).get("pen_names") or ([c.work.pen_name] if c.work.pen_name else [])
        if author:
            pdf.set_author(", ".join(author))
        pdf.set_creator(f"ProofKit {__version__}")
        pdf.set_lang("zh-CN" if lang == "zh" else "en")
        pdf.set_text_color(*INK)
        self.pdf = pdf
        self.items = catalogue(c)
        self.pages: dict[str, int] = {}
        self.page_slots: list[tuple[str, int, float, float, float, float]] = []

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
        first, second = _pair(key, self.lang, **fmt)
        self.both(first, second, size, indent=indent)

    def both(self, first: str, second: str, size: float = 10, *, indent: float = 0) -> None:
        self.para(first, size, indent=indent)
        self.para(second, size * 0.85, color=GREY, indent=indent)

    def label(self, key: str, **fmt) -> str:
        first, second = _pair(key, self.lang, **fmt)
        return f"{first} / {second}" if first != second else first

    def heading(self, key: str, *, extra: str = "", size: float = 14, new_page: bool = False) -> None:
        pdf = self.pdf
        if new_page or pdf.get_y() > pdf.h - 60:
            pdf.add_page()
        else:
            pdf.ln(3)
        first, second = _pair(key, self.lang)
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

    # -------------------------------------------------------------- page 1
    def cover(self) -> None:
        c, pdf = self.c, self.pdf
        pdf.add_page()
        first, second = _pair("title", self.lang)
        self.para(first, 20, color=ACCENT, lh=10)
        self.para(second, 12, color=GREY, lh=6.5)
        pdf.ln(2)
        self.para(c.work.title, 20, lh=10)
        pdf.ln(1)
        self.kv("work", c.work.title)
        pens = (c.author or {}).get("pen_names") or []
        if pens:
            self.kv("author_declared", "、".join(pens) if self.lang == "zh" else ", ".join(pens))
        elif c.work.pen_name:
            self.kv("pen", c.work.pen_name)
        when = f"{utc_text(c.export_time)}\n{beijing_text(c.export_time)}"
        if c.export_time_source == "SOURCE_DATE_EPOCH":
            when += f"\n({self.label('pinned')})"
        self.kv("exported", when)
        self.kv("made_by", f"ProofKit {__version__}")
        pdf.ln(1)
        a, b = summary(c, self.lang)
        self.both(a, b, 9.5)
        self.heading("catalogue")
        self.catalogue()

    def catalogue(self) -> None:
        pdf = self.pdf
        widths = [13, 50, 45, 0, 14]
        widths[3] = self.width - sum(widths)
        cols = ["col_no", "col_name", "col_source", "col_purpose", "col_page"]
        header = [_pair(k, self.lang) for k in cols]
        rows = []
        for item in self.items:
            row = [[(item["number"], 8.5, INK)]]
            for field in ("name", "source", "purpose"):
                row.append([(item[field][self.lang], 8.5, INK), (item[field][self.other], 7.2, GREY)])
            row.append([("", 8.5, INK)])  # the page, written once known
            rows.append(row)

        def where(i, page, y, h):
            x = pdf.l_margin + sum(widths[:4])
            self.page_slots.append((self.items[i]["key"], page, x, y, widths[4], h))

        self.table(widths, header, rows, on_row=where)

    # -------------------------------------------------------------- overview
    def overview(self) -> None:
        self.heading("overview", new_page=True)
        self.mark("overview")
        self.sub(self.label("proves_h"), 11)
        self.bi("proves", 10)
        self.sub(self.label("not_h"), 11)
        self.bi("not", 10)
        self.pdf.ln(1)
        self.bi("privacy", 9)
        if self.c.not_proof:
            n = len(self.c.not_proof)
            self.pdf.ln(1)
            self.bi("other_not_proof_1" if n == 1 else "other_not_proof", 8.5, n=n)
        self.heading("timeline")
        self.timeline()
        widths = [16, 0, 62, 22]
        widths[1] = self.width - sum(widths)
        header = [_pair("version", self.lang), _pair("file_name", self.lang), _pair("earliest", self.lang),
                  _pair("receipts_h", self.lang)]
        rows = [[[(version_label(v), 8.5, INK)], [(v.row.file_name, 8.5, INK)],
                 [(utc_text(v.earliest), 8.5, INK), (beijing_text(v.earliest), 7.5, GREY)],
                 [(str(len(v.receipts)), 8.5, INK)]] for v in self.c.versions]
        self.table(widths, header, rows)

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
            pdf.circle(x=x_of(i), y=y, radius=1.6 if i in labelled else 1.0, style="F")
        pdf.set_draw_color(*ACCENT)
        for k, i in enumerate(sorted(labelled)):
            v, x = vs[i], x_of(i)
            up = k % 2 == 0
            ly = y - 14 if up else y + 5
            pdf.line(x, y - (1.6 if up else -1.6), x, ly + (9 if up else 0))
            label = f"{version_label(v)} {v.row.file_name}"
            when = v.earliest.strftime("%Y-%m-%d %H:%M UTC")
            pdf.set_font(SANS, size=7)
            w = min(max(pdf.get_string_width(label), pdf.get_string_width(when)) + 2, 46)
            lx = min(max(x - w / 2, pdf.l_margin), pdf.w - pdf.r_margin - w)
            pdf.set_xy(lx, ly)
            pdf.set_text_color(*INK)
            while pdf.get_string_width(label) > w - 1 and len(label) > 4:
                label = label[:-2] + "…"
            pdf.cell(w, 4, label, align="C")
            pdf.set_xy(lx, ly + 4)
            pdf.set_text_color(*GREY)
            pdf.cell(w, 4, when, align="C")
        pdf.set_text_color(*INK)
        pdf.set_xy(pdf.l_margin, y + 16)
        if n > len(labelled):
            zh, en = f"{n} 个版本，仅标注部分", f"{n} versions, some labelled"
            self.para(f"{zh} / {en}" if self.lang == "zh" else f"{en} / {zh}", 7, color=GREY)
        self.pdf.ln(2)

    # -------------------------------------------------------------- per version
    def certificate(self, v: ProofVersion) -> None:
        c, row = self.c, v.row
        folder = row.kind == "manifest"
        self.heading("cert", extra=f"{version_label(v)}  {row.file_name}", new_page=True)
        self.mark(f"version-{row.id}")
        self.kv("work", c.work.title)
        self.kv("version", f"{version_label(v)}（{_pair('ledger_id', self.lang, i=row.id)[0]}）"
                if self.lang == "zh" else f"{version_label(v)} ({_pair('ledger_id', self.lang, i=row.id)[0]})")
        self.kv("folder_name" if folder else "file_name", row.file_name)
        if folder:
            self.kv("kind", self.label("kind_folder", n=len(v.manifest_entries)))
            size = self.label("size_manifest", n=f"{row.size:,}")
            known = [f.size for f in v.files if f.size is not None]
            if v.files and len(known) == len(v.files):
                total = f"{sum(known):,}"
                zh, en = TEXT["size_folder"]
                size = (f"{TEXT['size_manifest'][0].format(n=f'{row.size:,}')}{zh.format(n=total)} / "
                        f"{TEXT['size_manifest'][1].format(n=f'{row.size:,}')}{en.format(n=total)}")
            self.kv("size", size)
        else:
            self.kv("kind", self.label("kind_file"))
            self.kv("size", self.label("size_file", n=f"{row.size:,}"))
        self.kv("stamped", f"{row.hash_alg.upper()}: {row.digest_hex}", mono=True)
        if v.sm3:
            self.kv("sm3", v.sm3, mono=True)
        else:
            self.kv("sm3", self.label("sm3_none", why=v.sm3_note or "-"))
        self.kv("earliest", f"{utc_text(v.earliest)}\n{beijing_text(v.earliest)}")

        self.sub(self.label("receipts_h"))
        for r in v.receipts:
            f = receipt_facts(r)
            self.para(f"{_pair('receipt', self.lang, i=r.row.id)[0]}   {f['verdict_text'][self.lang]}  "
                      f"/  {f['verdict_text'][self.other]}", 10, color=GOOD, lh=5.5)
            country = self.label("country", c=f["tsa_country"]) if f["tsa_country"] else ""
            tsa = f["tsa"] + ((f"（{country}）" if self.lang == "zh" else f" ({country})") if country else "")
            self.kv("tsa", f"{tsa}\n{f['tsa_url']}")
            self.kv("gentime", f"{f['gen_time']}\n{f['gen_time_beijing']}")
            self.kv("accuracy", f["accuracy"] or self.label("accuracy_none"))
            self.kv("serial", f["serial"], mono=True)
            self.kv("policy", f["policy"] or "-", mono=True)
            cert = f["tsa_certificate"]
            self.kv("tsa_cert", cert["subject"])
            self.kv("issuer", cert["issuer"])
            self.kv("validity", f"{cert['not_before']} — {cert['not_after']}")
            self.kv("root", f["root"]["subject"])
            self.kv("root_fp", colon_hex(f["root"]["sha256"]), mono=True)
            self.pdf.ln(1.5)
        others = [n for n in c.not_proof if n["version_id"] == row.id]
        if others:
            self.sub(self.label("not_proof_h"), 10, color=BAD)
            for n in others:
                self.para(f"r{n['receipt_id']} {n['tsa']}: {not_proof_text(n, self.lang)}", 8.5, color=BAD)
                self.para(not_proof_text(n, self.other), 7.5, color=GREY)
        if folder:
            self.folder_files(v)
        self.hash_check(v)

    def folder_files(self, v: ProofVersion) -> None:
        self.sub(self.label("folder_h"))
        n = len(v.manifest_entries)
        if v.files_listed == "picked":
            key = "folder_picked_1" if len(v.files) == 1 else "folder_picked"
            self.bi(key, 8.5, k=len(v.files), n=n, f=v.manifest_file)
        else:
            self.bi("folder_all", 8.5, n=n)
        self.pdf.set_font(SANS, size=6.5)
        widths = [9, 0, 22, self.pdf.get_string_width("0" * 64) + 3]  # a digest on one line
        widths[1] = self.width - sum(widths)
        header = [("#", "#"), _pair("col_file", self.lang), _pair("size", self.lang), ("SHA-256", "SHA-256")]
        unit = TEXT["size_file"][0 if self.lang == "zh" else 1]
        rows = []
        for i, f in enumerate(v.files, 1):
            size = unit.format(n=f"{f.size:,}") if f.size is not None else \
                f"{_pair('unknown', self.lang)[0]} ({f.note})"
            rows.append([[(str(i), 7.5, INK)], [(f.rel, 7.5, INK)], [(size, 7.5, INK)],
                         [(f.sha256, 6.5, INK)]])
        self.table(widths, header, rows)
        self.pdf.ln(1)
        self.bi("manifest_digest", 8.5)
        self.code(f"{v.row.hash_alg.upper()}  {v.row.digest_hex}  {v.manifest_file}")

    def hash_check(self, v: ProofVersion) -> None:
        if self.pdf.get_y() > self.pdf.h - 110:  # keep the explanation with its commands
            self.pdf.add_page()
        self.sub(self.label("hash_h"))
        for a, b in zip(HASH_EXPLAINED[self.lang], HASH_EXPLAINED[self.other]):
            self.para(f"• {a}", 9)
            self.para(f"  {b}", 7.8, color=GREY)
        if v.row.kind == "manifest":
            self.para(FOLDER_EXPLAINED[self.lang], 9)
            self.para(FOLDER_EXPLAINED[self.other], 7.8, color=GREY)
        self.pdf.ln(1)
        self.kv("algorithm", v.row.hash_alg.upper() + (" / SM3" if v.sm3 else ""))
        self.kv("value", f"{v.row.hash_alg.upper()}: {v.row.digest_hex}" + (f"\nSM3: {v.sm3}" if v.sm3 else ""),
                mono=True)
        self.bi("commands", 8.5)
        self.code("\n".join(f"# {where}\n{cmd}" for where, cmd in hash_commands(v)))

    # -------------------------------------------------------------- author, verify
    def author(self) -> None:
        a = self.c.author
        if not a:
            return
        self.heading("author_h", new_page=True)
        self.mark("author")
        self.para(DECLARED_LABEL[self.lang], 11, color=BAD, lh=6)
        self.para(DECLARED_LABEL[self.other], 9, color=GREY)
        self.pdf.ln(1)
        self.para(DECLARED_NOTE[self.lang], 9)
        self.para(DECLARED_NOTE[self.other], 7.8, color=GREY)
        self.pdf.ln(1)
        for (label, value), (label2, _) in zip(author_lines(a, self.lang), author_lines(a, self.other)):
            self.kv(None, value, label=f"{label} / {label2}")
        self.pdf.ln(2)
        self.para(STAMP_PROVES[self.lang], 9.5)
        self.para(STAMP_PROVES[self.other], 8, color=GREY)

    def comparison(self) -> None:
        r = self.c.comparison
        if r.get("format") == "proofkit-text-comparison":
            return self.text_comparison(r)
        self.heading("cmp_h", new_page=True)
        self.mark("comparison")
        zh, en = VERDICTS.get(r["verdict"], (r["verdict"], r["verdict"]))
        first, second = (zh, en) if self.lang == "zh" else (en, zh)
        self.para(first, 13, color=ACCENT)
        self.para(second, 10, color=GREY)
        mine = (r.get("mine") or {}).get("name") or "?"
        suspect = (r.get("suspect") or {}).get("name") or r.get("picture") or "?"
        self.bi("cmp_sides", 9, mine=mine, suspect=suspect)
        f = r.get("figures")
        if f:
            def pct(x):
                return "—" if x is None else f"{100 * x:.1f} %"
            self.bi("cmp_figs", 9, ident=sum(f["identical_tensors"].values()), ishare=pct(f["identical_share"]),
                    share=pct(f["share"]), renamed=f["renamed"], meta=f["metadata"])
        self.bi("cmp_note", 8)
        self.para(r["sentence"], 9)

    def text_comparison(self, r: dict) -> None:
        from ..core.text.comparison import STATEMENT

        self.heading("pal_h", new_page=True)
        self.mark("comparison")
        s = r["summary"]
        sus = r.get("suspect_file") or {}
        self.bi("pal_sides", 9, mine=(r.get("mine") or {}).get("name") or "?",
                suspect=sus.get("name") or (r.get("suspect") or {}).get("name") or "?", sha=sus.get("sha256") or "—")
        cov = s.get("suspect_coverage")
        self.bi("pal_figs", 9, events=s["events"], ident=s["identical_events"], rw=s["rewritten_events"],
                chars=s["identical_chars"], cov="—" if cov is None else f"{100 * cov:.2f} %",
                longest=s.get("longest_identical") or 0)
        self.bi("pal_note", 8)
        self.para(STATEMENT["zh" if self.lang == "zh" else "en"], 9)
        self.para(STATEMENT["en" if self.lang == "zh" else "zh"], 8, color=GREY)

    def how_to_verify(self) -> None:
        self.heading("verify_h", new_page=True)
        self.mark("verify")
        first, second = _pair("steps", self.lang)
        v = self.c.versions[0]
        example = ts_command(self.c, v, v.receipts[0])
        for i, (a, b) in enumerate(zip(first, second), 1):
            self.para(f"{i}. {a}", 10, lh=5.5)
            self.para(f"    {b}", 8.5, color=GREY, lh=4.5)
            if i == 4:
                self.code(example)
                self.code("Verification: OK")
            self.pdf.ln(1)
        self.heading("checks")
        for (name, a), (_, b) in zip(CHECKS[self.lang], CHECKS[self.other]):
            self.para(f"• {name}: {a}", 8.5, lh=4.5)
            self.para(f"   {b}", 7.5, color=GREY, lh=4)

    # -------------------------------------------------------------- page numbers
    def fill_pages(self) -> None:
        pdf = self.pdf
        total = pdf.page
        pdf.set_auto_page_break(False)
        for key, page, x, y, w, h in self.page_slots:
            pdf.page = page
            pdf.set_font(SANS, size=9)
            pdf.set_text_color(*INK)
            pdf.set_xy(x, y + 1)
            pdf.cell(w, 4.5, str(self.pages.get(key, "")), align="C")
        for p in range(1, total + 1):
            pdf.page = p
            pdf.set_font(SANS, size=7)
            pdf.set_text_color(*GREY)
            pdf.set_xy(pdf.l_margin, pdf.h - 11)
            first, second = _pair("page", self.lang, p=p, n=total)
            pdf.cell(0, 4, f"{self.c.work.title} — {first} / {second}", align="C")
        pdf.page = total

    def build(self) -> tuple[bytes, dict[str, int]]:
        self.cover()
        self.overview()
        for v in self.c.versions:
            self.certificate(v)
        self.author()
        if self.c.comparison is not None:
            self.comparison()
        self.how_to_verify()
        self.fill_pages()
        return bytes(self.pdf.output()), dict(self.pages)


def render_report(c: Collected, lang: str) -> tuple[bytes, list[dict]]:
    """The report for ``c`` (``lang`` "zh" or "en" first) and its catalogue with the page of
    each item, as manifest.json carries it."""
    with ExitStack() as stack:
        font = stack.enter_context(resources.as_file(resources.files("proofkit.resources") / "fonts" / FONT_FILE))
        data, pages = _Report(c, lang, str(font)).build()
    items = [dict(item, page=pages.get(item["key"])) for item in catalogue(c)]
    return data, items


def render_pdf(c: Collected, lang: str) -> bytes:
    """The report for ``c``; ``lang`` ("zh" or "en") is the main language."""
    return render_report(c, lang)[0]
