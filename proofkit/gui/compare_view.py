"""The Compare page: drop yours (a model, a manuscript or a folder of chapters, or pick a
stamped model or a work from the ledger) and theirs (the copy you found); the app layer decides
which comparison it is (app.comparing.compare_any, the rule `proofkit compare` uses) and runs it
on the worker. The page shows the verdict, the numbers, a histogram (models) or the palette
(manuscripts), what the comparison proves and what it does not, and offers to save the report,
to put the comparison into an evidence bundle, and to stamp the copy found."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from proofkit.app import comparing, text_comparing
from proofkit.gui import last_folder
from proofkit.gui.drop_zone import DropZone
from proofkit.gui.errors import show_error
from proofkit.gui.labels import headline_label
from proofkit.gui.model_texts import model_sentence

FOUND, NONE, BAD = "#0b5cad", "#57606a", "#cf222e"


class Histogram(QWidget):
    """Bars of a {label: count} histogram, drawn with QPainter (the cosine similarities)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.bins: dict[str, int] = {}
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(420, 120)

    def set_bins(self, bins: dict[str, int]) -> None:
        self.bins = dict(bins)
        self.setVisible(any(self.bins.values()))
        self.update()

    def paintEvent(self, _event) -> None:
        if not self.bins:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        fm = self.fontMetrics()
        line = fm.height()
        top = max(self.bins.values()) or 1
        n = len(self.bins)
        slot = min(self.width() / n, 110.0)
        bar_w = slot * 0.7
        h_max = self.height() - 2 * line - 6
        text = self.palette().windowText().color()
        for i, (label, count) in enumerate(self.bins.items()):
            x = i * slot + (slot - bar_w) / 2
            h = h_max * count / top
            y = line + 2 + h_max - h
            p.fillRect(QRectF(x, y, bar_w, h), QColor("#3b6ea5"))
            p.setPen(text)
            p.drawText(QRectF(x - 10, y - line - 1, bar_w + 20, line), Qt.AlignCenter, str(count))
            p.drawText(QRectF(i * slot, self.height() - line - 1, slot, line), Qt.AlignCenter, label)
        p.end()


class ComparePage(QWidget):
    stamped = Signal()  # the found copy was stamped: the ledger changed

    def __init__(self, services, runner, parent=None) -> None:
        super().__init__(parent)
        self.services, self.runner = services, runner
        self.mine: str | None = None  # a path, "v<id>" (a stamped model) or a work title
        self.mine_label_text = ""
        self.suspect: Path | None = None
        self.last_result = None  # a ModelComparison / TextComparison, or the exception
        self.last_stamp = None
        self._worker = None
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("Compare your work with a copy you found: your model and its re-upload, or "
                               "your manuscript and a suspected copy. Everything is computed on this computer."))
        intro.setWordWrap(True)
        intro.setStyleSheet("color: gray;")
        lay.addWidget(intro)

        grid = QGridLayout()
        self.mine_drop = DropZone(self.tr("Yours"),
                                  self.tr("Your model or manuscript: a file or a folder of chapters"))
        self.mine_drop.dropped.connect(lambda paths: self.set_mine(paths[0]))
        self.theirs_drop = DropZone(self.tr("Theirs"),
                                    self.tr("The copy you found: a model, a sample picture, a manuscript or a "
                                            "saved web page"))
        self.theirs_drop.dropped.connect(lambda paths: self.set_suspect(paths[0]))
        for z in (self.mine_drop, self.theirs_drop):
            z.setMinimumHeight(120)
            z.setMaximumHeight(180)
        grid.addWidget(self.mine_drop, 0, 0)
        grid.addWidget(self.theirs_drop, 0, 1)
        self.mine_label = QLabel()
        self.theirs_label = QLabel()
        for lab in (self.mine_label, self.theirs_label):
            lab.setWordWrap(True)
            lab.setTextInteractionFlags(Qt.TextSelectableByMouse)
        grid.addWidget(self.mine_label, 1, 0)
        grid.addWidget(self.theirs_label, 1, 1)
        self.ledger_pick = QComboBox()
        self.ledger_pick.setAccessibleName(self.tr("Pick yours from the ledger"))
        self.ledger_pick.activated.connect(self._picked)
        grid.addWidget(self.ledger_pick, 2, 0)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        lay.addLayout(grid)

        row = QHBoxLayout()
        self.compare_button = QPushButton(self.tr("&Compare"))
        self.compare_button.clicked.connect(self.compare)
        self.compare_button.setEnabled(False)
        row.addWidget(self.compare_button)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self._cancel)
        self.cancel_button.hide()
        row.addWidget(self.cancel_button)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(12)
        self.bar.hide()
        row.addWidget(self.bar, 1)
        row.addStretch(0)
        lay.addLayout(row)

        self.headline = headline_label()
        lay.addWidget(self.headline)
        self.numbers = QLabel()
        self.numbers.setWordWrap(True)
        self.numbers.setTextInteractionFlags(Qt.TextSelectableByMouse)
        lay.addWidget(self.numbers)
        self.histogram_caption = QLabel(self.tr("Cosine similarity of the paired tensors that are not identical"))
        self.histogram_caption.setStyleSheet("color: gray;")
        self.histogram_caption.hide()
        lay.addWidget(self.histogram_caption)
        self.histogram = Histogram()
        self.histogram.hide()
        lay.addWidget(self.histogram)
        self.palette_view = QTextBrowser()
        self.palette_view.setOpenLinks(False)
        self.palette_view.hide()
        lay.addWidget(self.palette_view, 20)
        self.proves = QLabel()
        self.proves.setWordWrap(True)
        self.proves.setStyleSheet("color: gray;")
        self.proves.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.proves.hide()
        lay.addWidget(self.proves)

        actions = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save report…"))
        self.save_button.clicked.connect(lambda: self.save_report())
        self.bundle_button = QPushButton(self.tr("&Add to an evidence bundle…"))
        self.bundle_button.clicked.connect(lambda: self.add_to_bundle())
        self.stamp_button = QPushButton(self.tr("S&tamp the copy found too"))
        self.stamp_button.setToolTip(self.tr("Time-stamps their file as it is today, as a work of its own: "
                                             "proof of what you found and when."))
        self.stamp_button.clicked.connect(lambda: self.stamp_suspect())
        for b in (self.save_button, self.bundle_button, self.stamp_button):
            b.hide()
            actions.addWidget(b)
        actions.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        actions.addWidget(self.status, 2)
        lay.addLayout(actions)
        lay.addStretch(1)  # takes the room the palette does not
        self.refresh_ledger()
        self._show_sides()

    # ------------------------------------------------------------------ choosing the two sides

    def refresh_ledger(self) -> None:
        """The ledger's stamped models and works, for "pick yours from the ledger"."""
        self.ledger_pick.clear()
        self.ledger_pick.addItem(self.tr("…or pick yours from the ledger"), None)
        try:
            choices = comparing.ledger_choices(self.services)
        except Exception:  # noqa: BLE001 - an unreadable ledger is reported by the Ledger page
            choices = []
        for c in choices:
            if c.kind == "model":
                text = self.tr("Model: “%1” (%2)").replace("%1", c.title).replace("%2", c.file_name)
            else:
                text = self.tr("Manuscript: “%1” (every stamped draft)").replace("%1", c.title)
            self.ledger_pick.addItem(text, c)
        self.ledger_pick.setEnabled(bool(choices))

    def use_work(self, title: str) -> None:
        """Yours = this work of the ledger (its latest fingerprinted model version, or every
        stamped draft of a manuscript), as if picked from the list."""
        self.refresh_ledger()
        for i in range(self.ledger_pick.count()):
            c = self.ledger_pick.itemData(i)
            if c is not None and c.title == title:
                self.ledger_pick.setCurrentIndex(i)
                self._picked(i)
                return
        self.set_mine(title, label=title)

    def _picked(self, index: int) -> None:
        c = self.ledger_pick.itemData(index)
        if c is not None:
            self.set_mine(c.mine, label=self.ledger_pick.itemText(index))

    def set_mine(self, mine, *, label: str | None = None) -> None:
        self.mine = str(mine)
        self.mine_label_text = label or Path(mine).name
        if label is None:
            self.ledger_pick.setCurrentIndex(0)
        self._show_sides()
        self._maybe_start()

    def set_suspect(self, path) -> None:
        self.suspect = Path(path)
        self._show_sides()
        self._maybe_start()

    def _show_sides(self) -> None:
        none = self.tr("not chosen yet")
        yours, theirs = self.tr("Yours:"), self.tr("Theirs:")
        self.mine_label.setText(f"<b>{escape(yours)}</b> {escape(self.mine_label_text or none)}")
        self.theirs_label.setText(f"<b>{escape(theirs)}</b> {escape(self.suspect.name if self.suspect else none)}")
        self.compare_button.setEnabled(self.mine is not None and self.suspect is not None
                                       and self._worker is None)

    def _maybe_start(self) -> None:
        if self.mine is not None and self.suspect is not None and self._worker is None:
            self.compare()

    # ------------------------------------------------------------------ running

    def compare(self) -> None:
        if self.mine is None or self.suspect is None or self._worker is not None:
            return
        self.last_result = None
        self._clear_result()
        self.headline.setStyleSheet("")
        self.headline.setText(self.tr("Comparing %1 with %2…").replace("%1", self.mine_label_text)
                              .replace("%2", self.suspect.name))
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel_button.show()
        self._worker = self.runner.start(comparing.compare_any, self.services, self.mine, str(self.suspect),
                                         label=self.suspect.name, on_progress=self._progress,
                                         on_finished=self._done, on_failed=self._failed)
        self._show_sides()

    def _cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    def _progress(self, value) -> None:
        if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], int):
            done, total = value
            if total:
                self.bar.setRange(0, 1000)
                self.bar.setValue(int(1000 * done / total))

    def _finish(self) -> None:
        self._worker = None
        self.bar.hide()
        self.cancel_button.hide()
        self._show_sides()

    def _failed(self, exc, tb) -> None:
        from proofkit.gui.errors import describe

        self._finish()
        self.last_result = exc
        what, advice = describe(exc)
        self._headline(what, BAD)
        self.numbers.setText(escape(advice))
        self.numbers.setVisible(bool(advice))

    def _headline(self, text: str, colour: str) -> None:
        self.headline.setText(text)
        self.headline.setStyleSheet(f"color: {colour};")

    def _clear_result(self) -> None:
        self.numbers.clear()
        self.histogram.set_bins({})
        self.histogram_caption.hide()
        self.palette_view.clear()
        self.palette_view.hide()
        self.proves.hide()
        self.status.clear()
        for b in (self.save_button, self.bundle_button, self.stamp_button):
            b.hide()

    def _done(self, result) -> None:
        self._finish()
        for z in (self.mine_drop, self.theirs_drop):  # the result needs the room more than the hints
            z.hint.hide()
            z.setMinimumHeight(90)
            z.setMaximumHeight(110)
        self.last_result = result
        if isinstance(result, comparing.ModelComparison):
            self._show_model(result)
        else:
            self._show_text(result)
        self.save_button.show()

    # ------------------------------------------------------------------ models

    def verdict_title(self, verdict: str) -> str:
        titles = {
            "same_file": self.tr("Same file"),
            "same_weights": self.tr("Same weights, re-encoded"),
            "derived": self.tr("Derived from yours"),
            "no_evidence": self.tr("No evidence of derivation"),
            "picture_names_mine": self.tr("The picture names your model"),
            "picture_names_other": self.tr("The picture names another model"),
            "picture_names_nothing": self.tr("The picture names no model"),
        }
        return titles.get(verdict, verdict)

    def _show_model(self, c) -> None:
        r = c.report
        self._headline(self.verdict_title(c.verdict), FOUND if c.evidence else NONE)
        lines = []
        f = r.get("figures")
        if f:
            it = f["identical_tensors"]
            lines.append(self.tr("Tensors identical: %1 byte for byte, %2 after fp16 rounding, %3 after bf16 "
                                 "rounding — %4 of the %5 tensors in theirs.")
                         .replace("%1", str(it.get("bytes", 0))).replace("%2", str(it.get("fp16", 0)))
                         .replace("%3", str(it.get("bf16", 0))).replace("%4", str(sum(it.values())))
                         .replace("%5", str(f["tensors_suspect"])))
            lines.append(self.tr("Share of their parameters identical to yours: %1 · names changed: %2 · "
                                 "metadata: %3").replace("%1", _pct(f["identical_share"]))
                         .replace("%2", str(f["renamed"])).replace("%3", self._metadata(f["metadata"])))
            lines.append(self.tr("Estimated share of yours in theirs: %1 (the paired tensors cover %2 of theirs)")
                         .replace("%1", _pct(f["share"])).replace("%2", _pct(f["coverage"])))
            lp = r.get("lora")
            if lp:
                lines.append(self.tr("LoRA modules with the same effective change: %1 of %2")
                             .replace("%1", str(lp["effective_identical"])).replace("%2", str(lp["modules_suspect"])))
        for m in r.get("matches") or []:
            lines.append(self.tr("The picture's %1 %2 equals your model's %3.").replace("%1", str(m["where"]))
                         .replace("%2", str(m["value"])).replace("%3", str(m["equals"])))
        stamps = r.get("mine_stamps")
        if stamps:
            rs = stamps["receipts"]
            if rs:
                lines.append(self.tr("Your fingerprint: version %1 of “%2”, stamped %3 (earliest of %4 verified "
                                     "receipts).").replace("%1", str(stamps["version"])).replace("%2", stamps["work"])
                             .replace("%3", rs[0]["gen_time"]).replace("%4", str(len(rs))))
            else:
                lines.append(self.tr("Your fingerprint: version %1 of “%2”, with no verified receipt yet: not "
                                     "proof.").replace("%1", str(stamps["version"])).replace("%2", stamps["work"]))
        self.numbers.setText("<br>".join(escape(x) for x in lines))
        self.numbers.show()
        hist = (f or {}).get("cosine_histogram") or {}
        self.histogram.set_bins(hist)
        self.histogram_caption.setVisible(any(hist.values()))
        self.proves.setText(model_sentence(r))
        self.proves.show()
        self.bundle_button.show()

    def _metadata(self, what: str) -> str:
        return {"same": self.tr("unchanged"), "none": self.tr("none on either side"),
                "removed": self.tr("removed"), "changed": self.tr("changed")}.get(what, what)

    # ------------------------------------------------------------------ manuscripts

    def _show_text(self, res) -> None:
        s = res.comparison.summary
        if s.events:
            self._headline(self.tr("%1 passage(s) of yours found in theirs (事件)").replace("%1", str(s.events)),
                           FOUND)
        else:
            self._headline(self.tr("No passage of yours found in theirs"), NONE)
        lines = [
            self.tr("事件: %1 (%2 identical, %3 rewritten) · 雷同字数 (identical characters): %4")
            .replace("%1", str(s.events)).replace("%2", str(s.identical_events))
            .replace("%3", str(s.rewritten_events)).replace("%4", f"{s.identical_chars:,}"),
            self.tr("Coverage: %1 of theirs is identical to yours and %2 rewritten")
            .replace("%1", _pct(s.suspect_coverage, 2)).replace("%2", _pct(s.suspect_rewritten_coverage, 2)),
        ]
        if s.mine_coverage is not None:
            lines.append(self.tr("%1 of yours appears in theirs").replace("%1", _pct(s.mine_coverage, 2)))
        if s.longest_event:
            lines.append(self.tr("Longest passage: 事件 %1, %2 identical characters")
                         .replace("%1", str(s.longest_event)).replace("%2", f"{s.longest_identical:,}"))
        if res.mine_kind == "work":
            lines.append(self.tr("Searched %1 stamped draft(s); each passage points to the earliest one that "
                                 "contains it.").replace("%1", str(len(res.versions_searched))))
        lines += res.notes
        self.numbers.setText("<br>".join(escape(x) for x in lines))
        self.numbers.show()
        self.palette_view.setHtml(text_comparing.palette_html(res))
        self.palette_view.setVisible(bool(s.events))
        self.proves.setText(text_comparing.statement(self._lang()))
        self.proves.show()
        self.bundle_button.show()
        self.stamp_button.show()

    def _lang(self) -> str:
        from PySide6.QtCore import QLocale

        return "zh" if QLocale().language() == QLocale.Chinese else "en"

    # ------------------------------------------------------------------ actions

    def save_report(self, out: str | None = None) -> None:
        """Save the report as the CLI's -o does: .html, .pdf or .json (manuscripts also .csv)."""
        res = self.last_result
        if res is None or isinstance(res, BaseException):
            return
        model = isinstance(res, comparing.ModelComparison)
        if not out:
            base = Path(last_folder.start()) / ("comparison.pdf" if model else "palette.pdf")
            filters = self.tr("PDF report (*.pdf);;Web page (*.html);;JSON (*.json)")
            if not model:
                filters += self.tr(";;Spreadsheet (*.csv)")
            out, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"), str(base), filters)
            if not out:
                return
            last_folder.remember(out)
        out = Path(out)
        if model:
            self.runner.start(_write_model_report, res, out, label=out.name,
                              on_finished=self._saved, on_failed=lambda e, t: show_error(self, e, t))
        else:
            self.runner.start(_write_palette, res, out, label=out.name,
                              on_finished=self._saved, on_failed=lambda e, t: show_error(self, e, t))

    def _saved(self, out) -> None:
        self.status.setText(self.tr("Report saved to %1").replace("%1", str(out)))

    def add_to_bundle(self, out: str | None = None) -> None:
        """An evidence bundle of your stamped model or manuscript with this comparison in it (the
        export use case with compare=theirs: the model report, or the palette searched over every
        stamped draft of the work)."""
        res = self.last_result
        if res is None or isinstance(res, BaseException) or self.mine is None or self.suspect is None:
            return
        if not out:
            base = Path(last_folder.start()) / "evidence.zip"
            out, _ = QFileDialog.getSaveFileName(self, self.tr("Save the evidence bundle"), str(base),
                                                 self.tr("Evidence bundle (*.zip)"))
            if not out:
                return
            last_folder.remember(out)
        from proofkit.app import exporting

        vid = comparing.stamped_version_id(self.mine) if not Path(self.mine).exists() else None
        target = str(vid) if vid is not None else self.mine
        lang = "zh" if self._lang() == "zh" else "en"
        self.status.setText(self.tr("Exporting…"))
        self.runner.start(exporting.export, self.services, target, Path(out), lang=lang, replace=True,
                          compare=self.suspect, label=Path(out).name,
                          on_finished=lambda _c, out=out: self._exported(out), on_failed=self._status_failed)

    def _exported(self, out) -> None:
        self.last_bundle = Path(out)
        self.status.setText(self.tr("Evidence bundle saved to %1").replace("%1", str(out)))

    def _status_failed(self, exc, tb) -> None:
        self.status.clear()
        show_error(self, exc, tb)

    def found_copy_title(self) -> str:
        res = self.last_result
        name = res.comparison.mine.name if res is not None and hasattr(res, "comparison") else ""
        name = Path(name).stem if Path(name).suffix else name
        return self.tr("%1 — found copy").replace("%1", name or (self.suspect.stem if self.suspect else ""))

    def stamp_suspect(self) -> None:
        """Stamp their file as it is today, as a work of its own."""
        if self.suspect is None:
            return
        self.stamp_button.setEnabled(False)
        self.status.setText(self.tr("Stamping %1…").replace("%1", self.suspect.name))
        self.runner.start(text_comparing.stamp_found_copy, self.services, self.suspect, self.found_copy_title(),
                          label=self.suspect.name, on_finished=self._suspect_stamped,
                          on_failed=self._stamp_failed)

    def _suspect_stamped(self, results) -> None:
        self.last_stamp = results
        self.stamp_button.setEnabled(True)
        res = results[0]
        if res.status == "verified":
            self.status.setText(self.tr("Stamped as “%1”: the copy as you found it, with its time stamps.")
                                .replace("%1", res.version.work_title))
        else:
            self.status.setText(self.tr("Stamped as “%1”; its time stamps are pending and are completed "
                                        "later.").replace("%1", res.version.work_title))
        self.stamped.emit()

    def _stamp_failed(self, exc, tb) -> None:
        self.stamp_button.setEnabled(True)
        self._status_failed(exc, tb)


def _pct(x, digits: int = 1) -> str:
    return "—" if x is None else f"{100 * x:.{digits}f} %"


def _write_model_report(res, out: Path, *, progress) -> Path:
    return comparing.write_report(res, out)


def _write_palette(res, out: Path, *, progress) -> Path:
    return text_comparing.write_outputs(res, out)[0]
