"""The one way a page's headline and titles are made bold (gui/labels.py)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QLabel  # noqa: E402

from proofkit.gui.labels import embolden, headline_label  # noqa: E402


def test_a_headline_is_bold_wrapped_and_a_quarter_larger(qtbot):
    plain = QLabel()
    head = headline_label()
    qtbot.addWidget(head)
    assert head.font().bold() and not plain.font().bold()
    assert head.wordWrap()
    assert head.font().pointSizeF() == pytest.approx(plain.font().pointSizeF() * 1.25)


def test_embolden_keeps_the_size_unless_asked(qtbot):
    base = QLabel().font().pointSizeF()
    same, big = QLabel(), QLabel()
    qtbot.addWidget(same)
    qtbot.addWidget(big)
    assert embolden(same) is same and same.font().bold()
    assert same.font().pointSizeF() == pytest.approx(base)
    embolden(big, 1.5)
    assert big.font().pointSizeF() == pytest.approx(base * 1.5)


def test_facts_table_escapes_labels_and_keeps_values_as_html():
    from proofkit.gui.labels import facts_table

    html = facts_table([("A & B", "<code>x</code>"), ("C", "d")])
    assert html == ("<table cellspacing='0' cellpadding='3'>"
                    "<tr><td valign='top' style='color:gray'>A &amp; B</td><td><code>x</code></td></tr>"
                    "<tr><td valign='top' style='color:gray'>C</td><td>d</td></tr></table>")
