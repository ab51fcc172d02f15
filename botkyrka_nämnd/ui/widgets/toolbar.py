"""The main toolbar, which never hides an action in Qt's overflow menu ("››").

Its buttons show their short label beside the icon when the window is wide enough for all of them, under
the icon when it is not (a button is then only as wide as its label), and only the icon (the name in its
tooltip and accessible name) when even that does not fit: a narrow window, a large text size, a long
translation. The width each arrangement needs is measured with the real buttons, fonts and icon size
(:meth:`FittingToolBar.needed_width`) and measured again when the text size, an action or the icon size
changes. A search field in the toolbar (:meth:`FittingToolBar.set_stretch_widget`) takes the room the
buttons leave, up to its maximum width, and shrinks to its minimum before any label moves.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

Style = Qt.ToolButtonStyle
STYLES = (Style.ToolButtonTextBesideIcon, Style.ToolButtonTextUnderIcon, Style.ToolButtonIconOnly)
_REMEASURE = (
    QEvent.Type.FontChange,
    QEvent.Type.ApplicationFontChange,
    QEvent.Type.StyleChange,
    QEvent.Type.LanguageChange,
    QEvent.Type.ActionAdded,
    QEvent.Type.ActionChanged,
    QEvent.Type.ActionRemoved,
)


class FittingToolBar(QToolBar):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setMovable(False)
        self.setToolButtonStyle(STYLES[0])
        self._needed: dict[Style, int] = {}
        self._measuring = False
        self._stretch: tuple[QWidget, int, int] | None = None

    def set_stretch_widget(self, widget: QWidget, minimum: int, maximum: int) -> None:
        """``widget`` (in this toolbar) is between ``minimum`` and ``maximum`` wide: as wide as the room left."""
        self._stretch = (widget, minimum, maximum)
        widget.setMinimumWidth(minimum)
        widget.setMaximumWidth(maximum)
        self._needed.clear()
        self.fit()

    def set_icon_extent(self, px: int) -> None:
        self.setIconSize(QSize(px, px))
        self._needed.clear()
        self.fit()

    def needed_width(self, style: Style) -> int:
        """The width the toolbar needs to show every visible action with buttons in ``style``."""
        if style not in self._needed:
            self._measure()
        return self._needed[style]

    def _measure(self) -> None:
        current = self.toolButtonStyle()
        layout = self.layout()
        assert layout is not None  # a QToolBar always has its layout
        self._measuring = True
        try:
            if self._stretch is not None:
                self._stretch[0].setMinimumWidth(self._stretch[1])
            for style in STYLES:
                self.setToolButtonStyle(style)
                for b in self.findChildren(QToolButton):
                    b.updateGeometry()
                layout.invalidate()
                self._needed[style] = layout.sizeHint().width()
            self.setToolButtonStyle(current)
        finally:
            self._measuring = False

    def style_for(self, width: int) -> Style:
        """The roomiest arrangement that fits ``width``; icons only when none does."""
        for style in STYLES:
            if self.needed_width(style) <= width:
                return style
        return STYLES[-1]

    def fit(self) -> None:
        if self._measuring or self.width() <= 0:
            return
        style = self.style_for(self.width())
        if style != self.toolButtonStyle():
            self.setToolButtonStyle(style)
        if self._stretch is not None:
            widget, minimum, maximum = self._stretch
            room = self.width() - self.needed_width(style) - 2 * self.layout().spacing()  # type: ignore[union-attr]
            widget.setMinimumWidth(max(minimum, min(maximum, minimum + room)))

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in _REMEASURE and not self._measuring:
            self._needed.clear()
            if event.type() != QEvent.Type.ActionAdded:  # while filling, the last action comes later
                self.fit()
        return handled

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()
