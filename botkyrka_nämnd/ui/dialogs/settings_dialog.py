"""Settings: language, reading text size, appearance, and when the secret vault locks itself."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from ..settings import FONT_SIZES, IDLE_MINUTES_RANGE


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
        self.font_size = QComboBox()
        self.font_size.setAccessibleName(self.tr("Text size"))
        for pt in FONT_SIZES:
            self.font_size.addItem(self.tr("%1 points").replace("%1", str(pt)), pt)
        self.font_size.setCurrentIndex(max(0, self.font_size.findData(settings.font_size)))
        form.addRow(self.tr("&Text size:"), self.font_size)
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def values(self) -> dict:
        return {
            "language": self.language.currentData(),
            "font_size": int(self.font_size.currentData()),
            "theme": self.theme.currentData(),
            "idle_minutes": int(self.idle.value()),
        }
