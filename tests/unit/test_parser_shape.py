"""Shared helpers of the parser tests, and the PDF-shaped round trip of every seed.

``pdf_shape`` re-shapes a kallelse text the way a PDF text layer gives it back: tabs become one or two
spaces, lines longer than ``width`` wrap at word boundaries, and every ``every`` lines a running page
header and a ``Sida N av M`` footer are inserted. It returns the text and ``line_pages`` (the 1-based page
of each line), as the PDF importer passes them to the parser. ``parsed_seed`` parses a seed once per test
session (the OCR repair of 002 takes seconds).
"""

from __future__ import annotations

import functools
import textwrap
from pathlib import Path

import pytest

from botkyrka_nämnd.domain.model import Meeting
from botkyrka_nämnd.importing.kallelse import parse_kallelse

from ..conftest import SEED_000, SEED_002, SEED_003, read_seed


def pdf_shape(
    text: str,
    *,
    width: int = 95,
    every: int = 50,
    header: str = "Botkyrka kommun · Kallelse",
    drop_blank: bool = False,
) -> tuple[str, list[int]]:
    wrapped: list[str] = []
    for k, line in enumerate(text.split("\n")):
        line = line.replace("\t", "  " if k % 2 else " ")
        if len(line) > width:
            wrapped += textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False)
        else:
            wrapped.append(line)
    if drop_blank:
        wrapped = [x for x in wrapped if x.strip()]
    pages = [wrapped[i : i + every] for i in range(0, len(wrapped), every)]
    out: list[str] = []
    line_pages: list[int] = []
    for number, chunk in enumerate(pages, 1):
        for line in [header, "", *chunk, "", f"Sida {number} av {len(pages)}"]:
            out.append(line)
            line_pages.append(number)
    return "\n".join(out), line_pages


@functools.cache
def _parse_file(path: str) -> Meeting:
    return parse_kallelse(Path(path).read_text(encoding="utf-8"))


def parsed_seed(seeds_dir: Path, name: str) -> Meeting:
    """The parsed seed (cached: treat it as read-only)."""
    return _parse_file(str(seeds_dir / name))


def summary(m: Meeting):
    return (
        m.committee,
        m.date,
        m.time,
        [
            (
                i.ordinal,
                i.printed_number,
                i.title,
                i.kind,
                i.agenda_case_number.canonical if i.agenda_case_number else None,
                i.document_case_number.canonical if i.document_case_number else None,
            )
            for i in m.items
        ],
    )


def test_pdf_shape_wraps_and_paginates():
    text = "\n".join(["1.\tEtt ärende\tSN/2024:00001", "ord " * 40, *["rad"] * 60])
    shaped, pages = pdf_shape(text)
    lines = shaped.split("\n")
    assert len(lines) == len(pages)
    assert "\t" not in shaped
    assert max(len(x) for x in lines) <= 95
    assert lines[0] == "Botkyrka kommun · Kallelse" and pages[0] == 1
    assert lines[-1] == "Sida 2 av 2" and pages[-1] == 2


@pytest.mark.parametrize("name", [SEED_000, SEED_002, SEED_003])
@pytest.mark.parametrize("drop_blank", [False, True])
def test_pdf_shaped_seed_gives_the_same_meeting(seeds_dir, name, drop_blank):
    plain = parsed_seed(seeds_dir, name)
    text, pages = pdf_shape(read_seed(seeds_dir, name), drop_blank=drop_blank)
    shaped = parse_kallelse(text, line_pages=pages)
    assert summary(shaped) == summary(plain)
    # PDF sources carry page numbers down to sections and documents
    docs = [d for it in shaped.items for d in it.documents]
    assert docs and all(d.page_start is not None and d.page_end >= d.page_start for d in docs)
    # the inserted running header and page numbers are artifacts, not text
    assert any(a.kind == "page_no" and a.text.startswith("Sida ") for a in shaped.page_artifacts)
    for it in shaped.items:
        for d in it.documents:
            for s in d.sections:
                assert "Sida " not in s.text_clean.split("\n")[0][:5]
                assert "Botkyrka kommun · Kallelse" not in s.text_clean
