"""The ledger: one SQLite file holding works, versions, receipts and certificates, plus the
append-only hash-chained ``events`` table that makes changes behind ProofKit's back visible.

Every public write is one transaction (``BEGIN IMMEDIATE``) that changes rows and appends
their events together; readers return frozen dataclasses detached from any session, so a
single :class:`Ledger` can be shared by GUI worker threads.
"""

from __future__ import annotations

import hashlib
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
from proofkit.ledger.renewals import RenewalStore
from proofkit.ledger.models import (
    Certificate,
    Event,
    Meta,
    Receipt,
    Version,
    Work,
)
from proofkit.ledger.types import (
    VERSION_KINDS,
    LedgerInvalidData,
    LedgerProblem,
    ReceiptData,
    ReceiptRow,
    StampRecord,
    WorkRow,
)
from proofkit.ledger.rows import (
    _Dictionaries,
    _FROZEN_AFTER_PENDING,
    _FROZEN_ALWAYS,
    _LAST_BACKUP_KEY,
    _cert_fields,
    _normalize_digest,
    _now,
    _receipt_row,
    _unpacked,
    _validate_receipt,
    _work_row,
)
from proofkit.ledger.identities import ContentIndexes
from proofkit.ledger.reads import LedgerReads


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


class Ledger(LedgerReads, ContentIndexes, RevocationStore, RenewalStore):
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

    def check(self) -> list[LedgerProblem]:
        """Verify the hash chain, that every row matches its latest event, and that each
        folder manifest's ``manifest_entries`` are exactly the lines its text lists. Empty
        list = intact. Reads one consistent snapshot; writes nothing (see integrity.py)."""
        from proofkit.ledger.integrity import check_connection  # only `ledger check` needs it

        with self._session() as s:
            return check_connection(s.connection().connection.dbapi_connection, self.path)

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
