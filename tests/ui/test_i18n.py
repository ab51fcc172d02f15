"""Translations: the Swedish catalogue is complete, the committed .ts/.qm match the code, and no visible
text of the live widget tree is left in English when the client runs in Swedish."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

from botkyrka_nämnd.ui.i18n import build

from .conftest import PASSPHRASE, close_client, make_client, secret_item

TS_SV = build.ts_path("sv")


def _messages(path):
    root = ET.parse(path).getroot()
    for ctx in root.findall("context"):
        name = ctx.find("name").text or ""
        for m in ctx.findall("message"):
            yield name, m


def test_swedish_catalogue_is_complete():
    n = 0
    for ctx, m in _messages(TS_SV):
        n += 1
        tr = m.find("translation")
        src = m.find("source").text
        assert tr.get("type") not in ("unfinished", "obsolete", "vanished"), (ctx, src)
        texts = [f.text for f in tr.findall("numerusform")] if m.get("numerus") == "yes" else [tr.text]
        assert all(t and t.strip() for t in texts), (ctx, src)
        # placeholders survive translation
        assert sorted(re.findall(r"%\d|%n", src)) == sorted(set(re.findall(r"%\d|%n", " ".join(texts)))) or set(
            re.findall(r"%\d|%n", src)
        ) == set(re.findall(r"%\d|%n", " ".join(texts))), (ctx, src)
    assert n > 200


def test_english_catalogue_has_the_plural_forms():
    plural = [(c, m) for c, m in _messages(build.ts_path("en"))]
    assert plural and all(m.get("numerus") == "yes" for _, m in plural)
    for _, m in plural:
        one, many = [f.text for f in m.find("translation").findall("numerusform")]
        assert "(s)" not in one and "(s)" not in many
        src = m.find("source").text
        assert (one != many) == ("(s)" in src), src


def test_contexts_are_our_classes():
    """pyside6-lupdate sometimes guesses a context wrongly (e.g. 'QCoreApplication.self'): then the runtime
    lookup misses and the text stays English. Every context must be a class of ui/ or a declared one."""
    sources = "\n".join(p.read_text(encoding="utf-8") for p in build.sources())
    classes = set(re.findall(r"^class (\w+)", sources, re.M))
    declared = set(re.findall(r'QCoreApplication\.translate\(\s*"(\w+)"', sources))
    for ctx, _ in _messages(TS_SV):
        assert ctx in classes | declared, ctx


@pytest.mark.slow
def test_committed_ts_qm_and_resources_are_up_to_date():
    """lupdate over the code changes nothing in the .ts files, lrelease reproduces the committed .qm files,
    rcc reproduces resources_rc.py (``python -m botkyrka_nämnd.ui.i18n.build`` fixes all three)."""
    assert build.check() == []


def _english_sources() -> set[str]:
    """English source strings whose Swedish translation is different (shown as-is = untranslated)."""
    out = set()
    for _, m in _messages(TS_SV):
        src = m.find("source").text
        tr = m.find("translation")
        texts = [f.text for f in tr.findall("numerusform")] if m.get("numerus") == "yes" else [tr.text]
        if src not in texts and "%" not in src:
            out.add(src.replace("&", ""))
    return out


def _visible_texts(widget: QWidget) -> list[tuple[str, str]]:
    out = []
    widgets = [widget, *widget.findChildren(QWidget)]
    for w in widgets:
        name = f"{type(w).__name__}:{w.objectName()}"
        if w.isWindow():
            out.append((name + ".title", w.windowTitle()))
        for label, text in (("tooltip", w.toolTip()), ("accessible", w.accessibleName())):
            out.append((f"{name}.{label}", text))
        if isinstance(w, (QLabel, QAbstractButton)):
            out.append((name, w.text()))
        if isinstance(w, QLineEdit):
            out.append((name + ".placeholder", w.placeholderText()))
        if isinstance(w, QPlainTextEdit):
            out.append((name + ".placeholder", w.placeholderText()))
        if isinstance(w, QComboBox):
            out += [(f"{name}[{i}]", w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QMenu):
            out.append((name + ".menu", w.title()))
        for a in w.actions():
            out += [(f"{name}.action", a.text()), (f"{name}.action.tip", a.toolTip())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

            cols = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
            for c in range(cols):
                out.append((f"{name}.header{c}", model.headerData(c, Qt.Orientation.Horizontal) or ""))
            for r in range(min(model.rowCount(QModelIndex()), 20)):
                for c in range(cols):
                    out.append((f"{name}[{r},{c}]", str(model.index(r, c).data() or "")))
                    out.append((f"{name}[{r},{c}].tip", str(model.index(r, c).data(Qt.ItemDataRole.ToolTipRole) or "")))
    return [(k, str(v).replace("&", "")) for k, v in out if v]


def _untranslated(widget, english: set[str]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in _visible_texts(widget) if v in english]


def test_live_widget_tree_is_swedish(qapp, qtbot, ctx, tmp_path, clock, messages):
    english = _english_sources()
    assert "&Import notices…".replace("&", "") in english
    c = make_client(qapp, ctx, tmp_path, clock, lang="sv")
    w = c.window
    found = []
    try:
        found += _untranslated(w, english)  # start: meetings, agenda, welcome page
        it = secret_item(ctx)
        w.open_item(it["id"])
        found += _untranslated(w, english)  # item page with a locked secret part
        docs = [d for d in c.reading.documents(it["id"]) if d["has_pdf"]]
        w.open_document(docs[0]["id"])
        found += _untranslated(w, english)  # PDF page
        w.search_field.setText("placering")
        qtbot.waitUntil(lambda: w.search_page.model.hit_count > 0, timeout=10000)
        found += _untranslated(w, english)  # search page with results
        w.set_meeting_mode(True)
        found += _untranslated(w, english)
        w.set_meeting_mode(False)
        w.act_overview.trigger()
        found += _untranslated(w, english)  # notes overview (empty)
        ctx.annotations.save_note(it["id"], "En anteckning", tags=["fråga"])
        w.notes_ctl.reload_overview()
        found += _untranslated(w, english)  # notes overview with a note
        w.act_unlock.trigger()
        found += _untranslated(w.unlock_dialog, english)
        w.unlock_dialog.reject()
        ctx.unlock(PASSPHRASE)
        c.lock.mark_unlocked()
        w.open_item(it["id"])
        found += _untranslated(w, english)  # the note on the secret part
        c.lock.lock("manual")
        from botkyrka_nämnd.ui.crash import CrashDialog
        from botkyrka_nämnd.ui.dialogs.passage import CommentDialog, PassageDialog
        from botkyrka_nämnd.ui.dialogs.settings_dialog import SettingsDialog
        from botkyrka_nämnd.ui.dialogs.vault import VaultSetupDialog

        doc = ctx.repo.document(docs[0]["id"])
        passage = PassageDialog(doc, ctx.repo.sections(doc["id"]), title="t", intro="i", ok_text="o", parent=w)
        for dlg in (
            SettingsDialog(w.settings, w),
            VaultSetupDialog(ctx, w.runner, w),
            CrashDialog("rapport", w),
            CommentDialog("citat", parent=w),
            passage,
        ):
            found += _untranslated(dlg, english)
            dlg.deleteLater()
        for menu in w.menuBar().findChildren(QMenu):
            found += _untranslated(menu, english)
    finally:
        close_client(c, qtbot)
    assert found == []


def test_english_when_chosen_and_switching_at_run_time(qapp, qtbot, ctx, tmp_path, clock, messages):
    from botkyrka_nämnd.ui import i18n

    c = make_client(qapp, ctx, tmp_path, clock, lang="sv")
    try:
        item = ctx.repo.items(c.window.current_meeting)[1]["id"]
        c.window.open_item(item)
        assert c.window.act_import.text() == "&Importera kallelser…"
        c.window.apply_settings({"language": "en", "text_scale": 100, "theme": "light", "idle_minutes": 5})
        w = c.window
        assert i18n.current() == "en" and c.settings.language == "en"
        assert w.act_import.text() == "&Import notices…"
        assert w.current_item == item  # the new window continues where the old one was
        assert w.vault_label.text() == "Secret content: locked"
    finally:
        close_client(c, qtbot)
        i18n.install(qapp, "sv")


def test_system_language_falls_back_to_swedish(monkeypatch):
    from PySide6.QtCore import QLocale

    from botkyrka_nämnd.ui import i18n

    class FakeLocale:
        def __init__(self, langs):
            self.langs = langs

        def uiLanguages(self):
            return self.langs

    for langs, expected in (
        (["en-GB", "sv-SE"], "en"),
        (["sv-SE"], "sv"),
        (["C"], "sv"),
        (["de-DE", "fr"], "sv"),
        (["de-DE", "en-US"], "en"),
    ):
        monkeypatch.setattr(QLocale, "system", staticmethod(lambda langs=langs: FakeLocale(langs)))
        assert i18n.system_language() == expected, langs
    assert i18n.resolve("en") == "en" and i18n.resolve("system") in ("sv", "en")
