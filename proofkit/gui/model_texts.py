"""The sentence a model comparison's verdict comes with (what it shows and what it does not), in
the reader's language.

The core writes it in English (the CLI's and the bundle's contract) and puts its key and values
in the report (``explanation``); here the same templates, with the same {placeholders}, are
marked for lupdate and translated when shown, and the core's ``explain`` fills them in. A report
without an explanation (written by an older ProofKit) shows the core's English sentence."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CTX = "ModelSentences"

_SENTENCES = {
    "same_file": QT_TRANSLATE_NOOP(
        "ModelSentences",
        "SUSPECT is the very file MINE (equal SHA-256). This shows the bytes are identical; who made them "
        "first is what MINE's time stamps show."),
    "same_weights": QT_TRANSLATE_NOOP(
        "ModelSentences",
        "Same weights, re-encoded: {identical} of {tensors} tensors of SUSPECT are identical to MINE's ({how}), "
        "{share} of its parameters{tail}. Equal weights cannot arise by chance; this does not show who trained "
        "them, which MINE's time stamps (earlier than SUSPECT's publication) do."),
    "same_weights_lora": QT_TRANSLATE_NOOP(
        "ModelSentences",
        "Same LoRA, re-encoded: {same} of {modules} modules of SUSPECT make the same weight change as MINE's "
        "(effective change equal; factors rescaled or renamed: {renamed} names changed){tail}. This does not "
        "show who trained it; MINE's time stamps show which existed first."),
    "derived": QT_TRANSLATE_NOOP(
        "ModelSentences",
        "Derived from MINE: estimated share of MINE {share} over tensors covering {coverage} of SUSPECT's "
        "parameters ({identical} tensors identical){tail}. The share is an estimate from sampled values, not "
        "an exact proof of how SUSPECT was made."),
    "derived_no_base": QT_TRANSLATE_NOOP(
        "ModelSentences",
        " Without --base, a model fine-tuned from the same base as MINE also scores high; give the base model "
        "to tell a derivation from a common ancestor."),
    "no_evidence": QT_TRANSLATE_NOOP(
        "ModelSentences",
        "No evidence that SUSPECT derives from MINE: estimated share of MINE {share}, {identical} identical "
        "tensors{tail}. This does not prove independence: a heavily retrained copy can lose the traces this "
        "comparison looks for."),
    "picture_names_mine": QT_TRANSLATE_NOOP(
        "ModelSentences",
        "The picture names MINE: its {where} {value} equals MINE's {equals}. This shows what the picture's "
        "text says, written by whoever saved it; it does not prove the picture was made with MINE."),
    "picture_names_other": QT_TRANSLATE_NOOP(
        "ModelSentences",
        "The picture names a model, but not MINE (none of its hashes equals MINE's AutoV2, A1111 LoRA hash or "
        "claimed hash)."),
    "picture_names_nothing": QT_TRANSLATE_NOOP(
        "ModelSentences", "The picture carries no model hash{files}; it says nothing checkable about MINE."),
}
_HOW = {
    "bytes": QT_TRANSLATE_NOOP("ModelSentences", "{n} bytes"),
    "fp16": QT_TRANSLATE_NOOP("ModelSentences", "{n} after fp16 rounding"),
    "bf16": QT_TRANSLATE_NOOP("ModelSentences", "{n} after bf16 rounding"),
}
_TAIL = {
    "renamed": QT_TRANSLATE_NOOP("ModelSentences", "{n} names changed"),
    "metadata": QT_TRANSLATE_NOOP("ModelSentences", "metadata {n}"),
    "missing": QT_TRANSLATE_NOOP("ModelSentences", "{n} of MINE's tensors absent (pruned?)"),
}
_WORDS = {
    "none": QT_TRANSLATE_NOOP("ModelSentences", "none"),
    "sep": QT_TRANSLATE_NOOP("ModelSentences", ", "),
    "tail_sep": QT_TRANSLATE_NOOP("ModelSentences", "; "),
    "files": QT_TRANSLATE_NOOP("ModelSentences", " (it names files: {files})"),
    # the values of {n} in "metadata {n}"
    "removed": QT_TRANSLATE_NOOP("ModelSentences", "removed"),
    "changed": QT_TRANSLATE_NOOP("ModelSentences", "changed"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def model_sentence(report: dict) -> str:
    """The report's sentence in the language the application is showing."""
    from proofkit.app.comparing import explain

    expl = report.get("explanation")
    if not isinstance(expl, dict) or expl.get("key") not in _SENTENCES:
        return report.get("sentence") or ""
    args = dict(expl.get("args") or {})
    if args.get("tail"):
        args["tail"] = [[k, _t(_WORDS[n]) if k == "metadata" and n in _WORDS else n] for k, n in args["tail"]]
    try:
        return explain({"key": expl["key"], "args": args},
                       {k: _t(v) for k, v in _SENTENCES.items()},
                       {k: _t(v) for k, v in _HOW.items()}, {k: _t(v) for k, v in _TAIL.items()},
                       none=_t(_WORDS["none"]), sep=_t(_WORDS["sep"]), tail_sep=_t(_WORDS["tail_sep"]),
                       files=_t(_WORDS["files"]))
    except (KeyError, IndexError, ValueError, TypeError):  # a translation that lost a placeholder
        return report.get("sentence") or ""
