"""The program's widget style: Fusion, with a keyboard focus ring that can be seen on every focusable
control, in the light and the dark theme.

Fusion alone marks focus faintly (a 1 px tint on line edits) or only after a Tab key press (buttons, list
rows, check boxes: its focus rectangle waits for ``State_KeyboardFocusChange``). Here the control that has
the focus gets a 2 px ring in the palette's highlight colour (on a selected list row, in the highlighted
text colour, which stands out on the selection) along its edge: line edits, spin boxes, combo boxes, text
and list views (their frame), buttons, tool buttons and chips, check boxes, the current row of a list. The
ring is drawn from the focus state of the moment, so it goes when the focus goes (no stale rings).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

RING = 2  # px

PE = QStyle.PrimitiveElement
CE = QStyle.ControlElement
CC = QStyle.ComplexControl
HasFocus = QStyle.StateFlag.State_HasFocus
Selected = QStyle.StateFlag.State_Selected


def ring_color(palette: QPalette, on_selection: bool = False) -> QColor:
    """The focus ring's colour: the highlight colour, lighter in a dark palette; the highlighted text colour
    on a selection (which is drawn in the highlight colour itself)."""
    if on_selection:
        return palette.color(QPalette.ColorRole.HighlightedText)
    c = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    if palette.color(QPalette.ColorRole.Window).lightness() < 128:
        c = c.lighter(135)
    return c


def draw_ring(painter: QPainter, rect: QRect, color: QColor, radius: float = 3.0) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color)
    pen.setWidth(RING)
    painter.setPen(pen)
    painter.setBrush(QColor(0, 0, 0, 0))
    half = RING / 2
    painter.drawRoundedRect(QRectF(rect).adjusted(half, half, -half, -half), radius, radius)
    painter.restore()


class FocusStyle(QProxyStyle):
    def __init__(self) -> None:
        super().__init__("Fusion")
        self.setObjectName("botkyrkaFocusStyle")

    def drawPrimitive(
        self, element: PE, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        if element == PE.PE_FrameFocusRect:  # asked for by the control that has the focus: rows, buttons…
            if isinstance(widget, QAbstractButton):  # along the button's edge, not around its label
                draw_ring(painter, widget.rect(), ring_color(option.palette))
            else:
                draw_ring(painter, option.rect, ring_color(option.palette, bool(option.state & Selected)), 2.0)
            return
        super().drawPrimitive(element, option, painter, widget)
        if element == PE.PE_FrameLineEdit and option.state & HasFocus:
            draw_ring(painter, option.rect, ring_color(option.palette))

    def drawControl(self, element: CE, option: QStyleOption, painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawControl(element, option, painter, widget)
        if element == CE.CE_ShapedFrame and isinstance(widget, QAbstractScrollArea) and widget.hasFocus():
            draw_ring(painter, option.rect, ring_color(option.palette), 2.0)
        elif element == CE.CE_PushButton and option.state & HasFocus:
            draw_ring(painter, option.rect, ring_color(option.palette))

    def pixelMetric(
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_DefaultFrameWidth and isinstance(widget, QAbstractScrollArea):
            return max(value, RING)  # the ring must not be hidden under the view's contents
        return value

    def drawComplexControl(
        self, control: CC, option: QStyleOptionComplex, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in (CC.CC_ComboBox, CC.CC_SpinBox) and option.state & HasFocus:
            draw_ring(painter, option.rect, ring_color(option.palette))
