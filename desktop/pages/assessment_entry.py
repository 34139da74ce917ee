"""What leadership enters for the assessment by hand (seed 002, Art. 93): the periodic
ratings (officers rate auxiliaries weekly, the station rates officers every 旬), the
satisfaction survey results, the community's opinions, and the registers the
indicators need that nothing else records (verifications of people involved,
petitions) — each form one transaction through the services, a refusal marking the
field it names; a file import all-or-nothing, its bad rows named."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.assessment_registers import EnteredRegisters, PetitionForm, VerificationForm
from desktop.pages.registry_common import FieldMarks, date_field, line_field, run_action
from desktop.refusals import describe
from desktop.session import AppSession
from models import exchange
from models.assessment import opinions, ratings, surveys
from models.errors import Refused
from widgets.inline_message import InlineMessage

FILES = "CSV / XLSX / JSON (*.csv *.xlsx *.json *.jsonl)"


def _form(fields: list[tuple[str, QWidget]], button: QPushButton,
          message: InlineMessage) -> QWidget:
    page = QWidget()
    form = QFormLayout()
    for label, widget in fields:
        form.addRow(label, widget)
    form.addRow("", button)
    layout = QVBoxLayout(page)
    layout.addWidget(message)
    layout.addLayout(form)
    layout.addStretch(1)
    return page


class EntryDialog(QDialog):
    """Ratings, surveys, opinions and the registers, one tab each."""

    def __init__(self, app: AppSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(self.tr("Ratings, surveys and opinions"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._rating_tab(), self.tr("Rating"))
        self.tabs.addTab(self._survey_tab(), self.tr("Survey result"))
        self.tabs.addTab(self._opinion_tab(), self.tr("Community opinion"))
        self.verification = VerificationForm(app)
        self.tabs.addTab(self.verification, self.tr("Verification"))
        self.petition = PetitionForm(app)
        self.petition.refresh()
        self.tabs.addTab(self.petition, self.tr("Petition"))
        self.entered = EnteredRegisters(app)
        self.entered.refresh()
        self.tabs.addTab(self.entered, self.tr("Entered"))
        self.tabs.addTab(self._import_tab(), self.tr("Import a file"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(640, 480)

    # -- ratings ------------------------------------------------------------------------
    def _rating_tab(self) -> QWidget:
        self.rating_message = InlineMessage(self)
        self.rating_kind = QComboBox()
        self.rating_kind.addItem(self.tr("Weekly: an officer rates an auxiliary"), "weekly")
        self.rating_kind.addItem(self.tr("Every 旬: the station rates an officer"), "dek")
        self.rating_officer = line_field(16, self.tr("code of the person rated"))
        self.rating_start = date_field(self.tr("first day: a Monday, or the 1st, 11th, 21st"))
        self.rating_score = line_field(5, self.tr("0–100"))
        self.rating_rater = line_field(16, self.tr("code of the police officer who rated"))
        self.rating_comment = line_field(300)
        self.rating_reason = line_field(200, self.tr("only to correct a rating entered before"))
        self.rating_button = QPushButton(self.tr("Save the rating"))
        self.rating_button.clicked.connect(self.save_rating)
        self.rating_kind.currentIndexChanged.connect(
            lambda _i: self.rating_rater.setEnabled(self.rating_kind.currentData() == "weekly"))
        self.rating_marks = FieldMarks(self.rating_message, {
            "kind": self.rating_kind, "officer": self.rating_officer,
            "start": self.rating_start, "score": self.rating_score,
            "rater": self.rating_rater, "comment": self.rating_comment,
            "reason": self.rating_reason})
        return _form([(self.tr("Kind"), self.rating_kind),
                      (self.tr("Person rated"), self.rating_officer),
                      (self.tr("From"), self.rating_start), (self.tr("Score"), self.rating_score),
                      (self.tr("Rated by"), self.rating_rater),
                      (self.tr("Comment"), self.rating_comment),
                      (self.tr("Reason for a correction"), self.rating_reason)],
                     self.rating_button, self.rating_message)

    def save_rating(self) -> bool:
        actor = self.app.actor
        kind = str(self.rating_kind.currentData())
        values = (kind, self.rating_officer.text(), self.rating_start.text(),
                  self.rating_score.text())
        rater = self.rating_rater.text() if kind == "weekly" else ""
        comment, reason = self.rating_comment.text(), self.rating_reason.text()
        done = run_action(self.app, self.rating_marks, lambda s: ratings.record_rating(
            s, actor, *values, rater=rater, comment=comment, reason=reason), "rating")
        if done is None:
            return False
        for field in (self.rating_officer, self.rating_score, self.rating_comment,
                      self.rating_reason):
            field.clear()
        self.rating_marks.done(self.tr("Rating saved: {0}, {1} to {2}, {3}").format(
            done["officer"], done["from"], done["to"], done["score"]))
        return True

    # -- surveys ------------------------------------------------------------------------
    def _survey_tab(self) -> QWidget:
        self.survey_message = InlineMessage(self)
        self.survey_fields = {
            "period_start": date_field(), "period_end": date_field(),
            "beat": line_field(16, self.tr("beat code (or give the officer)")),
            "officer": line_field(16, self.tr("officer code, where the survey rates one")),
            "asked": line_field(7), "satisfied": line_field(7), "source": line_field(100)}
        self.survey_button = QPushButton(self.tr("Save the survey result"))
        self.survey_button.clicked.connect(self.save_survey)
        self.survey_marks = FieldMarks(self.survey_message, self.survey_fields)
        labels = {"period_start": self.tr("Survey from"), "period_end": self.tr("Survey to"),
                  "beat": self.tr("Beat"), "officer": self.tr("Officer"),
                  "asked": self.tr("People asked"), "satisfied": self.tr("People satisfied"),
                  "source": self.tr("Source")}
        return _form([(labels[k], w) for k, w in self.survey_fields.items()],
                     self.survey_button, self.survey_message)

    def save_survey(self) -> bool:
        actor = self.app.actor
        values = {k: w.text() for k, w in self.survey_fields.items()}
        done = run_action(self.app, self.survey_marks,
                          lambda s: surveys.record_survey(s, actor, values), "survey")
        if done is None:
            return False
        for key in ("asked", "satisfied"):
            self.survey_fields[key].clear()
        self.survey_marks.done(self.tr("Survey result saved"))
        return True

    # -- the community's opinions -------------------------------------------------------
    def _opinion_tab(self) -> QWidget:
        self.opinion_message = InlineMessage(self)
        self.opinion_day = date_field()
        self.opinion_beat = line_field(16, self.tr("beat code"))
        self.opinion_community = line_field(64, self.tr("community or village (optional)"))
        self.opinion_officer = line_field(16, self.tr("officer code (optional)"))
        self.opinion_favourable = QCheckBox(self.tr("Favourable"))
        self.opinion_favourable.setChecked(True)
        self.opinion_text = line_field(500, self.tr("what the residents said"))
        self.opinion_source = line_field(100, self.tr("meeting, visit, letter…"))
        self.opinion_button = QPushButton(self.tr("Save the opinion"))
        self.opinion_button.clicked.connect(self.save_opinion)
        self.opinion_marks = FieldMarks(self.opinion_message, {
            "day": self.opinion_day, "beat": self.opinion_beat,
            "community": self.opinion_community, "officer": self.opinion_officer,
            "text": self.opinion_text, "source": self.opinion_source})
        return _form([(self.tr("Day"), self.opinion_day), (self.tr("Beat"), self.opinion_beat),
                      (self.tr("Community"), self.opinion_community),
                      (self.tr("Officer"), self.opinion_officer),
                      ("", self.opinion_favourable), (self.tr("Opinion"), self.opinion_text),
                      (self.tr("Source"), self.opinion_source)],
                     self.opinion_button, self.opinion_message)

    def save_opinion(self) -> bool:
        actor = self.app.actor
        day, beat, good = (self.opinion_day.text(), self.opinion_beat.text(),
                           self.opinion_favourable.isChecked())
        text, community = self.opinion_text.text(), self.opinion_community.text()
        officer, source = self.opinion_officer.text(), self.opinion_source.text()
        done = run_action(self.app, self.opinion_marks, lambda s: opinions.record_opinion(
            s, actor, day, beat, good, text, community=community, officer=officer,
            source=source), "community_opinion")
        if done is None:
            return False
        self.opinion_text.clear()
        self.opinion_marks.done(self.tr("Opinion saved"))
        return True

    # -- files --------------------------------------------------------------------------
    def _import_tab(self) -> QWidget:
        page = QWidget()
        self.import_message = InlineMessage(self)
        layout = QVBoxLayout(page)
        layout.addWidget(self.import_message)
        row = QHBoxLayout()
        for kind, text in (("surveys", self.tr("Survey results…")),
                           ("verifications", self.tr("Verifications of people involved…")),
                           ("petitions", self.tr("Petitions…"))):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, k=kind: self._ask_import(k))
            row.addWidget(button)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _ask_import(self, kind: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a file"), "", FILES)
        if path:
            self.import_file(kind, path)

    def import_file(self, kind: str, path: str) -> dict[str, Any] | None:
        """All rows or none; the first bad row (and how many more) said."""
        from pathlib import Path

        import models.assessment.registers  # noqa: F401  (registers the two kinds)

        actor = self.app.actor
        try:
            done = self.app.run(lambda s: exchange.import_file(s, actor, kind, Path(path),
                                                               False), topic=kind)
        except Refused as refusal:
            self.import_message.show_message("error", describe(refusal))
            return None
        self.import_message.show_message(
            "ok", self.tr("{0} rows imported").format(done["imported"]), 8000)
        return done
