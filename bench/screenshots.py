"""Render the desktop client's main views into PNGs (offscreen), for looking at them.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/screenshots.py [--out bench/out] [--data-dir DIR]
        [--dark] [--lang sv|en] [--size 1440x900]

Without ``--data-dir`` a fresh data dir is made with the demo data (services.demo) and a vault with a
fixed passphrase (fast KDF, in-memory keyring: for pictures only), so the secret part can be shown both
locked and unlocked. Writes:

  01_item.png            the main window with an item (agenda, item text, proposed decision, documents)
  02_document.png        an attachment as a PDF page
  03_search.png          search results for a common word
  04_meeting_mode.png    meeting mode with the member's note
  05_secret_locked.png   an item with a secret part while the vault is locked
  06_secret_unlocked.png the same item unlocked (banner, content)
  07_unlock_dialog.png   the unlock dialog
  08_dark.png            the item view in dark mode (with --dark all pictures are dark)
  10_item_notes.png      the item view with the member's notes: position, tags, note, painted highlights
  11_notes_overview.png  the notes overview of the meeting, with a highlight that needs review after a re-issue
  12_page_highlight.png  "Highlight on this page…" on a PDF page: the page's text to select a passage in
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSPHRASE = "skärmbild demo lösenfras"


def settle(app, ms: int = 150) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def save(widget, out: Path, name: str, app) -> None:
    settle(app)
    path = out / name
    widget.grab().save(str(path))
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


def prepare_demo(data_dir: Path):
    from botkyrka_nämnd.services.context import AppContext
    from botkyrka_nämnd.services.demo import import_demo
    from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore

    ctx = AppContext(data_dir, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    ctx.vault.init(PASSPHRASE)
    ctx.lock()
    res = import_demo(ctx)
    if res.failed:
        raise SystemExit(f"demo import failed: {[f.error.sv for f in res.failed]}")
    return ctx


def inline_passages(ctx, meeting_id: str) -> tuple[int, int, list[str]] | None:
    """An item with a staff report shown inline, that document and a few of its sentences."""
    for it in ctx.repo.items(meeting_id):
        for d in ctx.repo.documents(it["id"]):
            if d["kind"] not in ("tjansteskrivelse", "tjansteutlatande"):
                continue
            out = []
            for sec in ctx.repo.sections(d["id"]):
                if sec["kind"] == "forslag_till_beslut" or not sec.get("heading"):
                    continue
                for para in sec["text_clean"].split("\n\n"):
                    sentence = " ".join(para.split()).split(". ")[0]
                    if len(sentence) > 40:
                        out.append(sentence)
            if len(out) >= 2:
                return it["id"], d["id"], out
    return None


def reissue_without(ctx, tmpdir: Path, meeting_date: str, passage: str) -> None:
    """Import the re-issued demo kallelse once more, without ``passage`` (a third version)."""
    import datetime as _dt

    from botkyrka_nämnd.demo import demo_meetings
    from botkyrka_nämnd.services.demo import SETTING

    today = _dt.date.fromisoformat(ctx.store.get_setting(SETTING))
    m = next(m for m in demo_meetings(today) if m.revision == 2 and m.date.isoformat() == meeting_date)
    path = tmpdir / f"{m.file_stem}-2.txt"
    path.write_text(m.text.replace(passage, ""), encoding="utf-8")
    res = ctx.importer.import_paths([path])
    if res.failed:
        raise SystemExit(f"re-issue failed: {[f.error.sv for f in res.failed]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "bench" / "out"))
    ap.add_argument("--data-dir")
    ap.add_argument("--dark", action="store_true")
    ap.add_argument("--lang", default="sv", choices=["sv", "en"])
    ap.add_argument("--size", default="1440x900")
    ap.add_argument("--query", default="placering")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    w_px, h_px = (int(x) for x in args.size.split("x"))

    tmp = None
    if args.data_dir:
        from botkyrka_nämnd.services.context import AppContext

        ctx = AppContext(args.data_dir)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="botkyrka-shots-")
        ctx = prepare_demo(Path(tmp.name) / "data")

    from botkyrka_nämnd.ui import app as uiapp
    from botkyrka_nämnd.ui import i18n
    from botkyrka_nämnd.ui.settings import Settings

    qapp = uiapp.make_app()
    i18n.install(qapp, args.lang)
    uiapp.apply_theme(qapp, "dark" if args.dark else "light")
    settings = Settings(Path(tempfile.mkdtemp(prefix="botkyrka-shots-settings-")) / "settings.ini")
    client = uiapp.Client(qapp, ctx, settings)
    win = client.window
    win.suppress_dialogs = True
    client.start(show=True, demo_if_empty=False)
    win.resize(w_px, h_px)
    settle(qapp, 300)

    # an item with a proposed decision and documents
    from botkyrka_nämnd.ui.models.roles import IdRole

    first = win.meetings_model.first_meeting()
    meeting_id = first.data(IdRole)
    win.select_meeting(meeting_id)
    target_item, secret_item, pdf_doc = None, None, None
    for mid in win.meetings_model.meeting_ids():
        for it in ctx.repo.items(mid):
            docs = client.reading.documents(it["id"])
            if target_item is None and mid == meeting_id and it.get("proposal") and docs:
                target_item = it["id"]
            if pdf_doc is None and mid == meeting_id and any(d["has_pdf"] and d["kind"] == "bilaga" for d in docs):
                pdf_doc = next(d["id"] for d in docs if d["has_pdf"] and d["kind"] == "bilaga")
            if secret_item is None and it.get("secret_parts"):
                secret_item = it["id"]
    if target_item is None:
        target_item = win.agenda_model.item_id(1) or win.agenda_model.item_id(0)
    win.open_item(target_item)
    settle(qapp, 1700)  # the read mark after the dwell time
    save(win, out, "01_item.png", qapp)

    if pdf_doc is None:
        for it in ctx.repo.items(meeting_id):
            docs = [d for d in client.reading.documents(it["id"]) if d["has_pdf"]]
            if docs:
                pdf_doc = docs[-1]["id"]
                break
    if pdf_doc is not None:
        win.open_document(pdf_doc, 1)
        settle(qapp, 600)
        save(win, out, "02_document.png", qapp)

    win.search_field.setText(args.query)
    win.search_page.run_now()
    settle(qapp, 1200)
    save(win, out, "03_search.png", qapp)
    win.search_field.clear()

    win.open_item(target_item)
    win.item_page.notes.edit.setPlainText(
        "Fråga: hur följs placeringarna upp under 2025?\nYrkande: återremiss om underlag saknas."
    )
    win.item_page.notes.flush()
    settle(qapp, 500)
    win.set_meeting_mode(True)
    settle(qapp, 400)
    save(win, out, "04_meeting_mode.png", qapp)
    win.set_meeting_mode(False)

    if secret_item is not None:
        win.open_item(secret_item)
        settle(qapp, 300)
        save(win, out, "05_secret_locked.png", qapp)
        if ctx.vault.exists():
            from botkyrka_nämnd.ui.dialogs.vault import UnlockDialog

            dlg = UnlockDialog(ctx, win.runner, win)
            dlg.show()
            settle(qapp, 200)
            save(dlg, out, "07_unlock_dialog.png", qapp)
            dlg.close()
            if not args.data_dir:
                ctx.unlock(PASSPHRASE)
                client.lock.mark_unlocked()
                settle(qapp, 300)
                save(win, out, "06_secret_unlocked.png", qapp)
                client.lock.lock("manual")
    # the member's notes: a highlight made by selecting text, one with a comment, position, tags, a note
    found = inline_passages(ctx, meeting_id)
    if found is not None:
        item_id, doc_id, sentences = found
        win.open_item(item_id)
        cur = win.item_page.browser.document().find(sentences[0])
        win.item_page.browser.setTextCursor(cur)
        win.act_highlight.trigger()
        text = ctx.repo.document_text(doc_id)
        start = text.find(sentences[1][:30])
        if start >= 0:
            ctx.annotations.save_highlight(
                item_id,
                document_id=doc_id,
                start=start,
                end=start + len(sentences[1]),
                comment="Be om siffror per stadsdel.",
                tags=["fråga"],
            )
        notes = win.item_page.notes
        notes.edit.setPlainText(
            "Fråga förvaltningen hur uppföljningen ska gå till.\nYrkande: återremiss om "
            "underlaget saknar kostnader per år."
        )
        notes.set_tag("viktigt", True)
        notes.set_tag("budget", True)
        notes.set_position("yrkande")
        notes.flush()
        win.notes_ctl.writer.wait(10000)
        settle(qapp, 300)
        win.notes_ctl.refresh_highlights(item_id)
        settle(qapp, 300)
        save(win, out, "10_item_notes.png", qapp)

    # a highlight on the re-issued document whose passage a later re-issue removes: "behöver granskas"
    reissued = ctx.store.conn.execute(
        "SELECT d.id, d.item_id, m.date FROM document d JOIN agenda_item i ON i.id=d.item_id JOIN meeting m ON m.id=i.meeting_id "
        "WHERE d.version = 2 AND d.is_current = 1"
    ).fetchone()
    if reissued is not None and not args.data_dir:
        doc_id, item_id, date = reissued
        text = ctx.repo.document_text(doc_id)
        passage = next((p for p in text.split("\n\n") if p.startswith("Efter att kallelsen")), None)
        if passage:
            ctx.annotations.save_highlight(
                item_id,
                document_id=doc_id,
                start=text.index(passage),
                end=text.index(passage) + len(passage),
                comment="Varför ändrades beloppet?",
            )
            reissue_without(ctx, Path(tempfile.mkdtemp(prefix="botkyrka-shots-reissue-")), date, passage)
        mid = ctx.repo.item_by_id(item_id)["meeting_id"]
        win.reload_meetings(select=mid)
        win.nav.load_agenda(mid)  # as after an import in the client
        ctx.annotations.save_note(item_id, "Kontrollera det nya beloppet mot budgeten.", tags=["viktigt"])
        ctx.annotations.set_position(ctx.repo.items(mid)[1]["id"], "for")
    win.act_overview.trigger()
    settle(qapp, 400)
    save(win, out, "11_notes_overview.png", qapp)

    if pdf_doc is not None:
        win.open_document(pdf_doc, 1)
        settle(qapp, 400)
        win.act_highlight.trigger()
        dlg = win.notes_ctl.dialog
        if dlg is not None:
            para = next((p for p in dlg.browser.toPlainText().split("\n") if len(p.split()) > 14), "")
            dlg.select_text(" ".join(para.split()[:12]))
            dlg.resize(720, 520)
            settle(qapp, 300)
            save(dlg, out, "12_page_highlight.png", qapp)
            dlg.reject()

    if not args.dark:
        uiapp.apply_theme(qapp, "dark")
        settle(qapp, 200)
        win.open_item(target_item)
        save(win, out, "08_dark.png", qapp)
        uiapp.apply_theme(qapp, "light")
    client.shutdown()
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
