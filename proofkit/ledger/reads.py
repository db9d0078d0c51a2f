"""The ledger's reads: works, versions (by digest, name, page), receipts, certificates and
events, each returned as frozen dataclasses detached from any session. A mixin of
:class:`proofkit.ledger.store.Ledger` (it uses the store's sessions)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import event, func, select

from proofkit.ledger import packing
from proofkit.ledger.models import (
    Certificate,
    Event,
    ManifestEntry,
    Receipt,
    Version,
    Work,
)
from proofkit.ledger.types import (
    CertificateRow,
    EventRow,
    ReceiptRow,
    VersionRow,
    WorkRow,
    WorkSummary,
)
from proofkit.ledger.rows import (
    _IN_CHUNK,
    _RECEIPT_SELECT,
    _aware,
    _event_row,
    _receipt_rows,
    _version_row,
    _work_row,
)


class LedgerReads:
    """Reads of a Ledger (see proofkit.ledger.store)."""

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
