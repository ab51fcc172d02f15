"""The text size of the whole interface (Inställningar > Textstorlek, Ctrl++ / Ctrl+- / Ctrl+0), in percent
of the normal size.

:func:`apply` sets the application font to the system's font times the scale, so every widget that does
not set a size of its own follows: toolbar, labels, buttons, list rows, chips, dialogs. Widgets that need a
size relative to it (headings) use :func:`relative_font`, which follows later changes too; pixel sizes
(icons, fixed widths) are multiplied by :func:`factor` / :func:`px`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

_base: QFont | None = None  # the application font before any scaling (the system's)
_percent = 100


def percent() -> int:
    return _percent


def factor() -> float:
    return _percent / 100.0


def px(n: float) -> int:
    """A pixel size at the current scale."""
    return round(n * factor())


def base_point_size() -> float:
    f = _base if _base is not None else QGuiApplication.font()
    return f.pointSizeF() if f.pointSizeF() > 0 else 9.0


def apply(value: int) -> None:
    """Scale the application font to ``value`` percent of the system's font (a no-op when unchanged)."""
    global _base, _percent
    if _base is None:
        _base = QFont(QGuiApplication.font())
    _percent = int(value)
    f = QFont(_base)
    f.setPointSizeF(base_point_size() * factor())
    if QGuiApplication.font() != f:
        QApplication.setFont(f)
        # Qt posts the change to the widgets: deliver it now, so every size below is measured in the new font
        QApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)
        for r in list(_relatives):
            try:
                r.update()
            except RuntimeError:  # its widget is being deleted
                _relatives.discard(r)


class _Relative(QObject):
    """Keeps its widget's font at ``size`` times the application font (a widget with a size of its own is
    not told when the application font changes: :func:`apply` tells these)."""

    def __init__(self, widget: QWidget, size: float, bold: bool | None) -> None:
        super().__init__(widget)
        self.widget, self.size, self.bold = widget, size, bold
        _relatives.add(self)
        self.destroyed.connect(lambda *_: _relatives.discard(self))
        self.update()

    def update(self) -> None:
        f = QFont(self.widget.font())
        f.setPointSizeF(QGuiApplication.font().pointSizeF() * self.size)
        if self.bold is not None:
            f.setBold(self.bold)
        self.widget.setFont(f)


_relatives: set[_Relative] = set()


def relative_font(widget: QWidget, size: float = 1.0, *, bold: bool | None = None) -> None:
    """Give ``widget`` a font ``size`` times the application font (bold if asked), now and after every change
    of the text size."""
    for old in widget.findChildren(_Relative, options=Qt.FindChildOption.FindDirectChildrenOnly):
        _relatives.discard(old)
        old.deleteLater()
    _Relative(widget, size, bold)
