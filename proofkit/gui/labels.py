"""Small label helpers the pages share: the one way a title or headline is made bold."""

from __future__ import annotations

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
