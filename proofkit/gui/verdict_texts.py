"""Verification checks and TSA failures in the reader's language.

The core speaks English on purpose: its check details and TSA error messages are the CLI's
contract and go into evidence bundles unchanged. The app shows, for each check (by its
stable name), a translated title and a one-sentence meaning of the outcome, keeping the
core's English detail as a secondary line: it carries the specifics (which root, which
digest, which serial). TSA failures are matched by the core's known wording and shown
translated; anything unknown is shown as the core wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from proofkit.gui.check_details import translate_detail

OK_COLOUR, BAD_COLOUR = "#1a7f37", "#cf222e"


# Marked for lupdate here, translated when shown (the language can change while running).
_TITLES = {
    "status": QT_TRANSLATE_NOOP("Checks", "Authority's answer"),
    "structure": QT_TRANSLATE_NOOP("Checks", "Time-stamp format"),
    "content_type": QT_TRANSLATE_NOOP("Checks", "Signed content type"),
    "message_digest": QT_TRANSLATE_NOOP("Checks", "Signed content intact"),
    "signer_certificate": QT_TRANSLATE_NOOP("Checks", "Signer's certificate"),
    "signature": QT_TRANSLATE_NOOP("Checks", "Signature"),
    "signing_certificate_binding": QT_TRANSLATE_NOOP("Checks", "Certificate named by the signature"),
    "tsa_certificate": QT_TRANSLATE_NOOP("Checks", "Time-stamping certificate"),
    "chain": QT_TRANSLATE_NOOP("Checks", "Chain of trust"),
    "imprint": QT_TRANSLATE_NOOP("Checks", "File fingerprint"),
    "nonce": QT_TRANSLATE_NOOP("Checks", "Fresh answer"),
    "gen_time": QT_TRANSLATE_NOOP("Checks", "Time of the stamp"),
    "revocation": QT_TRANSLATE_NOOP("Checks", "Certificate not revoked"),
    "manifest_entry": QT_TRANSLATE_NOOP("Checks", "Listed in the folder manifest"),
    # evidence bundles (proofkit.bundle.verify)
    "manifest_file": QT_TRANSLATE_NOOP("Checks", "Folder manifest"),
    "original": QT_TRANSLATE_NOOP("Checks", "Original file"),
    "file": QT_TRANSLATE_NOOP("Checks", "Your file"),
    "token_file": QT_TRANSLATE_NOOP("Checks", "Time-stamp file"),
    "manifest_claims": QT_TRANSLATE_NOOP("Checks", "Time stated by the bundle"),
    "evidence_record": QT_TRANSLATE_NOOP("Checks", "Renewal (evidence record)"),
}

_HELD = {
    "status": QT_TRANSLATE_NOOP("Checks", "The authority accepted the request and sent a time stamp."),
    "structure": QT_TRANSLATE_NOOP("Checks", "The answer is a well-formed, signed time stamp."),
    "content_type": QT_TRANSLATE_NOOP("Checks", "The signature says it covers a time stamp, as it must."),
    "message_digest": QT_TRANSLATE_NOOP("Checks", "The time-stamp content is exactly what the authority "
                                                  "signed."),
    "signer_certificate": QT_TRANSLATE_NOOP("Checks", "The certificate of the authority that signed was "
                                                      "found."),
    "signature": QT_TRANSLATE_NOOP("Checks", "The authority's signature is valid: the time stamp is "
                                             "intact."),
    "signing_certificate_binding": QT_TRANSLATE_NOOP("Checks", "The signature names exactly this "
                                                               "certificate."),
    "tsa_certificate": QT_TRANSLATE_NOOP("Checks", "The certificate is one meant for time-stamping only."),
    "chain": QT_TRANSLATE_NOOP("Checks", "The certificate leads to a root this computer trusts and was "
                                         "valid at the stamped time."),
    "imprint": QT_TRANSLATE_NOOP("Checks", "The time stamp is for exactly this content."),
    "nonce": QT_TRANSLATE_NOOP("Checks", "The answer carries the random number ProofKit sent: it is "
                                         "fresh, not replayed."),
    "gen_time": QT_TRANSLATE_NOOP("Checks", "The authority's clock agrees with this computer's."),
    "revocation": QT_TRANSLATE_NOOP("Checks", "The authority's certificate had not been revoked when it "
                                              "signed (or no revocation record is available; the detail "
                                              "says which)."),
    "manifest_entry": QT_TRANSLATE_NOOP("Checks", "The file is listed in the stamped folder manifest."),
    "manifest_file": QT_TRANSLATE_NOOP("Checks", "The folder manifest in the bundle is the one that was "
                                                 "stamped."),
    "original": QT_TRANSLATE_NOOP("Checks", "The original in the bundle is exactly the stamped file."),
    "file": QT_TRANSLATE_NOOP("Checks", "Your file is exactly the stamped content."),
    "token_file": QT_TRANSLATE_NOOP("Checks", "The time-stamp file in the bundle is the one verified."),
    "manifest_claims": QT_TRANSLATE_NOOP("Checks", "The time the bundle states is the time stamp's own."),
    "evidence_record": QT_TRANSLATE_NOOP("Checks", "The time stamp was stamped again in time, before its "
                                                   "authority's certificate expired."),
}

_FAILED = {
    "status": QT_TRANSLATE_NOOP("Checks", "The authority refused the request or sent no time stamp."),
    "structure": QT_TRANSLATE_NOOP("Checks", "The answer is not a well-formed time stamp (damaged, or "
                                             "something else)."),
    "content_type": QT_TRANSLATE_NOOP("Checks", "The signature does not say it covers a time stamp."),
    "message_digest": QT_TRANSLATE_NOOP("Checks", "The time-stamp content differs from what the authority "
                                                  "signed."),
    "signer_certificate": QT_TRANSLATE_NOOP("Checks", "The certificate of the authority that signed is "
                                                      "missing."),
    "signature": QT_TRANSLATE_NOOP("Checks", "The signature does not match: the time stamp was damaged or "
                                             "forged."),
    "signing_certificate_binding": QT_TRANSLATE_NOOP("Checks", "The signature does not name this "
                                                               "certificate."),
    "tsa_certificate": QT_TRANSLATE_NOOP("Checks", "The certificate is not a proper time-stamping "
                                                   "certificate."),
    "chain": QT_TRANSLATE_NOOP("Checks", "The certificate does not lead to a root this computer trusts, or "
                                         "was not valid at the stamped time."),
    "imprint": QT_TRANSLATE_NOOP("Checks", "The time stamp is for different content (or uses a digest too "
                                           "weak to count)."),
    "nonce": QT_TRANSLATE_NOOP("Checks", "The answer lacks the random number ProofKit sent: it may be old "
                                         "or replayed."),
    "gen_time": QT_TRANSLATE_NOOP("Checks", "The authority dated the stamp far from when it was asked: its "
                                            "clock is wrong, so the stamp is not kept as proof."),
    "revocation": QT_TRANSLATE_NOOP("Checks", "The authority's certificate had been revoked before it signed "
                                              "this stamp: it is not proof."),
    "manifest_entry": QT_TRANSLATE_NOOP("Checks", "The stamped folder manifest does not list this file."),
    "manifest_file": QT_TRANSLATE_NOOP("Checks", "The folder manifest is missing, or is not the one that "
                                                 "was stamped."),
    "original": QT_TRANSLATE_NOOP("Checks", "The original is missing from the bundle or differs from the "
                                            "stamped file."),
    "file": QT_TRANSLATE_NOOP("Checks", "Your file does not match the stamped content."),
    "token_file": QT_TRANSLATE_NOOP("Checks", "A time-stamp file is missing from the bundle or does not "
                                              "match."),
    "manifest_claims": QT_TRANSLATE_NOOP("Checks", "The time the bundle states differs from the time "
                                                   "stamp's own."),
    "evidence_record": QT_TRANSLATE_NOOP("Checks", "No renewal of this time stamp holds (missing, changed, "
                                                   "or made too late)."),
}


def check_title(name: str) -> str:
    """A check's short title; an unknown (newer) check keeps its name."""
    source = _TITLES.get(name)
    return QCoreApplication.translate("Checks", source) if source else name


def check_meaning(name: str, ok: bool) -> str:
    """What the outcome of check ``name`` means, in one sentence ("" for an unknown check)."""
    source = (_HELD if ok else _FAILED).get(name)
    return QCoreApplication.translate("Checks", source) if source else ""


def checks_html(checks) -> str:
    """A table of checks (core Check objects or their dicts): mark, translated title and
    meaning, and the core's English detail in small grey type below."""
    rows = []
    for c in checks:
        name, ok, detail = ((c.get("name"), c.get("ok"), c.get("detail", "")) if isinstance(c, dict)
                            else (c.name, c.ok, c.detail))
        name, detail = str(name), str(detail or "")
        mark = (f"<span style='color:{OK_COLOUR}'>✔</span>" if ok
                else f"<span style='color:{BAD_COLOUR}'>✖</span>")
        meaning = check_meaning(name, bool(ok))
        text = f"<b>{escape(check_title(name))}</b>"
        if meaning:
            text += f" — {escape(meaning)}"
        detail = translate_detail(detail) if detail else ""
        if detail and detail != meaning:
            text += f"<br><small style='color:gray'>{escape(detail)}</small>"
        rows.append(f"<tr><td valign='top'>{mark}</td><td>{text}</td></tr>")
    return "<table cellspacing='0' cellpadding='2'>" + "".join(rows) + "</table>"


# ------------------------------------------------------------------ TSA failures


@dataclass(frozen=True)
class Reason:
    """A TSA failure as shown: ``text`` in the reader's language; ``original`` the core's
    English, worth showing too when the translation left out its specifics (``lossy``)."""

    text: str
    original: str
    lossy: bool = False


# The core's wording (proofkit/core/client.py, stamping.py, verifier.py) -> a translator.
# Each translator receives the match; groups are specifics kept verbatim (codes, types).
_EXACT = (
    (re.compile(r"^Given up by the author"),
     lambda m: QCoreApplication.translate("TSAErrors", "You gave up on this authority: it never answered and is "
                                                       "not asked again.")),
    (re.compile(r"^The TSA did not answer in time\.$"),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority did not answer in time.")),
    (re.compile(r"^The TSA refused the connection"),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority refused the connection (it may be "
                                                       "down).")),
    (re.compile(r"^The TSA's address could not be found"),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority's address could not be found (no "
                                                       "network?).")),
    (re.compile(r"^The TSA answered with an HTTP error \((.*)\)\.$"),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority answered with an HTTP error "
                                                       "(%1).").replace("%1", m.group(1))),
    (re.compile(r"^The TSA answered with a web page \((.*)\), not a time stamp\.$"),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority answered with a web page (%1), "
                                                       "not a time stamp.").replace("%1", m.group(1))),
    (re.compile(r"^The secure connection to the TSA failed \((.*)\)\.$", re.S),
     lambda m: QCoreApplication.translate("TSAErrors", "The secure connection to the authority failed "
                                                       "(%1).").replace("%1", m.group(1))),
    (re.compile(r"^The TSA could not be reached \((.*)\)\.$", re.S),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority could not be reached "
                                                       "(%1).").replace("%1", m.group(1))),
    (re.compile(r"^The connection to the TSA broke off mid-answer \((.*)\)\.$", re.S),
     lambda m: QCoreApplication.translate("TSAErrors", "The connection to the authority broke off "
                                                       "mid-answer (%1).").replace("%1", m.group(1))),
    (re.compile(r"^The connection to the TSA failed \((.*)\)\.$", re.S),
     lambda m: QCoreApplication.translate("TSAErrors", "The connection to the authority failed "
                                                       "(%1).").replace("%1", m.group(1))),
    (re.compile(r"^The TSA address is not usable \((.*)\)\.$", re.S),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority's address is not usable "
                                                       "(%1).").replace("%1", m.group(1))),
    (re.compile(r"^The TSA sent far more data than a time stamp"),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority sent far more data than a time "
                                                       "stamp; it was refused.")),
    (re.compile(r"^The TSA sent an empty answer\.$"),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority sent an empty answer.")),
    (re.compile(r"^The TSA's answer is not a time-stamp response"),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority's answer is not a time-stamp "
                                                       "response (damaged or truncated).")),
    (re.compile(r"^The TSA refused the account \(HTTP (.*)\); check it with"),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority refused the account (HTTP %1); "
                                                       "check it with `proofkit tsa login`."
                                          ).replace("%1", m.group(1))),
    (re.compile(r"^The TSA asks for an account \(HTTP (.*)\); save it with"),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority asks for an account (HTTP %1); "
                                                       "save it with `proofkit tsa login`.").replace("%1", m.group(1))),
    (re.compile(r"^The TSA '(.*)' needs an account: save it with"),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority %1 needs an account: save it with "
                                                       "`proofkit tsa login %1`.").replace("%1", m.group(1))),
    (re.compile(r"^ProofKit sends an account's password only over https"),
     lambda m: QCoreApplication.translate("TSAErrors", "ProofKit sends an account's password only over "
                                                       "https, and this authority's address is plain http.")),
    (re.compile(r"^The TSA sent the request to another address \(HTTP (.*)\); ProofKit does not follow"),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority sent the request to another address "
                                                       "(HTTP %1); ProofKit does not send an account's "
                                                       "password there.").replace("%1", m.group(1))),
    (re.compile(r"^status: The TSA refused to time-stamp \((.*)\); this is not a time stamp\.$", re.S),
     lambda m: QCoreApplication.translate("TSAErrors", "The authority refused to time-stamp "
                                                       "(%1).").replace("%1", m.group(1))),
)
_NOT_ASKED = "Not asked: "
_UNEXPECTED = re.compile(r"^Asking the TSA failed unexpectedly")
_CHECK_REASON = re.compile(r"^([a-z_]+): (.*)$", re.S)  # Verdict.reason(): "name: detail"


def tsa_reason(error: str | None) -> Reason:
    """The core's message for a failed or pending request, translated when it is known."""
    text = (error or "").strip()
    if not text:
        return Reason("", "")
    for pattern, translate in _EXACT:
        m = pattern.match(text)
        if m:
            return Reason(translate(m), text)
    if text.startswith(_NOT_ASKED):
        inner = tsa_reason(text[len(_NOT_ASKED):])
        said = QCoreApplication.translate("TSAErrors", "Not asked yet: %1").replace("%1", inner.text)
        return Reason(said, text, inner.lossy)
    if _UNEXPECTED.match(text):
        return Reason(QCoreApplication.translate("TSAErrors", "Asking the authority failed unexpectedly; "
                                                              "ProofKit will ask again."), text, True)
    m = _CHECK_REASON.match(text)
    if m and check_meaning(m.group(1), False):
        return Reason(check_meaning(m.group(1), False), text, True)
    return Reason(text, text)
