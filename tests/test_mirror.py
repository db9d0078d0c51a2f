"""The mirror (proofkit.ledger.mirror): incremental atomic copies of the ledger, receipts,
vault and evidence; safe when the folder disappears, fills up, or the process is killed;
restore on a new machine, after which `ledger check --deep` and the vault check pass."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from proofkit.cli.main import main
from proofkit.ledger import Ledger
from proofkit.ledger import mirror as mr
from proofkit.ledger.vault import Vault


class Home:
    """A data folder with real stamps from a loopback TSA and their bytes in the vault."""

    def __init__(self, root: Path, pki, tsa_url: str, capsys):
        self.root, self.pki, self.tsa_url, self.capsys = root, pki, tsa_url, capsys
        self.vault = Vault(root / "vault")
        self.evidence = root / "evidence"

    def cli(self, *argv) -> tuple[int, str]:
        self.capsys.readouterr()
        code = main(["--home", str(self.root), "--trust", str(self.pki.root_pem),
                     *map(str, argv)])
        return code, self.capsys.readouterr().out

    def stamp(self, path: Path) -> None:
        code, _ = self.cli("stamp", path, "--tsa", self.tsa_url, "--timeout", "20")
        assert code == 0
        data = path.read_bytes()
        self.vault.keep_bytes(data)

    def ledger(self) -> Ledger:
        return Ledger.open(self.root / "ledger.sqlite3")

    def copy(self, folder: Path, key=None, **kw) -> mr.MirrorReport:
        with self.ledger() as lg:
            return mr.copy_to_mirror(lg, folder=folder, vault_root=self.vault.root,
                                     evidence_root=self.evidence, key=key, **kw)


@pytest.fixture
def home(tmp_path, loopback_pki, loopback_tsa, capsys):
    return Home(tmp_path / "home", loopback_pki, loopback_tsa.url, capsys)


def _files(tmp_path: Path, n: int, start: int = 0) -> list[Path]:
    out = []
    for i in range(start, start + n):
        p = tmp_path / "drafts" / f"chapter-{i}.txt"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(f"第{i}章\n" + "风起云涌。" * (200 + i), encoding="utf-8")
        out.append(p)
    return out


def _restore_and_check(tmp_path: Path, home: Home, folder: Path, passphrase=None) -> Home:
    new = Home(tmp_path / f"new-{len(list(tmp_path.glob('new-*')))}", home.pki, home.tsa_url,
               home.capsys)
    rep = mr.restore_from_mirror(folder, ledger_path=new.root / "ledger.sqlite3",
                                 vault_root=new.vault.root, evidence_root=new.evidence,
                                 passphrase=passphrase)
    assert rep.problems == []
    code, out = new.cli("ledger", "check", "--deep")
    assert code == 0, out
    assert "still verify" in out
    n, problems = new.vault.check()
    assert problems == [] and n == home.vault.stats()[0]
    return new


def test_incremental_copy_and_restore(tmp_path, home):
    folder = tmp_path / "Nutstore"
    folder.mkdir()
    for p in _files(tmp_path, 2):
        home.stamp(p)
    root, key = mr.set_up(folder)
    assert key is None and (root / "MIRROR.json").is_file()
    first = home.copy(folder)
    assert first.ledger_copied and first.receipts == 2 and first.objects == 2
    # receipts are plain TSA responses: openssl can read them from the mirror alone
    tsr = sorted((root / "receipts").glob("*.tsr"))
    assert len(tsr) == 2
    again = home.copy(folder)
    assert (again.ledger_copied, again.receipts, again.objects) == (False, 0, 0)
    home.stamp(_files(tmp_path, 1, start=5)[0])
    third = home.copy(folder)
    assert third.ledger_copied and third.receipts == 1 and third.objects == 1
    assert mr.mirror_status(folder)["receipts"] == 3
    new = _restore_and_check(tmp_path, home, folder)
    code, out = new.cli("log")
    assert code == 0 and "chapter-5" in out


def test_restore_refuses_to_overwrite_a_ledger(tmp_path, home):
    folder = tmp_path / "usb"
    folder.mkdir()
    home.stamp(_files(tmp_path, 1)[0])
    mr.set_up(folder)
    home.copy(folder)
    with pytest.raises(Exception, match="already a ledger"):
        mr.restore_from_mirror(folder, ledger_path=home.root / "ledger.sqlite3",
                               vault_root=home.vault.root)


def test_encrypted_mirror(tmp_path, home):
    folder = tmp_path / "OneDrive"
    folder.mkdir()
    files = _files(tmp_path, 2)
    for p in files:
        home.stamp(p)
    root, key = mr.set_up(folder, "correct horse battery staple")
    assert key is not None
    home.copy(folder, key=key)
    # the author's text and the ledger are not readable in the cloud folder...
    for p in root.rglob("*"):
        if p.is_file() and p.suffix != ".tsr" and p.name not in ("MIRROR.json", "state.json"):
            blob = p.read_bytes()
            assert blob.startswith(mr.ENC_MAGIC), p
            assert "风起云涌".encode() not in blob and b"chapter-" not in blob
    # ...but the receipts are, and are named by digest
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    names = {p.stem.split("-", 1)[1] for p in (root / "receipts").glob("*.tsr")}
    assert names == digests
    with pytest.raises(mr.MirrorKeyError, match="Wrong passphrase"):
        mr.restore_from_mirror(folder, ledger_path=tmp_path / "x" / "ledger.sqlite3",
                               vault_root=tmp_path / "x" / "vault", passphrase="wrong")
    with pytest.raises(mr.MirrorKeyError):
        mr.set_up(folder)  # an encrypted mirror needs its passphrase
    _restore_and_check(tmp_path, home, folder, passphrase="correct horse battery staple")


def test_encrypted_object_moved_or_changed_is_refused(tmp_path, home):
    folder = tmp_path / "cloud"
    folder.mkdir()
    for p in _files(tmp_path, 2):
        home.stamp(p)
    root, key = mr.set_up(folder, "pw")
    home.copy(folder, key=key)
    a, b = sorted((root / "vault").rglob("*.enc"))
    a_bytes = a.read_bytes()
    a.write_bytes(b.read_bytes())  # swap in another object's ciphertext under a's name
    rep = mr.restore_from_mirror(folder, ledger_path=tmp_path / "n" / "ledger.sqlite3",
                                 vault_root=tmp_path / "n" / "vault", passphrase="pw")
    assert len(rep.problems) == 1 and "cannot be decrypted" in rep.problems[0]
    a.write_bytes(a_bytes[:-5])  # truncated
    rep = mr.restore_from_mirror(folder, ledger_path=tmp_path / "m" / "ledger.sqlite3",
                                 vault_root=tmp_path / "m" / "vault", passphrase="pw")
    assert len(rep.problems) == 1


def test_missing_folder_is_put_off_and_caught_up(tmp_path, home):
    folder = tmp_path / "usb"
    folder.mkdir()
    home.stamp(_files(tmp_path, 1)[0])
    mr.set_up(folder)
    home.copy(folder)
    shutil.rmtree(folder)  # the USB disk is unplugged
    home.stamp(_files(tmp_path, 1, start=3)[0])
    with pytest.raises(mr.MirrorUnavailable, match="safe on this computer"):
        home.copy(folder)
    assert not folder.exists()  # never created on the local disk in its place
    with home.ledger() as lg:
        assert lg.check() == [] and lg.count_receipts() == 2
    folder.mkdir()  # plugged in again (an empty disk: set up once more)
    mr.set_up(folder)
    rep = home.copy(folder)
    assert rep.receipts == 2 and rep.objects == 2
    _restore_and_check(tmp_path, home, folder)


def test_folder_removed_mid_copy(tmp_path, home):
    folder = tmp_path / "cloud"
    folder.mkdir()
    for p in _files(tmp_path, 3):
        home.stamp(p)
    mr.set_up(folder)

    def pull_the_disk(done, total):
        if done == 1:
            shutil.rmtree(folder)

    with pytest.raises(mr.MirrorUnavailable):
        home.copy(folder, progress=pull_the_disk)
    with home.ledger() as lg:
        assert lg.check() == []
    assert home.vault.check() == (3, [])
    folder.mkdir()
    mr.set_up(folder)
    home.copy(folder)
    _restore_and_check(tmp_path, home, folder)


def test_disk_full_mid_copy(tmp_path, home, monkeypatch):
    folder = tmp_path / "small-disk"
    folder.mkdir()
    for p in _files(tmp_path, 3):
        home.stamp(p)
    mr.set_up(folder)
    real = os.fsync
    calls = [0]

    def fsync(fd):
        calls[0] += 1
        if calls[0] == 4:  # a few files in, the disk is full
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(mr.MirrorUnavailable, match="it is full"):
        home.copy(folder)
    monkeypatch.setattr(os, "fsync", real)
    root = folder / mr.MIRROR_DIR
    assert not [p for p in root.rglob(mr.PARTIAL_PREFIX + "*")]  # no half files left
    assert not (root / "state.json").exists()  # not recorded as a complete copy
    home.copy(folder)
    _restore_and_check(tmp_path, home, folder)


def test_kill_during_copy(tmp_path, home):
    folder = tmp_path / "cloud"
    folder.mkdir()
    for p in _files(tmp_path, 4):
        home.stamp(p)
    mr.set_up(folder, "pw")
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from proofkit.ledger import Ledger\n"
        "from proofkit.ledger import mirror as mr\n"
        "home, folder = Path(sys.argv[1]), Path(sys.argv[2])\n"
        "_, key = mr.set_up(folder, 'pw')\n"
        "def progress(done, total):\n"
        "    if done == 2: os.kill(os.getpid(), signal.SIGKILL)\n"
        "with Ledger.open(home / 'ledger.sqlite3') as lg:\n"
        "    mr.copy_to_mirror(lg, folder=folder, vault_root=home / 'vault', key=key,\n"
        "                      progress=progress)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(home.root), str(folder)])
    assert proc.returncode == -9
    root = folder / mr.MIRROR_DIR
    assert 0 < len(list((root / "vault").rglob("*.enc"))) < 4  # really cut midway
    _, key = mr.set_up(folder, "pw")
    rep = home.copy(folder, key=key)
    assert rep.ledger_copied and rep.objects >= 1
    _restore_and_check(tmp_path, home, folder, passphrase="pw")


def test_not_a_mirror(tmp_path):
    (tmp_path / mr.MIRROR_DIR).mkdir()
    (tmp_path / mr.MIRROR_DIR / "MIRROR.json").write_text('{"format": "other"}')
    with pytest.raises(mr.MirrorError, match="not a ProofKit mirror"):
        mr.set_up(tmp_path)
    with pytest.raises(Exception, match="no such folder"):
        mr.set_up(tmp_path / "missing")


def test_a_mirror_inside_the_data_folder_is_refused_on_both_paths(tmp_path):
    """The CLI's `mirror set` and the desktop Settings apply the one rule: a copy inside
    ProofKit's own data folder is no copy; nothing is set up or saved."""
    from proofkit.app import mirroring
    from proofkit.app.session import Session
    from proofkit.core.errors import InputError

    with Session(tmp_path / "home") as s:
        inside = s.dirs.data / "mirror"
        inside.mkdir(parents=True)
        for choose in (lambda: mirroring.set_mirror(s, inside),
                       lambda: mirroring.choose_folder(s, str(inside))):
            with pytest.raises(InputError, match="outside ProofKit's own data folder"):
                choose()
        assert s.settings.mirror_folder is None
        assert list(inside.iterdir()) == []
