"""Hjälp > Om: the program's name, version and purpose, its licence (EUPL-1.2, the full text) and the
third-party software it carries with their licences (``botkyrka_nämnd.licences``)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from ...licences import PROGRAM_LICENCE, licence_text, third_party


class AboutDialog(QDialog):
    def __init__(self, app_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About %1").replace("%1", app_name))
        self.setMinimumSize(620, 460)
        lay = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("About the program"))
        lay.addWidget(self.tabs, 1)

        about = QLabel(
            "<h2>{name} {version}</h2><p>{text}</p><p>{licence}</p>".format(
                name=app_name,
                version=__version__,
                text=self.tr(
                    "Read notices item by item, search across meetings, keep your own notes and read secret "
                    "parts safely. Everything stays on this computer."
                ),
                licence=self.tr("Licensed under the %1. The source code comes with the program.").replace(
                    "%1", "European Union Public Licence (" + PROGRAM_LICENCE + ")"
                ),
            )
        )
        about.setWordWrap(True)
        about.setAccessibleName(self.tr("About the program"))
        self.tabs.addTab(about, self.tr("&About"))

        self.licence = QPlainTextEdit(licence_text())
        self.licence.setReadOnly(True)
        self.licence.setAccessibleName(self.tr("The program's licence"))
        self.tabs.addTab(self.licence, self.tr("&Licence"))

        self.others = QTreeWidget()
        self.others.setHeaderLabels([self.tr("Software"), self.tr("Version"), self.tr("Licence")])
        self.others.setRootIsDecorated(False)
        self.others.setAccessibleName(self.tr("Third-party software and their licences"))
        for row in third_party():
            item = QTreeWidgetItem([row["name"], row["version"], row["licence"]])
            if row.get("url"):
                item.setToolTip(0, row["url"])
            self.others.addTopLevelItem(item)
        self.others.resizeColumnToContents(0)
        self.tabs.addTab(self.others, self.tr("&Third-party software"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
