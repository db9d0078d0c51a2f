"""The frozen app (PyInstaller one-folder build) and its .deb, tested as a user runs them.

The bundle is built once per session by packaging/build-linux.sh into dist/ (reused when its
fingerprint says the sources, packaging files and installed distributions are unchanged;
a fresh build takes about a minute). If PyInstaller cannot be installed or the build fails,
these tests fail: a release that cannot be built is a broken release, not a skipped one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
APP_DIR = DIST / "proofkit"
APP_ID = "org.proofkit.ProofKit"

# Qt's offscreen platform says this once per window; it is not an error of ours.
BENIGN_STDERR = ("This plugin does not support propagateSizeHints()",)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PROOFKIT_", "PYTHON", "QT_", "PYI_"))}
    env.update(QT_QPA_PLATFORM="offscreen", no_proxy="127.0.0.1,localhost",
               NO_PROXY="127.0.0.1,localhost")
    env.update(extra)
    return env


def _run(cmd: list, *, timeout: float = 120, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=timeout,
                          env=_env(**env), cwd=str(ROOT))


def _unexpected_stderr(err: str) -> list[str]:
    return [line for line in err.splitlines()
            if line.strip() and not line.startswith("quit-after:") and not any(b in line for b in BENIGN_STDERR)]


@pytest.fixture(scope="session")
def frozen_app() -> Path:
    """dist/proofkit, built now unless an up-to-date build is already there."""
    proc = subprocess.run(["bash", str(ROOT / "packaging" / "build-linux.sh"), "--if-stale"],
                          capture_output=True, text=True, timeout=900, cwd=str(ROOT),
                          env={k: v for k, v in os.environ.items() if not k.startswith("PYTHON")})
    assert proc.returncode == 0, f"build-linux.sh failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}"
    assert (APP_DIR / "proofkit").is_file() and (APP_DIR / "proofkit-gui").is_file()
    print(proc.stdout.strip().splitlines()[-1])
    return APP_DIR


@pytest.fixture
def cli(frozen_app, loopback_pki, tmp_path):
    """Run the frozen CLI with a fresh home, trusting the loopback test root."""
    home = tmp_path / "home"

    def run(*argv, trust: bool = True, timeout: float = 120):
        base = [frozen_app / "proofkit", "--home", home]
        if trust:
            base += ["--trust", loopback_pki.root_pem]
        return _run(base + list(argv), timeout=timeout)

    run.home = home
    return run


def _smoke_gui(exe: Path, home: Path | None, *, via_env: bool = False,
               **env: str) -> subprocess.CompletedProcess:
    """Start the app offscreen with ``--quit-after 2000``: it shows the window, reports it on
    stderr and quits after 2 s through its normal shutdown. ``via_env``: ask through the
    launcher's PROOFKIT_SMOKE_TEST_MS instead, which means the same."""
    args = [exe, "--no-welcome"] + (["--home", home] if home else [])
    if via_env:
        return _run(args, timeout=90, PROOFKIT_SMOKE_TEST_MS="2000", **env)
    return _run(args + ["--quit-after", "2000"], timeout=90, **env)


# --- the bundle ------------------------------------------------------------------------------

def test_bundle_layout_and_size(frozen_app):
    internal = frozen_app / "_internal"
    res = internal / "proofkit" / "resources"
    for rel in ("tsa/registry.json", "fonts/wqy-microhei.ttc", "icons/proofkit.svg",
                "THIRD_PARTY_LICENSES.txt"):
        assert (res / rel).is_file(), rel
    assert list((res / "i18n").glob("*.qm")), "compiled Qt catalogues missing"
    assert (internal / "certifi" / "cacert.pem").is_file()
    assert (internal / "fpdf" / "data").is_dir()
    licences = (res / "THIRD_PARTY_LICENSES.txt").read_text(encoding="utf-8")
    for name in ("PySide6", "cryptography", "SQLAlchemy", "rfc3161ng", "asn1crypto", "fpdf2",
                 "certifi", "CPython", "WenQuanYi"):
        assert name in licences, name
    # Only the Qt modules the app uses.
    modules = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.so")}
    assert modules == {"QtCore", "QtGui", "QtWidgets", "QtNetwork"}, modules
    assert not (internal / "PySide6" / "Qt" / "plugins" / "platformthemes" / "libqgtk3.so").exists()
    for dev_only in ("pytest", "hypothesis", "pytestqt", "setuptools", "pip"):
        assert not (internal / dev_only).exists(), dev_only
    size = sum(p.stat().st_size for p in frozen_app.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"bundle size: {size / 2**20:.0f} MiB")
    assert size < 300 * 2**20, f"bundle grew to {size / 2**20:.0f} MiB"


def test_desktop_file_and_metainfo_validate(frozen_app):
    share = DIST / "share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    metainfo = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    for size in (16, 22, 24, 32, 48, 64, 128, 256, 512):
        png = share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png
    assert (share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    for tool in ("appstreamcli", "desktop-file-validate"):
        assert shutil.which(tool), f"{tool} missing: apt-get install appstream desktop-file-utils"
    proc = _run(["appstreamcli", "validate", "--no-net", "--explain", metainfo])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "@VERSION@" not in metainfo.read_text(encoding="utf-8")
    proc = _run(["desktop-file-validate", desktop])
    assert proc.returncode == 0 and "error" not in proc.stdout, proc.stdout + proc.stderr


# --- the frozen command line -----------------------------------------------------------------

def test_frozen_cli_stamps_verifies_and_exports(cli, loopback_tsa, tmp_path):
    chapter = tmp_path / "chapter-1.md"
    chapter.write_text("第一章 It was a bright cold day in April.\n", encoding="utf-8")
    proc = cli("stamp", chapter, "--tsa", loopback_tsa.url, "--json")
    assert proc.returncode == 0, proc.stderr
    (entry,) = json.loads(proc.stdout)
    (receipt,) = entry["receipts"]
    assert receipt["status"] == "verified", receipt
    assert receipt["gen_time"]
    assert (cli.home / "ledger.sqlite3").is_file()

    proc = cli("verify", chapter)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    # Export: the PDF report needs fpdf2 and the bundled font through importlib.resources.
    bundle = tmp_path / "evidence.zip"
    proc = cli("export", chapter, "-o", bundle)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    names = zipfile.ZipFile(bundle).namelist()
    assert any(n.endswith(".pdf") for n in names), names
    proc = cli("verify", bundle, "--file", chapter)
    assert proc.returncode == 0, proc.stdout + proc.stderr

    chapter.write_text("edited\n", encoding="utf-8")
    assert cli("verify", chapter).returncode == 1


def test_frozen_cli_offline_stamp_waits_as_pending(cli, tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    f = tmp_path / "draft.txt"
    f.write_text("draft\n")
    proc = cli("stamp", f, "--tsa", f"http://127.0.0.1:{closed}/", "--timeout", "3", "--json")
    assert proc.returncode == 3, proc.stdout + proc.stderr
    (entry,) = json.loads(proc.stdout)
    assert [r["status"] for r in entry["receipts"]] == ["pending"]
    assert (cli.home / "ledger.sqlite3").is_file()


def test_frozen_cli_resources_and_errors(cli, tmp_path):
    proc = cli("--version", trust=False)
    assert proc.returncode == 0 and proc.stdout.startswith("proofkit "), proc.stdout + proc.stderr
    proc = cli("tsa", "list", "--json", trust=False)  # registry.json via importlib.resources
    assert proc.returncode == 0, proc.stderr
    assert {"digicert", "sectigo"} <= {t["name"] for t in json.loads(proc.stdout)}
    proc = cli("hash", tmp_path / "missing.txt", trust=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_frozen_cli_compares_manuscripts(cli, tmp_path):
    """numpy, OpenCC's dictionaries, python-docx and the palette's PDF font are in the build."""
    mine = tmp_path / "mine.txt"
    mine.write_text("第一章 夜雨\n夜里下起了雨，他一个人走在街上，听见远处传来钟声。这座城市从来没有这样安静过。\n",
                    encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_bytes("別的話。夜裡下起了雨，他一個人走在街上，聽見遠處傳來鐘聲。\n".encode("big5"))
    proc = cli("compare", mine, copy, "--json", "-o", tmp_path / "palette.pdf", trust=False)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["suspect"]["encoding"] == "big5" and out["summary"]["identical_chars"] == 22
    assert (tmp_path / "palette.pdf").read_bytes().startswith(b"%PDF")


# --- the frozen desktop app ------------------------------------------------------------------

def test_frozen_gui_shows_window_and_exits_cleanly(frozen_app, tmp_path):
    home = tmp_path / "gui-home"
    proc = _smoke_gui(frozen_app / "proofkit-gui", home)
    assert proc.returncode == 0, proc.stderr
    assert "quit-after: window visible=True" in proc.stderr, proc.stderr
    assert not _unexpected_stderr(proc.stderr), proc.stderr
    log = (home / "logs" / "proofkit-gui.log").read_text(encoding="utf-8")
    assert "ProofKit GUI starting" in log and "ProofKit GUI closed" in log, log
    assert (home / "ledger.sqlite3").is_file()


def test_frozen_gui_first_run_creates_user_data_folder(frozen_app, tmp_path):
    """No --home: the platformdirs folders of a brand-new user are created on first start."""
    xdg = {k: str(tmp_path / k.lower()) for k in
           ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")}
    proc = _smoke_gui(frozen_app / "proofkit-gui", None, via_env=True, HOME=str(tmp_path / "user"),
                      **xdg)
    assert proc.returncode == 0, proc.stderr
    assert "quit-after: window visible=True" in proc.stderr, proc.stderr
    assert (tmp_path / "xdg_data_home" / "ProofKit" / "ledger.sqlite3").is_file(), \
        sorted(str(p) for p in tmp_path.rglob("*"))


def test_frozen_gui_still_answers_the_cli_form(frozen_app):
    """The app no longer runs the CLI (tests/test_gui.py::test_gui_runs_no_subprocess), but the
    launcher keeps answering `proofkit-gui -m proofkit.cli.main` for scripts that used it."""
    proc = _run([frozen_app / "proofkit-gui", "-m", "proofkit.cli.main", "--version"])
    assert proc.returncode == 0 and proc.stdout.startswith("proofkit "), proc.stdout + proc.stderr


# --- the .deb --------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def deb(frozen_app, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("deb")
    proc = subprocess.run(["bash", str(ROOT / "packaging" / "build-deb.sh"), str(out)],
                          capture_output=True, text=True, timeout=600, cwd=str(ROOT),
                          env=dict(os.environ, DEB_COMPRESSION="gzip", DEB_LEVEL="1", NO_LINTIAN="1"))
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (deb,) = out.glob("proofkit_*.deb")
    return deb


def test_deb_contents(deb):
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    for path in ("./opt/proofkit/proofkit", "./opt/proofkit/proofkit-gui",
                 "./usr/bin/proofkit -> /opt/proofkit/proofkit",
                 "./usr/bin/proofkit-gui -> /opt/proofkit/proofkit-gui",
                 f"./usr/share/applications/{APP_ID}.desktop",
                 f"./usr/share/metainfo/{APP_ID}.metainfo.xml",
                 f"./usr/share/icons/hicolor/48x48/apps/{APP_ID}.png",
                 f"./usr/share/icons/hicolor/scalable/apps/{APP_ID}.svg"):
        assert path in listing, path
    control = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True, check=True).stdout
    for dep in ("libegl1", "libxkbcommon0", "libfontconfig1", "libdbus-1-3", "libxcb-cursor0"):
        assert dep in control, dep


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="dpkg -i needs root")
def test_deb_installs_runs_and_removes(deb, tmp_path):
    assert shutil.which("dpkg"), "not a Debian system"
    proc = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True, timeout=300)
    try:
        assert proc.returncode == 0, proc.stdout + proc.stderr
        proc = _run(["/usr/bin/proofkit", "--version"])
        assert proc.returncode == 0 and proc.stdout.startswith("proofkit "), proc.stdout + proc.stderr
        f = tmp_path / "novel.txt"
        f.write_bytes(b"abc")
        proc = _run(["/usr/bin/proofkit", "hash", f])
        assert proc.returncode == 0
        assert proc.stdout.split()[0] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        home = tmp_path / "gui-home"
        proc = _smoke_gui(Path("/usr/bin/proofkit-gui"), home)
        assert proc.returncode == 0 and "quit-after: window visible=True" in proc.stderr, proc.stderr
        assert (home / "ledger.sqlite3").is_file()
        assert Path(f"/usr/share/applications/{APP_ID}.desktop").is_file()
        assert Path(f"/usr/share/icons/hicolor/256x256/apps/{APP_ID}.png").is_file()
    finally:
        removed = subprocess.run(["dpkg", "-r", "proofkit"], capture_output=True, text=True, timeout=300)
    assert removed.returncode == 0, removed.stdout + removed.stderr
    assert not Path("/usr/bin/proofkit").exists() and not Path("/opt/proofkit/proofkit").exists()
