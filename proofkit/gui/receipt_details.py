"""Everything about one receipt: the authority, genTime in local time and UTC, serial,
policy, the certificate chain and every verification check."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser

from proofkit.gui import fmt, verdict_texts
from proofkit.gui.labels import facts_table


class ReceiptDetails(QTextBrowser):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.receipt = None
        self.chain: list | None = None
        self.show_nothing()

    def show_nothing(self) -> None:
        self.receipt, self.chain = None, None
        hint = self.tr("Select a receipt to see its details.")
        self.setHtml(f"<p style='color:gray'>{escape(hint)}</p>")

    def show_receipt(self, r, display_name: str | None = None) -> None:
        self.receipt, self.chain = r, None
        self._display_name = display_name or r.tsa_name
        self._render()

    def set_chain(self, receipt_id: int, chain: list) -> None:
        """The certificates (signer first) our verifier built for this receipt's token."""
        if self.receipt is not None and self.receipt.id == receipt_id:
            self.chain = chain
            self._render()

    def _render(self) -> None:
        r = self.receipt
        verified, invalid, pending = (self.tr("✔ Verified"), self.tr("✖ Not valid"),
                                      self.tr("… Pending: not proof yet"))
        status = {"verified": f"<b style='color:#1a7f37'>{escape(verified)}</b>",
                  "failed": f"<b style='color:#cf222e'>{escape(invalid)}</b>",
                  "pending": f"<b style='color:#9a6700'>{escape(pending)}</b>"
                  }.get(r.status, escape(r.status))
        rows = [
            (self.tr("Status"), status),
            (self.tr("Work"), escape(r.work_title)),
            (self.tr("File"), escape(r.file_name)),
            (self.tr("Fingerprint"), f"<code>{escape(r.hash_alg)} {escape(r.digest_hex)}</code>"),
            (self.tr("Authority (TSA)"), f"{escape(self._display_name)}<br><small>{escape(r.url)}</small>"),
            (self.tr("Time stamped (local)"), escape(fmt.local_time(r.gen_time)) or "—"),
            (self.tr("Time stamped (UTC)"), escape(fmt.utc_time(r.gen_time)) or "—"),
            (self.tr("Serial number"), escape(r.serial or "—")),
            (self.tr("Policy"), escape(r.policy or "—")),
            (self.tr("Trusted root"), escape(r.anchor or "—")),
            (self.tr("Requested"), escape(fmt.both_times(r.requested_at))),
            (self.tr("Attempts"), str(r.attempts)),
        ]
        if r.error:
            reason = verdict_texts.tsa_reason(r.error)
            shown = f"<span style='color:#cf222e'>{escape(reason.text)}</span>"
            if reason.text != reason.original:
                shown += f"<br><small style='color:gray'>{escape(reason.original)}</small>"
            rows.append((self.tr("Reason"), shown))
        html = [facts_table(rows)]
        chain_title = self.tr("Certificate chain")
        html.append(f"<h4>{escape(chain_title)}</h4>")
        if self.chain is None:
            checking, no_token = self.tr("Checking the token…"), self.tr("No token yet.")
            html.append(f"<p style='color:gray'>{escape(checking)}</p>"
                        if r.response else f"<p>{escape(no_token)}</p>")
        elif not self.chain:
            no_chain = self.tr("No chain could be built.")
            html.append(f"<p>{escape(no_chain)}</p>")
        else:
            html.append("<ol>")
            for c in self.chain:
                html.append(
                    f"<li>{escape(c.subject.rfc4514_string())}<br><small>"
                    + escape(self.tr("issued by %1, valid %2 to %3")
                             .replace("%1", c.issuer.rfc4514_string())
                             .replace("%2", c.not_valid_before_utc.strftime("%Y-%m-%d"))
                             .replace("%3", c.not_valid_after_utc.strftime("%Y-%m-%d")))
                    + "</small></li>")
            html.append("</ol>")
        checked = fmt.both_times(r.checked_at) if r.checked_at else ""
        title = self.tr("Verification checks")
        if checked:
            title += " " + self.tr("(checked %1)").replace("%1", checked)
        html.append(f"<h4>{escape(title)}</h4>")
        if not r.checks:
            none_yet = self.tr("None yet.")
            html.append(f"<p style='color:gray'>{escape(none_yet)}</p>")
        else:
            html.append(verdict_texts.checks_html(r.checks))
        self.setHtml("".join(html))
