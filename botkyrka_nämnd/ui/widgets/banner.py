"""A coloured strip over a view: the "secret content is shown" banner and plain notices."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from .. import icons


class Banner(QFrame):
    action_clicked = Signal()

    def __init__(self, kind: str = "info", parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"banner_{kind}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        self.icon = QLabel()
        lay.addWidget(self.icon)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.label, 1)
        self.button = QPushButton()
        self.button.setAccessibleName(self.tr("Action of this message"))  # the action's own text when shown
        self.button.clicked.connect(self.action_clicked)
        self.button.hide()
        lay.addWidget(self.button)
        self.apply_style()
        self.hide()

    def apply_style(self) -> None:
        from PySide6.QtGui import QGuiApplication, QPalette

        dark = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        colors = {
            "secret": ("#5a1d22", "#ffe3e3") if dark else ("#b3261e", "#ffffff"),
            "info": ("#23384d", "#e6f0fa") if dark else ("#e3eef9", "#15324d"),
            "warning": ("#4d3d12", "#fff2cc") if dark else ("#fff4d1", "#4d3800"),
        }[self.kind]
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{ background: {colors[0]}; }} "
            f"QFrame#{self.objectName()} QLabel {{ color: {colors[1]}; }}"
        )
        icon_name = {"secret": "shield", "info": "document", "warning": "warning"}[self.kind]
        self.icon.setPixmap(icons.icon(icon_name, color=colors[1]).pixmap(20, 20))

    def show_message(self, text: str, action: str | None = None) -> None:
        self.label.setText(text)
        self.setAccessibleName(text)
        if action:
            self.button.setText(action)
            self.button.setAccessibleName(action)
            self.button.show()
        else:
            self.button.hide()
        self.show()
