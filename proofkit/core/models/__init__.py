"""Model fingerprints and comparison: "is this re-upload mine?" (pure logic: no ledger, no Qt).

- ``fingerprint.fingerprint_file(path)``: the versioned fingerprint document, in one read.
- ``compare.compare(mine_doc, suspect_doc, base_doc=None)``: the report and its verdict.
- ``compare.compare_picture(mine_doc, chunks, name)``: does a sample PNG name MINE?
- ``containers.read_layout(path)``: the safe readers (safetensors, PyTorch zip, GGUF).
"""

import os

# The fingerprint runs its own threads (hashing workers beside the decoding thread). OpenBLAS's
# threads on top only add hand-overs: on this project's loaded 2-core machines the LoRA
# projections (hundreds of small matrix products) took 16.7 s for a 111 MB LoRA with them and
# 2.6 s without (bench/bench_fingerprint.py). Set before numpy is first imported; a process
# that imported numpy earlier keeps its own setting.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .errors import ModelFormatError  # noqa: E402

__all__ = ["ModelFormatError"]
