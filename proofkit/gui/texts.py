"""Sentences shown in more than one place."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def privacy_sentence() -> str:
    return QCoreApplication.translate(
        "Texts", "Only a fingerprint of your file leaves this computer — never the file itself.")


def proof_sentence() -> str:
    """What a time stamp proves and what it does not (welcome, first stamp, Verify page)."""
    return QCoreApplication.translate(
        "Texts", "This proves this exact file existed at this time. It does not, by itself, prove who "
                 "wrote it: keep stamping your drafts.")
