"""Works over time: folder stamps (one manifest, one request per TSA), a single file proven
alone from its manifest line with sha256sum and openssl, version lineage, and watch mode."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import time
from datetime import datetime, timedelta

import pytest

from proofkit.cli.main import main
from proofkit.core import manifest as mf
from proofkit.core.errors import InputError


@pytest.fixture
def run(tmp_path, loopback_pki, capsys):
    home = tmp_path / "home"

    def _run(*argv):
        capsys.readouterr()
        code = main(["--home", str(home), "--trust", str(loopback_pki.root_pem)] + [str(a) for a in argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    _run.home = home
    return _run


@pytest.fixture
def novel(tmp_path):
    root = tmp_path / "我的小说"
    (root / "卷一").mkdir(parents=True)
    (root / "卷一" / "第1章.txt").write_text("第一章 风起。", encoding="utf-8")
    (root / "卷一" / "第2章.txt").write_text("第二章 云涌。", encoding="utf-8")
    (root / "大纲.md").write_text("# 大纲\n", encoding="utf-8")
    (root / "notes with spaces.txt").write_text("notes\n")
    (root / ".DS_Store").write_bytes(b"junk")
    return root


def test_manifest_format_roundtrip(novel):
    m, digests = mf.build(novel, "我的小说")
    text = m.text
    assert text.splitlines()[0].startswith("# ProofKit folder manifest v1") and "我的小说" in text.splitlines()[0]
    assert text.splitlines()[1].startswith("# salt: ") and len(m.salt) == 32
    names = [e.rel_path for e in m.entries]
    assert names == sorted(names) and ".DS_Store" not in names and "卷一/第1章.txt" in names
    assert mf.parse(text).entries == tuple(mf.ManifestEntry(e.digest_hex, e.rel_path) for e in m.entries)
    # sha256sum -c accepts it as it is, run from the folder root
    (novel.parent / "m.sha256").write_text(text, encoding="utf-8")
    r = subprocess.run(["sha256sum", "-c", "--strict", str(novel.parent / "m.sha256")], cwd=novel,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    # a fresh salt every time: the same folder gives an unguessable, different manifest digest
    m2, _ = mf.build(novel, "我的小说")
    assert m2.same_content(m) and m2.salt != m.salt and m2.data != m.data


def test_manifest_escapes_names_as_sha256sum_does(run, tmp_path, loopback_tsa):
    """A backslash or a newline in a file name: the line is escaped the way sha256sum writes
    it, so `sha256sum -c` still checks that file. Other line-breaking characters (a carriage
    return, a form feed, U+2028) are written as they are and read back whole. The index the
    ledger keeps reads the same (digest, name) pairs as the parser, so `verify` finds each."""
    folder = tmp_path / "odd"
    folder.mkdir()
    odd = ["cr\rin.txt", "form\x0cfeed.txt", "line\u2028sep.txt"]  # str.splitlines cuts at these
    for name in ["plain.txt", "back\\slash.txt", "two\nlines.txt", "章节 1.txt", *odd]:
        (folder / name).write_text(name, encoding="utf-8")
    m, _ = mf.build(folder, "odd names")
    lines = m.text.split("\n")
    assert sum(line.startswith("\\") for line in lines) == 2
    assert "\\" + hashlib.sha256("two\nlines.txt".encode()).hexdigest() + "  two\\nlines.txt" in lines
    parsed = mf.parse(m.text)
    assert [(e.digest_hex, e.rel_path) for e in parsed.entries] == mf.entry_pairs(m.text)
    assert {e.rel_path for e in parsed.entries} == {"plain.txt", "back\\slash.txt", "two\nlines.txt",
                                                    "章节 1.txt", *odd}
    assert all(e.digest_hex == hashlib.sha256(e.rel_path.encode()).hexdigest() for e in parsed.entries)
    # what coreutils 9 writes for a carriage return reads back too
    cr = hashlib.sha256(b"cr\rin.txt").hexdigest()
    assert mf.entry_pairs(f"\\{cr}  cr\\rin.txt\n") == [(cr, "cr\rin.txt")]
    assert (parsed.work, parsed.salt) == ("odd names", m.salt)
    (tmp_path / "m.sha256").write_text(m.text, encoding="utf-8")
    r = subprocess.run(["sha256sum", "-c", "--strict", str(tmp_path / "m.sha256")], cwd=folder,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    with pytest.raises(InputError):
        mf.entry_pairs(m.text + "nothex  name\n")
    assert run("stamp", folder, "--tsa", loopback_tsa.url)[0] == 0
    for name in odd:
        code, out, _ = run("verify", folder / name, "--json")
        v = json.loads(out)
        assert code == 0 and v["ok"], out
        assert any(c["name"] == "manifest_entry" and c["ok"] and name in c["detail"] for c in v["checks"]), out


def test_folder_is_one_request_per_tsa_and_each_file_provable_alone(run, novel, loopback_tsa_factory, loopback_pki, tmp_path):
    a, b = loopback_tsa_factory("rsa"), loopback_tsa_factory("ec")
    code, out, err = run("stamp", novel, "--tsa", a.url, "--tsa", b.url, "--work", "我的小说", "--json")
    assert code == 0, err
    [obj] = json.loads(out)
    assert obj["kind"] == "manifest" and obj["files"] == 4
    assert len(a.requests) == 1 and len(b.requests) == 1
    assert all(r["status"] == "verified" for r in obj["receipts"])

    # Prove one chapter alone: its manifest line + the manifest + the token, standard tools only.
    from proofkit.ledger import Ledger

    ledger = Ledger.open(run.home / "ledger.sqlite3")
    version = ledger.get_version(obj["id"])
    ledger.close()
    evidence = tmp_path / "evidence"
    (evidence / "卷一").mkdir(parents=True)
    chapter = novel / "卷一" / "第2章.txt"
    (evidence / "卷一" / "第2章.txt").write_bytes(chapter.read_bytes())
    manifest = evidence / "manifest.sha256"
    manifest.write_text(version.manifest_text, encoding="utf-8")
    line = next(ln for ln in version.manifest_text.splitlines() if ln.endswith("卷一/第2章.txt"))
    (evidence / "one.sha256").write_text(line + "\n", encoding="utf-8")
    r = subprocess.run(["sha256sum", "-c", "one.sha256"], cwd=evidence, capture_output=True, text=True)
    assert r.returncode == 0 and ": OK" in r.stdout
    for receipt, tsa in zip(obj["receipts"], (a, b)):
        tsr = evidence / f"{receipt['id']}.tsr"
        tsr.write_bytes(base64.b64decode(receipt["token_b64"]))
        gen = datetime.fromisoformat(receipt["gen_time"].replace("Z", "+00:00"))
        cmd = ["openssl", "ts", "-verify", "-data", str(manifest), "-in", str(tsr),
               "-CAfile", str(loopback_pki.root_pem), "-attime", str(int(gen.timestamp()))]
        chain = loopback_pki.ca_chain_pem(tsa.signer_name)
        if chain:
            cmd += ["-untrusted", str(chain)]
        r = subprocess.run(cmd, capture_output=True, text=True)
        assert "Verification: OK" in r.stdout, r.stdout + r.stderr

    # `proofkit verify FILE` finds it inside the folder stamp and says so.
    code, out, _ = run("verify", chapter)
    assert code == 0 and "manifest_entry" in out and "卷一/第2章.txt" in out
    code, out, _ = run("verify", chapter, "--json")
    v = json.loads(out)
    assert v["ok"] and any(c["name"] == "manifest_entry" and c["ok"] for c in v["checks"])
    # A file not in the folder is still "never stamped".
    stranger = tmp_path / "stranger.txt"
    stranger.write_text("not in the novel")
    assert run("verify", stranger)[0] == 1


def test_version_lineage_and_log_timeline(run, tmp_path, loopback_tsa):
    f = tmp_path / "lora.safetensors"
    for content in (b"v1 weights", b"v2 weights", b"v3 weights"):
        f.write_bytes(content)
        assert run("stamp", f, "--tsa", loopback_tsa.url, "--work", "My LoRA")[0] == 0
    # The same state again: the same version, one more receipt.
    assert run("stamp", f, "--tsa", loopback_tsa.url, "--work", "My LoRA")[0] == 0
    code, out, _ = run("log", "--work", "My LoRA", "--json")
    versions = json.loads(out)
    assert code == 0 and len(versions) == 3
    assert [len(v["receipts"]) for v in versions] == [1, 1, 2]
    # Going back to an older state is a new step in the history, not a rewrite of it.
    f.write_bytes(b"v1 weights")
    assert run("stamp", f, "--tsa", loopback_tsa.url, "--work", "My LoRA")[0] == 0
    code, out, _ = run("log", "--work", "My LoRA", "--json")
    assert [v["sha256"] for v in json.loads(out)][0] == [v["sha256"] for v in json.loads(out)][3]
    code, out, _ = run("log", "--work", "My LoRA")
    assert out.count("lora.safetensors") == 4


def test_watch_stamps_changes_at_most_once_per_interval(run, novel, loopback_tsa):
    args = ("watch", novel, "--work", "我的小说", "--tsa", loopback_tsa.url, "--once")
    code, out, err = run(*args, "--every", "1h")
    assert code == 0 and "stamped" in out, err
    assert len(loopback_tsa.requests) == 1
    code, out, _ = run(*args, "--every", "1h")  # nothing changed: nothing sent
    assert code == 0 and "nothing changed" in out and len(loopback_tsa.requests) == 1
    (novel / "卷一" / "第3章.txt").write_text("第三章", encoding="utf-8")
    code, out, _ = run(*args, "--every", "1h")  # changed, but within the interval
    assert code == 0 and "next stamp allowed" in out and len(loopback_tsa.requests) == 1
    time.sleep(1.1)
    code, out, _ = run(*args, "--every", "1s")  # the interval has passed (a restart in between)
    assert code == 0 and "stamped" in out and len(loopback_tsa.requests) == 2
    code, out, _ = run("log", "--work", "我的小说", "--json")
    assert [v["kind"] for v in json.loads(out)] == ["manifest", "manifest"]


def test_watch_reuses_digests_of_unchanged_files(novel, tmp_path):
    from proofkit.app.watching import WatchState

    state = WatchState(tmp_path / "state.json")
    m1, digests = mf.build(novel, "w")
    state.save(digests, novel)
    # Corrupt the known digest of an unchanged file: it is trusted by (size, mtime) and reused,
    # which shows the file was not read again.
    rel = "大纲.md"
    size, mtime, _ = state.known[rel]
    state.known[rel] = (size, mtime, "0" * 64)
    m2, _ = mf.build(novel, "w", known=state.known)
    assert next(e for e in m2.entries if e.rel_path == rel).digest_hex == "0" * 64
    reloaded = WatchState(tmp_path / "state.json")
    assert reloaded.known[rel][2] == next(e for e in m1.entries if e.rel_path == rel).digest_hex
    (tmp_path / "broken.json").write_text("{not json")
    assert WatchState(tmp_path / "broken.json").known == {}


def test_interval_parsing():
    from proofkit.app.watching import parse_interval
    from proofkit.core.errors import InputError

    assert parse_interval("1h") == timedelta(hours=1)
    assert parse_interval("30m") == timedelta(minutes=30)
    assert parse_interval("1d") == timedelta(days=1)
    for bad in ("", "soon", "-1h", "0s"):
        with pytest.raises(InputError):
            parse_interval(bad)


def test_folder_bad_inputs(run, tmp_path, loopback_tsa, novel):
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run("stamp", empty, "--tsa", loopback_tsa.url)
    assert code == 2 and "no files" in err
    code, _, err = run("stamp", novel, "--tsa", loopback_tsa.url, "--hash", "sha512")
    assert code == 2
    code, _, err = run("watch", tmp_path / "nope", "--work", "w", "--once")
    assert code == 2 and "not a folder" in err
    assert loopback_tsa.requests == []


def test_bundle_carries_manifest_and_only_picked_originals(run, novel, loopback_tsa, tmp_path):
    import zipfile

    assert run("stamp", novel, "--tsa", loopback_tsa.url, "--work", "我的小说")[0] == 0
    out = tmp_path / "e.zip"
    code, _, err = run("export", "我的小说", "-o", out, "--original", "卷一/第2章.txt")
    assert code == 0, err
    names = zipfile.ZipFile(out).namelist()
    originals = [n for n in names if n.startswith("originals/")]
    assert len(originals) == 1 and originals[0].endswith("卷一/第2章.txt")
    assert any(n.startswith("manifests/") for n in names)
    code, out_text, _ = run("verify", out)
    assert code == 0
