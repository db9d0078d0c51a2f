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
    PNG) compared with the target's latest version stamped with its fingerprint; the report
    goes into the bundle. Returns what went in and what was left out as not proof."""
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
    if compare is not None:
        from .model_stamps import comparison_for_bundle

        def comparison_for(collected):
            return comparison_for_bundle(session, collected, Path(compare), progress=progress)
    # originals changed on disk since come from the vault; evidence records go next to tokens
    return export_bundle(session.ledger, session.verifier(), target, out, lang=lang or system_lang(),
                         include_original=include_original or bool(picked), original_filter=original_filter,
                         list_filter=list_filter, author=session.settings.author_declaration(),
                         vault=vault_of(session), evidence=store_of(session), comparison_for=comparison_for)
