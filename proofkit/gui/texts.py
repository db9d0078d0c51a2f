"""Sentences shown in more than one place."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def privacy_sentence() -> str:
    return QCoreApplication.translate(
        "Texts", "Only a fingerprint of your file leaves this computer — never the file itself.")
