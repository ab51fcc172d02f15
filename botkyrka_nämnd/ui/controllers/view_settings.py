"""View size (text size, PDF zoom), the settings dialog and what its values change, the theme's icons and
colours, and the window's saved geometry and splitters."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from .. import icons


class ViewSettingsController(QObject):
    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.w = window
        self.settings = window.settings
        self.font_pt: int = self.settings.font_size
        self.settings_dialog: Any = None

    # ============================================================================== view size
    def zoom(self, direction: int) -> None:
        w = self.w
        page = w.document_page
        if not w.nav.in_meeting_mode and w.reader.currentWidget() is page and page.is_pdf:
            if direction == 0:
                page.fit_width()
            else:
                page.zoom_step(direction)
            return
        from ..settings import FONT_SIZES

        if direction == 0:
            pt = 11
        else:
            cur = self.font_pt
            bigger = [s for s in FONT_SIZES if s > cur]
            smaller = [s for s in FONT_SIZES if s < cur]
            pt = (bigger[0] if bigger else cur) if direction > 0 else (smaller[-1] if smaller else cur)
        self.settings.font_size = pt
        self.apply_font_size(pt)

    def apply_font_size(self, pt: int) -> None:
        w = self.w
        self.font_pt = pt
        w.item_page.set_font_size(pt)
        w.meeting_mode.set_font_size(pt)
        w.document_page.set_font_size(pt)
        f = w.font()
        f.setPointSize(max(9, min(pt, 14)))
        for view in (w.meetings_view, w.agenda_view, w.search_page.tree):
            view.setFont(f)

    # ============================================================================== settings
    def open_settings(self) -> None:
        from ..dialogs.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.settings, self.w)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.apply_settings(dlg.values()))
        self.settings_dialog = dlg
        dlg.open()

    def apply_settings(self, v: dict) -> None:
        self.settings.font_size = v["font_size"]
        self.settings.idle_minutes = v["idle_minutes"]
        self.w.lock.set_idle_minutes(v["idle_minutes"])
        self.apply_font_size(v["font_size"])
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
        icons.clear_cache()
        for a in w.findChildren(QAction):
            name = a.data()
            if isinstance(name, str) and name:
                a.setIcon(icons.icon(name))
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
