""" "Mina anteckningar" as a PDF (reportlab platypus).

A4, the meeting in the running header, "Sida 1 av 3" in the footer (a two-pass canvas that knows the page
count), DejaVu's ancestor Bitstream Vera (shipped with reportlab) so å/ä/ö and the typographic quotes,
dashes and non-breaking spaces of :mod:`.typography` are in the embedded font. The agenda in its own
order: number and title, Dnr, förslag till beslut, my position, my notes, the passages I highlighted with
their page and comment.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate, Paragraph, Spacer, Table, TableStyle

from .collect import HighlightEntry, ItemEntry, NotesReport
from .typography import EN_DASH, NBSP, count, quoted, sv_date, sv_time, sv_typography

FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC = "BnVera", "BnVera-Bold", "BnVera-Italic", "BnVera-BoldItalic"

INK = colors.HexColor("#1f2328")
MUTED = colors.HexColor("#5b6470")
RULE = colors.HexColor("#c9ced6")
ACCENT = colors.HexColor("#1f4e79")
POSITION_COLORS = {
    "for": colors.HexColor("#2e7d32"),
    "emot": colors.HexColor("#b3261e"),
    "avvakta": colors.HexColor("#8a6d00"),
    "yrkande": colors.HexColor("#1f4e79"),
}
HIGHLIGHT_BAR = colors.HexColor("#e0b400")
REVIEW_BAR = colors.HexColor("#b3261e")

MARGIN_X = 22 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 20 * mm


def register_fonts() -> None:
    """Register Bitstream Vera from reportlab's own fonts folder (idempotent)."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    import reportlab

    base = Path(reportlab.__file__).parent / "fonts"
    for name, file in (
        (FONT, "Vera.ttf"),
        (FONT_BOLD, "VeraBd.ttf"),
        (FONT_ITALIC, "VeraIt.ttf"),
        (FONT_BOLD_ITALIC, "VeraBI.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(base / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC)


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, textColor=INK, spaceAfter=4)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=20, leading=24, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=11.5, leading=15, textColor=ACCENT, spaceAfter=2),
        "meta": ParagraphStyle("meta", parent=body, fontSize=9, leading=12.5, textColor=MUTED, spaceAfter=0),
        "notice": ParagraphStyle(
            "notice", parent=body, fontName=FONT_ITALIC, fontSize=8.5, leading=11.5, textColor=MUTED
        ),
        "item": ParagraphStyle(
            "item",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=13,
            leading=16.5,
            textColor=INK,
            leftIndent=22,
            firstLineIndent=-22,
            spaceBefore=0,
            spaceAfter=2,
        ),
        "label": ParagraphStyle(
            "label",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=8,
            leading=10,
            textColor=MUTED,
            spaceBefore=7,
            spaceAfter=2,
        ),
        "body": body,
        "quote": ParagraphStyle("quote", parent=body, fontName=FONT_ITALIC, leftIndent=12, spaceAfter=1),
        "quote_src": ParagraphStyle(
            "quote_src", parent=body, fontSize=8.5, leading=11, textColor=MUTED, leftIndent=12, spaceAfter=2
        ),
        "comment": ParagraphStyle("comment", parent=body, leftIndent=12, spaceAfter=6),
        "badge": ParagraphStyle(
            "badge", parent=body, fontName=FONT_BOLD, fontSize=8.5, leading=10, textColor=colors.white
        ),
        "tags": ParagraphStyle("tags", parent=body, fontSize=8.5, leading=11, textColor=ACCENT, spaceAfter=0),
    }


def _text(s: str | None) -> str:
    """Plain user/document text -> safe paragraph markup with Swedish typography; line breaks kept."""
    return escape(sv_typography(s or "")).replace("\n", "<br/>")


def _paragraphs(s: str, style: ParagraphStyle) -> list[Paragraph]:
    blocks = [b.strip("\n") for b in (s or "").replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(_text(b), style) for b in blocks if b.strip()]


class _BarParagraph(Paragraph):
    """A paragraph with a coloured bar on its left (a highlighted quote); splits across pages like any
    paragraph."""

    bar_color = HIGHLIGHT_BAR

    def draw(self):
        super().draw()
        c = self.canv
        c.saveState()
        c.setStrokeColor(self.bar_color)
        c.setLineWidth(2.2)
        c.line(3, -1, 3, self.height + 1)
        c.restoreState()


class _ReviewParagraph(_BarParagraph):
    bar_color = REVIEW_BAR


def _position_badge(item: ItemEntry, st) -> Table:
    text = f"Min hållning: {item.position_label or ''}"
    label = Paragraph(escape(text), st["badge"])
    width = pdfmetrics.stringWidth(text, FONT_BOLD, st["badge"].fontSize) + 14
    t = Table([[label]], colWidths=[width], hAlign="LEFT")
    t.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), POSITION_COLORS.get(item.position or "", ACCENT)),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ]
        )
    )
    return t


def _highlight(h: HighlightEntry, st) -> list:
    cls = _ReviewParagraph if h.needs_review else _BarParagraph
    out = [cls(escape(quoted(h.quote)), st["quote"])]
    src = []
    if h.source:
        src.append(escape(sv_typography(h.source)))
    if h.page:
        src.append(f"s.{NBSP}{h.page}")
    if h.needs_review:
        src.append("<font color='#b3261e'>behöver granskas: finns inte i den senaste versionen</font>")
    elif h.made_on_earlier_version:
        src.append("gjord på en tidigare version")
    if src:
        out.append(
            Paragraph(
                ", ".join(src[:2]) + ("" if len(src) <= 2 else f" {EN_DASH} " + " ".join(src[2:])), st["quote_src"]
            )
        )
    if h.comment.strip():
        out += _paragraphs(h.comment, st["comment"])
    else:
        out.append(Spacer(1, 4))
    return out


def _item(item: ItemEntry, st) -> list:
    number = f"{item.number}." if item.number is not None else EN_DASH
    head = [Paragraph(f"{number}{NBSP}{NBSP}{_text(item.title)}", st["item"])]
    meta = []
    if item.case_number:
        meta.append(f"Dnr{NBSP}{escape(item.case_number)}")
    if item.secret_parts:
        n = item.secret_parts
        meta.append(f"{n}{NBSP}sekretessbelagd{'a' if n > 1 else ''} del{'ar' if n > 1 else ''} ingår inte i exporten")
    if meta:
        head.append(Paragraph(f" {EN_DASH} ".join(meta), st["meta"]))
    if item.position:
        head += [Spacer(1, 5), _position_badge(item, st), Spacer(1, 2)]
    if item.tags:
        head.append(Paragraph("Taggar: " + ", ".join(escape(t) for t in item.tags), st["tags"]))
    body: list = []
    if item.proposal:
        body.append(Paragraph("FÖRSLAG TILL BESLUT", st["label"]))
        body += _paragraphs(item.proposal, st["body"])
    if item.notes:
        body.append(Paragraph("MINA ANTECKNINGAR", st["label"]))
        for note in item.notes:
            body += _paragraphs(note.body, st["body"])
    if item.highlights:
        body.append(Paragraph("MARKERAT I HANDLINGARNA", st["label"]))
        for h in item.highlights:
            body.append(KeepTogether(_highlight(h, st)))
    # keep the heading with the start of the item
    first = body[:2] if body else []
    rule = Table([[""]], colWidths=["100%"], rowHeights=[0.1])
    rule.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, -1), 0.6, RULE)]))
    return [Spacer(1, 10), KeepTogether([rule, Spacer(1, 6), *head, *first]), *body[2:]]


class _NumberedCanvas(rl_canvas.Canvas):
    """Defers each page until the document is complete, so the footer can say "Sida 2 av 5"."""

    def __init__(self, *args, header_left: str = "", header_right: str = "", footer_left: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._header = (header_left, header_right)
        self._footer_left = footer_left

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        w, h = self._pagesize
        self.saveState()
        self.setFont(FONT, 8.5)
        self.setFillColor(MUTED)
        y = h - MARGIN_TOP + 9 * mm
        self.drawString(MARGIN_X, y, self._header[0])
        self.drawRightString(w - MARGIN_X, y, self._header[1])
        self.setStrokeColor(RULE)
        self.setLineWidth(0.6)
        self.line(MARGIN_X, y - 2.5 * mm, w - MARGIN_X, y - 2.5 * mm)
        fy = MARGIN_BOTTOM - 9 * mm
        self.drawString(MARGIN_X, fy, self._footer_left)
        self.drawRightString(w - MARGIN_X, fy, f"Sida {self._pageNumber} av {total}")
        self.restoreState()


def render_pdf(report: NotesReport) -> bytes:
    register_fonts()
    st = _styles()
    when = sv_date(report.date, weekday=True)
    title = f"Mina anteckningar {EN_DASH} {report.committee} {sv_date(report.date)}"
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title.replace(NBSP, " "),
        subject=f"Sammanträde {report.meeting_id}",
        creator="Botkyrka nämnd",
        author="",
        lang="sv-SE",
        displayDocTitle=True,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])

    story: list = [Paragraph("Mina anteckningar", st["title"])]
    line = f"{escape(report.committee)}, sammanträde {when}"
    if report.time:
        line += f" {sv_time(report.time)}"
    story.append(Paragraph(line, st["subtitle"]))
    facts = []
    if report.place:
        facts.append(f"Plats: {_text(report.place)}")
    if report.chair:
        facts.append(f"Ordförande: {_text(report.chair)}")
    if report.secretary:
        facts.append(f"Sekreterare: {_text(report.secretary)}")
    if facts:
        story.append(Paragraph(f" {EN_DASH} ".join(facts), st["meta"]))
    n_notes = sum(len(i.notes) for i in report.items)
    n_hl = sum(len(i.highlights) for i in report.items)
    summary = (
        f"{count(len(report.items), 'ärende', 'ärenden')}, {count(n_notes, 'anteckning', 'anteckningar')} och "
        f"{count(n_hl, 'markering', 'markeringar')}. "
        "Sekretessbelagda delar och anteckningar på dem ingår aldrig i en export."
    )
    story += [Spacer(1, 3), Paragraph(summary, st["notice"]), Spacer(1, 6)]
    if not report.items:
        story.append(Paragraph("Mötet har inga ärenden att visa.", st["body"]))
    for item in report.items:
        story += _item(item, st)

    header_left = f"Mina anteckningar {EN_DASH} {report.committee}"
    header_right = f"{sv_date(report.date, weekday=True)}".replace(NBSP, " ")
    footer_left = f"{report.meeting_id} {EN_DASH} exporterad {report.generated_at}"

    def maker(*args, **kwargs):
        return _NumberedCanvas(
            *args, header_left=header_left, header_right=header_right, footer_left=footer_left, **kwargs
        )

    doc.build(story, canvasmaker=maker)
    return buf.getvalue()


def write_atomic(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder (never a half-written export)."""
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path
