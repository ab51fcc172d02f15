""" "Mina anteckningar" as plain Markdown (CommonMark): the same content as the PDF."""

from __future__ import annotations

import re

from .collect import ItemEntry, NotesReport
from .typography import EN_DASH, NBSP, sv_date, sv_time, sv_typography

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str | None) -> str:
    """Escape Markdown syntax in plain text (and a leading '1.' / '-' that would start a list)."""
    t = _MD_SPECIAL.sub(r"\\\1", sv_typography(text or ""))
    return re.sub(r"(?m)^(\s*)(\d+)\.(\s)", r"\1\2\\.\3", re.sub(r"(?m)^(\s*)([-+])(\s)", r"\1\\\2\3", t))


def _block(text: str, prefix: str = "") -> list[str]:
    """A multi-line text as Markdown lines (hard line breaks kept)."""
    lines = []
    for para in (text or "").replace("\r\n", "\n").split("\n\n"):
        if not para.strip():
            continue
        rows = [_md(r) for r in para.strip("\n").split("\n")]
        lines += [prefix + r + ("  " if i < len(rows) - 1 else "") for i, r in enumerate(rows)]
        lines.append(prefix.rstrip())
    return lines


def _item(item: ItemEntry) -> list[str]:
    number = f"{item.number}. " if item.number is not None else ""
    out = [f"## {number}{_md(item.title)}", ""]
    meta = []
    if item.case_number:
        meta.append(f"Dnr{NBSP}{item.case_number}")
    if item.position_label:
        meta.append(f"**Min hållning: {item.position_label}**")
    if item.tags:
        meta.append("Taggar: " + ", ".join(_md(t) for t in item.tags))
    if item.secret_parts:
        n = item.secret_parts
        meta.append(f"*{n} sekretessbelagd{'a' if n > 1 else ''} del{'ar' if n > 1 else ''} ingår inte i exporten*")
    if meta:
        out += ["  \n".join(meta), ""]
    if item.proposal:
        out += ["**Förslag till beslut**", ""] + _block(item.proposal)
    if item.notes:
        out += ["**Mina anteckningar**", ""]
        for note in item.notes:
            out += _block(note.body)
    if item.highlights:
        out += ["**Markerat i handlingarna**", ""]
        for h in item.highlights:
            src = ", ".join(x for x in (sv_typography(h.source), f"s.{NBSP}{h.page}" if h.page else "") if x)
            flag = ""
            if h.needs_review:
                flag = f" {EN_DASH} *behöver granskas: finns inte i den senaste versionen*"
            elif h.made_on_earlier_version:
                flag = f" {EN_DASH} *gjord på en tidigare version*"
            quote = _block("”" + (h.quote or "").strip() + "”", "> ")[:-1]
            if src or flag:
                quote[-1] += "  "
                quote.append(f"> {EN_DASH} {_md(src)}{flag}" if src else f"> {flag.strip()}")
            out += quote + [""]
            if h.comment.strip():
                out += _block(h.comment)
    return out


def render_markdown(report: NotesReport) -> str:
    head = f"{report.committee}, sammanträde {sv_date(report.date, weekday=True)}"
    if report.time:
        head += f" {sv_time(report.time)}"
    lines = ["# Mina anteckningar", "", _md(head) + "  "]
    facts = [
        f"Plats: {_md(report.place)}" if report.place else "",
        f"Ordförande: {_md(report.chair)}" if report.chair else "",
        f"Sekreterare: {_md(report.secretary)}" if report.secretary else "",
    ]
    facts = [f for f in facts if f]
    if facts:
        lines.append(f" {EN_DASH} ".join(facts) + "  ")
    lines += [
        f"Möte {report.meeting_id}, exporterad {report.generated_at}.",
        "",
        "*Sekretessbelagda delar och anteckningar på dem ingår aldrig i en export.*",
        "",
    ]
    for item in report.items:
        lines += _item(item)
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip() + "\n"
