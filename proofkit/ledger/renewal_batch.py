"""One renewal batch: a TSA's answer to one renewal question (the root of a hash tree), the
tree's leaves and what each covers, as kept in the ledger and in its file copy (see
evidence.py for how batches make evidence records)."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from datetime import datetime

from proofkit.core import ers

FORMAT = "proofkit-renewal"
VERSION = 1


@dataclass
class Batch:
    id: str  # the batch's name (unique; the file name of its copy)
    tsa: str
    url: str
    alg: str
    created_at: datetime
    gen_time: datetime
    not_after: datetime | None
    response: bytes
    items: list[tuple]
    leaves: list[bytes]
    _levels: list[list[bytes]] | None = field(default=None, repr=False)
    _ts_der: bytes | None = field(default=None, repr=False)
    _index: tuple | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.id

    @property
    def token(self) -> bytes:
        return ers.token_of(self.response)

    def levels(self) -> list[list[bytes]]:
        if self._levels is None:
            self._levels = ers.build_tree(self.alg, self.leaves)
        return self._levels

    def root(self) -> bytes:
        return self.levels()[-1][0]

    def ats(self, index: int):
        return ers.archive_time_stamp(self.alg, self.token, ers.reduced_tree(self.levels(), index))

    def ts_der(self) -> bytes:
        """DER of the batch token as an ATS ``timeStamp`` holds it (what its time-stamp
        renewal covers)."""
        if self._ts_der is None:
            self._ts_der = ers.timestamp_der(ers.archive_time_stamp(self.alg, self.token, None))
        return self._ts_der

    def ats_der(self, index: int) -> bytes:
        return ers.ats_der(self.alg, self.ts_der(), ers.reduced_tree(self.levels(), index))

    def index(self) -> dict[int, list[tuple[int, str, str | None, int]]]:
        """receipt id -> [(leaf index, "r" or "t", the batch a "t" renews, which of the
        receipt's records ending there it continues)]."""
        self._build_index()
        return self._index[0]

    def batch_refs(self) -> list[tuple[str, int]]:
        """(name of a batch renewed by time-stamp renewal, leaf index)."""
        self._build_index()
        return self._index[1]

    def _build_index(self) -> None:
        if self._index is None:
            rx: dict[int, list[tuple[int, str, str | None, int]]] = {}
            refs: list[tuple[str, int]] = []
            for n, it in enumerate(self.items):
                if it[0] == "r":
                    rx.setdefault(int(it[1]), []).append((n, "r", None, 0))
                elif it[0] == "t":
                    rx.setdefault(int(it[1]), []).append(
                        (n, "t", str(it[2]), int(it[3]) if len(it) > 3 else 0))
                elif it[0] == "b":
                    refs.append((str(it[1]), n))
            self._index = (rx, refs)

    def to_json(self) -> str:
        return json.dumps({
            "format": FORMAT, "version": VERSION, "id": self.id, "tsa": self.tsa, "url": self.url,
            "alg": self.alg, "created_at": self.created_at.isoformat(),
            "gen_time": self.gen_time.isoformat(),
            "not_after": self.not_after.isoformat() if self.not_after else None,
            "response_b64": base64.b64encode(self.response).decode(),
            "items": [list(i) for i in self.items], "leaves": [x.hex() for x in self.leaves],
        }, separators=(",", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Batch":
        d = json.loads(text)
        if d.get("format") != FORMAT or int(d.get("version", 0)) > VERSION:
            raise ValueError("not a ProofKit renewal batch this version reads")
        return cls(
            id=d["id"], tsa=d["tsa"], url=d["url"], alg=d["alg"],
            created_at=datetime.fromisoformat(d["created_at"]),
            gen_time=datetime.fromisoformat(d["gen_time"]),
            not_after=datetime.fromisoformat(d["not_after"]) if d.get("not_after") else None,
            response=base64.b64decode(d["response_b64"]),
            items=[tuple(i) for i in d["items"]], leaves=[bytes.fromhex(x) for x in d["leaves"]],
        )

    @classmethod
    def from_row(cls, r) -> "Batch":
        """From a :class:`proofkit.ledger.renewals.RenewalRow`."""
        size = hashlib.new(r.alg).digest_size
        leaves = [r.leaves[i:i + size] for i in range(0, len(r.leaves), size)]
        return cls(id=r.name, tsa=r.tsa_name, url=r.url, alg=r.alg, created_at=r.created_at,
                   gen_time=r.gen_time, not_after=r.not_after, response=r.response,
                   items=[tuple(i) for i in r.items], leaves=leaves)
