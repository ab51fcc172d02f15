"""SEEDS.md §5.2 assertions 1, 3, 26-34 and 36 for seed 002: the OCR'd 2018 kallelse with
ordförandeförslag, tjänsteskrivelser, bilagor and an external protokoll."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from botkyrka_nämnd.importing import sekretess
from botkyrka_nämnd.importing.normalize import ocr_fold

from ..conftest import SEED_002, read_seed
from .test_parser_shape import parsed_seed

PLACE_RAW = "Kommunalhuset 1 Tumba, Munkhéttevédgen 45, plan 2 Alytus"
PLACE = "Kommunalhuset i Tumba, Munkhättevägen 45, plan 2 Alytus"


@pytest.fixture(scope="module")
def m(seeds_dir):
    return parsed_seed(seeds_dir, SEED_002)


@pytest.fixture(scope="module")
def lines(seeds_dir):
    return read_seed(seeds_dir, SEED_002).split("\n")


def _canon(case):
    return case.canonical if case is not None else None


def _starts(m):
    return {d.line_start for it in m.items for d in it.documents} | {it.line_start for it in m.items}


# 1, 3
def test_line_count_and_ocr(m, lines, seeds_dir):
    assert not read_seed(seeds_dir, SEED_002).endswith("\n")
    assert m.line_count == len(lines) == 4770
    assert m.text_origin == "ocr"


# 26
def test_meeting_metadata(m):
    assert m.date == "2018-08-28" and m.date_source == "tid_line"
    assert m.time == "19:00"  # "k1 19:00"
    assert m.chair == "Mats Einarsson"
    assert m.secretary == "Anneli Sjöberg"
    assert m.place_raw == PLACE_RAW
    # corrected, or kept raw and flagged as OCR text
    assert m.place == PLACE or "place_ocr" in m.warnings
    assert m.place.startswith("Kommunalhuset i Tumba,")  # stand-alone "1" read as "i"
    assert m.committee == "Socialnämnden" and m.committee_short == "SN"
    assert m.doc_kind == "kallelse_med_ordforandeforslag"
    assert [g.time for g in m.group_meetings] == ["18:00", "18:00"]
    assert [g.line for g in m.group_meetings] == [38, 42]


# 27
def test_thirteen_numbered_items_plus_justering(m):
    assert [i.ordinal for i in m.numbered_items] == list(range(1, 14))
    just = [i for i in m.items if i.ordinal is None]
    assert len(just) == 1 and just[0].kind == "justering" and just[0].title == "Justering"
    assert len(m.items) == 14


# 28
def test_item5_case_number_from_agenda_and_document(m, lines):
    it = m.item(5)
    assert it.agenda_case_number.raw == "SN 2018:254"
    assert _canon(it.agenda_case_number) == _canon(it.document_case_number) == "SN/2018:00254"
    docs = it.documents
    assert docs[0].kind == "ordforandeforslag" and docs[0].case_number.raw == "SN/2018:254"
    assert docs[0].line_start == 3388
    assert docs[1].kind == "tjansteskrivelse" and _canon(docs[1].case_number) == "SN/2018:00254"
    assert docs[1].doc_date == "2018-07-11"
    assert "dnr_mismatch" not in it.warnings
    assert it.proposal_source == "ordforandeforslag" and it.proposal.startswith(
        "Socialnämnden godkänner utredningen"
    )  # repaired for display


# 29
def test_block_printed_8_belongs_to_item_10(m):
    it10 = m.item(10)
    assert it10.line_start == 4249 and it10.line_end == 4255
    assert it10.printed_number == "8"
    assert {"number_mismatch", "duplicate_document"} <= set(it10.warnings)
    assert [d.line_start for d in it10.documents] == [4249, 4301]
    assert _canon(it10.case_number) == "SN/2018:00016"
    assert it10.kind == "information"
    it8 = m.item(8)
    assert (it8.line_start, it8.line_end) == (4234, 4245)
    assert it8.kind == "muntlig_information"
    assert fuzz.ratio(ocr_fold(it8.title_heading), "forvaltningschefen informerar - muntlig information") > 95


# 30
def test_ocr_garbled_case_number_in_item9(m, lines):
    assert "SN72018-320" in lines[4277]
    it9 = m.item(9)
    tj = [d for d in it9.documents if d.kind == "tjansteskrivelse"]
    assert len(tj) == 1 and tj[0].line_start == 4276
    assert tj[0].case_number.raw == "SN72018-320" and _canon(tj[0].case_number) == "SN/2018:00320"
    assert tj[0].doc_date == "2018-08-17" and tj[0].author == "Emma Westergren"
    assert _canon(it9.case_number) == "SN/2018:00320"


# 31
def test_items_3_and_4_swap_their_case_numbers(m):
    it3, it4 = m.item(3), m.item(4)
    assert (_canon(it3.agenda_case_number), _canon(it3.document_case_number)) == ("SN/2018:00001", "SN/2017:00001")
    assert (_canon(it4.agenda_case_number), _canon(it4.document_case_number)) == ("SN/2017:00001", "SN/2018:00001")
    assert "dnr_mismatch" in it3.warnings and "dnr_mismatch" in it4.warnings
    # the same Dnr on several items: never a key
    assert _canon(m.item(2).agenda_case_number) == "SN/2017:00001"


# 32
def test_item11_external_protokoll(m):
    it = m.item(11)
    ext = [d for d in it.documents if d.kind == "externt_protokoll"]
    assert len(ext) == 1
    assert (ext[0].line_start, ext[0].line_end) == (4319, 4676)
    assert it.line_start == 4305
    # no socialnämnd items inside the protokoll
    assert not any(4319 <= s <= 4676 for s in {i.line_start for i in m.items if i.line_start})
    assert m.item(12).line_start == 4677
    # its page headers (SAMMANTRÄDESPROTOKOLL, SIDA, Signaturer) are artifacts, not text
    assert sum(1 for a in m.page_artifacts if a.text == "SAMMANTRADESPROTOKOLL") >= 8


# 33
def test_dnr_footer_inside_the_list_is_an_artifact(m):
    art = {a.line: a for a in m.page_artifacts}
    assert art[4750].text == "Dnr SN 2018:12" and art[4750].kind == "footer"
    it13 = m.item(13)
    assert it13.line_start == 4715 and it13.line_end >= 4769
    assert 4750 not in _starts(m)
    entries = it13.list_entries
    assert len(entries) == 16 and {e.kind for e in entries} == {"anmalan"}
    assert entries[0].line == 4724 and entries[-1].line == 4768
    assert [e.paragraph for e in entries[4:14]] == [
        "§ 121",
        "§ 138",
        "§ 139",
        "§ 140",
        "§ 141",
        "§ 143",
        "§ 144",
        "§ 145",
        "§ 146",
        "§ 147",
    ]
    assert _canon(entries[-1].case_number) == "SBF/2015:00229"
    assert all("Dnr SN 2018:12" not in e.text for e in entries)
    # S11: LVU/LVM ordförandebeslut -> granska (not locked)
    assert entries[0].flags == ["granska"] and "granska" in it13.flags
    assert not it13.locked_parts


# 34
def test_item12_delegations(m, lines):
    it = m.item(12)
    assert it.kind == "delegationsbeslut"
    entries = it.list_entries
    assert len(entries) == 8 and {e.kind for e in entries} == {"delegationsbeslut"}
    delegates = []
    for e in entries:
        if e.delegate not in delegates:
            delegates.append(e.delegate)
    expected = ["forvaltningschef", "socialnamndens presidium", "alkoholhandlaggare"]
    assert len(delegates) == 3
    assert all(fuzz.ratio(ocr_fold(d), x) >= 90 for d, x in zip(delegates, expected))
    assert [e.line for e in entries] == [4686, 4690, 4694, 4702, 4704, 4706, 4708, 4710]
    private = [p for p in it.secret_parts if p.kind == "personuppgift"]
    assert [(p.line_start, p.locked) for p in private] == [(4708, False)]
    assert "Akpane Njagwani" in lines[4707]
    assert entries[6].flags == ["personuppgift"]
    assert all("personuppgift" not in e.flags for k, e in enumerate(entries) if k != 6)
    assert "individarende" in entries[0].flags  # antagning i hemvärnet (S10)
    assert not it.locked_parts


# S5/S6/S8: lex Sarah in the public kvalitetsberättelse is never locked
def test_public_lex_sarah_text_is_not_locked(m, lines):
    assert any("lex Sarah" in x for x in lines[541:607])
    assert not m.item(3).locked_parts
    assert not any(p.locked for it in m.items for p in it.secret_parts)


# 36
def test_org_nr_is_not_a_personnummer(m, lines):
    assert "212000-2882" in lines[249]
    assert sekretess.find_personnummer(lines[249]) == []
    assert all(p.line_start != 250 for it in m.items for p in it.secret_parts)


def test_titles_are_matched_by_ocr_tolerant_title(m):
    # items 3, 4, 6, 7, 12 and 13 have no printed number: matched to the agenda by title
    for n, start in ((3, 207), (4, 1196), (6, 3792), (7, 4040), (12, 4677), (13, 4715)):
        assert m.item(n).line_start == start, n
        assert m.item(n).printed_number is None
    assert m.item(6).title_heading.endswith("varde- grund")
    assert m.item(2).line_start == 60 and m.item(2).printed_number == "2"


def test_documents_of_the_items(m):
    kinds = {i.ordinal: [d.kind for d in i.documents] for i in m.numbered_items}
    assert kinds[2] == ["ordforandeforslag", "tjansteskrivelse"]
    assert kinds[3][:2] == ["ordforandeforslag", "tjansteskrivelse"] and set(kinds[3][2:]) == {"bilaga"}
    assert kinds[5] == ["ordforandeforslag", "tjansteskrivelse", "bilaga"]
    assert kinds[7] == ["ordforandeforslag", "tjansteskrivelse"]
    tj2 = m.item(2).documents[1]
    assert (tj2.line_start, tj2.doc_date, tj2.author) == (78, "2018-08-09", "Ulrika Hage")
    assert [s.kind for s in tj2.sections][-2:] == ["signatur", "expedieras_till"]
    # the 2[2] continuation header of item 7 and the letterhead footers are artifacts
    art = {a.line: a.kind for a in m.page_artifacts}
    assert art[4102] == "header" and art[4098] == "page_no"
    assert all(art[n] == "letterhead" for n in (127, 128, 247, 248, 250))
    # the letterhead is out of the cleaned text
    assert all("Post Botkyrka kommun" not in s.text_clean for d in m.item(2).documents for s in d.sections)


def test_ocr_text_index(m):
    secs = [s for it in m.items for d in it.documents for s in d.sections]
    assert secs and all(s.text_index is not None for s in secs)
    assert all(s.text_index.count("\n") == s.text_clean.count("\n") for s in secs)
    beslut = next(s for s in m.item(2).documents[0].sections if s.kind == "beslut")
    assert "Socialndmnden" in beslut.text_clean and "Socialnämnden" in beslut.text_index


def test_ocr_titles_are_repaired_for_display_and_kept_as_printed(m, lines):
    it2 = m.item(2)
    assert (
        it2.title_raw == "Ekonomisk ménadsuppf6ljning 2018"
        and lines[13] == "2 Ekonomisk ménadsuppf6ljning 2018 (SN 2017:1)"
    )
    assert it2.title != it2.title_raw and "ö" in it2.title
    assert m.item(13).title_raw == "Anmilningsdrenden"
    assert all(i.title_raw is None or i.title_raw != i.title for i in m.items)
