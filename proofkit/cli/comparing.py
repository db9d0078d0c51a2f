"""``proofkit fingerprint`` and ``proofkit compare``: arguments in, one call of
proofkit.app.comparing, text or JSON out.

``compare`` dispatches on what it is given: model files, saved model fingerprints and sample
pictures go to the model comparison; other files (manuscripts) to the text comparison when
this ProofKit has one."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.errors import EXIT_FAILED, EXIT_OK, InputError
from .jsonout import print_json
from .progress import TerminalProgress


def cmd_fingerprint(args) -> int:
    from ..app.comparing import fingerprint
    from ..core.files import atomic_write

    with TerminalProgress("fingerprinting") as progress:
        fp = fingerprint(Path(args.model), progress=progress)
    if args.output:
        out = Path(args.output)
        with atomic_write(out) as f:
            f.write(fp.data)
        print(f"{out}: fingerprint of {fp.path.name} (sha256 of the fingerprint {fp.sha256})", file=sys.stderr)
    if args.json:
        sys.stdout.write(fp.data.decode("utf-8") + "\n")  # the canonical bytes, as stamped
        return EXIT_OK
    d = fp.doc
    h = d["hashes"]
    print(f"{fp.path}: {d['file']['container']}, {d['file']['size']:,} bytes, "
          f"{len(d['tensors'])} tensors, {d['parameters']:,} parameters")
    print(f"  architecture (a guess): {d['architecture']['guess']}")
    print(f"  sha256     {h['sha256']}")
    print(f"  AutoV1     {h['autov1']}    AutoV2 {h['autov2'].upper()}    CRC32 {h['crc32'].upper()}")
    if h.get("autov3"):
        print(f"  AutoV3     {h['autov3'].upper()}  (= addnet hash; A1111 LoRA hash {h['a1111_lora_short']})")
    print(f"  BLAKE3     {h['blake3']}")
    for c in d["claims"]:
        note = {True: "agrees with the file", False: "DOES NOT agree with the file",
                None: "a claim, not checked"}[c["agrees"]]
        print(f"  claim      {c['key']} = {c['value'][:80]}  ({note})")
    meta = d["metadata"]
    print(f"  metadata   {meta['count']} keys, digest {meta['digest'][:16]}…")
    if d.get("lora"):
        print(f"  LoRA       {len(d['lora']['modules'])} modules ({d['lora']['family']})")
    print(f"  fingerprint sha256 {fp.sha256}")
    return EXIT_OK


def _text_comparison(args):
    """The manuscript comparison's entry point, when this ProofKit has one."""
    try:
        from . import text_compare  # type: ignore[attr-defined]  # noqa: F401
    except ImportError:
        return None
    return text_compare.cmd_compare_text  # pragma: no cover - provided by the text comparison


def cmd_compare(args) -> int:
    from ..app.comparing import compare_models, input_kind, write_report
    from ..core.models.report import text_lines

    kinds = [input_kind(args.mine), input_kind(args.suspect)]
    if args.base:
        kinds.append(input_kind(args.base))
    if not any(kinds):
        text = _text_comparison(args)
        if text is not None:
            return text(args)
    for path, kind in zip((args.mine, args.suspect, args.base), kinds):
        if kind is None:
            if not Path(path).exists():
                raise InputError(f"{path}: no such file.")
            raise InputError(f"{path}: is not a model file, a model fingerprint or a PNG picture, "
                             "so there is nothing to compare it with as a model.")
    with TerminalProgress("fingerprinting") as progress:
        c = compare_models(args.mine, args.suspect, base=args.base, progress=progress)
    if args.output:
        write_report(c, args.output)
    if args.json:
        print_json(c.report)
    else:
        print("\n".join(text_lines(c.report)))
        if args.output:
            print(f"Report: {args.output}")
    return EXIT_OK if c.evidence else EXIT_FAILED
