"""No tests here: helpers shared by the tests/test_bundle*.py files: a ledger filled through real loopback
TSAs, running the CLI in-process, unpacking a bundle and running its VERIFY.md commands."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

from proofkit.bundle.instructions import sh_blocks
from proofkit.cli.main import main

TITLE = "风起"
FILE_NAME = "第一章.txt"


def run_cli(capsys, home: Path, trust: Path | None, *argv) -> tuple[int, str, str]:
    base = ["--home", str(home)]
    if trust is not None:
        base += ["--trust", str(trust)]
    capsys.readouterr()
    code = main(base + [str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def fill_ledger(capsys, home: Path, pki, tsas, work_dir: Path) -> dict:
    """Two versions of 第一章.txt (kept in two folders so both originals still exist),
    each stamped by every TSA in ``tsas``."""
    a = work_dir / "draft1" / FILE_NAME
    b = work_dir / "draft2" / FILE_NAME
    a.parent.mkdir(parents=True)
    b.parent.mkdir(parents=True)
    a.write_text("第一章 风起。\n初稿。\n", encoding="utf-8")
    b.write_text("第一章 风起。\n二稿：改了开头。\n", encoding="utf-8")
    urls = []
    for t in tsas:
        urls += ["--tsa", t.url]
    for f in (a, b):
        code, out, err = run_cli(capsys, home, pki.root_pem, "stamp", f, *urls, "--work", TITLE, "--json")
        assert code == 0, err
    return {"v1": a, "v2": b}


def unzip(bundle: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(bundle) as zf:
        zf.extractall(dest)  # our own bundle, in a test: trusted
    return dest


def run_verify_md(root: Path, name: str = "VERIFY.md") -> list[subprocess.CompletedProcess]:
    """Run every ```sh block of VERIFY.md with bash from the bundle's root, as written."""
    text = (root / name).read_text(encoding="utf-8")
    results = []
    for block in sh_blocks(text):
        results.append(subprocess.run(["bash", "-e", "-c", block], cwd=root, capture_output=True, text=True))
    return results


def manifest(root_or_zip: Path) -> dict:
    if root_or_zip.is_dir():
        return json.loads((root_or_zip / "manifest.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(root_or_zip) as zf:
        return json.loads(zf.read("manifest.json"))
