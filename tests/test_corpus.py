"""The verifier must reproduce every verdict of the real-world corpus (../shared/corpus/tsa-real).

Each item is checked with the corpus' own trust anchor as the only root, at genTime, as the
corpus README states its ground truth was established. Both the .tsr and the .tst are checked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from proofkit.core.trust import TrustStore, load_certificates_file
from proofkit.core.verifier import Verifier

CORPUS = Path(os.environ.get("PROOFKIT_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus" / "tsa-real"))
MANIFEST = json.loads((CORPUS / "MANIFEST.json").read_text()) if (CORPUS / "MANIFEST.json").exists() else []


def _forms(item):
    yield item["file"]
    if item.get("token_file") and item["token_file"] != item["file"]:
        yield item["token_file"]


CASES = [(item, f) for item in MANIFEST for f in _forms(item)]


def test_corpus_present():
    # The corpus ships beside the repository; without it this whole module would test nothing.
    assert len(MANIFEST) == 19, f"corpus not found at {CORPUS}"


def _verify(item, fname, *, digest_only=False):
    chain = item["chain_files"]
    trust = TrustStore()
    extra = []
    if chain:
        trust.add_pem_file(CORPUS / chain[0], source="corpus")
        for f in chain[1:]:
            extra += load_certificates_file(CORPUS / f)
    der = (CORPUS / fname).read_bytes()
    kwargs = {}
    if item.get("data_file") and not digest_only:
        kwargs["file_path"] = CORPUS / item["data_file"]
    elif item.get("digest_hex"):
        kwargs["digest"] = bytes.fromhex(item["digest_hex"])
        kwargs["digest_alg"] = item["hash_alg"]
    return Verifier(trust).verify(der, extra_certs=extra, **kwargs)


@pytest.mark.parametrize("item,fname", CASES, ids=[f for _, f in CASES])
def test_corpus_verdict(item, fname):
    verdict = _verify(item, fname)
    expected = item["expected"]
    if expected == "valid":
        assert verdict.ok, verdict.reason()
        assert verdict.anchor is not None and verdict.anchor.source == "corpus"
        want = item["gen_time"].replace("Z", "+00:00")
        from datetime import datetime

        assert verdict.gen_time == datetime.fromisoformat(want)
    elif expected == "rejected-status":
        assert not verdict.ok
        assert verdict.failures[0].name == "status"
        assert "refused" in verdict.failures[0].detail
    else:
        assert not verdict.ok
        reason = expected.removeprefix("invalid: ")
        failed = {c.name for c in verdict.failures}
        if reason.startswith("signature"):
            assert failed == {"signature"}
        elif reason.startswith("TSTInfo altered"):
            assert failed == {"message_digest"}
        else:  # pragma: no cover - a new kind of corpus item
            pytest.fail(f"unknown expected verdict {expected}")


@pytest.mark.parametrize("item", [i for i in MANIFEST if i["expected"] == "valid" and i.get("data_file")],
                         ids=lambda i: i["id"])
def test_corpus_digest_only_and_wrong_file(item, tmp_path):
    assert _verify(item, item["file"], digest_only=True).ok
    other = tmp_path / "other"
    other.write_bytes((CORPUS / item["data_file"]).read_bytes() + b"x")
    item2 = dict(item, data_file=str(other))
    verdict = _verify(item2, item["file"])
    assert [c.name for c in verdict.failures] == ["imprint"]


def test_sha1_signed_tokens_warn_but_pass():
    for item in MANIFEST:
        if item["id"] in ("globalsign-2018-sha1", "freetsa-2017-sha384"):
            verdict = _verify(item, item["file"])
            assert verdict.ok
            assert any("SHA-1" in w for w in verdict.warnings)


def test_untrusted_without_anchor():
    item = next(i for i in MANIFEST if i["id"] == "sigstage-2025-sha256")
    verdict = Verifier(TrustStore()).verify((CORPUS / item["file"]).read_bytes(), file_path=CORPUS / item["data_file"])
    assert [c.name for c in verdict.failures] == ["chain"]
