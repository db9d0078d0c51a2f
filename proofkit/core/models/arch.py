"""A guess of what a model is, from its tensor names and shapes (a guess: it is reported
as one, with the names that led to it)."""

from __future__ import annotations


def guess(names: list[str], shapes: dict[str, tuple[int, ...]], lora_family: str | None,
          metadata: dict[str, str]) -> dict:
    def has(s: str) -> bool:
        return any(s in n for n in names)

    def first(s: str) -> str | None:
        return next((n for n in names if s in n), None)

    if lora_family:
        base = "unknown"
        if has("lora_unet_double_blocks") or has("double_blocks") or has("single_blocks"):
            base = "Flux"
        elif has("lora_te2_") or has("lora_unet_input_blocks_4_1_transformer_blocks_1") \
                or has("add_embedding") or str(metadata.get("ss_base_model_version", "")).startswith("sdxl"):
            base = "SDXL"
        elif has("lora_unet_") or has("unet.") or has("lora_te_"):
            base = "SD1.x/2.x"
        elif has("self_attn.q_proj") or has("mlp.gate_proj"):
            base = "LLM"
        fam = "LoRA-kohya" if lora_family == "kohya" else f"LoRA-{lora_family}"
        return {"guess": f"{fam} ({base})", "evidence": first(".lora_") or names[0]}
    if has("double_blocks.") and has("single_blocks."):
        return {"guess": "Flux", "evidence": first("double_blocks.")}
    if has("joint_blocks."):
        return {"guess": "SD3", "evidence": first("joint_blocks.")}
    if has("conditioner.embedders.1") or (has("model.diffusion_model.label_emb") and has("input_blocks")):
        return {"guess": "SDXL", "evidence": first("conditioner.embedders.1") or first("label_emb")}
    if has("model.diffusion_model.input_blocks"):
        k = next((n for n in names if n.endswith("attn2.to_k.weight")), None)
        ctx = shapes[k][1] if k and len(shapes[k]) == 2 else None
        if ctx == 1024:
            return {"guess": "SD2.x", "evidence": k}
        return {"guess": "SD1.5" if ctx in (768, None) else "SD-like UNet", "evidence": k or first("input_blocks")}
    if has("down_blocks.") and has("up_blocks.") and has("attentions."):
        return {"guess": "diffusers UNet", "evidence": first("down_blocks.")}
    if has("blk.") and has("attn_q"):
        return {"guess": "LLM (GGUF)", "evidence": first("attn_q")}
    if has("self_attn.q_proj") or has("transformer.h.") or has("attention.wq"):
        return {"guess": "LLM", "evidence": first("self_attn.q_proj") or first("transformer.h.") or first("attention.wq")}
    if has("encoder.down") and has("decoder.up"):
        return {"guess": "VAE", "evidence": first("decoder.up")}
    return {"guess": "unknown", "evidence": None}
