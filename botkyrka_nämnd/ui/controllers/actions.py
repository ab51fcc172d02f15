"""The window's actions, menus and toolbar from declarative tables (:class:`ActionSpec`, menu and toolbar
layouts) instead of hand-written ``QAction`` blocks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenuBar, QToolBar, QWidget

from .. import icons

Shortcut = str | QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """One action: ``id`` is the window attribute (``act_<id>``), ``handler`` a dotted attribute path
    from the window (``"nav.go_back"``), called with ``args`` when the action is triggered."""

    id: str
    text: str
    handler: str
    shortcut: Shortcut | Sequence[Shortcut] | None = None
    icon: str | None = None
    tip: str | None = None
    args: tuple[Any, ...] = ()
    checkable: bool = False
    short: str | None = None  # the label on the toolbar button, when shorter than ``text``


SEPARATOR = None  # in a menu or toolbar layout


def resolve(root: object, path: str) -> Callable[..., Any]:
    obj: Any = root
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def make_action(window: QMainWindow, spec: ActionSpec) -> QAction:
    a = QAction(spec.text, window)
    if spec.icon:
        a.setIcon(icons.icon(spec.icon))
        a.setData(spec.icon)
    shortcut = spec.shortcut
    if isinstance(shortcut, (list, tuple)):
        a.setShortcuts([QKeySequence(s) for s in shortcut])
    elif isinstance(shortcut, (str, QKeySequence.StandardKey)):
        a.setShortcut(QKeySequence(shortcut))
    if spec.short:
        a.setIconText(spec.short.replace("&", ""))
    if spec.tip:
        a.setToolTip(spec.tip)
        a.setStatusTip(spec.tip)
    a.setCheckable(spec.checkable)
    handler = resolve(window, spec.handler)
    a.triggered.connect(lambda _checked=False: handler(*spec.args))
    window.addAction(a)
    return a


def build_actions(window: QMainWindow, specs: Sequence[ActionSpec]) -> dict[str, QAction]:
    """Create every action and set it on the window as ``act_<id>``."""
    out = {}
    for spec in specs:
        out[spec.id] = a = make_action(window, spec)
        setattr(window, f"act_{spec.id}", a)
    return out


def build_menus(bar: QMenuBar, actions: dict[str, QAction], menus: Sequence[tuple[str, Sequence[str | None]]]) -> None:
    """``menus``: (title, action ids with ``SEPARATOR`` between groups), in menu bar order."""
    for title, ids in menus:
        m = bar.addMenu(title)
        for i in ids:
            if i is SEPARATOR:
                m.addSeparator()
            else:
                m.addAction(actions[i])


def fill_toolbar(tb: QToolBar, actions: dict[str, QAction], layout: Sequence[str | QWidget | None]) -> None:
    """``layout``: action ids, widgets and ``SEPARATOR``, left to right."""
    for entry in layout:
        if entry is SEPARATOR:
            tb.addSeparator()
        elif isinstance(entry, QWidget):
            tb.addWidget(entry)
        else:
            tb.addAction(actions[entry])
