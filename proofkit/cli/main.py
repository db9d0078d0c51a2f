"""The ``proofkit`` command line: the contract scripts and evidence reviewers rely on.

Exit codes: 0 success; 1 a verification failed or the file does not match; 2 bad usage or
unreadable input; 3 no TSA could be reached.

Only argparse and the standard library are imported here; each command imports what it
needs, so ``proofkit hash`` starts as fast as a plain hashing tool.
"""

from __future__ import annotations

import argparse
import os
import sys

from ..core.errors import EXIT_USAGE, ProofKitError
from ..core.hashing import ALGORITHMS as HASH_CHOICES


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, as for any other bad usage
        from .usage import suggest

        self.exit(EXIT_USAGE, f"proofkit: {suggest(self.prog, message)} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    from .. import __version__

    p = _Parser(prog="proofkit", description="Prove a file existed at a given time: local hashing, RFC 3161 "
                "time stamps from public TSAs, a tamper-evident ledger. Only a digest leaves this computer.")
    p.add_argument("--version", action="version", version=f"proofkit {__version__}")
    p.add_argument("--home", metavar="DIR", help="keep the ledger and settings in DIR (or set PROOFKIT_HOME)")
    p.add_argument("--trust", metavar="FILE.pem", action="append", default=[],
                   help="also trust the root certificate(s) in FILE.pem (repeatable; or PROOFKIT_TRUST)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    s = sub.add_parser("hash", help="print sha256sum-compatible digests")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--hash", dest="alg", choices=HASH_CHOICES, default="sha256")

    s = sub.add_parser("stamp", help="time-stamp files with several TSAs and keep the receipts")
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--tsa", action="append", default=[], metavar="NAME|URL",
                   help="TSA to ask (repeatable; see `proofkit tsa list`); default: the TSAs chosen in the "
                        "app's Settings, else the registry's default TSAs")
    s.add_argument("--work", metavar="TITLE", help="the work these files belong to (default: from the file name)")
    s.add_argument("--hash", dest="alg", choices=HASH_CHOICES, default="sha256")
    s.add_argument("--timeout", type=float, default=None, metavar="SECONDS")
    s.add_argument("--fingerprint", action="store_true",
                   help="model files: stamp each with its fingerprint (one request per TSA covers both) "
                        "and keep the fingerprint, so re-encoded copies can be recognised later")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("verify", help="verify a file against a token, the ledger, or an evidence bundle")
    s.add_argument("path", nargs="?", metavar="PATH")
    s.add_argument("--token", metavar="FILE", help="a TimeStampResp (.tsr) or bare token (.tst)")
    s.add_argument("--digest", metavar="HEX", help="verify a digest instead of a file (with --token)")
    s.add_argument("--certs", action="append", default=[], metavar="FILE.pem",
                   help="TSA or intermediate certificates for tokens that do not embed them (not trusted as roots)")
    s.add_argument("--file", action="append", default=[], metavar="ORIGINAL",
                   help="with a bundle: an original file to check against it")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("log", help="list the latest stamps in the ledger",
                       description="The newest versions (20 unless --limit or --all), shown as a "
                       "timeline grouped by work, the newest last. "
                       "--json keeps its form for scripts: every matching version, oldest first, "
                       "as one JSON array (streamed); --jsonl writes one JSON object a line, newest first.")
    s.add_argument("--work", metavar="TITLE", help="only this work's versions")
    s.add_argument("--since", metavar="DATE", help="only versions added since DATE (YYYY-MM-DD or ISO time, UTC)")
    s.add_argument("--limit", type=int, metavar="N", help="show the N newest versions (default 20)")
    s.add_argument("--all", action="store_true", help="show every version")
    s.add_argument("--json", action="store_true", help="every matching version (or the --limit newest), oldest first, as a JSON array")
    s.add_argument("--jsonl", action="store_true", help="JSON Lines: one version a line, newest first")

    s = sub.add_parser("show", help="show one version and its receipts")
    s.add_argument("id", metavar="ID", help="version id (as listed by `proofkit log`)")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("sync", help="complete pending stamps (after being offline)")
    s.add_argument("--timeout", type=float, default=None, metavar="SECONDS")
    s.add_argument("--drop", type=int, action="append", default=[], metavar="ID")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("ledger", help="check or back up the ledger")
    lsub = s.add_subparsers(dest="ledger_command", metavar="ACTION", parser_class=_Parser)
    c = lsub.add_parser("check", help="find edited, deleted or reordered entries")
    c.add_argument("--deep", action="store_true",
                   help="also re-verify every stored receipt cryptographically")
    b = lsub.add_parser("backup", help="copy the ledger safely (SQLite online backup)")
    b.add_argument("out", metavar="OUT")

    s = sub.add_parser("tsa", help="the TSAs ProofKit knows")
    tsub = s.add_subparsers(dest="tsa_command", metavar="ACTION", parser_class=_Parser)
    t = tsub.add_parser("list", help="list known TSAs")
    t.add_argument("--json", action="store_true")
    t = tsub.add_parser("login", help="save the account of a TSA that needs one (system password store)")
    t.add_argument("name", metavar="NAME|URL")
    t.add_argument("--user", metavar="NAME", help="user name (asked for when not given)")
    t.add_argument("--header", action="append", default=[], metavar="NAME",
                   help="also a secret header, e.g. X-Api-Key (its value is asked for; repeatable)")
    t.add_argument("--password-stdin", action="store_true",
                   help="read the password (then header values) from standard input, one per line")
    t = tsub.add_parser("logout", help="remove the saved account of a TSA")
    t.add_argument("name", metavar="NAME|URL")
    t = tsub.add_parser("check", help="stamp a random digest with a TSA, for real")
    t.add_argument("name", nargs="?", metavar="NAME|URL")
    t.add_argument("--timeout", type=float, default=None, metavar="SECONDS")

    s = sub.add_parser("export", help="export an evidence bundle (zip + PDF)")
    s.add_argument("target", metavar="TARGET", help="a work title, a version id, r<receipt id>, or a file path")
    s.add_argument("-o", "--output", required=True, metavar="OUT.zip")
    s.add_argument("--include-original", action="store_true", help="put the original files in the bundle")
    s.add_argument("--original", action="append", default=[], metavar="REL",
                   help="put only this original in the bundle (a file name, or a path inside a stamped "
                        "folder; repeatable)")
    s.add_argument("--lang", choices=("zh", "en"), default=None, help="language of the PDF report")
    s.add_argument("--compare", metavar="SUSPECT",
                   help="compare a suspect model (or sample PNG) with the target's model stamped with "
                        "--fingerprint, and put the comparison in the bundle")

    s = sub.add_parser("fingerprint", help="print a model file's fingerprint (hashes, tensors), without stamping")
    s.add_argument("model", metavar="MODEL", help=".safetensors, .ckpt/.pt/.bin (PyTorch zip) or .gguf")
    s.add_argument("--json", action="store_true", help="print the fingerprint document (canonical JSON)")
    s.add_argument("-o", "--output", metavar="FILE.json", help="also save the fingerprint document")

    s = sub.add_parser("compare", help="is SUSPECT made from MINE? models (fingerprints, sample PNGs) or "
                       "manuscripts (a 调色盘 / palette of copied passages)")
    s.add_argument("mine", metavar="MINE", help="your model file, its saved fingerprint (.json), or the "
                   "ledger version it was stamped as with --fingerprint (e.g. v12); or your manuscript: a file, "
                   "a folder of chapters, or a work title in the ledger (every stamped version is searched)")
    s.add_argument("suspect", metavar="SUSPECT", help="the suspect model, its fingerprint, or a sample PNG; or "
                   "the suspected copy of a manuscript: a file, a folder or a saved web page")
    s.add_argument("--base", metavar="BASE", help="models: the base model both may come from: compare "
                   "differences from it")
    s.add_argument("--json", action="store_true")
    s.add_argument("-o", "--output", metavar="REPORT",
                   help="models: also write the report as an HTML page; manuscripts: palette.html, palette.pdf, "
                        "matches.json, matches.csv, or a folder for all four")
    s.add_argument("--encoding", metavar="E", help="manuscripts: read plain-text inputs in this encoding "
                   "(e.g. gb18030, big5)")
    s.add_argument("--no-rewritten", action="store_true",
                   help="manuscripts: skip the search for rewritten sentences")

    s = sub.add_parser("author", help="your identity, printed in bundles as declared, not proven")
    asub = s.add_subparsers(dest="author_command", metavar="ACTION", parser_class=_Parser)
    a = asub.add_parser("show", help="what bundles will print")
    a.add_argument("--json", action="store_true")
    a = asub.add_parser("set", help="set pen names, real name, platform accounts, contact (given fields only)")
    a.add_argument("--pen-name", action="append", metavar="NAME", help="repeat for several; replaces the list")
    a.add_argument("--real-name", metavar="NAME", help="your legal name (an empty string clears it)")
    a.add_argument("--account", action="append", metavar="URL",
                   help="e.g. your author page on Fanqie, Jinjiang, Qidian, LiblibAI, Civitai; repeat for several")
    a.add_argument("--contact", metavar="TEXT", help="an e-mail address or phone number (an empty string clears it)")
    asub.add_parser("clear", help="print no declaration in bundles")

    s = sub.add_parser("watch", help="stamp a folder's changes at most once per interval")
    s.add_argument("folder", metavar="FOLDER")
    s.add_argument("--work", required=True, metavar="TITLE")
    s.add_argument("--every", default="1h", metavar="INTERVAL", help="e.g. 30m, 1h, 1d (default 1h)")
    s.add_argument("--tsa", action="append", default=[], metavar="NAME|URL")
    s.add_argument("--once", action="store_true", help="check once and exit (for cron or tests)")
    s.add_argument("--timeout", type=float, default=None, metavar="SECONDS")

    s = sub.add_parser("vault", help="the exact stamped bytes kept by ProofKit")
    vsub = s.add_subparsers(dest="vault_command", metavar="ACTION", parser_class=_Parser)
    c = vsub.add_parser("check", help="re-hash every kept file")
    c.add_argument("--json", action="store_true")
    c = vsub.add_parser("restore", help="give back the bytes a version was stamped with")
    c.add_argument("version", metavar="VERSION", help="version id (as listed by `proofkit log`)")
    c.add_argument("-o", "--output", required=True, metavar="PATH")
    c = vsub.add_parser("work", help="keep a work's files always, never, or by the size rule")
    c.add_argument("title", metavar="TITLE")
    c.add_argument("choice", choices=("keep", "skip", "auto"))
    c = vsub.add_parser("limit", help="keep files up to this size (MiB; default 64)")
    c.add_argument("mib", type=int, metavar="MIB")

    s = sub.add_parser("mirror", help="a second copy of the ledger, receipts and vault in another folder")
    msub = s.add_subparsers(dest="mirror_command", metavar="ACTION", parser_class=_Parser)
    c = msub.add_parser("set", help="mirror to FOLDER (a cloud-drive folder or a USB disk) from now on")
    c.add_argument("folder", metavar="FOLDER")
    c.add_argument("--encrypt", action="store_true",
                   help="encrypt the ledger and vault there with a passphrase (asked, or "
                        "PROOFKIT_MIRROR_PASSPHRASE); receipts stay readable")
    msub.add_parser("now", help="bring the mirror up to date now")
    msub.add_parser("status", help="where the proof is mirrored, and when it was last copied")
    msub.add_parser("off", help="stop mirroring (the copy already made stays where it is)")

    s = sub.add_parser("restore", help="bring a mirror back onto this computer (a new data folder)")
    s.add_argument("folder", metavar="FOLDER")

    s = sub.add_parser("renew", help="renew receipts before their TSA certificates expire or their hash "
                                       "algorithm is retired (RFC 4998)")
    g = s.add_mutually_exclusive_group()
    g.add_argument("--due", action="store_true", help="only what is due (the default)")
    g.add_argument("--all", action="store_true", help="every receipt and line, now")
    s.add_argument("--tsa", action="append", default=[], metavar="NAME|URL",
                   help="TSA to ask (repeatable; at least two recommended); default: those in Settings")
    s.add_argument("--hash-tree", metavar="ALG", choices=("sha384", "sha512"),
                   help="hash-tree renewal (RFC 4998 5.2): every line in a weaker hash algorithm is hashed "
                        "anew with ALG (sha384 or sha512) and stamped, whether due or not")
    s.add_argument("--retire-sha256", metavar="YYYY-MM-DD",
                   help="set (in Settings) the date SHA-256 is retired for time stamps: from two years "
                        "before it, renewals switch to hash-tree renewal with SHA-512 (default 2040-01-01)")
    s.add_argument("--timeout", type=float, default=None, metavar="SECONDS")
    s.add_argument("--json", action="store_true")
    from .usage import document

    document(p)  # help for every option, examples under every command
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    from . import commands

    handler = getattr(commands, "cmd_" + args.command)
    try:
        return int(handler(args) or 0)
    except ProofKitError as exc:
        print(f"proofkit: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("proofkit: interrupted; nothing half-written was kept.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `proofkit log | head`
        try:
            sys.stdout.close()
        except OSError:
            pass
        return 0
    except Exception as exc:  # noqa: BLE001 - never a traceback for the user
        if os.environ.get("PROOFKIT_DEBUG"):
            raise
        where = _log_crash(args)
        print(f"proofkit: unexpected error ({type(exc).__name__}: {exc}). Nothing was lost; "
              f"please report this{f' with {where}' if where else ''}.", file=sys.stderr)
        return EXIT_USAGE


def _log_crash(args) -> str | None:
    """Write the traceback to the log folder (never to the terminal); return its path."""
    import traceback

    try:
        from ..core.paths import resolve_dirs

        logs = resolve_dirs(args.home).logs
        logs.mkdir(parents=True, exist_ok=True)
        path = logs / "proofkit-cli.log"
        with open(path, "a", encoding="utf-8") as f:
            from datetime import datetime, timezone

            f.write(f"--- {datetime.now(timezone.utc).isoformat()} proofkit {' '.join(sys.argv[1:])}\n")
            f.write(traceback.format_exc())
        return str(path)
    except Exception:  # noqa: BLE001 - the log is a courtesy; the one-line message stands
        return None


def run() -> None:
    """The ``proofkit`` program (console script, ``python -m proofkit.cli.main``, the frozen
    executable): ``main()``, then a quick exit."""
    exit_now(main())


def exit_now(code: int) -> None:
    """Leave the process once a command has returned.

    Every command has committed and closed its ledger by then, and ProofKit registers no
    exit-time work of its own. What Python would still do is flush the standard streams and
    logging, which is done here, and then free every module and object one by one: once
    SQLAlchemy and cryptography are loaded that took 101-149 ms from the return of main()
    to the end of a `proofkit stamp` process, against 8 ms without it. That freeing is left
    to the operating system.

    Nor does it wait for threads still running: what a returned command leaves behind is TSA
    requests of a stamp that could not be recorded (their answers are dropped), and Python's
    exit would wait out their whole timeout. The commands wait for every ledger write they
    start; one cut short all the same (a second Ctrl-C) is rolled back by SQLite as after a
    crash, and its receipt stays pending for `proofkit sync`."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started with the descriptor closed (`proofkit hash f >&-`)
            continue
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`proofkit log | head`): nothing to keep
            pass
    if "logging" in sys.modules:
        sys.modules["logging"].shutdown()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
