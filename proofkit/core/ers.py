"""RFC 4998 Evidence Records: keeping a time stamp provable after its TSA's certificate has
expired or its algorithms have aged.

A receipt (an RFC 3161 token) is only as strong as the TSA key that signed it. Before that
key's certificate expires, the receipts are gathered into a Merkle hash tree whose root is
time-stamped again (an *ArchiveTimeStamp*, ATS). That new stamp proves the old receipt
existed while its certificate was still valid; before the new stamp ages in turn, it is
stamped again (*time-stamp renewal*: the new tree covers the hash of the previous ATS's
``timeStamp``), and when a hash algorithm weakens, everything is hashed anew with a stronger
one (*hash-tree renewal*: a new ArchiveTimeStampChain over the data together with the whole
previous ArchiveTimeStampSequence).

This module holds the logic (the ASN.1 types come from ``pyasn1_alt_modules.rfc4998``):

* :func:`build_tree`, :func:`reduced_tree`, :func:`root_from_reduced` — the hash tree of
  RFC 4998 section 4: every node is the hash of its children's hashes concatenated in binary
  ascending order, a node left without a sibling is carried up unchanged, so every list of a
  reduced tree holds two values (the form both the RFC's procedure and Bouncy Castle's
  ``BinaryTreeRootCalculator`` read the same way);
* :func:`stamp_root` — one request per TSA for a tree root, each answer verified;
* :func:`archive_time_stamp`, :func:`evidence_record` — the DER structures;
* :func:`verify_evidence_record`, :func:`long_term_verdict` — the verifier: each ATS's
  reduced hash tree, each renewal made while the previous stamp was still valid, the chain
  back to the original token, the earliest time proven and by which chain.

Here the *data object* an evidence record protects is a receipt's TSA response exactly as
stored (``tokens/r<ID>.tsr`` in a bundle), or a ledger head record. No ledger imports.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from .errors import ProofKitError, TSAError

#: Hash algorithms an ATS may use, by OID (SHA-1 is refused: retired for time stamps).
ALG_OIDS = {
    "sha256": "2.16.840.1.101.3.4.2.1",
    "sha384": "2.16.840.1.101.3.4.2.2",
    "sha512": "2.16.840.1.101.3.4.2.3",
}
OID_ALGS = {v: k for k, v in ALG_OIDS.items()}
SHA1_OID = "1.3.14.3.2.26"
#: Renew when the protecting certificate expires within this long.
RENEW_AHEAD = timedelta(days=730)
#: Strength order of the algorithms an ATS may use (a hash-tree renewal only goes up).
STRENGTH = {"sha256": 1, "sha384": 2, "sha512": 3}
#: When SHA-256 stops being trusted for time stamps unless settable otherwise (Settings
#: ``sha256_retired_from``): far enough away that nothing is due for it today.
DEFAULT_SHA256_RETIRED = datetime(2040, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class AlgorithmPolicy:
    """Which hash algorithms are retired for time stamps, and from when: SHA-1 already; SHA-256
    from a settable date. A chain in an algorithm retired (or retiring within RENEW_AHEAD) is
    renewed by hash-tree renewal to a stronger one."""

    sha256_retired_from: datetime = DEFAULT_SHA256_RETIRED

    def retired(self, alg: str | None, at: datetime) -> bool:
        if alg == "sha1":
            return True
        if alg == "sha256":
            return at >= self.sha256_retired_from
        return False

    def retired_on(self, alg: str | None) -> datetime | None:
        return self.sha256_retired_from if alg == "sha256" else None

    def retiring(self, alg: str | None, at: datetime) -> bool:
        """Retired, or retired within RENEW_AHEAD of ``at`` (renew before the date)."""
        return self.retired(alg, at + RENEW_AHEAD)

    def preferred(self, at: datetime) -> str:
        """The algorithm new trees use at ``at``: SHA-256 until it is retiring, then SHA-512."""
        return "sha512" if self.retiring("sha256", at) else "sha256"


def stronger(a: str, b: str) -> str:
    return a if STRENGTH.get(a, 0) >= STRENGTH.get(b, 0) else b


class EvidenceError(ProofKitError):
    """An evidence record cannot be built or read."""


# --------------------------------------------------------------------------- hash tree


def H(alg: str, *parts: bytes) -> bytes:
    h = hashlib.new(alg)
    for p in parts:
        h.update(p)
    return h.digest()


def node(alg: str, values: Sequence[bytes]) -> bytes:
    """RFC 4998 4.2: the hash of the values concatenated in binary ascending order."""
    return H(alg, *sorted(values))


def build_tree(alg: str, leaves: Sequence[bytes]) -> list[list[bytes]]:
    """Levels of a binary tree, leaves first, root last (``levels[-1][0]``). Adjacent nodes
    are paired; an odd one out is carried up unchanged."""
    if not leaves:
        raise EvidenceError("A hash tree needs at least one leaf.")
    levels = [list(leaves)]
    while len(levels[-1]) > 1:
        cur = levels[-1]
        nxt = [node(alg, (cur[i], cur[i + 1])) for i in range(0, len(cur) - 1, 2)]
        if len(cur) % 2:
            nxt.append(cur[-1])
        levels.append(nxt)
    return levels


def reduced_tree(levels: list[list[bytes]], index: int) -> list[list[bytes]] | None:
    """The reduced hash tree of leaf ``index`` (RFC 4998 4.2): first list = the leaf and its
    sibling, then one sibling per level; levels where the node had no sibling add nothing.
    None for a one-leaf tree (the ATS's time stamp is then over the leaf itself)."""
    out: list[list[bytes]] = []
    i = index
    for level in levels[:-1]:
        sib = i ^ 1
        if sib < len(level):
            if not out:
                out.append([level[i], level[sib]])
            else:
                out.append([level[sib]])
        elif not out and len(levels) > 1:
            pass  # carried up unchanged: the leaf's first list comes from a higher level
        i //= 2
    if not out:
        return None
    if len(out[0]) == 1:  # pragma: no cover - the first emitted list always has two values
        raise EvidenceError("internal: malformed reduced tree")
    return out


def root_from_reduced(alg: str, h: bytes, reduced: Sequence[Sequence[bytes]] | None) -> bytes | None:
    """RFC 4998 4.3: the root a reduced hash tree leads to from data hash ``h``, or None when
    ``h`` is not in its first list. Each later list holds the siblings only and is completed
    with the value computed so far before being hashed — always, as Bouncy Castle reads it:
    skipping a value already present would break on two equal subtrees."""
    if not reduced:
        return h
    first = list(reduced[0])
    if h not in first:
        return None
    cur = node(alg, first)
    for lst in reduced[1:]:
        cur = node(alg, [*lst, cur])
    return cur


# --------------------------------------------------------------------------- ASN.1


def _asn1():
    from pyasn1.codec.der import decoder, encoder
    from pyasn1_alt_modules import rfc4998, rfc5652

    return rfc4998, rfc5652, encoder, decoder


def token_of(response_or_token: bytes) -> bytes:
    """The bare TimeStampToken (ContentInfo DER) of a TimeStampResp, or the token itself."""
    from .tsp import split_token_or_response

    _resp, token = split_token_or_response(response_or_token)
    if not token:
        raise EvidenceError("The TSA's answer holds no time-stamp token.")
    return token


def _content_info(token: bytes):
    rfc4998, rfc5652, encoder, decoder = _asn1()
    ci, rest = decoder.decode(token, asn1Spec=rfc5652.ContentInfo())
    if rest:
        raise EvidenceError("Trailing bytes after the time-stamp token.")
    return ci


def _alg_id(alg: str):
    from pyasn1.type import tag, univ
    from pyasn1_alt_modules import rfc5280

    a = rfc5280.AlgorithmIdentifier().subtype(
        implicitTag=tag.Tag(tag.tagClassContext, tag.tagFormatConstructed, 0))
    a["algorithm"] = univ.ObjectIdentifier(ALG_OIDS[alg])
    return a


def archive_time_stamp(alg: str, token: bytes, reduced: list[list[bytes]] | None):
    """An ArchiveTimeStamp (pyasn1 object) over a bare token with its reduced hash tree."""
    from pyasn1.type import univ

    rfc4998, rfc5652, encoder, decoder = _asn1()
    ats = rfc4998.ArchiveTimeStamp()
    ats["digestAlgorithm"] = _alg_id(alg)
    if reduced:
        rht = ats["reducedHashtree"].clone()
        for lst in reduced:
            pht = rfc4998.PartialHashtree()
            for v in lst:
                pht.append(univ.OctetString(v))
            rht.append(pht)
        ats["reducedHashtree"] = rht
    ats["timeStamp"] = _content_info(token)
    return ats


def evidence_record(chains: Sequence[Sequence[object]], algs: Sequence[str]) -> bytes:
    """DER EvidenceRecord from ArchiveTimeStampChains (lists of ArchiveTimeStamp objects)."""
    from pyasn1.type import univ
    from pyasn1_alt_modules import rfc5280

    rfc4998, rfc5652, encoder, decoder = _asn1()
    er = rfc4998.EvidenceRecord()
    er["version"] = 1
    for alg in dict.fromkeys(algs):
        a = rfc5280.AlgorithmIdentifier()
        a["algorithm"] = univ.ObjectIdentifier(ALG_OIDS[alg])
        er["digestAlgorithms"].append(a)
    er["archiveTimeStampSequence"] = _sequence(rfc4998, chains)
    return encoder.encode(er)


def _sequence(rfc4998, chains: Sequence[Sequence[object]]):
    seq = rfc4998.ArchiveTimeStampSequence()
    for chain in chains:
        c = rfc4998.ArchiveTimeStampChain()
        for ats in chain:
            c.append(ats)
        seq.append(c)
    return seq


def sequence_der(chains: Sequence[Sequence[object]]) -> bytes:
    """DER of an ArchiveTimeStampSequence (what a hash-tree renewal covers)."""
    rfc4998, rfc5652, encoder, decoder = _asn1()
    return encoder.encode(_sequence(rfc4998, chains))


def timestamp_der(ats) -> bytes:
    """DER of an ATS's ``timeStamp`` element: what the next time-stamp renewal covers."""
    rfc4998, rfc5652, encoder, decoder = _asn1()
    return encoder.encode(ats["timeStamp"])


# Hand-made DER for the hot path of a hash-tree renewal (one ArchiveTimeStampSequence per
# receipt; pyasn1 would take milliseconds each). Byte-identical to pyasn1's encoding of the
# same structures (tests compare them); the algorithm identifier and the timeStamp are
# encoded by pyasn1 once per algorithm and per batch.


def _der_len(n: int) -> bytes:
    if n < 0x80:
        return bytes((n,))
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes((0x80 | len(b),)) + b


def _tlv(tag: int, content: bytes) -> bytes:
    return bytes((tag,)) + _der_len(len(content)) + content


_ALG_DER: dict[str, bytes] = {}


def ats_der(alg: str, ts_der: bytes, reduced: Sequence[Sequence[bytes]] | None) -> bytes:
    """DER of ArchiveTimeStamp {[0] digestAlgorithm, [2] reducedHashtree, timeStamp}, with
    ``ts_der`` the DER of the timeStamp (:func:`timestamp_der`)."""
    if alg not in _ALG_DER:
        _ALG_DER[alg] = _asn1()[2].encode(_alg_id(alg))
    parts = [_ALG_DER[alg]]
    if reduced:
        parts.append(_tlv(0xA2, b"".join(_tlv(0x30, b"".join(_tlv(0x04, v) for v in lst))
                                         for lst in reduced)))
    parts.append(ts_der)
    return _tlv(0x30, b"".join(parts))


def sequence_der_raw(chains: Sequence[Sequence[bytes]]) -> bytes:
    """DER of an ArchiveTimeStampSequence from the DER of each ATS, chain by chain."""
    return _tlv(0x30, b"".join(_tlv(0x30, b"".join(c)) for c in chains))


def hash_tree_renewal_leaf_raw(alg: str, data: bytes, previous_chains: Sequence[Sequence[bytes]]) -> bytes:
    """:func:`hash_tree_renewal_leaf` from the DER of the previous ATSs."""
    return H(alg, H(alg, data), H(alg, sequence_der_raw(previous_chains)))


def hash_tree_renewal_leaf(alg: str, data: bytes, previous_chains: Sequence[Sequence[object]]) -> bytes:
    """RFC 4998 5.2: the value a new chain (new algorithm) covers for one data object:
    h(i)' = H(h(i) + ha(i)), the data's hash followed by the hash of the
    ArchiveTimeStampSequence so far, in that order (not sorted: Bouncy Castle reads it so;
    a sorted pair failed its check for about half of the receipts)."""
    return H(alg, H(alg, data), H(alg, sequence_der(previous_chains)))


# --------------------------------------------------------------------------- stamping a root


@dataclass
class RootStamp:
    """One TSA's answer for one tree root: kept only when verified."""

    tsa_name: str
    url: str
    ok: bool
    response: bytes | None = None
    token: bytes | None = None
    gen_time: datetime | None = None
    error: str | None = None


def stamp_root(tsas: Sequence, root: bytes | Sequence[bytes], alg: str, verifier, *,
               timeout: float = 20.0, now: Callable[[], datetime] | None = None) -> list[RootStamp]:
    """Ask each TSA once (concurrently) to stamp ``root`` (one root for all, or one per TSA);
    verify each answer like a fresh receipt (our verifier, nonce, imprint, genTime near
    ``now()``)."""
    roots = [root] * len(tsas) if isinstance(root, bytes) else list(root)
    from .client import post_query
    from .tsp import build_request

    clock = now or (lambda: datetime.now(timezone.utc))

    def one(i: int) -> RootStamp:
        tsa, root = tsas[i], roots[i]
        req = build_request(root, alg)
        asked = clock()
        try:
            body = post_query(tsa.url, req.der, timeout=timeout)
        except TSAError as exc:
            return RootStamp(tsa.name, tsa.url, False, error=exc.message)
        done = clock()
        try:
            # the verifier's gen_time check: dated when it was asked, never in the future
            v = verifier.verify(body, digest=root, digest_alg=alg, nonce=req.nonce,
                                requested_at=asked, answered_at=done, now=done)
        except Exception as exc:  # noqa: BLE001 - a hostile answer is a failure, never a crash
            return RootStamp(tsa.name, tsa.url, False, error=f"unreadable answer ({type(exc).__name__})")
        if not v.ok:
            return RootStamp(tsa.name, tsa.url, False, response=body, error=v.reason())
        return RootStamp(tsa.name, tsa.url, True, response=body, token=v.token, gen_time=v.gen_time)

    if not tsas:
        return []
    with ThreadPoolExecutor(max_workers=len(tsas), thread_name_prefix="renew") as pool:
        return list(pool.map(one, range(len(tsas))))


# --------------------------------------------------------------------------- verifying


@dataclass
class Step:
    """One time stamp in the chain of proof: the original receipt or an ATS."""

    what: str  # "receipt" | "time-stamp renewal" | "hash-tree renewal"
    tsa: str
    gen_time: datetime
    valid_until: datetime | None  # the signing certificate's notAfter
    alg: str | None = None

    def describe(self) -> str:
        until = f", certificate valid until {self.valid_until:%Y-%m-%d}" if self.valid_until else ""
        return f"{self.what} by {self.tsa} at {self.gen_time:%Y-%m-%d %H:%M:%S} UTC{until}"


@dataclass
class ERVerdict:
    ok: bool
    reason: str = "valid"
    steps: list[Step] = field(default_factory=list)
    earliest: datetime | None = None

    def chain_text(self) -> str:
        return " → ".join(s.describe() for s in self.steps)


def signer_name(v) -> str:
    if v.tsa_name:
        return v.tsa_name
    if v.signer is not None:
        from cryptography.x509.oid import NameOID

        cn = v.signer.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        if cn:
            return str(cn[0].value)
        return v.signer.subject.rfc4514_string()
    return "unknown TSA"


def _ats_parts(ats) -> tuple[str, list[list[bytes]] | None, bytes]:
    rfc4998, rfc5652, encoder, decoder = _asn1()
    if ats["digestAlgorithm"].isValue:
        oid = str(ats["digestAlgorithm"]["algorithm"])
    else:
        oid = ALG_OIDS["sha256"]  # pragma: no cover - we always write it
    if oid == SHA1_OID:
        raise EvidenceError("An archive time-stamp uses SHA-1, which is retired; it proves nothing now.")
    if oid not in OID_ALGS:
        raise EvidenceError(f"An archive time-stamp uses an unknown hash algorithm ({oid}).")
    reduced = None
    if ats["reducedHashtree"].isValue and len(ats["reducedHashtree"]):
        reduced = [[bytes(v) for v in pht] for pht in ats["reducedHashtree"]]
    return OID_ALGS[oid], reduced, encoder.encode(ats["timeStamp"])


def verify_evidence_record(er_der: bytes, data: bytes, verifier, *, protects: Step | None,
                           at: datetime | None = None) -> ERVerdict:
    """Check an evidence record over ``data`` (the receipt's stored response bytes).

    ``protects``: the original receipt as a Step (its genTime and its TSA certificate's
    notAfter, from the ordinary verifier); None for data with no stamp of its own (a ledger
    head), whose earliest proven time is then the first ATS's. Every ATS must verify (our verifier, at its
    genTime), cover the right value through its reduced hash tree, and have been made while
    the stamp before it was still valid; the last one's certificate must still be valid at
    ``at`` (default: now). The earliest time proven is the original receipt's genTime."""
    rfc4998, rfc5652, encoder, decoder = _asn1()
    at = at or datetime.now(timezone.utc)
    steps = [protects] if protects is not None else []
    try:
        er, rest = decoder.decode(er_der, asn1Spec=rfc4998.EvidenceRecord())
    except Exception as exc:  # noqa: BLE001 - any decoding failure: not an evidence record
        return ERVerdict(False, f"structure: not an RFC 4998 evidence record ({type(exc).__name__}).")
    if rest:
        return ERVerdict(False, "structure: trailing bytes after the evidence record.")
    if int(er["version"]) != 1:
        return ERVerdict(False, f"structure: unknown evidence record version {int(er['version'])}.")
    seq = er["archiveTimeStampSequence"]
    if not len(seq):
        return ERVerdict(False, "structure: the evidence record holds no archive time-stamp.")
    prev_chains: list = []
    try:
        for ci, chain in enumerate(seq):
            if not len(chain):
                return ERVerdict(False, f"structure: chain {ci + 1} is empty.")
            chain_alg = None
            prev_ts: bytes | None = None
            for ai, ats in enumerate(chain):
                alg, reduced, ts_der = _ats_parts(ats)
                if chain_alg is None:
                    chain_alg = alg
                elif alg != chain_alg:
                    return ERVerdict(False, f"chain {ci + 1}: its archive time-stamps mix hash "
                                            "algorithms (RFC 4998 5.3).", steps)
                if ai == 0:
                    h = H(alg, data) if ci == 0 else hash_tree_renewal_leaf(alg, data, prev_chains)
                    what = "archive time-stamp" if ci == 0 else "hash-tree renewal"
                else:
                    h = H(alg, prev_ts)
                    what = "time-stamp renewal"
                root = root_from_reduced(alg, h, reduced)
                where = f"chain {ci + 1}, archive time-stamp {ai + 1}"
                if root is None:
                    return ERVerdict(False, f"{where}: its hash tree does not contain what it "
                                            "should protect (a different receipt, or changed).", steps)
                v = verifier.verify(ts_der, digest=root, digest_alg=alg, now=at)
                if not v.ok:
                    return ERVerdict(False, f"{where}: {v.reason()}", steps)
                step = Step(what, signer_name(v), v.gen_time,
                            v.signer.not_valid_after_utc if v.signer is not None else None, alg)
                last = steps[-1] if steps else step
                if v.gen_time < last.gen_time:
                    return ERVerdict(False, f"{where}: dated {v.gen_time:%Y-%m-%d}, before the stamp "
                                            f"it renews ({last.gen_time:%Y-%m-%d}).", steps)
                if last.valid_until is not None and v.gen_time > last.valid_until:
                    return ERVerdict(False, f"{where}: made {v.gen_time:%Y-%m-%d}, after the stamp it "
                                            f"renews had expired ({last.valid_until:%Y-%m-%d}); the "
                                            "renewal came too late.", steps)
                steps.append(step)
                prev_ts = ts_der
            prev_chains.append(list(chain))
    except EvidenceError as exc:
        return ERVerdict(False, exc.message, steps)
    final = steps[-1]
    if final.valid_until is not None and final.valid_until < at:
        return ERVerdict(False, f"the last renewal's certificate expired on "
                                f"{final.valid_until:%Y-%m-%d}: it was not renewed in time.", steps)
    return ERVerdict(True, "valid", steps, earliest=steps[0].gen_time)


@dataclass
class LongTermVerdict:
    """Whether a receipt still proves its time at ``at``, and by which chain. ``needed``:
    the receipt alone no longer suffices (its TSA certificate has expired, or its hash
    algorithm is retired), so only an evidence record can keep it proven."""

    ok: bool
    reason: str
    earliest: datetime | None = None
    via: str | None = None  # "receipt" or the evidence record's chain, in words
    records: list[ERVerdict] = field(default_factory=list)
    needed: bool = False
    why_needed: str | None = None  # "the TSA's certificate expired on 2021-01-01"


def long_term_verdict(response: bytes, verifier, *, digest: bytes, digest_alg: str | None = None,
                      evidence: Sequence[bytes] = (), at: datetime | None = None,
                      requested_at: datetime | None = None, answered_at: datetime | None = None,
                      policy: AlgorithmPolicy | None = None) -> LongTermVerdict:
    """A receipt checked for the long term: valid at its genTime (the ordinary verifier, with
    the receipt's request time when known: the gen_time rule) AND either its TSA certificate
    is still valid at ``at`` and its hash algorithm not retired by ``policy``, or an evidence
    record shows it was renewed in time, all the way to ``at``."""
    at = at or datetime.now(timezone.utc)
    policy = policy or AlgorithmPolicy()
    v = verifier.verify(response, digest=digest, digest_alg=digest_alg, now=at,
                        requested_at=requested_at, answered_at=answered_at)
    if not v.ok:
        return LongTermVerdict(False, v.reason())
    until = v.signer.not_valid_after_utc if v.signer is not None else None
    base = Step("receipt", signer_name(v), v.gen_time, until, v.hash_alg)
    why = None
    if until is not None and until < at:
        why = f"the TSA's certificate expired on {until:%Y-%m-%d}"
    elif policy.retired(v.hash_alg, at):
        since = policy.retired_on(v.hash_alg)
        why = f"its hash algorithm ({v.hash_alg}) is retired" + (f" since {since:%Y-%m-%d}" if since else "")
    if why is None:
        return LongTermVerdict(True, "valid", v.gen_time, "the receipt itself (its TSA certificate "
                               f"is valid until {until:%Y-%m-%d})" if until else "the receipt itself")
    records = [verify_evidence_record(er, response, verifier, protects=base, at=at) for er in evidence]
    for r in records:  # a record whose own (last) algorithm is retired proves nothing now
        if r.ok and r.steps and policy.retired(r.steps[-1].alg, at):
            r.ok, r.reason = False, (f"its hash algorithm ({r.steps[-1].alg}) is retired and it was "
                                     "not renewed by hash-tree renewal in time.")
    good = [r for r in records if r.ok]
    if good:
        best = good[0]
        return LongTermVerdict(True, "valid", v.gen_time, best.chain_text(), records, True, why)
    if not records:
        return LongTermVerdict(False, f"{why} and no evidence record renews this receipt, so it can "
                                      "no longer be relied on.", None, None, records, True, why)
    return LongTermVerdict(False, f"{why} and no evidence record holds: {records[0].reason}",
                           None, None, records, True, why)


def expires(response: bytes) -> tuple[datetime | None, bool]:
    """(the signing certificate's notAfter, signed with SHA-1?) of a token, read without
    verifying (deciding what is due only; never a verdict)."""
    not_after, alg = expiry(response)
    return not_after, alg == "sha1"


def expiry(response: bytes) -> tuple[datetime | None, str | None]:
    """(the signing certificate's notAfter, the signature's digest algorithm) of a token, read
    without verifying (deciding what is due only; never a verdict)."""
    from asn1crypto import cms

    try:
        token = token_of(response)
        sd = cms.ContentInfo.load(token)["content"]
        si = sd["signer_infos"][0]
        sid = si["sid"]
        alg = si["digest_algorithm"]["algorithm"].native
        for c in sd["certificates"] or []:
            cert = c.chosen
            if sid.name == "issuer_and_serial_number":
                isn = sid.chosen
                if cert.serial_number == isn["serial_number"].native and cert.issuer == isn["issuer"]:
                    return cert["tbs_certificate"]["validity"]["not_after"].native, alg
            elif cert.key_identifier == sid.chosen.native:
                return cert["tbs_certificate"]["validity"]["not_after"].native, alg
        return None, alg
    except Exception:  # noqa: BLE001 - unreadable: treat as due (renewing costs nothing)
        return None, None
