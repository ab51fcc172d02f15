"""The import review: a file whose cover does not say which meeting it is (no date, no nämnd, no kommun).

It shows what was recognised (nämnd, kommun, date, time, place, the first ärenden) and lets the member fill
in or correct the fields before anything is stored; "Importera" imports the file again with them (the same
path as ``botkyrka-namnd import FILE --body … --date … --kommun …``). "Hoppa över" leaves it unimported.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import parse_iso
from .. import i18n

_FIELDS = ("body", "kommun", "date")


class ImportReviewDialog(QDialog):
    """One file. ``hints()`` is what the member entered, for ``ImportJob(hints=…)``."""

    def __init__(self, failed, parent: QWidget | None = None):
        super().__init__(parent)
        self.failed = failed
        rec = dict(failed.recognised or {})
        missing = set(failed.fields or [])
        self.setWindowTitle(self.tr("Check the import"))
        lay = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "%1 could not be placed: the text does not say everything needed to know which meeting it belongs to. "
                "Check what was recognised, fill in what is missing and import again. Nothing is saved until you do."
            ).replace("%1", Path(failed.path).name)
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        from ...errors import MISSING_FIELD_TEXT

        lang = 1 if i18n.current().startswith("en") else 0
        what = [MISSING_FIELD_TEXT[f][lang] for f in (failed.fields or []) if f in MISSING_FIELD_TEXT]
        why = QLabel(
            self.tr("Not in the text: %1.").replace("%1", ", ".join(what)) if what else failed.message(i18n.current())
        )
        why.setWordWrap(True)
        why.setObjectName("reviewReason")
        lay.addWidget(why)
        self.setStyleSheet('QLineEdit[missing="true"] { border: 2px solid palette(highlight); }')

        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        labels = {
            "body": self.tr("&Nämnd or body:"),
            "kommun": self.tr("&Kommun:"),
            "date": self.tr("&Date of the meeting:"),
        }
        placeholders = {
            "body": self.tr("e.g. Socialnämnden"),
            "kommun": self.tr("e.g. Botkyrka"),
            "date": self.tr("YYYY-MM-DD"),
        }
        for key in _FIELDS:
            edit = QLineEdit(rec.get(key) or "")
            edit.setPlaceholderText(placeholders[key])
            edit.setAccessibleName(labels[key].replace("&", "").rstrip(":"))
            if key in missing or (key == "body" and "agenda" in missing) or (key == "date" and "agenda" in missing):
                edit.setProperty("missing", True)
                edit.setToolTip(self.tr("Not found in the text: please fill in."))
            edit.textChanged.connect(self._validate)
            self.edits[key] = edit
            label = QLabel(labels[key])
            label.setBuddy(edit)
            form.addRow(label, edit)
        recognised = []
        if rec.get("time"):
            recognised.append(self.tr("Time: %1").replace("%1", rec["time"]))
        if rec.get("place"):
            recognised.append(self.tr("Place: %1").replace("%1", rec["place"]))
        recognised.append(self.tr("%n agenda item(s) recognised", "", int(rec.get("items") or 0)))
        info = QLabel("\n".join(recognised))
        info.setWordWrap(True)
        form.addRow(self.tr("Recognised:"), info)
        titles = rec.get("titles") or []
        if titles:
            tl = QLabel("\n".join(f"• {t}" for t in titles))
            tl.setWordWrap(True)
            tl.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(self.tr("First items:"), tl)
        lay.addLayout(form)
        self.problem = QLabel("")
        self.problem.setWordWrap(True)
        self.problem.setObjectName("reviewProblem")
        lay.addWidget(self.problem)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("&Skip this file"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._validate()
        first_missing = next((self.edits[k] for k in _FIELDS if not self.edits[k].text().strip()), self.edits["body"])
        first_missing.setFocus()
        self.resize(560, self.sizeHint().height())

    def _problems(self) -> list[str]:
        out = []
        if not self.edits["body"].text().strip():
            out.append(self.tr("Fill in the nämnd or body."))
        if not self.edits["kommun"].text().strip():
            out.append(self.tr("Fill in the kommun."))
        d = self.edits["date"].text().strip()
        if not d:
            out.append(self.tr("Fill in the date of the meeting."))
        elif parse_iso(d) is None:
            out.append(self.tr("The date must be written YYYY-MM-DD and exist, e.g. 2024-09-24."))
        return out

    def _validate(self) -> None:
        problems = self._problems()
        self.import_button.setEnabled(not problems)
        self.problem.setText(" ".join(problems))

    def _accept(self) -> None:
        if not self._problems():
            self.accept()

    def hints(self) -> dict:
        kommun = re.sub(r"\s+kommun$", "", self.edits["kommun"].text().strip(), flags=re.IGNORECASE)
        return {
            "body": self.edits["body"].text().strip(),
            "kommun": kommun,
            "date": parse_iso(self.edits["date"].text().strip()),
        }
