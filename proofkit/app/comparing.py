"""Model fingerprints and "is this re-upload mine?", for both front ends.

``fingerprint`` computes a model file's fingerprint (core/models); ``compare_models`` compares
SUSPECT with MINE, each side a model file or a saved fingerprint (``.json``), SUSPECT also a
sample picture (PNG text chunks); ``input_kind`` says which of these a path is, so a front
end can send other inputs (manuscripts) to their own comparison."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from proofkit.core.errors import InputError
from proofkit.core.files import unreadable

from .progress import SILENT, Progress

if TYPE_CHECKING:
    from .session import Session
    from .text_comparing import TextComparison

#: a saved fingerprint is small; a larger ".json" is not one
MAX_FINGERPRINT_BYTES = 256 << 20


@dataclass(frozen=True)
class Fingerprint:
    path: Path
    doc: dict
    data: bytes  # canonical JSON: what is stored and stamped

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class ModelComparison:
    mine: Path
    suspect: Path
    base: Path | None
    report: dict

    @property
    def verdict(self) -> str:
        return self.report["verdict"]

    @property
    def evidence(self) -> bool:
        """Whether the comparison found MINE in SUSPECT (what ``proofkit compare`` exits 0 on)."""
        return self.verdict in ("same_file", "same_weights", "derived", "picture_names_mine")


def input_kind(path: str | Path) -> str | None:
    """"model", "fingerprint", "picture", or None (not an input of the model comparison)."""
    from proofkit.core.models.containers import is_model_file
    from proofkit.core.models.images import is_png

    p = Path(path)
    if not p.is_file():
        return None
    if is_model_file(p):
        return "model"
    if is_png(p):
        return "picture"
    try:
        with open(p, "rb") as f:
            head = f.read(1 << 16)  # "format" follows "architecture" and "claims" (sorted keys)
    except OSError:
        return None
    if head.lstrip().startswith(b"{") and b"proofkit-model-fingerprint" in head:
        return "fingerprint"
    return None


_STAMPED = re.compile(r"[vV]?(\d+)")


def stamped_version_id(mine: str | Path) -> int | None:
    """The version id when MINE names a ledger version stamped with its fingerprint (``vN`` or
    ``N`` that is not an existing file), else None."""
    m = _STAMPED.fullmatch(str(mine))
    return int(m.group(1)) if m and not Path(mine).exists() else None


def comparison_kind(mine: str | Path, suspect: str | Path, base: str | Path | None = None) -> str:
    """Which comparison a pair of inputs goes to, the rule both front ends use: "model" when any
    input is a model file, a model fingerprint, a sample picture or (MINE) a version stamped
    with its fingerprint; "text" (manuscripts) when none is. A mixed pair is refused with a
    sentence naming the input that does not fit."""
    kinds = [input_kind(mine), input_kind(suspect)]
    if kinds[0] is None and stamped_version_id(mine) is not None:
        kinds[0] = "stamped"
    if base:
        kinds.append(input_kind(base))
    if not any(kinds):
        return "text"
    for path, kind in zip((mine, suspect, base), kinds):
        if kind is None:
            if not Path(path).exists():
                raise InputError(f"{path}: no such file.")
            raise InputError(f"{path}: is not a model file, a model fingerprint or a PNG picture, "
                             "so there is nothing to compare it with as a model.")
    return "model"


def compare_stamped(session: "Session", version_id: int, suspect: str | Path, *,
                    base: str | Path | None = None, progress: Progress = SILENT) -> ModelComparison:
    """SUSPECT compared with the fingerprint of ledger version ``version_id`` (stamped with
    ``--fingerprint``; checked against the stamped digest); the report carries MINE's stamps."""
    from .model_stamps import stamp_summary, version_fingerprint

    version, mine = version_fingerprint(session, version_id)
    stamps = stamp_summary(session, version)
    c = compare_models(mine, suspect, base=base, progress=progress)
    c.report["mine_stamps"] = stamps
    return c


def compare_any(session: "Session", mine: str | Path, suspect: str | Path, *,
                base: str | Path | None = None, encoding: str | None = None, rewritten: bool = True,
                progress: Progress = SILENT) -> "ModelComparison | TextComparison":
    """``proofkit compare`` as one call: models (MINE a file, a fingerprint or a stamped version)
    or manuscripts (MINE a file, a folder or a work of the ledger), by :func:`comparison_kind`."""
    if comparison_kind(mine, suspect, base) == "text":
        from .text_comparing import check_text_inputs, compare_texts

        if base:
            raise InputError("--base is for models; a manuscript comparison has no base.")
        check_text_inputs(mine, suspect)
        return compare_texts(session, str(mine), str(suspect), encoding=encoding, rewritten=rewritten,
                             progress=progress)
    vid = stamped_version_id(mine) if input_kind(mine) is None else None
    if vid is not None:
        return compare_stamped(session, vid, suspect, base=base, progress=progress)
    return compare_models(mine, suspect, base=base, progress=progress)


@dataclass(frozen=True)
class LedgerChoice:
    """Something in the ledger that can be MINE: a model version stamped with its fingerprint
    (``mine`` = "v<id>") or a work whose stamped manuscripts are searched (``mine`` = its title)."""

    kind: str  # "model" or "work"
    mine: str
    title: str
    file_name: str


def ledger_choices(session: "Session") -> list[LedgerChoice]:
    """What the ledger offers as MINE, latest first: each version stamped with a fingerprint and
    each other work."""
    ledger = session.ledger
    fingerprinted = ledger.fingerprinted_version_ids()
    out: list[LedgerChoice] = []
    model_works = set()
    for vid in sorted(fingerprinted, reverse=True):
        v = ledger.get_version(vid)
        if v is not None:
            out.append(LedgerChoice("model", f"v{v.id}", v.work_title, v.file_name))
            model_works.add(v.work_title)
    for w in reversed(ledger.works()):
        if w.title not in model_works:
            out.append(LedgerChoice("work", w.title, w.title, ""))
    return out


def fingerprint(path: str | Path, *, progress: Progress = SILENT) -> Fingerprint:
    """The fingerprint of one model file, read once (progress in bytes, cancellable)."""
    from proofkit.core.models import fingerprint as fp

    p = Path(path)
    progress.event("hashing", {"path": p})
    doc = fp.fingerprint_file(p, progress=progress.update, cancel=progress)
    progress.event("hashed", {"path": p, "hash_alg": "sha256", "digest": bytes.fromhex(doc["file"]["sha256"])})
    return Fingerprint(p, doc, fp.to_bytes(doc))


def load_fingerprint(path: str | Path) -> Fingerprint:
    from proofkit.core.models import fingerprint as fp

    p = Path(path)
    try:
        if p.stat().st_size > MAX_FINGERPRINT_BYTES:
            raise InputError(f"{p}: is too large to be a model fingerprint.")
        data = p.read_bytes()
    except OSError as exc:
        raise unreadable(p, exc) from None
    try:
        doc = fp.load(data)
    except InputError as exc:
        raise InputError(f"{p}: {exc.message}") from None
    return Fingerprint(p, doc, fp.to_bytes(doc))


def _side(path: Path, what: str, progress: Progress) -> Fingerprint:
    kind = input_kind(path)
    if kind == "model":
        return fingerprint(path, progress=progress)
    if kind == "fingerprint":
        return load_fingerprint(path)
    if not path.exists():
        raise InputError(f"{path}: no such file.")
    raise InputError(f"{path}: {what} must be a model file (.safetensors, .ckpt/.pt/.bin, .gguf) "
                     "or a ProofKit model fingerprint (.json).")


def compare_models(mine: "str | Path | Fingerprint", suspect: str | Path, *,
                   base: str | Path | None = None, progress: Progress = SILENT) -> ModelComparison:
    """Compare SUSPECT (a model, a fingerprint, or a sample PNG) with MINE (a model, a
    fingerprint file, or a Fingerprint already loaded, e.g. a stamped one from the ledger);
    with ``base``, on differences from that base model.

    Model files given here are read once each, at the same time (one thread per file), and
    only for what the comparison uses (the fingerprint's "comparison" scope: no ecosystem
    hashes); a saved or stamped fingerprint is used as it is."""
    from proofkit.core.models.compare import compare, compare_picture
    from proofkit.core.models.images import text_chunks

    suspect = Path(suspect)
    base_path = Path(base) if base is not None else None
    if input_kind(suspect) == "picture":
        if base_path is not None:
            raise InputError("--base compares models; it has no meaning for a picture.")
        if isinstance(mine, Fingerprint):  # the picture is matched against MINE's full hashes
            m, mine = mine, mine.path
        else:
            mine = Path(mine)
            m = _side(mine, "MINE", progress)
        report = compare_picture(m.doc, text_chunks(suspect), suspect.name)
        return ModelComparison(mine, suspect, None, report)
    if isinstance(mine, Fingerprint):
        sides: list = [mine.doc]
        mine = mine.path
    else:
        mine = Path(mine)
        sides = [mine]
    sides.append(suspect)
    if base_path is not None:
        sides.append(base_path)
    docs = comparison_docs(sides, ("MINE", "SUSPECT", "the base"), progress=progress)
    report = compare(docs[0], docs[1], docs[2] if base_path is not None else None)
    return ModelComparison(mine, suspect, base_path, report)


def comparison_docs(sides: list, roles=("MINE", "SUSPECT", "the base"), *,
                    progress: Progress = SILENT) -> list[dict]:
    """The documents a comparison needs, one per side (a fingerprint document already loaded,
    a saved fingerprint file, or a model file): model files are read together, each by its
    own thread, in the fingerprint's comparison scope."""
    from proofkit.core.models import fingerprint as fp

    docs: list = [None] * len(sides)
    reads: list[tuple[int, Path]] = []
    for i, (side, role) in enumerate(zip(sides, roles)):
        if isinstance(side, dict):
            docs[i] = side
            continue
        path = Path(side)
        kind = input_kind(path)
        if kind == "fingerprint":
            docs[i] = load_fingerprint(path).doc
        elif kind == "model":
            reads.append((i, path))
        elif not path.exists():
            raise InputError(f"{path}: no such file.")
        else:
            raise InputError(f"{path}: {role} must be a model file (.safetensors, .ckpt/.pt/.bin, .gguf) "
                             "or a ProofKit model fingerprint (.json).")
    for _, path in reads:
        progress.event("hashing", {"path": path})
    # Every side read from its file now: no stored SHA-256 to match, so the tensors are hashed
    # with the faster BLAKE3 (fingerprint.TENSOR_HASHES); a single file (the verify fallback's
    # index look-up) or a mix with a saved or stamped fingerprint keeps SHA-256.
    alg = "blake3" if len(reads) >= 2 and len(reads) == len(sides) else "sha256"
    got = fp.fingerprint_files([p for _, p in reads], scope="comparison", progress=progress.update,
                               cancel=progress, tensor_hash=alg)
    for (i, path), doc in zip(reads, got):
        docs[i] = doc
        progress.event("hashed", {"path": path, "hash_alg": "sha256",
                                  "digest": bytes.fromhex(doc["file"]["sha256"])})
    return docs


def explain(explanation: dict, sentences: dict | None = None, how: dict | None = None,
            tail: dict | None = None, **words: str) -> str:
    """A model verdict's sentence from its ``explanation`` (report["explanation"]) and templates
    in the reader's language (English, the core's own, for any not given): the core's rule
    (``proofkit.core.models.compare.explain``) for the front ends."""
    from proofkit.core.models import compare as cmp

    return cmp.explain(explanation, sentences or cmp.SENTENCES, how or cmp.HOW, tail or cmp.TAIL, **words)


def write_report(comparison: ModelComparison, out: str | Path) -> Path:
    """The comparison as a self-contained HTML page (``.html``), a PDF report in Chinese and
    English with the CJK font embedded (``.pdf``) or the report itself (``.json``)."""
    from proofkit.core.files import atomic_write
    from proofkit.core.models.report import html_report

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix in (".html", ".htm"):
        data = html_report(comparison.report).encode("utf-8")
    elif suffix == ".pdf":
        from proofkit.bundle.model_report_pdf import render_model_report_pdf

        data = render_model_report_pdf(comparison.report)
    elif suffix == ".json":
        import json

        data = json.dumps(comparison.report, ensure_ascii=False, indent=1).encode("utf-8")
    else:
        raise InputError(f"{out}: give a report name ending in .html, .pdf or .json.")
    if not out.parent.exists():
        raise InputError(f"{out.parent}: no such folder.")
    try:
        with atomic_write(out) as f:
            f.write(data)
    except OSError as exc:
        raise unreadable(out, exc, "report file") from None
    return out


__all__ = ["Fingerprint", "LedgerChoice", "ModelComparison", "ledger_choices", "compare_any", "compare_models", "compare_stamped",
           "comparison_docs", "comparison_kind", "explain", "fingerprint", "input_kind", "load_fingerprint", "stamped_version_id",
           "write_report"]
