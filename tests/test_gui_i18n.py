"""Translations: zh_CN complete, placeholders match, every string in the code is in the
catalogues, compiled .qm files load through importlib.resources and change what is shown."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import ast
import re
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

I18N = Path(__file__).resolve().parents[1] / "resources" / "i18n"
GUI = Path(__file__).resolve().parents[1] / "proofkit" / "gui"
PLACEHOLDER = re.compile(r"%\d|%n|\{[A-Za-z_][A-Za-z0-9_]*\}")


def messages(lang: str):
    tree = ET.parse(I18N / f"proofkit_{lang}.ts")
    for ctx in tree.getroot().iter("context"):
        name = ctx.find("name").text
        for m in ctx.iter("message"):
            yield name, m


def source_strings() -> set[tuple[str, str]]:
    """(context, text) of every literal self.tr(...) / QCoreApplication.translate(ctx, ...)."""
    found = set()
    for f in GUI.glob("*.py"):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
            for call in ast.walk(cls):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "tr"
                        and call.args and isinstance(call.args[0], ast.Constant)):
                    found.add((cls.name, call.args[0].value))
        for call in ast.walk(tree):
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "translate" and len(call.args) >= 2
                    and all(isinstance(a, ast.Constant) for a in call.args[:2])):
                found.add((call.args[0].value, call.args[1].value))
    return found


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_catalogue_is_complete_and_placeholders_match(lang):
    n = 0
    for ctx, m in messages(lang):
        n += 1
        src = m.find("source").text
        tr = m.find("translation")
        assert tr.get("type") not in ("unfinished", "obsolete", "vanished"), (ctx, src)
        forms = [f.text for f in tr.iter("numerusform")] if m.get("numerus") == "yes" else [tr.text]
        for text in forms:
            assert text and text.strip(), f"{lang}: empty translation for {ctx}: {src!r}"
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(src)), (lang, src, text)
            if "&" in src.replace("&&", ""):
                assert "&" in text, f"{lang}: keyboard mnemonic lost in {text!r}"
    assert n > 150


def test_every_string_in_the_code_is_in_the_catalogue():
    in_ts = {(ctx, m.find("source").text) for ctx, m in messages("zh_CN")}
    missing = source_strings() - in_ts
    assert not missing, f"run pyside6-lupdate (see resources/i18n/README.md): {sorted(missing)[:5]}"


def test_compiled_catalogues_ship_and_are_up_to_date():
    for lang in ("zh_CN", "en"):
        qm = resources.files("proofkit.resources") / "i18n" / f"proofkit_{lang}.qm"
        assert qm.is_file()
        assert (I18N / f"proofkit_{lang}.qm").stat().st_mtime >= (I18N / f"proofkit_{lang}.ts").stat().st_mtime - 1


def test_language_follows_the_system_unless_chosen():
    from PySide6.QtCore import QLocale

    from proofkit.gui.i18n import resolve_language

    assert resolve_language("system", QLocale(QLocale.Chinese, QLocale.China)) == "zh_CN"
    assert resolve_language("system", QLocale(QLocale.Chinese, QLocale.Taiwan)) == "zh_CN"
    assert resolve_language("system", QLocale(QLocale.English, QLocale.UnitedStates)) == "en"
    assert resolve_language("en", QLocale(QLocale.Chinese, QLocale.China)) == "en"
    assert resolve_language("zh_CN") == "zh_CN"


def test_window_speaks_chinese(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from proofkit.core.settings import Settings
    from proofkit.gui import i18n
    from proofkit.gui.main_window import MainWindow
    from proofkit.gui.services import Services

    app = QApplication.instance()
    svc = Services(tmp_path / "home", settings=Settings(welcomed=True))
    try:
        assert i18n.install(app, "zh_CN") == "zh_CN"
        w = MainWindow(svc, auto_sync=False)
        try:
            assert w.tabs.tabText(0) == "盖时间戳(&S)"
            assert "指纹" in w.privacy.text()
            assert w.stamp_page.drop.title.text() == "把文件或文件夹拖到这里盖时间戳"
            assert w.ledger_page.model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Horizontal) == "状态"
            from proofkit.gui import fmt

            assert fmt.duration(125) == "2 分 5 秒"
        finally:
            w.close()
            w.deleteLater()
    finally:
        i18n.install(app, "en")
        svc.close()
