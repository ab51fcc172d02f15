""" "Mina anteckningar" export: PDF (text extracted with pypdfium2, one render with pdftoppm) and Markdown."""

from __future__ import annotations

import re
import shutil
import subprocess

import pypdfium2 as pdfium
import pytest

from botkyrka_nämnd.errors import NotFound
from botkyrka_nämnd.export import ExportError, collect_notes, export_notes
from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.vault import KdfParams, MemoryKeyStore

from .annotation_fixtures import (
    MEETING_ID,
    PASSAGE,
    PASSPHRASE,
    SECRET_TEXT,
    bilaga_sections,
    build_meeting,
    document_id,
    fill_vault,
    item_id,
    reissued,
    save,
    secret_uid,
)

SECRET_NOTE = "HEMLIG-ANTECKNING om Östen på Tallbacken"


@pytest.fixture
def ctx(data_dir):
    c = AppContext(data_dir, keystore=MemoryKeyStore(), kdf=KdfParams.fast())
    m = build_meeting()
    save(c, m)
    a = c.annotations
    i1, i2, i3, i4 = (item_id(c, n) for n in (1, 2, 3, 4))
    d = document_id(c, 2)
    s = c.repo.document_text(d).index(PASSAGE)
    a.save_highlight(
        i2,
        document_id=d,
        start=s,
        end=s + len(PASSAGE),
        comment='Fråga: är det "fler barn" eller dyrare platser?',
        tags=["fråga"],
    )
    a.save_note(
        i2, "Yrka återremiss om förvaltningen inte kan förklara ökningen.\n\nRing Åsa före mötet.", tags=["yrkande"]
    )
    a.set_position(i2, "yrkande")
    a.add_note(i4, "Underskottet 4,2 miljoner - hur ser åtgärdsplanen ut?", tags=["att läsa"])
    a.set_position(i4, "för")
    a.set_position(i1, "avvakta")
    a.add_note(i3, "Offentlig fråga om rutinerna")
    c.vault.init(PASSPHRASE)
    fill_vault(c, m)
    a.save_note(i3, SECRET_NOTE, secret_part_uid=secret_uid(c), tags=["jäv"])  # vault unlocked during export
    yield c
    c.close()


def pdf_text(path) -> tuple[int, list[str]]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    return len(pages), [p.replace("\r\n", "\n").replace("\u00a0", " ") for p in pages]


def test_pdf_has_the_agenda_in_order_with_my_notes_and_swedish_text(ctx, tmp_path):
    out = export_notes(ctx, MEETING_ID, tmp_path / "anteckningar.pdf")
    assert out.read_bytes().startswith(b"%PDF-")
    n, pages = pdf_text(out)
    text = "\n".join(pages)
    # å/ä/ö and the typography survive the embedded font
    for s in (
        "Mina anteckningar",
        "Socialnämnden",
        "Anna Ärlemalm",
        "Örjan Åberg",
        "tisdag 24 september 2024 kl. 18.00",
        "Yrka återremiss om förvaltningen",
        "Ring Åsa före mötet.",
        "Underskottet 4,2 miljoner – hur ser åtgärdsplanen ut?",
        "”fler barn”",
        "Min hållning: Yrkande",
        "Min hållning: För",
        "Min hållning: Avvakta",
        "Dnr SN/2024:00303",
    ):
        assert s in text, s
    # agenda order
    titles = [
        "1. Anmälan av delegationsbeslut",
        "2. Rapport om placeringar av barn och unga 2024",
        "3. Lex Sarah-rapporter",
        "4. Ekonomisk uppföljning augusti",
    ]
    positions = [text.index(t) for t in titles]
    assert positions == sorted(positions)
    assert "Justering" not in text  # an unnumbered item without notes is left out
    # proposal, the highlighted quote with its source and page
    flat = re.sub(r"\s+", " ", text)
    assert "Socialnämnden godkänner rapporten och lägger den till handlingarna." in flat
    assert f"”{PASSAGE}”" in flat
    assert "Bilaga 1: Placeringsrapport januari–juni 2024, s. 6" in flat
    # page numbers and the meeting in every page's header
    for i, page in enumerate(pages, start=1):
        assert f"Sida {i} av {n}" in page
        assert "Mina anteckningar – Socialnämnden" in page and "tisdag 24 september 2024" in page
    # the secret part: counted, never shown, nor the note on it (the vault is unlocked right now)
    assert ctx.vault.unlocked
    assert "1 sekretessbelagd del ingår inte i exporten" in flat
    assert "Offentlig fråga om rutinerna" in flat
    for secret in (SECRET_NOTE, "HEMLIG", "Tallbacken", SECRET_TEXT[:30], "jäv"):
        assert secret not in text


def test_pdf_metadata_and_fonts(ctx, tmp_path):
    out = export_notes(ctx, MEETING_ID, tmp_path / "a.pdf")
    pdf = pdfium.PdfDocument(str(out))
    try:
        meta = pdf.get_metadata_dict()
    finally:
        pdf.close()
    assert meta["Title"] == "Mina anteckningar – Socialnämnden 24 september 2024"
    data = out.read_bytes()
    assert b"/FontFile2" in data  # the TrueType font is embedded
    assert b"/Lang (sv-SE)" in data


def test_a_long_export_runs_over_several_pages(ctx, tmp_path):
    for k in range(25):
        ctx.annotations.add_note(
            item_id(ctx, 1), f"Anteckning {k + 1}: " + "delegationsbeslut enligt 4 kap. 1 § SoL och LVU. " * 12
        )
    n, pages = pdf_text(export_notes(ctx, MEETING_ID, tmp_path / "long.pdf"))
    assert n >= 3
    assert f"Sida {n} av {n}" in pages[-1]
    text = "\n".join(pages)
    assert text.index("Anteckning 2:") < text.index("Anteckning 10:") < text.index("Anteckning 25:")


def test_pdf_renders_to_a_non_blank_png(ctx, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) not installed")
    out = export_notes(ctx, MEETING_ID, tmp_path / "a.pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")], check=True, timeout=60
    )
    (png,) = tmp_path.glob("page*.png")
    pdf = pdfium.PdfDocument(str(out))
    try:
        image = pdf[0].render(scale=60 / 72).to_pil().convert("L")
    finally:
        pdf.close()
    assert png.stat().st_size > 5_000
    assert (round(595 * 60 / 72) - 1) <= image.width <= round(595 * 60 / 72) + 1
    dark = sum(image.histogram()[:128])
    assert dark > 2_000  # text was drawn


def test_markdown_export(ctx, tmp_path):
    out = export_notes(ctx, MEETING_ID, tmp_path / "anteckningar.md", fmt="md")
    md = out.read_text(encoding="utf-8")
    assert md.startswith("# Mina anteckningar\n")
    heads = re.findall(r"^## (.+)$", md, re.M)
    assert heads == [
        "1. Anmälan av delegationsbeslut",
        "2. Rapport om placeringar av barn och unga 2024",
        "3. Lex Sarah-rapporter",
        "4. Ekonomisk uppföljning augusti",
    ]
    assert "**Min hållning: Yrkande**" in md and "Dnr\u00a0SN/2024:00303" in md
    assert f"> ”{PASSAGE}”  \n> – Bilaga 1" in md.replace("\u00a0", " ")
    assert "Bilaga\u00a01: Placeringsrapport januari–juni 2024, s.\u00a06" in md  # no line break inside "s. 6"
    assert "Underskottet 4,2\u00a0miljoner\u00a0– hur ser åtgärdsplanen ut?" in md
    assert "”fler barn”" in md
    for secret in (SECRET_NOTE, "HEMLIG", "Tallbacken", "jäv"):
        assert secret not in md


def test_markdown_escapes_user_text(ctx, tmp_path):
    ctx.annotations.add_note(
        item_id(ctx, 4), "# inte en rubrik\n- inte en lista\n1. inte numrerad\n<script>x</script> *inte kursiv*"
    )
    md = export_notes(ctx, MEETING_ID, tmp_path / "a.md", fmt="md").read_text(encoding="utf-8")
    assert "\\# inte en rubrik" in md and "\n– inte en lista" in md and "1\\. inte numrerad" in md
    assert "\\<script\\>" in md and "\\*inte kursiv\\*" in md
    assert not re.search(r"^(# inte|- inte)", md, re.M)


def test_pdf_escapes_markup_in_user_text(ctx, tmp_path):
    ctx.annotations.add_note(item_id(ctx, 4), "Jämför <b>A & B</b> och <font size=40>x</font>")
    _, pages = pdf_text(export_notes(ctx, MEETING_ID, tmp_path / "a.pdf"))
    assert "Jämför <b>A & B</b> och <font size=40>x</font>" in "\n".join(pages)


def test_only_annotated_and_empty_meetings(ctx, tmp_path):
    report = collect_notes(ctx, MEETING_ID, only_annotated=True)
    assert [i.number for i in report.items] == [1, 2, 3, 4]
    ctx.annotations.set_position(item_id(ctx, 1), None)
    assert [i.number for i in collect_notes(ctx, MEETING_ID, only_annotated=True).items] == [2, 3, 4]
    full = collect_notes(ctx, MEETING_ID)
    assert [i.number for i in full.items] == [1, 2, 3, 4]
    assert full.items[2].secret_parts == 1 and [n.body for n in full.items[2].notes] == ["Offentlig fråga om rutinerna"]


def test_highlight_needing_review_is_flagged_in_the_export(ctx, tmp_path):
    save(ctx, reissued(build_meeting(), bilaga=bilaga_sections(passage=None)))
    _, pages = pdf_text(export_notes(ctx, MEETING_ID, tmp_path / "a.pdf"))
    assert "behöver granskas" in "\n".join(pages)
    md = export_notes(ctx, MEETING_ID, tmp_path / "a.md", fmt="md").read_text(encoding="utf-8")
    assert "behöver granskas" in md


def test_export_errors_are_user_errors_and_leave_no_files(ctx, tmp_path):
    tmp_path = tmp_path / "export"
    tmp_path.mkdir()
    with pytest.raises(NotFound):
        export_notes(ctx, "SN-1999-01-01", tmp_path / "x.pdf")
    with pytest.raises(ExportError):
        export_notes(ctx, MEETING_ID, tmp_path / "saknas" / "x.pdf")
    with pytest.raises(ExportError):
        export_notes(ctx, MEETING_ID, tmp_path, fmt="pdf")
    with pytest.raises(ExportError):
        export_notes(ctx, MEETING_ID, tmp_path / "x.docx", fmt="docx")
    assert list(tmp_path.iterdir()) == []
    export_notes(ctx, MEETING_ID, tmp_path / "ok.pdf")
    export_notes(ctx, MEETING_ID, tmp_path / "ok.pdf")  # overwrite in place
    assert [p.name for p in tmp_path.iterdir()] == ["ok.pdf"]  # no temporary files left behind
