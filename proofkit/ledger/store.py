"""The ledger: one SQLite file holding works, versions, receipts and certificates, plus the
append-only hash-chained ``events`` table that makes changes behind ProofKit's back visible.

Every public write is one transaction (``BEGIN IMMEDIATE``) that changes rows and appends
their events together; readers return frozen dataclasses detached from any session, so a
single :class:`Ledger` can be shared by GUI worker threads.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from proofkit.core.errors import LedgerError
from proofkit.ledger import chain, packing
from proofkit.ledger.migrations import (
    MIGRATIONS,
    Migration,
    manifest_entry_values,
    online_backup,
    prepare_database,
)
from proofkit.ledger.revocations import RevocationStore
from proofkit.ledger.models import (
    Certificate,
    Event,
    ManifestEntry,
    Meta,
    Receipt,
    Version,
    Work,
)
from proofkit.ledger.types import (
    RECEIPT_STATUSES,
    VERSION_KINDS,
    CertificateRow,
    EventRow,
    LedgerInvalidData,
    LedgerProblem,
    ReceiptData,
    ReceiptRow,
    StampRecord,
    VersionRow,
    WorkRow,
    WorkSummary,
)

_HEX = frozenset("0123456789abcdef")
_IN_CHUNK = 500  # ids per "IN (...)": far below SQLite's bound-parameter limit
_LAST_BACKUP_KEY = "last_backup_at"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(dt: datetime | None, what: str) -> datetime | None:
    if dt is None:
        return None
    if not isinstance(dt, datetime) or dt.tzinfo is None or dt.utcoffset() is None:
        raise LedgerInvalidData(f"{what} must be a timezone-aware datetime.")
    return dt.astimezone(timezone.utc)


# --------------------------------------------------------------------------- validation


def _validate_receipt(data: ReceiptData) -> dict[str, Any]:
    """Check a ReceiptData and turn it into column values. Refuses anything that could end
    up stored as proof without being one."""
    if data.status not in RECEIPT_STATUSES:
        raise LedgerInvalidData(
            f"Receipt status must be one of {', '.join(RECEIPT_STATUSES)}, not {data.status!r}."
        )
    if not data.tsa_name or not data.url:
        raise LedgerInvalidData("A receipt needs the TSA's name and URL.")
    if not data.hash_alg:
        raise LedgerInvalidData("A receipt needs its hash algorithm.")
    if data.response is not None and not isinstance(data.response, (bytes, bytearray)):
        raise LedgerInvalidData("A receipt's response must be bytes.")
    if data.nonce is not None and (isinstance(data.nonce, bool) or not isinstance(data.nonce, int)):
        raise LedgerInvalidData("A receipt's nonce must be an integer.")
    if data.serial is not None and not str(data.serial).lstrip("-").isdigit():
        raise LedgerInvalidData("A receipt's serial must be a decimal string.")
    if isinstance(data.attempts, bool) or not isinstance(data.attempts, int) or data.attempts < 0:
        raise LedgerInvalidData("A receipt's attempts must be a non-negative integer.")
    gen_time = _aware(data.gen_time, "gen_time")
    requested_at = _aware(data.requested_at, "requested_at")
    if requested_at is None:
        raise LedgerInvalidData("A receipt needs requested_at.")
    checked_at = _aware(data.checked_at, "checked_at")
    if data.status == "verified" and (not data.response or gen_time is None):
        raise LedgerInvalidData(
            "A receipt cannot be stored as verified without the TSA's response bytes and "
            "its gen_time."
        )
    checks = list(data.checks or [])
    for c in checks:
        if not isinstance(c, dict) or not isinstance(c.get("name"), str) or "ok" not in c:
            raise LedgerInvalidData("Each check must be a dict with at least 'name' and 'ok'.")
    try:
        checks_json = chain.canonical_json(checks)
    except (TypeError, ValueError) as exc:
        raise LedgerInvalidData("A receipt's checks must be plain JSON data.") from exc
    return {
        "tsa_name": data.tsa_name,
        "url": data.url,
        "nonce": None if data.nonce is None else str(data.nonce),
        "response": None if data.response is None else bytes(data.response),
        "status": data.status,
        "error": data.error,
        "gen_time": gen_time,
        "serial": None if data.serial is None else str(data.serial),
        "policy": data.policy,
        "hash_alg": data.hash_alg,
        "anchor": data.anchor,
        "checks_json": checks_json,
        "checked_at": checked_at,
        "requested_at": requested_at,
        "attempts": data.attempts,
    }


# Fields fixed once a receipt has left "pending": they are the token and what it says.
_FROZEN_AFTER_PENDING = ("nonce", "response", "requested_at")
# Fields fixed from the first write: which TSA was asked.
_FROZEN_ALWAYS = ("tsa_name", "url")


def _normalize_digest(digest_hex: str) -> str:
    d = (digest_hex or "").strip().lower()
    if not d or len(d) % 2 or not set(d) <= _HEX:
        raise LedgerInvalidData("The digest must be a non-empty hexadecimal string.")
    return d


def _cert_fields(der: bytes) -> dict[str, Any]:
    """Subject, issuer and validity of a DER certificate; None fields if it will not parse
    (we still keep the bytes we saw)."""
    out: dict[str, Any] = {"subject": None, "issuer": None, "not_before": None, "not_after": None}
    try:
        from cryptography import x509

        cert = x509.load_der_x509_certificate(der)
        out["subject"] = cert.subject.rfc4514_string()
        out["issuer"] = cert.issuer.rfc4514_string()
        out["not_before"] = cert.not_valid_before_utc
        out["not_after"] = cert.not_valid_after_utc
    except Exception:  # noqa: BLE001 - any parse failure: keep the raw bytes only
        pass
    return out


# --------------------------------------------------------------------------- row mapping


def _work_row(w: Any) -> WorkRow:
    return WorkRow(id=w.id, title=w.title, pen_name=w.pen_name, created_at=w.created_at)


def _version_row(v: Any, work_title: str) -> VersionRow:
    return VersionRow(
        id=v.id, work_id=v.work_id, work_title=work_title, kind=v.kind, file_name=v.file_name,
        path=v.path, size=v.size, hash_alg=v.hash_alg, digest_hex=v.digest_hex,
        manifest_text=v.manifest_text, created_at=v.created_at, number=v.number or 0,
    )


def _unpacked(r: Any, dicts: Any) -> tuple[bytes | None, str]:
    """(token bytes as received, checks JSON text) of a receipt row as stored."""
    response = r.response
    if response is not None and r.response_packed:
        response = packing.unpack(response, dicts)
    return response, packing.unpack_text(r.checks_json, dicts) or "[]"


def _receipt_row(
    r: Any, work_id: int, work_title: str, file_name: str, digest_hex: str, dicts: Any
) -> ReceiptRow:
    response, checks_json = _unpacked(r, dicts)
    return ReceiptRow(
        id=r.id, version_id=r.version_id, work_id=work_id, work_title=work_title,
        file_name=file_name, digest_hex=digest_hex, tsa_name=r.tsa_name, url=r.url,
        nonce=None if r.nonce is None else int(r.nonce), response=response, status=r.status,
        error=r.error, gen_time=r.gen_time, serial=r.serial, policy=r.policy,
        hash_alg=r.hash_alg, anchor=r.anchor, checks=json.loads(checks_json),
        checked_at=r.checked_at, requested_at=r.requested_at, attempts=r.attempts,
    )


def _event_row(e: Any, dicts: Any) -> EventRow:
    return EventRow(seq=e.seq, at=e.at, kind=e.kind, entity=e.entity, entity_id=e.entity_id,
                    payload=packing.unpack_text(e.payload, dicts), prev_hash=e.prev_hash,
                    hash=e.hash)


_RECEIPT_SELECT = (
    select(Receipt, Version.work_id, Work.title, Version.file_name, Version.digest_hex)
    .join(Version, Receipt.version_id == Version.id)
    .join(Work, Version.work_id == Work.id)
)


def _receipt_rows(session: Session, stmt: Any, dicts: Any) -> list[ReceiptRow]:
    return [_receipt_row(r, wid, title, fn, dg, dicts)
            for r, wid, title, fn, dg in session.execute(stmt)]


class _Dictionaries:
    """Dictionary lookups for unpacking (id -> bytes). Committed dictionaries are immutable,
    so what a read transaction loads is kept for the ledger's lifetime; what a write
    transaction loads or adds stays with it (it may still roll back)."""

    def __init__(self, session: Session, committed: dict[int, bytes] | None) -> None:
        self._session = session
        self._committed = committed

    def __call__(self, did: int) -> bytes | None:
        if self._committed is not None and did in self._committed:
            return self._committed[did]
        row = self._session.connection().exec_driver_sql(
            "SELECT data FROM dictionaries WHERE id = ?", (did,)).fetchone()
        if row is None:
            return None
        data = bytes(row[0])
        if self._committed is not None:
            self._committed[did] = data
        return data


# --------------------------------------------------------------------------- transactions


class _Tx:
    """One write transaction: the session plus the chain head, read once and advanced as
    events are appended."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._head: tuple[int, str] | None = None
        self._dicts: packing.SqlDictionaries | None = None

    @property
    def dicts(self) -> packing.SqlDictionaries:
        if self._dicts is None:
            self._dicts = packing.SqlDictionaries(
                self.session.connection().connection.dbapi_connection,
                chain.iso_utc(_now()).replace("T", " ").rstrip("Z"))
        return self._dicts

    @property
    def packer(self) -> packing.Packer:
        return packing.Packer(self.dicts)

    def stored_receipt(self, values: dict[str, Any]) -> dict[str, Any]:
        """Column values (token and checks packed) for validated receipt ``values``."""
        out = dict(values)
        out["response_packed"] = 0
        if values["response"] is not None:
            packed = self.packer.pack(packing.token_family(values["url"]), values["response"])
            if packed is not None:
                out["response"], out["response_packed"] = packed, 1
        out["checks_json"] = self.packer.pack_text(packing.FAMILY_CHECKS, values["checks_json"])
        return out

    def head(self) -> tuple[int, str]:
        if self._head is None:
            conn = self.session.connection()
            # The next seq continues sqlite_sequence (AUTOINCREMENT's high-water mark), so a
            # deleted tail of events shows as a gap instead of being silently reused.
            top = conn.execute(
                text("SELECT seq FROM sqlite_sequence WHERE name = 'events'")
            ).scalar()
            last = conn.execute(
                text("SELECT hash FROM events ORDER BY seq DESC LIMIT 1")
            ).scalar()
            self._head = (int(top or 0), last or chain.GENESIS_HASH)
        return self._head

    def append(self, kind: str, entity: str, obj: Any, state: Any = None) -> Event:
        """Append the event of ``obj``'s current state; ``state`` stands for ``obj`` with
        its values unpacked (the chain covers values as received, not as stored)."""
        assert kind in chain.EVENT_KINDS and entity in chain.ENTITIES
        if obj.id is None or obj in self.session.dirty:
            self.session.flush()  # ids assigned; the state we hash is the state we store
        last_seq, prev_hash = self.head()
        seq = last_seq + 1
        at = _now()
        if state is not None:
            state.id = obj.id
        payload = chain.payload_of(entity, state if state is not None else obj)
        ev = Event(
            seq=seq, at=at, kind=kind, entity=entity, entity_id=obj.id,
            payload=self.packer.pack_text(packing.payload_family(entity), payload),
            prev_hash=prev_hash,
            hash=chain.event_hash(seq=seq, at=at, kind=kind, entity=entity, entity_id=obj.id,
                                  prev_hash=prev_hash, payload=payload),
        )
        self.session.add(ev)  # flushed with the next flush or at commit
        self._head = (seq, ev.hash)
        return ev


class Ledger(RevocationStore):
    """See the module docstring. Open with :meth:`Ledger.open`; usable as a context manager."""

    def __init__(self, path: Path, engine: Any) -> None:
        self.path = path
        self._engine = engine
        self._read = sessionmaker(bind=engine, expire_on_commit=False)
        self._write_engine = engine.execution_options(proofkit_write=True)
        self._writes = sessionmaker(bind=self._write_engine, expire_on_commit=False)
        self._write_lock = threading.RLock()
        self._closed = False
        self._dict_cache: dict[int, bytes] = {}

    def _dicts(self, session: Session, *, committed: bool = True) -> _Dictionaries:
        return _Dictionaries(session, self._dict_cache if committed else None)

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        backups_dir: Path | None = None,
        migrations: Sequence[Migration] | None = None,
    ) -> "Ledger":
        """Open (creating folders and the file if needed) and migrate to the latest schema.

        ``migrations`` replaces the built-in list (tests register a fake future version)."""
        path = Path(path)
        if path.exists() and path.is_dir():
            raise LedgerError(f"The ledger path {path} is a folder, not a file.")
        backups = Path(backups_dir) if backups_dir is not None else path.parent / "backups"
        prepare_database(path, backups_dir=backups,
                         migrations=MIGRATIONS if migrations is None else migrations)
        engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"check_same_thread": False, "timeout": 30},
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
            # We issue BEGIN ourselves (below): the sqlite3 module's implicit transactions
            # would start reads outside any transaction and writes too late.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            # FULL, not NORMAL: in WAL mode NORMAL may lose the last committed transactions
            # on power loss. A receipt cannot be re-obtained (asking the TSA again gives a
            # different time), and we tell the user it is saved once commit returns, so we
            # pay one fsync per commit to make that true. Writes are rare; this is cheap.
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            # Writers take the write lock up front so two writers never both read the same
            # chain head; readers get a plain (snapshot) transaction.
            write = conn.get_execution_options().get("proofkit_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        ledger = cls(path, engine)
        try:
            with ledger._session() as s:  # fail now, not at first use, if unreadable
                s.execute(text("SELECT count(*) FROM events")).scalar()
        except Exception:
            engine.dispose()
            raise
        return ledger

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._engine.dispose()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _live(self) -> None:
        if self._closed:
            raise LedgerError("The ledger is closed.")

    @contextmanager
    def _session(self) -> Iterator[Session]:
        self._live()
        try:
            with self._read() as s, s.begin():
                yield s
        except SQLAlchemyError as exc:
            raise LedgerError("The ledger could not be read.", detail=str(exc)) from exc

    @contextmanager
    def _write(self) -> Iterator[_Tx]:
        self._live()
        with self._write_lock:
            try:
                with self._writes() as s, s.begin():
                    yield _Tx(s)
            except IntegrityError as exc:
                raise LedgerInvalidData(
                    "The ledger refused this change (it breaks a rule of the database); "
                    "nothing was written.", detail=str(exc.orig)
                ) from exc
            except SQLAlchemyError as exc:
                raise LedgerError(
                    "The ledger could not be written; nothing was changed.", detail=str(exc)
                ) from exc

    # ------------------------------------------------------------------ writes

    def _work(self, tx: _Tx, title: str, pen_name: str | None) -> tuple[Work, bool]:
        title = (title or "").strip()
        if not title:
            raise LedgerInvalidData("A work needs a title.")
        s = tx.session
        work = s.scalars(select(Work).where(Work.title == title)).one_or_none()
        if work is None:
            work = Work(title=title, pen_name=pen_name or None, created_at=_now())
            s.add(work)
            tx.append("work.created", chain.ENTITY_WORK, work)
            return work, True
        if pen_name and pen_name != work.pen_name:
            work.pen_name = pen_name
            tx.append("work.updated", chain.ENTITY_WORK, work)
        return work, False

    def get_or_create_work(self, title: str, *, pen_name: str | None = None) -> WorkRow:
        """The work with this title, created if new. A given ``pen_name`` that differs from
        the stored one updates it (with a "work.updated" event)."""
        with self._write() as tx:
            work, _ = self._work(tx, title, pen_name)
            return _work_row(work)

    def _add_certificates(self, tx: _Tx, ders: Iterable[bytes]) -> list[int]:
        s = tx.session
        ids: list[int] = []
        seen: set[str] = set()
        for der in ders:
            der = bytes(der)
            if not der:
                continue
            fp = hashlib.sha256(der).hexdigest()
            if fp in seen:
                continue
            seen.add(fp)
            existing = s.scalars(select(Certificate.id).where(Certificate.sha256 == fp)).first()
            if existing is not None:
                ids.append(existing)
                continue
            cert = Certificate(sha256=fp, der=der, first_seen_at=_now(), **_cert_fields(der))
            s.add(cert)
            tx.append("certificate.added", chain.ENTITY_CERTIFICATE, cert)
            ids.append(cert.id)
        return ids

    def record_stamp(
        self,
        *,
        work_title: str,
        file_name: str,
        path: str,
        size: int,
        hash_alg: str,
        digest_hex: str,
        receipts: list[ReceiptData],
        kind: str = "file",
        manifest_text: str | None = None,
        certificates: Iterable[bytes] = (),
        pen_name: str | None = None,
    ) -> StampRecord:
        """Store one stamp in ONE transaction: the work (get or create), the version (the
        latest version of this work with this file name is reused if it has the same kind
        and digest; otherwise a new version is added, so A -> B -> A shows three versions),
        every receipt and the certificates seen. Any invalid piece rolls everything back."""
        if kind not in VERSION_KINDS:
            raise LedgerInvalidData(f"A version's kind must be 'file' or 'manifest', not {kind!r}.")
        if kind == "manifest" and manifest_text is None:
            raise LedgerInvalidData("A folder manifest version needs its manifest text.")
        if kind == "file" and manifest_text is not None:
            raise LedgerInvalidData("Only a folder manifest version has manifest text.")
        if not file_name:
            raise LedgerInvalidData("A version needs a file name.")
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise LedgerInvalidData("A version's size must be a non-negative integer.")
        if not hash_alg:
            raise LedgerInvalidData("A version needs its hash algorithm.")
        digest = _normalize_digest(digest_hex)
        with self._write() as tx:
            s = tx.session
            work, new_work = self._work(tx, work_title, pen_name)
            latest = s.scalars(
                select(Version)
                .where(Version.work_id == work.id, Version.file_name == file_name)
                .order_by(Version.created_at.desc(), Version.id.desc())
                .limit(1)
            ).first()
            new_version = not (
                latest is not None
                and latest.digest_hex == digest
                and latest.hash_alg == hash_alg
                and latest.kind == kind
                and latest.manifest_text == manifest_text
            )
            if new_version:
                # the work's next number: an index lookup (work_id, number)
                last = s.scalar(select(func.max(Version.number)).where(Version.work_id == work.id))
                version = Version(
                    work_id=work.id, kind=kind, file_name=file_name, path=str(path), size=size,
                    hash_alg=hash_alg, digest_hex=digest, manifest_text=manifest_text,
                    created_at=_now(), number=(last or 0) + 1,
                )
                s.add(version)
                tx.append("version.added", chain.ENTITY_VERSION, version)
                if kind == "manifest":
                    # derived from the manifest text, in this same transaction (no events)
                    lines = manifest_entry_values(manifest_text)
                    if lines:
                        # One driver-level executemany on the session's connection (same
                        # transaction): the ORM's bulk path costs ~4x more for a 10,000-line
                        # manifest; Core's insert with parameter dictionaries took 29-32 ms
                        # where this takes 19 ms.
                        vid = version.id
                        s.connection().exec_driver_sql(
                            "INSERT INTO manifest_entries (version_id, digest_hex, rel_path) "
                            "VALUES (?, ?, ?)", [(vid, d, rel) for d, rel in lines])
            else:
                version = latest
            added = []
            states = []
            for data in receipts:
                # validated one by one inside the transaction: a bad one undoes the rest
                values = _validate_receipt(data)
                added.append(Receipt(version_id=version.id, **tx.stored_receipt(values)))
                states.append(SimpleNamespace(version_id=version.id, **values))
            s.add_all(added)
            s.flush()  # one batched INSERT for all receipts
            for receipt, state in zip(added, states):
                tx.append("receipt.added", chain.ENTITY_RECEIPT, receipt, state)
            receipt_ids = [r.id for r in added]
            cert_ids = self._add_certificates(tx, certificates)
            return StampRecord(
                work_id=work.id, version_id=version.id, receipt_ids=tuple(receipt_ids),
                certificate_ids=tuple(cert_ids), new_work=new_work, new_version=new_version,
            )

    def update_receipt(self, receipt_id: int, data: ReceiptData) -> ReceiptRow:
        """Move a receipt forward: pending -> pending (another attempt), pending ->
        verified/failed (sync), or re-verification of a verified/failed receipt (status,
        checks, anchor, checked_at...). Never back to pending, never a different TSA, and
        once out of pending the token bytes, nonce and request time are fixed. An update
        that changes nothing writes nothing."""
        values = _validate_receipt(data)
        with self._write() as tx:
            s = tx.session
            r = s.get(Receipt, receipt_id)
            if r is None:
                raise LedgerInvalidData(f"There is no receipt {receipt_id} in the ledger.")
            dicts = self._dicts(s, committed=False)
            response, checks_json = _unpacked(r, dicts)
            # the receipt as received and recorded (what its events hash), beside the row
            old = SimpleNamespace(**{name: getattr(r, name) for name in values},
                                  id=r.id, version_id=r.version_id)
            old.response, old.checks_json = response, checks_json
            frozen = list(_FROZEN_ALWAYS)
            if r.status != "pending":
                if values["status"] == "pending":
                    raise LedgerInvalidData(
                        f"Receipt {receipt_id} is {r.status}; it cannot go back to pending."
                    )
                frozen += _FROZEN_AFTER_PENDING
            for name in frozen:
                if getattr(old, name) != values[name]:
                    raise LedgerInvalidData(
                        f"Receipt {receipt_id}'s {name} cannot change once recorded."
                    )
            if values["attempts"] < r.attempts:
                raise LedgerInvalidData(f"Receipt {receipt_id}'s attempts cannot go down.")
            changed = [name for name, new in values.items() if getattr(old, name) != new]
            if changed:
                stored = tx.stored_receipt(values)
                for name in changed:
                    setattr(r, name, stored[name])
                    if name == "response":
                        r.response_packed = stored["response_packed"]
                new_state = SimpleNamespace(**values, version_id=r.version_id)
                tx.append("receipt.updated", chain.ENTITY_RECEIPT, r, new_state)
            v = s.get(Version, r.version_id)
            w = s.get(Work, v.work_id)
            return _receipt_row(r, w.id, w.title, v.file_name, v.digest_hex, dicts)

    def add_certificates(self, ders: Iterable[bytes]) -> None:
        with self._write() as tx:
            self._add_certificates(tx, ders)

    # ------------------------------------------------------------------ reads

    def works(self) -> list[WorkRow]:
        with self._session() as s:
            return [_work_row(w) for w in s.scalars(select(Work).order_by(Work.id))]

    def work_summaries(self) -> list[WorkSummary]:
        """Every work with its drafts' count, first and latest stamp and receipts by status,
        in three grouped queries (a library of 100,000 receipts reads in tens of ms)."""
        with self._session() as s:
            works = {w.id: _work_row(w) for w in s.scalars(select(Work).order_by(Work.id))}
            drafts = {wid: (n, first, latest, last_id) for wid, n, first, latest, last_id in s.execute(
                select(Version.work_id, func.count(), func.min(Version.created_at),
                       func.max(Version.created_at), func.max(Version.id)).group_by(Version.work_id))}
            counts: dict[int, dict[str, int]] = {}
            for wid, status, n in s.execute(
                    select(Version.work_id, Receipt.status, func.count())
                    .join(Version, Receipt.version_id == Version.id)
                    .group_by(Version.work_id, Receipt.status)):
                counts.setdefault(wid, {})[status] = n
            last_ids = sorted(d[3] for d in drafts.values())
            latest: dict[int, tuple[str, str]] = {}
            for i in range(0, len(last_ids), _IN_CHUNK):
                for vid, kind, name in s.execute(select(Version.id, Version.kind, Version.file_name)
                                                 .where(Version.id.in_(last_ids[i:i + _IN_CHUNK]))):
                    latest[vid] = (kind, name)
        out = []
        for wid, w in works.items():
            n, first, last, last_id = drafts.get(wid, (0, None, None, None))
            kind, name = latest.get(last_id, ("file", ""))
            c = counts.get(wid, {})
            out.append(WorkSummary(w, n, first, last, kind, name, c.get("verified", 0),
                                   c.get("pending", 0), c.get("failed", 0)))
        return out

    def find_work(self, title: str) -> WorkRow | None:
        with self._session() as s:
            w = s.scalars(select(Work).where(Work.title == (title or "").strip())).first()
            return None if w is None else _work_row(w)

    def _versions(self, where: Any) -> list[VersionRow]:
        stmt = select(Version, Work.title).join(Work, Version.work_id == Work.id)
        if where is not None:
            stmt = stmt.where(where)
        stmt = stmt.order_by(Version.created_at, Version.id)
        with self._session() as s:
            return [_version_row(v, t) for v, t in s.execute(stmt)]

    def versions(self, work_id: int | None = None) -> list[VersionRow]:
        """Versions (of one work, or all), oldest first (created_at, then id)."""
        return self._versions(None if work_id is None else Version.work_id == work_id)

    def versions_by_digest(self, digest_hex: str) -> list[VersionRow]:
        return self._versions(Version.digest_hex == (digest_hex or "").strip().lower())

    def versions_by_file_name(self, file_name: str) -> list[VersionRow]:
        """Versions stamped under this file name (any work), oldest first: an index lookup,
        so "another version of this file is known" costs the same whatever the ledger's size."""
        return self._versions(Version.file_name == file_name)

    def _version_filter(self, stmt: Any, work_id: int | None, since: datetime | None) -> Any:
        if work_id is not None:
            stmt = stmt.where(Version.work_id == work_id)
        if since is not None:
            stmt = stmt.where(Version.created_at >= _aware(since, "since"))
        return stmt

    def versions_page(
        self,
        *,
        limit: int | None = 50,
        work_id: int | None = None,
        since: datetime | None = None,
        before: tuple[datetime, int] | None = None,
        oldest_first: bool = False,
    ) -> list[VersionRow]:
        """One page of versions, NEWEST first (created_at, then id, descending; or oldest
        first): at most ``limit`` (None = all), of one work or all, added at or after
        ``since``, past the ``before`` cursor — ``(created_at, id)`` of the last row of the
        previous page (older than it, or newer when ``oldest_first``). Walks the created_at
        index, so the first page of a million-version ledger reads about ``limit`` rows."""
        stmt = self._version_filter(
            select(Version, Work.title).join(Work, Version.work_id == Work.id), work_id, since)
        if before is not None:
            at, vid = before
            at = _aware(at, "before")
            if oldest_first:
                stmt = stmt.where((Version.created_at > at)
                                  | ((Version.created_at == at) & (Version.id > vid)))
            else:
                stmt = stmt.where((Version.created_at < at)
                                  | ((Version.created_at == at) & (Version.id < vid)))
        if oldest_first:
            stmt = stmt.order_by(Version.created_at, Version.id)
        else:
            stmt = stmt.order_by(Version.created_at.desc(), Version.id.desc())
        if limit is not None:
            stmt = stmt.limit(limit)
        with self._session() as s:
            return [_version_row(v, t) for v, t in s.execute(stmt)]

    def iter_versions(
        self,
        *,
        work_id: int | None = None,
        since: datetime | None = None,
        page: int = 1000,
        oldest_first: bool = False,
    ) -> Iterator[list[VersionRow]]:
        """Every matching version, newest (or oldest) first, as successive pages of ``page``
        rows, each read in its own short transaction, so a writer is never held up for long
        and memory stays bounded. Keyset paging: no row shows twice, and a version added
        meanwhile is skipped newest first (it is newer than the cursor) and listed last
        oldest first."""
        before: tuple[datetime, int] | None = None
        while True:
            rows = self.versions_page(limit=page, work_id=work_id, since=since, before=before,
                                      oldest_first=oldest_first)
            if not rows:
                return
            yield rows
            if len(rows) < page:
                return
            before = (rows[-1].created_at, rows[-1].id)

    def count_versions(self, *, work_id: int | None = None, since: datetime | None = None) -> int:
        """How many versions (of one work, added since...) — an index count."""
        stmt = self._version_filter(select(func.count()).select_from(Version), work_id, since)
        with self._session() as s:
            return int(s.execute(stmt).scalar_one())

    @contextmanager
    def recording_queries(self) -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
        """Collects (sql, parameters) of every statement run meanwhile; with
        :meth:`query_plan`, how tests check that a lookup goes through an index."""
        seen: list[tuple[str, tuple[Any, ...]]] = []

        def record(_conn: Any, _cur: Any, sql: str, params: Any, _ctx: Any, many: bool) -> None:
            if not many and sql.lstrip().upper().startswith("SELECT"):
                seen.append((sql, tuple(params or ())))

        event.listen(self._engine, "before_cursor_execute", record)
        try:
            yield seen
        finally:
            event.remove(self._engine, "before_cursor_execute", record)

    def query_plan(self, sql: str, params: Sequence[Any] = ()) -> list[str]:
        """SQLite's EXPLAIN QUERY PLAN lines for ``sql`` ("SEARCH ... USING INDEX ...",
        "SCAN ...")."""
        with self._session() as s:
            rows = s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql, tuple(params))
            return [str(r[-1]) for r in rows]

    def manifest_entries_for_digest(self, digest_hex: str) -> list[tuple[VersionRow, str]]:
        """Folder-manifest versions that list a file with this digest, each with the
        relative path the manifest gives it (one pair per listing line), oldest first.

        An index lookup in ``manifest_entries``; each version is then read once, however
        many of its lines match."""
        digest = (digest_hex or "").strip().lower()
        if not digest:
            return []
        with self._session() as s:
            pairs = s.execute(
                select(ManifestEntry.version_id, ManifestEntry.rel_path)
                .join(Version, ManifestEntry.version_id == Version.id)
                .where(ManifestEntry.digest_hex == digest, Version.kind == "manifest")
                .order_by(Version.created_at, Version.id, ManifestEntry.id)
            ).all()
            ids = sorted({vid for vid, _ in pairs})
            rows: dict[int, VersionRow] = {}
            for i in range(0, len(ids), _IN_CHUNK):
                stmt = (select(Version, Work.title).join(Work, Version.work_id == Work.id)
                        .where(Version.id.in_(ids[i:i + _IN_CHUNK])))
                rows.update((v.id, _version_row(v, t)) for v, t in s.execute(stmt))
        return [(rows[vid], rel) for vid, rel in pairs]

    # ------------------------------------------------------------------ model fingerprints

    def add_fingerprint(self, version_id: int, sha256_hex: str, doc: bytes,
                        tensor_hashes: Iterable[str]) -> int:
        """Keep a stamped model's fingerprint document (its canonical JSON bytes, whose
        SHA-256 the version's manifest lists) and index its per-tensor hashes; one
        transaction. Returns the fingerprint's id."""
        digest = _normalize_digest(sha256_hex)
        if hashlib.sha256(doc).hexdigest() != digest:
            raise LedgerInvalidData("A model fingerprint's bytes do not match its SHA-256.")
        hashes = sorted({_normalize_digest(h) for h in tensor_hashes})
        with self._write() as tx:
            s = tx.session
            if s.get(Version, version_id) is None:
                raise LedgerInvalidData(f"No version {version_id} to attach a fingerprint to.")
            conn = s.connection()
            cur = conn.exec_driver_sql(
                "INSERT INTO model_fingerprints (version_id, sha256, doc, created_at) VALUES (?, ?, ?, ?)",
                (version_id, digest, doc, _now().isoformat(sep=" ")))
            fid = cur.lastrowid
            conn.exec_driver_sql("INSERT INTO fingerprint_tensors (fingerprint_id, hash) VALUES (?, ?)",
                                 [(fid, h) for h in hashes])
            return int(fid)

    def fingerprinted_version_ids(self) -> set[int]:
        """The versions stamped with a model fingerprint (one query, no documents read)."""
        with self._session() as s:
            rows = s.connection().exec_driver_sql("SELECT DISTINCT version_id FROM model_fingerprints").all()
        return {int(r[0]) for r in rows}

    def fingerprints_for_version(self, version_id: int) -> list[tuple[int, str, bytes]]:
        """(id, sha256, document bytes) of the fingerprints kept for a version."""
        with self._session() as s:
            rows = s.connection().exec_driver_sql(
                "SELECT id, sha256, doc FROM model_fingerprints WHERE version_id = ? ORDER BY id",
                (version_id,)).all()
        return [(int(i), h, bytes(d)) for i, h, d in rows]

    def fingerprint_matches(self, tensor_hashes: Iterable[str]) -> list[tuple[int, int, int]]:
        """(fingerprint id, version id, how many of the given hashes it indexes), most
        first: the stamped models sharing tensors with a suspect."""
        hashes = sorted({(h or "").strip().lower() for h in tensor_hashes if h})
        counts: dict[tuple[int, int], int] = {}
        with self._session() as s:
            conn = s.connection()
            for i in range(0, len(hashes), _IN_CHUNK):
                part = hashes[i:i + _IN_CHUNK]
                marks = ",".join("?" * len(part))
                for fid, vid, n in conn.exec_driver_sql(
                        "SELECT t.fingerprint_id, f.version_id, count(DISTINCT t.hash) "
                        "FROM fingerprint_tensors t JOIN model_fingerprints f ON f.id = t.fingerprint_id "
                        f"WHERE t.hash IN ({marks}) GROUP BY t.fingerprint_id", tuple(part)):
                    counts[(int(fid), int(vid))] = counts.get((int(fid), int(vid)), 0) + int(n)
        return sorted(((f, v, n) for (f, v), n in counts.items()), key=lambda x: (-x[2], x[0]))

    def get_fingerprint(self, fingerprint_id: int) -> tuple[int, str, bytes] | None:
        """(version id, sha256, document bytes) of one kept fingerprint."""
        with self._session() as s:
            row = s.connection().exec_driver_sql(
                "SELECT version_id, sha256, doc FROM model_fingerprints WHERE id = ?",
                (fingerprint_id,)).first()
        return None if row is None else (int(row[0]), row[1], bytes(row[2]))

    def add_text_identities(self, version_id: int, rows: Iterable[tuple[str, str, int]]) -> None:
        """Record the normalised-text identity of a stamped version's manuscript files:
        (rel_path, '' for a single file; normalised SHA-256; normalised characters). One
        transaction; a row already recorded for that version and file is not added again."""
        rows = [(rel, _normalize_digest(sha), int(n)) for rel, sha, n in rows]
        if not rows:
            return
        with self._write() as tx:
            s = tx.session
            if s.get(Version, version_id) is None:
                raise LedgerInvalidData(f"No version {version_id} to attach a text identity to.")
            conn = s.connection()
            have = {r[0] for r in conn.exec_driver_sql(
                "SELECT rel_path FROM text_identities WHERE version_id = ?", (version_id,))}
            new = [(version_id, rel, sha, n) for rel, sha, n in rows if rel not in have]
            if new:
                conn.exec_driver_sql(
                    "INSERT INTO text_identities (version_id, rel_path, normalised_sha256, chars) "
                    "VALUES (?, ?, ?, ?)", new)

    def text_identities(self, version_id: int) -> list[tuple[str, str, int]]:
        """(rel_path, normalised SHA-256, characters) recorded for a version."""
        with self._session() as s:
            rows = s.connection().exec_driver_sql(
                "SELECT rel_path, normalised_sha256, chars FROM text_identities WHERE version_id = ? "
                "ORDER BY id", (version_id,)).all()
        return [(r, h, int(n)) for r, h, n in rows]

    def versions_by_text_identity(self, normalised_sha256: str) -> list[tuple[VersionRow, str]]:
        """Every stamped version holding a manuscript with this normalised text (whatever its
        format or encoding), oldest first, with the file's place in it ('' for a single file)."""
        digest = _normalize_digest(normalised_sha256)
        with self._session() as s:
            hits = s.connection().exec_driver_sql(
                "SELECT version_id, rel_path FROM text_identities WHERE normalised_sha256 = ? ORDER BY id",
                (digest,)).all()
        out = []
        for vid, rel in hits:
            v = self.get_version(int(vid))
            if v is not None:
                out.append((v, rel))
        out.sort(key=lambda t: (t[0].created_at, t[0].id))
        return out

    def get_version(self, version_id: int) -> VersionRow | None:
        rows = self._versions(Version.id == version_id)
        return rows[0] if rows else None

    def receipts(
        self,
        *,
        version_id: int | None = None,
        status: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
        after_id: int | None = None,
        upto_id: int | None = None,
    ) -> list[ReceiptRow]:
        """Receipts with their version's work title, file name and digest, in insertion
        order (``newest_first`` reverses it); ``limit``/``offset`` page through them, and
        ``after_id < id <= upto_id`` bounds them (keyset paging: a page deep into a big
        ledger costs what the first one does, where an offset is counted row by row)."""
        stmt = _RECEIPT_SELECT
        if version_id is not None:
            stmt = stmt.where(Receipt.version_id == version_id)
        if status is not None:
            stmt = stmt.where(Receipt.status == status)
        if after_id is not None:
            stmt = stmt.where(Receipt.id > after_id)
        if upto_id is not None:
            stmt = stmt.where(Receipt.id <= upto_id)
        stmt = stmt.order_by(Receipt.id.desc() if newest_first else Receipt.id)
        if limit is not None:
            stmt = stmt.limit(limit)
        if offset:
            stmt = stmt.offset(offset)
        with self._session() as s:
            return _receipt_rows(s, stmt, self._dicts(s))

    def receipts_by_version(self, version_ids: Iterable[int]) -> dict[int, list[ReceiptRow]]:
        """The receipts of several versions in a few queries (not one per version), grouped
        by version id in insertion order; a version with none maps to an empty list."""
        ids = sorted(set(version_ids))
        out: dict[int, list[ReceiptRow]] = {i: [] for i in ids}
        with self._session() as s:
            for i in range(0, len(ids), _IN_CHUNK):
                stmt = (_RECEIPT_SELECT.where(Receipt.version_id.in_(ids[i:i + _IN_CHUNK]))
                        .order_by(Receipt.id))
                for r in _receipt_rows(s, stmt, self._dicts(s)):
                    out[r.version_id].append(r)
        return out

    def receipts_for_digest(self, digest_hex: str) -> list[ReceiptRow]:
        stmt = _RECEIPT_SELECT.where(
            Version.digest_hex == (digest_hex or "").strip().lower()
        ).order_by(Receipt.id)
        with self._session() as s:
            return _receipt_rows(s, stmt, self._dicts(s))

    def token_index(self) -> list[tuple[int, str]]:
        """(receipt id, digest hex) of every receipt holding a TSA response, by id: light
        enough to list on every mirror copy (the responses themselves: :meth:`responses`)."""
        stmt = (select(Receipt.id, Version.digest_hex)
                .join(Version, Receipt.version_id == Version.id)
                .where(Receipt.response.is_not(None)).order_by(Receipt.id))
        with self._session() as s:
            return [(int(i), d) for i, d in s.execute(stmt)]

    def responses(self, receipt_ids: Iterable[int]) -> dict[int, bytes]:
        """The TSA responses of these receipts (exactly as received), by receipt id."""
        ids = sorted(set(receipt_ids))
        out: dict[int, bytes] = {}
        with self._session() as s:
            for i in range(0, len(ids), _IN_CHUNK):
                stmt = select(Receipt.id, Receipt.response, Receipt.response_packed).where(
                    Receipt.id.in_(ids[i:i + _IN_CHUNK]), Receipt.response.is_not(None))
                dicts = self._dicts(s)
                out.update((int(rid), packing.unpack(resp, dicts) if packed else bytes(resp))
                           for rid, resp, packed in s.execute(stmt))
        return out

    def verified_responses(self, chunk: int = 2000) -> Iterator[tuple[int, bytes]]:
        """(receipt id, TSA response) of every verified receipt, by id, read in chunks (a
        renewal of 100,000 receipts never holds them all at once)."""
        last = 0
        while True:
            stmt = (select(Receipt.id, Receipt.response, Receipt.response_packed)
                    .where(Receipt.status == "verified", Receipt.id > last)
                    .order_by(Receipt.id).limit(chunk))
            with self._session() as s:
                dicts = self._dicts(s)
                rows = [(int(i), packing.unpack(r, dicts) if packed else bytes(r))
                        for i, r, packed in s.execute(stmt)]
            if not rows:
                return
            yield from rows
            last = rows[-1][0]

    def event_at(self, seq: int) -> EventRow | None:
        with self._session() as s:
            e = s.get(Event, seq)
            return None if e is None else _event_row(e, self._dicts(s))

    def pending_receipts(self) -> list[ReceiptRow]:
        return self.receipts(status="pending")

    def get_receipt(self, receipt_id: int) -> ReceiptRow | None:
        with self._session() as s:
            rows = _receipt_rows(s, _RECEIPT_SELECT.where(Receipt.id == receipt_id),
                                 self._dicts(s))
        return rows[0] if rows else None

    def count_receipts(self, *, status: str | None = None) -> int:
        stmt = select(func.count()).select_from(Receipt)
        if status is not None:
            stmt = stmt.where(Receipt.status == status)
        with self._session() as s:
            return int(s.execute(stmt).scalar_one())

    def certificates(self) -> list[bytes]:
        with self._session() as s:
            return list(s.scalars(select(Certificate.der).order_by(Certificate.id)))

    def certificate_rows(self) -> list[CertificateRow]:
        with self._session() as s:
            return [
                CertificateRow(id=c.id, sha256=c.sha256, subject=c.subject, issuer=c.issuer,
                               not_before=c.not_before, not_after=c.not_after, der=c.der)
                for c in s.scalars(select(Certificate).order_by(Certificate.id))
            ]

    def events_for(self, entity: str, entity_id: int) -> list[EventRow]:
        """The events of one entity ("work", "version", "receipt", "certificate"), oldest
        first: their ``hash`` values are what an evidence bundle can quote."""
        with self._session() as s:
            stmt = (select(Event).where(Event.entity == entity, Event.entity_id == entity_id)
                    .order_by(Event.seq))
            return [_event_row(e, self._dicts(s)) for e in s.scalars(stmt)]

    def head(self) -> EventRow | None:
        """The latest event (its hash commits to the whole history)."""
        with self._session() as s:
            e = s.scalars(select(Event).order_by(Event.seq.desc()).limit(1)).first()
            return None if e is None else _event_row(e, self._dicts(s))

    def count_events(self) -> int:
        with self._session() as s:
            return int(s.execute(select(func.count()).select_from(Event)).scalar_one())

    # ------------------------------------------------------------------ integrity

    def check(self) -> list[LedgerProblem]:
        """Verify the hash chain, that every row matches its latest event, and that each
        folder manifest's ``manifest_entries`` are exactly the lines its text lists. Empty
        list = intact. Reads one consistent snapshot; writes nothing (see integrity.py)."""
        from proofkit.ledger.integrity import check_connection  # only `ledger check` needs it

        with self._session() as s:
            return check_connection(s.connection().connection.dbapi_connection)

    # ------------------------------------------------------------------ backup

    def backup(self, out: Path) -> Path:
        """Copy the whole ledger to ``out`` with SQLite's online backup API (consistent even
        while others write; ``out`` appears only when complete) and record the time."""
        self._live()
        out = Path(out)
        if out.resolve() == self.path.resolve():
            raise LedgerError("A backup cannot overwrite the ledger itself.")
        src = sqlite3.connect(self.path, timeout=30)
        try:
            online_backup(src, out)
        except (sqlite3.Error, OSError) as exc:
            raise LedgerError(f"The ledger could not be backed up to {out}.",
                              detail=str(exc)) from exc
        finally:
            src.close()
        with self._write() as tx:
            tx.session.merge(Meta(key=_LAST_BACKUP_KEY, value=chain.iso_utc(_now())))
        return out

    def last_backup_at(self) -> datetime | None:
        with self._session() as s:
            value = s.get(Meta, _LAST_BACKUP_KEY)
            if value is None:
                return None
            return datetime.strptime(value.value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
                tzinfo=timezone.utc)


__all__ = ["Ledger"]
