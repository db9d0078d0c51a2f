"""Comparing model files directly (issue 13, session 2): the fingerprint's "comparison" scope,
both files read at once, and the comparison's vectorised pairing give the very reports the full,
stored fingerprints give."""

from __future__ import annotations

import subprocess
import sys

import ml_dtypes
import numpy as np
import pytest

from model_factory import kohya_names, lora, model, rescale_lora, write_safetensors
from proofkit.core.errors import InputError
from proofkit.core.models.compare import compare
from proofkit.core.models.dtypes import BF16_FLOAT32, BF16_FROM_F16, F16_FLOAT32, LOOKUP_SLICE, lookup
from proofkit.core.models.fingerprint import fingerprint_file, fingerprint_files, load, to_bytes
from proofkit.core.models.tensor_acc import _HALF, _half_min_max


def _cast(t: dict, dtype) -> dict:
    return {k: v.astype(dtype) if v.dtype == np.float32 else v for k, v in t.items()}


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("scope")
    m, o = model(1), model(2)
    m16 = _cast(m, np.float16)
    # fp16 with special values: a constant tensor, a +/-0 tensor, one with inf/NaN
    m16["special.const.weight"] = np.full((8, 8), 0.5, dtype=np.float16)
    m16["special.zeros.weight"] = np.array([0.0, -0.0] * 32, dtype=np.float16).reshape(8, 8)
    nf = (np.random.default_rng(3).standard_normal(64) * 0.1).astype(np.float16)
    nf[[3, 9]] = [np.inf, np.nan]
    m16["special.nonfinite.weight"] = nf.reshape(8, 8)
    l16 = _cast(lora(3), np.float16)
    return {
        "mine": write_safetensors(d / "mine.safetensors", m16, {"ss_output_name": "mine"}),
        "renamed": write_safetensors(d / "renamed.safetensors", kohya_names(m16)),
        "bf16": write_safetensors(d / "bf16.safetensors", {k: v.astype(ml_dtypes.bfloat16) if v.dtype == np.float16
                                                          else v for k, v in m16.items()}),
        "f32": write_safetensors(d / "f32.safetensors", m),
        "merge": write_safetensors(d / "merge.safetensors", _cast(
            {k: (0.9 * v + 0.1 * o[k]).astype(v.dtype) if v.dtype == np.float32 else v for k, v in m.items()},
            np.float16)),
        "unrelated": write_safetensors(d / "unrelated.safetensors", _cast(o, np.float16)),
        "lora": write_safetensors(d / "lora.safetensors", l16),
        "lora_rescaled": write_safetensors(d / "lora_rescaled.safetensors", rescale_lora(l16, 8.0)),
        "lora_other": write_safetensors(d / "lora_other.safetensors", _cast(lora(4), np.float16)),
        "mixed": write_safetensors(d / "mixed.safetensors", _mixed()),
    }


def _mixed() -> dict:
    """fp16 and bf16 tensors side by side (runs of one kind break at each change), LoRA factors
    among plain tensors (runs break where a tensor's values are kept), special values in both
    kinds, an all-NaN tensor, an empty one and a scalar."""
    rng = np.random.default_rng(11)
    t = {}
    for kind, dt in (("a", np.float16), ("b", ml_dtypes.bfloat16)):
        x = (rng.standard_normal(3000) * 0.1).astype(np.float32)
        x[[1, 7, 20]] = [np.inf, np.nan, -np.inf]
        x[[30, 31]] = [0.0, -0.0]
        t[f"{kind}.special.weight"] = x.astype(dt)
        t[f"{kind}.allnan.weight"] = np.full(40, np.nan, dtype=np.float32).astype(dt)
        t[f"{kind}.neg.weight"] = -np.abs(rng.standard_normal(50)).astype(np.float32).astype(dt)
        t[f"{kind}.pos.weight"] = np.abs(rng.standard_normal(50)).astype(np.float32).astype(dt)
        t[f"{kind}.empty.weight"] = np.zeros((0, 3), dtype=np.float32).astype(dt)
        t[f"{kind}.scalar.weight"] = np.array(1.5, dtype=np.float32).astype(dt)
        t[f"{kind}.tiny.weight"] = (rng.standard_normal(300) * 1e-6).astype(np.float32).astype(dt)
        for i in range(3):
            base = f"lora_unet_{kind}_{i}_to_q"
            t[f"{base}.lora_down.weight"] = (rng.standard_normal((4, 96)) * 0.1).astype(np.float32).astype(dt)
            t[f"{base}.lora_up.weight"] = (rng.standard_normal((64, 4)) * 0.1).astype(np.float32).astype(dt)
            t[f"{base}.alpha"] = np.array(2.0, dtype=np.float32).astype(dt)
    names = sorted(t)
    order = [n for pair in zip(names[::2], names[1::2]) for n in pair[::-1]] + names[len(names) // 2 * 2:]
    return {n: t[n] for n in order}


def _without_fp_digests(report: dict) -> dict:
    r = {**report, "mine": dict(report["mine"]), "suspect": dict(report["suspect"])}
    r["mine"].pop("fingerprint_sha256")
    r["suspect"].pop("fingerprint_sha256")
    return r


@pytest.mark.parametrize("mine,suspect,verdict", [
    ("mine", "mine", "same_file"), ("mine", "renamed", "same_weights"), ("mine", "bf16", "same_weights"),
    ("f32", "mine", "same_weights"), ("bf16", "mine", "same_weights"), ("mine", "merge", "derived"),
    ("mine", "unrelated", "no_evidence"), ("lora", "lora_rescaled", "same_weights"),
    ("lora", "lora_other", "no_evidence"), ("mixed", "mixed", "same_file")])
def test_comparison_scope_gives_the_report_of_the_stored_fingerprints(files, mine, suspect, verdict):
    full = [load(to_bytes(fingerprint_file(files[k]))) for k in (mine, suspect)]
    lean = fingerprint_files([files[mine], files[suspect]], scope="comparison")
    r_full, r_lean = compare(*full), compare(*lean)
    assert r_full["verdict"] == verdict, r_full["sentence"]
    assert _without_fp_digests(r_lean) == _without_fp_digests(r_full)
    # Both files read together with the tensors hashed by BLAKE3: the same report.
    fast = fingerprint_files([files[mine], files[suspect]], scope="comparison", tensor_hash="blake3")
    assert all(d["tensor_hash"] == "blake3" and "sha256" not in d["tensors"][0] for d in fast)
    assert _without_fp_digests(compare(*fast)) == _without_fp_digests(r_full)
    # A comparison-scope document is not a stored fingerprint and does not pretend to be one.
    assert r_lean["suspect"]["fingerprint_sha256"] is None and r_full["suspect"]["fingerprint_sha256"]
    # Mixed: a stored fingerprint against a file read for the comparison only.
    assert _without_fp_digests(compare(full[0], lean[1])) == _without_fp_digests(r_full)


def test_comparison_scope_keeps_what_the_comparison_reads_and_skips_the_rest(files):
    full, lean = fingerprint_file(files["mine"]), fingerprint_file(files["mine"], scope="comparison")
    assert lean["scope"] == "comparison" and "scope" not in full
    assert lean["file"] == full["file"] and lean["metadata"] == full["metadata"]
    assert set(lean["hashes"]) == {"sha256", "autov1", "autov2", "addnet_legacy"}
    assert {k: full["hashes"][k] for k in lean["hashes"]} == lean["hashes"]
    for a, b in zip(full["tensors"], lean["tensors"]):
        assert {k: a[k] for k in ("name", "sha256", "sha256_fp16", "sha256_bf16", "sketch")} == \
               {k: b[k] for k in ("name", "sha256", "sha256_fp16", "sha256_bf16", "sketch")}
        assert (a["stats"]["min"], a["stats"]["max"], a["stats"]["nonfinite"]) == \
               (b["stats"]["min"], b["stats"]["max"], b["stats"]["nonfinite"]), a["name"]
    special = {t["name"]: t["stats"] for t in lean["tensors"]}
    assert special["special.const.weight"]["min"] == special["special.const.weight"]["max"] == 0.5
    assert special["special.zeros.weight"]["min"] == special["special.zeros.weight"]["max"] == 0.0
    assert special["special.nonfinite.weight"]["nonfinite"] == 2
    lf, ll = fingerprint_file(files["lora"]), fingerprint_file(files["lora"], scope="comparison")
    assert lf["lora"] == ll["lora"]
    # never stored, stamped or loaded as a fingerprint
    with pytest.raises(ValueError):
        to_bytes(lean)
    import json

    with pytest.raises(InputError, match="incomplete"):
        load(json.dumps(lean))


def test_half_min_max_agrees_with_decoding():
    rng = np.random.default_rng(5)
    for kind, (inf_code, table) in _HALF.items():
        dt = np.float16 if kind == "f16" else ml_dtypes.bfloat16
        specials = np.array([0, -0.0, np.inf, -np.inf, np.nan, 1, -1, 1e4, -1e4, 6e-8, -6e-8],
                            dtype=np.float32).astype(dt).view(np.uint16)
        for _ in range(2000):
            c = np.concatenate([rng.choice(specials, rng.integers(1, 8)),
                                (rng.standard_normal(rng.integers(0, 6)) * rng.choice([1e-6, 1, 100]))
                                .astype(np.float32).astype(dt).view(np.uint16)])
            v = table[c]
            fin = v[np.isfinite(v)]
            got = _half_min_max(c, inf_code, table)
            if not len(fin):
                assert got is None
                continue
            assert (got[0] + 0.0, got[1] + 0.0, got[2]) == (float(fin.min()) + 0.0, float(fin.max()) + 0.0,
                                                             len(v) - len(fin)), c


def test_lookup_is_the_table_gather():
    codes = np.random.default_rng(1).integers(0, 1 << 16, 3 * LOOKUP_SLICE + 17, dtype=np.uint16)
    for table in (F16_FLOAT32, BF16_FLOAT32):
        np.testing.assert_array_equal(lookup(table, codes), table[codes])
        out = np.empty(len(codes) + 5, dtype=table.dtype)
        np.testing.assert_array_equal(lookup(table, codes, out), table[codes])


def test_reading_files_together_reports_progress_over_both_and_the_real_error(files, tmp_path):
    seen = []
    docs = fingerprint_files([files["mine"], files["lora"]], progress=lambda d, t: seen.append((d, t)))
    total = files["mine"].stat().st_size + files["lora"].stat().st_size
    assert seen[-1] == (total, total) and all(t == total for _, t in seen)
    assert [d["file"]["name"] for d in docs] == ["mine.safetensors", "lora.safetensors"]
    bad = tmp_path / "bad.safetensors"
    bad.write_bytes(b"\xff" * 8 + b"{}")
    with pytest.raises(Exception) as err:
        fingerprint_files([files["mine"], bad])
    assert "bad.safetensors" in str(err.value) and "cancelled" not in str(err.value)


def test_app_compares_files_in_comparison_scope_and_stored_fingerprints_as_they_are(files, tmp_path):
    from proofkit.app.comparing import compare_models

    fp = tmp_path / "mine.fp.json"
    fp.write_bytes(to_bytes(fingerprint_file(files["mine"])))
    from_files = compare_models(files["mine"], files["renamed"]).report
    from_stored = compare_models(fp, files["renamed"]).report
    assert from_files["verdict"] == from_stored["verdict"] == "same_weights"
    assert from_files["mine"]["fingerprint_sha256"] is None
    assert from_stored["mine"]["fingerprint_sha256"] == __import__("hashlib").sha256(fp.read_bytes()).hexdigest()
    assert _without_fp_digests(from_files) == _without_fp_digests(from_stored)


def test_telling_manuscripts_from_models_does_not_import_numpy(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("第一章\n" * 10, encoding="utf-8")
    b.write_text("第二章\n" * 10, encoding="utf-8")
    code = ("import sys; from proofkit.app.comparing import comparison_kind; "
            f"k = comparison_kind({str(a)!r}, {str(b)!r}); "
            "print(k, [m for m in ('numpy', 'ml_dtypes', 'gguf', 'blake3') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/").stdout
    assert out.strip() == "text []"


def test_comparison_scope_does_not_depend_on_the_chunking(files):
    # odd chunk sizes split 2-byte elements across chunks (the carry path) and tensors across
    # chunks (the sketch, min/max and rounded hashes are fed piece by piece)
    for name in ("mine", "bf16", "lora", "mixed"):
        want = fingerprint_file(files[name], scope="comparison")
        for chunk in (4093, 65_537):
            assert fingerprint_file(files[name], scope="comparison", chunk_size=chunk) == want, (name, chunk)
        full = fingerprint_file(files[name], chunk_size=4093)
        assert [t["sha256_bf16"] for t in full["tensors"]] == [t["sha256_bf16"] for t in want["tensors"]]


def test_whole_tensors_handled_by_runs_give_what_piece_by_piece_reading_gives(files, monkeypatch):
    """The comparison scope handles fp16/bf16 tensors lying wholly inside a chunk by runs
    (``half_runs``); reading every tensor piece by piece (``TensorAcc.feed``) gives the same
    document, special values, kept LoRA factors and kind changes included."""
    import proofkit.core.models.fingerprint as fpm
    import proofkit.core.models.tensor_acc as acc

    runs = []
    real = acc._half_run
    monkeypatch.setattr(acc, "_half_run", lambda run, *a: (runs.append(len(run)), real(run, *a))[1])
    for name in ("mine", "bf16", "lora", "mixed"):
        runs.clear()
        by_runs = fingerprint_file(files[name], scope="comparison")
        assert sum(runs) > 5, name  # the run path was taken, for several tensors
        with monkeypatch.context() as m:
            m.setattr(fpm, "half_runs", lambda accs, view, pos, rbuf: [
                a.feed(view[a.entry.start - pos:a.entry.end - pos]) for a in accs])
            piecewise = fingerprint_file(files[name], scope="comparison")
        assert by_runs == piecewise, name
    mixed = {t["name"]: t["stats"] for t in by_runs["tensors"]}
    assert mixed["a.allnan.weight"] == {"min": None, "max": None, "nonfinite": 40}
    assert mixed["b.special.weight"]["nonfinite"] == 3
    assert mixed["a.neg.weight"]["max"] < 0 < mixed["b.pos.weight"]["min"]
    assert len(by_runs["lora"]["modules"]) == 6


def test_the_casts_used_for_runs_are_the_tables():
    # _half_run rounds kept fp16 values to bf16 with this cast and decodes bf16 with this one
    codes = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16)
    out = np.empty(len(codes), dtype=ml_dtypes.bfloat16)
    with np.errstate(invalid="ignore"):
        np.copyto(out, F16_FLOAT32[codes], casting="unsafe")
    np.testing.assert_array_equal(out.view(np.uint16), BF16_FROM_F16)
    f32 = np.empty(len(codes), dtype=np.float32)
    np.copyto(f32, codes.view(ml_dtypes.bfloat16), casting="unsafe")
    np.testing.assert_array_equal(f32.view(np.uint32), BF16_FLOAT32.view(np.uint32))


def test_tensor_hash_algorithms_are_never_mixed(files, tmp_path):
    from proofkit.app.comparing import comparison_docs

    stored = fingerprint_file(files["mine"])
    fast = fingerprint_file(files["renamed"], scope="comparison", tensor_hash="blake3")
    with pytest.raises(InputError, match="different algorithms"):
        compare(stored, fast)
    with pytest.raises(ValueError):
        fingerprint_file(files["mine"], tensor_hash="blake3")  # a stored fingerprint is SHA-256
    # The app uses BLAKE3 only when it reads every side from its file.
    assert [d.get("tensor_hash") for d in comparison_docs([files["mine"], files["renamed"]])] == ["blake3"] * 2
    assert [d.get("tensor_hash") for d in comparison_docs([stored, files["renamed"]])] == [None, None]
    assert [d.get("tensor_hash") for d in comparison_docs([files["renamed"]])] == [None]
    fp = tmp_path / "mine.fp.json"
    fp.write_bytes(to_bytes(stored))
    assert [d.get("tensor_hash") for d in comparison_docs([fp, files["renamed"], files["f32"]])] == [None] * 3
