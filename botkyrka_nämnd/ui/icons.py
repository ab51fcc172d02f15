"""Icons: our own SVGs (resources/icons, compiled into ``resources_rc``), drawn in the palette's text
colour so they follow light and dark mode, and rendered per size and device pixel ratio (sharp on high-DPI
screens)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QFile, QIODevice, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QWidget

from . import resources_rc  # noqa: F401  (registers :/icons)

SIZES = (16, 20, 24, 32, 48, 64)
RATIOS = (1.0, 2.0)
_cache: dict[tuple[str, str], QIcon] = {}


def svg_bytes(name: str) -> bytes:
    f = QFile(f":/icons/{name}.svg")
    if not f.open(QIODevice.OpenModeFlag.ReadOnly):
        raise KeyError(name)
    try:
        return bytes(f.readAll().data())
    finally:
        f.close()


def _color(role: QPalette.ColorRole | None, color: QColor | str | None) -> QColor:
    if color is not None:
        return QColor(color)
    pal = QGuiApplication.palette()
    return pal.color(QPalette.ColorGroup.Active, role or QPalette.ColorRole.WindowText)


def pixmap(name: str, size: int, *, color: QColor | str | None = None, ratio: float = 1.0) -> QPixmap:
    c = _color(None, color)
    data = svg_bytes(name).replace(b"currentColor", c.name().encode())
    renderer = QSvgRenderer(QByteArray(data))
    px = round(size * ratio)
    pm = QPixmap(px, px)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(p, QRectF(0, 0, px, px))
    p.end()
    pm.setDevicePixelRatio(ratio)
    return pm


def icon(name: str, *, color: QColor | str | None = None) -> QIcon:
    """A themed icon; disabled state drawn in the palette's disabled text colour."""
    c = _color(None, color)
    key = (name, c.name())
    cached = _cache.get(key)
    if cached is not None:
        return cached
    disabled = QGuiApplication.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    ic = QIcon()
    for s in SIZES:
        for r in RATIOS:
            ic.addPixmap(pixmap(name, s, color=c, ratio=r), QIcon.Mode.Normal)
            ic.addPixmap(pixmap(name, s, color=disabled, ratio=r), QIcon.Mode.Disabled)
    _cache[key] = ic
    return ic


def themed(button: QAbstractButton, name: str) -> QAbstractButton:
    """Give ``button`` the icon ``name``, redrawn in the new colours on every theme change
    (:func:`recolour`)."""
    button.setIcon(icon(name))
    button.setProperty("themedIcon", name)
    return button


def recolour(root: QWidget) -> None:
    """Every themed icon under ``root`` (actions with their icon name as data, :func:`themed` buttons) in
    the current palette; item views repaint their rows' icons."""
    clear_cache()
    for a in root.findChildren(QAction):
        name = a.data()
        if isinstance(name, str) and name:
            a.setIcon(icon(name))
    for b in root.findChildren(QAbstractButton):
        name = b.property("themedIcon")
        if isinstance(name, str) and name:
            b.setIcon(icon(name))
    for v in root.findChildren(QAbstractItemView):
        v.viewport().update()


def app_icon() -> QIcon:
    ic = QIcon()
    for s in (16, 24, 32, 48, 64, 128, 256):
        renderer = QSvgRenderer(QByteArray(svg_bytes("app")))
        pm = QPixmap(s, s)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(p, QRectF(0, 0, s, s))
        p.end()
        ic.addPixmap(pm)
    return ic


def clear_cache() -> None:
    _cache.clear()
