"""Small helpers the pages share for showing text: the one way a title or headline is made bold,
and the one way a list of facts (label, value) is laid out in a details pane."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QLabel


def embolden(label: QLabel, scale: float = 1.0) -> QLabel:
    """Make ``label``'s font bold and ``scale`` times its size; returns the label."""
    f = label.font()
    if scale != 1.0:
        f.setPointSizeF(f.pointSizeF() * scale)
    f.setBold(True)
    label.setFont(f)
    return label


def headline_label() -> QLabel:
    """The word-wrapped bold line (1.25 times the text size) that states a page's result."""
    label = QLabel()
    label.setWordWrap(True)
    return embolden(label, 1.25)


def facts_table(rows) -> str:
    """HTML for ``(label, value)`` rows: the label as text in grey, the value as HTML."""
    html = ["<table cellspacing='0' cellpadding='3'>"]
    for label, value in rows:
        html.append(f"<tr><td valign='top' style='color:gray'>{escape(label)}</td><td>{value}</td></tr>")
    html.append("</table>")
    return "".join(html)
