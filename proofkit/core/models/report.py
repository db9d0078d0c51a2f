"""A comparison report as text lines (the terminal) and as a self-contained HTML page."""

from __future__ import annotations

import html

VERDICT_TITLES = {
    "same_file": "Same file",
    "same_weights": "Same weights, re-encoded",
    "derived": "Derived from MINE",
    "no_evidence": "No evidence of derivation",
    "picture_names_mine": "The picture names MINE",
    "picture_names_other": "The picture names another model",
    "picture_names_nothing": "The picture names no model",
}


def _pct(x) -> str:
    return "—" if x is None else f"{100 * x:.1f} %"


def _side(label: str, ident: dict | None) -> str:
    if not ident:
        return f"{label}: —"
    sha = ident.get("sha256") or ""
    return f"{label}: {ident.get('name')}  sha256 {sha[:16]}…  ({ident.get('architecture') or 'unknown'})"


def text_lines(report: dict, *, blocks: int = 12) -> list[str]:
    lines = [f"Verdict: {VERDICT_TITLES.get(report['verdict'], report['verdict'])}",
             f"  {report['sentence']}", _side("MINE   ", report.get("mine"))]
    if report.get("kind") == "picture":
        lines.append(f"PICTURE: {report['picture']}")
        refs = report.get("references") or {}
        if refs.get("model_hash"):
            lines.append(f"  Model hash: {refs['model_hash']}  Model: {refs.get('model_name') or '—'}")
        for name, h in (refs.get("loras") or {}).items():
            lines.append(f"  Lora hash: {name}: {h}")
        for m in report.get("matches", []):
            lines.append(f"  match: {m['where']} {m['value']} = MINE's {m['equals']}")
        return lines
    lines.append(_side("SUSPECT", report.get("suspect")))
    if report.get("base"):
        lines.append(_side("BASE   ", report["base"]))
    f = report["figures"]
    ident = ", ".join(f"{v} {k if k == 'bytes' else 'after ' + k + ' rounding'}"
                      for k, v in f["identical_tensors"].items() if v) or "none"
    lines += [
        f"Tensors: {f['tensors_mine']} in MINE, {f['tensors_suspect']} in SUSPECT; {f['paired_tensors']} paired; "
        f"identical: {ident}",
        f"Identical share of SUSPECT's parameters: {_pct(f['identical_share'])}; names changed: {f['renamed']}; "
        f"metadata: {f['metadata']}",
        f"Estimated share of MINE: {_pct(f['share'])} (paired tensors cover {_pct(f['coverage'])} of SUSPECT)",
    ]
    if f.get("unchanged_from_base"):
        lines.append(f"Tensors MINE left as in the base (no evidence either way): {f['unchanged_from_base']}")
    if report.get("lora"):
        lp = report["lora"]
        lines.append(f"LoRA modules: {lp['modules_mine']} in MINE, {lp['modules_suspect']} in SUSPECT; "
                     f"{lp['effective_identical']} with the same effective change; share {_pct(lp['share'])}")
    hist = f.get("cosine_histogram") or {}
    if any(hist.values()):
        lines.append("Cosine similarity of paired tensors that are not identical:")
        top = max(hist.values())
        for label, n in hist.items():
            lines.append(f"  {label:>13}  {n:5d}  {'#' * round(30 * n / top) if top else ''}")
    rows = report.get("blocks") or []
    if rows:
        lines.append(f"Per block ({min(blocks, len(rows))} of {len(rows)}): tensors, identical, mean cosine")
        for b in rows[:blocks]:
            mc = "—" if b["mean_cosine"] is None else f"{b['mean_cosine']:.4f}"
            lines.append(f"  {b['block'][:60]:60s} {b['tensors']:4d} {b['identical']:4d}  {mc}")
    lines.append(f"Method: {report['method']}.")
    return lines


def html_report(report: dict) -> str:
    e = html.escape
    title = VERDICT_TITLES.get(report["verdict"], report["verdict"])
    body = [f"<h1>{e(title)}</h1>", f"<p class=sentence>{e(report['sentence'])}</p>"]
    body.append("<pre>" + e("\n".join(text_lines(report, blocks=10_000)[2:])) + "</pre>")
    hist = (report.get("figures") or {}).get("cosine_histogram") or {}
    if any(hist.values()):
        top = max(hist.values())
        bars = []
        for i, (label, n) in enumerate(hist.items()):
            h = 0 if not top else 120 * n / top
            bars.append(f'<rect x="{20 + i * 70}" y="{140 - h:.1f}" width="50" height="{h:.1f}" fill="#3b6ea5"/>'
                        f'<text x="{45 + i * 70}" y="158" font-size="10" text-anchor="middle">{e(label)}</text>'
                        f'<text x="{45 + i * 70}" y="{134 - h:.1f}" font-size="10" text-anchor="middle">{n}</text>')
        body.append('<h2>Cosine similarity (tensors not identical)</h2><svg width="460" height="170" '
                    'xmlns="http://www.w3.org/2000/svg">' + "".join(bars) + "</svg>")
    return ("<!doctype html><html><head><meta charset=utf-8><title>ProofKit model comparison</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}pre{white-space:pre-wrap}"
            ".sentence{font-size:1.1em}</style></head><body>" + "".join(body) + "</body></html>\n")
