"""How much of every real kallelse the importer gets right (issue 9): per field and per document.

    .venv/bin/python bench/fidelity.py [--corpus ../shared/corpus] [--modes text,pdf,layout] [--show-misses]

Every document of the corpus (``index.json`` + ``truth/<id>.json``, see the corpus README) is imported
through the real ``ImportService`` (the path of ``botkyrka-namnd import``) into a fresh data folder, once
per rendition:

- ``text``: the text as published (Markdown of the PDF for Kungsbacka, the stored web page for the others);
- ``pdf``: the PDF rendition (``kallelse.pdf``), through the sandboxed PDF extraction;
- ``layout``: ``pdftotext -layout`` of the PDF (``kallelse.pdftotext.txt``), a text file a member may have.

A document the importer refuses because a field is not printed (a web copy that lost the date's digits) is
counted as *refused* and imported again with the fields it asked for (from the truth; a stand-in date when
the truth has none): that is what a member does with ``--date``/``--body``/``--kommun``. Fields the truth marks
unknown (``null``) count as right when the importer left them empty.

Then all documents, with the Kungsbacka meetings' handlingar and protokoll files, are imported into **one**
data folder, to count meetings created and meetings merged (two different bodies or dates in one meeting).

Printed: the share of right fields per field and rendition, a table per document, and with
``--show-misses`` every miss. Targets (issue 9): every document imports, no merge of different bodies,
at least 95 % of the fields right over the corpus, text and PDF.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from botkyrka_nämnd.domain.casenumber import find_case_numbers  # noqa: E402
from botkyrka_nämnd.errors import MissingFields, UserError  # noqa: E402
from botkyrka_nämnd.importing.kallelse import Hints  # noqa: E402
from botkyrka_nämnd.services.context import AppContext  # noqa: E402

COVER_FIELDS = ("date", "time", "place", "chair", "secretary", "body", "kommun")
ITEM_FIELDS = ("item count", "item titles", "Dnr", "proposal", "secret")
STAND_IN_DATE = "1900-01-01"


def stand_in_date(doc_id: str) -> str:
    """A date for a document that prints none, distinct per document (two undated copies must not look
    like one meeting because the bench gave them the same date)."""
    import datetime
    import zlib

    return (datetime.date(1900, 1, 1) + datetime.timedelta(days=zlib.crc32(doc_id.encode()) % 3000)).isoformat()


def norm(t: str | None) -> str:
    return " ".join((t or "").split())


def load_index(corpus: Path) -> list[dict]:
    data = json.loads((corpus / "index.json").read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data.get("documents") or next(iter(data.values()))
    return list(data)


def rendition(corpus: Path, entry: dict, mode: str) -> Path | None:
    if mode == "pdf":
        return corpus / entry["pdf"] if entry.get("pdf") else None
    if mode == "layout":
        if not entry.get("pdf"):
            return None
        p = corpus / entry["pdf"]
        layout = p.with_name(p.stem + ".pdftotext.txt")
        return layout if layout.exists() else None
    rel = entry.get("kallelse") or entry.get("file") or entry.get("corpus_file")
    return corpus / rel if rel else None


def same_case(ours: str | None, truth: str | None) -> bool:
    if not truth:
        return not ours
    if not ours:
        return False
    if norm(ours) == norm(truth):
        return True
    a = find_case_numbers(truth, labelled=True)
    b = find_case_numbers(ours, labelled=True)
    return bool(a and b and a[0].same_case(b[0]))


def align(truth_items: list[dict], ours: list[dict]) -> list[tuple[dict, dict | None]]:
    """Pair the truth's items with ours in document order: by number, else by title, else by position."""
    out: list[tuple[dict, dict | None]] = []
    used: set[int] = set()
    pos = 0
    for t in truth_items:
        found = None
        for k in range(pos, min(len(ours), pos + 6)):
            if k in used:
                continue
            o = ours[k]
            if t["number"] is not None and o["number"] == t["number"]:
                found = k
                break
            if t["number"] is None and o["number"] is None and norm(o["title"]).lower() == norm(t["title"]).lower():
                found = k
                break
        if found is None and pos < len(ours) and pos not in used:
            o = ours[pos]
            if (t["number"] is None) == (o["number"] is None):
                found = pos
        if found is not None:
            used.add(found)
            pos = found + 1
        out.append((t, ours[found] if found is not None else None))
    return out


def import_one(ctx: AppContext, path: Path, truth: dict) -> tuple[str | None, bool, str | None, list[str]]:
    """(meeting id, refused at first, error, fields asked for)."""
    try:
        out = ctx.importer.import_path(path)
        return out.meeting_id, False, None, []
    except MissingFields as exc:
        asked = list(exc.fields)
        hints = Hints(
            body=truth.get("committee") or truth.get("committee_inferred") if "body" in asked else None,
            date=(truth.get("date") or stand_in_date(truth.get("id", str(path))))
            if ("date" in asked or "agenda" in asked)
            else None,
            kommun=truth.get("kommun") if ("kommun" in asked or "agenda" in asked) else None,
        )
        if "agenda" in asked:
            hints.body = hints.body or truth.get("committee") or "Okänt organ"
        try:
            out = ctx.importer.import_path(path, hints=hints)
            return out.meeting_id, True, None, asked
        except UserError as exc2:
            return None, True, exc2.code + ": " + exc2.sv[:160], asked
    except UserError as exc:
        return None, True, exc.code + ": " + exc.sv[:160], []


def score_document(ctx: AppContext, mid: str | None, truth: dict, asked: list[str]) -> tuple[dict, list[str]]:
    res: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []

    def chk(field: str, ok: bool, what: str = "") -> None:
        res[field][1] += 1
        if ok:
            res[field][0] += 1
        else:
            misses.append(f"{field}: {what}")

    m = ctx.repo.meeting(mid) if mid else None
    items = ctx.repo.items(mid) if mid else []
    ours_cover = {
        "date": None if (m is None or m.get("date_source") == "member") else m["date"],
        "time": m["time"] if m else None,
        "place": m["place"] if m else None,
        "chair": m["chair"] if m else None,
        "secretary": m["secretary"] if m else None,
        "body": None if (m is None or "body" in asked) else m["committee"],
        "kommun": None if (m is None or "kommun" in asked) else m["kommun"],
    }
    truth_cover = dict(truth)
    truth_cover["body"] = truth.get("committee")
    for f in COVER_FIELDS:
        tv, ov = truth_cover.get(f), ours_cover[f]
        chk(f, norm(tv) == norm(ov), f"truth {tv!r} ours {ov!r}")
    t_items = [it for it in truth["items"] if it["kind"] not in ("section", "break")]
    ours = [
        {
            "number": it["ordinal"],
            "title": it["title"],
            "case": it.get("agenda_case_display")
            or it.get("agenda_case_number")
            or it.get("document_case_display")
            or it.get("document_case_number"),
            "proposal": bool(it.get("proposal")),
            "secret": bool(it.get("is_secret")) or it["secret_parts"] > 0,
        }
        for it in items
        if "not_in_latest_version" not in (it.get("warnings") or [])
    ]
    chk("item count", len(ours) == len(t_items), f"truth {len(t_items)} ours {len(ours)}")
    for t, o in align(t_items, ours):
        label = f"#{t['number']} {t['title'][:50]!r}"
        chk("item titles", o is not None and norm(o["title"]) == norm(t["title"]), f"{label} ours {o and o['title']!r}")
        chk(
            "Dnr",
            o is not None and same_case(o["case"], t.get("case_number")),
            f"{label} truth {t.get('case_number')} ours {o and o['case']}",
        )
        if "has_proposal" not in (t.get("uncertain") or []):
            chk(
                "proposal",
                o is not None and o["proposal"] == bool(t.get("has_proposal")),
                f"{label} truth {t.get('has_proposal')} ours {o and o['proposal']}",
            )
        chk(
            "secret",
            o is not None and o["secret"] == bool(t.get("secret")),
            f"{label} truth {t.get('secret')} ours {o and o['secret']}",
        )
    return res, misses


def run_mode(corpus: Path, entries: list[dict], mode: str, show: bool) -> dict:
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    rows = []
    refused_first = imported = failed = 0
    seconds = 0.0
    for e in entries:
        truth_rel = e.get("truth")
        path = rendition(corpus, e, mode)
        if not truth_rel or path is None or not path.exists():
            continue
        truth = json.loads((corpus / truth_rel).read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as d:
            ctx = AppContext(d)
            try:
                t0 = time.perf_counter()
                mid, refused, err, asked = import_one(ctx, path, truth)
                seconds += time.perf_counter() - t0
                res, misses = score_document(ctx, mid, truth, asked)
            finally:
                ctx.close()
        refused_first += refused
        imported += mid is not None
        failed += mid is None
        for k, (a, b) in res.items():
            totals[k][0] += a
            totals[k][1] += b
        right = sum(a for a, _ in res.values())
        total = sum(b for _, b in res.values())
        rows.append((e["id"], mid, right, total, asked, err))
        if show and (misses or err):
            print(f"  [{mode}] {e['id']}: {err or ''}")
            for x in misses:
                print(f"      {x}")
    return {
        "totals": totals,
        "rows": rows,
        "refused_first": refused_first,
        "imported": imported,
        "failed": failed,
        "seconds": seconds,
    }


def one_folder(corpus: Path, entries: list[dict]) -> dict:
    """Everything in one data folder: meetings created, merged (two identities in one meeting)."""
    expected: dict[str, tuple] = {}
    landed: dict[str, set] = defaultdict(set)
    refused = 0
    with tempfile.TemporaryDirectory() as d:
        ctx = AppContext(d)
        try:
            for e in entries:
                truth = json.loads((corpus / e["truth"]).read_text(encoding="utf-8")) if e.get("truth") else {}
                ident = (
                    truth.get("kommun") or e.get("kommun"),
                    truth.get("committee") or e.get("committee"),
                    truth.get("date") or e.get("date") or f"? {e['id']}",
                )
                files = []
                main = rendition(corpus, e, "text")
                if main is not None:
                    files.append(main)
                folder = main.parent if main is not None else None
                if folder is not None and e.get("kallelse"):
                    files += sorted(p for p in folder.glob("*.md") if p.name.startswith(("handlingar", "protokoll")))
                for f in files:
                    mid, _refused_first, err, _asked = import_one(ctx, f, truth or {"items": []})
                    refused += err is not None
                    if mid:
                        landed[mid].add(ident)
                        expected[e["id"]] = ident
            meetings = len(ctx.repo.meetings())
        finally:
            ctx.close()
    merged = sum(1 for ids in landed.values() if len(ids) > 1)
    return {"meetings": meetings, "identities": len(set(expected.values())), "merged": merged, "refused": refused}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.environ.get("BOTKYRKA_CORPUS_DIR", str(ROOT.parent / "shared" / "corpus")))
    ap.add_argument("--modes", default="text,pdf,layout")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not (corpus / "index.json").exists():
        print(f"no corpus at {corpus} (index.json missing)")
        return 2
    entries = load_index(corpus)
    modes = [m for m in args.modes.split(",") if m]
    results = {m: run_mode(corpus, entries, m, args.show_misses) for m in modes}

    print(f"\ncorpus: {corpus}  ({len(entries)} documents)\n")
    header = f"{'field':14s}" + "".join(f"{m:>18s}" for m in modes)
    print(header)
    print("-" * len(header))
    for f in COVER_FIELDS + ITEM_FIELDS:
        cells = []
        for m in modes:
            a, b = results[m]["totals"].get(f, [0, 0])
            cells.append(f"{a:5d}/{b:<5d} {100 * a / max(b, 1):5.1f}%")
        print(f"{f:14s}" + "".join(f"{c:>18s}" for c in cells))
    cells = []
    for m in modes:
        a = sum(v[0] for v in results[m]["totals"].values())
        b = sum(v[1] for v in results[m]["totals"].values())
        cells.append(f"{a:5d}/{b:<5d} {100 * a / max(b, 1):5.1f}%")
    print(f"{'all fields':14s}" + "".join(f"{c:>18s}" for c in cells))
    print()
    for m in modes:
        r = results[m]
        print(
            f"[{m}] imported {r['imported']}, refused until a field was supplied {r['refused_first']}, "
            f"not imported {r['failed']}, import time {r['seconds']:.1f} s"
        )
    print("\nper document (right/total fields):")
    ids = [row[0] for row in results[modes[0]]["rows"]]
    for doc_id in ids:
        cells = []
        for m in modes:
            row = next((r for r in results[m]["rows"] if r[0] == doc_id), None)
            if row is None:
                cells.append("-")
                continue
            _id, mid, right, total, asked, err = row
            tag = (" asked " + "+".join(asked)) if asked else ""
            cells.append(f"{right}/{total}{tag}" if mid else f"FAILED {err}")
        print(f"  {doc_id:36s} " + " | ".join(f"{c:26s}" for c in cells))
    one = one_folder(corpus, entries)
    print(
        f"\none data folder: {one['meetings']} meetings created for {one['identities']} distinct kommun+body+date, "
        f"{one['merged']} merged, {one['refused']} files refused"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
