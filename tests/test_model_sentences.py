"""The sentence a model verdict comes with (what it shows and does not) in the reader's language:
the core keeps its English sentence and adds its key and values (``explanation``); the GUI says
it in Chinese through the Qt catalogue, the PDF report in Chinese and English (issue 13)."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from model_factory import kohya_names, lora, model, rescale_lora, write_safetensors
from proofkit.core.models.compare import SENTENCES, compare, compare_picture, explain
from proofkit.core.models.fingerprint import fingerprint_file

CJK = re.compile(r"[\u4e00-\u9fff]")
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, dict]:
    d = tmp_path_factory.mktemp("sentences")
    m, o = model(1), model(2)
    f16 = {k: v.astype(np.float16) if v.dtype == np.float32 else v for k, v in m.items()}
    fp = {n: fingerprint_file(write_safetensors(d / f"{n}.safetensors", t, meta)) for n, t, meta in (
        ("mine", m, {"ss_output_name": "mine"}), ("renamed", kohya_names(f16), None),
        ("merge", {k: (0.9 * v + 0.1 * o[k]).astype(v.dtype) if v.dtype == np.float32 else v
                   for k, v in m.items()}, None),
        ("unrelated", o, None), ("lora", lora(3), None), ("lora8", rescale_lora(lora(3), 8.0), None))}
    return {
        "same_file": compare(fp["mine"], fp["mine"]),
        "same_weights": compare(fp["mine"], fp["renamed"]),
        "same_weights_lora": compare(fp["lora"], fp["lora8"]),
        "derived": compare(fp["mine"], fp["merge"]),
        "derived_base": compare(fp["mine"], fp["merge"], fp["unrelated"]),
        "no_evidence": compare(fp["mine"], fp["unrelated"]),
        "picture_names_mine": compare_picture(fp["mine"], {"parameters": "Model hash: " + fp["mine"]["hashes"]["autov2"]}, "a.png"),
        "picture_names_other": compare_picture(fp["mine"], {"parameters": "Model hash: 0123456789"}, "b.png"),
        "picture_names_nothing": compare_picture(fp["mine"], {"prompt": '{"1": {"inputs": {"ckpt_name": "x.safetensors"}}}'}, "c.png"),
    }


def test_the_report_carries_its_sentence_as_key_and_values(reports):
    for name, r in reports.items():
        key = r["explanation"]["key"]
        assert key == name.removesuffix("_base"), name
        assert explain(r["explanation"]) == r["sentence"]  # the English is the core's, unchanged
    assert "20 names changed" in reports["same_weights"]["sentence"]
    assert "--base" in reports["derived"]["sentence"] and "--base" not in reports["derived_base"]["sentence"]


def test_pdf_report_says_it_in_chinese_and_english(reports, tmp_path):
    from proofkit.bundle.model_report_pdf import render_model_report_pdf
    from proofkit.bundle.report_text import ZH_SENTENCES, zh_sentence

    assert set(ZH_SENTENCES) == set(SENTENCES)
    for key, zh in ZH_SENTENCES.items():  # same placeholders as the English
        assert sorted(re.findall(r"{\w+}", zh)) == sorted(re.findall(r"{\w+}", SENTENCES[key])), key
    for name, r in reports.items():
        text = zh_sentence(r)
        assert CJK.search(text) and "MINE" not in text and "SUSPECT" not in text, (name, text)
    assert "20 个名称被改" in zh_sentence(reports["same_weights"])
    assert "元数据已删除" in zh_sentence(reports["same_weights"])
    assert "--base" in zh_sentence(reports["derived"]) and "--base" not in zh_sentence(reports["derived_base"])
    assert zh_sentence({"verdict": "derived", "sentence": "old"}) is None  # an older report
    if not (shutil.which("pdftotext") and shutil.which("pdffonts")):
        pytest.skip("poppler-utils not installed")
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(render_model_report_pdf(reports["derived"]))
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                             check=True).stdout)
    assert "由我的模型派生：估计我的模型所占比例为" in text and "请提供基础模型" in text
    assert "Derivedfrom MINE:".replace(" ", "") in text  # the English sentence follows
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(r.split()[-5] == "yes" for r in rows), fonts  # every font embedded


def _catalogue(lang: str) -> list[tuple[str, str]]:
    root = ET.parse(ROOT / "resources" / "i18n" / f"proofkit_{lang}.ts").getroot()
    return [(m.find("source").text, m.find("translation").text) for ctx in root.iter("context")
            if ctx.find("name").text == "ModelSentences" for m in ctx.iter("message")]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_catalogue_keeps_the_placeholders(lang):
    pairs = _catalogue(lang)
    assert len(pairs) >= 19
    for src, tr in pairs:
        assert tr and sorted(re.findall(r"{\w+}", tr)) == sorted(re.findall(r"{\w+}", src)), (lang, src, tr)


def test_gui_says_the_sentence_in_chinese(reports, qapp):
    from proofkit.gui import i18n
    from proofkit.gui.model_texts import model_sentence

    try:
        i18n.install(qapp, "zh_CN")
        for name, r in reports.items():
            text = model_sentence(r)
            assert CJK.search(text) and "MINE" not in text and "SUSPECT" not in text, (name, text)
        assert "20 个名称被改" in model_sentence(reports["same_weights"])
        assert "6 个模块中有 6 个" in model_sentence(reports["same_weights_lora"])
        assert "你的模型" in model_sentence(reports["derived"])
        assert model_sentence({"verdict": "derived", "sentence": "as the core wrote it"}) == "as the core wrote it"
    finally:
        i18n.install(qapp, "en")
    for r in reports.values():  # English: the core's own sentence
        assert model_sentence(r) == r["sentence"]
