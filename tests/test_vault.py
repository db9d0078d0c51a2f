"""The vault (proofkit.ledger.vault): exact stamped bytes, content-addressed, gzip, re-checked
on every read, written atomically."""

from __future__ import annotations

import errno
import gzip
import hashlib
import os
import random
import subprocess
import sys

import pytest

from proofkit.core.errors import InputError
from proofkit.ledger.vault import (
    Vault,
    VaultDamaged,
    VaultError,
    should_keep,
)


def _novel(seed: int = 7, chapters: int = 40) -> bytes:
    rng = random.Random(seed)
    words = ["风", "雨", "山", "河", "剑", "心", "梦", "城", "the", "night", "sword", "river"]
    return "\n\n".join(
        f"第{i}章\n" + "".join(rng.choice(words) for _ in range(2000)) for i in range(chapters)
    ).encode("utf-8")


def _sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def test_keep_read_and_dedupe(tmp_path):
    data = _novel()
    src = tmp_path / "novel.txt"
    src.write_bytes(data)
    v = Vault(tmp_path / "vault")
    k = v.keep_file(src, "sha256", _sha(data))
    assert k.new and k.size == len(data) and k.stored_size < len(data) / 2
    p = v.object_path("sha256", _sha(data))
    assert p.is_file() and p.parent.name == _sha(data)[:2]
    # a stranger's check: gzip -dc OBJ | sha256sum
    assert hashlib.sha256(gzip.decompress(p.read_bytes())).hexdigest() == _sha(data)
    again = v.keep_file(src, "sha256", _sha(data))
    assert not again.new and again.size == len(data)
    assert v.read("sha256", _sha(data)) == data
    assert v.stats()[0] == 1


def test_other_algorithms_are_kept_under_their_own_name(tmp_path):
    data = b"chapter one\n" * 100
    src = tmp_path / "c.txt"
    src.write_bytes(data)
    v = Vault(tmp_path / "vault")
    d384 = hashlib.sha384(data).hexdigest()
    v.keep_file(src, "sha384", d384)
    assert v.has("sha384", d384) and not v.has("sha256", _sha(data))
    assert v.read("sha384", d384) == data


def test_a_file_changed_since_hashing_is_not_kept(tmp_path):
    src = tmp_path / "c.txt"
    src.write_bytes(b"what was stamped")
    stamped = _sha(b"what was stamped")
    src.write_bytes(b"edited afterwards")
    v = Vault(tmp_path / "vault")
    with pytest.raises(VaultError, match="changed after it was hashed"):
        v.keep_file(src, "sha256", stamped)
    assert not v.has("sha256", stamped)
    assert not [p for p in (tmp_path / "vault").rglob("*") if p.is_file()]  # no temp left


def test_unreadable_file_is_one_sentence(tmp_path):
    v = Vault(tmp_path / "vault")
    with pytest.raises(InputError, match="no such file"):
        v.keep_file(tmp_path / "missing.txt", "sha256", "0" * 64)


def test_damaged_object_is_refused_on_read_restore_and_check(tmp_path):
    data = _novel(1, 5)
    v = Vault(tmp_path / "vault")
    v.keep_bytes(data)
    p = v.object_path("sha256", _sha(data))
    # a valid gzip of different bytes under the same name: only the re-hash can catch it
    p.write_bytes(gzip.compress(data[:-1] + b"X"))
    with pytest.raises(VaultDamaged, match="no longer matches"):
        v.read("sha256", _sha(data))
    out = tmp_path / "restored.txt"
    with pytest.raises(VaultDamaged):
        v.restore_to("sha256", _sha(data), out)
    assert not out.exists()
    n, problems = v.check()
    assert n == 1 and len(problems) == 1 and "no longer matches" in problems[0].reason
    # a truncated object
    p.write_bytes(gzip.compress(data)[:-10])
    n, problems = v.check()
    assert problems and "damaged" in problems[0].reason


def test_restore_gives_back_the_exact_bytes(tmp_path):
    data = _novel(3, 3)
    v = Vault(tmp_path / "vault")
    v.keep_bytes(data)
    out = tmp_path / "out" / "draft.txt"
    assert v.restore_to("sha256", _sha(data), out) == len(data)
    assert out.read_bytes() == data
    with pytest.raises(VaultError, match="not kept"):
        v.restore_to("sha256", "1" * 64, tmp_path / "x")


def test_disk_full_leaves_no_object_and_says_so(tmp_path, monkeypatch):
    data = _novel(2, 3)
    src = tmp_path / "c.txt"
    src.write_bytes(data)
    v = Vault(tmp_path / "vault")
    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(VaultError, match="disk .* is full"):
        v.keep_file(src, "sha256", _sha(data))
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert not v.has("sha256", _sha(data))
    assert v.check() == (0, [])
    assert v.keep_file(src, "sha256", _sha(data)).new  # works once space is back


def test_kill_during_a_write_leaves_no_object(tmp_path):
    """A process killed while compressing a large file leaves at most a temporary file, which
    check() removes; the object is absent (not half-written) and can be kept again."""
    big = tmp_path / "big.txt"
    big.write_bytes(_novel(5, 400))  # ~10 MB
    digest = _sha(big.read_bytes())
    code = (
        "import os, sys, signal, threading\n"
        "from proofkit.ledger.vault import Vault\n"
        "v = Vault(sys.argv[1])\n"
        "n = [0]\n"
        "def progress(done, total):\n"
        "    n[0] += 1\n"
        "    if n[0] == 3: os.kill(os.getpid(), signal.SIGKILL)\n"
        "v.keep_file(sys.argv[2], 'sha256', sys.argv[3], progress=progress)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "vault"), str(big), digest])
    assert proc.returncode == -9
    v = Vault(tmp_path / "vault")
    assert not v.has("sha256", digest)
    leftovers = [p for p in (tmp_path / "vault").rglob("*.tmp")]
    assert leftovers  # the kill really happened mid-write
    assert v.check() == (0, [])
    assert not list((tmp_path / "vault").rglob("*.tmp"))
    v.keep_file(big, "sha256", digest)
    assert v.check() == (1, [])


@pytest.mark.parametrize("size,name,choice,expected", [
    (10_000, "novel.txt", None, True),
    (65 << 20, "novel.txt", None, False),       # over the default 64 MiB
    (64 << 20, "novel.txt", None, True),
    (1_000, "model.safetensors", None, False),  # models: off unless chosen
    (1_000, "model.safetensors", "keep", True),
    (100 << 20, "big.txt", "keep", True),
    (10, "novel.txt", "skip", False),
])
def test_should_keep(size, name, choice, expected):
    assert should_keep(size=size, file_name=name, work_choice=choice) is expected


def test_limit_is_settable():
    assert should_keep(size=2 << 20, file_name="a.txt", limit_mib=1) is False
    assert should_keep(size=2 << 20, file_name="a.txt", limit_mib=2) is True


def test_bad_names_are_refused(tmp_path):
    v = Vault(tmp_path / "vault")
    with pytest.raises(VaultError):
        v.object_path("md5", "0" * 32)
    with pytest.raises(VaultError):
        v.object_path("sha256", "../" + "0" * 61)


def test_a_folder_that_cannot_be_fsynced_is_not_an_error_but_a_full_disk_is(tmp_path, monkeypatch):
    """Network shares and FUSE cloud drives refuse fsync on a folder (EINVAL, ENOTSUP...):
    the rename stands. A real write error (ENOSPC) is raised."""
    import errno

    from proofkit.core import files

    def refuse(code):
        def fsync(fd):
            raise OSError(code, os.strerror(code))
        return fsync

    monkeypatch.setattr(files.os, "fsync", refuse(errno.EINVAL))
    files.fsync_dir(tmp_path)  # no error
    monkeypatch.setattr(files.os, "fsync", refuse(errno.ENOSPC))
    with pytest.raises(OSError):
        files.fsync_dir(tmp_path)
