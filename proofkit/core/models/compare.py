"""Is SUSPECT made from MINE? A comparison of two fingerprints, in numbers, with a verdict.

It works from the fingerprints alone (a stamped fingerprint is enough; the original file is
optional), so the same two models give the same report from files or from stored
fingerprints.

Tensors are paired in this order: by content (identical raw bytes; identical after canonical
rounding to fp16 or bf16), then by name and shape, then, for tensors left over (renamed and
altered), by shape and the most similar sketch (cosine >= ``PAIR_MIN_COSINE``). Tensors with
fewer than ``MIN_INFORMATIVE`` elements or a single repeated value (a zero bias, an
all-ones norm) are left out: they are equal in unrelated models and prove nothing.

For paired tensors that are not identical, the cosine similarity and the merge share are
estimated from the sketches (256 values at the same seeded positions in both): the share of
MINE in SUSPECT is the parameter-weighted mean over paired tensors of <s, m> / <m, m> on
their sketches (each tensor's own scale cancels); it is 1 for a copy, about 0.9 for a 90/10 weighted merge with an unrelated
model, about 0 for an unrelated model. With ``--base`` both are computed on the differences
from the base model (s - b, m - b): fine-tunes of one base resemble each other; their
differences from it do not. Tensors MINE left as in the base carry no evidence and are
skipped.

Verdict thresholds (``THRESHOLDS``), checked in this order:
  same_file     the file SHA-256 values are equal;
  same_weights  >= 99 % of SUSPECT's informative parameters are identical to MINE's (bytes,
                or after fp16 / bf16 rounding); for LoRAs, >= 99 % of SUSPECT's modules have
                an effective change equal to one of MINE's (cosine >= 0.9999, norm within
                0.5 %), however the factors are scaled or named;
  derived       the estimated share of MINE is >= 20 % over tensors covering >= 50 % of
                SUSPECT's informative parameters;
  no_evidence   otherwise."""

from __future__ import annotations

import math
import re
from collections import defaultdict

import numpy as np

from ..errors import InputError
from . import canonical

REPORT_FORMAT = "proofkit-model-comparison"
REPORT_VERSION = 1
MIN_INFORMATIVE = 16
PAIR_MIN_COSINE = 0.5
THRESHOLDS = {
    "same_weights_identical_share": 0.99,
    "lora_same_cosine": 0.9999,
    "lora_same_norm_ratio": 0.005,
    "lora_same_module_share": 0.99,
    "derived_share": 0.20,
    "derived_coverage": 0.50,
}
HIST_EDGES = (-1.0, 0.0, 0.5, 0.9, 0.99, 0.999, 1.0)
HIST_LABELS = ("< 0", "0 - 0.5", "0.5 - 0.9", "0.9 - 0.99", "0.99 - 0.999", ">= 0.999")


class _T:
    __slots__ = ("i", "name", "shape", "numel", "raw", "f16", "bf16", "sk", "informative", "doc")

    def __init__(self, i: int, rec: dict, doc: str, alg: str = "sha256") -> None:
        self.i = i
        self.doc = doc
        self.name = rec["name"]
        self.shape = tuple(rec["shape"])
        self.numel = int(rec["numel"])
        self.raw, self.f16, self.bf16 = rec[alg], rec.get(f"{alg}_fp16"), rec.get(f"{alg}_bf16")
        self.sk = canonical.unpack_f32(rec["sketch"], np.float64)
        st = rec.get("stats") or {}
        constant = st.get("min") is not None and st.get("min") == st.get("max")
        # Integer buffers (position ids, step counters) are the same in every model of a
        # family and are not trained weights.
        self.informative = self.numel >= MIN_INFORMATIVE and not constant and self.f16 is not None

    @property
    def weight(self) -> float:
        return self.numel / len(self.sk) if len(self.sk) else 0.0


def tensor_hash(doc: dict) -> str:
    """The algorithm a document's per-tensor hashes use: "sha256" (every stored fingerprint) or
    "blake3" (a comparison-scope document of files compared together; see
    ``fingerprint.TENSOR_HASHES``)."""
    return doc.get("tensor_hash") or "sha256"


def _tensors(doc: dict, side: str) -> list[_T]:
    alg = tensor_hash(doc)
    if alg not in ("sha256", "blake3"):
        raise InputError(f"The {side} fingerprint hashes its tensors with {str(alg)[:20]!r}, "
                         "which this ProofKit does not know.")
    try:
        return [_T(i, r, side, alg) for i, r in enumerate(doc["tensors"])]
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"The {side} fingerprint is damaged ({type(exc).__name__}).") from None


def _cos(a: np.ndarray, b: np.ndarray) -> float | None:
    na, nb = float(a @ a), float(b @ b)
    if na <= 0 or nb <= 0:
        return None
    return max(-1.0, min(1.0, float(a @ b) / math.sqrt(na * nb)))


_PART = re.compile(r"[^._]+")


def block_of(name: str) -> str:
    """The block a tensor belongs to, for the per-block table: its name up to the first
    number and one more part ("model.diffusion_model.input_blocks.4.1")."""
    found = list(_PART.finditer(name))
    ends = [m.end() for m in found]
    parts = [m.group() for m in found]
    for i, p in enumerate(parts):
        if p.isdigit():
            return name[: ends[min(i + 1, len(parts) - 2)]] if len(parts) > 1 else name
    return name[: ends[min(2, len(ends) - 1)]] if ends else name


def _pair(mine: list[_T], sus: list[_T]) -> list[tuple[_T, _T, str]]:
    by = {k: defaultdict(list) for k in ("raw", "f16", "bf16")}
    for t in mine:
        if t.informative:
            by["raw"][t.raw].append(t)
            if t.f16:
                by["f16"][t.f16].append(t)
            if t.bf16:
                by["bf16"][t.bf16].append(t)
    used: set[int] = set()
    pairs: list[tuple[_T, _T, str]] = []
    rest: list[_T] = []

    def pick(cands: list[_T], name: str) -> _T:
        free = [c for c in cands if c.i not in used] or cands  # tied weights may repeat
        return next((c for c in free if c.name == name), free[0])

    for s in sus:
        if not s.informative:
            continue
        for how, table, key in (("bytes", "raw", s.raw), ("fp16", "f16", s.f16), ("bf16", "bf16", s.bf16)):
            if key and by[table].get(key):
                m = pick(by[table][key], s.name)
                used.add(m.i)
                pairs.append((m, s, how))
                break
        else:
            rest.append(s)
    mine_by_name = {t.name: t for t in mine if t.informative}
    left = []
    for s in rest:
        m = mine_by_name.get(s.name)
        if m is not None and m.i not in used and m.shape == s.shape:
            used.add(m.i)
            pairs.append((m, s, "name"))
        else:
            left.append(s)
    by_shape = defaultdict(list)
    for t in mine:
        if t.informative and t.i not in used:
            by_shape[t.shape].append(t)
    groups = {shape: _Candidates([t.sk for t in ts], ts) for shape, ts in by_shape.items()}
    for s in left:
        g = groups.get(s.shape)
        if g is None:
            continue
        k = g.best(s.sk, PAIR_MIN_COSINE, last=True)  # ties: the last, as a ">=" scan would
        if k is not None:
            best = g.items[k]
            used.add(best.i)
            pairs.append((best, s, "similar"))
    return pairs


class _Candidates:
    """Sketches of one shape (or one LoRA module size), to pick the most similar unused one
    for each tensor of the other model with one matrix-vector product instead of a Python
    loop over candidates (two unrelated 700-module LoRAs: ~200,000 cosines)."""

    def __init__(self, sketches: list[np.ndarray], items: list) -> None:
        self.items = items
        self.free = np.ones(len(items), dtype=bool)
        m = np.array(sketches, dtype=np.float64).reshape(len(items), -1)
        norms = np.sqrt(np.einsum("ij,ij->i", m, m))
        self.ok = norms > 0
        self.unit = m / np.where(self.ok, norms, 1.0)[:, None]

    def best(self, sk: np.ndarray, floor: float, *, last: bool) -> int | None:
        """Index of the free candidate with the highest cosine to ``sk`` if it is >= ``floor``
        (then it is no longer free), else None."""
        if not self.free.any() or self.unit.shape[1] != len(sk):
            return None
        n = float(np.sqrt(sk @ sk))
        if not n > 0:
            return None
        c = np.clip(self.unit @ (sk / n), -1.0, 1.0)
        c[~(self.free & self.ok)] = -np.inf
        k = len(c) - 1 - int(np.argmax(c[::-1])) if last else int(np.argmax(c))
        if not c[k] >= floor:
            return None
        self.free[k] = False
        return k


def _base_lookup(base_doc: dict | None, mine: list[_T]):
    if base_doc is None:
        return None
    base = _tensors(base_doc, "base")
    by_name = {t.name: t for t in base}
    by_hash = {}
    for t in base:
        for h in (t.raw, t.f16, t.bf16):
            if h:
                by_hash.setdefault(h, t)
    by_shape = defaultdict(list)
    for t in base:
        by_shape[t.shape].append(t)
    out = {}
    for m in mine:
        b = by_name.get(m.name)
        if b is None or b.shape != m.shape:
            b = next((by_hash[h] for h in (m.raw, m.f16, m.bf16) if h and h in by_hash), None)
        if b is None:
            cands = by_shape.get(m.shape, [])
            scored = [(c, _cos(m.sk, c.sk)) for c in cands]
            scored = [(c, v) for c, v in scored if v is not None and v >= PAIR_MIN_COSINE]
            b = max(scored, key=lambda cv: cv[1])[0] if scored else None
        out[m.i] = b
    return out


def _lora(mine_doc: dict, sus_doc: dict) -> dict | None:
    ml, sl = mine_doc.get("lora"), sus_doc.get("lora")
    if not ml or not sl:
        return None
    def mods(doc):
        return [(m["name"], (m["out"], m["in"]), canonical.unpack_f32(m["sketch"], np.float64))
                for m in doc["modules"]]
    mine, sus = mods(ml), mods(sl)
    by_dims = defaultdict(list)
    for j, (_, dims, _) in enumerate(mine):
        by_dims[dims].append(j)
    groups = {dims: _Candidates([mine[j][2] for j in js], js) for dims, js in by_dims.items()}
    num = den = 0.0
    same = paired = renamed = 0
    cosines = []
    for name, dims, s in sus:
        g = groups.get(dims)
        k = g.best(s, PAIR_MIN_COSINE, last=False) if g is not None else None  # ties: the first
        if k is None:
            continue
        best = g.items[k]
        best_c = _cos(mine[best][2], s)
        paired += 1
        m = mine[best][2]
        num += float(s @ m)
        den += float(m @ m)
        cosines.append(best_c)
        ratio = math.sqrt(float(s @ s) / float(m @ m)) if float(m @ m) > 0 else 0.0
        if best_c >= THRESHOLDS["lora_same_cosine"] and abs(ratio - 1) <= THRESHOLDS["lora_same_norm_ratio"]:
            same += 1
        if mine[best][0] != name:
            renamed += 1
    return {
        "modules_mine": len(mine), "modules_suspect": len(sus), "paired": paired,
        "effective_identical": same, "renamed": renamed,
        "share": canonical.finite(num / den) if den > 0 else None,
        "median_cosine": canonical.finite(float(np.median(cosines))) if cosines else None,
    }


def compare(mine_doc: dict, suspect_doc: dict, base_doc: dict | None = None) -> dict:
    """The comparison report (a JSON-ready dict) of SUSPECT against MINE."""
    rules = {mine_doc.get("sketch_rule"), suspect_doc.get("sketch_rule")}
    if base_doc is not None:
        rules.add(base_doc.get("sketch_rule"))
    if len(rules) != 1:
        raise InputError("These fingerprints were sampled by different rules and cannot be compared.")
    algs = {tensor_hash(d) for d in (mine_doc, suspect_doc, base_doc) if d is not None}
    if len(algs) != 1:  # equal tensors would look different: refused rather than misjudged
        raise InputError("These fingerprints hash their tensors with different algorithms and cannot "
                         "be compared; compare the model files, or fingerprints made the same way.")
    mine, sus = _tensors(mine_doc, "mine"), _tensors(suspect_doc, "suspect")
    pairs = _pair(mine, sus)
    base = _base_lookup(base_doc, mine)
    sus_params = sum(t.numel for t in sus if t.informative)
    mine_params = sum(t.numel for t in mine if t.informative)
    identical = {"bytes": 0, "fp16": 0, "bf16": 0}
    identical_tensors = {"bytes": 0, "fp16": 0, "bf16": 0}
    num = den = 0.0
    covered = 0
    unchanged_from_base = 0
    hist = [0] * len(HIST_LABELS)
    blocks: dict[str, dict] = {}
    rows = []
    for m, s, how in pairs:
        b = base.get(m.i) if base is not None else None
        mv, sv = m.sk, s.sk
        if b is not None and len(b.sk) == len(mv):
            mv, sv = mv - b.sk, sv - b.sk
            if not float(mv @ mv) > 0:
                unchanged_from_base += 1
                continue
        covered += s.numel
        mm = float(mv @ mv)
        if how in identical:
            identical[how] += s.numel
            identical_tensors[how] += 1
            c = 1.0
            if mm > 0:
                num += s.numel
                den += s.numel
        else:
            c = _cos(mv, sv)
            if mm > 0:
                num += s.numel * float(sv @ mv) / mm
                den += s.numel
            if c is not None:
                k = next(i for i, edge in enumerate(HIST_EDGES[1:]) if c < edge or i == len(HIST_LABELS) - 1)
                hist[k] += 1
        name = block_of(m.name)
        blk = blocks.setdefault(name, {"block": name, "tensors": 0, "identical": 0, "_c": 0.0, "_w": 0.0})
        blk["tensors"] += 1
        blk["identical"] += how in identical
        if c is not None:
            blk["_c"] += c * s.numel
            blk["_w"] += s.numel
        rows.append({"mine": m.name, "suspect": s.name, "match": how,
                     "cosine": canonical.finite(c) if c is not None else None, "numel": s.numel})
    ident_total = sum(identical.values())
    share = num / den if den > 0 else None
    renamed = sum(1 for m, s, _ in pairs if m.name != s.name)
    block_rows = []
    for blk in sorted(blocks.values(), key=lambda b: b["block"]):
        block_rows.append({"block": blk["block"], "tensors": blk["tensors"], "identical": blk["identical"],
                           "mean_cosine": canonical.finite(blk["_c"] / blk["_w"]) if blk["_w"] else None})
    mm, sm = mine_doc.get("metadata") or {}, suspect_doc.get("metadata") or {}
    if mm.get("digest") == sm.get("digest"):
        meta = "same" if mm.get("count") else "none"
    elif mm.get("count") and not sm.get("count"):
        meta = "removed"
    else:
        meta = "changed"
    lora_part = _lora(mine_doc, suspect_doc)
    share_basis = "tensors"
    if lora_part is not None:
        # Two LoRAs: the factors can be rescaled at will; the effective change is what counts.
        share, share_basis = lora_part["share"], "lora_effective_change"
        covered = sus_params if lora_part["paired"] else 0
    figures = {
        "tensors_mine": len(mine), "tensors_suspect": len(sus),
        "informative_parameters_mine": mine_params, "informative_parameters_suspect": sus_params,
        "paired_tensors": len(pairs), "identical_tensors": identical_tensors,
        "identical_parameters": identical,
        "identical_share": canonical.finite(ident_total / sus_params) if sus_params else None,
        "coverage": canonical.finite(covered / sus_params) if sus_params else None,
        "mine_coverage": canonical.finite(
            sum(m.numel for m, _, _ in pairs) / mine_params) if mine_params else None,
        "renamed": renamed,
        "mine_tensors_missing": sum(1 for t in mine if t.informative) - len({m.i for m, _, _ in pairs}),
        "share": canonical.finite(share) if share is not None else None,
        "share_basis": share_basis,
        "unchanged_from_base": unchanged_from_base if base_doc is not None else None,
        "metadata": meta,
        "cosine_histogram": dict(zip(HIST_LABELS, hist)),
    }
    verdict, explanation = _verdict(mine_doc, suspect_doc, figures, lora_part, base_doc is not None)
    return {
        "format": REPORT_FORMAT, "version": REPORT_VERSION,
        "mine": _identity(mine_doc), "suspect": _identity(suspect_doc),
        "base": _identity(base_doc) if base_doc is not None else None,
        "verdict": verdict, "sentence": explain(explanation), "explanation": explanation,
        "figures": figures, "lora": lora_part,
        "thresholds": THRESHOLDS, "blocks": block_rows, "tensors": rows,
        "method": ("cosines and shares estimated from 256-value sketches at seeded positions "
                   "(the same positions in both models)"
                   + ("; on differences from the base model" if base_doc is not None else "")),
    }


def _identity(doc: dict) -> dict:
    f = doc.get("file") or {}
    return {"name": f.get("name"), "sha256": f.get("sha256"), "size": f.get("size"),
            "architecture": (doc.get("architecture") or {}).get("guess"),
            # A comparison-scope document (files compared directly) is not a stored fingerprint.
            "fingerprint_sha256": canonical.digest(doc) if doc.get("scope") is None else None}


def _pct(x: float | None) -> str:
    return "?" if x is None else f"{100 * x:.1f} %"


#: The sentence each verdict comes with (what it shows and what it does not), in English, with
#: its specifics as {placeholders}; the report carries the key and the values
#: (``explanation``) so a front end can say it in another language (gui/model_texts.py,
#: bundle/model_report_pdf.py). ``{how}`` and ``{tail}`` are lists, written by
#: :func:`explain`.
SENTENCES = {
    "same_file": ("SUSPECT is the very file MINE (equal SHA-256). This shows the bytes are "
                  "identical; who made them first is what MINE's time stamps show."),
    "same_weights": ("Same weights, re-encoded: {identical} of {tensors} tensors of SUSPECT are identical "
                     "to MINE's ({how}), {share} of its parameters{tail}. Equal weights "
                     "cannot arise by chance; this does not show who trained them, which MINE's time stamps "
                     "(earlier than SUSPECT's publication) do."),
    "same_weights_lora": ("Same LoRA, re-encoded: {same} of {modules} modules of SUSPECT make the same "
                          "weight change as MINE's (effective change equal; factors rescaled or renamed: "
                          "{renamed} names changed){tail}. This does not show who trained it; MINE's time "
                          "stamps show which existed first."),
    "derived": ("Derived from MINE: estimated share of MINE {share} over tensors covering "
                "{coverage} of SUSPECT's parameters ({identical} tensors identical){tail}. The share is "
                "an estimate from sampled values, not an exact proof of how SUSPECT was made."),
    "derived_no_base": (" Without --base, a model fine-tuned from the same base as MINE also scores high; "
                        "give the base model to tell a derivation from a common ancestor."),
    "no_evidence": ("No evidence that SUSPECT derives from MINE: estimated share of MINE {share}, "
                    "{identical} identical tensors{tail}. This does not prove independence: a heavily "
                    "retrained copy can lose the traces this comparison looks for."),
    "picture_names_mine": ("The picture names MINE: its {where} {value} equals MINE's {equals}. This shows "
                           "what the picture's text says, written by whoever saved it; it does not prove "
                           "the picture was made with MINE."),
    "picture_names_other": ("The picture names a model, but not MINE (none of its hashes equals MINE's "
                            "AutoV2, A1111 LoRA hash or claimed hash)."),
    "picture_names_nothing": "The picture carries no model hash{files}; it says nothing checkable about MINE.",
}
#: the parts of {how} and {tail}, in English
HOW = {"bytes": "{n} bytes", "fp16": "{n} after fp16 rounding", "bf16": "{n} after bf16 rounding"}
TAIL = {"renamed": "{n} names changed", "metadata": "metadata {n}",
        "missing": "{n} of MINE's tensors absent (pruned?)"}


def explain(explanation: dict, sentences: dict = SENTENCES, how: dict = HOW, tail: dict = TAIL,
            *, none: str = "none", sep: str = ", ", tail_sep: str = "; ",
            files: str = " (it names files: {files})") -> str:
    """The sentence of an ``explanation`` ({"key", "args"}) from templates (English by default;
    a front end passes its own, with the same placeholders)."""
    key, args = explanation["key"], dict(explanation.get("args") or {})
    for k in ("share", "coverage"):
        if k in args:
            args[k] = _pct(args[k])
    if "how" in args:
        args["how"] = sep.join(how[kind].format(n=n) for kind, n in args["how"]) or none
    if "tail" in args:
        parts = [tail[kind].format(n=n) for kind, n in args["tail"]]
        args["tail"] = (tail_sep + tail_sep.join(parts)) if parts else ""
    if key == "picture_names_nothing":
        args["files"] = files.format(files=", ".join(args["files"])) if args.get("files") else ""
    text = sentences[key].format(**args)
    if key == "derived" and not args.get("base"):
        text += sentences["derived_no_base"]
    return text


def _verdict(mine_doc, sus_doc, f, lora_part, with_base) -> tuple[str, dict]:
    """The verdict and its explanation ({"key", "args"}: see ``SENTENCES``)."""
    n_id = sum(f["identical_tensors"].values())
    how = [[k, v] for k, v in f["identical_tensors"].items() if v]
    tail = []
    if f["renamed"]:
        tail.append(["renamed", f["renamed"]])
    if f["metadata"] in ("removed", "changed"):
        tail.append(["metadata", f["metadata"]])
    if f["mine_tensors_missing"] > 0:
        tail.append(["missing", f["mine_tensors_missing"]])
    if (mine_doc.get("file") or {}).get("sha256") and \
            (mine_doc.get("file") or {}).get("sha256") == (sus_doc.get("file") or {}).get("sha256"):
        return "same_file", {"key": "same_file", "args": {}}
    if f["identical_share"] is not None and f["identical_share"] >= THRESHOLDS["same_weights_identical_share"]:
        return "same_weights", {"key": "same_weights", "args": {
            "identical": n_id, "tensors": f["tensors_suspect"], "how": how, "share": f["identical_share"],
            "tail": tail}}
    if lora_part and lora_part["modules_suspect"] and \
            lora_part["effective_identical"] / lora_part["modules_suspect"] >= THRESHOLDS["lora_same_module_share"]:
        return "same_weights", {"key": "same_weights_lora", "args": {
            "same": lora_part["effective_identical"], "modules": lora_part["modules_suspect"],
            "renamed": lora_part["renamed"], "tail": tail}}
    share, coverage = f["share"], f["coverage"]
    if share is not None and coverage is not None and share >= THRESHOLDS["derived_share"] \
            and coverage >= THRESHOLDS["derived_coverage"]:
        return "derived", {"key": "derived", "args": {
            "share": share, "coverage": coverage, "identical": n_id, "tail": tail, "base": with_base}}
    return "no_evidence", {"key": "no_evidence", "args": {"share": share, "identical": n_id, "tail": tail}}


def compare_picture(mine_doc: dict, chunks: dict[str, str], picture_name: str) -> dict:
    """Whether a sample picture's text chunks name MINE (A1111/Forge ``Model hash`` and
    ``Lora hashes``, ``Hashes`` JSON); ComfyUI file names are listed, not matched."""
    from .images import model_references, names_model

    refs = model_references(chunks)
    found = names_model(refs, mine_doc)
    if found["named"]:
        m = found["matches"][0]
        verdict = "picture_names_mine"
        explanation = {"key": verdict, "args": {"where": m["where"], "value": m["value"], "equals": m["equals"]}}
    elif refs.get("model_hash") or refs.get("loras") or refs.get("hashes"):
        verdict = "picture_names_other"
        explanation = {"key": verdict, "args": {}}
    else:
        verdict = "picture_names_nothing"
        explanation = {"key": verdict, "args": {"files": list(refs.get("files") or [])[:5]}}
    sentence = explain(explanation)
    return {"format": REPORT_FORMAT, "version": REPORT_VERSION, "kind": "picture",
            "mine": _identity(mine_doc), "picture": picture_name, "verdict": verdict,
            "sentence": sentence, "explanation": explanation, "references": refs,
            "matches": found["matches"]}
