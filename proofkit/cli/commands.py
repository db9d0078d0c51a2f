"""Implementations of the ``proofkit`` commands. Each returns an exit code."""

from __future__ import annotations

import base64
import json
import os
import sys
from pathlib import Path

from ..core.errors import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_UNREACHABLE,
    EXIT_USAGE,
    InputError,
    ProofKitError,
)
from ..core.files import read_input
from .progress import ProgressBar


# ---------------------------------------------------------------- shared plumbing
def _dirs(args):
    from ..core.paths import resolve_dirs

    return resolve_dirs(args.home).ensure()


def _open_ledger(args):
    from ..ledger import Ledger

    d = _dirs(args)
    return Ledger.open(d.ledger_path, backups_dir=d.backups)


def _verifier(args, ledger=None):
    from ..core.verifier import verifier_for

    return verifier_for(args.trust, ledger)


class _Prepared:
    """Opens the ledger and builds the verifier (imports included: SQLAlchemy, cryptography,
    rfc3161ng) while large files hash on worker threads: passed to hashing as its
    ``while_large`` hook, so this Python-heavy start-up costs no wall time on a big stamp.
    Runs once, from whichever thread calls first; a second caller waits for it."""

    def __init__(self, args) -> None:
        import threading

        self._args = args
        self._value = None
        self._error: BaseException | None = None
        self._lock = threading.Lock()

    def __call__(self) -> None:
        with self._lock:
            if self._value is None and self._error is None:
                self._prepare()

    def _prepare(self) -> None:
        try:
            import rfc3161ng  # noqa: F401  (its import, requests included, is slow)

            from ..core import stamping  # noqa: F401

            ledger = _open_ledger(self._args)
            try:
                self._value = (ledger, _verifier(self._args, ledger))
            except BaseException:
                ledger.close()
                raise
        except BaseException as exc:  # re-raised by result(), where the caller expects it
            self._error = exc

    def result(self):
        self()
        if self._error is not None:
            raise self._error
        return self._value

    def discard(self) -> None:
        """Hashing failed: close the ledger if it was opened (nothing was written)."""
        with self._lock:  # a worker may still be opening it
            if self._value is not None:
                self._value[0].close()


def _tsas(args):
    from ..core.registry import default_tsas, find_tsa, load_registry

    registry = load_registry()
    if getattr(args, "tsa", None):
        return [find_tsa(t, registry) for t in args.tsa]
    return default_tsas(registry)


def _timeout(args) -> float:
    from ..core.client import DEFAULT_TIMEOUT

    t = getattr(args, "timeout", None)
    if t is not None and t <= 0:
        raise InputError("--timeout must be a positive number of seconds.")
    return t or DEFAULT_TIMEOUT


def _iso(dt) -> str | None:
    if dt is None:
        return None
    return dt.strftime("%Y-%m-%dT%H:%M:%S.%f").rstrip("0").rstrip(".") + "Z"


def _print_json(obj) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _err(msg: str) -> None:
    print(f"proofkit: {msg}", file=sys.stderr)


def _hash_with_progress(paths: list[Path], alg: str, *, while_large=None):
    from ..core.hashing import hash_files

    bar = ProgressBar("hashing")
    try:
        return hash_files(paths, alg, progress=bar.update, while_large=while_large)
    finally:
        bar.close()


# ---------------------------------------------------------------- hash
def cmd_hash(args) -> int:
    results = _hash_with_progress([Path(p) for p in args.paths], args.alg)
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
def receipt_json(r) -> dict:
    return {
        "id": r.id,
        "tsa": r.tsa_name,
        "url": r.url,
        "status": r.status,
        "gen_time": _iso(r.gen_time),
        "serial": r.serial,
        "policy": r.policy,
        "hash_alg": r.hash_alg,
        "token_b64": base64.b64encode(r.response).decode() if r.response else None,
        "error": r.error,
    }


def version_json(v, receipts) -> dict:
    return {
        "id": v.id,
        "path": v.path,
        "size": v.size,
        "sha256": v.digest_hex if v.hash_alg == "sha256" else None,
        "hash_alg": v.hash_alg,
        "digest": v.digest_hex,
        "work": v.work_title,
        "kind": v.kind,
        "created_at": _iso(v.created_at),
        "receipts": [receipt_json(r) for r in receipts],
    }


def _default_work(path: Path) -> str:
    return path.stem or path.name


def cmd_stamp(args) -> int:
    paths = [Path(p) for p in args.paths]
    folders = [p for p in paths if p.is_dir()]
    if folders:
        from .folders import stamp_folders

        return stamp_folders(args, paths)
    timeout = _timeout(args)
    tsas = _tsas(args)
    if not tsas:
        raise InputError("No TSA to ask: give one with --tsa NAME|URL.")
    prepared = _Prepared(args)
    digests = _hash_with_progress(paths, args.alg, while_large=prepared)
    errors = [d for d in digests if isinstance(d, ProofKitError)]
    for e in errors:
        _err(e.message)
    if errors:
        # Nothing is stamped when one of the files cannot be read: the user fixes and reruns.
        prepared.discard()
        return max(e.exit_code for e in errors)
    ledger, verifier = prepared.result()
    from ..core.stamping import Stamper  # imported by the preparing thread meanwhile

    try:

        def on_event(kind, data):
            if args.json or kind != "receipt":
                return
            if data["status"] == "verified":
                print(f"  {data['tsa']}: verified at {_iso(data['gen_time'])}", file=sys.stderr)
            elif data["status"] == "pending":
                print(f"  {data['tsa']}: pending: will retry ({data['error']})", file=sys.stderr)
            else:
                print(f"  {data['tsa']}: failed: {data['error']}", file=sys.stderr)

        stamper = Stamper(ledger, verifier, tsas, timeout=timeout, on_event=on_event)
        out, any_pending, all_ok, any_failed_only = [], False, True, False
        for p, d in zip(paths, digests):
            if not args.json:
                print(f"{p}: {d.alg} {d.hex}", file=sys.stderr)
            outcome = stamper.stamp(work=args.work or _default_work(p), file_name=p.name, path=str(p),
                                    size=d.size, hash_alg=d.alg, digest=d.digest)
            version = ledger.get_version(outcome.version_id)
            receipts = [ledger.get_receipt(i) for i in outcome.receipt_ids]
            out.append(version_json(version, receipts))
            if not outcome.verified:
                all_ok = False
                if outcome.pending:
                    any_pending = True
                else:
                    any_failed_only = True
            if not args.json:
                verified = [r for r in receipts if r.status == "verified"]
                if verified:
                    first = min(verified, key=lambda r: r.gen_time)
                    print(f"{p}: stamped (version {version.id} of \u201c{version.work_title}\u201d), "
                          f"{len(verified)}/{len(receipts)} TSAs verified; earliest {_iso(first.gen_time)}")
                elif outcome.pending:
                    print(f"{p}: no TSA could be reached; the stamp waits as pending. Run `proofkit sync` "
                          "when you are online. It is not proof yet.")
                else:
                    print(f"{p}: no TSA gave a valid time stamp; nothing was kept as proof.")
        if args.json:
            _print_json(out)
        if all_ok:
            return EXIT_OK
        return EXIT_UNREACHABLE if any_pending and not any_failed_only else EXIT_FAILED
    finally:
        ledger.close()


# ---------------------------------------------------------------- verify
def verdict_json(v, tsa: str | None = None) -> dict:
    return {
        "ok": v.ok,
        "gen_time": _iso(v.gen_time),
        "tsa": tsa or v.tsa_name or (v.signer.subject.rfc4514_string() if v.signer else None),
        "serial": str(v.serial) if v.serial is not None else None,
        "hash_alg": v.hash_alg,
        "anchor": v.anchor_text(),
        "warnings": v.warnings,
        "checks": [c.as_dict() for c in v.checks],
    }


def _print_verdict(v, label: str) -> None:
    mark = "VALID" if v.ok else "NOT VALID"
    when = f" — existed no later than {_iso(v.gen_time)}" if v.ok and v.gen_time else ""
    print(f"{label}: {mark}{when}")
    for c in v.checks:
        print(f"  [{'ok' if c.ok else 'FAIL'}] {c.name}: {c.detail}")
    for w in v.warnings:
        print(f"  warning: {w}")


def cmd_verify(args) -> int:
    from ..core.trust import load_certificates_file

    if args.path and args.path.lower().endswith(".zip") and not args.token:
        from ..bundle.verify import verify_bundle_cli

        return verify_bundle_cli(args)
    if args.digest and args.path:
        raise InputError("Give either a file or --digest, not both.")
    if not args.path and not args.digest:
        raise InputError("Give a file to verify (or --digest HEX --token FILE).")
    if args.digest and not args.token:
        raise InputError("--digest needs --token FILE.")
    extra = []
    for f in args.certs:
        extra += load_certificates_file(f)
    if args.path:
        p = Path(args.path)
        if p.is_dir():
            raise InputError(f"{p}: is a folder; give a file.")
        if not p.exists():
            raise InputError(f"{p}: no such file.")
    if args.token:
        der = read_input(args.token, "token file")
        digest = None
        if args.digest:
            try:
                digest = bytes.fromhex(args.digest.strip())
            except ValueError:
                raise InputError("--digest must be a hexadecimal digest.") from None
            if len(digest) not in (32, 48, 64):
                raise InputError("--digest must be a SHA-256, SHA-384 or SHA-512 digest in hex.")
        verdict = _verifier(args).verify(der, file_path=args.path, digest=digest, extra_certs=extra)
        if verdict.unreadable:
            # Not a token at all: unreadable input, one line, exit 2.
            raise InputError(f"{args.token}: {verdict.checks[0].detail}")
        if args.json:
            _print_json(verdict_json(verdict))
        else:
            _print_verdict(verdict, args.token)
        return EXIT_OK if verdict.ok else EXIT_FAILED
    return _verify_against_ledger(args, Path(args.path), extra)


def _verify_against_ledger(args, path: Path, extra) -> int:
    from ..core.hashing import hash_file

    ledger = _open_ledger(args)
    try:
        d = hash_file(path, "sha256")
        receipts = [(r, d) for r in ledger.receipts_for_digest(d.hex)]
        verifier = _verifier(args, ledger)
        folder_hits = []
        if not receipts:
            from .folders import find_in_manifests

            folder_hits = find_in_manifests(ledger, d, verifier)
        if not receipts and not folder_hits:
            # Stamped with --hash sha384/sha512? Only worth reading the file again when the
            # SHA-256 found nothing.
            for alg in ("sha384", "sha512"):
                other = hash_file(path, alg)
                receipts += [(r, other) for r in ledger.receipts_for_digest(other.hex)]
        results = []
        for r, dd in receipts:
            if r.status == "pending" or not r.response:
                results.append((r, None))
                continue
            results.append((r, verifier.verify(r.response, digest=dd.digest, digest_alg=dd.alg,
                                               nonce=r.nonce, extra_certs=extra)))
        for fh in folder_hits:
            results.append(fh)
        ok_results = [(r, v) for r, v in results if v is not None and v.ok]
        ok = bool(ok_results)
        if args.json:
            best = min(ok_results, key=lambda rv: rv[1].gen_time) if ok_results else None
            obj = verdict_json(best[1], best[0].tsa_name) if best else {
                "ok": False, "gen_time": None, "tsa": None, "checks": []}
            obj["ok"] = ok
            obj["sha256"] = d.hex
            obj["receipts"] = [dict(verdict_json(v, r.tsa_name) if v else
                                    {"ok": False, "tsa": r.tsa_name, "checks": [], "gen_time": None},
                                    id=r.id, status=r.status, work=r.work_title, file_name=r.file_name)
                               for r, v in results]
            _print_json(obj)
        else:
            if not results:
                others = _other_versions_note(ledger, path)
                print(f"{path}: never stamped (sha256 {d.hex}).{others}")
            for r, v in results:
                label = f"{path} — receipt {r.id} from {r.tsa_name} (\u201c{r.work_title}\u201d, {r.file_name})"
                if v is None and r.status == "pending":
                    print(f"{label}: pending — not proof yet; run `proofkit sync`.")
                elif v is None:
                    print(f"{label}: failed — {r.error or 'no time stamp was received'}; not proof.")
                else:
                    _print_verdict(v, label)
        return EXIT_OK if ok else EXIT_FAILED
    finally:
        ledger.close()


def _other_versions_note(ledger, path: Path) -> str:
    try:
        same_name = [v for v in ledger.versions() if v.file_name == path.name]
    except ProofKitError:
        return ""
    if not same_name:
        return ""
    latest = same_name[-1]
    return (f" Another version of \u201c{path.name}\u201d is known: version {latest.id} of "
            f"\u201c{latest.work_title}\u201d, stamped {_iso(latest.created_at)} — this file differs from it.")


# ---------------------------------------------------------------- log / show
def cmd_log(args) -> int:
    ledger = _open_ledger(args)
    try:
        if args.work:
            w = ledger.find_work(args.work)
            if w is None:
                raise InputError(f"No work named \u201c{args.work}\u201d in the ledger.")
            versions = ledger.versions(w.id)
        else:
            versions = ledger.versions()
        if args.json:
            by_version = ledger.receipts_by_version(v.id for v in versions)
            _print_json([version_json(v, by_version[v.id]) for v in versions])
            return EXIT_OK
        if not versions:
            print("The ledger is empty: stamp a file with `proofkit stamp FILE`.")
            return EXIT_OK
        from .timeline import print_log

        print_log(ledger, versions, by_work=bool(args.work))
        return EXIT_OK
    finally:
        ledger.close()


def cmd_show(args) -> int:
    try:
        vid = int(args.id)
    except ValueError:
        raise InputError(f"'{args.id}' is not a version id (a number, as listed by `proofkit log`).") from None
    ledger = _open_ledger(args)
    try:
        v = ledger.get_version(vid)
        if v is None:
            raise InputError(f"No version {vid} in the ledger (see `proofkit log`).")
        receipts = ledger.receipts(version_id=vid)
        if args.json:
            _print_json(version_json(v, receipts))
            return EXIT_OK
        print(f"Version {v.id} of \u201c{v.work_title}\u201d: {v.file_name}")
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
    finally:
        ledger.close()


# ---------------------------------------------------------------- sync
def cmd_sync(args) -> int:
    from ..core.registry import load_registry
    from ..core.stamping import Stamper

    ledger = _open_ledger(args)
    try:
        pending = ledger.pending_receipts()
        if not pending:
            if args.json:
                _print_json([])
            else:
                print("Nothing pending.")
            return EXIT_OK
        stamper = Stamper(ledger, _verifier(args, ledger), [], timeout=_timeout(args))
        done = stamper.sync(load_registry())
        rows = [ledger.get_receipt(rid) for rid, _ in done]
        if args.json:
            _print_json([receipt_json(r) for r in rows])
        else:
            for r in rows:
                extra = f" at {_iso(r.gen_time)}" if r.status == "verified" else f": {r.error}"
                print(f"receipt {r.id} ({r.file_name}, {r.tsa_name}): {r.status}{extra}")
        if any(r.status == "pending" for r in rows):
            return EXIT_UNREACHABLE
        return EXIT_OK if all(r.status == "verified" for r in rows) else EXIT_FAILED
    finally:
        ledger.close()


# ---------------------------------------------------------------- ledger
def cmd_ledger(args) -> int:
    if args.ledger_command is None:
        raise InputError("Say what to do: `proofkit ledger check` or `proofkit ledger backup OUT`.")
    ledger = _open_ledger(args)
    try:
        if args.ledger_command == "check":
            problems = [str(p) for p in ledger.check()]
            checked = 0
            if getattr(args, "deep", False):
                from ..core.recheck import recheck_receipts

                bar = ProgressBar("re-verifying")
                try:
                    for res in recheck_receipts(ledger, _verifier(args, ledger), progress=bar.update):
                        checked += 1
                        if not res.verdict.ok:
                            problems.append(f"receipt {res.receipt.id} ({res.receipt.file_name}, "
                                            f"{res.receipt.tsa_name}) no longer verifies: {res.verdict.reason()}")
                finally:
                    bar.close()
            if not problems:
                if checked:
                    print(f"All {checked} verified receipts still verify.")
                print(f"Ledger intact: {ledger.count_receipts()} receipts, every entry chained and unchanged.")
                return EXIT_OK
            for p in problems:
                print(f"TAMPERED: {p}")
            print(f"{len(problems)} problem(s): the ledger was changed outside ProofKit.")
            return EXIT_FAILED
        out = Path(args.out)
        if out.is_dir():
            from datetime import datetime, timezone

            out = out / f"proofkit-ledger-{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}.sqlite3"
        if out.exists():
            raise InputError(f"{out}: already exists; choose a new file name.")
        ledger.backup(out)
        print(f"Backed up to {out}")
        return EXIT_OK
    finally:
        ledger.close()


# ---------------------------------------------------------------- tsa
def cmd_tsa(args) -> int:
    from ..core.registry import default_tsas, find_tsa, load_registry

    registry = load_registry()
    if args.tsa_command in (None, "list"):
        if getattr(args, "json", False):
            _print_json([{"name": t.name, "display_name": t.display_name, "url": t.url, "operator": t.operator,
                          "country": t.country, "default": t.default, "hash_algorithms": list(t.hash_algorithms),
                          "key_type": t.key_type, "qualified": t.qualified,
                          "min_interval_seconds": t.min_interval_seconds,
                          "roots": [r.sha256 for r in t.roots]} for t in registry])
            return EXIT_OK
        print(f"{'NAME':<18} {'DEFAULT':<8} {'OPERATOR':<22} {'CC':<3} URL")
        for t in registry:
            print(f"{t.name:<18} {'yes' if t.default else '':<8} {t.operator[:22]:<22} {t.country:<3} {t.url}")
        return EXIT_OK
    from ..core.hashing import hash_bytes
    from ..core.stamping import request_receipt

    tsas = [find_tsa(args.name, registry)] if args.name else default_tsas(registry)
    verifier = _verifier(args)
    code = EXIT_OK
    digest = hash_bytes(os.urandom(32))
    for t in tsas:
        a = request_receipt(t, digest, "sha256", verifier, timeout=_timeout(args), retries=0)
        if a.status == "verified":
            print(f"{t.name}: OK — verified time stamp at {_iso(a.verdict.gen_time)} ({a.verdict.anchor_text()})")
        else:
            print(f"{t.name}: {a.status.upper()} — {a.error}")
            code = max(code, EXIT_UNREACHABLE if a.status == "pending" else EXIT_FAILED)
    return code


# ---------------------------------------------------------------- export / watch (other modules)
def cmd_export(args) -> int:
    from ..bundle.export import export_cli

    return export_cli(args)


def cmd_watch(args) -> int:
    from .folders import watch_cli

    return watch_cli(args)
