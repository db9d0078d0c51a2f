"""Printing someone's evidence bundle verdicts (``proofkit verify BUNDLE.zip``)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from ..core.timefmt import iso_utc as _iso

from ..bundle.verify import version_label

if TYPE_CHECKING:
    from ..bundle.verify import BundleReport


def print_report(rep: BundleReport) -> None:
    w = rep.manifest["work"]
    pen = f" by {w['pen_name']}" if w.get("pen_name") else ""
    print(f"{rep.path}: evidence for \u201c{w.get('title')}\u201d{pen}, exported {rep.manifest.get('exported_at')} "
          f"— {len(rep.manifest['versions'])} version(s), {len(rep.receipts)} receipt(s)")
    print(f"  {'RECEIPT':<8} {'VERSION':<8} {'TSA':<16} {'GENTIME':<24} {'RESULT':<9} FILE")
    for r in rep.receipts:
        gen = _iso(r.verdict.gen_time) if r.verdict and r.verdict.gen_time else "-"
        label = version_label(r.version)
        print(f"  r{r.info['id']:<7} {label:<8} {str(r.info.get('tsa'))[:16]:<16} {gen:<24} "
              f"{'OK' if r.ok else 'NOT OK':<9} {r.version['file_name']}")
        if r.ok and r.verdict and r.verdict.anchor:
            print(f"           anchored by {r.verdict.anchor_text()}")
        for c in r.checks:
            if not c.ok:
                print(f"           [FAIL] {c.name}: {c.detail}")
    for f in rep.files:
        print(f"  file {f.path}: {'OK, ' if f.ok else 'NOT OK: '}{f.detail}")
    for p in rep.problems:
        print(f"  bundle: {p}")
    if rep.ok:
        print("Result: every receipt holds — each file existed no later than its time stamp.")
    else:
        print("Result: NOT everything holds (see above); do not rely on the failing parts.")
        if any(c.name == "chain" and not c.ok for r in rep.receipts for c in r.checks):
            print("  A root that is not trusted here is shown in the bundle's VERIFY.md with its fingerprint; "
                  "if you trust it, pass it with --trust certs/root-….pem.", file=sys.stderr)
