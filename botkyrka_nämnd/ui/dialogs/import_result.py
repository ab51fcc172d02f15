"""The outcome of an import, file by file, in plain words."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from .. import i18n, icons


def summary_lines(report, lang: str) -> list[tuple[bool, str]]:
    """(ok, text) per file, for the dialog and for tests."""
    from PySide6.QtCore import QCoreApplication

    words = {
        "imported": QCoreApplication.translate("ImportResult", "imported"),
        "updated": QCoreApplication.translate("ImportResult", "updated with a new version"),
        "unchanged": QCoreApplication.translate("ImportResult", "already imported, unchanged"),
    }
    lines: list[tuple[bool, str]] = []
    for o in report.imported:
        name = Path(o.path).name
        text = (
            QCoreApplication.translate("ImportResult", "%1: meeting %2, %3")
            .replace("%1", name)
            .replace("%2", o.meeting_id)
            .replace("%3", words.get(o.status, o.status))
        )
        lines.append((True, text))
        for sv, en in o.notices:
            lines.append((True, "    " + (en if lang == "en" else sv)))
    for f in report.failed:
        lines.append((False, f"{Path(f.path).name}: {f.message(lang)}"))
    return lines


class ImportResultDialog(QDialog):
    def __init__(self, report, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import finished"))
        lay = QVBoxLayout(self)
        ok = len(report.imported)
        bad = len(report.failed)
        head = QLabel(
            self.tr("%n file(s) imported.", "", ok)
            + ("  " + self.tr("%n file(s) could not be imported.", "", bad) if bad else "")
        )
        head.setWordWrap(True)
        lay.addWidget(head)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Result per file"))
        self.list.setWordWrap(True)
        for good, text in summary_lines(report, i18n.current()):
            it = QListWidgetItem(icons.icon("read" if good else "warning"), text)
            it.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.list.addItem(it)
        lay.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        self.resize(560, 320)
