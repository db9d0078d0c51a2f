"""Form rows whose label's mnemonic works: QFormLayout only gives its label a buddy when the
field is a widget, so a label over a row of widgets showed its "&" literally."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QWidget


def add_row(form: QFormLayout, text: str, field: QWidget | QLayout, buddy: QWidget | None = None) -> QLabel:
    """Add ``text`` (may hold an "&" mnemonic) over ``field``; Alt+letter focuses ``buddy``
    (``field`` itself when it is a widget)."""
    label = QLabel(text)
    target = buddy if buddy is not None else (field if isinstance(field, QWidget) else None)
    if target is None:
        raise ValueError("a label over a layout needs the widget its mnemonic focuses")
    label.setBuddy(target)
    form.addRow(label, field)
    return label
