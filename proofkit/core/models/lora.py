"""LoRA files: which tensors pair up into modules, and each module's effective-change
sketch (see ``sketch.py`` for the rule).

Arithmetic (fingerprint version 2; version 1 used float32 OpenBLAS products, whose last bits
depended on OpenBLAS's thread count and CPU kernel): the sketch must be the same bytes on any
computer, so

1. the projections ``down @ R`` and ``L @ up`` (R, L hold +1/-1) are computed **exactly**:
   each factor's float32 values are split (``exact_slices``) into float64 slices whose signed
   sums over the summed dimension are exactly representable in float64 whatever the order of
   the additions (every slice value a multiple of a power of two q, and n * max|slice| <=
   2**53 * q); a float64 matrix product of a slice with the +1/-1 matrix therefore gives the
   exact sums under any BLAS thread count or kernel (each product is x * +-1, each partial sum
   representable). One slice suffices for fp16 factors (multiples of 2**-24) and, in practice,
   for bf16 ones; float32 factors with a wide range of magnitudes take two or three. The
   slices' projections are added in slice order (float64, elementwise: deterministic);
2. the 16 x 16 product of the two projections (16 x r by r x 16) is a float64 sum of
   correctly rounded products added in rank order (numpy elementwise operations only, no
   BLAS, ``effective_sketches``), multiplied by the scale, and rounded once to float32.

So the stored sketch depends only on IEEE-754 double multiplication and addition (correctly
rounded, as on x86-64 and ARM64), not on threads, BLAS kernels or SIMD width. Were a future
numpy or BLAS to sum in another order, step 1 would still be exact; step 2 would change only
where a float64 difference of ~1e-16 relative straddles a float32 rounding boundary (a
probability of roughly 2**-29 times the cancellation in that sum, per value)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .sketch import LORA_K, left64, right64

# (suffix of the down factor, suffix of the up factor, naming family)
_PAIRS = (
    (".lora_down.weight", ".lora_up.weight", "kohya"),
    (".lora_A.weight", ".lora_B.weight", "peft"),
    (".lora_A.default.weight", ".lora_B.default.weight", "peft"),
    (".lora.down.weight", ".lora.up.weight", "diffusers"),
    (".lora_linear_layer.down.weight", ".lora_linear_layer.up.weight", "diffusers"),
)


@dataclass
class LoraModule:
    name: str
    family: str
    down: str
    up: str
    alpha: str | None = None
    down_proj: np.ndarray | None = None  # down @ R   (r x k)
    up_proj: np.ndarray | None = None    # L @ up     (k x r)
    alpha_value: float | None = None
    rank: int = 0
    out_dim: int = 0
    in_dim: int = 0
    problems: list[str] = field(default_factory=list)


def find_modules(names: list[str]) -> dict[str, LoraModule]:
    present = set(names)
    modules: dict[str, LoraModule] = {}
    for n in names:
        for down_s, up_s, family in _PAIRS:
            if n.endswith(down_s):
                base = n[: -len(down_s)]
                up = base + up_s
                if up in present:
                    alpha = base + ".alpha"
                    modules[base] = LoraModule(base, family, n, up,
                                               alpha if alpha in present else None)
                break
    return modules


def factor_roles(modules: dict[str, LoraModule]) -> dict[str, tuple[LoraModule, str]]:
    roles: dict[str, tuple[LoraModule, str]] = {}
    for m in modules.values():
        roles[m.down] = (m, "down")
        roles[m.up] = (m, "up")
        if m.alpha:
            roles[m.alpha] = (m, "alpha")
    return roles


#: the smallest step between values of each source kind once decoded to float32: fp16 values
#: are multiples of 2**-24; bf16 and float32 values of 2**(e - 7) / 2**(e - 23) for a value in
#: [2**(e-1), 2**e), down to their smallest subnormal step
_MANTISSA = {"f16": (10, -24), "bf16": (7, -133), "float": (23, -149)}


def exact_slices(m: np.ndarray, n: int, kind: str = "float") -> list[np.ndarray] | None:
    """float64 arrays that add up exactly to the float32 matrix ``m`` and whose +-1-weighted
    sums of ``n`` terms are exact in float64 in any order: each slice's values are multiples of
    a power of two q with n * max|value| <= 2**53 * q. None when ``m`` holds a non-finite value.
    ``kind`` (the factor's source dtype kind) only makes the common case cheaper to establish."""
    x = m.astype(np.float64)
    cap = max(n - 1, 0).bit_length()  # 2**cap >= n
    mbits, qexp = _MANTISSA.get(kind, _MANTISSA["float"])
    if kind == "f16" and cap + 16 <= 53 + qexp:  # |fp16| < 2**16: exact without looking
        return [x]
    a = np.abs(x)
    top = float(a.max()) if a.size else 0.0
    if not math.isfinite(top):
        return None
    if top == 0.0:
        return [x]
    low = float(a.min(where=a > 0, initial=math.inf))
    lq = max(math.frexp(low)[1] - 1 - mbits, qexp)  # every value is a multiple of 2**lq
    parts: list[np.ndarray] = []
    rest = x
    while True:
        t = math.frexp(top)[1]  # max|rest| < 2**t
        if cap + t <= 53 + lq:  # the rest is exact as it is
            parts.append(rest)
            return parts
        q = math.ldexp(1.0, t + cap - 53)  # rounded to multiples of q, |slice| <= 2**t
        head = np.rint(rest / q) * q
        parts.append(head)
        rest = rest - head  # exact: |rest| <= q / 2, on the bits of a float32 value
        top = float(np.abs(rest).max())
        if top == 0.0:
            return parts


def _project(slices: list[np.ndarray], fn) -> np.ndarray:
    out = fn(slices[0])
    for s in slices[1:]:
        out = out + fn(s)
    return out


def absorb(module: LoraModule, role: str, values: np.ndarray, shape: tuple[int, ...],
           kind: str = "float") -> None:
    """Take one complete factor (float32 values in row-major order; ``kind``: its source dtype
    kind) and keep only its exact float64 projection, so a module costs 2 x r x 16 floats
    however large its factors are (module docstring)."""
    if role == "alpha":
        if values.size == 1 and math.isfinite(float(values[0])):
            module.alpha_value = float(values[0])
        return
    if len(shape) < 2:
        module.problems.append(f"{role} factor is not a matrix")
        return
    if role == "down":
        r, i = shape[0], math.prod(shape[1:])
        module.rank, module.in_dim = r, i
        slices = exact_slices(values.reshape(r, i), i, kind)
        module.down_proj = np.full((r, LORA_K), np.nan) if slices is None else \
            _project(slices, lambda s: s @ right64(i))
    else:
        o, r = shape[0], math.prod(shape[1:])
        module.out_dim = o
        slices = exact_slices(values.reshape(o, r), o, kind)
        module.up_proj = np.full((LORA_K, r), np.nan) if slices is None else \
            _project(slices, lambda s: left64(o) @ s)
        module.up_rank = r


def effective_sketch(module: LoraModule) -> tuple[np.ndarray, float] | None:
    """The 16 x 16 sketch of scale * up @ down, and the scale used; None if the factors do
    not form a module (ranks differ, one missing). Non-finite factor values give non-finite
    sketch values (written as 0 by the document)."""
    return effective_sketches([module])[0]


def effective_sketches(modules: list[LoraModule]) -> list[tuple[np.ndarray, float] | None]:
    """``effective_sketch`` of each module, the modules of one rank computed together (the
    same elementwise operations on every value as one by one, so the same results)."""
    out: list[tuple[np.ndarray, float] | None] = [None] * len(modules)
    by_rank: dict[int, list[int]] = {}
    for k, m in enumerate(modules):
        if m.down_proj is None or m.up_proj is None or m.up_proj.shape[1] != m.down_proj.shape[0]:
            continue
        by_rank.setdefault(m.down_proj.shape[0], []).append(k)
    for r, ks in by_rank.items():
        scales = [(modules[k].alpha_value / r) if (modules[k].alpha_value is not None and r) else 1.0
                  for k in ks]
        if r == 0:
            for k, sc in zip(ks, scales):
                out[k] = np.zeros((LORA_K, LORA_K), dtype=np.float32), sc
            continue
        up = np.stack([modules[k].up_proj for k in ks])      # (m, 16, r)
        down = np.stack([modules[k].down_proj for k in ks])  # (m, r, 16)
        with np.errstate(all="ignore"):
            # sums[j, a, b] = ((p_0 + p_1) + p_2) + ... + p_(r-1), p_t = up[j, a, t] * down[j, t, b]:
            # correctly rounded float64 products added in rank order, elementwise (no BLAS,
            # no reduction whose order numpy or the CPU would choose)
            sums = up[:, :, 0, None] * down[:, None, 0, :]
            term = np.empty_like(sums)
            for t in range(1, r):
                np.multiply(up[:, :, t, None], down[:, None, t, :], out=term)
                sums += term
            sums *= np.array(scales, dtype=np.float64)[:, None, None]
        for j, k in enumerate(ks):
            out[k] = sums[j].astype(np.float32), scales[j]
    return out
