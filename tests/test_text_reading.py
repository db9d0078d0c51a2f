"""Reading manuscripts (core/text/reading, normalise): encodings said and overridable, .docx with
tables, .epub in spine order, saved web pages, PDF text, chapters, one content identity for the
same chapter in every format."""

from __future__ import annotations

import codecs

import pytest

from proofkit.core.text import TextReadError, decode_text, read_any, read_document
from proofkit.core.text.chapters import find_chapters
from proofkit.core.text.normalise import normalise

CHAPTER = "第一章 初到京城\n“这是哪里？”他问道。　ＡＢＣ１２３，京城的风很大。\n第二章 夜雨\n夜里下起了雨，他一个人走在街上。\n"


def test_encodings_are_detected_and_said(tmp_path):
    cases = {
        "utf8.txt": (CHAPTER.encode("utf-8"), "utf-8"),
        "bom.txt": (codecs.BOM_UTF8 + CHAPTER.encode("utf-8"), "utf-8 (BOM)"),
        "utf16.txt": (CHAPTER.encode("utf-16"), "utf-16 (BOM)"),
        "gb.txt": (CHAPTER.encode("gb18030"), "gb18030"),
    }
    for name, (data, enc) in cases.items():
        (tmp_path / name).write_bytes(data)
        d = read_document(tmp_path / name)
        assert d.text == CHAPTER, name
        assert d.encoding == enc


def test_big5_file_is_not_misread_as_gb18030(tmp_path):
    trad = "第一章 夜雨\n夜裡下起了雨，他一個人走在街上，聽見遠處傳來鐘聲。這座城市從來沒有這樣安靜過。\n" * 3
    (tmp_path / "big5.txt").write_bytes(trad.encode("big5"))
    d = read_document(tmp_path / "big5.txt")
    assert d.encoding == "big5"
    assert d.text == trad


def test_encoding_override_and_its_error(tmp_path):
    (tmp_path / "gb.txt").write_bytes(CHAPTER.encode("gb18030"))
    assert read_document(tmp_path / "gb.txt", encoding="gbk").text == CHAPTER
    with pytest.raises(TextReadError, match="not valid utf-8"):
        read_document(tmp_path / "gb.txt", encoding="utf-8")
    with pytest.raises(TextReadError, match="Unknown encoding"):
        decode_text(b"abc", "no-such-codec")


def test_normalisation_maps_back_to_the_original():
    text = "第一章　開始\n“這個人”說：ＡＢＣ，ok！"
    n = normalise(text)
    assert n.text == "第一章开始这个人说abcok"
    # every normalised character points at the original character it came from
    for i, o in enumerate(n.offsets.tolist()):
        assert normalise(text[o]).text == n.text[i] or text[o] in "開這說"
    start, end = n.original_span(5, 8)
    assert text[start:end] == "這個人"


def _docx(path, paragraphs, table_rows=()):
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table_rows:
        t = d.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    d.add_paragraph("表后一段。")
    d.save(str(path))


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    _docx(tmp_path / "a.docx", ["第一章 初到京城", "他问道。"], [("表格甲", "表格乙")])
    d = read_document(tmp_path / "a.docx")
    assert d.kind == "docx"
    assert d.text.split("\n") == ["第一章 初到京城", "他问道。", "表格甲", "表格乙", "表后一段。"]
    assert d.chapters[0].title == "第一章 初到京城"


def _epub(path, chapters):
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("id1")
    book.set_title("书")
    book.set_language("zh")
    items = []
    for i, (title, body) in enumerate(chapters):
        it = epub.EpubHtml(title=title, file_name=f"c{i}.xhtml", lang="zh")
        it.content = f"<html><body><h1>{title}</h1><p>{body}</p><script>var x='不算';</script></body></html>"
        book.add_item(it)
        items.append(it)
    book.toc = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    # spine order deliberately not the files' order
    book.spine = list(reversed(items))
    epub.write_epub(str(path), book)


def test_epub_chapters_in_spine_order(tmp_path):
    _epub(tmp_path / "b.epub", [("第一章 甲", "第一章的正文。"), ("第二章 乙", "第二章的正文。")])
    d = read_document(tmp_path / "b.epub")
    assert [c.title for c in d.chapters] == ["第二章 乙", "第一章 甲"]
    assert d.text.index("第二章的正文") < d.text.index("第一章的正文")
    assert "不算" not in d.text
    assert d.chapter_at(d.text.index("第一章的正文")).title == "第一章 甲"


def test_saved_web_page_text_only(tmp_path):
    page = ('<html><head><meta charset="gbk"><title>盗版站</title><style>p{color:red}</style></head>'
            '<body><div class="nav">首页</div><h1>第一章 初到京城</h1><p>他问道。</p>'
            '<script>alert("广告")</script><p>京城&amp;的风</p></body></html>')
    (tmp_path / "page.html").write_bytes(page.encode("gbk"))
    d = read_document(tmp_path / "page.html")
    assert "gb" in d.encoding
    assert "广告" not in d.text and "color" not in d.text
    assert "他问道。" in d.text and "京城&的风" in d.text


def test_pdf_text_is_extracted(tmp_path):
    from importlib import resources

    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    with resources.as_file(resources.files("proofkit.resources") / "fonts" / "wqy-microhei.ttc") as font:
        pdf.add_font("wqy", "", str(font), collection_font_number=0)
    pdf.set_font("wqy", size=12)
    pdf.multi_cell(0, 8, "第一章 初到京城\n夜里下起了雨，他一个人走在街上。")
    (tmp_path / "c.pdf").write_bytes(bytes(pdf.output()))
    d = read_document(tmp_path / "c.pdf")
    assert normalise(d.text).text == normalise("第一章 初到京城 夜里下起了雨，他一个人走在街上。").text


def test_scanned_or_broken_files_are_one_sentence(tmp_path):
    (tmp_path / "x.docx").write_bytes(b"not a zip")
    with pytest.raises(TextReadError, match="x.docx"):
        read_document(tmp_path / "x.docx")
    with pytest.raises(TextReadError, match="does not exist"):
        read_any(tmp_path / "missing.txt")


def test_same_chapter_in_every_format_has_one_content_identity(tmp_path):
    paras = ["第一章 初到京城", "“这是哪里？”他问道。", "京城的风很大，吹得人睁不开眼。"]
    (tmp_path / "a.txt").write_bytes("\r\n".join(paras).encode("gb18030"))
    (tmp_path / "b.md").write_text("# " + "\n\n".join(paras), encoding="utf-8")
    _docx(tmp_path / "c.docx", paras[:1])
    import docx

    d = docx.Document()
    for p in paras:
        d.add_paragraph(p)
    d.save(str(tmp_path / "c.docx"))
    _epub(tmp_path / "d.epub", [(paras[0], "</p><p>".join(paras[1:]))])
    trad = tmp_path / "e.txt"
    trad.write_text("第一章 初到京城\n「這是哪裡？」他問道。\n京城的風很大，吹得人睜不開眼。", encoding="big5")
    shas = {p.name: normalise(read_document(p).text).sha256 for p in tmp_path.iterdir()}
    assert len(set(shas.values())) == 1, shas


def test_folder_of_chapters_in_natural_order(tmp_path):
    for i in (1, 2, 10):
        (tmp_path / f"{i}.txt").write_text(f"第{i}章 标题{i}\n正文{i}。", encoding="utf-8")
    d = read_any(tmp_path)
    assert [c.title for c in d.chapters] == ["第1章 标题1", "第2章 标题2", "第10章 标题10"]
    assert d.chapters[2].file == "10.txt"


def test_chapter_headings():
    text = "序言\n第一章 开始\n正文\n  第十二回：结束  \n第三章不是标题。\n他读到第四章的时候睡着了\n正文 第5章 新篇\nChapter 3 End\n"
    titles = [c.title for c in find_chapters(text)]
    assert titles == ["", "第一章 开始", "第十二回：结束", "正文 第5章 新篇", "Chapter 3 End"]
