"""Arkiv > Källor för synkning…: the sources kallelser arrive from (a folder, a kommun's web page, an OParl
endpoint). Add one (its location is checked), test it (what it finds now, in the background), remove one,
and sync now."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import UserError
from .. import i18n
from .messages import confirm, user_text


class SourcesDialog(QDialog):
    def __init__(self, window: Any, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.w = window
        self.ctx = window.ctx
        self.setWindowTitle(self.tr("Sync sources"))
        self.setMinimumWidth(720)
        lay = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Notices can arrive by themselves: from a folder (downloads, a USB stick, a shared drive), "
                "from the kommun's web page with PDF links, or from an OParl endpoint. Only new and changed "
                "files are fetched; everything stays readable offline."
            )
        )
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.list = QTreeWidget()
        self.list.setHeaderLabels([self.tr("Name"), self.tr("Kind"), self.tr("Location"), self.tr("Last sync")])
        self.list.setRootIsDecorated(False)
        self.list.setAccessibleName(self.tr("Sources"))
        lay.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("&Test"))
        self.test_button.setToolTip(self.tr("See what the selected source holds now"))
        self.test_button.clicked.connect(self.test_selected)
        row.addWidget(self.test_button)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.remove_button)
        self.sync_button = QPushButton(self.tr("&Sync now"))
        self.sync_button.clicked.connect(lambda: self.w.sync_ctl.sync_now())
        row.addWidget(self.sync_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setAccessibleName(self.tr("Result"))
        lay.addWidget(self.answer)

        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Folder"), "folder")
        self.kind.addItem(self.tr("Web page with PDF links"), "web")
        self.kind.addItem(self.tr("OParl endpoint"), "oparl")
        self.kind.setAccessibleName(self.tr("Kind of source"))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form.addRow(self.tr("&Kind:"), self.kind)
        self.name = QLineEdit()
        self.name.setAccessibleName(self.tr("Name of the source"))
        self.name.setPlaceholderText(self.tr("e.g. Downloads, Botkyrka kommun"))
        form.addRow(self.tr("&Name:"), self.name)
        loc = QHBoxLayout()
        self.location = QLineEdit()
        self.location.setAccessibleName(self.tr("Location of the source"))
        loc.addWidget(self.location, 1)
        self.browse = QPushButton(self.tr("Choose &folder…"))
        self.browse.clicked.connect(self._choose_folder)
        loc.addWidget(self.browse)
        form.addRow(self.tr("&Location:"), loc)
        self.pattern = QLineEdit()
        self.pattern.setAccessibleName(self.tr("Which links to follow"))
        self.pattern.setPlaceholderText(self.tr("optional: a regular expression on the link, e.g. socialnamnd"))
        form.addRow(self.tr("&Links:"), self.pattern)
        lay.addLayout(form)
        add_row = QHBoxLayout()
        add_row.addStretch(1)
        self.add_button = QPushButton(self.tr("&Add source"))
        self.add_button.clicked.connect(self.add_source)
        add_row.addWidget(self.add_button)
        lay.addLayout(add_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self._kind_changed()
        self.reload()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.browse.setVisible(kind == "folder")
        self.pattern.setEnabled(kind == "web")
        self.location.setPlaceholderText(
            {
                "folder": self.tr("a folder on this computer"),
                "web": self.tr("https://… the page that lists the notices"),
                "oparl": self.tr("https://…/system.json"),
            }[kind]
        )

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder to sync from"), self.location.text())
        if chosen:
            self.location.setText(chosen)

    def reload(self) -> None:
        from ...sync import engine

        self.list.clear()
        kinds = {"folder": self.tr("Folder"), "web": self.tr("Web page"), "oparl": "OParl"}
        for r in engine.sources(self.ctx):
            last = (r["last_sync"] or "")[:16].replace("T", " ") or self.tr("never")
            if r.get("last_status") == "failed":
                last += " · " + self.tr("not reached")
            item = QTreeWidgetItem([r["name"], kinds.get(r["kind"], r["kind"]), r["location"], last])
            if r.get("last_error"):
                item.setToolTip(3, r["last_error"])
            self.list.addTopLevelItem(item)
        has = self.list.topLevelItemCount() > 0
        first = self.list.topLevelItem(0)
        if first is not None and self.list.currentItem() is None:
            self.list.setCurrentItem(first)
        for b in (self.test_button, self.remove_button, self.sync_button):
            b.setEnabled(has)

    def _selected(self) -> str | None:
        item = self.list.currentItem()
        return item.text(0) if item is not None else None

    def add_source(self) -> bool:
        from ...sync import engine

        try:
            engine.add_source(
                self.ctx, self.kind.currentData(), self.name.text().strip(), self.location.text().strip(),
                self.pattern.text().strip() or None,
            )  # fmt: skip
        except UserError as exc:
            self.answer.setText(user_text(exc))
            return False
        self.answer.setText(self.tr("Added. It is synced now, and then every half hour."))
        name = self.name.text().strip()
        self.name.clear()
        self.location.clear()
        self.pattern.clear()
        self.reload()
        self.w.sync_ctl.sources_changed()
        self.w.sync_ctl.sync_now(name, quiet=True)
        return True

    def remove_selected(self) -> None:
        from ...sync import engine

        name = self._selected()
        if name is None:
            return
        text = self.tr("Remove the source %1? The meetings already imported from it stay.").replace("%1", name)
        if not confirm(self, self.tr("Remove source"), text, self.tr("&Remove")):
            return
        engine.remove_source(self.ctx, name)
        self.reload()
        self.w.sync_ctl.sources_changed()

    def test_selected(self) -> None:
        """What the source holds now (its listing only: nothing is fetched or imported)."""
        from ...sync import engine
        from ...sync.model import SourceConfig

        name = self._selected()
        row = next((r for r in engine.sources(self.ctx) if r["name"] == name), None)
        if row is None:
            return
        config = SourceConfig.from_row(row)
        self.answer.setText(self.tr("Testing %1…").replace("%1", config.name))

        def work() -> int:
            from ...sync.sources import make_source

            if config.kind == "folder":
                return len(make_source(config).listing(None).remotes)
            from ...sync.http import HttpClient

            with HttpClient() as http:
                return len(make_source(config).listing(http).remotes)

        def done(n: int) -> None:
            self.answer.setText(self.tr("%1 answers: %n file(s) found.", "", n).replace("%1", config.name))

        def failed(exc: BaseException) -> None:
            msg = getattr(exc, "message", None)
            self.answer.setText(msg(i18n.current()) if callable(msg) else str(exc))

        self.w.runner.run(work, done, failed)
