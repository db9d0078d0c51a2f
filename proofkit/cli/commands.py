"""The ``proofkit`` commands: each turns its arguments into one call of the application layer
(proofkit.app), prints the result as text or JSON, and returns the exit code. Nothing else:
what a command does lives in proofkit.app, shared with the desktop app."""

from __future__ import annotations

import sys
from pathlib import Path

from ..core.errors import EXIT_FAILED, EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE, InputError, ProofKitError
from ..core.timefmt import iso_utc as _iso
from .jsonout import print_json, print_json_line, receipt_json, stream_json_array, verdict_json, version_json
from .progress import TerminalProgress


def _session(args):
    from ..app.session import Session

    return Session(args.home, trust=args.trust)


def _err(msg: str) -> None:
    print(f"proofkit: {msg}", file=sys.stderr)


def _code(status: str) -> int:
    return {"verified": EXIT_OK, "pending": EXIT_UNREACHABLE}.get(status, EXIT_FAILED)


# ---------------------------------------------------------------- hash
def cmd_hash(args) -> int:
    from ..app.stamping import hash_paths

    with TerminalProgress("hashing") as progress:
        results = hash_paths([Path(p) for p in args.paths], args.alg, progress=progress)
    code = EXIT_OK
    for path, r in zip(args.paths, results):
        if isinstance(r, ProofKitError):
            _err(r.message)
            code = EXIT_USAGE
            continue
        # sha256sum escapes names with a backslash or newline; keep `sha256sum -c` happy.
        if "\\" in path or "\n" in path:
            escaped = path.replace("\\", "\\\\").replace("\n", "\\n")
            print(f"\\{r.hex}  {escaped}")
        else:
            print(f"{r.hex}  {path}")
    return code


# ---------------------------------------------------------------- stamp
def cmd_stamp(args) -> int:
    from ..app.stamping import NotStamped, stamp

    if getattr(args, "fingerprint", False):
        from .comparing import stamp_models

        return stamp_models(args)

    budget = [args.timeout]

    def on_event(kind, data):
        if args.json:
            return
        if kind == "requesting":  # a line per TSA while it is being waited for
            print(f"  {data['tsa']}: asking (waiting up to {budget[0]:g} s)…", file=sys.stderr)
        elif kind == "hashed" and data.get("files") is None:
            print(f"{data['path']}: {data['hash_alg']} {data['digest'].hex()}", file=sys.stderr)
        elif kind == "receipt":
            if data["status"] == "verified":
                print(f"  {data['tsa']}: verified at {_iso(data['gen_time'])}", file=sys.stderr)
            elif data["status"] == "pending":
                print(f"  {data['tsa']}: pending: will retry ({data['error']})", file=sys.stderr)
            else:
                print(f"  {data['tsa']}: failed: {data['error']}", file=sys.stderr)
        elif kind in ("vault", "mirror") and not data["ok"]:
            print(f"  {data['error']}", file=sys.stderr)

    with _session(args) as session, TerminalProgress("hashing", on_event) as progress:
        budget[0] = session.timeout(args.timeout)
        try:
            results = stamp(session, [Path(p) for p in args.paths], work=args.work, tsa=args.tsa, alg=args.alg,
                            timeout=args.timeout, progress=progress)
        except NotStamped as exc:
            # Nothing is stamped when one of the files cannot be read: the user fixes and reruns.
            for e in exc.errors:
                _err(e.message)
            return exc.exit_code
    out = []
    for res in results:
        obj = version_json(res.version, res.receipts)
        if res.files is not None:
            obj["files"] = res.files
        out.append(obj)
        if not args.json:
            _print_stamped(res)
    if args.json:
        print_json(out)
    if results and results[0].files is not None:  # folders: the worst outcome
        return max(_code(r.status) for r in results)
    if all(r.status == "verified" for r in results):
        return EXIT_OK
    any_failed_only = any(r.status == "failed" for r in results)
    any_pending = any(r.status == "pending" for r in results)
    return EXIT_UNREACHABLE if any_pending and not any_failed_only else EXIT_FAILED


def _vlabel(v) -> str:
    """A version as people count it (v2 = the work's second version) with the ledger id that
    commands such as `show` and `export` take."""
    return f"v{v.number} (id {v.id})"


def _print_stamped(res) -> None:
    v, p = res.version, res.path
    if res.files is not None:
        print(f"{p}: {res.files} files in one manifest (sha256 {v.digest_hex}); "
              f"{len(res.verified)}/{len(res.receipts)} TSAs verified; version {_vlabel(v)} of \u201c{v.work_title}\u201d")
        for r in res.receipts:
            if r.status != "verified":
                print(f"  {r.tsa_name}: {r.status}: {r.error}", file=sys.stderr)
    elif res.verified:
        first = min(res.verified, key=lambda r: r.gen_time)
        print(f"{p}: stamped (version {_vlabel(v)} of \u201c{v.work_title}\u201d), "
              f"{len(res.verified)}/{len(res.receipts)} TSAs verified; earliest {_iso(first.gen_time)}")
    elif res.status == "pending":
        print(f"{p}: no TSA could be reached; the stamp waits as pending. Run `proofkit sync` "
              "when you are online. It is not proof yet.")
    else:
        print(f"{p}: no TSA gave a valid time stamp; nothing was kept as proof.")


# ---------------------------------------------------------------- verify
def _accuracy_text(v) -> str:
    if not v.accuracy:
        return ""
    return f" (time stamp {_iso(v.gen_time)} \u00b1 {v.accuracy.total_seconds():g} s)"


def _print_verdict(v, label: str) -> None:
    mark = "VALID" if v.ok else "NOT VALID"
    when = f" — existed no later than {_iso(v.not_after)}{_accuracy_text(v)}" if v.ok and v.gen_time else ""
    print(f"{label}: {mark}{when}")
    for c in v.checks:
        print(f"  [{'ok' if c.ok else 'FAIL'}] {c.name}: {c.detail}")
    for w in v.warnings:
        print(f"  warning: {w}")


def cmd_verify(args) -> int:
    from ..app import verifying

    if args.path and args.path.lower().endswith(".zip") and not args.token:
        return _verify_bundle(args)
    if not args.token:
        if args.digest:
            if args.path:
                raise InputError("Give either a file or --digest, not both.")
            raise InputError("--digest needs --token FILE.")
        if not args.path:
            raise InputError("Give a file to verify (or --digest HEX --token FILE).")
        return _verify_against_ledger(args)
    res = verifying.verify_token(_session(args), args.token, file=args.path, digest=args.digest, certs=args.certs)
    if args.json:
        print_json(verdict_json(res.verdict))
    else:
        _print_verdict(res.verdict, args.token)
    return EXIT_OK if res.ok else EXIT_FAILED


def _verify_against_ledger(args) -> int:
    from ..app.verifying import verify_file

    path = Path(args.path)
    with _session(args) as session, TerminalProgress("hashing") as progress:
        res = verify_file(session, path, certs=args.certs, progress=progress)
    models = []
    if not res.results:  # no byte-identical stamp: a model may still be one you stamped
        from .comparing import stamped_models_for

        models = stamped_models_for(session_args=args, path=path)
    if args.json:
        best = res.earliest
        obj = verdict_json(best[1], best[0].tsa_name) if best else {
            "ok": False, "gen_time": None, "tsa": None, "checks": []}
        obj["ok"] = res.ok
        obj["sha256"] = res.sha256
        if models:
            obj["stamped_models"] = [dict(m.stamps, verdict=m.report["verdict"], sentence=m.sentence,
                                          share=m.report["figures"]["share"]) for m in models]
        obj["receipts"] = [dict(verdict_json(v, r.tsa_name) if v else
                                {"ok": False, "tsa": r.tsa_name, "checks": [], "gen_time": None},
                                id=r.id, status=r.status, work=r.work_title, file_name=r.file_name,
                                **({"long_term": res.long_term[r.id].as_json()} if r.id in res.long_term else {}))
                           for r, v in res.results]
        print_json(obj)
    else:
        if not res.results:
            print(f"{path}: never stamped (sha256 {res.sha256}).{_other_versions_note(res)}")
            for m in models:
                print(f"{path}: {m.sentence}. {m.report['sentence']}")
        for r, v in res.results:
            label = f"{path} — receipt {r.id} from {r.tsa_name} (\u201c{r.work_title}\u201d, {r.file_name})"
            if v is None:
                print(f"{label}: pending — not proof yet; run `proofkit sync`.")
            else:
                _print_verdict(v, label)
            if r.id in res.long_term:
                print(f"  long term: {res.long_term[r.id].text()}")
    return EXIT_OK if res.ok else EXIT_FAILED


def _other_versions_note(res) -> str:
    same_name = [v for v in res.other_versions if v.file_name == res.path.name]
    if not same_name:
        return ""
    latest = same_name[-1]
    return (f" Another version of \u201c{res.path.name}\u201d is known: version {_vlabel(latest)} of "
            f"\u201c{latest.work_title}\u201d, stamped {_iso(latest.created_at)} — this file differs from it.")


def _verify_bundle(args) -> int:
    from ..app.verifying import verify_bundle
    from .bundle_report import print_report

    res = verify_bundle(_session(args), Path(args.path), [Path(f) for f in args.file or []], certs=args.certs)
    if args.json:
        print_json(res.as_json())
    else:
        print_report(res.report)
    return EXIT_OK if res.ok else EXIT_FAILED


# ---------------------------------------------------------------- log / show
def cmd_log(args) -> int:
    """Text: the newest versions (default 20; how many older ones are hidden is said first),
    shown as a timeline, oldest to newest, grouped by work; --all lists every one, streamed.
    --json keeps the array scripts know (every matching version, oldest first), streamed
    rather than built in memory; --limit N gives the N newest, still oldest first. --jsonl:
    one object a line, newest first, every one unless --limit."""
    from ..app import browsing

    if args.all and args.limit is not None:
        raise InputError("Give --all or --limit, not both.")
    if args.json and args.jsonl:
        raise InputError("Give --json or --jsonl, not both.")
    since = browsing.parse_since(args.since) if args.since else None
    with _session(args) as session:
        if args.json or args.jsonl:
            if args.limit is not None:
                page = browsing.log_page(session, work=args.work, since=since, limit=args.limit).entries
                entries = reversed(page) if args.json else iter(page)
            else:
                entries = browsing.iter_log(session, work=args.work, since=since, oldest_first=args.json)
            objects = (version_json(e.version, e.receipts) for e in entries)
            if args.json:
                stream_json_array(objects)
            else:
                for obj in objects:
                    print_json_line(obj)
            return EXIT_OK
        from .timeline import print_log

        more = 0
        if args.all:
            shown = print_log(browsing.iter_log(session, work=args.work, since=since, oldest_first=True),
                              by_work=bool(args.work))
        else:
            page = browsing.log_page(session, work=args.work, since=since,
                                     limit=browsing.DEFAULT_LIMIT if args.limit is None else args.limit)
            more = page.more
            if more:  # said first: the page below ends with the newest stamp, by the prompt
                print(f"\u2026 {more} older version(s) not shown: `proofkit log --all` lists every one, "
                      "`--limit N` more of them, `--since DATE` a period.")
            shown = print_log(list(reversed(page.entries)), by_work=bool(args.work))
    if not shown:
        if args.work or since:
            print("No version matches.")
        else:
            print("The ledger is empty: stamp a file with `proofkit stamp FILE`.")
    return EXIT_OK


def cmd_show(args) -> int:
    from ..app.browsing import parse_version_id, show

    vid = parse_version_id(args.id)
    with _session(args) as session:
        e = show(session, vid)
    v, receipts = e.version, e.receipts
    if args.json:
        print_json(version_json(v, receipts))
        return EXIT_OK
    print(f"Version {_vlabel(v)} of \u201c{v.work_title}\u201d: {v.file_name}")
    print(f"  path    {v.path}")
    print(f"  size    {v.size} bytes")
    print(f"  {v.hash_alg:<7} {v.digest_hex}")
    print(f"  added   {_iso(v.created_at)}")
    for r in receipts:
        print(f"  receipt {r.id}  {r.tsa_name:<12} {r.status:<8} {_iso(r.gen_time) or '':<22} "
              f"{'serial ' + r.serial if r.serial else ''}")
        if r.error:
            print(f"           {r.error}")
        if r.anchor:
            print(f"           anchored by {r.anchor}")
    return EXIT_OK


# ---------------------------------------------------------------- sync
def cmd_sync(args) -> int:
    from ..app.stamping import sync

    if getattr(args, "drop", None):
        return _sync_drop(args)
    with _session(args) as session:
        budget = session.timeout(args.timeout)

        def on_event(kind, data):
            if kind == "requesting" and not args.json:  # a line per pending stamp being asked for
                print(f"  {data['tsa']}: asking again for {data['path']} (waiting up to {budget:g} s)…",
                      file=sys.stderr)

        with TerminalProgress("sync", on_event) as progress:
            res = sync(session, timeout=args.timeout, progress=progress)
    rows = res.receipts
    if not rows:
        if args.json:
            print_json([])
        else:
            print("Nothing pending.")
        return EXIT_OK
    if args.json:
        print_json([receipt_json(r) for r in rows])
    else:
        for r in rows:
            extra = f" at {_iso(r.gen_time)}" if r.status == "verified" else f": {r.error}"
            print(f"receipt {r.id} ({r.file_name}, {r.tsa_name}): {r.status}{extra}")
    if res.still_pending:
        return EXIT_UNREACHABLE
    return EXIT_OK if res.all_verified else EXIT_FAILED


def _sync_drop(args) -> int:
    """`sync --drop ID`: give up on pending receipts (each checked before any is changed)."""
    from ..app.giving_up import give_up_receipt

    rows = []
    with _session(args) as session:
        for rid in args.drop:
            r = session.ledger.get_receipt(rid)
            if r is None or r.status != "pending":
                give_up_receipt(session, rid)  # raises the one-line reason, nothing changed yet
        for rid in args.drop:
            rows += give_up_receipt(session, rid).dropped
    if args.json:
        print_json([receipt_json(r) for r in rows])
    else:
        for r in rows:
            print(f"receipt {r.id} ({r.file_name}, {r.tsa_name}): given up; kept in the ledger as failed, "
                  "not asked again.")
    return EXIT_OK


# ---------------------------------------------------------------- ledger
def cmd_ledger(args) -> int:
    from ..app import ledger_care

    if args.ledger_command is None:
        raise InputError("Say what to do: `proofkit ledger check` or `proofkit ledger backup OUT`.")
    with _session(args) as session:
        if args.ledger_command == "backup":
            out = ledger_care.backup(session, Path(args.out))
            print(f"Backed up to {out}")
            return EXIT_OK
        with TerminalProgress("re-verifying") as progress:
            res = ledger_care.check_ledger(session, deep=getattr(args, "deep", False), progress=progress)
    if res.ok:
        if res.rechecked:
            print(f"All {res.rechecked} verified receipts still verify.")
        print(f"Ledger intact: {res.receipts} receipts, every entry chained and unchanged.")
        return EXIT_OK
    for p in res.problems:
        print(f"TAMPERED: {p}")
    print(f"{len(res.problems)} problem(s): the ledger was changed outside ProofKit.")
    return EXIT_FAILED


# ---------------------------------------------------------------- tsa
def cmd_tsa(args) -> int:
    from ..app import tsas as app_tsas

    session = _session(args)
    if args.tsa_command in ("login", "logout"):
        return _tsa_account(session, args)
    if args.tsa_command in (None, "list"):
        registry = app_tsas.known_tsas(session)
        if getattr(args, "json", False):
            print_json([{"name": t.name, "display_name": t.display_name, "url": t.url, "operator": t.operator,
                         "country": t.country, "default": t.default, "hash_algorithms": list(t.hash_algorithms),
                         "key_type": t.key_type, "qualified": t.qualified,
                         "min_interval_seconds": t.min_interval_seconds,
                         "roots": [r.sha256 for r in t.roots], "needs_account": t.needs_account,
                         "auth": t.auth} for t in registry])
            return EXIT_OK
        # Columns as wide as their longest entry: a name or operator is never cut.
        wn = max([len("NAME")] + [len(t.name) for t in registry])
        wo = max([len("OPERATOR")] + [len(t.operator) for t in registry])
        print(f"{'NAME':<{wn}}  {'DEFAULT':<7}  {'OPERATOR':<{wo}}  {'CC':<2}  URL")
        for t in registry:
            print(f"{t.name:<{wn}}  {'yes' if t.default else '':<7}  {t.operator:<{wo}}  {t.country:<2}  {t.url}")
        return EXIT_OK
    code = EXIT_OK
    for c in app_tsas.check_tsas(session, args.name, timeout=args.timeout):
        a = c.attempt
        if c.ok:
            print(f"{c.tsa.name}: OK — verified time stamp at {_iso(a.verdict.gen_time)} ({a.verdict.anchor_text()})")
        else:
            print(f"{c.tsa.name}: {a.status.upper()} — {a.error}")
            code = max(code, EXIT_UNREACHABLE if a.status == "pending" else EXIT_FAILED)
    return code


def _tsa_account(session, args) -> int:
    """`tsa login` / `tsa logout`. Secrets are read without echo (or from stdin for
    scripts), never taken as arguments: arguments show in `ps` and the shell's history."""
    import getpass

    from ..app import accounts

    if args.tsa_command == "logout":
        gone = accounts.logout(session, args.name)
        print(f"{args.name}: account removed." if gone else f"{args.name}: no account was saved.")
        return EXIT_OK
    tsa = accounts.status(session, args.name).tsa
    if tsa.account_info:
        print(tsa.account_info, file=sys.stderr)
    lines = iter(sys.stdin.read().splitlines()) if args.password_stdin else None

    def secret(prompt: str) -> str:
        if lines is not None:
            value = next(lines, None)
            if value is None:
                raise InputError("Standard input ended before every secret was given.")
            return value
        return getpass.getpass(prompt)

    user = args.user
    if user is None and (tsa.auth == "basic" or not args.header):
        user = input("User name: ") if lines is None else secret("")
    password = secret("Password: ") if user is not None else None
    headers = {h: secret(f"{h}: ") for h in [*tsa.secret_headers, *args.header]}
    accounts.login(session, args.name, username=user or None, password=password if user else None,
                   headers=headers)
    print(f"{tsa.name}: account saved in the system password store.")
    return EXIT_OK


# ---------------------------------------------------------------- export
def cmd_export(args) -> int:
    from ..app.exporting import export

    out = Path(args.output)
    with _session(args) as session:
        c = export(session, args.target, out, lang=args.lang, include_original=args.include_original,
                   originals=args.original or (), replace=True,
                   compare=Path(args.compare) if getattr(args, "compare", None) else None)
    n = len(c.receipts)
    print(f"{out}: evidence for \u201c{c.work.title}\u201d — {len(c.versions)} version(s), {n} verified "
          f"receipt(s){', originals included' if c.include_original else ''}.")
    for v in c.versions:
        for note in v.notes:
            print(f"  v{v.row.number} (id {v.row.id}): {note}", file=sys.stderr)
    if c.comparison is not None:
        print(f"  comparison with {args.compare}: {c.comparison['sentence']}")
    if c.not_proof:
        print(f"  {len(c.not_proof)} receipt(s) left out as not proof (pending, failed or not verifiable now); "
              "manifest.json lists them under not_proof.", file=sys.stderr)
    return EXIT_OK


# ---------------------------------------------------------------- watch
def cmd_watch(args) -> int:
    from ..app.watching import Watch, parse_interval

    every = parse_interval(args.every)
    folder = Path(args.folder)
    if not folder.is_dir():
        raise InputError(f"{args.folder}: is not a folder.")
    codes = []

    def report(c) -> None:
        when = c.at.strftime("%Y-%m-%d %H:%M:%S UTC")
        if c.what == "unchanged":
            print(f"[{when}] {c.folder}: nothing changed since the last stamp.")
            codes.append(EXIT_OK)
        elif c.what == "waiting":
            print(f"[{when}] {c.folder}: changed; next stamp allowed at {c.next_at:%Y-%m-%d %H:%M UTC}.")
            codes.append(EXIT_OK)
        else:
            o = c.outcome
            ok = sum(a.status == "verified" for a in o.attempts)
            print(f"[{when}] {c.folder}: stamped (version {o.version_id}), {ok}/{len(o.attempts)} TSAs verified.")
            codes.append(EXIT_OK if o.verified else EXIT_UNREACHABLE if o.pending else EXIT_FAILED)
        sys.stdout.flush()

    with _session(args) as session:
        Watch(session, folder, args.work, every, tsa=args.tsa, timeout=args.timeout).run(report, once=args.once)
    return codes[-1] if codes else EXIT_OK


# ---------------------------------------------------------------- fingerprint / compare (models)
from .comparing import cmd_compare, cmd_fingerprint  # noqa: E402,F401  (dispatched by name)


# ---------------------------------------------------------------- vault, mirror, restore, renew
from .longterm import cmd_mirror, cmd_renew, cmd_restore, cmd_vault  # noqa: E402,F401


# ---------------------------------------------------------------- author
_AUTHOR_LABELS = (("pen_names", "Pen names"), ("real_name", "Real name"), ("accounts", "Platform accounts"),
                  ("contact", "Contact"))


def cmd_author(args) -> int:
    from ..app import author

    with _session(args) as session:
        if args.author_command == "set":
            if all(v is None for v in (args.pen_name, args.real_name, args.account, args.contact)):
                raise InputError("Say what to set: --pen-name, --real-name, --account or --contact "
                                 "(see `proofkit author set --help`).")
            doc = author.set_declared(session, pen_names=args.pen_name, real_name=args.real_name,
                                      accounts=args.account, contact=args.contact)
        elif args.author_command == "clear":
            author.clear_declared(session)
            doc = None
        else:
            doc = author.declared(session)
    if getattr(args, "json", False):
        print_json({"declared": doc, "status": "declared, not proven"})
        return EXIT_OK
    if doc is None:
        print("No author identity is set; bundles carry no declaration. Set one with "
              "`proofkit author set --pen-name NAME`.")
        return EXIT_OK
    print("Author's declaration (declared, not proven), printed in every evidence bundle:")
    for key, label in _AUTHOR_LABELS:
        value = doc.get(key)
        if value:
            print(f"  {label + ':':<19}{'; '.join(value) if isinstance(value, list) else value}")
    print("A time stamp proves that a file existed at a time; it does not prove who wrote it, nor this identity.")
    return EXIT_OK
