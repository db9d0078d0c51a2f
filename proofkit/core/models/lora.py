"""LoRA files: which tensors pair up into modules, and each module's effective-change
sketch (see ``sketch.py`` for the rule)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .sketch import left, right

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


def absorb(module: LoraModule, role: str, values: np.ndarray, shape: tuple[int, ...]) -> None:
    """Take one complete factor (float32 values in row-major order) and keep only its
    projection, so a module costs 2 x r x 16 floats however large its factors are."""
    if role == "alpha":
        if values.size == 1 and math.isfinite(float(values[0])):
            module.alpha_value = float(values[0])
        return
    if len(shape) < 2:
        module.problems.append(f"{role} factor is not a matrix")
        return
    if role == "down":
        r, i = shape[0], math.prod(shape[1:])
        m = values.reshape(r, i).astype(np.float32, copy=False)
        module.rank, module.in_dim = r, i
        module.down_proj = m @ right(i)
    else:
        o, r = shape[0], math.prod(shape[1:])
        m = values.reshape(o, r).astype(np.float32, copy=False)
        module.out_dim = o
        module.up_proj = left(o) @ m
        module.up_rank = r


def effective_sketch(module: LoraModule) -> tuple[np.ndarray, float] | None:
    """The 16 x 16 sketch of scale * up @ down, and the scale used; None if the factors do
    not form a module (ranks differ, one missing)."""
    if module.down_proj is None or module.up_proj is None:
        return None
    if module.up_proj.shape[1] != module.down_proj.shape[0]:
        return None
    r = module.down_proj.shape[0]
    scale = (module.alpha_value / r) if (module.alpha_value is not None and r) else 1.0
    with np.errstate(all="ignore"):
        s = (module.up_proj.astype(np.float64) @ module.down_proj.astype(np.float64)) * scale
    return s.astype(np.float32), scale
