"""report.pdf: the bundle as the document a court, a platform or a lawyer reads, in Chinese
and English (the chosen language first, the other always beside it).

Page 1 holds the evidence catalogue (证据目录: 序号 1-1, 1-2…, 证据名称, 来源, 证明目的, 页码);
then an overview with the versions' timeline; for each version a certificate (存证证书: the
work, file, size, SHA-256 and SM3, every receipt's verdict, TSA, country, genTime in UTC and
Beijing time with its accuracy, serial, policy, the TSA certificate and the anchoring root's
fingerprint), a stamped folder's file list and the hash check (哈希值校验说明); the author's
declaration (declared, not proven); how to verify without ProofKit. Every fact comes from
:mod:`.evidence`, which manifest.json and VERIFY.md share.

Page layout, fonts and line breaking are in :mod:`.pdf_layout`, the words in
:mod:`.report_text`. Deterministic: the PDF's creation date is the bundle's export time.
"""

from __future__ import annotations

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
# The layout's font and colours, and the words, importable from here as they always were
# (the model comparison and palette PDFs use them).
from .pdf_layout import (ACCENT, BAD, FILL, FONT_FILE, GOOD, GREY, INK, MONO, SANS, PdfLayout, new_document,
                         wrap)
from .report_text import TEXT, VERDICTS, summary, text_pair, zh_sentence

__all__ = ["ACCENT", "BAD", "FILL", "FONT_FILE", "GOOD", "GREY", "INK", "MONO", "SANS", "TEXT", "VERDICTS",
           "render_pdf", "render_report", "summary", "wrap"]


# ------------------------------------------------------------------ the document
class _Report(PdfLayout):
    def __init__(self, c: Collected, lang: str, font_path: str) -> None:
        self.c = c
        author = (c.author or {}).get("pen_names") or ([c.work.pen_name] if c.work.pen_name else [])
        pdf = new_document(font_path, margin=16, bottom=18, created=c.export_time,
                           title=f"{c.work.title} — " + TEXT["title"][1], author=", ".join(author),
                           lang="zh-CN" if lang == "zh" else "en")
        pdf.set_text_color(*INK)
        super().__init__(pdf, lang)
        self.items = catalogue(c)
        self.page_slots: list[tuple[str, int, float, float, float, float]] = []

    # -------------------------------------------------------------- page 1
    def cover(self) -> None:
        c, pdf = self.c, self.pdf
        pdf.add_page()
        first, second = text_pair("title", self.lang)
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
        header = [text_pair(k, self.lang) for k in cols]
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
        header = [text_pair("version", self.lang), text_pair("file_name", self.lang), text_pair("earliest", self.lang),
                  text_pair("receipts_h", self.lang)]
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
        self.kv("version", f"{version_label(v)}（{text_pair('ledger_id', self.lang, i=row.id)[0]}）"
                if self.lang == "zh" else f"{version_label(v)} ({text_pair('ledger_id', self.lang, i=row.id)[0]})")
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
            self.para(f"{text_pair('receipt', self.lang, i=r.row.id)[0]}   {f['verdict_text'][self.lang]}  "
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
        header = [("#", "#"), text_pair("col_file", self.lang), text_pair("size", self.lang), ("SHA-256", "SHA-256")]
        unit = TEXT["size_file"][0 if self.lang == "zh" else 1]
        rows = []
        for i, f in enumerate(v.files, 1):
            size = unit.format(n=f"{f.size:,}") if f.size is not None else \
                f"{text_pair('unknown', self.lang)[0]} ({f.note})"
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
        zh_text = zh_sentence(r)  # None for a comparison exported before it had an explanation
        if zh_text is None:
            self.para(r["sentence"], 9)
        else:
            self.both(*((zh_text, r["sentence"]) if self.lang == "zh" else (r["sentence"], zh_text)), 9)

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
        first, second = text_pair("steps", self.lang)
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
            first, second = text_pair("page", self.lang, p=p, n=total)
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
