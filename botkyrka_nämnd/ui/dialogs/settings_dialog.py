"""Settings: language, the text size of the whole interface, appearance, and when the secret vault locks
itself."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..settings import IDLE_MINUTES_RANGE, TEXT_SCALES

TITLE_MARGIN = 160  # px: the window manager's icon and buttons beside a title


class SettingsDialog(QDialog):
    def __init__(self, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Settings"))
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("Follow the system"), "system")
        self.language.addItem("Svenska", "sv")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        form.addRow(self.tr("&Language:"), self.language)
        self.text_scale = QComboBox()
        self.text_scale.setAccessibleName(self.tr("Text size"))
        for value in TEXT_SCALES:
            self.text_scale.addItem(self.tr("%1 %").replace("%1", str(value)), value)
        self.text_scale.setCurrentIndex(max(0, self.text_scale.findData(settings.text_scale)))
        form.addRow(self.tr("&Text size:"), self.text_scale)
        self.theme = QComboBox()
        self.theme.setAccessibleName(self.tr("Appearance"))
        self.theme.addItem(self.tr("Follow the system"), "system")
        self.theme.addItem(self.tr("Light"), "light")
        self.theme.addItem(self.tr("Dark"), "dark")
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        form.addRow(self.tr("&Appearance:"), self.theme)
        self.idle = QSpinBox()
        self.idle.setRange(*IDLE_MINUTES_RANGE)
        self.idle.setSuffix(" " + self.tr("min"))
        self.idle.setAccessibleName(self.tr("Lock secret content after minutes without activity"))
        self.idle.setValue(settings.idle_minutes)
        form.addRow(self.tr("Lock secret content &after:"), self.idle)
        lay.addLayout(form)
        note = QLabel(
            self.tr(
                "Secret content also locks when the screen locks, when the computer sleeps and when "
                "you minimise the window."
            )
        )
        note.setWordWrap(True)
        lay.addWidget(note)
        self.sources_button = QPushButton(self.tr("Sync &sources…"))
        self.sources_button.setToolTip(self.tr("Where notices arrive from by themselves: a folder, a web page, OParl"))
        opener = getattr(parent, "open_sources", None)
        self.sources_button.setVisible(callable(opener))
        if callable(opener):
            self.sources_button.clicked.connect(opener)
        lay.addWidget(self.sources_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setMinimumWidth(self.title_width())

    def title_width(self) -> int:
        """Wide enough for the title as a window manager shows it ("Inställningar – Botkyrka nämnd", in a
        bold font up to 1.2x the text size) beside its icon and buttons: a narrow dialog cuts it off."""
        f = QFont(self.font())
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        shown = self.windowTitle()
        app_name = QGuiApplication.applicationDisplayName()
        if app_name and app_name not in shown:
            shown += " – " + app_name
        return QFontMetrics(f).horizontalAdvance(shown) + TITLE_MARGIN

    def values(self) -> dict:
        return {
            "language": self.language.currentData(),
            "text_scale": int(self.text_scale.currentData()),
            "theme": self.theme.currentData(),
            "idle_minutes": int(self.idle.value()),
        }
