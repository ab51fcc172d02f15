"""The CLI contract for notes (DESIGN.md §7): ``note add``, ``notes --json``, ``export``; in-process via
``cli.main`` with ``--data-dir``."""

from __future__ import annotations

import json

import pypdfium2 as pdfium
import pytest

from botkyrka_nämnd import cli
from botkyrka_nämnd.services.context import AppContext

from .annotation_fixtures import MEETING_ID, build_meeting, save


@pytest.fixture
def data(tmp_path):
    d = tmp_path / "cli-data"
    ctx = AppContext(d)
    save(ctx, build_meeting())
    ctx.close()
    return d


def run(capsys, data, *args) -> tuple[int, str, str]:
    code = cli.main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_note_add_then_notes_json(data, capsys):
    code, out, err = run(
        capsys,
        data,
        "note",
        "add",
        MEETING_ID,
        "2",
        "Yrka återremiss: kostnaderna för HVB är oklara",
        "--tag",
        "yrkande",
        "--tag",
        "Fråga",
        "--json",
    )
    assert code == 0, err
    note = json.loads(out)
    assert note["body"] == "Yrka återremiss: kostnaderna för HVB är oklara" and note["tags"] == ["yrkande", "fråga"]
    assert note["item_number"] == 2 and note["meeting_id"] == MEETING_ID
    assert run(capsys, data, "note", "add", MEETING_ID, "4", "Åtgärdsplan?")[0] == 0
    code, out, err = run(capsys, data, "notes", MEETING_ID, "--json")
    assert code == 0, err
    notes = json.loads(out)
    assert [(n["item_number"], n["item_title"], n["body"], n["tags"]) for n in notes] == [
        (
            2,
            "Rapport om placeringar av barn och unga 2024",
            "Yrka återremiss: kostnaderna för HVB är oklara",
            ["yrkande", "fråga"],
        ),
        (4, "Ekonomisk uppföljning augusti", "Åtgärdsplan?", []),
    ]
    code, out, _ = run(capsys, data, "notes", MEETING_ID)
    assert (
        code == 0
        and "2. Rapport om placeringar av barn och unga 2024: Yrka återremiss" in out
        and "[yrkande, fråga]" in out
    )


def test_notes_of_a_meeting_without_notes(data, capsys):
    code, out, _ = run(capsys, data, "notes", MEETING_ID, "--json")
    assert code == 0 and json.loads(out) == []
    assert run(capsys, data, "notes", MEETING_ID)[1].strip() == "Inga anteckningar."


@pytest.mark.parametrize(
    "args, words",
    [
        (["note", "add", "SN-1999-01-01", "1", "x"], "SN-1999-01-01"),
        (["note", "add", MEETING_ID, "42", "x"], "42"),
        (["note", "add", MEETING_ID, "2", "   "], "tom"),
        (["note", "add", MEETING_ID, "2", "x", "--tag", "t" * 60], "tagg"),
        (["notes", "SN-1999-01-01", "--json"], "finns inte"),
        (["export", "SN-1999-01-01", "--out", "x.pdf"], "finns inte"),
    ],
)
def test_user_errors_are_one_line_without_traceback(data, capsys, args, words):
    code, out, err = run(capsys, data, *args)
    assert code == 1 and out == ""
    assert words in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_export_pdf_and_markdown(data, capsys, tmp_path):
    run(capsys, data, "note", "add", MEETING_ID, "2", "Ring Åsa före mötet", "--tag", "att läsa")
    pdf = tmp_path / "mina anteckningar.pdf"
    code, out, err = run(capsys, data, "export", MEETING_ID, "--out", str(pdf), "--json")
    assert code == 0, err
    assert json.loads(out) == {"meeting_id": MEETING_ID, "out": str(pdf), "format": "pdf"}
    doc = pdfium.PdfDocument(str(pdf))
    try:
        text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()
    assert "Ring Åsa före mötet" in text and "Sida 1 av" in text
    md = tmp_path / "anteckningar.md"
    code, out, err = run(capsys, data, "export", MEETING_ID, "--out", str(md))
    assert code == 0, err
    assert f"Exporterade {md}" in out
    assert "Ring Åsa före mötet" in md.read_text(encoding="utf-8")
    forced = tmp_path / "utan-filändelse"
    assert run(capsys, data, "export", MEETING_ID, "--out", str(forced), "--format", "md")[0] == 0
    assert forced.read_text(encoding="utf-8").startswith("# Mina anteckningar")


def test_export_into_a_missing_folder_fails_cleanly(data, capsys, tmp_path):
    code, _out, err = run(capsys, data, "export", MEETING_ID, "--out", str(tmp_path / "saknas" / "a.pdf"))
    assert code == 1 and "Mappen" in err and "Traceback" not in err


def test_highlight_add_by_quote_then_review_in_notes_json(data, capsys):
    from .annotation_fixtures import PASSAGE, bilaga_sections, reissued

    code, out, _ = run(
        capsys, data, "highlight", "add", MEETING_ID, "2", "--quote", PASSAGE, "--comment", "Varför?", "--json"
    )
    assert code == 0
    h = json.loads(out)
    assert (h["quote"], h["body"], h["state"], h["kind"]) == (PASSAGE, "Varför?", "placed", "highlight")
    code, _, err = run(capsys, data, "highlight", "add", MEETING_ID, "2", "--quote", "Detta står ingenstans.")
    assert code != 0 and "ordagrant" in err and "word for word" in err

    # a re-issue edits the passage: notes --json gives the stored quote, the state and the proposed text
    edited = PASSAGE.replace("12 miljoner", "14 miljoner")
    ctx = AppContext(data)
    save(ctx, reissued(build_meeting(), bilaga=bilaga_sections(passage=edited)))
    ctx.close()
    code, out, _ = run(capsys, data, "notes", MEETING_ID, "--json")
    (n,) = [x for x in json.loads(out) if x["kind"] == "highlight"]
    assert (n["quote"], n["state"], n["proposed"]) == (PASSAGE, "review", edited)
    code, out, _ = run(capsys, data, "notes", MEETING_ID)
    assert "behöver granskas" in out and "14 miljoner" in out
