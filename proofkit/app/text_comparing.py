"""Comparing my manuscript with a suspected copy: the 调色盘 (palette) use case.

MINE is a file, a folder of chapters, or a work in the ledger. For a work, every stamped
version whose text can still be had is searched, and each passage found is attributed to the
earliest stamped version that already contained it, with that version's verified receipts
(re-verified now; a receipt that is pending or was refused is never shown as proof). The text of
a version is its stamped bytes: the file (or, for a folder, each file of its manifest) still at
its path with the stamped digest, else the copy the vault kept when it was stamped (checked
against the digest as it is read). A version whose bytes are neither is named in ``notes`` and
not searched.

SUSPECT is a file, a folder or a saved web page. Nothing here leaves the computer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from proofkit.core.errors import InputError
from proofkit.core.text import IDENTICAL, SUFFIXES, Comparison, Document, compare, prepare, read_any
from proofkit.core.text.chapters import Chapter
from proofkit.core.text.comparison import Side, number_and_summarise
from proofkit.core.timefmt import iso_utc

from .progress import SILENT, Progress
from .text_identities import digest_of as _digest_of
from .text_identities import IDENTITY_LIMIT, record_text_identities, text_identity  # noqa: F401 - re-exported

if TYPE_CHECKING:
    from proofkit.ledger import VersionRow

    from .session import Session

TEXT_SUFFIXES = frozenset(SUFFIXES)


def is_text_input(path: str | Path) -> bool:
    """A manuscript (or a folder holding manuscripts): what this comparison reads. Used by the
    front ends to send text to this use case and other inputs (models) elsewhere."""
    p = Path(path)
    if p.is_dir():
        return any(f.suffix.lower() in TEXT_SUFFIXES for f in p.rglob("*") if f.is_file())
    return p.suffix.lower() in TEXT_SUFFIXES


def check_text_inputs(mine: str | Path, suspect: str | Path) -> None:
    """Refuse, with one sentence, an existing MINE or SUSPECT that is not a manuscript."""
    for p in (Path(suspect), Path(mine)):
        if p.exists() and not is_text_input(p):
            raise InputError(f"{p}: not a manuscript (.txt, .docx, .epub, .md, .html, .pdf, or a folder "
                             "of them); compare reads text.")


@dataclass
class TextComparison:
    """The palette's findings, where MINE came from, and what could not be searched."""

    comparison: Comparison
    mine_kind: str  # "file", "folder" or "work"
    versions_searched: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out = self.comparison.to_json()
        out["mine"]["source"] = self.mine_kind
        out["versions_searched"] = self.versions_searched
        out["notes"] = self.notes
        return out


def _stamped_document(session: Session | None, path: Path, alg: str, digest_hex: str,
                      encoding: str | None) -> tuple[Document | None, str]:
    """The document of the stamped bytes ``alg:digest_hex``: the file at ``path`` if it still
    has them, else the vault's copy (checked against the digest as it is read). Returns
    (document or None, where it came from: "disk", "vault" or why not)."""
    from proofkit.core.text.reading import read_document

    try:
        if _digest_of(path, alg) == digest_hex:
            return read_document(path, encoding), "disk"
        why = f"the file at {path} has changed since it was stamped"
    except (OSError, InputError):
        why = f"the stamped file is no longer at {path}"
    if session is not None:
        import tempfile

        from proofkit.ledger.vault import VaultError

        from .keeping import vault_of

        vault = vault_of(session)
        if vault.has(alg, digest_hex):
            try:
                data = vault.read(alg, digest_hex)
            except VaultError as exc:
                return None, f"{why}, and the vault's copy cannot be used ({exc.message})"
            with tempfile.TemporaryDirectory(prefix="proofkit-compare-") as tmp:
                p = Path(tmp) / path.name  # the suffix tells the reader the format
                p.write_bytes(data)
                doc = read_document(p, encoding)
            return doc, "vault"
        why += " and the vault holds no copy of it"
    return None, why


def stamped_text(version: VersionRow, encoding: str | None = None,
                 session: Session | None = None) -> tuple[Document | None, str | None]:
    """The text of a stamped version (from disk, or from the vault when ``session`` is given),
    else (None, why)."""
    from proofkit.core.manifest import entry_pairs

    path = Path(version.path)
    label = f"version {version.id} ({version.file_name})"
    if version.kind == "file":
        if path.suffix.lower() not in TEXT_SUFFIXES:
            return None, f"{label} is not a manuscript file; not searched."
        doc, where = _stamped_document(session, path, version.hash_alg, version.digest_hex, encoding)
        if doc is None:
            return None, f"{label}: {where}; not searched."
        return doc, None
    # a folder: each manuscript file of its manifest, from disk or the vault
    parts: list[str] = []
    chapters: list[Chapter] = []
    missing = 0
    pos = 0
    for digest, rel in entry_pairs(version.manifest_text or ""):
        f = path / rel
        if f.suffix.lower() not in TEXT_SUFFIXES:
            continue
        d, _where = _stamped_document(session, f, "sha256", digest, encoding)
        if d is None:
            missing += 1
            continue
        for ch in d.chapters or [Chapter("", 0, len(d.text))]:
            chapters.append(Chapter(ch.title, ch.start + pos, ch.end + pos, rel))
        parts.append(d.text)
        pos += len(d.text) + 1
    if not parts:
        return None, (f"{label}: none of its stamped manuscript files is on disk unchanged or in the "
                      "vault; not searched.")
    note = (f"{label}: {missing} stamped file(s) changed or missing and not in the vault; the others "
            "were searched." if missing else None)
    return Document(version.file_name, "\n".join(parts), "folder", "folder", chapters), note


def _provenance(session: Session, version: VersionRow, cache: dict[int, dict]) -> dict[str, Any]:
    """The version and its receipts that verify today (the others are counted, never shown as
    proof); ``cache`` keeps each version's answer for the other 事件 of one comparison."""
    if version.id in cache:
        return dict(cache[version.id])
    cache[version.id] = _verified_times(session, version)
    return dict(cache[version.id])


def _verified_times(session: Session, version: VersionRow) -> dict[str, Any]:
    from .verifying import check_receipt

    verifier = session.verifier()
    times, not_proof = [], 0
    for r in session.ledger.receipts(version_id=version.id):
        verdict = check_receipt(verifier, r, bytes.fromhex(version.digest_hex), version.hash_alg)
        if verdict is not None and verdict.ok and verdict.gen_time is not None:
            times.append(f"{r.tsa_name}: {iso_utc(verdict.gen_time)}")
        else:
            not_proof += 1
    return {
        "version_id": version.id,
        "label": f"#{version.id} {version.file_name} ({iso_utc(version.created_at)})",
        "digest": version.digest_hex,
        "hash_alg": version.hash_alg,
        "times": sorted(times, key=lambda t: t.split(": ", 1)[1]),
        "verified_receipts": len(times),
        "note": (f"{not_proof} receipt(s) pending or not verified: not proof" if not_proof else
                 ("" if times else "no verified receipt: not proof of time")),
    }


def compare_texts(session: Session | None, mine: str, suspect: str, *, encoding: str | None = None,
                  rewritten: bool = True, progress: Progress = SILENT) -> TextComparison:
    """Compare MINE (a file, a folder, or a work title in the ledger) with SUSPECT (a file,
    folder or saved web page). ``encoding`` forces the text encoding of plain-text inputs."""
    suspect_doc = read_any(suspect, encoding)
    sp = prepare(suspect_doc)
    if not len(sp.norm):
        raise InputError(f"{suspect}: no text found to compare.")
    mine_path = Path(mine)
    if mine_path.exists():
        doc = read_any(mine_path, encoding)
        mp = prepare(doc)
        if not len(mp.norm):
            raise InputError(f"{mine}: no text found to compare.")
        result = compare(mp, sp, rewritten=rewritten, progress=progress)
        return TextComparison(result, "folder" if mine_path.is_dir() else "file")
    if session is None:
        raise InputError(f"{mine}: no such file or folder.")
    work = session.ledger.find_work(mine)
    if work is None:
        raise InputError(f"{mine}: no such file, folder, or work in the ledger.")
    return _compare_work(session, work, sp, encoding=encoding, rewritten=rewritten, progress=progress)


def _compare_work(session, work, sp, *, encoding, rewritten, progress) -> TextComparison:
    versions = sorted(session.ledger.versions(work.id), key=lambda v: (v.created_at, v.id))
    notes: list[str] = []
    texts: list[tuple[VersionRow, Any]] = []  # (version, Prepared) in stamping order
    seen: dict[str, Any] = {}
    for v in versions:
        doc, note = stamped_text(v, encoding, session)
        if note:
            notes.append(note)
        if doc is None:
            continue
        p = prepare(doc)
        # the same text stamped again (another format, a re-stamp): one search, earliest version
        seen.setdefault(p.sha256, p)
        texts.append((v, p))
    if not texts:
        raise InputError(f"None of the stamped versions of \u201c{work.title}\u201d is on disk unchanged, so "
                         "there is no stamped text to compare (" + "; ".join(notes) + ").")
    searched: dict[str, tuple[VersionRow, Any, Comparison]] = {}
    for v, p in texts:
        if p.sha256 in searched or seen[p.sha256] is not p:
            continue
        searched[p.sha256] = (v, p, compare(p, sp, rewritten=rewritten, progress=progress))
    # one 事件 per stretch of the suspect: the version with the most identical characters there
    candidates = [(e, v, p) for v, p, c in searched.values() for e in c.events]
    candidates.sort(key=lambda t: (-t[0].identical, -t[0].similarity, t[1].created_at, t[1].id))
    taken: list[tuple[int, int]] = []
    events = []
    prov: dict[int, dict] = {}
    for e, _v, p in candidates:
        span = (e.suspect.norm_start, e.suspect.norm_end)
        if any(a < span[1] and span[0] < b for a, b in taken):
            continue
        taken.append(span)
        events.append(e)
        # attribute it to the earliest stamped version whose text already contains the passage
        needle = p.norm.text[e.mine.norm_start : e.mine.norm_end]
        for v2, p2 in texts:
            if needle in p2.norm.text:
                e.provenance = _provenance(session, v2, prov)
                break
    summary = number_and_summarise(events, len(sp.norm))
    latest = texts[-1][1]
    mine_side = Side(work.title, "work", ", ".join(sorted({p.document.encoding for _, p in texts})),
                     len(latest.document.text), latest.sha256)
    sd = sp.document
    comparison = Comparison(mine_side, Side(sd.name, sd.kind, sd.encoding, len(sd.text), sp.sha256),
                            events, summary, latest.document.text, sd.text)
    return TextComparison(comparison, "work", [v.id for v, _, _ in searched.values()], notes)


def palette_html(result: TextComparison) -> str:
    """The palette as the self-contained HTML page ``write_outputs`` writes (for display)."""
    from proofkit.core.text.palette import render_html

    return render_html(result.comparison)


def statement(lang: str) -> str:
    """What a palette proves and what it does not, in ``lang`` ("zh" or "en")."""
    from proofkit.core.text.comparison import STATEMENT

    return STATEMENT["zh" if lang.startswith("zh") else "en"]


def stamp_found_copy(session: Session, suspect: str | Path, work: str, *,
                     progress: Progress = SILENT) -> list:
    """Stamp the suspected copy as it was found ("this is what I found online on this date"), as
    its own work ``work`` (never a version of the author's own work). Returns the stamp results."""
    from .stamping import stamp

    work = (work or "").strip()
    if not work:
        raise InputError("Give the found copy a work title.")
    return stamp(session, [Path(suspect)], work=work, progress=progress)


def write_outputs(result: TextComparison, out: Path) -> list[Path]:
    """Write the palette as ``out``: .html (self-contained), .pdf, .json or .csv by its suffix;
    a folder gets all four (palette.html, palette.pdf, matches.json, matches.csv)."""
    from proofkit.core.files import atomic_write
    from proofkit.core.text.palette import render_csv, render_html

    def html() -> bytes:
        return render_html(result.comparison).encode("utf-8")

    def pdf() -> bytes:
        from proofkit.bundle.palette_pdf import render_palette_pdf

        return render_palette_pdf(result.comparison)

    def js() -> bytes:
        import json

        return json.dumps(result.to_json(), ensure_ascii=False, indent=1).encode("utf-8")

    def csv_() -> bytes:
        return render_csv(result.comparison).encode("utf-8-sig")  # Excel reads UTF-8 with a BOM

    makers = {".html": html, ".htm": html, ".pdf": pdf, ".json": js, ".csv": csv_}
    if out.is_dir():
        targets = [(out / "palette.html", html), (out / "palette.pdf", pdf), (out / "matches.json", js),
                   (out / "matches.csv", csv_)]
    else:
        maker = makers.get(out.suffix.lower())
        if maker is None:
            raise InputError(f"{out}: give a .html, .pdf, .json or .csv file name, or a folder.")
        if not out.parent.exists():
            raise InputError(f"{out.parent}: no such folder.")
        targets = [(out, maker)]
    for path, maker in targets:
        data = maker()
        with atomic_write(path) as f:
            f.write(data)
    return [p for p, _ in targets]


__all__ = ["IDENTICAL", "TextComparison", "check_text_inputs", "palette_html", "stamp_found_copy", "statement", "compare_texts", "is_text_input", "record_text_identities",
           "stamped_text", "text_identity", "write_outputs"]
