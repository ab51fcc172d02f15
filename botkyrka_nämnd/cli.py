"""The command line (DESIGN.md §7). Same services as the desktop client.

User errors are printed as one line on stderr (Swedish, then English in parentheses) with exit code 1
(2 for usage errors); no traceback. Unexpected errors are logged with their traceback in the log file and
reported as one line too.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import APP_NAME, __version__, log, paths
from .cli_input import Parser, _read_passphrase, _terminal_safe, _text_input
from .errors import NotFound, UserError, VaultError

_log = log.get("cli")


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    d = argparse.SUPPRESS if suppress else None
    parser.add_argument("--data-dir", default=d, help="datakatalog (annars plattformens; env BOTKYRKA_NAMND_DATA_DIR)")
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="maskinläsbar JSON på stdout",
    )
    parser.add_argument(
        "--unlock",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="lås upp sekretessvalvet för detta kommando",
    )
    parser.add_argument("--passphrase-file", default=d, help="läs lösenfrasen från en fil (aldrig som argument)")
    parser.add_argument("--lang", default=d, choices=["sv", "en"], help="språk för meddelanden")


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog=APP_NAME, description="Botkyrka nämnd: kallelser, sökning och anteckningar offline.")
    p.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _global_options(p, suppress=False)
    p.add_argument(
        "--smoke-test",
        action="store_true",
        help="starta klienten, öppna första mötet och dess första PDF-sida, avsluta",
    )
    common = Parser(add_help=False)
    _global_options(common, suppress=True)
    sub = p.add_subparsers(dest="command", metavar="KOMMANDO")

    s = sub.add_parser(
        "import", parents=[common], help="importera kallelser, handlingar och protokoll (PDF eller text)"
    )
    s.add_argument("paths", nargs="+", metavar="PATH")
    s.add_argument("--body", help='nämnd eller organ, när filen inte anger det (t.ex. "Socialnämnden")')
    s.add_argument("--date", help="sammanträdets datum ÅÅÅÅ-MM-DD, när filen inte anger det")
    s.add_argument("--kommun", help='kommun, när filen inte anger det (t.ex. "Botkyrka")')

    sub.add_parser("meetings", parents=[common], help="lista möten")

    s = sub.add_parser("agenda", parents=[common], help="dagordningen för ett möte")
    s.add_argument("meeting_id", metavar="MEETING_ID")

    s = sub.add_parser("show", parents=[common], help="visa ett ärende med dess handlingar")
    s.add_argument("meeting_id", metavar="MEETING_ID")
    s.add_argument("item_number", type=int, metavar="ITEM_NUMBER")

    s = sub.add_parser("search", parents=[common], help="sök i ärenden, bilagor och anteckningar")
    s.add_argument(
        "query",
        metavar="QUERY",
        nargs="?",
        help="sökfrågan; '-' läser den från stdin (så att den inte syns i processlistan)",
    )
    s.add_argument("--query-file", help="läs sökfrågan från en fil ('-' för stdin)")
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--committee", help="nämnd, t.ex. SN")
    s.add_argument("--from", dest="date_from", help="från datum (ÅÅÅÅ-MM-DD)")
    s.add_argument("--to", dest="date_to", help="till datum (ÅÅÅÅ-MM-DD)")
    s.add_argument("--source", choices=["item", "attachment", "note"], action="append", help="källa (kan upprepas)")
    s.add_argument("--sort", choices=["relevance", "date"], default="relevance", help="date: nyaste mötet först")

    s = sub.add_parser("note", parents=[common], help="anteckningar")
    nsub = s.add_subparsers(dest="note_command", metavar="add")
    na = nsub.add_parser("add", parents=[common], help="lägg till en anteckning på ett ärende")
    na.add_argument("meeting_id", metavar="MEETING_ID")
    na.add_argument("item_number", type=int, metavar="ITEM_NUMBER")
    na.add_argument(
        "text",
        metavar="TEXT",
        nargs="?",
        help="anteckningen; '-' läser den från stdin (så att den inte syns i processlistan)",
    )
    na.add_argument("--text-file", help="läs anteckningen från en fil ('-' för stdin)")
    na.add_argument(
        "--tag", action="append", default=[], help="tagg (yrkande, fråga, jäv, att läsa, viktigt, eller egen)"
    )

    s = sub.add_parser("changes", parents=[common], help="vad som ändrats i en ny version av kallelsen")
    s.add_argument("meeting_id", metavar="MEETING_ID")
    s.add_argument("item_number", type=int, nargs="?", metavar="ITEM_NUMBER")

    s = sub.add_parser("highlight", parents=[common], help="färgmarkeringar")
    hsub = s.add_subparsers(dest="highlight_command", metavar="add")
    ha = hsub.add_parser("add", parents=[common], help="färgmarkera ett textstycke i ett ärendes handlingar")
    ha.add_argument("meeting_id", metavar="MEETING_ID")
    ha.add_argument("item_number", type=int, metavar="ITEM_NUMBER")
    ha.add_argument("--quote", required=True, help="textstycket, ordagrant som i handlingen")
    ha.add_argument("--comment", default="", help="en kommentar till markeringen")
    ha.add_argument("--tag", action="append", default=[], help="tagg (kan upprepas)")

    s = sub.add_parser("notes", parents=[common], help="mina anteckningar för ett möte")
    s.add_argument("meeting_id", metavar="MEETING_ID")

    s = sub.add_parser("export", parents=[common], help="exportera mina anteckningar (PDF eller Markdown)")
    s.add_argument("meeting_id", metavar="MEETING_ID")
    s.add_argument("--out", required=True, metavar="FILE")
    s.add_argument("--format", choices=["pdf", "md"], help="standard: efter filändelsen")

    s = sub.add_parser("vault", parents=[common], help="sekretessvalvet: init, status, lock")
    s.add_argument("vault_command", choices=["init", "status", "lock"])

    sub.add_parser("reindex", parents=[common], help="bygg om sökindexet")
    sub.add_parser("check", parents=[common], help="kontrollera hela databasen och sökindexet (tar en stund)")
    s = sub.add_parser("demo", parents=[common], help="importera demodata (en fiktiv nämnd)")
    from .sync.cli import add_parsers

    add_parsers(sub, common)  # sync, sources, publish
    return p


# ------------------------------------------------------------------------------------------ helpers
def _out(args, data, text_lines) -> None:
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for line in text_lines:
            print(line)


def _maybe_unlock(ctx, args) -> None:
    if getattr(args, "unlock", False):
        if not ctx.vault.exists():
            raise VaultError(
                "Det finns inget sekretessvalv. Skapa det med 'botkyrka-namnd vault init'.",
                "There is no vault. Create it with 'botkyrka-namnd vault init'.",
            )
        ctx.unlock(_read_passphrase(args))


def _meeting_or_fail(ctx, meeting_id: str) -> dict:
    m = ctx.meetings.meeting(meeting_id)
    if m is None:
        raise NotFound(
            f"Mötet {meeting_id} finns inte. Se 'botkyrka-namnd meetings'.",
            f"Meeting {meeting_id} not found. See 'botkyrka-namnd meetings'.",
        )
    return m


def _item_or_fail(ctx, meeting_id: str, number: int) -> dict:
    _meeting_or_fail(ctx, meeting_id)
    it = ctx.meetings.item(meeting_id, number)
    if it is None:
        raise NotFound(f"Mötet {meeting_id} har inget ärende {number}.", f"Meeting {meeting_id} has no item {number}.")
    return it


# ------------------------------------------------------------------------------------------ commands
def _hints(args):
    from .domain.dates import parse_iso
    from .importing.kallelse import Hints

    date = getattr(args, "date", None)
    if date is not None and parse_iso(date) is None:
        raise UserError(
            f"Datumet '{date}' förstås inte. Skriv ÅÅÅÅ-MM-DD, t.ex. 2024-09-24.",
            f"The date '{date}' is not understood. Write YYYY-MM-DD, e.g. 2024-09-24.",
        )
    body, kommun = getattr(args, "body", None), getattr(args, "kommun", None)
    if not (body or date or kommun):
        return None
    return Hints(
        body=(body or "").strip() or None, date=parse_iso(date) if date else None, kommun=(kommun or "").strip() or None
    )


def cmd_import(ctx, args) -> int:
    res = ctx.importer.import_paths(args.paths, hints=_hints(args))
    lang = getattr(args, "lang", None) or "sv"
    lines = []
    for o in res.imported:
        word = {"imported": "importerad", "updated": "uppdaterad", "unchanged": "oförändrad"}[o.status]
        lines.append(
            f"{o.meeting_id}: {word}, {o.items} ärenden"
            + (f", {o.secret_parts} sekretessdelar" if o.secret_parts else "")
        )
        for sv, en in o.notices:
            print(_terminal_safe(en if lang == "en" else sv), file=sys.stderr)
    for f in res.failed:  # Swedish, then English in parentheses (or English only with --lang en)
        print(_terminal_safe(f"{f.path}: {f.error.message('en') if lang == 'en' else f.error}"), file=sys.stderr)
    _out(args, res.to_json(lang), lines)
    return 1 if res.failed else 0


def cmd_meetings(ctx, args) -> int:
    rows = ctx.meetings.meetings()
    data = [
        {
            **{k: r[k] for k in ("id", "committee", "date", "time", "place", "chair", "secretary", "item_count")},
            "kommun": r["kommun"],
            "body": r["committee"],
        }
        for r in rows
    ]
    _out(
        args,
        data,
        [
            f"{r['id']}  {r['date']} {r['time'] or ''}  {r['committee']}, {r['kommun']}  ({r['item_count']} ärenden)"
            for r in rows
        ],
    )
    return 0


def _agenda_row(it: dict) -> dict:
    """DESIGN.md §7: ``case_number`` is today's normal form for Botkyrka-shaped numbers (``SN/2024:00303``) and
    the printed form (whitespace normalised) for the others (``IF-2024-00013``, ``2023/BUN 0214``)."""
    return {
        "number": it["ordinal"],
        "title": it["title"],
        "case_number": it.get("agenda_case_display")
        or it["agenda_case_number"]
        or it.get("document_case_display")
        or it["document_case_number"],
        "kind": it["kind"],
        "row_kind": it.get("row_kind") or "item",
        "group": it.get("grp"),
        "proposal": it["proposal"],
        "decision": it.get("decision"),
        "secret": bool(it.get("is_secret")),
        "secret_parts": it["secret_parts"],
    }


def cmd_agenda(ctx, args) -> int:
    _meeting_or_fail(ctx, args.meeting_id)
    items = ctx.meetings.items(args.meeting_id)
    data = [_agenda_row(it) for it in items]
    lines = []
    group = None
    for d in data:
        if d["group"] and d["group"] != group:
            lines.append(f"    {d['group']}")
        group = d["group"]
        num = f"{d['number']:>2}." if d["number"] is not None else "  -"
        lock = "  [sekretess]" if d["secret_parts"] else ""
        decision = d["decision"] or ""
        decided = f"  – beslut: {decision[:77] + '…' if len(decision) > 78 else decision}" if decision else ""
        lines.append(f"{num} {d['title']}" + (f"  ({d['case_number']})" if d["case_number"] else "") + lock + decided)
    _out(args, data, lines)
    return 0


def cmd_show(ctx, args) -> int:
    _maybe_unlock(ctx, args)
    it = _item_or_fail(ctx, args.meeting_id, args.item_number)
    docs = []
    for d in ctx.meetings.documents(it["id"]):
        docs.append(
            {
                "id": d["id"],
                "kind": d["kind"],
                "title": d["title"],
                "bilaga_label": d["bilaga_label"],
                "case_number": d["case_number"],
                "version": d["version"],
                "pages": [d["page_start"], d["page_end"]] if d["page_start"] else None,
                "text": ctx.meetings.document_text(d["id"]),
            }
        )
    secrets = []
    for p in ctx.secret_parts(it["id"]):
        entry = {"kind": p["kind"], "label": p["label"], "locked": "text" not in p}
        if "text" in p:
            entry["text"] = p["text"]
        secrets.append(entry)
    data = {
        "meeting_id": it["meeting_id"],
        **_agenda_row(it),
        "agenda_case_number": it["agenda_case_number"],
        "document_case_number": it["document_case_number"],
        "tabled": bool(it["tabled"]),
        "warnings": it["warnings"],
        "documents": docs,
        "secret_parts": secrets,
    }
    lines = [f"{it['ordinal']}. {it['title']}"]
    if data["case_number"]:
        lines.append(f"Dnr: {data['case_number']}")
    if it["proposal"]:
        lines += ["", "Förslag till beslut:", it["proposal"]]
    for d in docs:
        lines += ["", f"--- {d['title']} ({d['kind']}, version {d['version']}) ---", d["text"]]
    for s in secrets:
        lines += ["", f"[{s['label']}]" if s["locked"] else f"--- Sekretess: {s['label']} ---"]
        if not s["locked"]:
            lines.append(s["text"])
    _out(args, data, lines)
    return 0


def cmd_search(ctx, args) -> int:
    _maybe_unlock(ctx, args)
    query = _text_input(args.query, args.query_file, what_sv="sökfråga", what_en="search query")
    hits = ctx.search.search(
        query,
        limit=args.limit,
        committee=args.committee,
        date_from=args.date_from,
        date_to=args.date_to,
        sources=args.source,
        include_secret=bool(getattr(args, "unlock", False)),
        sort=args.sort,
    )
    data = [h.to_json() for h in hits]
    ocr = " (maskinellt rättad text)"  # the JSON contract keeps its keys; the text says it
    lines = [
        f"{h['meeting_id']} ärende {h['item_number']}: {h['item_title']} [{h['source']}]{ocr * hit.repaired}"
        f"\n    {h['snippet']}"
        for hit, h in zip(hits, data)
    ]
    _out(args, data, lines or ["Inga träffar."])
    return 0


def cmd_note(ctx, args) -> int:
    if args.note_command != "add":
        raise UserError("Ange 'note add MÖTE ÄRENDE TEXT'.", "Use 'note add MEETING ITEM TEXT'.")
    text = _text_input(args.text, args.text_file, what_sv="anteckning", what_en="note")
    it = _item_or_fail(ctx, args.meeting_id, args.item_number)
    note = ctx.annotations.add_note(it["id"], text, tags=args.tag)
    _out(args, note, [f"Anteckning sparad på {args.meeting_id} ärende {args.item_number}."])
    return 0


def cmd_changes(ctx, args) -> int:
    from .services.changes import changes

    _meeting_or_fail(ctx, args.meeting_id)
    if args.item_number is not None:
        _item_or_fail(ctx, args.meeting_id, args.item_number)
    found = changes(ctx, args.meeting_id, args.item_number)
    _out(args, [c.to_json() for c in found], [line for c in found for line in c.text_lines()] or ["Inget har ändrats."])
    return 0


def cmd_highlight(ctx, args) -> int:
    if args.highlight_command != "add":
        raise UserError(
            "Ange 'highlight add MÖTE ÄRENDE --quote TEXT'.", "Use 'highlight add MEETING ITEM --quote TEXT'."
        )
    it = _item_or_fail(ctx, args.meeting_id, args.item_number)
    h = ctx.annotations.highlight_quote(it["id"], args.quote, comment=args.comment, tags=args.tag)
    _out(args, h, [f"Färgmarkering sparad på {args.meeting_id} ärende {args.item_number}."])
    return 0


def cmd_notes(ctx, args) -> int:
    _maybe_unlock(ctx, args)
    _meeting_or_fail(ctx, args.meeting_id)
    notes = ctx.annotations.notes_for_meeting(args.meeting_id)
    lines = []
    for n in notes:
        text = n["body"]
        if n.get("quote"):
            text = f"”{n['quote']}”" + (f" – {n['body']}" if n["body"] else "")
            if n.get("state") == "review":
                text += f"  (behöver granskas; ny lydelse: ”{n['proposed']}”)"
            elif n.get("state") == "orphaned":
                text += "  (behöver granskas; finns inte i den nya versionen)"
        lines.append(
            f"{n['item_number']}. {n['item_title']}: {text}" + (f"  [{', '.join(n['tags'])}]" if n["tags"] else "")
        )
    _out(args, notes, lines or ["Inga anteckningar."])
    return 0


def cmd_export(ctx, args) -> int:
    _meeting_or_fail(ctx, args.meeting_id)
    from .export import export_notes

    fmt = args.format or ("md" if args.out.lower().endswith(".md") else "pdf")
    out = export_notes(ctx, args.meeting_id, Path(args.out), fmt=fmt)
    _out(args, {"meeting_id": args.meeting_id, "out": str(out), "format": fmt}, [f"Exporterade {out}"])
    return 0


def cmd_vault(ctx, args) -> int:
    v = ctx.vault
    if args.vault_command == "init":
        if v.exists():
            raise VaultError(
                "Ett sekretessvalv finns redan; det skrivs aldrig över.",
                "A vault already exists; it is never overwritten.",
            )
        v.init(_read_passphrase(args, confirm=True))
        from .services.pending_secrets import read_again

        payload, lines = read_again(ctx)  # the files whose secret parts arrived before the vault existed
        _out(args, {"created": True, **payload}, ["Sekretessvalvet är skapat.", *lines])
    elif args.vault_command == "status":
        st = v.status()
        pending = ctx.meetings.sealed_pending()
        st["sealed_pending"] = pending
        lines = [
            "Valv: " + ("finns" if st["exists"] else "finns inte (skapa med 'vault init')"),
            "Läge: " + ("upplåst" if st["unlocked"] else "låst"),
            f"Nyckelring: {st.get('keyring')}",
            f"Väntande förseglade delar: {pending}",
        ]
        _out(args, st, lines)
    else:
        v.lock()
        _out(args, {"locked": True}, ["Sekretessvalvet är låst."])
    return 0


def cmd_reindex(ctx, args) -> int:
    idx = ctx.search_index
    if idx is None:
        raise UserError("Sökindexet är inte tillgängligt.", "The search index is not available.")
    n = idx.rebuild()
    _out(args, {"rebuilt": True, "rows": n}, [f"Sökindexet är ombyggt ({n} rader)."])
    return 0


def cmd_check(ctx, args) -> int:
    """The store was opened with the full check (``main``); the search index is checked too."""
    ctx.open()
    idx = ctx.search_index
    index_ok = idx.integrity_check() if idx is not None else None
    data = {"store": "ok", "search_index": "ok" if index_ok else ("damaged" if index_ok is False else "missing")}
    if index_ok is False:
        _out(args, data, ["Databasen är hel, men sökindexet är skadat: kör 'reindex'."])
        return 1
    _out(args, data, ["Databasen är hel" + (" och sökindexet också." if index_ok else ".")])
    return 0


def cmd_demo(ctx, args) -> int:
    from .services.demo import import_demo

    res = import_demo(ctx)
    last = {o.meeting_id: o for o in res.imported}  # a re-issued example is imported twice: said once
    _out(
        args,
        res.to_json(),
        [f"{o.meeting_id}: {o.items} ärenden" for o in sorted(last.values(), key=lambda o: o.meeting_id)],
    )
    return 1 if res.failed else 0


COMMANDS = {
    "import": cmd_import,
    "meetings": cmd_meetings,
    "agenda": cmd_agenda,
    "show": cmd_show,
    "search": cmd_search,
    "note": cmd_note,
    "changes": cmd_changes,
    "highlight": cmd_highlight,
    "notes": cmd_notes,
    "export": cmd_export,
    "vault": cmd_vault,
    "reindex": cmd_reindex,
    "check": cmd_check,
    "demo": cmd_demo,
}


def _sync_command(name: str):
    def run(ctx, args) -> int:
        from .sync.cli import COMMANDS as SYNC

        return SYNC[name](ctx, args, _out)

    return run


COMMANDS.update({name: _sync_command(name) for name in ("sync", "sources", "publish")})


OPENABLE = (".pdf", ".txt", ".md")


def _split_open_files(argv: list[str]) -> tuple[list[str], list[str]]:
    """``botkyrka-namnd FIL.pdf …`` (a file manager's "open with", the .desktop file's ``%F``): the files to
    open in the client, apart from the options. A word that is no subcommand and names a file (one that
    exists, or any path ending in .pdf/.txt/.md, so a missing one is reported as such, not as an "invalid
    choice") is a file; ``file://`` URLs are taken as their local path. Anything else is left for the parser."""
    from urllib.parse import unquote, urlsplit

    files: list[str] = []
    rest: list[str] = []
    takes_value = {"--data-dir", "--passphrase-file", "--lang"}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in takes_value and i + 1 < len(argv):
            rest += [a, argv[i + 1]]
            i += 2
            continue
        if a.startswith("file://"):
            a = unquote(urlsplit(a).path)
        if not a.startswith("-") and not files and a in COMMANDS:
            return [], argv  # a subcommand: not the client
        if not a.startswith("-") and (Path(a).suffix.lower() in OPENABLE or Path(a).is_file()):
            files.append(a)
        else:
            rest.append(a)
        i += 1
    return files, rest


def _missing_files(files: list[str], lang: str) -> str | None:
    """One line for the files to open that are not there (or are no files), else None."""
    missing = [f for f in files if not Path(f).is_file()]
    if not missing:
        return None
    names = ", ".join(_terminal_safe(f) for f in missing)
    if lang == "en":
        return f"File not found: {names}"
    return f"Filen finns inte: {names} (file not found)"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    open_files, argv = _split_open_files(argv)
    args = parser.parse_args(argv)
    if args.data_dir:
        paths.set_data_dir(args.data_dir)
    args.lang = args.lang or "sv"
    from .hardening import harden_process

    harden_process()
    if args.command is None:
        missing = _missing_files(open_files, args.lang)
        if missing is not None:
            print(f"{APP_NAME}: {missing}", file=sys.stderr)
            return 1
        from .ui.app import run_gui

        return run_gui(data_dir=args.data_dir, smoke_test=args.smoke_test, files=open_files)
    try:
        log.setup()
    except OSError:
        pass
    shared = paths.shared_folder_warning()
    if shared is not None:  # a folder we did not create is never chmod'ed: said instead
        print(f"{APP_NAME}: {_terminal_safe(shared[1] if args.lang == 'en' else shared[0])}", file=sys.stderr)
    from .services.context import AppContext

    ctx = None
    try:
        # a cheap check of the store (the full one after a crash, or with 'check'): a command starts at once
        ctx = AppContext(check_store="full" if args.command == "check" else "cheap")
        return COMMANDS[args.command](ctx, args)
    except UserError as exc:
        msg = exc.message(args.lang) + (f" ({exc.en})" if args.lang == "sv" and exc.en != exc.sv else "")
        print(f"{APP_NAME}: {_terminal_safe(msg)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{APP_NAME}: avbrutet (interrupted)", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line here, the traceback in the log
        _log.exception("unexpected error in command %s", args.command)
        print(
            f"{APP_NAME}: oväntat fel ({type(exc).__name__}); detaljer finns i loggen {paths.log_dir()}",
            file=sys.stderr,
        )
        return 3
    finally:
        if ctx is not None:
            ctx.close()
