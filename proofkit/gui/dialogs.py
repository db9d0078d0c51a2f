"""Small dialogs: the first-run welcome and About."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout

from proofkit.gui.texts import privacy_sentence


class WelcomeDialog(QDialog):
    def __init__(self, services, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to ProofKit"))
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        tsas = "".join(f"<li>{escape(t.display_name)} — {escape(t.operator)} ({escape(t.country)})</li>"
                       for t in services.tsas())
        heading = self.tr("Prove your work existed — on this date.")
        what = self.tr("Drop a manuscript, a chapter, a model or a whole folder. ProofKit computes its "
                  "fingerprint (SHA-256) on this computer and asks independent time-stamping "
                  "authorities to sign the time they saw it. The signed receipts stay in your "
                  "ledger; an evidence bundle shows them to anyone, years later.")
        which = self.tr("ProofKit will ask these authorities (change them in Settings):")
        offline = self.tr("No internet right now? Stamp anyway: the request waits as pending and ProofKit "
                     "completes it by itself when the network returns. A pending stamp is not proof yet.")
        html = (f"<h2>{escape(heading)}</h2><p>{escape(what)}</p>"
                f"<p><b>{escape(privacy_sentence())}</b></p>"
                f"<p>{escape(which)}</p><ul>{tsas}</ul><p>{escape(offline)}</p>")
        text = QTextBrowser()
        text.setHtml(html)
        text.setOpenLinks(False)
        text.setMinimumHeight(360)
        lay.addWidget(text)
        buttons = QDialogButtonBox()
        start = buttons.addButton(self.tr("&Start"), QDialogButtonBox.AcceptRole)
        start.setDefault(True)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)


LICENCES = (
    ("ProofKit", "Apache-2.0"),
    ("Qt 6 / PySide6", "LGPL-3.0-only (Qt for Python)"),
    ("cryptography", "Apache-2.0 OR BSD-3-Clause"),
    ("asn1crypto", "MIT"),
    ("rfc3161ng", "MIT"),
    ("SQLAlchemy", "MIT"),
    ("platformdirs", "MIT"),
    ("certifi (Mozilla CA roots)", "MPL-2.0"),
    ("fpdf2", "LGPL-3.0-or-later"),
    ("Noto Sans CJK (when bundled)", "OFL-1.1"),
)


class AboutDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        from proofkit import __version__
        from proofkit.gui.errors import environment

        self.setWindowTitle(self.tr("About ProofKit"))
        lay = QVBoxLayout(self)
        title = QLabel(f"<h2>ProofKit {escape(__version__)}</h2>")
        lay.addWidget(title)
        body = QLabel(self.tr("Proves that a file existed at a given time, with RFC 3161 time stamps "
                              "from several independent authorities."))
        body.setWordWrap(True)
        lay.addWidget(body)
        rows = "".join(f"<tr><td>{escape(n)}</td><td>{escape(l)}</td></tr>" for n, l in LICENCES)
        lic = QTextBrowser()
        heading = self.tr("Licences of the components shipped")
        lic.setHtml(f"<h4>{escape(heading)}</h4>"
                    f"<table cellpadding='2'>{rows}</table><p><small>{escape(environment())}</small></p>")
        lic.setMinimumSize(460, 260)
        lay.addWidget(lic)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.button(QDialogButtonBox.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        lic.setTextInteractionFlags(Qt.TextBrowserInteraction)
