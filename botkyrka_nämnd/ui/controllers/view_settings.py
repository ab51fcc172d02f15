"""View size (text size, PDF zoom), the settings dialog and what its values change, the theme's icons and
colours, and the window's saved geometry and splitters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from .. import icons, scale
from ..settings import READING_PT, TEXT_SCALES, scale_from_points

TOOLBAR_ICON = 24  # px at 100 % (Fusion's own toolbar icon size)


def reading_pt(value: int) -> int:
    """The reading text's point size at ``value`` percent (11 pt at 100 %)."""
    return round(READING_PT * value / 100)


def step_scale(value: int, direction: int) -> int:
    """The next text size step up (``direction`` > 0) or down (< 0), or 100 % (0); stays at the ends."""
    if direction == 0:
        return 100
    bigger = [s for s in TEXT_SCALES if s > value]
    smaller = [s for s in TEXT_SCALES if s < value]
    if direction > 0:
        return bigger[0] if bigger else value
    return smaller[-1] if smaller else value


class ViewSettingsController(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window
        self.settings = window.settings
        self.text_scale: int = self.settings.text_scale
        self.font_pt: int = reading_pt(self.text_scale)
        self.settings_dialog: Any = None

    # ============================================================================== view size
    def zoom(self, direction: int) -> None:
        """Ctrl++ / Ctrl+- / Ctrl+0: the PDF's zoom on a PDF page, else the text size of the whole interface
        one step up or down (or back to 100 %)."""
        w = self.w
        page = w.document_page
        if not w.nav.in_meeting_mode and w.reader.currentWidget() is page and page.is_pdf:
            if direction == 0:
                page.fit_width()
            else:
                page.zoom_step(direction)
            return
        value = step_scale(self.text_scale, direction)
        self.settings.text_scale = value
        self.apply_text_scale(value)

    def apply_text_scale(self, value: int) -> None:
        """The whole interface at ``value`` percent: the application font (every widget, dialog and list row
        follows it), the reading views' point size, the toolbar's icons and the search field's width."""
        w = self.w
        scale.apply(value)
        self.text_scale = value
        self.font_pt = pt = reading_pt(value)
        w.item_page.set_font_size(pt)
        w.meeting_mode.set_font_size(pt)
        w.document_page.set_font_size(pt)
        for view in (w.meetings_view, w.agenda_view, w.search_page.tree):  # lists read as text: its size
            f = QFont(view.font())
            f.setPointSizeF(READING_PT * value / 100)
            view.setFont(f)
        w.welcome.refresh()
        w.size_search_field()
        w.toolbar.set_icon_extent(scale.px(TOOLBAR_ICON))

    # ============================================================================== settings
    def open_settings(self) -> None:
        from ..dialogs.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.settings, self.w)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.apply_settings(dlg.values()))
        self.settings_dialog = dlg
        dlg.open()

    def apply_settings(self, v: dict) -> None:
        value = v["text_scale"] if "text_scale" in v else scale_from_points(v["font_size"])
        self.settings.text_scale = value
        self.settings.idle_minutes = v["idle_minutes"]
        self.w.lock.set_idle_minutes(v["idle_minutes"])
        self.apply_text_scale(value)
        if v["theme"] != self.settings.theme:
            self.settings.theme = v["theme"]
            from ..app import apply_theme

            apply_theme(QApplication.instance(), v["theme"])  # type: ignore[arg-type]
        if v["language"] != self.settings.language:
            self.settings.language = v["language"]
            self.w.language_change_requested.emit(v["language"])

    # ============================================================================== theme
    def refresh_theme(self) -> None:
        w = self.w
        icons.recolour(w)
        w.item_page.changed_banner.apply_style()
        w.item_page.secret_banner.apply_style()
        w.item_page.notes.apply_style()
        w.meeting_mode.notes.apply_style()
        w.meeting_mode.secret_banner.apply_style()
        w.item_page.render()
        w.meeting_mode.render()

    # ============================================================================== window state
    def _splitters(self) -> tuple:
        w = self.w
        return (
            ("splitter", w.splitter),
            ("left", w.left_splitter),
            ("item", w.item_page.splitter),
            ("meeting", w.meeting_mode.splitter),
        )

    def restore_state(self) -> None:
        geo = self.settings.window_state("geometry")
        if geo is not None:
            self.w.restoreGeometry(geo)
        screen = self.w.screen()
        avail = screen.availableGeometry() if screen is not None else None
        if geo is None and avail is not None:
            self.w.setGeometry(first_geometry(avail))
        elif avail is not None and not avail.contains(self.w.frameGeometry()):
            # remembered on a larger screen (or a screen that is gone): fit this one
            size = self.w.size().boundedTo(avail.size() - (self.w.frameGeometry().size() - self.w.size()))
            self.w.resize(size)
            self.w.move(avail.topLeft() + QPoint(max(0, (avail.width() - self.w.frameGeometry().width()) // 2), 0))
        for name, splitter in self._splitters():
            st = self.settings.window_state(name)
            if st is not None:
                splitter.restoreState(st)

    def save_state(self) -> None:
        self.settings.set_window_state("geometry", self.w.saveGeometry())
        for name, splitter in self._splitters():
            self.settings.set_window_state(name, QByteArray(splitter.saveState()))
        self.settings.sync()


def first_geometry(avail: QRect) -> QRect:
    """The first window on a screen with ``avail`` (the screen's available geometry: without the panels):
    at most 1280x820, never larger than 94 % of the width and 90 % of the height (a title bar and the window
    frame need the rest), centred. 1366x768 gives 1280x691: the status bar stays on the screen."""
    w = min(1280, int(avail.width() * 0.94))
    h = min(820, int(avail.height() * 0.90))
    return QRect(avail.x() + (avail.width() - w) // 2, avail.y() + (avail.height() - h) // 2, w, h)
