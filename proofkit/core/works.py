"""What kind of work a draft is, from what the ledger knows of it (no Qt, no ledger)."""

from __future__ import annotations

from pathlib import PurePath

MANUSCRIPT, MODEL, FOLDER = "manuscript", "model", "folder"

# Weights and checkpoints of AI models, by extension (lower case, with the dot).
MODEL_SUFFIXES = frozenset({
    ".safetensors", ".ckpt", ".gguf", ".ggml", ".pt", ".pth", ".bin", ".onnx", ".h5", ".keras",
    ".tflite", ".mlmodel", ".pb", ".npz", ".lora",
})


def work_kind(version_kind: str, file_name: str) -> str:
    """"folder" for a stamped folder (a manifest), "model" for model weights, else
    "manuscript" (any other single file: text, document, image...)."""
    if version_kind == "manifest":
        return FOLDER
    if PurePath(file_name or "").suffix.lower() in MODEL_SUFFIXES:
        return MODEL
    return MANUSCRIPT


def badge(verified: int, pending: int, failed: int) -> str:
    """A work's state in one word: "failed" when any receipt failed, else "pending" when
    any waits, else "verified" when all verified, "empty" with no receipt at all."""
    if failed:
        return "failed"
    if pending:
        return "pending"
    return "verified" if verified else "empty"
