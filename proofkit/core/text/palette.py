"""The 调色盘 as a self-contained HTML page, and the findings as JSON and CSV.

The page has no external resource (no script, font or style sheet from elsewhere): it opens the
same offline, in a platform's complaint form, or years later. Each 事件 is one row of two columns
(the suspect's text beside mine, as platforms lay out a palette), in its own colour, identical
stretches highlighted; each side links to the other (#s-N <-> #m-N) and to the index.
"""

from __future__ import annotations

import csv
import io
import json
from html import escape

from .comparison import IDENTICAL, STATEMENT, Comparison, Event, Passage

TEXT = {
    "title": ("调色盘 · 文本对照", "Palette · text comparison"),
    "mine": ("我方（原文）", "Mine (original)"),
    "suspect": ("对方（被投诉文本）", "Suspect (complained-of text)"),
    "events": ("事件数", "事件 (passages)"),
    "identical_events": ("相同段落", "identical passages"),
    "rewritten_events": ("改写段落", "rewritten passages"),
    "identical_chars": ("雷同字数合计", "identical characters in total (雷同字数)"),
    "mine_cov": ("我方被覆盖比例", "share of mine found in the suspect"),
    "suspect_cov": ("对方与我方相同的比例", "share of the suspect identical to mine"),
    "suspect_rw": ("对方改写自我方的比例", "share of the suspect rewritten from mine"),
    "longest": ("最长相同段落", "longest identical passage"),
    "event": ("事件", "事件"),
    "kind_identical": ("相同", "identical"),
    "kind_rewritten": ("改写", "rewritten"),
    "chars": ("雷同字数", "identical characters"),
    "similarity": ("相似度", "similarity"),
    "chapter": ("章节", "chapter"),
    "earliest": ("最早包含此段的存证版本", "earliest stamped version containing it"),
    "encoding": ("编码", "encoding"),
    "norm_sha": ("规范化文本 SHA-256", "normalised-text SHA-256"),
    "counting": (
        "雷同字数按规范化后的字符计算：全角/半角统一、繁体转简体，不计标点与空白。",
        ("Identical characters are counted on normalised text: full/half width unified, traditional read as "
         "simplified, punctuation and whitespace not counted."),
    ),
    "none": ("未发现相同或改写的段落。", "No identical or rewritten passage was found."),
}


def _bi(key: str) -> str:
    zh, en = TEXT[key]
    return f'{escape(zh)} <span class="en">{escape(en)}</span>'


def colour(n: int, light: bool = False) -> str:
    """The 事件's colour: hues spread by the golden angle so neighbours differ."""
    hue = (n * 137.508) % 360
    return f"hsl({hue:.0f},70%,{92 if light else 80}%)"


def _marked(p: Passage, bg: str) -> str:
    out, pos = [], 0
    for a, b in sorted(p.marks):
        a = max(a, pos)
        if b <= a:
            continue
        out.append(escape(p.text[pos:a]))
        out.append(f'<mark style="background:{bg}">{escape(p.text[a:b])}</mark>')
        pos = b
    out.append(escape(p.text[pos:]))
    cut = "…" if len(p.text) < p.end - p.start else ""
    return "".join(out).replace("\n", "<br>") + cut


def _provenance(e: Event) -> str:
    pv = e.provenance
    if not pv:
        return ""
    lines = [f'<div class="prov">{_bi("earliest")}: <b>{escape(str(pv.get("label", "")))}</b>']
    for t in pv.get("times", []):
        lines.append(f"<br>{escape(str(t))}")
    if pv.get("note"):
        lines.append(f"<br>{escape(str(pv['note']))}")
    lines.append("</div>")
    return "".join(lines)


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.2f}%"


def render_html(c: Comparison, title: str | None = None) -> str:
    s = c.summary
    head = title or f"{c.mine.name} ⇄ {c.suspect.name}"
    rows = []
    for e in c.events:
        bg, light = colour(e.number), colour(e.number, light=True)
        kind = _bi("kind_identical") if e.kind == IDENTICAL else _bi("kind_rewritten")
        figure = (f"{_bi('chars')}: <b>{e.identical}</b> · " if e.kind == IDENTICAL else "") + \
            f"{_bi('similarity')}: {e.similarity:.2f}"
        mark_bg = bg if e.kind == IDENTICAL else light
        rows.append(
            f'<tr class="ev" style="border-left:6px solid {bg}">'
            f'<td id="s-{e.number}" style="background:{light}"><div class="hd">'
            f'<a href="#m-{e.number}">{_bi("event")} {e.number}</a> · {kind} · {figure}</div>'
            f'<div class="ch">{_bi("chapter")}: {escape(e.suspect.chapter)}</div>'
            f'<div class="tx">{_marked(e.suspect, mark_bg)}</div></td>'
            f'<td id="m-{e.number}" style="background:{light}"><div class="hd">'
            f'<a href="#s-{e.number}">{_bi("event")} {e.number}</a> · {kind}</div>'
            f'<div class="ch">{_bi("chapter")}: {escape(e.mine.chapter)}</div>'
            f'{_provenance(e)}<div class="tx">{_marked(e.mine, mark_bg)}</div></td></tr>'
        )
    index = " ".join(
        f'<a class="chip" style="background:{colour(e.number)}" href="#s-{e.number}">{e.number}</a>'
        for e in c.events
    )
    summary_rows = [
        ("events", str(s.events)),
        ("identical_events", str(s.identical_events)),
        ("rewritten_events", str(s.rewritten_events)),
        ("identical_chars", str(s.identical_chars)),
        ("mine_cov", _pct(s.mine_coverage)),
        ("suspect_cov", _pct(s.suspect_coverage)),
        ("suspect_rw", _pct(s.suspect_rewritten_coverage)),
        ("longest", f"{_bi('event')} {s.longest_event} · {s.longest_identical}" if s.longest_event else "—"),
    ]
    sides = "".join(
        f"<tr><th>{_bi(key)}</th><td>{escape(side.name)}</td><td>{_bi('encoding')}: {escape(side.encoding)}</td>"
        f"<td>{_bi('norm_sha')}: <code>{side.normalised_sha256}</code></td></tr>"
        for key, side in (("suspect", c.suspect), ("mine", c.mine))
    )
    body = "".join(rows) if rows else f'<tr><td colspan="2">{_bi("none")}</td></tr>'
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(TEXT['title'][0])} — {escape(head)}</title>
<style>
body{{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei",sans-serif;margin:1.5em;color:#1e1e1e}}
.en{{color:#6e6e6e;font-size:.85em}}
table{{border-collapse:collapse;width:100%}}
.meta th,.meta td{{text-align:left;padding:2px 8px;vertical-align:top}}
.pal td{{width:50%;vertical-align:top;padding:8px;border-bottom:1px solid #ccc}}
.pal th{{position:sticky;top:0;background:#fff;text-align:left;padding:6px 8px;border-bottom:2px solid #444}}
.hd{{font-weight:bold;margin-bottom:2px}} .ch{{color:#444;font-size:.9em}} .tx{{margin-top:6px;line-height:1.7}}
mark{{padding:0}} .chip{{display:inline-block;min-width:1.8em;text-align:center;margin:1px;text-decoration:none;color:#000;border-radius:3px}}
.prov{{font-size:.85em;margin-top:4px;padding:4px;background:#fff8;border:1px dashed #888}}
code{{font-size:.8em;word-break:break-all}}
</style></head><body>
<h1>{_bi('title')}</h1>
<p>{escape(head)}</p>
<p class="statement">{escape(STATEMENT['zh'])}<br><span class="en">{escape(STATEMENT['en'])}</span></p>
<table class="meta">{sides}</table>
<table class="meta">{''.join(f'<tr><th>{_bi(k)}</th><td>{v}</td></tr>' for k, v in summary_rows)}</table>
<p class="en">{escape(TEXT['counting'][0])} {escape(TEXT['counting'][1])}</p>
<p>{index}</p>
<table class="pal"><thead><tr><th>{_bi('suspect')}</th><th>{_bi('mine')}</th></tr></thead>
<tbody>{body}</tbody></table>
</body></html>
"""


def render_json(c: Comparison) -> str:
    return json.dumps(c.to_json(), ensure_ascii=False, indent=1)


CSV_FIELDS = [
    "number", "kind", "identical_chars", "similarity", "longest_run",
    "suspect_chapter", "suspect_start", "suspect_end", "mine_chapter", "mine_start", "mine_end",
    "earliest_version", "stamped_at", "suspect_text", "mine_text",
]


def render_csv(c: Comparison) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_FIELDS)
    for e in c.events:
        pv = e.provenance or {}
        w.writerow([
            e.number, e.kind, e.identical, f"{e.similarity:.4f}", e.longest_run,
            e.suspect.chapter, e.suspect.start, e.suspect.end, e.mine.chapter, e.mine.start, e.mine.end,
            pv.get("label", ""), "; ".join(str(t) for t in pv.get("times", [])),
            e.suspect.text, e.mine.text,
        ])
    return buf.getvalue()
