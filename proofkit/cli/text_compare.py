"""``proofkit compare`` for manuscripts: the 调色盘 (palette). Arguments in, one call of
proofkit.app.text_comparing, text or JSON out, the palette written where asked."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.errors import EXIT_FAILED, EXIT_OK, InputError
from .commands import _session
from .jsonout import print_json


def cmd_compare_text(args) -> int:
    """``proofkit compare MINE SUSPECT`` for manuscripts (cli/comparing.cmd_compare sends here
    what is neither a model, a model fingerprint nor a picture)."""
    from ..app.text_comparing import check_text_inputs, compare_texts, write_outputs

    if getattr(args, "base", None):
        raise InputError("--base is for models; a manuscript comparison has no base.")

    check_text_inputs(args.mine, args.suspect)
    with _session(args) as session:
        res = compare_texts(session, args.mine, args.suspect, encoding=args.encoding,
                            rewritten=not args.no_rewritten)
        written = write_outputs(res, Path(args.output)) if args.output else []
    if args.json:
        out = res.to_json()
        out["written"] = [str(p) for p in written]
        print_json(out)
    else:
        _print_comparison(res)
        for p in written:
            print(f"wrote {p}")
    # as for models: 0 when something of MINE was found in SUSPECT, 1 when nothing was
    return EXIT_OK if res.comparison.events else EXIT_FAILED


def _print_comparison(res) -> None:
    from ..core.text.comparison import IDENTICAL, STATEMENT

    c, s = res.comparison, res.comparison.summary
    print(f"mine:    {c.mine.name} ({c.mine.encoding}), normalised sha256 {c.mine.normalised_sha256}")
    print(f"suspect: {c.suspect.name} ({c.suspect.encoding}), normalised sha256 {c.suspect.normalised_sha256}")
    cov = "" if s.mine_coverage is None else f", {100 * s.mine_coverage:.2f}% of mine"
    print(f"事件 {s.events} ({s.identical_events} identical, {s.rewritten_events} rewritten); "
          f"雷同字数 (identical characters) {s.identical_chars}; the suspect is {100 * s.suspect_coverage:.2f}% "
          f"identical and {100 * s.suspect_rewritten_coverage:.2f}% rewritten{cov}"
          + (f"; longest: 事件 {s.longest_event} ({s.longest_identical})" if s.longest_event else ""))
    for e in c.events:
        what = f"identical {e.identical:>6}" if e.kind == IDENTICAL else f"rewritten {e.sentences:>2} sent."
        line = (f"  事件 {e.number:>3}  {what}  sim {e.similarity:.2f}  suspect: {e.suspect.chapter or '-'}"
                f"  <=  mine: {e.mine.chapter or '-'}")
        if e.provenance:
            pv = e.provenance
            first = pv["times"][0] if pv["times"] else pv["note"]
            line += f"  [earliest stamped: {pv['label']}; {first}]"
        print(line)
    for note in res.notes:
        print(f"  note: {note}", file=sys.stderr)
    print(STATEMENT["zh"])
    print(STATEMENT["en"])
