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
    """(context, text) of every literal self.tr(...), QCoreApplication.translate(ctx, ...) and
    QT_TRANSLATE_NOOP(ctx, ...)."""
    found = set()
    for f in GUI.glob("*.py"):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
            for call in ast.walk(cls):
                if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "tr"
                        and call.args and isinstance(call.args[0], ast.Constant)):
                    found.add((cls.name, call.args[0].value))
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or len(call.args) < 2:
                continue
            translate = isinstance(call.func, ast.Attribute) and call.func.attr == "translate"
            noop = isinstance(call.func, ast.Name) and call.func.id == "QT_TRANSLATE_NOOP"
            if (translate or noop) and all(isinstance(a, ast.Constant) for a in call.args[:2]):
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
    from proofkit.app.session import Session

    app = QApplication.instance()
    svc = Session(tmp_path / "home", settings=Settings(welcomed=True))
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


# ------------------------------------------------------------------ checks and TSA failures

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def zh_CN(qapp):
    from proofkit.gui import i18n

    i18n.install(qapp, "zh_CN")
    yield
    i18n.install(qapp, "en")


def core_check_names() -> set[str]:
    """Every check name the core, the folder support and the bundle verifier emit."""
    names = set()
    for f in (ROOT / "proofkit").rglob("*.py"):
        if "gui" not in f.parts:
            names |= set(re.findall(r'\bCheck\(\s*"([a-z_]+)"', f.read_text(encoding="utf-8")))
    return names


def core_tsa_messages() -> list[str]:
    """The core's TSA failure messages (client.py, with sample specifics for f-string parts),
    plus the ones stamping and the verifier word for a refused or unreadable answer."""
    tree = ast.parse((ROOT / "proofkit" / "core" / "client.py").read_text(encoding="utf-8"))
    out = []
    for call in ast.walk(tree):
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "TSAError" and call.args:
            arg = call.args[0]
            if isinstance(arg, ast.Constant):
                out.append(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                out.append("".join(v.value if isinstance(v, ast.Constant) else "503 Service Unavailable"
                                   for v in arg.values))
    assert len(out) >= 12, out
    return out + ["The TSA's answer is not a time-stamp response (damaged or truncated).",
                  "status: The TSA refused to time-stamp (rejection: bad request); this is not a time stamp."]


def test_every_check_has_a_title_and_meanings():
    from proofkit.core.verifier import CHECK_NAMES
    from proofkit.gui.verdict_texts import check_meaning, check_title

    names = core_check_names()
    assert set(CHECK_NAMES) | {"manifest_entry", "token_file", "manifest_claims"} <= names
    for name in names:
        assert check_title(name) != name, name
        assert check_meaning(name, True) and check_meaning(name, False), name
        assert check_meaning(name, True) != check_meaning(name, False), name
    assert check_title("from_the_future") == "from_the_future" and check_meaning("from_the_future", True) == ""


def test_checks_read_chinese(zh_CN):
    from proofkit.gui.verdict_texts import check_meaning, check_title, checks_html

    for name in core_check_names():
        for text in (check_title(name), check_meaning(name, True), check_meaning(name, False)):
            assert CJK.search(text), (name, text)
    from proofkit.core.verifier import Check

    table = checks_html([Check("chain", True, "Anchored by “Example Root CA” (pinned:example)."),
                         {"name": "nonce", "ok": False, "detail": "The answer does not carry the nonce."}])
    assert "信任链" in table and "Example Root CA" in table and "答复的新鲜度" in table


def test_core_tsa_messages_are_translated(zh_CN):
    from proofkit.gui.verdict_texts import tsa_reason

    for message in core_tsa_messages():
        r = tsa_reason(message)
        assert r.original == message
        assert CJK.search(r.text) and "TSA" not in r.text, (message, r.text)
        if "503 Service Unavailable" in message:
            assert "503 Service Unavailable" in r.text  # specifics kept
    r = tsa_reason("Not asked: The TSA did not answer in time.")
    assert r.text == "尚未申请：机构没有及时答复。" and not r.lossy
    r = tsa_reason("chain: No path to a trusted root for “Evil TSA”.")
    assert r.lossy and r.text.startswith("证书无法追溯")
    r = tsa_reason("Asking the TSA failed unexpectedly (KeyError: 'x'); it will be asked again by `proofkit sync`.")
    assert r.lossy and "ProofKit" in r.text


def test_unknown_tsa_messages_fall_back_to_the_core_english():
    from proofkit.gui.verdict_texts import tsa_reason

    assert tsa_reason("Something new went wrong.").text == "Something new went wrong."
    assert tsa_reason("weird: not a check name").text == "weird: not a check name"
    assert tsa_reason(None).text == "" and tsa_reason("").text == ""
    assert tsa_reason("The TSA did not answer in time.").text == "The authority did not answer in time."


def test_qt_own_dialogs_speak_chinese(zh_CN):
    """Qt's file dialog and standard buttons: qt_zh_CN.qm is a meta-catalogue that does not
    load; qtbase must be installed for "Look in", "Open", "Cancel" to read Chinese."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialogButtonBox

    assert QCoreApplication.translate("QFileDialog", "Look in:") == "查找范围："
    assert QCoreApplication.translate("QFileDialog", "&Open") == "打开(&O)"
    box = QDialogButtonBox(QDialogButtonBox.Cancel | QDialogButtonBox.Open)
    assert box.button(QDialogButtonBox.Cancel).text() == "取消"


# Variables the verifier builds a detail from (as assigned there), not specifics.
SENTENCE_PARTS = {
    "note": ["", " The certificate “X” has expired since (X); that is normal and does not weaken a time stamp "
                 "made while it was valid."],
    "what": ["the file", "the digest given"],
    "where": ["in the token", "in the token or the certificates given"],
}


def _detail_samples() -> list[tuple[str, str]]:
    """(file, detail) for every literal detail of a Check(...) in the core, the folder support
    and the bundle verifier, f-string parts filled with sample specifics ("X"), both
    branches of a conditional, plus the chain problems built in core/chain.py."""
    import itertools

    def variants(node) -> list[str]:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.IfExp):
            return variants(node.body) + variants(node.orelse)
        if isinstance(node, ast.JoinedStr):
            parts = []
            for v in node.values:
                if isinstance(v, ast.Constant):
                    parts.append([v.value])
                elif isinstance(v.value, ast.IfExp):
                    parts.append(variants(v.value))
                elif isinstance(v.value, ast.Name) and v.value.id in SENTENCE_PARTS:
                    parts.append(SENTENCE_PARTS[v.value.id])
                else:
                    parts.append(["X"])
            return ["".join(p) for p in itertools.product(*parts)]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return [a + b for a in variants(node.left) for b in variants(node.right)]
        return []

    out = []
    for f in (ROOT / "proofkit").rglob("*.py"):
        if "gui" in f.parts:
            continue
        tree = ast.parse(f.read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if (isinstance(call, ast.Call) and getattr(call.func, "id", None) == "Check"
                    and len(call.args) >= 3):
                out += [(f.name, d) for d in variants(call.args[2])]
            if f.name == "chain.py" and isinstance(call, ast.Call) and getattr(call.func, "attr", None) == "append":
                out += [(f.name, d) for d in variants(call.args[0])] if call.args else []
        if f.name == "chain.py":
            for node in ast.walk(tree):
                if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple) and len(node.value.elts) == 3:
                    out += [(f.name, d) for d in variants(node.value.elts[2]) if d]
    return out


def test_every_core_check_detail_reads_chinese(zh_CN):
    """The grey line under each check: every detail the core writes has a translation that
    keeps its specifics; none is left in English."""
    from proofkit.gui.check_details import translate_detail

    samples = _detail_samples()
    assert len(samples) > 60, len(samples)
    left = [(f, d) for f, d in samples if not CJK.search(translate_detail(d))]
    assert not left, left
    signed = translate_detail("Signed by “DigiCert Timestamp 2024”.")
    assert signed == "签名者：“DigiCert Timestamp 2024”。"


def test_check_details_stay_the_core_english_in_english():
    from proofkit.gui.check_details import translate_detail

    for _f, d in _detail_samples():
        assert translate_detail(d) == d
    assert translate_detail("Something a newer core says.") == "Something a newer core says."


def test_english_plurals_come_from_the_english_catalogue(qapp):
    """"%n draft(s)" reads "1 draft" / "3 drafts": the English catalogue is installed too."""
    from PySide6.QtCore import QCoreApplication

    from proofkit.gui import i18n

    i18n.install(qapp, "en")
    assert QCoreApplication.translate("WorkView", "%n draft(s)", "", 1) == "1 draft"
    assert QCoreApplication.translate("WorkView", "%n draft(s)", "", 3) == "3 drafts"
    assert QCoreApplication.translate("LedgerPage", "%n work(s)", "", 2) == "2 works"
