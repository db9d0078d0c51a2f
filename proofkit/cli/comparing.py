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
    """The manuscript comparison (cli/text_compare.py): what is neither a model, a model
    fingerprint nor a picture."""
    from .text_compare import cmd_compare_text

    return cmd_compare_text


def cmd_compare(args) -> int:
    from ..app.comparing import compare_models, compare_stamped, comparison_kind, input_kind, stamped_version_id
    from ..app.comparing import write_report
    from ..core.models.report import text_lines

    if comparison_kind(args.mine, args.suspect, args.base) == "text":
        return _text_comparison(args)(args)
    stamps = None
    with TerminalProgress("fingerprinting") as progress:
        vid = stamped_version_id(args.mine) if input_kind(args.mine) is None else None
        if vid is not None:  # a ledger version stamped with --fingerprint
            from .commands import _session

            with _session(args) as session:
                c = compare_stamped(session, vid, args.suspect, base=args.base, progress=progress)
            stamps = c.report["mine_stamps"]
        else:
            c = compare_models(args.mine, args.suspect, base=args.base, progress=progress)
    if args.output:
        write_report(c, args.output)
    if args.json:
        print_json(c.report)
    else:
        print("\n".join(text_lines(c.report)))
        if stamps is not None:
            rs = stamps["receipts"]
            print(f"MINE's fingerprint: version {stamps['version']} of \u201c{stamps['work']}\u201d, "
                  + (f"stamped {rs[0]['gen_time']} (earliest of {len(rs)} verified receipt(s))" if rs
                     else "no verified receipt yet: not proof"))
        if args.output:
            print(f"Report: {args.output}")
    return EXIT_OK if c.evidence else EXIT_FAILED


def stamp_models(args) -> int:
    """``proofkit stamp --fingerprint MODEL...``: each model stamped with its fingerprint."""
    from ..app.comparing import input_kind
    from ..app.model_stamps import stamp_model
    from ..core.errors import EXIT_UNREACHABLE
    from .commands import _code, _print_stamped, _session, _iso
    from .jsonout import version_json

    for p in args.paths:
        if input_kind(p) != "model":
            raise InputError(f"{p}: --fingerprint stamps model files (.safetensors, .ckpt/.pt/.bin, .gguf); "
                             "this is not one.")
    if args.alg != "sha256":
        raise InputError("A model is stamped with its fingerprint through a sha256 manifest; drop --hash.")

    def on_event(kind, data):
        if args.json or kind != "receipt":
            return
        detail = f"verified at {_iso(data['gen_time'])}" if data["status"] == "verified" else \
            f"{data['status']}: {data['error']}"
        print(f"  {data['tsa']}: {detail}", file=sys.stderr)

    out, codes = [], []
    with _session(args) as session, TerminalProgress("fingerprinting", on_event) as progress:
        for p in args.paths:
            ms = stamp_model(session, Path(p), work=args.work, tsa=args.tsa, timeout=args.timeout,
                             progress=progress)
            res = ms.result
            obj = version_json(res.version, res.receipts)
            obj.update(files=res.files, model_sha256=ms.fingerprint.doc["file"]["sha256"],
                       fingerprint_sha256=ms.fingerprint.sha256)
            out.append(obj)
            codes.append(_code(res.status))
            if not args.json:
                _print_stamped(res)
                print(f"  model sha256 {ms.fingerprint.doc['file']['sha256']}; fingerprint sha256 "
                      f"{ms.fingerprint.sha256} ({len(ms.fingerprint.doc['tensors'])} tensors); both in "
                      f"the stamped manifest")
    if args.json:
        print_json(out)
    return max(codes) if codes else EXIT_UNREACHABLE


def stamped_models_for(*, session_args, path: Path) -> list:
    """For `proofkit verify MODEL` when no byte-identical stamp exists: the stamped models it
    shares tensors with (empty for files that are not models)."""
    from ..app.comparing import input_kind
    from ..app.model_stamps import find_stamped_models
    from .commands import _session

    if input_kind(path) != "model":
        return []
    with _session(session_args) as session, TerminalProgress("fingerprinting") as progress:
        return find_stamped_models(session, path, progress=progress)
