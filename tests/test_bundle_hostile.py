"""A bundle from someone else is untrusted input. Whatever the zip holds, ``verify_bundle``
returns a report or raises InputError (exit 2) — never another exception, never a write.
Hostile cases: random bytes, mutated valid bundles, zip slip names, absolute paths, symlink
entries, zip bombs, lying or huge declared sizes, thousands of entries, bad JSON, wrong media
type or version."""

from __future__ import annotations

import contextlib
import io
import json
import os
import struct
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loopback_tsa import LoopbackTSA
from proofkit.bundle.format import MEDIA_TYPE
from proofkit.bundle.safezip import SafeZip
from proofkit.bundle.verify import verify_bundle
from proofkit.cli.main import main
from proofkit.core.errors import InputError
from proofkit.core.trust import TrustStore

HYP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def valid_bundle(loopback_pki, tmp_path_factory) -> bytes:
    """One real bundle (two TSAs, originals included), made once for the module."""
    d = tmp_path_factory.mktemp("hostile")
    f = d / "第一章.txt"
    f.write_text("第一章 风起。\n", encoding="utf-8")
    out = d / "b.zip"
    with LoopbackTSA(loopback_pki, "rsa").start() as a, LoopbackTSA(loopback_pki, "ec").start() as b:
        base = ["--home", str(d / "home"), "--trust", str(loopback_pki.root_pem)]
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            assert main(base + ["stamp", str(f), "--tsa", a.url, "--tsa", b.url, "--work", "风起"]) == 0
            assert main(base + ["export", "风起", "-o", str(out), "--include-original"]) == 0
    return out.read_bytes()


@pytest.fixture(scope="module")
def trust(loopback_pki):
    return TrustStore.default([loopback_pki.root_pem])


def _check(path: Path, trust) -> object:
    """The property: a report or InputError, and nothing written next to the bundle."""
    before = sorted(os.listdir(path.parent))
    cwd_before = sorted(os.listdir("."))
    try:
        rep = verify_bundle(path, trust=trust)
    except InputError as exc:
        assert exc.message and "\n" not in exc.message
        rep = exc
    assert sorted(os.listdir(path.parent)) == before
    assert sorted(os.listdir(".")) == cwd_before
    return rep


def _zip(entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buf.getvalue()


def _manifest(**over) -> bytes:
    doc = {"media_type": MEDIA_TYPE, "version": 1, "work": {"title": "t"}, "versions": [], "receipts": [],
           "members": []}
    doc.update(over)
    return json.dumps(doc).encode()


def test_valid_bundle_verifies(valid_bundle, trust, tmp_path):
    p = tmp_path / "ok.zip"
    p.write_bytes(valid_bundle)
    rep = verify_bundle(p, trust=trust)
    assert rep.ok and len(rep.receipts) == 2


@HYP
@given(data=st.binary(max_size=4096))
def test_random_bytes(data, trust, tmp_path):
    p = tmp_path / "random.zip"
    p.write_bytes(data)
    assert isinstance(_check(p, trust), InputError)


@HYP
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1, max_size=8),
       cut=st.one_of(st.none(), st.floats(0, 1)))
def test_mutated_valid_bundle(valid_bundle, trust, tmp_path, flips, cut):
    data = bytearray(valid_bundle)
    for where, xor in flips:
        data[int(where * len(data))] ^= xor
    if cut is not None:
        data = data[: int(cut * len(data))]
    p = tmp_path / "mutated.zip"
    p.write_bytes(bytes(data))
    _check(p, trust)


@HYP
@given(index=st.integers(0, 10_000), value=st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.text(max_size=40),
    st.sampled_from(["../../etc/passwd", "/etc/passwd", "tokens/../../x", "C:/x", "tokens/a\\..\\b", "x" * 5000]),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=3)))
def test_mutated_manifest_fields(valid_bundle, trust, tmp_path, index, value):
    """Replace one value anywhere in manifest.json: a report or InputError, nothing else."""
    with zipfile.ZipFile(io.BytesIO(valid_bundle)) as zf:
        members = [(zi.filename, zf.read(zi)) for zi in zf.infolist()]
    doc = json.loads(dict(members)["manifest.json"])
    slots = []

    def walk(node):
        if isinstance(node, dict):
            for k in node:
                slots.append((node, k))
                walk(node[k])
        elif isinstance(node, list):
            for i in range(len(node)):
                slots.append((node, i))
                walk(node[i])

    walk(doc)
    container, key = slots[index % len(slots)]
    old, container[key] = container[key], value
    members = [(n, json.dumps(doc).encode() if n == "manifest.json" else d) for n, d in members]
    p = tmp_path / "manifest-mutated.zip"
    p.write_bytes(_zip(members))
    rep = _check(p, trust)
    if not isinstance(rep, InputError) and key in ("digest", "response_file") and value != old:
        assert not rep.ok  # the stamped digest or the token itself cannot be swapped unnoticed


@pytest.mark.parametrize("name", ["../x", "../../etc/x", "/etc/x", "tokens/../../x", "C:/x", "C:\\x",
                                  "tokens\\..\\..\\x", "a//b", "./x", "x/./y", "bad\x00name", "new\nline"])
def test_unsafe_names_refused(name, trust, tmp_path):
    zi = zipfile.ZipInfo("placeholder")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("manifest.json", _manifest())
        zf.writestr(zi, b"evil")
    raw = buf.getvalue().replace(b"placeholder", name.encode().ljust(11, b"_")[:11]) if len(name) <= 11 else None
    if raw is None:  # names longer than the placeholder: write them directly
        raw = _zip([("manifest.json", _manifest()), (name, b"evil")])
    p = tmp_path / "slip.zip"
    p.write_bytes(raw)
    rep = _check(p, trust)
    assert isinstance(rep, InputError), name
    assert not (tmp_path.parent / "x").exists() and not Path("/etc/x").exists()


def test_symlink_entry_refused(trust, tmp_path):
    zi = zipfile.ZipInfo("originals/v1/link")
    zi.create_system = 3
    zi.external_attr = (0o120777 << 16)
    p = tmp_path / "link.zip"
    p.write_bytes(_zip([("manifest.json", _manifest()), (zi, b"/etc/passwd")]))
    rep = _check(p, trust)
    assert isinstance(rep, InputError) and "symbolic link" in rep.message


def test_zip_bomb_refused(trust, tmp_path):
    p = tmp_path / "bomb.zip"
    p.write_bytes(_zip([("manifest.json", _manifest()), ("originals/v1/zeros", b"\0" * (20 << 20))]))
    rep = _check(p, trust)
    assert isinstance(rep, InputError) and "zip bomb" in rep.message


def _patch_central_sizes(raw: bytes, name: bytes, size: int) -> bytes:
    """Set the uncompressed size a central directory entry declares."""
    i = raw.find(b"PK\x01\x02" + raw[raw.find(b"PK\x01\x02") + 4: raw.find(b"PK\x01\x02") + 4])
    data = bytearray(raw)
    pos = 0
    while True:
        i = raw.find(b"PK\x01\x02", pos)
        if i < 0:
            break
        n = struct.unpack("<H", raw[i + 28:i + 30])[0]
        if raw[i + 46:i + 46 + n] == name:
            data[i + 24:i + 28] = struct.pack("<I", size)
        pos = i + 4
    return bytes(data)


@pytest.mark.parametrize("declared", [0xFFFFFFFF, 3, 0])
def test_lying_declared_sizes(trust, tmp_path, declared):
    listed = [{"path": "tokens/r1.tsr", "sha256": "0" * 64, "size": 5000}]
    raw = _zip([("manifest.json", _manifest(members=listed)), ("tokens/r1.tsr", os.urandom(5000))])
    p = tmp_path / "lying.zip"
    p.write_bytes(_patch_central_sizes(raw, b"tokens/r1.tsr", declared))
    assert isinstance(_check(p, trust), InputError)


def test_thousands_of_entries_refused(trust, tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("manifest.json", _manifest())
        for i in range(6000):
            zf.writestr(f"tokens/{i}", b"")
    p = tmp_path / "many.zip"
    p.write_bytes(buf.getvalue())
    rep = _check(p, trust)
    assert isinstance(rep, InputError) and "entries" in rep.message


@pytest.mark.parametrize("manifest,needle", [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe", "not valid JSON"),
    # 200 KB of brackets compresses ~1000:1: refused as a bomb before JSON is even tried
    (b"[" * 100_000 + b"]" * 100_000, "compressed suspiciously well"),
    (b"[" * 20_000 + b"]" * 20_000, "not valid JSON"),
    (b'{"a": NaN}', "not valid JSON"),
    (b"[]", "not a JSON object"),
    (_manifest(media_type="application/zip"), "not a ProofKit evidence bundle"),
    (_manifest(version=3), "format version 3"),  # newer than this reader
    (_manifest(version="1"), "no valid format version"),
    (_manifest(versions={}), "malformed"),
    (_manifest(members=[{"path": "../x", "sha256": "0" * 64, "size": 1}]), "malformed"),
    (_manifest(receipts=[{"id": 1, "version_id": 7, "tsa": "x", "response_file": "tokens/r1.tsr"}]), "malformed"),
])
def test_bad_manifests(trust, tmp_path, manifest, needle):
    p = tmp_path / "bad.zip"
    p.write_bytes(_zip([("manifest.json", manifest)]))
    rep = _check(p, trust)
    assert isinstance(rep, InputError) and needle in rep.message, getattr(rep, "message", rep)


def test_no_manifest_and_not_a_zip(trust, tmp_path):
    p = tmp_path / "empty.zip"
    p.write_bytes(_zip([("hello.txt", b"hi")]))
    assert "no manifest.json" in _check(p, trust).message
    q = tmp_path / "text.zip"
    q.write_text("just text", encoding="utf-8")
    assert "not a zip" in _check(q, trust).message


def test_bad_certificate_and_token_der(valid_bundle, trust, tmp_path):
    with zipfile.ZipFile(io.BytesIO(valid_bundle)) as zf:
        members = [(zi.filename, zf.read(zi)) for zi in zf.infolist()]
    cert = next(n for n, _ in members if n.startswith("certs/"))
    p = tmp_path / "badcert.zip"
    p.write_bytes(_zip([(n, b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" if n == cert else d)
                        for n, d in members]))
    assert "not a PEM certificate" in _check(p, trust).message
    tok = next(n for n, _ in members if n.endswith(".tsr"))
    q = tmp_path / "badtoken.zip"
    q.write_bytes(_zip([(n, b"\x30\x82\xff\xff garbage" if n == tok else d) for n, d in members]))
    rep = _check(q, trust)
    assert not rep.ok
    bad = [r for r in rep.receipts if not r.ok]
    assert bad and any(c.name == "structure" and not c.ok for c in bad[0].checks)


def test_cli_exit_codes_on_hostile_bundles(trust, tmp_path, capsys, loopback_pki):
    p = tmp_path / "slip.zip"
    p.write_bytes(_zip([("manifest.json", _manifest()), ("../../x", b"evil")]))
    code = main(["--home", str(tmp_path / "h"), "verify", str(p)])
    err = capsys.readouterr().err
    assert code == 2 and "unsafe path" in err and "unexpected" not in err
    code = main(["--home", str(tmp_path / "h"), "verify", str(tmp_path / "missing.zip")])
    assert code == 2 and "no such bundle" in capsys.readouterr().err


def test_safezip_reads_with_caps(tmp_path):
    p = tmp_path / "z.zip"
    p.write_bytes(_zip([("manifest.json", b"x" * 1000)]))
    with SafeZip(p) as z:
        assert z.read("manifest.json") == b"x" * 1000
        with pytest.raises(InputError):
            z.read("manifest.json", cap=10)
