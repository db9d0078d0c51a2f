"""Reading manuscripts: .txt/.md in the encodings Chinese authors meet, .docx, .epub, .html, .pdf.

A read always says which encoding it chose (``Document.encoding``), and the caller can force
one (``encoding=``). Text files are tried in this order: a byte-order mark; strict UTF-8;
strict GB18030 (covers GBK and GB2312); Big5; charset-normalizer as the last resort. GB18030
decodes most Big5 files without error (both are double-byte), so when both decode, the one
whose characters are plausible Chinese is kept (see ``_plausible``).

PDF text comes from pypdf: pure Python (nothing to compile, nothing bundled that a frozen build
must carry), BSD-licensed and actively released; PyMuPDF extracts better but is AGPL, and
pdfminer.six is slower for the same result on text PDFs. A scanned PDF has no text: that is
said, not guessed at.
"""

from __future__ import annotations

import codecs
import html
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError
from ..files import unreadable
from .chapters import Chapter, find_chapters

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".mhtml"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".epub", ".pdf"}


class TextReadError(InputError):
    """A manuscript could not be read; the message is one sentence for the user."""


@dataclass
class Document:
    """One manuscript as text: where it came from, how it was decoded, its chapters."""

    name: str
    text: str
    encoding: str
    kind: str
    chapters: list[Chapter] = field(default_factory=list)

    def chapter_at(self, offset: int) -> Chapter | None:
        for ch in self.chapters:
            if ch.start <= offset < ch.end:
                return ch
        return self.chapters[-1] if self.chapters and offset >= self.chapters[-1].end else None


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _plausible(text: str) -> float:
    """Share of the Han characters that are everyday Chinese once read as simplified.

    A Big5 file misread as GB18030 turns into rare characters (about half outside GB2312); real
    text, simplified or traditional, is almost all inside GB2312 after t2s.
    """
    from .normalise import to_simplified

    han = [c for c in text[:20000] if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 1.0
    simp = to_simplified("".join(han))
    ok = 0
    for c in simp:
        try:
            c.encode("gb2312")
            ok += 1
        except UnicodeEncodeError:
            pass
    return ok / len(han)


def decode_text(data: bytes, encoding: str | None = None, *, guess: bool = True) -> tuple[str, str]:
    """Decode a text file's bytes; returns (text, the encoding used). ``guess=False``: no
    charset-normalizer guess at the end (TextReadError instead), for a content identity that
    must not rest on a guess."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise TextReadError(f"Unknown encoding '{encoding}'.") from None
        except UnicodeDecodeError as e:
            raise TextReadError(
                f"The file is not valid {encoding} (byte {e.start}); try another --encoding."
            ) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name.replace("-sig", "") + " (BOM)"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    gb = big5 = None
    try:
        gb = data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    try:
        big5 = data.decode("big5")
    except UnicodeDecodeError:
        pass
    if gb is not None and big5 is not None:
        if _plausible(gb) < 0.9 and _plausible(big5) > _plausible(gb):
            return big5, "big5"
        return gb, "gb18030"
    if gb is not None:
        return gb, "gb18030"
    if big5 is not None:
        return big5, "big5"
    if not guess:
        raise TextReadError("Not text in UTF-8, GB18030 or Big5.")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise TextReadError("Could not tell this file's text encoding; give it with --encoding.")
    return str(best), f"{best.encoding} (guessed)"


class _HTMLText(HTMLParser):
    """Visible text of an HTML page: no script/style, block elements become line breaks."""

    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title"})
    SKIP = frozenset({"script", "style", "noscript", "template", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headings: list[str] = []
        self._skip = 0
        self._in_heading = False
        self._heading: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        if tag in ("h1", "h2", "h3"):
            self._in_heading, self._heading = True, []

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        if tag in ("h1", "h2", "h3") and self._in_heading:
            self._in_heading = False
            self.headings.append("".join(self._heading).strip())

    def handle_data(self, data):
        if self._skip:
            return
        self.parts.append(data)
        if self._in_heading:
            self._heading.append(data)

    def text(self) -> str:
        t = "".join(self.parts)
        return re.sub(r"\n\s*\n+", "\n", t).strip("\n")


def html_to_text(markup: str) -> tuple[str, str | None]:
    """(visible text, first h1-h3 heading or None)."""
    p = _HTMLText()
    p.feed(markup)
    p.close()
    return p.text(), (p.headings[0] if p.headings else None)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def _read_html(data: bytes, encoding: str | None, guess: bool = True) -> tuple[str, str]:
    if not encoding:
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii").lower()
            if declared in ("gb2312", "gbk"):
                declared = "gb18030"  # browsers read gb2312 pages as GBK; GB18030 is its superset
            try:
                return html_to_text(data.decode(declared))[0], f"{declared} (page)"
            except (LookupError, UnicodeDecodeError):
                pass
    markup, enc = decode_text(data, encoding, guess=guess)
    return html_to_text(markup)[0], enc


def _read_docx(path: Path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        d = docx.Document(str(path))
    except Exception:  # noqa: BLE001 - python-docx raises several kinds for a damaged package
        raise TextReadError(f"{path.name} is not a readable .docx file.") from None
    lines: list[str] = []

    def table_lines(t: Table) -> None:
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    lines.append(p.text)
                for inner in cell.tables:
                    table_lines(inner)

    body = d.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, d).text)
        elif tag == "tbl":
            table_lines(Table(child, d))
    return "\n".join(lines)


def _read_epub(path: Path) -> tuple[str, list[tuple[str, int]]]:
    """Text of the spine items in reading order; each item's (title, start offset)."""
    import ebooklib
    from ebooklib import epub

    try:
        book = epub.read_epub(str(path), options={"ignore_ncx": True})
    except Exception:  # noqa: BLE001 - ebooklib raises bare exceptions for a damaged book
        raise TextReadError(f"{path.name} is not a readable .epub file.") from None
    parts: list[str] = []
    marks: list[tuple[str, int]] = []
    pos = 0
    for idref, _linear in book.spine:
        item = book.get_item_with_id(idref)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT:
            continue
        raw = item.get_content()
        try:
            markup = raw.decode("utf-8")
        except UnicodeDecodeError:
            markup = decode_text(raw)[0]
        text, heading = html_to_text(markup)
        if not text.strip():
            continue
        title = heading or (text.strip().splitlines() or [item.get_name()])[0][:40]
        marks.append((title, pos))
        parts.append(text)
        pos += len(text) + 1
    return "\n".join(parts), marks


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError):
        raise TextReadError(f"{path.name} is not a readable PDF.") from None
    text = "\n".join(pages)
    if not text.strip():
        raise TextReadError(f"{path.name} has no text to extract (a scanned PDF needs OCR first).")
    return text


def read_document(path: str | Path, encoding: str | None = None, *, guess: bool = True) -> Document:
    """Read one manuscript file into a ``Document`` with its chapters (``guess``: see
    ``decode_text``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            text, enc, kind = _read_docx(path), "docx (utf-8 XML)", "docx"
        elif suffix == ".epub":
            text, marks = _read_epub(path)
            chapters = [
                Chapter(title, start, marks[i + 1][1] - 1 if i + 1 < len(marks) else len(text))
                for i, (title, start) in enumerate(marks)
            ]
            return Document(path.name, text, "epub (utf-8 XHTML)", "epub", chapters)
        elif suffix == ".pdf":
            text, enc, kind = _read_pdf(path), "pdf (text layer)", "pdf"
        elif suffix in HTML_SUFFIXES:
            text, enc = _read_html(path.read_bytes(), encoding, guess)
            kind = "html"
        else:
            text, enc = decode_text(path.read_bytes(), encoding, guess=guess)
            kind = "md" if suffix in (".md", ".markdown") else "txt"
    except zipfile.BadZipFile:
        raise TextReadError(f"{path.name} is damaged (not a valid zip package).") from None
    except OSError as e:
        raise TextReadError(unreadable(path, e).message) from None
    text = html.unescape(text) if kind == "md" and "&" in text else text
    return Document(path.name, text, enc, kind, find_chapters(text))


def read_folder(folder: str | Path, encoding: str | None = None) -> Document:
    """Every manuscript file of a folder (sorted by name, numbers in names sorted as numbers),
    as one document whose chapters are the files' chapters (or the files themselves)."""
    folder = Path(folder)
    files = sorted(
        (p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES),
        key=lambda p: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", str(p.relative_to(folder)))],
    )
    if not files:
        raise TextReadError(f"No manuscript (.txt, .docx, .epub, .md, .html, .pdf) in {folder.name}.")
    parts: list[str] = []
    chapters: list[Chapter] = []
    encodings: set[str] = set()
    pos = 0
    for f in files:
        d = read_document(f, encoding)
        encodings.add(d.encoding)
        rel = str(f.relative_to(folder))
        if d.chapters:
            for ch in d.chapters:
                title = ch.title if len(d.chapters) > 1 or ch.title else rel
                chapters.append(Chapter(title, ch.start + pos, ch.end + pos, rel))
        else:
            chapters.append(Chapter(rel, pos, pos + len(d.text), rel))
        parts.append(d.text)
        pos += len(d.text) + 1
    return Document(folder.name, "\n".join(parts), ", ".join(sorted(encodings)), "folder", chapters)


def read_any(path: str | Path, encoding: str | None = None) -> Document:
    """A file or a folder of files."""
    p = Path(path)
    if p.is_dir():
        return read_folder(p, encoding)
    if not p.exists():
        raise TextReadError(f"{p} does not exist.")
    return read_document(p, encoding)
