"""The Verify page: drop any file to learn whether this exact file was stamped, when and by
whom; drop an evidence bundle (.zip) to see its verdicts."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from proofkit.app import verifying
from proofkit.bundle.verify import version_label
from proofkit.gui import fmt, verdict_texts
from proofkit.gui.drop_zone import DropZone
from proofkit.gui.labels import headline_label
from proofkit.gui.model_texts import model_sentence
from proofkit.gui.texts import proof_sentence
from proofkit.gui.tsa_names import TsaNames

OK, BAD, WAIT = "#1a7f37", "#cf222e", "#9a6700"


class VerifyPage(QWidget):
    stampRequested = Signal(object, str)  # path, work title: "stamp this version"

    def __init__(self, services, runner, parent=None) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.last_result = None
        self.model_matches = None  # stamped models a model matches by its fingerprint (a list when looked)
        self.expected_work: str | None = None  # set by "verify a file against this work"
        self.tsa_names = TsaNames(services)
        lay = QVBoxLayout(self)
        self.drop = DropZone(self.tr("Drop a file or an evidence bundle here to verify it"),
                             self.tr("ProofKit computes the file's fingerprint on this computer and looks "
                                     "for time stamps of exactly this file in your ledger. Drop a bundle "
                                     "together with a file to check that file against it."),
                             folders=False)
        self.drop.dropped.connect(self._dropped)
        lay.addWidget(self.drop, 2)
        self.proves = QLabel(proof_sentence())
        self.proves.setWordWrap(True)
        self.proves.setStyleSheet("color: gray;")
        lay.addWidget(self.proves)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(12)
        self.bar.hide()
        lay.addWidget(self.bar)
        self.headline = headline_label()
        lay.addWidget(self.headline)
        self.result = QTextBrowser()
        self.result.setOpenLinks(False)
        lay.addWidget(self.result, 3)
        self.result.hide()
        offer = QHBoxLayout()
        self.stamp_button = QPushButton()
        self.stamp_button.clicked.connect(self._stamp_this)
        offer.addWidget(self.stamp_button)
        offer.addStretch(1)
        lay.addLayout(offer)
        self.stamp_button.hide()
        self._offer: tuple | None = None

    def _dropped(self, paths: list) -> None:
        """One file, or a bundle with the files to compare with it (dropped together)."""
        paths = [Path(p) for p in paths]
        bundles = [p for p in paths if p.suffix.lower() == ".zip"]
        if bundles:
            self.verify(bundles[0], [p for p in paths if p != bundles[0]])
        elif paths:
            self.verify(paths[0])

    def verify(self, path, files=()) -> None:
        """Verify one file against the ledger, or a bundle (.zip), optionally with ``files``
        to compare with what it stamped."""
        path = Path(path)
        self.last_result = None
        self.stamp_button.hide()
        self._offer = None
        self.headline.setStyleSheet("")
        self.headline.setText(self.tr("Checking %1…").replace("%1", path.name))
        self.result.clear()
        self.bar.setValue(0)
        self.bar.show()
        self.drop.setMaximumHeight(max(170, self.drop.minimumSizeHint().height()))  # room for the verdict
        if path.suffix.lower() == ".zip":
            self.bar.setRange(0, 0)
            self.runner.start(verifying.verify_bundle, self.services, path, list(files), label=path.name,
                              on_finished=self._bundle_done, on_failed=self._failed)
        else:
            self.bar.setRange(0, 1000)
            self.runner.start(verifying.verify_file, self.services, path, label=path.name,
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

    def _file_done(self, res: verifying.FileVerification) -> None:
        self.bar.hide()
        self.last_result = res
        best = res.earliest
        if best is not None:
            r, v = best
            who = self.tsa_names.of(r)
            self._headline(self.tr("✔ This exact file was stamped on %1 by %2.")
                           .replace("%1", fmt.verdict_time(v)).replace("%2", who), OK)
        elif any(v is None for _r, v in res.results):
            self._headline(self.tr("… This exact file was stamped, but the time stamp is still pending: "
                              "it is not proof yet."), WAIT)
        elif res.results:
            self._headline(self.tr("✖ This file is in the ledger, but none of its time stamps is valid."), BAD)
        else:
            self._headline(self.tr("This exact file was never stamped."), BAD)
        fp_label = self.tr("Fingerprint (SHA-256):")
        work_label, serial_label = self.tr("Work"), self.tr("serial")
        pending_text = self.tr("pending — not proof yet; ProofKit retries by itself.")
        html = [f"<p><small>{escape(fp_label)} <code>{escape(res.digest_hex)}</code>"
                f"<br>{escape(str(res.path))}</small></p>"]
        if not res.results:
            html.append(self._no_match_html(res))
            self._look_for_stamped_models(res)
        for r, v in res.results:
            who = escape(self.tsa_names.of(r))
            if v is None:
                html.append(f"<p><b style='color:{WAIT}'>… {who}</b>: "
                            f"{escape(pending_text)}</p>")
                continue
            mark = f"<b style='color:{OK}'>✔ {who}</b>" if v.ok else f"<b style='color:{BAD}'>✖ {who}</b>"
            when = escape(fmt.verdict_time(v)) if v.ok else escape(verdict_texts.tsa_reason(v.reason()).text)
            html.append(f"<p>{mark} — {when}<br><small>{escape(work_label)}: {escape(r.work_title)} · "
                        f"{escape(r.file_name)} · {escape(serial_label)} {escape(str(v.serial or '—'))}</small></p>")
            if r.id in res.long_term:  # before the checks, where it is seen without scrolling
                html.append(self._long_term_html(res.long_term[r.id]))
            html.append(verdict_texts.checks_html(v.checks))
        self._file_html = "".join(html)
        self.result.setHtml(self._file_html)
        self.result.show()

    def _long_term_html(self, lt) -> str:
        """The long-term verdict beside a receipt's own (app/renewing.LongTermStatement):
        never instead of it; a refused receipt stays refused."""
        from proofkit.gui.check_details import translate_detail

        if lt.refused:
            text = self.tr("Long term: this receipt was refused when it arrived; an evidence record does not "
                           "make it proof.")
            colour = BAD
        elif lt.ok:
            text = (self.tr("Long term: %1, but this receipt is proven since %2 through the evidence record "
                            "renewed on %3 by %4.")
                    .replace("%1", translate_detail(lt.why or "")).replace("%2", f"{lt.since:%Y-%m-%d}")
                    .replace("%3", self.tr(", ").join(lt.dates())).replace("%4", self.tr(", ").join(lt.tsas())))
            colour = OK
        else:
            text = (self.tr("Long term: %1, and no evidence record keeps this receipt proven: it can no longer "
                            "be relied on by itself.").replace("%1", translate_detail(lt.why or "")))
            colour = BAD
        return f"<p style='color:{colour}'>{escape(text)}</p>"

    def _no_match_html(self, res) -> str:
        """A file that matches no stamp: why (any edit changes the fingerprint), the nearest
        drafts of a work of the same name, and the offer to stamp this version."""
        edits = self.tr("Any change, even one character or a re-save, gives a file a different fingerprint, "
                        "so an edited draft matches none of the stamps of the earlier ones.")
        html = [f"<p>{escape(edits)}</p>"]
        drafts = list(res.other_versions)
        work = drafts[-1].work_title if drafts else (self.expected_work or "")
        if drafts:
            heading = self.tr("Nearest stamped drafts of “%1”:").replace("%1", work)
            html.append(f"<p><b>{escape(heading)}</b></p><ul>")
            for v in reversed(drafts[-3:]):
                line = self.tr("%1, stamped %2").replace("%1", v.file_name) \
                    .replace("%2", fmt.both_times(v.created_at))
                html.append(f"<li>{escape(line)}</li>")
            html.append("</ul>")
            newer = self.tr("If this file is a newer draft, stamp it now: the work's timeline then shows "
                            "both.")
            html.append(f"<p style='color:{WAIT}'>{escape(newer)}</p>")
        self._offer = (res.path, work)
        if work:
            self.stamp_button.setText(self.tr("&Stamp this version as a draft of “%1”").replace("%1", work))
        else:
            self.stamp_button.setText(self.tr("&Stamp this version"))
        self.stamp_button.show()
        return "".join(html)

    def _look_for_stamped_models(self, res) -> None:
        """A model no stamp covers byte for byte: the fingerprint index may still know it (a
        re-saved, renamed or cast copy of a model stamped with its fingerprint), as
        `proofkit verify` says."""
        from proofkit.app import model_stamps

        self.model_matches = None
        self.runner.start(model_stamps.stamped_models_for, self.services, res.path, label=res.path.name,
                          on_finished=lambda found, res=res: self._stamped_models(res, found),
                          on_failed=lambda _e, _t: setattr(self, "model_matches", []))

    def _stamped_models(self, res, found) -> None:
        self.model_matches = found
        if not found or self.last_result is not res:
            return
        html = []
        for m in found:
            f, stamps = m.report["figures"], m.stamps
            rs = stamps["receipts"]
            ident = sum(f["identical_tensors"].values())
            text = self.tr("Not the file you stamped, but %1/%2 tensors equal your “%3” (%4)") \
                .replace("%1", str(ident)).replace("%2", str(f["tensors_suspect"])) \
                .replace("%3", m.version.work_title).replace("%4", m.version.file_name)
            if rs:
                when = self.tr(", stamped %1 by %2 TSA(s).").replace("%1", rs[0]["gen_time"][:10]) \
                    .replace("%2", str(len(rs)))
                colour = OK
            else:
                when = self.tr(", whose stamp has no verified receipt yet: not proof.")
                colour = WAIT
            html.append(f"<p><b style='color:{colour}'>{escape(text + when)}</b><br>"
                        f"<small>{escape(model_sentence(m.report))}</small></p>")
        first = found[0]
        self._headline(self.tr("This exact file was never stamped, but its weights match your stamped model "
                               "“%1”.").replace("%1", first.version.work_title),
                       OK if first.stamps["receipts"] else WAIT)
        self.result.setHtml("".join(html) + self._file_html)

    def _stamp_this(self) -> None:
        if self._offer is not None:
            path, work = self._offer
            self.stampRequested.emit(path, work)
            self.stamp_button.hide()

    # ------------------------------------------------------------------ a bundle

    def _bundle_done(self, res: verifying.BundleVerification) -> None:
        self.bar.hide()
        self.last_result = res
        rep = res.report
        if res.ok:
            self._headline(self.tr("✔ The evidence bundle %1 verifies.").replace("%1", res.path.name), OK)
        else:
            self._headline(self.tr("✖ The evidence bundle %1 does not verify.").replace("%1", res.path.name), BAD)
        work = rep.manifest.get("work") or {}
        title = str(work.get("title") or "")
        if work.get("pen_name"):
            about = self.tr("Evidence for “%1” by %2, exported %3.").replace("%2", str(work["pen_name"]))
        else:
            about = self.tr("Evidence for “%1”, exported %3.")
        about = about.replace("%1", title).replace("%3", _when(rep.manifest.get("exported_at")))
        html = [f"<p>{escape(about)}</p>"]
        if rep.problems:
            heading = self.tr("The bundle itself was altered or is incomplete:")
            html.append(f"<p style='color:{BAD}'><b>{escape(heading)}</b></p><ul>"
                        + "".join(f"<li><small>{escape(p)}</small></li>" for p in rep.problems) + "</ul>")
        if not rep.receipts:
            none = self.tr("The bundle holds no time stamp.")
            html.append(f"<p style='color:{BAD}'>{escape(none)}</p>")
        for f in rep.files:
            name = escape(Path(f.path).name)
            if f.ok:
                said = self.tr("is exactly the content stamped in this bundle.")
                html.append(f"<p><b style='color:{OK}'>✔ {name}</b> {escape(said)}</p>")
            else:
                said = self.tr("matches no file in this bundle: its content is different.")
                html.append(f"<p><b style='color:{BAD}'>✖ {name}</b> {escape(said)}</p>")
        serial_label, anchor_label = self.tr("serial"), self.tr("Trusted root")
        for r in rep.receipts:
            v = r.verdict
            who = escape(str(r.info.get("tsa") or "—"))
            mark = f"<b style='color:{OK}'>✔ {who}</b>" if r.ok else f"<b style='color:{BAD}'>✖ {who}</b>"
            if v is not None and v.gen_time is not None:
                when = escape(fmt.verdict_time(v))
            else:
                when = escape(self.tr("no valid time"))
            line = [escape(f"{version_label(r.version)} · {r.version.get('file_name') or ''}")]
            if v is not None and v.serial is not None:
                line.append(f"{escape(serial_label)} {escape(str(v.serial))}")
            if v is not None and v.anchor is not None:
                line.append(f"{escape(anchor_label)}: {escape(v.anchor_text() or '')}")
            html.append(f"<p>{mark} — {when}<br><small>{' · '.join(line)}</small></p>")
            html.append(verdict_texts.checks_html(r.checks))
        if any(c.name == "chain" and not c.ok for r in rep.receipts for c in r.checks):
            hint = self.tr("A root this computer does not trust is shown in the bundle's VERIFY.md with its "
                           "fingerprint. If you have checked it and trust it, add it in Settings as an extra "
                           "trusted root, then verify again.")
            html.append(f"<p style='color:{WAIT}'>{escape(hint)}</p>")
        self.result.setHtml("".join(html))
        self.result.show()


def _when(iso) -> str:
    """A bundle's ISO 8601 time as the app shows times (as written if it is not one)."""
    from datetime import datetime

    try:
        return fmt.both_times(datetime.fromisoformat(str(iso).replace("Z", "+00:00")))
    except ValueError:
        return str(iso or "—")
