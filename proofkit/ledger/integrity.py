"""Ledger integrity: the check behind ``proofkit ledger check``.

It reads the SQLite file raw (no ORM type processing, lenient text decoding), so a value
mangled behind ProofKit's back becomes a reported problem rather than an exception:
- the event hash chain (contiguous seqs from 1, each linked to the previous hash, each hash
  recomputed; deleted tail events found through SQLite's autoincrement counter);
- every work, version, receipt and certificate row against the payload of its latest event
  (edited, inserted or deleted rows);
- each folder manifest's index rows against its manifest text;
- SQLite's own quick_check and the append-only guard triggers.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from json.encoder import encode_basestring_ascii as _json_str  # type: ignore[attr-defined]
from types import SimpleNamespace
from typing import Any

from sqlalchemy import LargeBinary

from proofkit.ledger import chain, packing, table_checks
from proofkit.ledger.migrations import GUARD_TRIGGERS
from proofkit.ledger.models import (
    Certificate,
    Receipt,
    RenewalBatch,
    RevocationEvidence,
    UTCDateTime,
    Version,
    Work,
)
from proofkit.ledger.stored_payloads import Slow, fast_payload
from proofkit.ledger.types import LedgerProblem

_DB_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}")
_HASH_HEAD = "[" + _json_str(chain.HASH_DOMAIN) + ","

_MODEL_OF = {
    chain.ENTITY_WORK: Work,
    chain.ENTITY_VERSION: Version,
    chain.ENTITY_RECEIPT: Receipt,
    chain.ENTITY_CERTIFICATE: Certificate,
    chain.ENTITY_REVOCATION: RevocationEvidence,
    chain.ENTITY_RENEWAL: RenewalBatch,
}


def _parse_db_datetime(value: Any) -> datetime | None:
    """A DATETIME column as SQLAlchemy stores it on SQLite (naive UTC text)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    return datetime.fromisoformat(value).replace(tzinfo=timezone.utc)


def _as_recorded(model: Any, stored: dict[str, Any], dicts: Any) -> SimpleNamespace:
    """A row's values as the chain recorded them: dates parsed, packed values unpacked; a
    value that will not parse or unpack, or bytes where text belongs (and the reverse), is
    left unreadable so computing its payload fails and is reported."""
    row = dict(stored)
    for c in model.__table__.columns:
        if isinstance(c.type, UTCDateTime):
            try:
                row[c.name] = _parse_db_datetime(row[c.name])
            except ValueError:
                row[c.name] = _Unreadable(c.name)
    if model.__tablename__ == "receipts":
        try:
            if row["response"] is not None and row["response_packed"]:
                row["response"] = packing.unpack(row["response"], dicts)
        except packing.PackedValueError:
            row["response"] = _Unreadable("response")
        try:
            row["checks_json"] = packing.unpack_text(row["checks_json"], dicts)
        except packing.PackedValueError:
            row["checks_json"] = _Unreadable("checks_json")
    for c in model.__table__.columns:
        if isinstance(c.type, LargeBinary) and row[c.name] is not None \
                and not isinstance(row[c.name], bytes):
            row[c.name] = _Unreadable(c.name)
    return SimpleNamespace(**row)


def _dictionaries(raw: sqlite3.Connection) -> dict[int, bytes]:
    """The dictionaries of packed values, all read at once (a few dozen rows of at most
    16 KB): a plain dict, so unpacking a million values looks each one up in C. A value of
    the wrong type is left out (what it packed then does not unpack: reported)."""
    return {did: data for did, data in raw.execute("SELECT id, data FROM dictionaries")
            if type(did) is int and type(data) is bytes}


class _Latest:
    """Per entity, the seq and a keyed digest (an int) of the payload of its latest event:
    16 bytes per entity where the payloads themselves would take gigabytes at a million
    receipts. Ids are dense, so arrays; any id out of range (mangled) goes to a dict."""

    def __init__(self, size: int) -> None:
        self.size = size + 1
        self.seq = array("q", bytes(8 * self.size))
        self.digest = array("q", bytes(8 * self.size))
        self.other: dict[int, tuple[int, int]] = {}

    def set(self, entity_id: int, seq: int, digest: int) -> None:
        if 0 <= entity_id < self.size:
            self.seq[entity_id] = seq
            self.digest[entity_id] = digest
        else:
            self.other[entity_id] = (seq, digest)

    def pop(self, entity_id: Any) -> tuple[int, int] | None:
        if isinstance(entity_id, int) and 0 <= entity_id < self.size:
            seq = self.seq[entity_id]
            if seq <= 0:
                return None
            self.seq[entity_id] = 0
            return seq, self.digest[entity_id]
        return self.other.pop(entity_id, None)

    def left(self) -> Iterator[tuple[int, int]]:
        """(entity_id, seq) of what was never popped."""
        for entity_id, seq in enumerate(self.seq):
            if seq > 0:
                yield entity_id, seq
        for entity_id, (seq, _digest) in self.other.items():
            yield entity_id, seq


class _Unreadable:
    """Stands for a stored value of the wrong kind; any use in a payload raises."""

    def __init__(self, column: str) -> None:
        self.column = column

    def __getattr__(self, name: str) -> Any:
        raise ValueError(f"{self.column} holds a value of the wrong type")

    def __len__(self) -> int:
        raise ValueError(f"{self.column} holds a value of the wrong type")


def check_connection(raw: sqlite3.Connection, path: Any = None) -> list[LedgerProblem]:
    """See :func:`_check`. Text is read with SQLite's own UTF-8 decoding (fast); should a
    value turn out not to be UTF-8 (mangled behind our back), the check starts again with a
    lenient decoding that lets it be reported instead of stopping the read.

    With ``path`` (the ledger file) and a ledger of at least ``SPLIT_FROM`` events on a
    machine of two cores or more, two processes walk the events and read the rows, half each,
    while this one runs the other checks (check_split.py); whatever stops that (a snapshot
    that moved, a value that needs the lenient reading) leaves the decision to the
    one-process check."""
    if path is not None:
        from .check_split import start_two_processes

        started = start_two_processes(raw, path)
        if started is not None:
            try:
                return _check(raw, lenient=False, passes=started.result)
            except (_NotUtf8, _SplitFailed):
                pass
            finally:
                started.close()  # ends the workers if _check stopped before asking
    try:
        return _check(raw, lenient=False)
    except _NotUtf8:
        return _check(raw, lenient=True)


class _SplitFailed(Exception):
    """The two-process passes could not be used: the one-process check decides."""


class _NotUtf8(Exception):
    pass


SPLIT_FROM = 200_000  # events: below, starting two processes (~0.4 s each) costs more than it saves


@dataclass
class ChainPass:
    """What the walk of the events found: its problems, and per entity the seq and payload
    digest of each entity's latest event."""

    problems: list[LedgerProblem]
    latest: dict[str, _Latest]
    last_seq: int


@dataclass
class RowDigests:
    """One table read row by row: each row's id and the digest of its payload as the chain
    would record it now (0 and a sentence in ``unreadable`` for a value that will not read)."""

    ids: array = field(default_factory=lambda: array("q"))
    digests: array = field(default_factory=lambda: array("q"))
    unreadable: dict[Any, str] = field(default_factory=dict)
    odd_ids: list[tuple[Any, int]] = field(default_factory=list)  # (id, digest): an id not an integer

    def __iter__(self) -> Iterator[tuple[Any, int]]:
        yield from zip(self.ids, self.digests)
        yield from self.odd_ids


def chain_pass(raw: sqlite3.Connection, after: int | None = None,
               upto: int | None = None) -> ChainPass:
    """The walk of the events (only after < seq <= upto if given: see _check_chain)."""
    problems: list[LedgerProblem] = []
    latest, last_seq = _check_chain(raw, lambda m, **w: problems.append(LedgerProblem(m, **w)),
                                    _dictionaries(raw), after, upto)
    return ChainPass(problems, latest, last_seq)


def joined_chain_passes(first: ChainPass, then: ChainPass) -> ChainPass:
    """Two walks of consecutive seq ranges (``then`` started where ``first`` stopped) as one:
    the later walk's latest event of an entity wins."""
    import numpy as np

    for entity, later in then.latest.items():
        mine = first.latest[entity]
        if mine.size != later.size:
            raise ValueError("the two walks saw different ledgers")
        seq, digest = np.frombuffer(mine.seq, np.int64), np.frombuffer(mine.digest, np.int64)
        later_seq = np.frombuffer(later.seq, np.int64)
        there = later_seq > 0
        seq[there] = later_seq[there]
        digest[there] = np.frombuffer(later.digest, np.int64)[there]
        mine.other.update(later.other)
    return ChainPass(first.problems + then.problems, first.latest, then.last_seq)


def joined_row_digests(parts: list[dict[str, RowDigests]]) -> dict[str, RowDigests]:
    """The parts of a row pass (rows_pass with part (k, n), in k order) as one pass."""
    out: dict[str, RowDigests] = {}
    for part in parts:
        for entity, found in part.items():
            whole = out.setdefault(entity, RowDigests())
            whole.ids.extend(found.ids)
            whole.digests.extend(found.digests)
            whole.unreadable.update(found.unreadable)
            whole.odd_ids.extend(found.odd_ids)
    return out


def rows_pass(raw: sqlite3.Connection, part: tuple[int, int] = (0, 1)) -> dict[str, RowDigests]:
    """Every row of every chained table, as the digest of the payload the chain would record
    for it now: the fast payload for the million-row tables, the general one otherwise and
    for anything the fast one does not handle.

    ``part`` = (k, n): only the k-th of n consecutive id ranges of each table (ids are
    rowids: integers); the parts' digests, concatenated in order, are the whole pass.

    The digest is Python's string hash: SipHash keyed at random for each process (both
    passes share the key: one process, or two started with the same secret seed), several
    times cheaper than a cryptographic hash here. To pass a changed row off as unchanged
    one would need a second preimage of a 64-bit keyed hash whose key one does not know."""
    dicts = _dictionaries(raw)
    out: dict[str, RowDigests] = {}
    k, n = part
    for entity, model in _MODEL_OF.items():
        state = chain.STATE_OF[entity]
        names = [c.name for c in model.__table__.columns]
        fast, id_at = fast_payload(entity, names, dicts), names.index("id")
        rows = out[entity] = RowDigests()
        where, args = "", []
        if n > 1:
            (top,) = raw.execute(f"SELECT max(id) FROM {model.__tablename__}").fetchone()
            top = top if type(top) is int else 0
            bounds = [None] + [top * i // n for i in range(1, n)] + [None]
            lo, hi = bounds[k], bounds[k + 1]
            where = " AND ".join(c for c in ("id > ?" if lo is not None else "",
                                               "id <= ?" if hi is not None else "") if c)
            args = [b for b in (lo, hi) if b is not None]
            where = f" WHERE {where}" if where else ""
        cur = raw.execute(f"SELECT {', '.join(names)} FROM {model.__tablename__}{where} "
                          "ORDER BY id", args)
        for values in cur:
            digest = None
            if fast is not None:
                try:
                    digest = hash(fast(values))
                except (Slow, packing.PackedValueError, UnicodeError):
                    pass
            row_id = values[id_at]
            if digest is None:
                try:
                    stored = dict(zip(names, values))
                    digest = hash(chain.canonical_json(state(_as_recorded(model, stored, dicts))))
                except Exception as exc:  # noqa: BLE001 - a mangled value is a finding
                    digest = 0
                    rows.unreadable[row_id] = str(exc)
            if type(row_id) is int:
                rows.ids.append(row_id)
                rows.digests.append(digest)
            else:
                rows.odd_ids.append((row_id, digest))
    return out


def _check(raw: sqlite3.Connection, *, lenient: bool,
           passes: Callable[[], tuple[ChainPass, dict[str, RowDigests]] | None] | None = None,
           ) -> list[LedgerProblem]:
    """Verify the hash chain, that every row matches its latest event, and that each
    folder manifest's ``manifest_entries`` are exactly the lines its text lists. Empty
    list = intact. Reads one consistent snapshot; writes nothing.

    One streaming pass over the events (each hash recomputed, each payload unpacked once),
    then one over each table; memory stays a few bytes per entity. Rows are read raw (no
    ORM objects or type processing, lenient text decoding), so a value mangled behind our
    back becomes a reported problem rather than an exception. ``passes``: waits for the
    chain and row passes made by other processes over this same snapshot (check_split.py),
    started before this runs the quick check; None from it raises _SplitFailed."""
    problems: list[LedgerProblem] = []

    def add(message: str, **where: Any) -> None:
        problems.append(LedgerProblem(message, **where))

    saved_factory = raw.text_factory
    raw.text_factory = (lambda b: b.decode("utf-8", "surrogateescape")) if lenient else str
    try:
        quick = [r[0] for r in raw.execute("PRAGMA quick_check").fetchall()]
        if quick != ["ok"]:
            add(f"SQLite reports the file is damaged: {'; '.join(quick[:3])}.")
        triggers = {r[0] for r in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for name in GUARD_TRIGGERS:
            if name not in triggers:
                add(f"The append-only guard {name} was removed outside ProofKit.")
        dicts = _dictionaries(raw)
        table_checks.check_dictionaries(raw, add)
        # The version checks read versions and manifest entries only: made while other
        # processes make the passes, said after the rows, less the versions found modified.
        version_findings: list[tuple[str, dict[str, Any]]] = []

        def later(message: str, **where: Any) -> None:
            version_findings.append((message, where))

        table_checks.check_manifest_entries(raw, later)
        table_checks.check_version_numbers(raw, later)

        if passes is None:
            walked, rows = chain_pass(raw), rows_pass(raw)
        else:
            made = passes()
            if made is None:
                raise _SplitFailed
            walked, rows = made
        problems.extend(walked.problems)
        latest, last_seq = walked.latest, walked.last_seq
        top = raw.execute("SELECT seq FROM sqlite_sequence WHERE name = 'events'"
                          ).fetchone()
        if top is not None and isinstance(top[0], int) and top[0] > last_seq:
            add(f"The last {top[0] - last_seq} event(s) after event {last_seq} are "
                "missing (deleted).", seq=last_seq + 1)

        flagged: set[tuple[str, int]] = set()
        for entity, model in _MODEL_OF.items():
            label = entity.capitalize()
            mine, found = latest[entity], rows[entity]
            for row_id, digest in _unmatched(mine, found):
                recorded = mine.pop(row_id)
                if recorded is None:
                    add(f"{label} {row_id} has no ledger event: it was added outside "
                        "ProofKit.", entity=entity, entity_id=row_id)
                    flagged.add((entity, row_id))
                    continue
                if digest == recorded[1] and not (digest == 0 and row_id in found.unreadable):
                    continue
                unreadable = found.unreadable.get(row_id)
                if unreadable is None:
                    try:  # the general payload: the fast one stops at no odd value
                        fields = _differing_fields(raw, model, entity, row_id, recorded[0], dicts)
                    except Exception as exc:  # noqa: BLE001 - a mangled value is a finding
                        unreadable = str(exc)
                if unreadable is not None:
                    add(f"{label} {row_id} holds a value ProofKit cannot read "
                        f"({unreadable}): it was modified outside ProofKit.",
                        entity=entity, entity_id=row_id)
                    flagged.add((entity, row_id))
                    continue
                if fields is None:
                    continue  # the fast payload missed what the general one reads as unchanged
                what = f" ({', '.join(fields)} changed)" if fields else ""
                add(f"{label} {row_id} differs from its last ledger event "
                    f"{recorded[0]}{what}: it was modified outside ProofKit.",
                    entity=entity, entity_id=row_id)
                flagged.add((entity, row_id))
        modified = {i for e, i in flagged if e == chain.ENTITY_VERSION}
        for message, where in version_findings:
            if where.get("entity_id") not in modified:  # already said: modified
                add(message, **where)
        table_checks.check_fingerprints(raw, add)
        table_checks.check_revocation_blobs(raw, add)
        gone = sorted((entity, entity_id, seq) for entity, mine in latest.items()
                      for entity_id, seq in mine.left())
        for entity, entity_id, seq in gone:
            add(f"{entity.capitalize()} {entity_id} is in the ledger history "
                f"(event {seq}) but its row is gone: it was deleted outside ProofKit.",
                entity=entity, entity_id=entity_id)
    except sqlite3.OperationalError as exc:
        if not lenient and "decode" in str(exc):
            raise _NotUtf8 from exc
        add(f"The ledger cannot be read to the end ({exc}); the file may be damaged.")
    except sqlite3.DatabaseError as exc:
        add(f"The ledger cannot be read to the end ({exc}); the file may be damaged.")
    finally:
        raw.text_factory = saved_factory
    return problems


VECTOR_FROM = 20_000  # rows: from here rows are matched with their events by numpy first


def _unmatched(mine: _Latest, found: RowDigests) -> Iterator[tuple[Any, int]]:
    """The rows of ``found``, in order, less those whose digest is the one of their latest
    event in ``mine`` (those are popped from ``mine`` here: the caller's loop over the rest
    then says exactly what it would say looping over all). For a big table this is one
    vectorised comparison instead of a million steps of Python."""
    if len(found.ids) < VECTOR_FROM:
        yield from found
        return
    import numpy as np

    ids, digests = np.frombuffer(found.ids, np.int64), np.frombuffer(found.digests, np.int64)
    seq, recorded = np.frombuffer(mine.seq, np.int64), np.frombuffer(mine.digest, np.int64)
    inside = (ids >= 0) & (ids < mine.size)
    at = np.where(inside, ids, 0)
    matched = inside & (seq[at] > 0) & (recorded[at] == digests) & (digests != 0)
    if not np.all(ids[1:] > ids[:-1]):  # rowids read in order: anything else goes the long way
        matched[:] = False
    seq[ids[matched]] = 0  # popped
    for i in np.flatnonzero(~matched).tolist():
        yield found.ids[i], found.digests[i]
    yield from found.odd_ids


def _differing_fields(raw: sqlite3.Connection, model: Any, entity: str, row_id: Any, seq: int,
                      dicts: Any) -> list[str] | None:
    """The fields in which a row differs from the payload of its event ``seq`` (None: it
    does not differ; empty: it differs, in no field one can name)."""
    names = [c.name for c in model.__table__.columns]
    values = raw.execute(f"SELECT {', '.join(names)} FROM {model.__tablename__} WHERE id = ?",
                         (row_id,)).fetchone()
    if values is None:
        return []
    current = chain.canonical_json(chain.STATE_OF[entity](_as_recorded(model, dict(zip(names, values)), dicts)))
    recorded = _payload_at(raw, seq, dicts)
    return None if current == recorded else chain.differing_fields(recorded, current)


def _payload_at(raw: sqlite3.Connection, seq: int, dicts: Any) -> str:
    (payload,) = raw.execute("SELECT payload FROM events WHERE seq = ?", (seq,)).fetchone()
    try:
        return packing.unpack_text(payload, dicts)
    except packing.PackedValueError:
        return ""


def event_hash_fast(seq: Any, at: Any, kind: Any, entity: Any, entity_id: Any,
                    prev: Any, payload: Any) -> str | None:
    """chain.event_hash for a row as stored, without parsing ``at`` or building a JSON
    list: the same bytes (test_ledger_scale compares both) at a fraction of the cost.
    None when a value is not of the kind ProofKit writes (then chain.event_hash decides)."""
    if (type(seq) is not int or type(entity_id) is not int or type(at) is not str
            or not _DB_TIME.fullmatch(at) or type(kind) is not str or type(entity) is not str
            or type(prev) is not str or type(payload) is not str):
        return None
    framed = (f"{_HASH_HEAD}{seq},\"{at[:10]}T{at[11:]}Z\",{_json_str(kind)},"
              f"{_json_str(entity)},{entity_id},{_json_str(prev)},{_json_str(payload)}]")
    return hashlib.sha256(framed.encode("ascii")).hexdigest()


# For an ASCII text CPython's str hash is its bytes' hash: the chain pass can then take the
# digest of a payload without decoding it (checked here, not assumed).
_TEXT_HASH_IS_BYTES_HASH = hash("proofkit payload {\"a\":1}") == hash(b"proofkit payload {\"a\":1}")


def _check_chain(raw: sqlite3.Connection, add: Any, dicts: Any, after: int | None = None,
                 upto: int | None = None) -> tuple[dict[str, _Latest], int]:
    """Walk the events in seq order: contiguous seqs from 1, each linked to the previous
    hash, each hash recomputed. Returns, per entity, the seq and payload digest of each
    entity's latest event, and the last seq.

    ``after``/``upto``: only the events with after < seq <= upto, starting from the event
    before them as stored, so that walks of consecutive ranges say together exactly what
    one walk says (check_split.py runs two at once)."""
    sizes = {entity: 0 for entity in chain.ENTITIES}
    for entity in sizes:  # one index seek each (a GROUP BY would read the whole index)
        (top,) = raw.execute("SELECT max(entity_id) FROM events WHERE entity = ?",
                             (entity,)).fetchone()
        if isinstance(top, int):
            sizes[entity] = top
    for entity, model in _MODEL_OF.items():
        (top,) = raw.execute(f"SELECT max(id) FROM {model.__tablename__}").fetchone()
        if isinstance(top, int):
            sizes[entity] = max(sizes[entity], top)
    count = raw.execute("SELECT count(*) FROM events").fetchone()[0]
    # ids far beyond the rows there are would only be mangled values: kept in a dict
    latest = {e: _Latest(min(n, 2 * count + 1000)) for e, n in sizes.items()}
    kinds, entities = chain.EVENT_KINDS, frozenset(chain.ENTITIES)
    prev_seq, prev_hash = 0, chain.GENESIS_HASH
    where, args = "", []
    if after is not None:
        before = raw.execute("SELECT seq, hash FROM events WHERE seq <= ? ORDER BY seq DESC "
                             "LIMIT 1", (after,)).fetchone()
        if before is not None:
            prev_seq, prev_hash = before
        where, args = "WHERE seq > ?", [after]
    if upto is not None:
        where, args = (where + " AND" if where else "WHERE") + " seq <= ?", args + [upto]
    cur = raw.execute("SELECT seq, at, kind, entity, entity_id, payload, prev_hash, hash "
                      f"FROM events {where} ORDER BY seq", args)
    bytes_hash, sha256, head = _TEXT_HASH_IS_BYTES_HASH, hashlib.sha256, _HASH_HEAD
    for seq, at, kind, entity, entity_id, payload, prev, stored in cur:
        if seq != prev_seq + 1:
            if seq == prev_seq + 2:
                msg = f"follows event {prev_seq}: event {prev_seq + 1} is missing (deleted)."
            else:
                msg = (f"follows event {prev_seq}: events {prev_seq + 1} to {seq - 1} "
                       "are missing (deleted).")
            add(f"Event {seq} {msg}", seq=seq)
        elif prev != prev_hash:
            add(f"Event {seq} does not link to event {prev_seq}: events were removed, "
                "inserted or reordered.", seq=seq)
        known = entity in entities and kind in kinds and type(entity_id) is int
        digest = None
        # The event's hash from its payload as unpacked bytes, neither decoded nor escaped
        # character by character: kind and entity are known names, seq and entity_id ints,
        # and `at` holds nothing that could end a JSON string, so only the payload needs
        # escaping, and for the printable ASCII ProofKit writes (canonical JSON) that is
        # exactly its quotes and backslashes. Bytes that are anything else escape
        # differently here than in the chain, so cannot match the stored hash, and no match
        # only means "ask the general path below", never "edited"; a match means the
        # hashed bytes are the chain's, `at` included (its only free character, the
        # separator, is checked).
        if (known and type(payload) is bytes and type(seq) is int and type(at) is str
                and at[10:11] == " " and '"' not in at and "\\" not in at
                and type(prev) is str):
            try:
                unpacked = packing.unpack(payload, dicts)
            except packing.PackedValueError:
                unpacked = None
            if unpacked is not None:
                h = sha256(f'{head}{seq},"{at[:10]}T{at[11:]}Z","{kind}","{entity}",'
                           f'{entity_id},{_json_str(prev)},"'.encode())
                h.update(unpacked.replace(b"\\", b"\\\\").replace(b'"', b'\\"'))
                h.update(b'"]')
                if h.hexdigest() == stored:
                    digest = hash(unpacked) if bytes_hash else hash(unpacked.decode("ascii"))
        if digest is None:  # the general path decides, and says what is wrong
            try:
                payload = packing.unpack_text(payload, dicts)
            except packing.PackedValueError:
                payload = None
            recomputed = event_hash_fast(seq, at, kind, entity, entity_id, prev, payload)
            if recomputed is None:
                try:
                    recomputed = chain.event_hash(
                        seq=seq, at=_parse_db_datetime(at), kind=kind, entity=entity,
                        entity_id=entity_id, prev_hash=prev, payload=payload)
                except Exception:  # noqa: BLE001 - unreadable values cannot match the hash
                    recomputed = None
            if recomputed != stored:
                add(f"Event {seq} was edited: its contents no longer match its hash.", seq=seq)
            digest = hash(payload) if isinstance(payload, str) else 0  # 0: an unreadable
            # payload; any row differs from it
        if not known:
            add(f"Event {seq} has an unknown kind {kind!r} for {entity!r}.", seq=seq)
        else:
            mine = latest[entity]
            if 0 <= entity_id < mine.size:  # _Latest.set, inlined for a million events
                mine.seq[entity_id] = seq
                mine.digest[entity_id] = digest
            else:
                mine.other[entity_id] = (seq, digest)
        prev_seq, prev_hash = seq, stored
    return latest, prev_seq
