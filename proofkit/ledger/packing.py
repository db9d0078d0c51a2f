"""Compact, byte-exact storage of the ledger's three big values (schema v4).

What made a receipt cost ~8 KB: the TSA's token (its certificates repeated in every token),
the texts of the verifier's checks (``checks_json``, the same sentences for every receipt),
and the events' payloads (the full state of the receipt, its checks included, twice: when it
is added pending and when it is verified). All three are highly repetitive *across* rows and
barely compressible *within* one row, so each is stored DEFLATE-compressed (zlib, standard
library) with a preset dictionary: an earlier value of the same family. A token of a TSA is
compressed against an earlier token of that TSA (the same certificate chain, the same
structure: 2.7 KB -> ~0.4 KB with the test TSA), a payload against earlier payloads of the
same entity, checks against earlier checks. Why not zstd with trained dictionaries: zlib's
preset dictionary gets the repeated certificates and sentences, which is nearly all there is
to gain (the rest is signatures, digests and times, incompressible), needs no new dependency
or training step, and any Python or ``zlib``-speaking tool can read a ledger in ten lines.

Stored forms, chosen per value (never a mode of the whole file, so old rows stay readable):

* ``events.payload`` and ``receipts.checks_json``: TEXT as before, or a BLOB
  ``>I dictionary id (0 = none)`` + raw DEFLATE stream. SQLite keeps the storage class of
  each value, so TEXT vs BLOB says which it is.
* ``receipts.response``: the bytes as received when ``receipts.response_packed`` is 0, else
  the same BLOB form.

Dictionaries live in the ``dictionaries`` table: immutable rows (guard triggers forbid
update and delete; their sha256 is checked by ``Ledger.check``). They are not part of the
hash chain and need not be: the chain covers the *unpacked* values (a payload is hashed as
text, a token through ``response_sha256``), so a changed dictionary or packed value unpacks
to something that no longer matches its hash, and ``Ledger.check`` reports it. The tokens
handed out (show, export, bundles) are always the unpacked, byte-identical received bytes.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from typing import Any

_HEADER = struct.Struct(">I")
LEVEL = 6
WBITS = -15  # raw DEFLATE: the dictionary id in our header says everything else
# Memory level of the compressor only (the stream format does not depend on it): zlib's
# default (8) or 9 allocates and clears ~256 KB of hash tables for every value, which made
# packing a 2 KB payload cost ~150-500 us here; 4 packs as small at ~70 us.
MEM_LEVEL = 4
MAX_DICTIONARY = 16 * 1024  # bytes kept of a family's dictionary (newest values last)
MAX_DICTIONARIES_PER_FAMILY = 8  # a family stops learning after this many
LEARN_FROM = 160  # values shorter than this never make a new dictionary
GOOD_ENOUGH = 0.3  # a packed value at most this fraction of the raw size needs no new one

FAMILY_CHECKS = "checks"


def token_family(url: str) -> str:
    return f"token {url}"


def payload_family(entity: str) -> str:
    return f"event {entity}"


class PackedValueError(ValueError):
    """A stored packed value that does not unpack (changed behind ProofKit's back)."""


def deflate(data: bytes, zdict: bytes | None) -> bytes:
    c = (zlib.compressobj(LEVEL, zlib.DEFLATED, WBITS, MEM_LEVEL, zlib.Z_DEFAULT_STRATEGY, zdict)
         if zdict else zlib.compressobj(LEVEL, zlib.DEFLATED, WBITS, MEM_LEVEL))
    return c.compress(data) + c.flush()


def inflate(stream: bytes, zdict: bytes | None) -> bytes:
    d = zlib.decompressobj(WBITS, zdict) if zdict else zlib.decompressobj(WBITS)
    out = d.decompress(stream)
    if not d.eof or d.unused_data:
        raise PackedValueError("truncated or trailing data")
    return out


def dictionary_id(blob: bytes) -> int:
    if len(blob) < _HEADER.size:
        raise PackedValueError("too short to be a packed value")
    return _HEADER.unpack_from(blob)[0]


def unpack(blob: bytes, dictionaries: Any) -> bytes:
    """The original bytes of a packed value. ``dictionaries``: a mapping (or callable)
    id -> dictionary bytes. (Called for every value of a million-row check: kept flat.)"""
    if type(blob) is not bytes:
        if not isinstance(blob, (bytearray, memoryview)):
            raise PackedValueError("not a packed value")
        blob = bytes(blob)
    if len(blob) < 4:
        raise PackedValueError("too short to be a packed value")
    did = int.from_bytes(blob[:4], "big")
    if did:
        zdict = dictionaries(did) if callable(dictionaries) else dictionaries.get(did)
        if zdict is None:
            raise PackedValueError(f"dictionary {did} is missing")
        d = zlib.decompressobj(WBITS, zdict)
    else:
        d = zlib.decompressobj(WBITS)
    try:
        out = d.decompress(memoryview(blob)[4:])
    except zlib.error as exc:
        raise PackedValueError(str(exc)) from exc
    if not d.eof or d.unused_data:
        raise PackedValueError("truncated or trailing data")
    return out


def unpack_text(value: Any, dictionaries: Any) -> Any:
    """A TEXT column that may hold a packed BLOB: text as is, a BLOB unpacked to text."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        try:
            return unpack(value, dictionaries).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise PackedValueError("not UTF-8 text") from exc
    return value


def pack_with(data: bytes, did: int, zdict: bytes | None) -> bytes:
    return _HEADER.pack(did) + deflate(data, zdict)


def next_dictionary(previous: bytes | None, value: bytes) -> bytes:
    """A family's next dictionary: its previous one with ``value`` appended (DEFLATE finds
    matches closest to the end best), the oldest bytes dropped beyond MAX_DICTIONARY."""
    return ((previous or b"") + value)[-MAX_DICTIONARY:]


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Packer:
    """Chooses how to store a value: with the newest dictionary of its family, learning a
    new dictionary (at most MAX_DICTIONARIES_PER_FAMILY) when that packs it poorly.

    ``store`` is the database side: ``latest(family) -> (id, data, count) | None`` and
    ``add(family, data) -> id`` (inside the caller's transaction)."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def pack(self, family: str, data: bytes) -> bytes | None:
        """The packed BLOB, or None when storing ``data`` as it is is as small."""
        latest = self._store.latest(family)
        did, zdict = (latest[0], latest[1]) if latest else (0, None)
        packed = pack_with(data, did, zdict)
        if len(data) >= LEARN_FROM and len(packed) > GOOD_ENOUGH * len(data) and (
                latest is None or latest[2] < MAX_DICTIONARIES_PER_FAMILY):
            zdict = next_dictionary(zdict, data)
            did = self._store.add(family, zdict)
            packed = pack_with(data, did, zdict)
        return packed if len(packed) < len(data) else None

    def pack_text(self, family: str, text: str) -> str | bytes:
        packed = self.pack(family, text.encode("utf-8"))
        return text if packed is None else packed


class SqlDictionaries:
    """The ``dictionaries`` table seen from one write transaction on a DB-API connection
    (what :class:`Packer` needs, plus ``get`` for unpacking). The newest dictionary of each
    family is read once and then followed in memory: inside the transaction nobody else
    can add one."""

    def __init__(self, conn: Any, now: str, cache: dict[int, bytes] | None = None) -> None:
        self._conn = conn
        self._now = now
        self._latest: dict[str, tuple[int, bytes, int] | None] = {}
        self._by_id: dict[int, bytes] = {}
        self._committed = cache if cache is not None else {}

    def get(self, did: int) -> bytes | None:
        data = self._by_id.get(did) or self._committed.get(did)
        if data is None:
            row = self._conn.execute("SELECT data FROM dictionaries WHERE id = ?",
                                     (did,)).fetchone()
            if row is None:
                return None
            data = self._by_id[did] = bytes(row[0])
        return data

    __call__ = get

    def latest(self, family: str) -> tuple[int, bytes, int] | None:
        if family not in self._latest:
            row = self._conn.execute(
                "SELECT id, (SELECT count(*) FROM dictionaries WHERE family = ?) "
                "FROM dictionaries WHERE family = ? ORDER BY id DESC LIMIT 1",
                (family, family)).fetchone()
            self._latest[family] = None if row is None else (row[0], self.get(row[0]), row[1])
        return self._latest[family]

    def add(self, family: str, data: bytes) -> int:
        cur = self._conn.execute(
            "INSERT INTO dictionaries (family, sha256, data, created_at) VALUES (?, ?, ?, ?)",
            (family, sha256_hex(data), data, self._now))
        did = int(cur.lastrowid)
        self._by_id[did] = data
        before = self._latest.get(family)
        self._latest[family] = (did, data, (before[2] if before else 0) + 1)
        return did
