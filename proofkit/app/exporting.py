"""Exporting an evidence bundle (zip + PDF) of a work, a version, a receipt or a file: what
goes to a platform, a lawyer or a court. Every receipt is re-verified on the way out; what
is not proof now is listed as such, never presented as proof."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from proofkit.core.errors import InputError

from .progress import SILENT, Progress

if TYPE_CHECKING:
    from proofkit.bundle.collect import Collected

    from .session import Session


def export(session: "Session", target: str, out: Path, *, lang: str | None = None,
           include_original: bool = False, originals: Sequence[str] = (), original_filter=None,
           replace: bool = False, compare: Path | None = None, progress: Progress = SILENT) -> "Collected":
    """Write the bundle of ``target`` (a work title, a version id, ``r<receipt id>`` or a
    file path) to ``out``. ``originals``: put only these originals in (file names or paths
    inside a stamped folder); ``original_filter(version, rel) -> bool`` picks them otherwise.
    An existing ``out`` is replaced only when ``replace`` (the command line's habit; the
    app asks first). The author's declared identity (settings) is printed in the bundle,
    labelled as declared, not proven. ``compare``: a suspect model (or fingerprint, or sample
    PNG) compared with the target's latest version stamped with its fingerprint, or a suspect
    manuscript compared with every stamped version of the target's work (the palette); the
    report goes into the bundle. Returns what went in and what was left out as not proof."""
    from proofkit.bundle.export import export_bundle, system_lang

    out = Path(out)
    if out.is_dir():
        raise InputError(f"{out}: is a folder; give the bundle's file name, e.g. -o evidence.zip.")
    if out.exists() and not replace:
        raise InputError(f"{out}: already exists; choose a new file name.")
    picked = set(originals)
    list_filter = None
    if picked:
        original_filter = lambda _v, rel: rel in picked  # noqa: E731
        list_filter = original_filter  # the files picked are the ones the report lists
    from .keeping import vault_of
    from .renewing import store_of

    comparison_for = None
    if compare is not None and _is_manuscript(Path(compare)):
        def comparison_for(collected):
            return palette_for_bundle(session, collected, Path(compare), progress=progress)
    elif compare is not None:
        from .model_stamps import comparison_for_bundle

        def comparison_for(collected):
            return comparison_for_bundle(session, collected, Path(compare), progress=progress)
    # originals changed on disk since come from the vault; evidence records go next to tokens
    return export_bundle(session.ledger, session.verifier(), target, out, lang=lang or system_lang(),
                         include_original=include_original or bool(picked), original_filter=original_filter,
                         list_filter=list_filter, author=session.settings.author_declaration(),
                         vault=vault_of(session), evidence=store_of(session), comparison_for=comparison_for)


def _is_manuscript(path: Path) -> bool:
    from .comparing import input_kind
    from .text_comparing import is_text_input

    return input_kind(path) is None and is_text_input(path)


def palette_for_bundle(session: "Session", collected, suspect: Path, *, progress: Progress = SILENT) -> dict:
    """`export WORK --compare SUSPECT` for a manuscript: SUSPECT compared with every stamped version
    of the bundle's work (each 事件 attributed to the earliest version containing it, with its
    verified receipts), SUSPECT's own SHA-256 recorded; palette.pdf and palette.html go in too."""
    import hashlib

    from proofkit.bundle.palette_pdf import render_palette_pdf
    from proofkit.core.text.palette import render_html

    from .text_comparing import compare_texts

    res = compare_texts(session, collected.work.title, str(suspect), progress=progress)
    doc = res.to_json()
    h = hashlib.sha256()
    size = 0
    if suspect.is_file():
        with open(suspect, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
                size += len(chunk)
        doc["suspect_file"] = {"name": suspect.name, "size": size, "sha256": h.hexdigest()}
    else:
        doc["suspect_file"] = {"name": suspect.name, "size": None, "sha256": None}
    s = res.comparison.summary
    doc["verdict"] = "passages_found" if s.events else "no_passage_found"
    doc["sentence"] = (f"{s.events} 事件 ({s.identical_events} identical, {s.rewritten_events} rewritten); "
                       f"{s.identical_chars} identical characters (雷同字数)")
    collected.comparison_files = {"palette.html": render_html(res.comparison).encode("utf-8"),
                                  "palette.pdf": render_palette_pdf(res.comparison, collected.export_time)}
    return doc
