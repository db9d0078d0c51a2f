"""``proofkit vault``, ``mirror``, ``restore`` and ``renew``: proof that lasts. Each turns its
arguments into a call of the application layer (app/keeping.py, app/mirroring.py,
app/renewing.py) and prints the result."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..core.errors import EXIT_FAILED, EXIT_OK, EXIT_UNREACHABLE, InputError
from ..core.timefmt import iso_utc as _iso
from .jsonout import print_json
from .progress import TerminalProgress

PASSPHRASE_ENV = "PROOFKIT_MIRROR_PASSPHRASE"


def _session(args):
    from ..app.session import Session

    return Session(args.home, trust=args.trust)


def _passphrase(confirm: bool) -> str:
    """From PROOFKIT_MIRROR_PASSPHRASE (scripts), else asked on the terminal."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InputError(f"The mirror passphrase is needed: run in a terminal, or set {PASSPHRASE_ENV}.")
    import getpass

    first = getpass.getpass("Mirror passphrase: ")
    if confirm and getpass.getpass("Again: ") != first:
        raise InputError("The two passphrases differ; nothing was changed.")
    return first


def _size(n: int) -> str:
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)  # pragma: no cover


# ---------------------------------------------------------------- vault
def cmd_vault(args) -> int:
    import dataclasses

    from ..app import keeping

    cmd = args.vault_command
    if cmd is None:
        raise InputError("Say what to do: `proofkit vault check`, `vault restore VERSION -o PATH`, "
                         "`vault work TITLE keep|skip|auto` or `vault limit MIB`.")
    with _session(args) as session:
        if cmd == "check":
            with TerminalProgress("checking") as progress:
                res = keeping.check_vault(session, progress=progress)
            if args.json:
                print_json({"ok": res.ok, "objects": res.objects, "size_on_disk": res.size_on_disk,
                            "problems": res.problems})
            elif res.ok:
                print(f"Vault intact: {res.objects} kept file(s), each still matches its stamped digest "
                      f"({_size(res.size_on_disk)} on disk).")
            else:
                for p in res.problems:
                    print(f"DAMAGED: {p}")
                print(f"{len(res.problems)} damaged file(s) in the vault; restore them from your mirror "
                      "(`proofkit restore FOLDER` into a new data folder).")
            return EXIT_OK if res.ok else EXIT_FAILED
        if cmd == "restore":
            try:
                vid = int(args.version)
            except ValueError:
                raise InputError(f"'{args.version}' is not a version id (a number, as listed by "
                                 "`proofkit log`).") from None
            res = keeping.restore_version(session, vid, Path(args.output))
            print(f"{res.out}: {res.files} file(s), {_size(res.bytes)}, exactly as stamped in version {vid}.")
            for m in res.missing:
                print(f"  not in the vault: {m}", file=sys.stderr)
            return EXIT_OK
        if cmd == "work":
            keeping.set_work_choice(session, args.title, None if args.choice == "auto" else args.choice)
            what = {"keep": "always kept, whatever their size or type",
                    "skip": "never kept",
                    "auto": f"kept up to {session.settings.vault_limit_mib} MiB (models not)"}[args.choice]
            print(f"Files of \u201c{args.title}\u201d stamped from now on: {what}.")
            return EXIT_OK
        if args.mib < 0:
            raise InputError("The limit is a number of MiB, 0 or more.")
        session.save_settings(dataclasses.replace(session.settings, vault_limit_mib=args.mib))
        print(f"Stamped files up to {args.mib} MiB are kept in the vault from now on.")
        return EXIT_OK


# ---------------------------------------------------------------- mirror
def _print_mirror_report(rep) -> None:
    print(f"Mirrored to {rep.folder}: {rep.receipts} new receipt(s), {rep.objects} new vault file(s), "
          f"{rep.evidence} evidence file(s){', ledger copied' if rep.ledger_copied else ''} "
          f"({_size(rep.bytes_written)} in {rep.seconds:.1f} s).")


def cmd_mirror(args) -> int:
    from ..app import mirroring
    from ..ledger.mirror import MirrorUnavailable

    cmd = args.mirror_command or "status"
    with _session(args) as session:
        if cmd == "status":
            print(mirroring.status(session).describe())
            return EXIT_OK
        if cmd == "off":
            mirroring.unset_mirror(session)
            print("Mirroring is off; the copy already made stays where it is.")
            return EXIT_OK
        try:
            if cmd == "set":
                passphrase = _passphrase(confirm=True) if args.encrypt else None
                rep = mirroring.set_mirror(session, Path(args.folder), passphrase=passphrase)
            else:
                rep = mirroring.copy_now(session)
        except MirrorUnavailable as exc:
            print(f"proofkit: {exc.message}", file=sys.stderr)
            return EXIT_UNREACHABLE
        _print_mirror_report(rep)
        return EXIT_OK


def cmd_restore(args) -> int:
    from ..app import mirroring

    folder = Path(args.folder)
    with _session(args) as session:
        passphrase = None
        if mirroring.is_encrypted(folder):
            passphrase = _passphrase(confirm=False)
        with TerminalProgress("restoring") as progress:
            rep = mirroring.restore(session, folder, passphrase=passphrase, progress=progress)
        print(f"Restored from {folder}: the ledger, {rep.objects} vault file(s), {rep.evidence} evidence "
              f"file(s) into {session.dirs.data}. Check it with `proofkit ledger check --deep`.")
        for p in rep.problems:
            print(f"  not restored (damaged in the mirror): {p}", file=sys.stderr)
        return EXIT_FAILED if rep.problems else EXIT_OK


# ---------------------------------------------------------------- renew
def cmd_renew(args) -> int:
    from ..app.renewing import renew, set_sha256_retired_from

    mode = "all" if args.all else "due"
    with _session(args) as session:
        if getattr(args, "retire_sha256", None):
            set_sha256_retired_from(session, args.retire_sha256)
            if not args.json:
                print(f"SHA-256 is retired for time stamps from {args.retire_sha256} (kept in Settings).",
                      file=sys.stderr)
        rep = renew(session, mode=mode, tsa=args.tsa, hash_tree=getattr(args, "hash_tree", None),
                    timeout=args.timeout)
        retired_from = session.settings.sha256_retired_from
    if args.json:
        print_json({"receipts": rep.receipts, "renewed_lines": rep.renewed_batches,
                    "hash_tree_records": rep.hash_tree, "hash_tree_lines": rep.hash_tree_lines,
                    "alg": rep.alg if not rep.nothing_due else None,
                    "sha256_retired_from": retired_from,
                    "head": {"seq": rep.head[0], "hash": rep.head[1]} if rep.head else None,
                    "requests": rep.requests, "batches": rep.batches,
                    "tsas": [{"tsa": s.tsa_name, "url": s.url, "ok": s.ok, "gen_time": _iso(s.gen_time),
                              "error": s.error} for s in rep.stamps]})
        return EXIT_OK
    if rep.nothing_due:
        print("Nothing is due for renewal: every receipt's TSA certificate is valid for more than two years "
              f"and no hash algorithm in use is being retired (SHA-256: from {retired_from}).")
        return EXIT_OK
    for s in rep.stamps:
        print(f"  {s.tsa_name}: {'renewal stamped at ' + _iso(s.gen_time) if s.ok else 'failed: ' + str(s.error)}",
              file=sys.stderr)
    head = f"; ledger anchored at entry {rep.head[0]}" if rep.head else ""
    tree = (f"; {rep.hash_tree} receipt record(s) of {rep.hash_tree_lines} earlier renewal(s) hashed anew "
            f"with {rep.alg} (hash-tree renewal)") if rep.hash_tree_lines else ""
    print(f"Renewed: {rep.receipts} receipt(s), {rep.renewed_batches} earlier renewal(s){tree}{head} — one "
          f"request to each of {rep.requests} TSA(s), {len(rep.batches)} answered.")
    if len(rep.batches) < 2:
        print("  Only one TSA answered: run `proofkit renew` again later so two independent TSAs hold it.",
              file=sys.stderr)
    return EXIT_OK
