"""SEEDS.md §5.2 assertions 1-17 and 36 for seed 000: a 2024 kallelse with full handlingar (digital)."""

from __future__ import annotations

import pytest

from botkyrka_nämnd.importing import sekretess

from ..conftest import SEED_000, read_seed
from .test_parser_shape import parsed_seed

LAST_LINE = "§ 169 KS 2024-09-09 Firmatecknare 2024 - ändring 2024-09-09 KS/2023:00803"


@pytest.fixture(scope="module")
def m(seeds_dir):
    return parsed_seed(seeds_dir, SEED_000)


@pytest.fixture(scope="module")
def lines(seeds_dir):
    return read_seed(seeds_dir, SEED_000).split("\n")


def _canon(case):
    return case.canonical if case is not None else None


# 1, 2
def test_line_count_and_last_line(m, seeds_dir, lines):
    assert not read_seed(seeds_dir, SEED_000).endswith("\n")
    assert m.line_count == len(lines) == 1852
    item9 = m.item(9)
    assert item9.line_end == 1852
    last = item9.list_entries[-1]
    assert last.line == 1852 and last.text == LAST_LINE
    assert last.paragraph == "§ 169" and last.body == "KS" and last.decided_on == "2024-09-09"
    assert _canon(last.case_number) == "KS/2023:00803"
    assert item9.documents[-1].sections[-1].text_raw.endswith(LAST_LINE)


# 3
def test_digital(m):
    assert m.text_origin == "digital"


# 4
def test_meeting_metadata(m):
    assert m.date == "2024-09-24" and m.date_source == "tid_line"
    assert m.time == "18:00"
    assert m.place == "Xenter, Utbildningsvägen 3 i Tumba, Xenter, sal 226 plan 2"
    assert m.chair == "Carl Widercrantz (TUP)"
    assert m.secretary == "Anneli Sjöberg"
    assert (m.committee, m.committee_short, m.id) == ("Socialnämnden", "SN", "botkyrka-sn-2024-09-24")
    assert m.doc_kind == "kallelse"
    assert [(g.line, g.time) for g in m.group_meetings] == [(26, "17:30"), (28, "17:15")]


# 5
def test_nine_items_and_no_false_items(m):
    assert [i.ordinal for i in m.items] == list(range(1, 10))
    assert [i.printed_number for i in m.items] == [f"0{n}" for n in range(1, 10)]
    false_lines = {1351, 1355, *range(1624, 1635), 1816, 1817}
    for it in m.items:
        assert it.line_start not in false_lines
        for d in it.documents:
            assert d.line_start not in false_lines
    # those lines stay inside their items
    assert m.item(5).line_start < 1351 <= m.item(5).line_end
    assert m.item(6).line_start < 1624 <= m.item(6).line_end
    assert m.item(8).line_start < 1816 <= m.item(8).line_end


# 6
def test_item5_case_and_proposal(m):
    it = m.item(5)
    assert _canon(it.agenda_case_number) == _canon(it.document_case_number) == "SN/2024:00303"
    assert "755 000 kronor" in it.proposal
    assert it.proposal_source == "forvaltningen"
    assert it.documents[0].kind == "tjansteutlatande"
    assert it.title.startswith("Ansökan om statsbidrag") and it.title.endswith("stadigvarande boende 2025")


# 7
def test_item2_dnr_mismatch(m):
    it = m.item(2)
    assert _canon(it.agenda_case_number) == "SN/2024:00317"
    assert it.agenda_case_number.raw == "SN/2024: 00317"
    assert _canon(it.document_case_number) == "SN/2024:00266"
    assert "dnr_mismatch" in it.warnings


# 8
def test_item4_spaced_agenda_dnr_equals_document(m):
    it = m.item(4)
    assert it.agenda_case_number.raw == "SN/2024: 00053"
    assert _canon(it.agenda_case_number) == _canon(it.document_case_number) == "SN/2024:00053"
    assert "dnr_mismatch" not in it.warnings
    assert it.title_heading == "Delårsuppföljning 2 2024"  # "04 Tjänsteskrivelse" + title line


# 9
def test_item6_dnr_mismatch(m):
    it = m.item(6)
    assert _canon(it.agenda_case_number) == "SN/2024:00081"
    assert _canon(it.document_case_number) == "SN/2024:00304"
    assert "dnr_mismatch" in it.warnings


# 10
def test_item7_referens_variant(m):
    it = m.item(7)
    assert it.line_start == 1688
    first = it.documents[0]
    assert first.sections[0].line_start == 1697
    assert first.sections[0].text_clean.startswith("07 Sammanställning av ej verkställda beslut kvartal 3 2024")
    assert it.document_case_number is None
    assert first.author == "Tamara Glogovac"
    assert "dnr_mismatch" not in it.warnings


# 11
@pytest.mark.parametrize("n", [1, 2, 3])
def test_oral_information_items(m, n):
    it = m.item(n)
    assert it.kind == "muntlig_information"
    assert it.proposal == "Socialnämnden har tagit del av informationen."


# 12
def test_item8_meeting_dates(m):
    dates = m.item(8).meeting_dates
    assert len(dates) == 11
    assert dates[0] == "2025-01-28" and dates[-1] == "2025-12-16"
    assert "2025-08-26" in dates and all(d.startswith("2025-") for d in dates)


# 13
def test_item9_notifications(m):
    it = m.item(9)
    assert it.title == "Anmälningssärenden"  # the agenda's typo is kept
    assert it.kind == "anmalningsarenden"
    assert len(it.list_entries) == 5 and {e.kind for e in it.list_entries} == {"anmalan"}
    cases = [_canon(e.case_number) for e in it.list_entries]
    assert cases == ["SN/2024:00210", "KS/2024:00314", "KS/2024:00480", "KS/2024:00308", "KS/2023:00803"]
    assert it.list_entries[3].case_number.raw == "kS/2024:00308"
    # "KS 2024-09-09" is a date, not a Dnr
    assert all(e.decided_on == "2024-09-09" for e in it.list_entries[1:])


# 14
def test_date_before_meeting(m):
    flagged = {i.ordinal for i in m.items if "date_before_meeting" in i.warnings}
    assert flagged == {1, 2, 3, 8, 9}
    assert m.item(1).documents[0].doc_date == "2023-09-24"


# 15
def test_item4_matt_tables(m):
    header = "Mått\tUtfall 2021\tUtfall 2022\tUtfall 2023\tMål 2024\tUtfall 2024"
    tables = [s for d in m.item(4).documents for s in d.sections if s.kind == "table"]
    matt = [s for s in tables if s.text_raw.split("\n")[0] == header]
    assert len(matt) == 17
    assert sum(d.tables for d in m.item(4).documents) == len(tables) >= 17
    # a table continued after a page break is one table; its repeated header row is an artifact
    assert {a.line for a in m.page_artifacts} >= {770, 1078}


# 16
def test_item7_footer_removed_from_sentence(m):
    it = m.item(7)
    text = "\n".join(s.text_clean for d in it.documents for s in d.sections)
    assert "en genomgång av vad de olika rubrikerna för rapportering innebär." in text
    for needle in ("Botkyrka Kommun", "Org.nr", "Medborgarcenter", "Hemsida"):
        assert needle not in text
    artifacts = {a.line: a for a in m.page_artifacts}
    assert {1715, 1717, 1719, 1721} <= set(artifacts)
    assert all(artifacts[n].kind == "letterhead" for n in (1715, 1717, 1719, 1721))
    # the running header "Socialnämnden" inside the Delårsrapport is an artifact too (mid-sentence at 366)
    assert {366, 648, 964, 1076} <= set(artifacts)
    rapport = "\n".join(s.text_clean for s in m.item(4).documents[1].sections)
    assert "Detta ökar botkyrkabornas kunskap och kännedom" in rapport


# 17
def test_no_secret_parts_despite_lex_sarah_metric(m, lines):
    assert "lex Sarah" in lines[378]
    assert all(not it.secret_parts for it in m.items)
    assert all(not it.flags for it in m.items)


# 36
def test_org_nr_is_not_a_personnummer(m, lines):
    assert "212000-2882" in lines[1716]
    assert sekretess.find_personnummer(lines[1716]) == []
    assert not any(p.kind == "personuppgift" for it in m.items for p in it.secret_parts)


def test_documents_and_sections(m):
    kinds = {i.ordinal: [d.kind for d in i.documents] for i in m.items}
    assert kinds[4] == ["tjansteskrivelse", "bilaga"]
    assert kinds[5] == ["tjansteutlatande", "bilaga"]
    assert kinds[6] == ["tjansteskrivelse", "bilaga"]
    assert all(kinds[n] == ["tjansteskrivelse"] for n in (1, 2, 3, 7, 8, 9))
    assert [d.title for d in (m.item(4).documents[1], m.item(6).documents[1])] == [
        "Delårsrapport 2",
        "Kompetensförsörjningsplan 2025 – 2028",
    ]
    assert m.item(5).documents[1].title.startswith("Ansökan Socialstyrelsen")
    head = m.item(4).documents[0]
    assert (head.code, head.author, head.doc_date) == ("1.2.4.2", "Lina Fröberg", None)
    assert [s.kind for s in head.sections] == [
        "body",
        "forslag_till_beslut",
        "sammanfattning",
        "arendet",
        "ekonomiska_konsekvenser",
        "underlag_for_beslut",
        "skickas_till",
    ]
    assert [s.kind for s in m.item(6).documents[0].sections][-2:] == ["faststalld_av", "skickas_till"]
    assert m.item(5).documents[0].sections[-1].text_clean.startswith("Elisabet Stiernstedt")
    # text_raw keeps the source; headings are separate
    fb = m.item(1).documents[0].sections[1]
    assert (
        fb.heading == "Förslag till beslut"
        and fb.text_raw == "\nSocialnämnden har tagit del av informationen.\n".strip("\n")
    )
