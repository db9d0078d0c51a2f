"""Model fingerprints and comparison (issue 13): readers, hashes, verdicts, hostile files."""

from __future__ import annotations

import hashlib
import json
import struct
import zlib
from pathlib import Path

import blake3
import ml_dtypes
import numpy as np
import pytest

from model_factory import _str as _str_key
from model_factory import (kohya_names, lora, lora_to_peft, model, payload, payload_pickle,
                           rescale_lora, torch_pickle, write_gguf, write_safetensors, write_torch_zip)
from proofkit.core.models import canonical
from proofkit.core.models.compare import compare, compare_picture
from proofkit.core.models.containers import read_layout
from proofkit.core.models.errors import ModelFormatError
from proofkit.core.models.fingerprint import fingerprint_file, load, to_bytes
from proofkit.core.models.images import text_chunks


def cast(t: dict, dtype) -> dict:
    return {k: v.astype(dtype) if v.dtype == np.float32 else v for k, v in t.items()}


@pytest.fixture(scope="module")
def zoo(tmp_path_factory) -> dict[str, Path]:
    """The issue's cases, each written once for the module."""
    d = tmp_path_factory.mktemp("zoo")
    m, o = model(1), model(2)
    files = {
        "mine": write_safetensors(d / "mine.safetensors", m, {"ss_output_name": "mine", "note": "x"}),
        "stripped": write_safetensors(d / "stripped.safetensors", m),
        "renamed_fp16": write_safetensors(d / "renamed.safetensors", kohya_names(cast(m, np.float16))),
        "bf16": write_safetensors(d / "bf16.safetensors", cast(m, ml_dtypes.bfloat16)),
        "merge": write_safetensors(d / "merge.safetensors",
                                   {k: (0.9 * v + 0.1 * o[k]).astype(v.dtype) if v.dtype == np.float32 else v
                                    for k, v in m.items()}),
        "unrelated": write_safetensors(d / "unrelated.safetensors", o),
        "ckpt": write_torch_zip(d / "mine.ckpt", m),
        "gguf": write_gguf(d / "mine.gguf", {k: v for k, v in m.items() if v.dtype == np.float32}),
        "gguf_q8": write_gguf(d / "q8.gguf", {k: v for k, v in m.items() if v.dtype == np.float32},
                              quant="Q8_0"),
    }
    l = lora(3)
    files["lora"] = write_safetensors(d / "lora.safetensors", l, {"ss_output_name": "style"})
    files["lora_rescaled"] = write_safetensors(d / "lora_rescaled.safetensors", rescale_lora(l, 8.0))
    files["lora_peft"] = write_safetensors(d / "lora_peft.safetensors", lora_to_peft(l))
    files["lora_unrelated"] = write_safetensors(d / "lora_other.safetensors", lora(4))
    return files


@pytest.fixture(scope="module")
def fps(zoo) -> dict[str, dict]:
    return {k: fingerprint_file(p) for k, p in zoo.items()}


EXPECTED = [
    ("mine", "same_file"),
    ("stripped", "same_weights"),
    ("renamed_fp16", "same_weights"),
    ("bf16", "same_weights"),
    ("merge", "derived"),
    ("unrelated", "no_evidence"),
    ("ckpt", "same_weights"),
    ("gguf", "same_weights"),
    ("gguf_q8", "derived"),
]


@pytest.mark.parametrize("case,verdict", EXPECTED)
def test_verdicts_from_files_and_from_stored_fingerprints(fps, case, verdict):
    r = compare(fps["mine"], fps[case])
    assert r["verdict"] == verdict, r["sentence"]
    # The stored fingerprint (canonical JSON, as stamped) alone gives the same report.
    stored_mine, stored_suspect = load(to_bytes(fps["mine"])), load(to_bytes(fps[case]))
    assert compare(stored_mine, stored_suspect) == r


def test_figures_say_what_changed(fps):
    r = compare(fps["mine"], fps["renamed_fp16"])
    f = r["figures"]
    assert f["identical_tensors"]["fp16"] == 20 and f["identical_share"] == 1.0
    assert f["renamed"] == 20 and f["metadata"] == "removed"
    assert "20 names changed" in r["sentence"] and "metadata removed" in r["sentence"]
    assert compare(fps["mine"], fps["bf16"])["figures"]["identical_tensors"]["bf16"] == 20
    assert compare(fps["mine"], fps["stripped"])["figures"]["identical_tensors"]["bytes"] == 20


def test_merge_share_is_estimated_near_ninety_percent(fps):
    r = compare(fps["mine"], fps["merge"])
    assert 0.85 < r["figures"]["share"] < 0.95
    assert "90." in r["sentence"] or "89." in r["sentence"] or "91." in r["sentence"]
    assert r["figures"]["cosine_histogram"]["0.99 - 0.999"] == 20
    assert r["blocks"] and all(b["mean_cosine"] > 0.99 for b in r["blocks"])
    assert compare(fps["mine"], fps["unrelated"])["figures"]["share"] < 0.1
    assert 0.95 < compare(fps["mine"], fps["gguf_q8"])["figures"]["share"] <= 1.01


def test_base_separates_a_common_ancestor_from_a_derivation(tmp_path):
    base = model(10)

    def finetune(seed):
        rng = np.random.default_rng(seed)
        return {k: (v + rng.standard_normal(v.shape).astype(v.dtype) * 0.02 * float(v.std() or 1))
                if v.dtype == np.float32 else v for k, v in base.items()}

    mine, other = finetune(11), finetune(12)
    merged = {k: (0.9 * v + 0.1 * other[k]).astype(v.dtype) if v.dtype == np.float32 else v
              for k, v in mine.items()}
    fp = {n: fingerprint_file(write_safetensors(tmp_path / f"{n}.safetensors", t))
          for n, t in (("base", base), ("mine", mine), ("other", other), ("merged", merged))}
    # Without the base, a sibling fine-tune looks derived (and the sentence says why)...
    r = compare(fp["mine"], fp["other"])
    assert r["verdict"] == "derived" and "--base" in r["sentence"]
    # ...with it, only the real merge is.
    r = compare(fp["mine"], fp["other"], fp["base"])
    assert r["verdict"] == "no_evidence" and r["figures"]["share"] < 0.15
    r = compare(fp["mine"], fp["merged"], fp["base"])
    assert r["verdict"] == "derived" and 0.85 < r["figures"]["share"] < 0.95


@pytest.mark.parametrize("case,verdict", [("lora_rescaled", "same_weights"), ("lora_peft", "same_weights"),
                                          ("lora_unrelated", "no_evidence")])
def test_lora_effective_change(fps, case, verdict):
    r = compare(fps["lora"], fps[case])
    assert r["verdict"] == verdict, r["sentence"]
    assert compare(load(to_bytes(fps["lora"])), load(to_bytes(fps[case]))) == r
    if verdict == "same_weights":
        assert r["lora"]["effective_identical"] == 6
        # every byte of the factors differs: only the effective change matches
        assert sum(r["figures"]["identical_tensors"].values()) < 12


def test_lora_sketch_is_invariant_to_rescaling(fps):
    a = {m["name"]: canonical.unpack_f32(m["sketch"]) for m in fps["lora"]["lora"]["modules"]}
    b = {m["name"]: canonical.unpack_f32(m["sketch"]) for m in fps["lora_rescaled"]["lora"]["modules"]}
    for k in a:
        np.testing.assert_allclose(a[k], b[k], rtol=1e-4, atol=1e-6)
    assert fps["lora"]["architecture"]["guess"].startswith("LoRA-kohya")
    assert fps["lora_peft"]["architecture"]["guess"].startswith("LoRA-peft")


def _independent_hashes(path: Path) -> dict:
    """The ecosystem's definitions, written out as their reference code does them."""
    data = path.read_bytes()
    n = int.from_bytes(data[:8], "little")
    with open(path, "rb") as f:  # A1111 model_hash / kohya addnet_hash_legacy
        f.seek(0x100000)
        v1 = hashlib.sha256(f.read(0x10000)).hexdigest()[:8]
    addnet = hashlib.sha256(data[8 + n:]).hexdigest()
    return {"sha256": hashlib.sha256(data).hexdigest(), "autov1": v1,
            "autov2": hashlib.sha256(data).hexdigest()[:10], "autov3": addnet, "addnet": addnet,
            "addnet_legacy": v1, "a1111_lora_short": addnet[:12],
            "blake3": blake3.blake3(data).hexdigest(), "crc32": f"{zlib.crc32(data) & 0xffffffff:08x}"}


def test_ecosystem_hashes_match_independent_computation(tmp_path):
    # over 1.1 MiB, so AutoV1 reads real bytes; odd chunking exercises every boundary
    path = write_safetensors(tmp_path / "big.safetensors", model(5, width=128),
                             {"sshs_model_hash": "claimed", "modelspec.title": "T"})
    assert path.stat().st_size > 0x110000
    want = _independent_hashes(path)
    for chunk in (8 << 20, 65_537, 4093):
        doc = fingerprint_file(path, chunk_size=chunk)
        assert doc["hashes"] == want
        assert doc["file"]["sha256"] == want["sha256"]
    claims = {c["key"]: c for c in doc["claims"]}
    assert claims["sshs_model_hash"]["agrees"] is False and claims["modelspec.title"]["agrees"] is None


def test_claimed_addnet_hash_that_is_right_is_recorded_as_agreeing(tmp_path):
    t = model(6)
    p = write_safetensors(tmp_path / "a.safetensors", t, {"x": "1"})
    real = fingerprint_file(p)["hashes"]["addnet"]
    p2 = write_safetensors(tmp_path / "b.safetensors", t, {"sshs_model_hash": real})
    c = fingerprint_file(p2)["claims"][0]
    assert c == {"key": "sshs_model_hash", "value": real, "agrees": True, "recomputed_as": "addnet"}


def test_tensor_records_match_numpy(fps, zoo):
    m = model(1)
    by = {t["name"]: t for t in fps["renamed_fp16"]["tensors"]}
    k = "unet.input_blocks.0.1.tb.0.attn1.to_q.weight"
    v = m[k.replace("unet.", "model.diffusion_model.").replace(".tb.", ".transformer_blocks.")]
    a = v.astype(np.float16)
    rec = by[k]
    assert rec["sha256"] == hashlib.sha256(a.tobytes()).hexdigest() == rec["sha256_fp16"]
    assert rec["sha256_bf16"] == hashlib.sha256(
        a.astype(np.float32).astype(ml_dtypes.bfloat16).tobytes()).hexdigest()
    a64 = a.astype(np.float64)
    assert rec["stats"]["mean"] == pytest.approx(a64.mean(), rel=1e-6)
    assert rec["stats"]["std"] == pytest.approx(a64.std(), rel=1e-6)
    assert rec["stats"]["min"] == pytest.approx(a64.min(), rel=1e-6)
    assert rec["stats"]["max"] == pytest.approx(a64.max(), rel=1e-6)
    from proofkit.core.models.sketch import positions
    np.testing.assert_array_equal(canonical.unpack_f32(rec["sketch"]),
                                  a.reshape(-1)[positions(a.size)].astype(np.float32))


def test_fingerprint_is_canonical_and_deterministic(zoo, fps):
    again = fingerprint_file(zoo["mine"])
    assert to_bytes(again) == to_bytes(fps["mine"])
    raw = to_bytes(again)
    assert b" " not in raw.split(b'"tensors"')[0].replace(b'"note"', b"")  # no whitespace
    assert json.loads(raw)["format"] == "proofkit-model-fingerprint"
    with pytest.raises(Exception, match="not a ProofKit model fingerprint"):
        load(b'{"format": "something else"}')
    with pytest.raises(Exception, match="version 99"):
        load(json.dumps({**again, "version": 99}))


def test_torch_zip_matches_safetensors_tensor_for_tensor(fps):
    a = {t["name"]: t["sha256"] for t in fps["mine"]["tensors"]}
    b = {t["name"]: t["sha256"] for t in fps["ckpt"]["tensors"]}
    assert a == b and fps["ckpt"]["file"]["container"] == "pytorch-zip"


def test_torch_non_contiguous_view_is_hashed_in_logical_order(tmp_path):
    a = np.arange(12, dtype=np.float32).reshape(3, 4)
    data, storages = torch_pickle({"w": a})
    # Rewrite shape (3, 4) -> (4, 3) and strides (4, 1) -> (1, 4): the transpose, as a view.
    old = struct.pack("<i", 3) + b"J" + struct.pack("<i", 4)
    assert data.count(b"J" + old) == 1
    data = data.replace(b"J" + old + b"t(J" + struct.pack("<i", 4) + b"J" + struct.pack("<i", 1),
                        b"J" + struct.pack("<i", 4) + b"J" + struct.pack("<i", 3) + b"t(J"
                        + struct.pack("<i", 1) + b"J" + struct.pack("<i", 4))
    p = write_torch_zip(tmp_path / "t.pt", {"w": a}, pkl=data)
    rec = fingerprint_file(p)["tensors"][0]
    assert rec["shape"] == [4, 3]
    assert rec["sha256"] == hashlib.sha256(np.ascontiguousarray(a.T).tobytes()).hexdigest()


def test_pickle_payload_is_refused_and_never_run(tmp_path):
    marker = tmp_path / "pwned"
    p = write_torch_zip(tmp_path / "evil.ckpt", {"w": np.ones(4, np.float32)}, pkl=payload_pickle(marker))
    with pytest.raises(ModelFormatError, match=r"os\.system.*nothing in it was run"):
        fingerprint_file(p)
    assert not marker.exists()
    # the same payload as one more entry of a valid state dict
    data, _ = torch_pickle({"w": np.ones(4, np.float32)}, extra=_str_key("callbacks") + payload(marker))
    p = write_torch_zip(tmp_path / "evil2.ckpt", {"w": np.ones(4, np.float32)}, pkl=data)
    with pytest.raises(ModelFormatError, match=r"os\.system"):
        fingerprint_file(p)
    assert not marker.exists()
    legacy = tmp_path / "legacy.ckpt"
    legacy.write_bytes(payload_pickle(marker))
    with pytest.raises(ModelFormatError, match="legacy .*format"):
        fingerprint_file(legacy)
    assert not marker.exists()


def _st(raw_header: bytes, data: bytes = b"", n: int | None = None) -> bytes:
    return struct.pack("<Q", len(raw_header) if n is None else n) + raw_header + data


HOSTILE = {
    "huge header": _st(b"{}", n=1 << 40),
    "header past the end": _st(b'{"a":1}', n=4096),
    "not JSON": _st(b"{nope"),
    "unknown dtype": _st(json.dumps({"w": {"dtype": "Q9", "shape": [1], "data_offsets": [0, 4]}}).encode(), b"\0" * 4),
    "out of range": _st(json.dumps({"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}).encode(), b"\0" * 8),
    "overlap": _st(json.dumps({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                               "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}).encode(), b"\0" * 12),
    "hole": _st(json.dumps({"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}).encode(), b"\0" * 8),
    "trailing": _st(json.dumps({"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}).encode(), b"\0" * 9),
    "size mismatch": _st(json.dumps({"a": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}).encode(), b"\0" * 8),
    "duplicate": _st(b'{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},'
                     b'"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}', b"\0" * 4),
    "negative shape": _st(json.dumps({"a": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}).encode(), b"\0" * 4),
    "deep nesting": _st(b"{" + b'"a":[' * 100000 + b"]" * 100000 + b"}"),
    "bad metadata": _st(json.dumps({"__metadata__": {"a": 1}}).encode()),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_safetensors_get_one_clear_error(tmp_path, case):
    p = tmp_path / "bad.safetensors"
    p.write_bytes(HOSTILE[case])
    with pytest.raises(ModelFormatError) as err:
        fingerprint_file(p)
    msg = str(err.value)
    assert msg.startswith(f"{p}: is not a valid safetensors file (") and "\n" not in msg


def test_hostile_gguf_and_zip(tmp_path):
    p = tmp_path / "bad.gguf"
    p.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 1 << 60, 1 << 60) + b"\0" * 64)
    with pytest.raises(ModelFormatError, match="not a valid GGUF"):
        fingerprint_file(p)
    p = tmp_path / "bad.ckpt"
    p.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    with pytest.raises(ModelFormatError, match="cannot be read safely"):
        fingerprint_file(p)
    p = tmp_path / "notes.txt"
    p.write_text("hello")
    with pytest.raises(ModelFormatError, match="not a model file"):
        fingerprint_file(p)


def test_gguf_reader_keeps_names_shapes_and_metadata(fps):
    g = fps["gguf"]
    assert g["file"]["container"] == "gguf"
    assert {t["name"]: t["shape"] for t in g["tensors"]} == {
        t["name"]: t["shape"] for t in fps["mine"]["tensors"] if t["dtype"] == "F32"}
    q = {t["name"]: t["dtype"] for t in fps["gguf_q8"]["tensors"]}
    assert "Q8_0" in q.values()


def test_layout_memory_maps_tensors(zoo):
    layout = read_layout(zoo["bf16"])
    e = next(e for e in layout.tensors if e.etype.name == "BF16")
    arr = layout.array(zoo["bf16"], e)
    assert isinstance(arr, np.memmap) and arr.shape == e.shape


def _png(chunks: list[tuple[bytes, bytes]]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    body = chunk(b"IHDR", ihdr) + b"".join(chunk(k, d) for k, d in chunks)
    return b"\x89PNG\r\n\x1a\n" + body + chunk(b"IDAT", zlib.compress(b"\0\0")) + chunk(b"IEND", b"")


def test_sample_picture_names_the_model(tmp_path, fps):
    mine, lo = fps["mine"], fps["lora"]
    params = (f"a cat\nSteps: 20, Sampler: Euler a, Model hash: {mine['hashes']['autov2']}, Model: mine, "
              f'Lora hashes: "style: {lo["hashes"]["a1111_lora_short"]}", Version: v1.10')
    p = tmp_path / "a1111.png"
    p.write_bytes(_png([(b"tEXt", b"parameters\0" + params.encode("latin-1"))]))
    assert compare_picture(mine, text_chunks(p), p.name)["verdict"] == "picture_names_mine"
    r = compare_picture(lo, text_chunks(p), p.name)
    assert r["verdict"] == "picture_names_mine" and r["matches"][0]["where"] == "Lora hashes: style"
    assert compare_picture(fps["unrelated"], text_chunks(p), p.name)["verdict"] == "picture_names_other"
    # iTXt, compressed (Forge writes UTF-8 text this way)
    q = tmp_path / "forge.png"
    q.write_bytes(_png([(b"iTXt", b"parameters\0\x01\x00\0\0" + zlib.compress(params.encode()))]))
    assert compare_picture(mine, text_chunks(q), q.name)["verdict"] == "picture_names_mine"
    # ComfyUI: file names only
    c = tmp_path / "comfy.png"
    c.write_bytes(_png([(b"tEXt", b'prompt\0{"4": {"inputs": {"ckpt_name": "mine.safetensors"}}}')]))
    r = compare_picture(mine, text_chunks(c), c.name)
    assert r["verdict"] == "picture_names_nothing" and "mine.safetensors" in r["sentence"]


def test_core_models_stays_below_the_ledger_and_qt():
    import proofkit.core.models as pkg

    for f in Path(pkg.__file__).parent.glob("*.py"):
        text = f.read_text()
        for bad in ("proofkit.ledger", "from ...ledger", "PySide6", "from ...app", "from ...gui", "torch._C"):
            assert bad not in text, (f.name, bad)
