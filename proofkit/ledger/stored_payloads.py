"""A row's payload — the canonical JSON its ledger event records — made straight from the
values as stored, for the million rows of a big ledger's check: no ORM objects, no datetime
objects, no dict to sort (chain.payload_of is the general way; tests hold the two equal).
Anything these do not expect raises :class:`Slow`, and the general way decides."""

from __future__ import annotations

import hashlib
from json.encoder import encode_basestring_ascii as _json_str  # type: ignore[attr-defined]
from typing import Any

from proofkit.ledger import chain, packing


class Slow(Exception):
    """A value the fast payload does not handle: the general path decides."""


def _j_text(v: Any) -> str:
    if v is None:
        return "null"
    if type(v) is not str:
        raise Slow
    return _json_str(v)


def _j_int(v: Any) -> str:
    if v is None:
        return "null"
    if type(v) is not int:
        raise Slow
    return str(v)


def _j_time(v: Any) -> str:
    """A stored instant (``YYYY-MM-DD HH:MM:SS.ffffff``) as iso_utc spells it. Only its
    separator is checked, plus that it holds nothing that could end a JSON string: the
    result is a whole JSON string either way, so a payload it is part of can only equal the
    recorded payload if it is exactly the recorded instant (any other value: a mismatch,
    which the general path then decides)."""
    if v is None:
        return "null"
    if type(v) is not str or v[10:11] != " " or '"' in v or "\\" in v:
        raise Slow
    return f'"{v[:10]}T{v[11:]}Z"'


class _Texts(dict):
    """_j_text of the values that repeat over a million rows (a TSA's name, its URL, a
    status), each escaped once: a dict whose missing keys are computed, up to a bound."""

    BOUND = 4096

    def __missing__(self, v: Any) -> str:
        text = _j_text(v)
        if len(self) < self.BOUND:
            self[v] = text
        return text


RECEIPT_COLUMNS = ("id", "version_id", "tsa_name", "url", "nonce", "response", "status", "error",
                   "gen_time", "serial", "policy", "hash_alg", "anchor", "checks_json",
                   "checked_at", "requested_at", "attempts", "response_packed")
VERSION_COLUMNS = ("id", "work_id", "kind", "file_name", "path", "size", "hash_alg",
                   "digest_hex", "manifest_text", "created_at", "number")


class _FastReceipt:
    """canonical_json(receipt_state(row)) straight from the stored values (a tuple in
    RECEIPT_COLUMNS order), for the million rows of a big ledger: no datetime objects, no
    dict to sort. Any surprise raises Slow. The check texts (a handful of distinct values
    over a million receipts) are unpacked and escaped once each."""

    CACHE = 4096  # distinct check texts kept

    def __init__(self, dicts: Any) -> None:
        self.dicts = dicts
        self.checks: dict[Any, str] = {}
        self.texts = _Texts()

    def __call__(self, values: tuple) -> str:
        (rid, version_id, tsa_name, url, nonce, response, status, error, gen_time, serial,
         policy, hash_alg, anchor, checks, checked_at, requested_at, attempts,
         response_packed) = values
        if response is not None:
            if type(response) is not bytes:
                raise Slow
            if response_packed:
                response = packing.unpack(response, self.dicts)
        checks_text = self.checks.get(checks)
        if checks_text is None:
            text = packing.unpack_text(checks, self.dicts) if type(checks) is bytes else checks
            checks_text = _j_text(text)
            if len(self.checks) < self.CACHE:
                self.checks[checks] = checks_text
        texts = self.texts
        return "".join((
            '{"anchor":', texts[anchor], ',"attempts":', _j_int(attempts),
            ',"checked_at":', _j_time(checked_at), ',"checks_json":', checks_text,
            ',"error":', texts[error], ',"gen_time":', _j_time(gen_time),
            ',"hash_alg":', texts[hash_alg], ',"id":', _j_int(rid),
            ',"nonce":', _j_text(nonce), ',"policy":', texts[policy],
            ',"requested_at":', _j_time(requested_at),
            ',"response_sha256":', "null" if response is None
            else '"' + hashlib.sha256(response).hexdigest() + '"',
            ',"serial":', _j_text(serial), ',"status":', texts[status],
            ',"tsa_name":', texts[tsa_name], ',"url":', texts[url],
            ',"version_id":', _j_int(version_id), "}"))


class _FastVersion:
    """canonical_json(version_state(row)) straight from the stored values (VERSION_COLUMNS)."""

    def __init__(self, dicts: Any) -> None:
        pass

    def __call__(self, values: tuple) -> str:
        (vid, work_id, kind, file_name, path, size, hash_alg, digest_hex, manifest,
         created_at, _number) = values  # the number is not in the payload (check_version_numbers)
        if manifest is not None and type(manifest) is not str:
            raise Slow
        return "".join((
            '{"created_at":', _j_time(created_at), ',"digest_hex":', _j_text(digest_hex),
            ',"file_name":', _j_text(file_name), ',"hash_alg":', _j_text(hash_alg),
            ',"id":', _j_int(vid), ',"kind":', _j_text(kind),
            ',"manifest_sha256":', "null" if manifest is None
            else '"' + hashlib.sha256(manifest.encode("utf-8")).hexdigest() + '"',
            ',"path":', _j_text(path), ',"size":', _j_int(size),
            ',"work_id":', _j_int(work_id), "}"))


# the fast payload of an entity, and the column order it reads (any other order: none)
_FAST = {chain.ENTITY_RECEIPT: (_FastReceipt, RECEIPT_COLUMNS),
         chain.ENTITY_VERSION: (_FastVersion, VERSION_COLUMNS)}


def fast_payload(entity: str, names: list[str], dicts: Any) -> Any:
    """The fast payload maker for a table whose columns are ``names``, or None."""
    maker, columns = _FAST.get(entity, (None, None))
    return maker(dicts) if maker is not None and tuple(names) == columns else None
