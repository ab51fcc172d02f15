"""Exports of the member's own material: "Mina anteckningar" per meeting as PDF or Markdown.

Secret parts, and annotations on them, are never exported (SECURITY.md S9), whether or not the vault is
unlocked: the exporters read the public store only.
"""

from __future__ import annotations

from pathlib import Path

from .. import log
from ..errors import UserError
from ..storage.db import translate_error
from .collect import NotesReport, collect_notes

_log = log.get("export")

FORMATS = ("pdf", "md")


class ExportError(UserError):
    code = "export_failed"


def export_notes(ctx, meeting_id: str, out: Path, fmt: str = "pdf", *, only_annotated: bool = False) -> Path:
    """Write "Mina anteckningar" of ``meeting_id`` to ``out`` ('pdf' or 'md'); returns the path written.

    ``only_annotated`` leaves out the items without a note, highlight or planned position (by default the
    whole agenda is listed, so the export can be taken to the meeting)."""
    if fmt not in FORMATS:
        raise ExportError(
            f"Okänt exportformat {fmt!r}: välj pdf eller md.", f"Unknown export format {fmt!r}: choose pdf or md."
        )
    out = Path(out)
    if out.is_dir():
        raise ExportError("Ange ett filnamn, inte en mapp.", "Give a file name, not a folder.")
    if not out.parent.is_dir():
        raise ExportError("Mappen för exportfilen finns inte.", "The folder for the export file does not exist.")
    report = collect_notes(ctx, meeting_id, only_annotated=only_annotated)
    from .notes_pdf import render_pdf, write_atomic

    if fmt == "pdf":
        data = render_pdf(report)
    else:
        from .markdown import render_markdown

        data = render_markdown(report).encode("utf-8")
    try:
        write_atomic(out, data)
    except OSError as exc:
        mapped = translate_error(exc)
        if mapped is not exc:
            raise mapped from None
        raise ExportError(
            f"Exportfilen kunde inte skrivas ({exc.strerror}).",
            f"The export file could not be written ({exc.strerror}).",
        ) from None
    _log.info("exported notes (%s, %d items)", fmt, len(report.items))
    return out


__all__ = ["FORMATS", "ExportError", "NotesReport", "collect_notes", "export_notes"]
