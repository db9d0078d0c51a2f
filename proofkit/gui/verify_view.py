"""The Verify page: drop any file to learn whether this exact file was stamped, when and by
whom; drop an evidence bundle (.zip) to see its verdicts."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import QLabel, QProgressBar, QTextBrowser, QVBoxLayout, QWidget

from proofkit.gui import fmt, tasks
from proofkit.gui.drop_zone import DropZone

OK, BAD, WAIT = "#1a7f37", "#cf222e", "#9a6700"


class VerifyPage(QWidget):
    def __init__(self, services, runner, parent=None) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.last_result = None
        names = {t.name: t.display_name for t in services.registry}
        self.display_names = names
        lay = QVBoxLayout(self)
        self.drop = DropZone(self.tr("Drop a file or an evidence bundle here to verify it"),
                             self.tr("ProofKit computes the file's fingerprint on this computer and looks "
                                     "for time stamps of exactly this file in your ledger."),
                             folders=False)
        self.drop.dropped.connect(lambda paths: self.verify(paths[0]) if paths else None)
        lay.addWidget(self.drop, 2)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(12)
        self.bar.hide()
        lay.addWidget(self.bar)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        f = self.headline.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        self.headline.setFont(f)
        lay.addWidget(self.headline)
        self.result = QTextBrowser()
        self.result.setOpenLinks(False)
        lay.addWidget(self.result, 3)
        self.result.hide()

    def verify(self, path) -> None:
        path = Path(path)
        self.last_result = None
        self.headline.setStyleSheet("")
        self.headline.setText(self.tr("Checking %1…").replace("%1", path.name))
        self.result.clear()
        self.bar.setValue(0)
        self.bar.show()
        self.drop.setMaximumHeight(max(170, self.drop.minimumSizeHint().height()))  # room for the verdict
        if path.suffix.lower() == ".zip":
            self.bar.setRange(0, 0)
            self.runner.start(tasks.verify_bundle, self.services, path, label=path.name,
                              on_finished=self._bundle_done, on_failed=self._failed)
        else:
            self.bar.setRange(0, 1000)
            self.runner.start(tasks.verify_file, self.services, path, label=path.name,
                              on_progress=self._progress, on_finished=self._file_done,
                              on_failed=self._failed)

    def _progress(self, value) -> None:
        done, total = value
        self.bar.setValue(int(1000 * done / total) if total else 1000)

    def _failed(self, exc, tb) -> None:
        from proofkit.gui.errors import describe

        self.bar.hide()
        self.last_result = exc
        what, advice = describe(exc)
        self._headline(what, BAD)
        self.result.setPlainText(advice)
        self.result.setVisible(bool(advice))

    def _headline(self, text: str, colour: str) -> None:
        self.headline.setText(text)
        self.headline.setStyleSheet(f"color: {colour};")

    # ------------------------------------------------------------------ a file

    def _file_done(self, res: tasks.FileVerification) -> None:
        self.bar.hide()
        self.last_result = res
        best = res.earliest
        if best is not None:
            r, v = best
            who = self.display_names.get(r.tsa_name, r.tsa_name)
            self._headline(self.tr("✔ This exact file was stamped on %1 by %2.")
                           .replace("%1", fmt.both_times(v.gen_time)).replace("%2", who), OK)
        elif any(v is None for _r, v in res.results):
            self._headline(self.tr("… This exact file was stamped, but the time stamp is still pending: "
                              "it is not proof yet."), WAIT)
        elif res.results:
            self._headline(self.tr("✖ This file is in the ledger, but none of its time stamps is valid."), BAD)
        else:
            self._headline(self.tr("This file was never stamped."), BAD)
        fp_label = self.tr("Fingerprint (SHA-256):")
        work_label, serial_label = self.tr("Work"), self.tr("serial")
        pending_text = self.tr("pending — not proof yet; ProofKit retries by itself.")
        html = [f"<p><small>{escape(fp_label)} <code>{escape(res.digest_hex)}</code>"
                f"<br>{escape(str(res.path))}</small></p>"]
        if res.other_versions:
            last = res.other_versions[-1]
            html.append("<p style='color:#9a6700'>" + escape(
                self.tr("Another version of this work is in your ledger: “%1” (%2), stamped %3. "
                   "This file differs from it — it may have been edited since.")
                .replace("%1", last.work_title).replace("%2", last.file_name)
                .replace("%3", fmt.local_time(last.created_at))) + "</p>")
        for r, v in res.results:
            who = escape(self.display_names.get(r.tsa_name, r.tsa_name))
            if v is None:
                html.append(f"<p><b style='color:{WAIT}'>… {who}</b>: "
                            f"{escape(pending_text)}</p>")
                continue
            mark = f"<b style='color:{OK}'>✔ {who}</b>" if v.ok else f"<b style='color:{BAD}'>✖ {who}</b>"
            when = escape(fmt.both_times(v.gen_time)) if v.ok else escape(v.reason())
            html.append(f"<p>{mark} — {when}<br><small>{escape(work_label)}: {escape(r.work_title)} · "
                        f"{escape(r.file_name)} · {escape(serial_label)} {escape(str(v.serial or '—'))}</small></p>")
            html.append("<table cellpadding='1'>")
            for c in v.checks:
                m = "✔" if c.ok else "✖"
                html.append(f"<tr><td>{m}</td><td><b>{escape(c.name)}</b></td><td>{escape(c.detail)}</td></tr>")
            html.append("</table>")
        self.result.setHtml("".join(html))
        self.result.show()

    # ------------------------------------------------------------------ a bundle

    def _bundle_done(self, res: tasks.BundleVerification) -> None:
        self.bar.hide()
        self.last_result = res
        if res.ok:
            self._headline(self.tr("✔ The evidence bundle %1 verifies.").replace("%1", res.path.name), OK)
        else:
            self._headline(self.tr("✖ The evidence bundle %1 does not verify.").replace("%1", res.path.name), BAD)
        html = []
        if res.message:
            html.append(f"<p>{escape(res.message)}</p>")
        html.append(_json_html(res.report))
        self.result.setHtml("".join(html))
        self.result.show()


def _json_html(obj, depth: int = 0) -> str:
    """A bundle report (the CLI's JSON) as nested lists; keys as they are."""
    if obj is None:
        return ""
    if isinstance(obj, dict):
        items = []
        for k, v in obj.items():
            if isinstance(v, (dict, list)):
                items.append(f"<li><b>{escape(str(k))}</b>{_json_html(v, depth + 1)}</li>")
            else:
                items.append(f"<li><b>{escape(str(k))}</b>: {escape(_scalar(v))}</li>")
        return "<ul>" + "".join(items) + "</ul>"
    if isinstance(obj, list):
        return "<ul>" + "".join(f"<li>{_json_html(v, depth + 1) if isinstance(v, (dict, list)) else escape(_scalar(v))}</li>"
                                for v in obj) + "</ul>"
    return escape(_scalar(obj))


def _scalar(v) -> str:
    if v is True:
        return "✔"
    if v is False:
        return "✖"
    return str(v)
