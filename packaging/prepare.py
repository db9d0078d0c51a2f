"""Build-time preparation shared by the PyInstaller spec and the .deb script.

Everything here writes into a build folder, never into the source tree:

* ``stage``: the import layout of an installed wheel (``proofkit/`` with ``resources/`` as
  ``proofkit/resources``), so PyInstaller analyses exactly what ``pip install`` would ship
  and not the editable install's path hook;
* compiled Qt catalogues (``.qm``) for any ``resources/i18n/*.ts`` that has none yet;
* ``THIRD_PARTY_LICENSES.txt`` from the installed distributions' metadata;
* the app icon as PNGs 16..512, rendered from ``resources/icons/proofkit.svg``.

Run ``python packaging/prepare.py OUT`` to produce all of them by hand;
``--share DIR`` writes the desktop file, metainfo and icons as laid out under /usr/share;
``--fingerprint`` prints the digest of the build's inputs (see ``fingerprint``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ID = "org.proofkit.ProofKit"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


# --- the staged import tree -----------------------------------------------------------------

def stage(out: Path) -> Path:
    """Copy proofkit/ and resources/ into ``out`` as an installed wheel lays them out."""
    if out.exists():
        shutil.rmtree(out)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo")
    shutil.copytree(ROOT / "proofkit", out / "proofkit", ignore=ignore)
    res = out / "proofkit" / "resources"
    if res.exists():  # never expected; the mapping in pyproject would shadow it anyway
        shutil.rmtree(res)
    shutil.copytree(ROOT / "resources", res, ignore=ignore)
    compile_catalogues(res / "i18n")
    return out


def compile_catalogues(i18n: Path) -> list[Path]:
    """lrelease every .ts that has no .qm beside it (the GUI loads only .qm)."""
    made = []
    if not i18n.is_dir():
        return made
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    for ts in sorted(i18n.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.exists():
            continue
        subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
        made.append(qm)
    return made


# --- third-party licences -------------------------------------------------------------------

_REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = "proofkit") -> list[metadata.Distribution]:
    """The distributions a plain ``pip install proofkit`` pulls in (no extras), itself excluded."""
    seen: dict[str, metadata.Distribution] = {}
    todo = [r for r in project()["dependencies"]]
    while todo:
        req = todo.pop()
        if ";" in req and "extra" in req.split(";", 1)[1]:
            continue  # an optional extra's requirement
        if ";" in req:
            from packaging.markers import Marker  # pip's own dependency; present in any venv

            if not Marker(req.split(";", 1)[1]).evaluate():
                continue
        m = _REQ_NAME.match(req)
        if not m:
            continue
        key = _norm(m.group(1))
        if key in seen or key == root:
            continue
        try:
            dist = metadata.distribution(m.group(1))
        except metadata.PackageNotFoundError:
            continue
        seen[key] = dist
        todo.extend(dist.requires or [])
    return sorted(seen.values(), key=lambda d: _norm(d.metadata["Name"]))


def _licence(dist: metadata.Distribution) -> str:
    md = dist.metadata
    expr = md.get("License-Expression")
    if expr:
        return expr
    classifiers = [c.split("::")[-1].strip() for c in md.get_all("Classifier") or []
                   if c.startswith("License ::")]
    text = (md.get("License") or "").strip()
    if text and len(text) < 80 and "\n" not in text:
        classifiers.insert(0, text)
    return "; ".join(dict.fromkeys(classifiers)) or "see the licence text below"


def _licence_files(dist: metadata.Distribution) -> list[tuple[str, str]]:
    out = []
    for f in dist.files or []:
        name = f.name.upper()
        in_dist_info = any(part.endswith(".dist-info") for part in f.parts[:-1])
        if in_dist_info and name.startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS")):
            try:
                text = Path(dist.locate_file(f)).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            out.append((f.name, text))
    if not out:
        text = dist.metadata.get("License") or ""
        if "\n" in text.strip():  # some projects put the whole text in the License field
            out.append(("License metadata field", text))
    return out


def _python_licence() -> str:
    for cand in (Path(sys.base_prefix) / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "LICENSE.txt",
                 Path(sys.base_prefix) / "LICENSE.txt"):
        if cand.is_file():
            return cand.read_text(encoding="utf-8", errors="replace")
    return "Python Software Foundation License Version 2: https://docs.python.org/3/license.html\n"


def third_party_licences() -> str:
    """The text of THIRD_PARTY_LICENSES.txt for the frozen app."""
    rule = "=" * 78
    parts = [
        f"ProofKit {project()['version']} — third-party software shipped in this build\n"
        "ProofKit itself is licensed under the Apache License 2.0.\n"
        "This file is generated at build time (packaging/prepare.py) from the metadata of the\n"
        "Python distributions bundled, plus the interpreter, the freezer and the bundled font.\n",
    ]
    summary = [f"  {d.metadata['Name']} {d.version}: {_licence(d)}" for d in runtime_distributions()]
    summary.append(f"  CPython {sys.version.split()[0]}: PSF-2.0")
    try:
        summary.append(f"  PyInstaller bootloader {metadata.version('pyinstaller')}: "
                       "GPL-2.0-or-later WITH Bootloader-exception")
    except metadata.PackageNotFoundError:
        pass
    summary.append("  WenQuanYi Micro Hei font: Apache-2.0 OR GPL-3.0-only WITH Font-exception")
    parts.append("Summary:\n" + "\n".join(summary) + "\n")
    for d in runtime_distributions():
        md = d.metadata
        home = md.get("Home-page") or next(
            (u.split(",", 1)[1].strip() for u in md.get_all("Project-URL") or []
             if u.lower().split(",")[0].strip() in ("homepage", "home", "source", "source code")), "")
        block = [rule, f"{md['Name']} {d.version}", f"Licence: {_licence(d)}"]
        if home:
            block.append(f"Home: {home}")
        if _norm(md["Name"]).startswith(("pyside6", "shiboken6")):
            block.append("Includes the Qt libraries (The Qt Company), used under the GNU LGPL v3: "
                         "https://www.qt.io/licensing/ — you may replace the Qt libraries in _internal/.")
        for fname, text in _licence_files(d):
            block += ["", f"--- {fname} ---", text.rstrip()]
        parts.append("\n".join(block) + "\n")
    # The Qt wheels ship no licence file; LGPL-3.0 (with the GPL-3.0 it extends) must travel.
    for lic in ("LGPL-3", "GPL-3"):
        path = Path("/usr/share/common-licenses") / lic
        if path.is_file():
            parts.append("\n".join([rule, f"{lic}.0 (Qt for Python: PySide6, shiboken6, Qt)", "",
                                    path.read_text(encoding="utf-8", errors="replace").rstrip()]) + "\n")
    parts.append("\n".join([rule, f"CPython {sys.version.split()[0]}", "Licence: PSF-2.0", "",
                            _python_licence().rstrip()]) + "\n")
    font = ROOT / "resources" / "fonts" / "wqy-microhei.copyright.txt"
    if font.is_file():
        parts.append("\n".join([rule, "WenQuanYi Micro Hei (resources/fonts/wqy-microhei.ttc)", "",
                                font.read_text(encoding="utf-8", errors="replace").rstrip()]) + "\n")
    parts.append("\n".join([rule, "PyInstaller bootloader", "Licence: GPL-2.0-or-later with the "
                            "Bootloader exception (the bootloader may be shipped with programs of any "
                            "licence): https://github.com/pyinstaller/pyinstaller/blob/develop/COPYING.txt"]) + "\n")
    return "\n".join(parts)


# --- icons ----------------------------------------------------------------------------------

def render_icons(out: Path, svg: Path | None = None) -> dict[int, Path]:
    """Render the SVG to ``out/<n>x<n>/apps/APP_ID.png`` (hicolor layout) and copy the SVG to
    ``out/scalable/apps/APP_ID.svg``. Uses Qt's own SVG renderer (no extra tool)."""
    svg = svg or ROOT / "resources" / "icons" / "proofkit.svg"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(["render-icons"])  # noqa: F841
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not an SVG Qt can render")
    made = {}
    for n in ICON_SIZES:
        img = QImage(n, n, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(Qt.GlobalColor.transparent)
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(p)
        p.end()
        dest = out / f"{n}x{n}" / "apps" / f"{APP_ID}.png"
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not img.save(str(dest), "PNG"):
            raise SystemExit(f"cannot write {dest}")
        made[n] = dest
    scalable = out / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    return made


# --- is dist/ up to date? ---------------------------------------------------------------------

FINGERPRINT_INPUTS = ("pyproject.toml", "proofkit", "resources", "packaging/proofkit.spec",
                      "packaging/prepare.py", "packaging/launchers", "packaging/linux")


def fingerprint() -> str:
    """A digest of everything a build depends on: the sources, the resources, the packaging
    files and the versions of the installed distributions. build-linux.sh stores it beside the
    bundle; tests reuse a bundle whose fingerprint still matches instead of rebuilding."""
    import hashlib

    h = hashlib.sha256()
    for top in FINGERPRINT_INPUTS:
        base = ROOT / top
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for f in files:
            if "__pycache__" in f.parts or f.suffix in (".pyc", ".pyo"):
                continue
            h.update(str(f.relative_to(ROOT)).encode() + b"\0" + f.read_bytes() + b"\0")
    for d in sorted(metadata.distributions(), key=lambda d: _norm(d.metadata["Name"] or "")):
        h.update(f"{_norm(d.metadata['Name'] or '')}=={d.version}\n".encode())
    h.update(sys.version.encode())
    return h.hexdigest()


def render_metainfo(dest: Path) -> Path:
    """The metainfo template with this version and its release date filled in."""
    import datetime

    src = ROOT / "packaging" / "linux" / f"{APP_ID}.metainfo.xml"
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        try:
            epoch = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"],
                                   capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            epoch = ""
    day = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch
           else datetime.datetime.now(datetime.timezone.utc)).date().isoformat()
    text = src.read_text(encoding="utf-8").replace("@VERSION@", project()["version"]).replace("@DATE@", day)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(text, encoding="utf-8")
    return dest


def main(argv: list[str]) -> int:
    if argv[:1] == ["--fingerprint"]:
        print(fingerprint())
        return 0
    if argv[:1] == ["--version"]:
        print(project()["version"])
        return 0
    if argv[:1] == ["--share"]:  # desktop integration files, laid out as under /usr/share
        out = Path(argv[1]).resolve()
        render_icons(out / "icons" / "hicolor")
        render_metainfo(out / "metainfo" / f"{APP_ID}.metainfo.xml")
        (out / "applications").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "packaging" / "linux" / f"{APP_ID}.desktop",
                        out / "applications" / f"{APP_ID}.desktop")
        print(out)
        return 0
    out = Path(argv[0] if argv else "build/prepared").resolve()
    stage(out / "stage")
    (out / "THIRD_PARTY_LICENSES.txt").write_text(third_party_licences(), encoding="utf-8")
    render_icons(out / "icons")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
