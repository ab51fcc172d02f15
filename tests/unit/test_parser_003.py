"""SEEDS.md §5.2 assertions 1, 3, 18-25 and 36 for seed 003: ordförandeförslag and handlingar of
2020-05-26 without a cover page or agenda, with the only explicit sekretess part of the seeds."""

from __future__ import annotations

import pytest

from botkyrka_nämnd.domain.model import SECRET_PLACEHOLDER
from botkyrka_nämnd.importing import sekretess

from ..conftest import SEED_003, read_seed
from .test_parser_shape import parsed_seed


@pytest.fixture(scope="module")
def m(seeds_dir):
    return parsed_seed(seeds_dir, SEED_003)


@pytest.fixture(scope="module")
def lines(seeds_dir):
    return read_seed(seeds_dir, SEED_003).split("\n")


def _canon(case):
    return case.canonical if case is not None else None


def _public_texts(m):
    for it in m.items:
        yield from (it.title, it.title_heading or "", it.proposal or "")
        for d in it.documents:
            yield d.title
            for s in d.sections:
                yield s.text_raw
                yield s.text_clean
                yield s.text_index or ""
        for e in it.list_entries:
            yield e.text
        for p in it.secret_parts:
            yield p.label
    for a in m.page_artifacts:
        yield a.text


# 1, 3
def test_line_count_and_origin(m, lines):
    assert m.line_count == len(lines) == 1998
    assert m.text_origin == "digital"


# 18
def test_date_from_ordforandeforslag_headers_and_nothing_guessed(m):
    assert m.date == "2020-05-26"
    assert m.date_source == "ordforandeforslag_header"
    assert (m.time, m.place, m.chair, m.secretary) == (None, None, None, None)
    assert m.doc_kind == "handlingar_utdrag"
    assert m.committee == "Socialnämnden"
    assert not m.group_meetings


# 19
def test_nine_items_and_their_case_numbers(m):
    assert [i.ordinal for i in m.items] == list(range(1, 10))
    assert _canon(m.item(1).case_number) == "SN/2020:00238"
    it2 = m.item(2)
    assert it2.printed_number == "2"
    assert it2.documents[0].line_start <= 779 <= it2.documents[0].line_end
    assert _canon(it2.case_number) == "SN/2020:00218"
    assert "dnr_mismatch" not in it2.warnings  # (SN2020:218) and Dnr SN/2020:218 are the same
    assert [i.printed_number for i in m.items if i.ordinal != 2] == [None] * 8
    assert m.item(1).title == "Delårsrapport 1 för socialnämnden"
    assert it2.title.startswith("Socialnämndens redovisning av uppdrag delår 1 2020")


# 20
def test_case_number_split_over_lines(m, lines):
    assert lines[909].rstrip().endswith("(SN") and lines[910].startswith("2020:197)")
    assert _canon(m.item(3).case_number) == "SN/2020:00197"
    assert m.item(3).title.endswith("kvinnor och barn")


# 21
def test_item8_delegations(m, lines):
    it = m.item(8)
    assert "Dnr SN 2020:12/" in lines[1922]
    assert _canon(it.case_number) == "SN/2020:00012"
    assert it.kind == "delegationsbeslut"
    assert len(it.list_entries) == 4 and {e.kind for e in it.list_entries} == {"delegationsbeslut"}
    assert [e.delegate for e in it.list_entries] == [
        "Socialdirektör",
        "Socialnämndens ordförande",
        "Alkoholhandläggare",
        "Alkoholhandläggare",
    ]
    assert _canon(it.list_entries[0].case_number) == "SN/2020:00192"
    assert "individarende" in it.list_entries[0].flags  # antagning till hemvärnet


# 22
def test_item9_notifications_and_the_secret_part(m, lines):
    it = m.item(9)
    assert it.kind == "anmalningsarenden"
    assert len([e for e in it.list_entries if e.kind == "anmalan"]) == 12
    locked = it.locked_parts
    assert len(locked) == 1
    part = locked[0]
    assert (part.line_start, part.line_end) == (1996, 1997)
    assert part.report_numbers == [1531, 1545, 1610, 1646]
    assert part.kind == "lex_sarah" and not part.not_in_source
    assert part.text == "I sekretessdelen\nLex Sarah rapport 1531, 1545, 1610, 1646"
    assert part.label == "Sekretessbelagd del" and part.vault_label == "Lex Sarah-rapporter (4)"
    # nothing of it in public text: not the marker, not the numbers
    public = "\n".join(_public_texts(m))
    for needle in ("1531", "1545", "1610", "1646", "Lex Sarah rapport", "I sekretessdelen"):
        assert needle not in public
    sec = it.documents[-1].sections[-1]
    assert sec.text_raw.rstrip().endswith(SECRET_PLACEHOLDER)
    assert sec.text_clean.endswith(SECRET_PLACEHOLDER)
    assert "sekretess" in it.flags


# 23
def test_item5_non_executed_decisions(m, lines):
    it = m.item(5)
    entries = [e for e in it.list_entries if e.kind == "ej_verkstallt_beslut"]
    assert len(entries) == 16
    assert [e.line for e in entries] == [
        1786,
        1796,
        1811,
        1816,
        1819,
        1824,
        1827,
        1830,
        1833,
        1836,
        1842,
        1845,
        1849,
        1852,
        1864,
        1868,
    ]
    assert "bevilajt" in lines[1848] and any(e.line == 1849 for e in entries)
    assert entries[0].decided_on == "2018-11-28"
    assert all(e.flags == ["individarende"] for e in entries)
    assert "individarende" in it.flags
    flag = [p for p in it.secret_parts if p.kind == "individarende"]
    assert len(flag) == 1 and flag[0].locked is False and flag[0].label == "Individärenden (16)"
    # S2: identifiable data available at the meeting: an empty, locked placeholder
    refs = [p for p in it.secret_parts if p.kind == "hanvisning"]
    assert len(refs) == 1
    assert refs[0].locked and refs[0].not_in_source and refs[0].text == ""
    assert 1709 <= refs[0].line_start <= 1711


# 24
def test_dehyphenation_in_text_clean(m, lines):
    assert lines[5].endswith("kom-") and lines[6].startswith("munstyrelsen")
    assert lines[214].rstrip().endswith("Covid-") and lines[215].startswith("19")
    text = "\n".join(s.text_clean for d in m.item(1).documents for s in d.sections)
    beslut = next(s for s in m.item(1).documents[0].sections if s.kind == "beslut")
    first = beslut.text_clean.split("\n")[0]
    assert first.endswith("överlämnar den till kommunstyrelsen") and "kom-" not in first
    assert "Covid-19" in text and "Covid19" not in text and "Covid- 19" not in text
    assert "skuldrådgivningen" in text


# 25
def test_heading_with_trailing_space_and_nbsp(m, lines):
    assert lines[787] == "Beslut "
    secs = [s for d in m.item(2).documents for s in d.sections]
    beslut = [s for s in secs if s.line_start == 788]
    assert len(beslut) == 1 and beslut[0].kind == "beslut" and beslut[0].heading == "Beslut"
    assert "\u00a0" in lines[868] + lines[881]
    assert all("\u00a0" not in s.text_clean for s in secs)


# 36
def test_org_nr_is_not_a_personnummer(m, lines):
    assert "212000-2882" in lines[1053]
    assert sekretess.find_personnummer(lines[1053]) == []
    assert not any(p.kind == "personuppgift" for it in m.items for p in it.secret_parts)


def test_proposals_come_from_ordforandeforslag(m):
    assert all(i.proposal_source == "ordforandeforslag" for i in m.items if i.ordinal != 7)
    assert m.item(7).kind == "information" and m.item(7).proposal is None
    assert m.item(6).kind == "muntlig_information"
    assert "518 446 kronor" in m.item(3).proposal
    kinds = [d.kind for d in m.item(4).documents]
    assert kinds == ["ordforandeforslag", "tjansteskrivelse", "bilaga"]
    tj = m.item(4).documents[1]
    assert tj.doc_date == "2020-03-23" and tj.case_number is None and tj.author == "Sibar Maraha"
    tj5 = m.item(5).documents[1]
    assert (tj5.doc_date, _canon(tj5.case_number), tj5.author) == ("2020-04-30", "SN/2020:00014", "Viktor Gornitzka")
    # continuation headers "TJÄNSTESKRIVELSE 2[3]" / date+Dnr are page artifacts
    assert {1802, 1805, 1858, 1861} <= {a.line for a in m.page_artifacts}
