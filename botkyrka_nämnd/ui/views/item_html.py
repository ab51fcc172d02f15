"""HTML for the item reader (QTextBrowser's rich-text subset). Every piece of document text is escaped;
structure comes only from the store's fields (sections with headings, the proposed decision, list
entries, secret-part placeholders).

Links the reader understands: ``action:unlock`` (unlock the vault), ``doc:<id>`` (open a document).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette

from ...domain.model import SECRET_PLACEHOLDER

MAIN_KINDS = ("ordforandeforslag", "tjansteskrivelse", "tjansteutlatande")
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

    @classmethod
    def from_palette(cls, pal: QPalette) -> Colors:
        dark = pal.color(QPalette.ColorRole.Window).lightness() < 128
        text = pal.color(QPalette.ColorRole.WindowText)
        muted = QColor(text)
        muted.setAlpha(255)
        muted = muted.darker(140) if not dark else muted.darker(130)
        if dark:
            return cls(text.name(), "#b8b8b8", "#3d3413", "#c9a227", "#33363b", "#4a1f22", "#d26a6a",
                       pal.color(QPalette.ColorRole.Link).name())
        return cls(text.name(), "#555555", "#fff6d5", "#c9a227", "#eceef1", "#fdeaea", "#b3261e",
                   pal.color(QPalette.ColorRole.Link).name())


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def paragraphs(text: str) -> list[str]:
    """Paragraph texts: blank lines separate paragraphs; a line starting a list entry keeps its break."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text or ""):
        lines = [ln.rstrip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        cur = lines[0]
        for ln in lines[1:]:
            if _BULLET.match(ln):
                out.append(cur)
                cur = ln
            else:
                cur += " " + ln.strip()
        out.append(cur)
    return out


def _norm(text: str | None) -> str:
    return " ".join((text or "").replace("–", "-").replace("—", "-").split()).casefold()


def _title_line(p: str, title: str) -> bool:
    return _norm(re.sub(r"^\s*\d{1,2}\s+", "", p)) == _norm(title)


def _para_html(p: str) -> str:
    return f"<p>{esc(p)}</p>"


def proposal_box(text: str, c: Colors, heading: str | None = None) -> str:
    body = "".join(_para_html(p) for p in paragraphs(text))
    head = esc(heading or QCoreApplication.translate("ItemHtml", "Proposed decision"))
    return (f'<table width="100%" cellpadding="10" cellspacing="0" style="margin-top:6px; margin-bottom:10px;" '
            f'bgcolor="{c.proposal_bg}"><tr><td style="border-left: 4px solid {c.proposal_border};">'
            f'<p style="margin-top:0"><b>{head}</b></p>{body}</td></tr></table>')


def secret_box(part: dict, c: Colors, *, vault_exists: bool) -> str:
    label = esc(part.get("label") or QCoreApplication.translate("ItemHtml", "Secret part"))
    if "text" in part:
        empty = QCoreApplication.translate("ItemHtml", "(empty)")
        secret = QCoreApplication.translate("ItemHtml", "Secret")
        body = "".join(_para_html(p) for p in paragraphs(part["text"])) or f"<p><i>{esc(empty)}</i></p>"
        return (f'<table width="100%" cellpadding="10" cellspacing="0" bgcolor="{c.secret_bg}" '
                f'style="margin-top:6px; margin-bottom:10px;"><tr><td style="border-left: 4px solid {c.secret_border};">'
                f'<p style="margin-top:0"><b>{esc(secret)}: {label}</b></p>{body}</td></tr></table>')
    state = part.get("content_state")
    link = ""
    if state == "not_in_source":
        hint = QCoreApplication.translate("ItemHtml", "Handed out at the meeting; not part of the notice.")
    elif state == "missing" and vault_exists:
        hint = QCoreApplication.translate(
            "ItemHtml", "The content was not stored because no vault existed when the notice was imported. "
            "Import the notice again to store it.")
    elif state == "missing":
        hint = QCoreApplication.translate("ItemHtml", "Set up the secret vault, then import the notice again to store this part.")
        link_text = QCoreApplication.translate("ItemHtml", "Set up the vault…")
        link = f' <a href="action:unlock">{esc(link_text)}</a>'
    else:
        hint = QCoreApplication.translate("ItemHtml", "Locked. Unlock to read it.")
        link_text = QCoreApplication.translate("ItemHtml", "Unlock…")
        link = f' <a href="action:unlock">{esc(link_text)}</a>'
    return (f'<table width="100%" cellpadding="10" cellspacing="0" bgcolor="{c.locked_bg}" '
            f'style="margin-top:6px; margin-bottom:10px;"><tr><td>'
            f'<p style="margin-top:0"><img src="icon:lock" width="16" height="16"> <b>{label}</b></p>'
            f'<p>{esc(hint)}{link}</p></td></tr></table>')


def render_item(item: dict, documents: list[dict], sections: dict[int, list[dict]], list_entries: list[dict],
                secret_parts: list[dict], c: Colors, *, vault_exists: bool) -> str:
    """The whole item. ``sections`` maps document id -> sections of the main documents to show inline."""
    out = [f'<html><body style="color:{c.text};">']
    if item.get("tabled"):
        tabled = QCoreApplication.translate("ItemHtml", "This item was tabled at an earlier meeting.")
        out.append(f"<p><i>{esc(tabled)}</i></p>")
    if item.get("proposal"):
        if item.get("proposal_source") == "ordforandeforslag":
            heading = QCoreApplication.translate("ItemHtml", "Chair's proposal")
        else:
            heading = QCoreApplication.translate("ItemHtml", "Proposed decision")
        out.append(proposal_box(item["proposal"], c, heading))
    secrets = list(secret_parts)
    placed = 0
    shown_proposal = _norm(item.get("proposal"))
    case_word = QCoreApplication.translate("ItemHtml", "Case no.")
    for d in documents:
        if d["kind"] not in MAIN_KINDS or d["id"] not in sections:
            continue
        title = _norm(d["title"])
        if title != _norm(item.get("title")) and title != _norm(item.get("title_heading")):
            out.append(f'<h3 style="margin-top:18px;">{esc(d["title"])}</h3>')  # the item's title is already above
        meta = [x for x in (d.get("case_number") and f'{case_word} {d["case_number"]}', d.get("doc_date"), d.get("author")) if x]
        if meta:
            out.append(f'<p style="color:{c.muted};">{esc(" · ".join(meta))}</p>')
        for s in sections[d["id"]]:
            if s["kind"] in ("signature", "signatur"):
                continue
            text = s.get("text_clean") or ""
            if shown_proposal and _norm(text) == shown_proposal:
                continue  # the proposed decision is already at the top
            if s["kind"] == "forslag_till_beslut" and text.strip():
                out.append(proposal_box(text, c, s.get("heading")))
                continue
            if s.get("heading"):
                out.append(f'<h4 style="margin-top:14px;">{esc(s["heading"])}</h4>')
            for p in paragraphs(text):
                if _title_line(p, d["title"]):
                    continue  # "01 Title": the document's own heading line, shown above
                if p.strip() == SECRET_PLACEHOLDER and placed < len(secrets):
                    out.append(secret_box(secrets[placed], c, vault_exists=vault_exists))
                    placed += 1
                else:
                    out.append(_para_html(p))
    if list_entries and not any(sections.get(d["id"]) for d in documents if d["kind"] in MAIN_KINDS):
        heading = QCoreApplication.translate("ItemHtml", "List")
        out.append(f'<h3 style="margin-top:18px;">{esc(heading)}</h3>')
        out.append('<table width="100%" cellpadding="4" cellspacing="0">')
        for e in list_entries:
            left = " ".join(x for x in (e.get("paragraph"), e.get("body")) if x)
            right = e.get("case_number") or ""
            out.append(f'<tr><td valign="top" width="14%">{esc(left)}</td><td valign="top">{esc(e.get("text"))}</td>'
                       f'<td valign="top" width="22%" style="color:{c.muted};">{esc(right)}</td></tr>')
        out.append("</table>")
    for part in secrets[placed:]:
        out.append(secret_box(part, c, vault_exists=vault_exists))
    if len(out) == 1:
        nothing = QCoreApplication.translate("ItemHtml", "This item has no written material in the notice.")
        out.append(f'<p style="color:{c.muted};"><i>{esc(nothing)}</i></p>')
    out.append("</body></html>")
    return "".join(out)


def render_document(doc: dict, sections: list[dict], c: Colors) -> str:
    """A document without a PDF (imported from text): its sections with headings."""
    out = [f'<html><body style="color:{c.text};">', f"<h2>{esc(doc['title'])}</h2>"]
    for s in sections:
        text = s.get("text_clean") or ""
        if s["kind"] == "forslag_till_beslut" and text.strip():
            out.append(proposal_box(text, c, s.get("heading")))
            continue
        if s.get("heading"):
            out.append(f'<h4 style="margin-top:14px;">{esc(s["heading"])}</h4>')
        out.extend(_para_html(p) for p in paragraphs(text))
    out.append("</body></html>")
    return "".join(out)
