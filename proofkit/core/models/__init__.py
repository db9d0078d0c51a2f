"""Model fingerprints and comparison: "is this re-upload mine?" (pure logic: no ledger, no Qt).

- ``fingerprint.fingerprint_file(path)``: the versioned fingerprint document, in one read.
- ``compare.compare(mine_doc, suspect_doc, base_doc=None)``: the report and its verdict.
- ``compare.compare_picture(mine_doc, chunks, name)``: does a sample PNG name MINE?
- ``containers.read_layout(path)``: the safe readers (safetensors, PyTorch zip, GGUF).
"""

from .errors import ModelFormatError

__all__ = ["ModelFormatError"]
