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


# ------------------------------------------------------------------ batches (folder stamps)

from proofkit.ledger import vault as vault_mod  # noqa: E402
from proofkit.ledger.vault import Kept  # noqa: E402

needs_syncfs = pytest.mark.skipif(not vault_mod._syncfs_available(), reason="syncfs(2) is Linux-only")


def _captions(folder, n, seed=0):
    rng = random.Random(seed)
    entries = []
    for i in range(n):
        p = folder / f"part{i % 3}" / f"caption_{i:03d}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        b = bytes(rng.randrange(256) for _ in range(50 + i)) if i % 4 else f"caption {i} 风".encode() * 20
        p.write_bytes(b)
        entries.append((p, "sha256", _sha(b)))
    return entries


def _objects(root):
    return sorted(p.name for p in (root / "objects").rglob("*.gz")) if (root / "objects").is_dir() else []


def _temps(root):
    return list(root.rglob("*.tmp")) if root.is_dir() else []


def test_keep_files_keeps_each_reports_each_and_dedupes(tmp_path):
    entries = _captions(tmp_path / "data", 12)
    same = tmp_path / "data" / "copy.txt"
    same.write_bytes(entries[3][0].read_bytes())
    changed = tmp_path / "data" / "changed.txt"
    changed.write_bytes(b"edited")
    batch = entries + [(same, "sha256", entries[3][2]), (changed, "sha256", _sha(b"stamped")),
                       (tmp_path / "gone.txt", "sha256", "0" * 64)]
    v = Vault(tmp_path / "vault")
    v.keep_bytes(entries[0][0].read_bytes())  # kept by an earlier stamp
    res = v.keep_files(batch)
    assert [type(r) for r in res] == [Kept] * 13 + [VaultError, InputError]
    assert not res[0].new and all(r.new for r in res[1:12]) and not res[12].new  # deduplicated
    assert "changed after it was hashed" in res[13].message
    assert len(_objects(v.root)) == 12 and not _temps(v.root)
    for path, alg, d in entries:
        assert v.read(alg, d) == path.read_bytes()
    assert v.check() == (12, [])


@needs_syncfs
def test_a_batch_names_no_object_before_all_its_bytes_are_durable(tmp_path, monkeypatch):
    """The invariant dedupe relies on: an existing name is a durable, complete object. So the
    one syncfs of the batch comes before the first rename, and one more after the last."""
    entries = _captions(tmp_path / "data", 20)
    v = Vault(tmp_path / "vault")
    events = []
    real_sync, real_publish = vault_mod._sync_files, vault_mod._publish

    def sync(root):
        events.append(("sync", len(_objects(v.root)), len(_temps(v.root))))
        real_sync(root)

    def publish(tmp, dest):
        events.append(("name",))
        real_publish(tmp, dest)

    monkeypatch.setattr(vault_mod, "_sync_files", sync)
    monkeypatch.setattr(vault_mod, "_publish", publish)
    monkeypatch.setattr(os, "fsync", lambda fd: pytest.fail("a batch must not fsync file by file"))
    assert all(isinstance(r, Kept) and r.new for r in v.keep_files(entries))
    kinds = [e[0] for e in events]
    assert kinds == ["sync"] + ["name"] * 20 + ["sync"]
    assert events[0][1:] == (0, 20)  # at the first sync: twenty temporary files, no object named yet
    assert len(_objects(v.root)) == 20


def test_without_syncfs_each_file_is_fsynced_before_it_is_named(tmp_path, monkeypatch):
    entries = _captions(tmp_path / "data", 10)
    v = Vault(tmp_path / "vault")
    monkeypatch.setattr(vault_mod, "_SYNCFS", None)  # another platform
    synced, named = [], []
    real_fsync, real_publish = os.fsync, vault_mod._publish

    def fsync(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else fd)
        real_fsync(fd)

    def publish(tmp, dest):
        assert not os.path.exists("/proc/self/fd") or tmp in synced, "named before it was fsynced"
        named.append(tmp)
        real_publish(tmp, dest)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(vault_mod, "_publish", publish)
    assert all(isinstance(r, Kept) for r in v.keep_files(entries))
    assert len(named) == 10 and v.check() == (10, [])


@needs_syncfs
def test_a_batch_that_cannot_be_made_durable_keeps_nothing_and_says_so(tmp_path, monkeypatch):
    entries = _captions(tmp_path / "data", 12)
    v = Vault(tmp_path / "vault")
    v.keep_bytes(entries[0][0].read_bytes())

    def full(root):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(vault_mod, "_sync_files", full)
    res = v.keep_files(entries)
    assert isinstance(res[0], Kept) and not res[0].new  # already kept before: still there
    assert all(isinstance(r, VaultError) and "is full" in r.message for r in res[1:])
    assert len(_objects(v.root)) == 1 and not _temps(v.root)
    monkeypatch.undo()
    assert all(isinstance(r, Kept) for r in v.keep_files(entries))
    assert v.check() == (12, [])


@needs_syncfs
@pytest.mark.parametrize("kill_at", ["sync", "fifth name"])
def test_kill_during_a_batch_leaves_complete_objects_or_none(tmp_path, kill_at):
    """SIGKILL before the batch's sync (every temporary file written, none named) or in the
    middle of the renames: every named object is complete; check() removes the rest; the
    same batch kept again completes the vault."""
    entries = _captions(tmp_path / "data", 16)
    code = (
        "import os, signal, sys, json\n"
        "from proofkit.ledger import vault as vm\n"
        "entries = json.loads(sys.argv[2]); kill_at = sys.argv[3]\n"
        "n = [0]\n"
        "real = vm._publish\n"
        "def publish(tmp, dest):\n"
        "    n[0] += 1\n"
        "    if n[0] == 5: os.kill(os.getpid(), signal.SIGKILL)\n"
        "    real(tmp, dest)\n"
        "if kill_at == 'sync':\n"
        "    vm._sync_files = lambda root: os.kill(os.getpid(), signal.SIGKILL)\n"
        "else:\n"
        "    vm._publish = publish\n"
        "vm.Vault(sys.argv[1]).keep_files(entries)\n"
    )
    import json

    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "vault"),
                           json.dumps([(str(p), a, d) for p, a, d in entries]), kill_at])
    assert proc.returncode == -9
    root = tmp_path / "vault"
    named = _objects(root)
    assert len(named) == (0 if kill_at == "sync" else 4)
    assert len(_temps(root)) == 16 - len(named)  # the kill really happened mid-batch
    v = Vault(root)
    assert v.check() == (len(named), [])  # the named ones are complete; temporaries removed
    assert not _temps(root)
    res = v.keep_files(entries)
    assert sum(r.new for r in res) == 16 - len(named)
    assert v.check() == (16, [])


def test_objects_are_plain_gzip_whoever_wrote_them(tmp_path, monkeypatch):
    """The format is one gzip member, whichever deflate wrote it (ISA-L now, zlib before and
    as the fallback): the system's gzip reads a new object, and the vault reads objects that
    the standard library's zlib wrote (older vaults)."""
    import shutil
    import zlib

    data = _novel(9, 6)
    src = tmp_path / "c.txt"
    src.write_bytes(data)
    v = Vault(tmp_path / "vault")
    v.keep_file(src, "sha256", _sha(data))
    obj = v.object_path("sha256", _sha(data))
    if shutil.which("gzip"):
        out = subprocess.run(["gzip", "-dc", str(obj)], capture_output=True, check=True).stdout
        assert _sha(out) == _sha(data)
    monkeypatch.setattr(vault_mod, "_deflate", zlib)  # as an older version (or no isal) wrote it
    old = _novel(10, 6)
    v.keep_bytes(old)
    assert v.read("sha256", _sha(old)) == old and v.check() == (2, [])
