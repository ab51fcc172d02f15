"""HTML for the item reader (QTextBrowser's rich-text subset). Every piece of document text is escaped;
structure comes only from the store's fields (sections with headings, the proposed decision, list
entries, secret-part placeholders).

Every paragraph that comes from a document's text is also recorded as a :class:`Span` when the caller
passes a ``spans`` list: the paragraph as shown (whitespace collapsed, as the rich-text engine shows it)
and, per character, its offset in ``Repository.document_text(document_id)``. The reader turns a selection
into document offsets with them (``views.anchors``), so a highlight is stored against the document text,
not against the HTML.

Links the reader understands: ``action:unlock`` (unlock the vault), ``action:publish/<uid>`` and
``action:relock/<uid>`` (make a part locked on suspicion public, lock it again), ``doc:<id>`` (open a document).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette

from ...domain.doctext import section_offsets
from ...domain.model import MAIN_KINDS as MAIN_KINDS  # re-exported for the views
from ...domain.model import SECRET_PLACEHOLDER

_BULLET = re.compile(r"^\s*(?:[-–•*·]|\d{1,2}[.)]|[a-zåäö][.)])\s+")


@dataclass
class Colors:
    text: str
    muted: str
    proposal_bg: str
    proposal_border: str
    locked_bg: str
    secret_bg: str
    secret_border: str
    link: str
    mark: str = "#ffe27a"  # the member's highlights

    @classmethod
    def from_palette(cls, pal: QPalette) -> Colors:
        dark = pal.color(QPalette.ColorRole.Window).lightness() < 128
        text = pal.color(QPalette.ColorRole.WindowText)
        muted = QColor(text)
        muted.setAlpha(255)
        muted = muted.darker(140) if not dark else muted.darker(130)
        if dark:
            return cls(
                text.name(),
                "#b8b8b8",
                "#3d3413",
                "#c9a227",
                "#33363b",
                "#4a1f22",
                "#d26a6a",
                pal.color(QPalette.ColorRole.Link).name(),
                "#75601a",
            )
        return cls(
            text.name(),
            "#555555",
            "#fff6d5",
            "#c9a227",
            "#eceef1",
            "#fdeaea",
            "#b3261e",
            pal.color(QPalette.ColorRole.Link).name(),
            "#ffdf6b",
        )


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


@dataclass
class Span:
    """One rendered paragraph of a document's text: ``text`` as shown, ``offsets[i]`` the offset of
    ``text[i]`` in the document text (``Repository.document_text``)."""

    document_id: int
    text: str
    offsets: list[int] = field(repr=False)


_WS = re.compile(r"[ \t\n\r\f\v]+")


def _collapse(chars: list[tuple[str, int]]) -> tuple[str, list[int]]:
    """Whitespace runs -> one space (mapped to the run's first character), trimmed at both ends: what
    the rich-text engine shows for ``<p>text</p>``."""
    text = "".join(c for c, _ in chars)
    out, offs, i = [], [], 0
    for m in _WS.finditer(text):
        for j in range(i, m.start()):
            out.append(text[j])
            offs.append(chars[j][1])
        out.append(" ")
        offs.append(chars[m.start()][1])
        i = m.end()
    for j in range(i, len(text)):
        out.append(text[j])
        offs.append(chars[j][1])
    while out and out[0] == " ":
        out.pop(0)
        offs.pop(0)
    while out and out[-1] == " ":
        out.pop()
        offs.pop()
    return "".join(out), offs


def mapped_paragraphs(text: str, base: int = 0) -> list[tuple[str, list[int]]]:
    """Paragraphs of ``text`` as shown, each with the offset (``base`` + position in ``text``) of every
    character. Blank lines separate paragraphs; a line starting a list entry starts a new one; the lines
    of a paragraph are joined with a space."""
    out: list[tuple[str, list[int]]] = []
    text = text or ""
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
    ends = [m.start() for m in re.finditer(r"\n\s*\n", text)] + [len(text)]
    for b0, b1 in zip(starts, ends):
        cur: list[tuple[str, int]] | None = None
        pos = b0
        for line in text[b0:b1].split("\n"):
            l0, pos = pos, pos + len(line) + 1
            if not line.strip():
                continue
            chars = [(ch, base + l0 + k) for k, ch in enumerate(line)]
            if cur is None:
                cur = chars
            elif _BULLET.match(line.rstrip()):
                out.append(_collapse(cur))
                cur = chars
            else:
                cur = cur + [(" ", base + l0 - 1)] + chars
        if cur is not None:
            out.append(_collapse(cur))
    return [(t, o) for t, o in out if t]


def paragraphs(text: str) -> list[str]:
    """Paragraph texts: blank lines separate paragraphs; a line starting a list entry keeps its break."""
    return [t for t, _ in mapped_paragraphs(text)]


def section_bases(sections: list[dict]) -> list[int | None]:
    """The offset of each section's text in ``Repository.document_text`` (None for an empty section)."""
    return section_offsets([s.get("text_clean") for s in sections])


def _norm(text: str | None) -> str:
    return " ".join((text or "").replace("–", "-").replace("—", "-").split()).casefold()


def _title_line(p: str, title: str) -> bool:
    return _norm(re.sub(r"^\s*\d{1,2}\s+", "", p)) == _norm(title)


def _para_html(p: str) -> str:
    return f"<p>{esc(p)}</p>"


def _mapped_html(text: str, document_id: int | None, base: int | None, spans: list | None) -> str:
    """``<p>``s of ``text``; recorded in ``spans`` when it is a document's text at offset ``base``."""
    out = []
    for p, offs in mapped_paragraphs(text, base or 0):
        if spans is not None and document_id is not None and base is not None:
            spans.append(Span(document_id, p, offs))
        out.append(_para_html(p))
    return "".join(out)


def proposal_box(
    text: str,
    c: Colors,
    heading: str | None = None,
    *,
    document_id: int | None = None,
    base: int | None = None,
    spans: list | None = None,
) -> str:
    body = _mapped_html(text, document_id, base, spans)
    head = esc(heading or QCoreApplication.translate("ItemHtml", "Proposed decision"))
    return (
        f'<table width="100%" cellpadding="10" cellspacing="0" style="margin-top:6px; margin-bottom:10px;" '
        f'bgcolor="{c.proposal_bg}"><tr><td style="border-left: 4px solid {c.proposal_border};">'
        f'<p style="margin-top:0"><b>{head}</b></p>{body}</td></tr></table>'
    )


def _lines_html(text: str) -> str:
    # a secret part is a list (marker, report numbers, one line per report): keep its line breaks
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    empty = QCoreApplication.translate("ItemHtml", "(empty)")
    return "".join(_para_html(ln) for ln in lines) or f"<p><i>{esc(empty)}</i></p>"


def secret_box(part: dict, c: Colors, *, vault_exists: bool) -> str:
    label = esc(part.get("label") or QCoreApplication.translate("ItemHtml", "Secret part"))
    uid = esc(part.get("uid") or "")
    if part.get("published_text") is not None:  # locked on suspicion, judged not secret by the member
        head = QCoreApplication.translate("ItemHtml", "Made public by you (not secret)")
        when = (part.get("published_at") or "")[:10]
        relock = QCoreApplication.translate("ItemHtml", "Lock it again")
        return (
            f'<table width="100%" cellpadding="10" cellspacing="0" style="margin-top:6px; margin-bottom:10px;">'
            f'<tr><td style="border-left: 4px solid {c.muted};">'
            f'<p style="margin-top:0; color:{c.muted};">{esc(head)} {esc(when)} · '
            f'<a href="action:relock/{uid}">{esc(relock)}</a></p>{_lines_html(part["published_text"])}</td></tr></table>'
        )
    if part.get("withdrawn_at"):  # a re-issue no longer has it: kept for the member's notes on it
        head = QCoreApplication.translate("ItemHtml", "Removed: not in the latest version of the notice")
        body = (
            _lines_html(part["text"])
            if "text" in part
            else f"<p>{esc(QCoreApplication.translate('ItemHtml', 'Locked. Unlock to read it.'))}</p>"
        )
        return (
            f'<table width="100%" cellpadding="10" cellspacing="0" style="margin-top:6px; margin-bottom:10px;">'
            f'<tr><td style="border-left: 4px dashed {c.muted};">'
            f'<p style="margin-top:0; color:{c.muted};"><s>{label}</s> · {esc(head)}</p>{body}</td></tr></table>'
        )
    if "text" in part:
        secret = QCoreApplication.translate("ItemHtml", "Secret")
        publish = ""
        if part.get("publishable"):
            link_text = QCoreApplication.translate("ItemHtml", "Not secret? Make it public…")
            publish = f'<p style="margin-bottom:0"><a href="action:publish/{uid}">{esc(link_text)}</a></p>'
        return (
            f'<table width="100%" cellpadding="10" cellspacing="0" bgcolor="{c.secret_bg}" '
            f'style="margin-top:6px; margin-bottom:10px;"><tr><td style="border-left: 4px solid {c.secret_border};">'
            f'<p style="margin-top:0"><b>{esc(secret)}: {label}</b></p>{_lines_html(part["text"])}{publish}'
            f"</td></tr></table>"
        )
    state = part.get("content_state")
    link = ""
    if state == "not_in_source":
        hint = QCoreApplication.translate("ItemHtml", "Handed out at the meeting; not part of the notice.")
    elif state == "missing" and vault_exists:
        hint = QCoreApplication.translate(
            "ItemHtml",
            "The content was not stored because no vault existed when the notice was imported. "
            "Import the notice again to store it.",
        )
    elif state == "missing":
        hint = QCoreApplication.translate(
            "ItemHtml", "Set up the secret vault, then import the notice again to store this part."
        )
        link_text = QCoreApplication.translate("ItemHtml", "Set up the vault…")
        link = f' <a href="action:unlock">{esc(link_text)}</a>'
    else:
        hint = QCoreApplication.translate("ItemHtml", "Locked. Unlock to read it.")
        link_text = QCoreApplication.translate("ItemHtml", "Unlock…")
        link = f' <a href="action:unlock">{esc(link_text)}</a>'
    return (
        f'<table width="100%" cellpadding="10" cellspacing="0" bgcolor="{c.locked_bg}" '
        f'style="margin-top:6px; margin-bottom:10px;"><tr><td>'
        f'<p style="margin-top:0"><img src="icon:lock" width="16" height="16"> <b>{label}</b></p>'
        f"<p>{esc(hint)}{link}</p></td></tr></table>"
    )


def has_repaired_text(sections: list[dict]) -> bool:
    """Whether these sections show machine-repaired OCR text (the scan's own text kept as ``text_ocr``)."""
    return any(s.get("text_ocr") for s in sections)


def _shown(s: dict, raw: bool) -> str:
    """A section's text as shown: repaired, or with ``raw`` the scanned text as it was read."""
    return (s.get("text_ocr") or s.get("text_clean") or "") if raw else (s.get("text_clean") or "")


def ocr_notice(c: Colors, *, raw: bool, printed_title: str | None = None) -> str:
    """The mark over machine-repaired OCR text, with the link to the scanned text (and back)."""
    if raw:
        head = QCoreApplication.translate("ItemHtml", "Scanned original text")
        what = QCoreApplication.translate(
            "ItemHtml", "as it was read in, not repaired. Highlights are made in the repaired text."
        )
        link = QCoreApplication.translate("ItemHtml", "Show the machine-repaired text")
        href = "action:ocr-repaired"
    else:
        head = QCoreApplication.translate("ItemHtml", "Machine-repaired text")
        what = QCoreApplication.translate(
            "ItemHtml",
            "the program has repaired the scanned text and may have repaired it wrongly. Check before you quote it.",
        )
        link = QCoreApplication.translate("ItemHtml", "Show the scanned original text")
        href = "action:ocr-raw"
    title = ""
    if raw and printed_title:
        label = QCoreApplication.translate("ItemHtml", "Printed heading:")
        title = f'<p style="margin-bottom:0">{esc(label)} {esc(printed_title)}</p>'
    return (
        f'<table width="100%" cellpadding="6" cellspacing="0" style="margin-bottom:8px;"><tr>'
        f'<td style="border-left: 4px solid {c.muted};"><p style="margin:0; color:{c.muted};">'
        f'<b>{esc(head)}</b>: {esc(what)} <a href="{href}">{esc(link)}</a></p>{title}</td></tr></table>'
    )


def _proposal_source(item: dict, documents: list[dict], sections: dict[int, list[dict]], raw: bool = False):
    """(document id, section text, offset) of the document section the item's proposed decision was
    taken from, or None. With ``raw`` the text is the section's scanned text (and the offset None: the
    scan is not the document text that highlights refer to)."""
    want = _norm(item.get("proposal"))
    if not want:
        return None
    for d in documents:
        if d["kind"] not in MAIN_KINDS or d["id"] not in sections:
            continue
        secs = sections[d["id"]]
        for s, base in zip(secs, section_bases(secs)):
            if base is not None and _norm(s.get("text_clean")) == want:
                return d["id"], _shown(s, raw), None if raw else base
    return None


def render_item(
    item: dict,
    documents: list[dict],
    sections: dict[int, list[dict]],
    list_entries: list[dict],
    secret_parts: list[dict],
    c: Colors,
    *,
    vault_exists: bool,
    spans: list | None = None,
    ocr_raw: bool = False,
) -> str:
    """The whole item. ``sections`` maps document id -> sections of the main documents to show inline;
    ``spans`` (optional) collects the rendered paragraphs of document text (see :class:`Span`). Machine-
    repaired OCR text carries a mark with a link to the scanned text; ``ocr_raw`` shows that instead
    (no spans then: highlights belong to the repaired text)."""
    out = [f'<html><body style="color:{c.text};">']
    repaired = any(has_repaired_text(v) for k, v in sections.items() if k in {d["id"] for d in documents})
    raw = ocr_raw and repaired
    if repaired:
        printed = item.get("title_heading") if item.get("heading_index") else None  # the heading as scanned
        out.append(ocr_notice(c, raw=raw, printed_title=printed))
    if raw:
        spans = None
    if item.get("tabled"):
        tabled = QCoreApplication.translate("ItemHtml", "This item was tabled at an earlier meeting.")
        out.append(f"<p><i>{esc(tabled)}</i></p>")
    if item.get("grp"):
        out.append(f'<p style="color:{c.muted};">{esc(item["grp"])}</p>')
    if item.get("decision"):  # what the protokoll says was decided (issue 9)
        heading = QCoreApplication.translate("ItemHtml", "Decision (%1)").replace(
            "%1", item.get("decision_source") or ""
        )
        out.append(proposal_box(item["decision"], c, heading.replace(" ()", "")))
    if item.get("presenter"):
        out.append(f'<p style="color:{c.muted};">{esc(item["presenter"])}</p>')
    if item.get("proposal"):
        if item.get("proposal_source") == "ordforandeforslag":
            heading = QCoreApplication.translate("ItemHtml", "Chair's proposal")
        else:
            heading = QCoreApplication.translate("ItemHtml", "Proposed decision")
        src = _proposal_source(item, documents, sections, raw)
        if src is not None:  # shown from the document's own text, so it can be highlighted
            out.append(proposal_box(src[1], c, heading, document_id=src[0], base=src[2], spans=spans))
        else:
            out.append(proposal_box(item["proposal"], c, heading))
    secrets = [p for p in secret_parts if not p.get("withdrawn_at")]  # in the order of their placeholders
    withdrawn = [p for p in secret_parts if p.get("withdrawn_at")]
    placed = 0
    shown_proposal = _norm(item.get("proposal"))
    case_word = QCoreApplication.translate("ItemHtml", "Case no.")
    for d in documents:
        if d["kind"] not in MAIN_KINDS or d["id"] not in sections:
            continue
        title = _norm(d["title"])
        if title != _norm(item.get("title")) and title != _norm(item.get("title_heading")):
            out.append(f'<h3 style="margin-top:18px;">{esc(d["title"])}</h3>')  # the item's title is already above
        meta = [
            x
            for x in (d.get("case_number") and f"{case_word} {d['case_number']}", d.get("doc_date"), d.get("author"))
            if x
        ]
        if meta:
            out.append(f'<p style="color:{c.muted};">{esc(" · ".join(meta))}</p>')
        secs = sections[d["id"]]
        for s, base in zip(secs, section_bases(secs)):
            if s["kind"] in ("signature", "signatur"):
                continue
            text = _shown(s, raw)
            if shown_proposal and _norm(s.get("text_clean")) == shown_proposal:
                continue  # the proposed decision is already at the top
            if s["kind"] == "forslag_till_beslut" and text.strip():
                out.append(proposal_box(text, c, s.get("heading"), document_id=d["id"], base=base, spans=spans))
                continue
            if s.get("heading"):
                out.append(f'<h4 style="margin-top:14px;">{esc(s["heading"])}</h4>')
            for p, offs in mapped_paragraphs(text, base or 0):
                if _title_line(p, d["title"]):
                    continue  # "01 Title": the document's own heading line, shown above
                if p.strip() == SECRET_PLACEHOLDER and placed < len(secrets):
                    out.append(secret_box(secrets[placed], c, vault_exists=vault_exists))
                    placed += 1
                else:
                    if spans is not None and base is not None:
                        spans.append(Span(d["id"], p, offs))
                    out.append(_para_html(p))
    if list_entries and not any(sections.get(d["id"]) for d in documents if d["kind"] in MAIN_KINDS):
        heading = QCoreApplication.translate("ItemHtml", "List")
        out.append(f'<h3 style="margin-top:18px;">{esc(heading)}</h3>')
        out.append('<table width="100%" cellpadding="4" cellspacing="0">')
        for e in list_entries:
            left = " ".join(x for x in (e.get("paragraph"), e.get("body")) if x)
            right = e.get("case_number") or ""
            out.append(
                f'<tr><td valign="top" width="14%">{esc(left)}</td><td valign="top">{esc(e.get("text"))}</td>'
                f'<td valign="top" width="22%" style="color:{c.muted};">{esc(right)}</td></tr>'
            )
        out.append("</table>")
    for part in secrets[placed:] + withdrawn:
        out.append(secret_box(part, c, vault_exists=vault_exists))
    if len(out) == 1 + repaired:
        nothing = QCoreApplication.translate("ItemHtml", "This item has no written material in the notice.")
        out.append(f'<p style="color:{c.muted};"><i>{esc(nothing)}</i></p>')
    out.append("</body></html>")
    return "".join(out)


def render_document(
    doc: dict,
    sections: list[dict],
    c: Colors,
    *,
    spans: list | None = None,
    pages: set[int] | None = None,
    title: bool = True,
    ocr_raw: bool = False,
) -> str:
    """A document without a PDF (imported from text): its sections with headings. ``pages`` limits it to
    the sections on those pages (the text of one PDF page); ``spans`` and ``ocr_raw`` as in
    :func:`render_item`."""
    out = [f'<html><body style="color:{c.text};">']
    if title:
        out.append(f"<h2>{esc(doc['title'])}</h2>")
    raw = ocr_raw and has_repaired_text(sections)
    if has_repaired_text(sections):
        out.append(ocr_notice(c, raw=raw))
    if raw:
        spans = None
    for s, base in zip(sections, section_bases(sections)):
        if pages is not None and s.get("page") not in pages:
            continue
        text = _shown(s, raw)
        if s["kind"] == "forslag_till_beslut" and text.strip():
            out.append(proposal_box(text, c, s.get("heading"), document_id=doc["id"], base=base, spans=spans))
            continue
        if s.get("heading"):
            out.append(f'<h4 style="margin-top:14px;">{esc(s["heading"])}</h4>')
        out.append(structured_html(text, doc["id"], base, spans, muted=c.muted))
    out.append("</body></html>")
    return "".join(out)


def structured_html(text: str, document_id: int | None, base: int | None, spans: list | None, *, muted: str) -> str:
    from .text_structure import structured_html as render

    return render(text, document_id, base, spans, muted=muted)


def pages_of(sections: list[dict], page: int) -> set[int]:
    """The section pages that hold the text of source page ``page``: the page itself, or, when no section
    starts on it, the page where the section running over it started."""
    pages = {s.get("page") for s in sections if s.get("text_clean")}
    if page in pages:
        return {page}
    earlier = [p for p in pages if p is not None and p < page]
    return {max(earlier)} if earlier else set()
