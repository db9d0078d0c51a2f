"""The fingerprint document is the same bytes whatever computes it (version 2), and documents
of version 1 (made before, possibly other bytes elsewhere) stay readable, stamped and comparable.

Version 1 took its LoRA sketches from float32 OpenBLAS products and its statistics from float32
sums and BLAS dot products: the bytes changed with OpenBLAS's thread count (and, with the
variable unset, with whether `gguf` was imported first) and with its CPU kernel."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from model_factory import lora, model, rescale_lora, write_safetensors
from proofkit.app import model_stamps
from proofkit.app.comparing import Fingerprint
from proofkit.app.session import Session
from proofkit.cli.main import main
from proofkit.core.errors import InputError
from proofkit.core.models import lora as lora_mod
from proofkit.core.models.compare import compare
from proofkit.core.models.fingerprint import VERSION, fingerprint_file, load, to_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "models"

#: prints the SHA-256 of the canonical bytes of the file's full fingerprint
_CHILD = """
import hashlib, sys
if sys.argv[2] == "gguf-first":
    import gguf  # noqa: F401  (v1: OpenBLAS then started with two threads)
from proofkit.core.models.fingerprint import fingerprint_file, to_bytes
print(hashlib.sha256(to_bytes(fingerprint_file(sys.argv[1]))).hexdigest())
"""


def _numpy_extra_features() -> list[str]:
    """numpy's dispatchable CPU features this CPU has beyond the build's baseline (disabling
    them sends numpy's SIMD loops down another path; disabling a baseline one is an error)."""
    try:
        from numpy._core._multiarray_umath import (__cpu_baseline__, __cpu_dispatch__,
                                                   __cpu_features__)
    except ImportError:  # numpy 1.x
        from numpy.core._multiarray_umath import (__cpu_baseline__, __cpu_dispatch__,
                                                  __cpu_features__)
    return [f for f in __cpu_dispatch__ if __cpu_features__.get(f) and f not in __cpu_baseline__]


def test_fingerprint_bytes_do_not_depend_on_blas_threads_import_order_or_cpu_kernels(tmp_path):
    # One LoRA module of 32 x 1024 fp16 factors is the smallest of the shapes tried whose v1
    # sketch changed between 1 and 2 OpenBLAS threads here with the Haswell kernel (16 x 1280,
    # 24 x 1280, 32 x 960 did not); its 32,768-element factors also gave other v1 statistics
    # with the Nehalem kernel.
    rng = np.random.default_rng(7)
    t = {"lora_unet_m0.lora_down.weight": (rng.standard_normal((32, 1024)) * 0.05).astype(np.float16),
         "lora_unet_m0.lora_up.weight": (rng.standard_normal((1024, 32)) * 0.05).astype(np.float16),
         "lora_unet_m0.alpha": np.array(16.0, dtype=np.float32)}
    path = write_safetensors(tmp_path / "lora.safetensors", t)
    base = {k: v for k, v in os.environ.items()
            if k not in ("OPENBLAS_NUM_THREADS", "OPENBLAS_CORETYPE", "OMP_NUM_THREADS",
                         "NPY_DISABLE_CPU_FEATURES")}
    x86 = os.uname().machine in ("x86_64", "AMD64")
    # Kernels any x86-64 CPU here can run; elsewhere OpenBLAS's own choice.
    kernel = (lambda name: {"OPENBLAS_CORETYPE": name}) if x86 else (lambda name: {})
    variants = {
        "Haswell, 1 thread": ({**kernel("Haswell"), "OPENBLAS_NUM_THREADS": "1"}, "plain"),
        "Haswell, 2 threads": ({**kernel("Haswell"), "OPENBLAS_NUM_THREADS": "2"}, "plain"),
        "Haswell, gguf imported first": ({**kernel("Haswell")}, "gguf-first"),
        "Sandybridge, 1 thread": ({**kernel("Sandybridge"), "OPENBLAS_NUM_THREADS": "1"}, "plain"),
        "Nehalem, 2 threads": ({**kernel("Nehalem"), "OPENBLAS_NUM_THREADS": "2"}, "plain"),
        "OpenBLAS's choice": ({}, "plain"),
    }
    extra = _numpy_extra_features()
    if extra:
        variants["Haswell, numpy without " + " ".join(extra)] = (
            {**kernel("Haswell"), "OPENBLAS_NUM_THREADS": "2", "NPY_DISABLE_CPU_FEATURES": " ".join(extra)},
            "plain")
    got = {}
    for name, (env, mode) in variants.items():
        out = subprocess.run([sys.executable, "-c", _CHILD, str(path), mode], env={**base, **env},
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, (name, out.stderr)
        got[name] = out.stdout.strip()
    here = hashlib.sha256(to_bytes(fingerprint_file(path))).hexdigest()
    assert set(got.values()) == {here}, got


def test_lora_projections_are_exact_and_sketches_close_to_the_float32_ones():
    from fractions import Fraction

    import ml_dtypes
    from proofkit.core.models.sketch import right

    rng = np.random.default_rng(1)
    for kind, slices_at_most in (("f16", 1), ("bf16", 3), ("float", 4)):
        x = rng.standard_normal((3, 200)) * 0.05
        x[0, :5] = [1e-30, 3e-12, 7e-20, 1e3, -2e-40]  # a wide range: several slices
        dt = {"f16": np.float16, "bf16": ml_dtypes.bfloat16, "float": np.float32}[kind]
        x = x.astype(dt).astype(np.float32)
        slices = lora_mod.exact_slices(x, 200, kind)
        assert 1 <= len(slices) <= slices_at_most
        r = right(200).astype(np.float64)
        for a in range(3):
            for j in range(200):
                assert sum(Fraction(float(s[a, j])) for s in slices) == Fraction(float(x[a, j]))
            for c in range(16):  # each slice's projection is the exact sum, whatever the order
                for s in slices:
                    exact = sum(Fraction(float(s[a, j])) * int(r[j, c]) for j in range(200))
                    assert Fraction(float((s @ r)[a, c])) == exact
                    assert Fraction(float((s[:, ::-1] @ r[::-1])[a, c])) == exact
    assert lora_mod.exact_slices(np.array([[1.0, np.inf]], dtype=np.float32), 2) is None
    # the sketch means what it meant in version 1: the same values to float32 precision
    t = lora(3, modules=6, rank=8)
    doc1 = load((FIXTURES / "fingerprint-v1-lora.json").read_bytes())
    m = {n: v for n, v in t.items()}
    for mod in doc1["lora"]["modules"]:
        up, down = m[mod["name"] + ".lora_up.weight"], m[mod["name"] + ".lora_down.weight"]
        module = lora_mod.LoraModule(mod["name"], "kohya", "d", "u")
        lora_mod.absorb(module, "down", down.ravel(), down.shape)
        lora_mod.absorb(module, "up", up.ravel(), up.shape)
        lora_mod.absorb(module, "alpha", np.array([2.0], np.float32), ())
        sk, _ = lora_mod.effective_sketch(module)
        old = np.frombuffer(__import__("base64").b64decode(mod["sketch"]), "<f4")
        assert np.allclose(sk.ravel(), old, rtol=0, atol=1e-5 * np.abs(old).max())  # v1: float32 sums


def _v1(name: str) -> bytes:
    return (FIXTURES / f"fingerprint-v1-{name}.json").read_bytes()


def test_version_1_documents_still_load_and_compare_with_the_same_verdicts(tmp_path):
    """The fixtures are the version-1 documents the previous code made of these seeded files."""
    lora_path = write_safetensors(tmp_path / "lora.safetensors", lora(3, modules=6, rank=8))
    rescaled = write_safetensors(tmp_path / "rescaled.safetensors", rescale_lora(lora(3, modules=6, rank=8)))
    other = write_safetensors(tmp_path / "other.safetensors", lora(4, modules=6, rank=8))
    v1 = load(_v1("lora"))
    assert v1["version"] == 1 and VERSION == 2
    assert v1["file"]["sha256"] == hashlib.sha256(lora_path.read_bytes()).hexdigest()  # same file
    v2 = fingerprint_file(lora_path)
    assert v2["version"] == 2 and load(to_bytes(v2))["version"] == 2
    # the same fields; what differs is at most the last bits of values
    assert sorted(v1) == sorted(v2) and v1["tensors"][0].keys() == v2["tensors"][0].keys()
    assert [t["sha256_fp16"] for t in v1["tensors"]] == [t["sha256_fp16"] for t in v2["tensors"]]
    for suspect in (lora_path, rescaled, other):
        s2 = fingerprint_file(suspect)
        new, old = compare(v2, s2), compare(v1, s2)
        assert old["verdict"] == new["verdict"]
        assert old["lora"]["effective_identical"] == new["lora"]["effective_identical"]
        assert old["lora"]["share"] == pytest.approx(new["lora"]["share"], abs=1e-6)
        assert compare(s2, v1)["verdict"] == compare(s2, v2)["verdict"]
    assert compare(v1, fingerprint_file(rescaled))["verdict"] == "same_weights"
    assert compare(v1, fingerprint_file(other))["verdict"] == "no_evidence"
    # an unknown version is still refused with a sentence
    with pytest.raises(InputError, match="version 3"):
        load(json.dumps({**v2, "version": 3}))
    with pytest.raises(InputError, match="version True"):
        load(json.dumps({**v2, "version": True}))


def test_a_model_stamped_with_a_version_1_fingerprint_still_verifies_and_compares(
        tmp_path, loopback_pki, loopback_tsa, monkeypatch, capsys):
    """As if stamped by the previous ProofKit: the stored v1 bytes are kept, verified against the
    stamped digest, used by the verify fallback and by compare vN, never rewritten."""
    mine = write_safetensors(tmp_path / "leosam.safetensors", model(1), {"ss_output_name": "leosam"})
    copy = write_safetensors(tmp_path / "reupload.safetensors",
                             {k: v.astype(np.float16) if v.dtype == np.float32 else v
                              for k, v in model(1).items()})
    data = _v1("leosam")
    assert json.loads(data)["file"]["sha256"] == hashlib.sha256(mine.read_bytes()).hexdigest()
    monkeypatch.setattr(model_stamps, "fingerprint",
                        lambda path, *a, **k: Fingerprint(Path(path), load(data), data))
    home = tmp_path / "home"
    with Session(home, trust=[str(loopback_pki.root_pem)]) as s:
        ms = model_stamps.stamp_model(s, mine, work="LEOSAM v2", tsa=[loopback_tsa.url])
        assert ms.result.status == "verified"
        version_id = ms.result.version.id
    monkeypatch.undo()
    with Session(home, trust=[str(loopback_pki.root_pem)]) as s:
        version, fp = model_stamps.version_fingerprint(s, version_id)
        assert fp.data == data and fp.doc["version"] == 1  # read back as stored, checked
        assert s.ledger.check() == []
    base = ["--home", str(home), "--trust", str(loopback_pki.root_pem)]
    code = main(base + ["verify", str(copy), "--json"])
    obj = json.loads(capsys.readouterr().out)
    assert code == 1 and obj["stamped_models"][0]["verdict"] == "same_weights"
    mine.unlink()
    code = main(base + ["compare", f"v{version_id}", str(copy), "--json"])
    r = json.loads(capsys.readouterr().out)
    assert code == 0 and r["verdict"] == "same_weights"
    # an evidence bundle carries the version-1 bytes as stamped, with the comparison; it verifies
    import zipfile

    out = tmp_path / "evidence.zip"
    code = main(base + ["export", "LEOSAM v2", "-o", str(out), "--compare", str(copy)])
    assert code == 0 and "Same weights" in capsys.readouterr().out
    with zipfile.ZipFile(out) as z:
        member = next(n for n in z.namelist() if n.endswith(".fingerprint.json"))
        assert z.read(member) == data
        assert json.loads(z.read("comparison.json"))["verdict"] == "same_weights"
    code = main(["--home", str(tmp_path / "other"), "--trust", str(loopback_pki.root_pem), "verify", str(out)])
    assert code == 0, capsys.readouterr().out
    with Session(home, trust=[str(loopback_pki.root_pem)]) as s:  # never rewritten
        assert model_stamps.version_fingerprint(s, version_id)[1].data == data
