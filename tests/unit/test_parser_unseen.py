"""Generalisation: a hand-written, fictional kallelse of the 2024 template (SEEDS.md §2.1, §2.2 A/B/C) for
another nämnd, with different items, Dnr, dates and a sekretess part. Nothing here is copied from the seeds;
the parser must read it from the template's structure alone. All names and numbers are invented."""

from __future__ import annotations

import pytest

from botkyrka_nämnd.domain.model import SECRET_PLACEHOLDER
from botkyrka_nämnd.errors import MissingFields, UnknownLayout
from botkyrka_nämnd.importing.kallelse import Hints, parse_kallelse

from .test_parser_shape import pdf_shape

T = "\t"

UNSEEN = "\n".join(
    [
        "",
        "",
        "Kallelse till möte för utbildningsnämnden 2025",
        "",
        "Tid: 2025-03-11, Kl: 18:30",
        "",
        "Plats: Kommunalhuset i Tumba, sal Storvreten plan 3",
        "",
        "Ordförande: Lina Exempelsson (S)",
        "",
        "Sekreterare: Per Påhittad",
        "",
        f"{T}Ärenden{T}",
        f"1.{T}Utbildningsdirektören informerar – muntlig information{T}UN/2025:00007",
        f"2.{T}Skolpliktsbevakning läsåret 2024/2025{T}UN/2025: 00031",
        f"3.{T}Revidering av riktlinjer för skolskjuts och elevresor för grundskolan och grundsärskolan i hela kommunen 2025{T}UN/2024:00412",
        f"4.{T}Taxa för fritidshem 2026{T}UN/2025:00040",
        f"5.{T}Anmälningsärenden{T}UN/2025:00002",
        "",
        "Majoritetsgruppen träffas kl. 17:45 i Kommunalhuset, rum Alby",
        "",
        "Oppositionen träffas kl. 17:30 i Kommunalhuset, rum Tullinge",
        "",
        "TJÄNSTESKRIVELSE",
        "",
        "BOTKYRKA",
        "KOMMUN",
        "",
        "",
        "",
        "Utbildningsnämnd",
        "",
        "2025-02-20",
        "",
        "Utbildningsförvaltningen",
        "",
        "Kod: 3.7.0.1",
        "",
        "Per Påhittad",
        "",
        "Dnr: UN/2025:00007",
        "",
        "01 Utbildningsdirektören informerar - muntlig information",
        "",
        "Förslag till beslut",
        "",
        "Utbildningsnämnden har tagit del av informationen.",
        "",
        "Sammanfattning av ärendet",
        "",
        "Utbildningsdirektör Olle Uppdiktad informerade om aktuella frågor.",
        "",
        "TJÄNSTESKRIVELSE",
        "",
        "BOTKYRKA",
        "KOMMUN",
        "",
        "",
        "",
        "Utbildningsnämnd",
        "",
        "2025-02-18",
        "",
        "Utbildningsförvaltningen",
        "",
        "Kod: 2.1.1.4",
        "",
        "Sara Fiktiv",
        "",
        "Dnr: UN/2025:00031",
        "",
        "02 Skolpliktsbevakning läsåret 2024/2025",
        "",
        "Förslag till beslut",
        "",
        "Utbildningsnämnden godkänner rapporten om skolpliktsbevakning och överlämnar den till kommunstyrelsen.",
        "",
        "Sammanfattning av ärendet",
        "",
        "Under läsåret har 14 elever varit aktuella för skolpliktsbevakning. Förvaltningen har följt upp varje",
        "",
        "elev tillsammans med hemskolan och elevhälsan.",
        "",
        "Ärendet",
        "",
        "Rapporten beskriver hur bevakningen har gått till och vilka åtgärder som har vidtagits under året. Uppföljningen visar att",
        "",
        "Botkyrka Kommun",
        "",
        "Adress: Botkyrka kommun, 147 85 TUMBA · Org.nr: 212000-2882 · Bankgiro: 624-1061",
        "",
        "Medborgarcenter: 08-530 610 00 · E-post: medborgarcenter@botkyrka.se",
        "",
        "Hemsida: www.botkyrka.se",
        "",
        "",
        "",
        "samtliga elever har fått en plan för återgång till skolan.",
        "",
        "Skickas till",
        "",
        "Kommunstyrelsen",
        "",
        "",
        "",
        "Utbildningsnämnd",
        "",
        "Datum:",
        "",
        "Utbildningsförvaltningen",
        "",
        "Kod: 1.4.2.1",
        "",
        "Kim Exempel",
        "",
        "Dnr: UN/2024:00398",
        "",
        "03 Tjänsteskrivelse",
        "",
        "Revidering av riktlinjer för skolskjuts och elevresor för grundskolan och grundsärskolan i hela kommunen 2025",
        "",
        "Förslag till beslut",
        "",
        "Utbildningsnämnden antar de reviderade riktlinjerna för skolskjuts och elevresor.",
        "",
        "Sammanfattning av ärendet",
        "",
        "Riktlinjerna har setts över med anledning av nya busslinjer i Tullinge och Vårsta.",
        "",
        "Ekonomiska konsekvenser",
        "",
        "Förslaget ryms inom budgetramen och medför inga ekonomiska konsekvenser.",
        "",
        "Underlag för beslut",
        "",
        "- Tjänsteskrivelse 2025-02-10 - Revidering av riktlinjer för skolskjuts",
        "- Riktlinjer för skolskjuts och elevresor 2025",
        "",
        "Skickas till",
        "",
        "Samhällsbyggnadsförvaltningen",
        "",
        "DET HÄR ÄR BOTKYRKA",
        "",
        "Riktlinjer för skolskjuts och elevresor 2025",
        "",
        "Utbildningsförvaltningen",
        "",
        "Innehållsförteckning",
        "",
        f"1{T}Syfte{T}2",
        f"2{T}Avstånd{T}3",
        "",
        "1 Syfte",
        "",
        "Riktlinjerna anger när en elev har rätt till skolskjuts och hur resan ordnas.",
        "",
        f"Årskurs{T}Avstånd i km{T}Färdsätt",
        f"F–3{T}2{T}Taxi eller buss",
        f"4–6{T}3{T}Buss",
        f"7–9{T}4{T}Buss",
        "",
        "2 Avstånd",
        "",
        "Avståndet mäts som den kortaste gångbara vägen mellan hemmet och skolan.",
        "",
        "TJÄNSTESKRIVELSE",
        "",
        "BOTKYRKA",
        "KOMMUN",
        "",
        "",
        "",
        "Utbildningsnämnd",
        "",
        "2025-02-25",
        "",
        "Utbildningsförvaltningen",
        "",
        "Kod: 1.2.1.1",
        "",
        "Kim Exempel",
        "",
        "Dnr: UN/2025:00040",
        "",
        "04 Taxa för fritidshem 2026",
        "",
        "Förslag till beslut",
        "",
        "Ärendet bordläggs till nästa sammanträde.",
        "",
        "Sammanfattning av ärendet",
        "",
        "Förvaltningen behöver mer tid för att beräkna effekterna av den nya maxtaxan, som ska vara 58 750 kronor per år.",
        "",
        "12 månader räknas som ett helt år.",
        "",
        "TJÄNSTESKRIVELSE",
        "",
        "",
        "",
        "Utbildningsnämnd",
        "",
        "2025-02-26",
        "",
        "Utbildningsförvaltningen",
        "",
        "Per Påhittad",
        "",
        "Dnr: UN/2025:00002",
        "",
        "05 Anmälningsärenden",
        "",
        "Förslag till beslut",
        "",
        "Utbildningsnämnden har tagit del av informationen.",
        "",
        "Sammanfattning av ärendet",
        "",
        "Dessa ärenden anmäls till nämnden:",
        "",
        "§ 12 KS 2025-02-03 Lokalförsörjningsplan 2026–2030 KS/2025:00101",
        "",
        "Skolinspektionens beslut efter tillsyn av Exempelskolan",
        "UN 2025:77",
        "",
        "§ 15 KF 2025-01-30 Reglemente för nämnderna KS/2024:00990",
        "",
        "I sekretessdelen",
        "Kränkningsanmälan 2025-02-04 gällande elev i årskurs 7 vid Påhittskolan",
        "Beslut om avstängning av elev i årskurs 9, ärende 4471",
    ]
)

SECRET_LINES = (
    "Kränkningsanmälan 2025-02-04 gällande elev i årskurs 7 vid Påhittskolan",
    "Beslut om avstängning av elev i årskurs 9, ärende 4471",
)


@pytest.fixture(scope="module")
def meeting():
    return parse_kallelse(UNSEEN)


def _public_texts(m):
    for it in m.items:
        yield it.title
        yield it.title_heading or ""
        yield it.proposal or ""
        for d in it.documents:
            yield d.title
            for s in d.sections:
                yield s.text_raw
                yield s.text_clean
        for e in it.list_entries:
            yield e.text
        for p in it.secret_parts:
            yield p.label
    for a in m.page_artifacts:
        yield a.text


def test_meeting_metadata(meeting):
    m = meeting
    assert (m.committee, m.committee_short) == ("Utbildningsnämnden", "UN")
    assert m.date == "2025-03-11" and m.time == "18:30" and m.date_source == "tid_line"
    assert m.place == "Kommunalhuset i Tumba, sal Storvreten plan 3"
    assert m.chair == "Lina Exempelsson (S)"
    assert m.secretary == "Per Påhittad"
    assert m.doc_kind == "kallelse" and m.text_origin == "digital"
    assert m.id == "botkyrka-un-2025-03-11"
    assert [(g.time, g.text.split()[0]) for g in m.group_meetings] == [
        ("17:45", "Majoritetsgruppen"),
        ("17:30", "Oppositionen"),
    ]


def test_items_numbers_titles_and_case_numbers(meeting):
    items = meeting.items
    assert [i.ordinal for i in items] == [1, 2, 3, 4, 5]
    assert [i.printed_number for i in items] == ["01", "02", "03", "04", "05"]
    assert items[1].agenda_case_number.canonical == "UN/2025:00031"
    assert items[1].agenda_case_number.raw == "UN/2025: 00031"
    assert [i.document_case_number.canonical for i in items] == [
        "UN/2025:00007",
        "UN/2025:00031",
        "UN/2024:00398",
        "UN/2025:00040",
        "UN/2025:00002",
    ]
    assert items[2].title.startswith("Revidering av riktlinjer för skolskjuts")
    assert items[2].title_heading == items[2].title  # "03 Tjänsteskrivelse" + the title on the next line


def test_no_false_items_from_numbers_in_the_text(meeting):
    # "58 750 kronor" and "12 månader" start lines with two digits, but no Dnr line precedes them
    starts = {i.line_start for i in meeting.items}
    lines = UNSEEN.split("\n")
    for n, text in enumerate(lines, 1):
        if text.startswith(("58 750", "12 månader")):
            assert n not in starts
    assert len(meeting.items) == 5


def test_kinds_proposals_and_warnings(meeting):
    i1, i2, i3, i4, i5 = meeting.items
    assert i1.kind == "muntlig_information"
    assert i1.proposal == "Utbildningsnämnden har tagit del av informationen."
    assert i2.kind == "beslutsarende" and i2.proposal_source == "forvaltningen"
    assert i3.kind == "beslutsarende"
    assert "dnr_mismatch" in i3.warnings  # agenda UN/2024:00412, document UN/2024:00398
    assert "dnr_mismatch" not in i2.warnings  # "UN/2025: 00031" normalises to the document's Dnr
    assert i4.tabled is True and not any(i.tabled for i in (i1, i2, i3, i5))
    assert i5.kind == "anmalningsarenden"
    assert not any("date_before_meeting" in i.warnings for i in meeting.items)


def test_documents_with_and_without_header_and_a_bilaga(meeting):
    i2, i3 = meeting.items[1], meeting.items[2]
    d = i2.documents[0]
    assert d.kind == "tjansteskrivelse" and d.doc_date == "2025-02-18" and d.code == "2.1.1.4"
    assert d.author == "Sara Fiktiv"
    # item 3 has no TJÄNSTESKRIVELSE line (variant B) and an empty "Datum:"; its bilaga follows "Skickas till"
    kinds = [x.kind for x in i3.documents]
    assert kinds == ["tjansteskrivelse", "bilaga"]
    head, bilaga = i3.documents
    assert head.doc_date is None and head.author == "Kim Exempel"
    assert [s.kind for s in head.sections][-1] == "skickas_till"
    assert bilaga.title == "Riktlinjer för skolskjuts och elevresor 2025"
    assert bilaga.tables == 2  # table of contents + the distance table
    assert "Samhällsbyggnadsförvaltningen" in head.sections[-1].text_clean
    assert "Samhällsbyggnadsförvaltningen" not in bilaga.text


def test_letterhead_footer_removed_from_sentence(meeting):
    arendet = next(s for s in meeting.items[1].documents[0].sections if s.kind == "arendet")
    assert "Uppföljningen visar att samtliga elever har fått en plan" in arendet.text_clean
    assert "Org.nr" not in arendet.text_clean and "Org.nr" in arendet.text_raw
    assert any(a.kind == "letterhead" and "Org.nr" in a.text for a in meeting.page_artifacts)
    # a sentence split over a page break is joined
    summary = next(s for s in meeting.items[1].documents[0].sections if s.kind == "sammanfattning")
    assert "följt upp varje elev tillsammans med hemskolan" in summary.text_clean


def test_notifications_and_secret_part(meeting):
    i5 = meeting.items[4]
    assert [e.kind for e in i5.list_entries] == ["anmalan"] * 3
    assert [e.paragraph for e in i5.list_entries] == ["§ 12", None, "§ 15"]
    assert i5.list_entries[1].case_number.canonical == "UN/2025:00077"
    locked = i5.locked_parts
    assert len(locked) == 1
    part = locked[0]
    assert part.kind == "sekretessdel"
    for line in SECRET_LINES:
        assert line in part.text
    for line in SECRET_LINES:
        assert line not in part.label
    lines = UNSEEN.split("\n")
    assert part.line_start == lines.index("I sekretessdelen") + 1
    assert part.line_end == len(lines)
    # nothing of the secret lines anywhere in the public output; the placeholder instead
    public = "\n".join(_public_texts(meeting))
    for needle in ("Kränkningsanmälan", "Påhittskolan", "avstängning", "4471"):
        assert needle not in public
    sec = i5.documents[0].sections[-1]
    assert SECRET_PLACEHOLDER in sec.text_raw and SECRET_PLACEHOLDER in sec.text_clean


def test_pdf_shaped_text_gives_the_same_meeting(meeting):
    text, pages = pdf_shape(UNSEEN)
    m2 = parse_kallelse(text, line_pages=pages)
    assert (m2.committee, m2.date, m2.time) == (meeting.committee, meeting.date, meeting.time)
    assert [(i.ordinal, i.title, i.case_number.canonical) for i in m2.items] == [
        (i.ordinal, i.title, i.case_number.canonical) for i in meeting.items
    ]
    assert m2.items[4].locked_parts and "Kränkningsanmälan" not in "\n".join(_public_texts(m2))
    assert all(s.page is not None for it in m2.items for d in it.documents for s in d.sections)


def test_not_a_kallelse_raises_unknown_layout():
    with pytest.raises(UnknownLayout) as exc:
        parse_kallelse("Hej!\nDetta är ett vanligt brev utan datum och utan ärenden.")
    assert exc.value.sv and exc.value.en and exc.value.sv != exc.value.en
    with pytest.raises(UnknownLayout):
        parse_kallelse("")
    with pytest.raises(UnknownLayout):
        parse_kallelse("  \n\n \t")
    # a date but no items
    with pytest.raises(UnknownLayout):
        parse_kallelse("Kallelse till möte för socialnämnden 2025\n\nTid: 2025-01-28, Kl: 18:00\n")


COMMITTEES = [
    ("Socialnämnden", "SN", "Socialnämnd", "Socialförvaltningen"),
    ("Kommunstyrelsen", "KS", "Kommunstyrelsen", "Kommunledningsförvaltningen"),
    ("Utbildningsnämnden", "UN", "Utbildningsnämnd", "Utbildningsförvaltningen"),
    ("Vård- och omsorgsnämnden", "VON", "Vård- och omsorgsnämnd", "Vård- och omsorgsförvaltningen"),
    ("Kultur- och fritidsnämnden", "KFN", "Kultur- och fritidsnämnd", "Kultur- och fritidsförvaltningen"),
    ("Samhällsbyggnadsnämnden", "SBN", "Samhällsbyggnadsnämnd", "Samhällsbyggnadsförvaltningen"),
    (
        "Arbetsmarknads- och vuxenutbildningsnämnden",
        "AVN",
        "Arbetsmarknads- och vuxenutbildningsnämnd",
        "Arbetsmarknads- och vuxenutbildningsförvaltningen",
    ),
    ("Tekniska nämnden", "TN", "Tekniska nämnden", "Samhällsbyggnadsförvaltningen"),
    ("Miljö- och hälsoskyddsnämnden", "MHN", "Miljö- och hälsoskyddsnämnd", "Samhällsbyggnadsförvaltningen"),
]


def _minimal(name: str, short: str, unit: str, office: str) -> str:
    """A two-item kallelse of the 2024 template for any nämnd (Dnr series of the nämnd)."""
    series = "SN" if short == "MHN" else short  # casenumber.SERIES has no MHN series (reported)

    def head(n: int, title: str, num: int, with_tjsk: bool) -> list[str]:
        top = ["TJÄNSTESKRIVELSE", "", "BOTKYRKA", "KOMMUN"] if with_tjsk else []
        return [
            *top,
            "",
            "",
            "",
            unit,
            "",
            "2025-01-15",
            "",
            office,
            "",
            "Kod: 1.1.1.1",
            "",
            "Alex Påhittad",
            "",
            f"Dnr: {series}/2025:{num:05d}",
            "",
            f"0{n} {title}",
            "",
            "Förslag till beslut",
            "",
            f"{name} godkänner förslaget.",
            "",
        ]

    lines = [
        f"Kallelse till möte för {name[0].lower() + name[1:]} 2025",
        "",
        "Tid: 2025-02-04, Kl: 17:00",
        "",
        f"{T}Ärenden{T}",
        f"1.{T}Verksamhetsplan 2025{T}{series}/2025:00011",
        f"2.{T}Internkontrollplan 2025{T}{series}/2025:00012",
        "",
        *head(1, "Verksamhetsplan 2025", 11, True),
        *head(2, "Internkontrollplan 2025", 12, False),
    ]
    return "\n".join(lines)


@pytest.mark.parametrize("name, short, unit, office", COMMITTEES)
def test_every_botkyrka_namnd(name, short, unit, office):
    m = parse_kallelse(_minimal(name, short, unit, office))
    assert (m.committee, m.committee_short) == (name, short)
    assert m.date == "2025-02-04" and m.time == "17:00"
    assert [(i.ordinal, i.title) for i in m.items] == [(1, "Verksamhetsplan 2025"), (2, "Internkontrollplan 2025")]
    assert [i.printed_number for i in m.items] == ["01", "02"]
    assert all(i.document_case_number == i.agenda_case_number for i in m.items)
    assert all(i.proposal == f"{name} godkänner förslaget." for i in m.items)
    assert m.items[1].documents[0].author == "Alex Påhittad"
    assert (m.items[0].line_start, m.items[1].documents[0].doc_date) == (9, "2025-01-15")


def test_cover_only_kallelse_with_notice_case_number():
    text = "\n".join(
        [
            "Kallelse till möte för kommunstyrelsen 2025",
            "Dnr: KS/2025:00003",
            "Tid: 2025-04-07, Kl: 13:00",
            "Plats: Kommunalhuset",
            f"{T}Ärenden{T}",
            f"1.{T}Val av justerare{T}",
            f"2.{T}Delårsrapport 1 2025 för hela kommunen, med uppföljning av mål, ekonomi och personal{T}KS/2025:00120",
            f"3.{T}Bordlagt ärende: Motion om cykelvägar{T}KS/2024:00777",
        ]
    )
    # the cover names no kommun: never a default, the member is asked (CLI --kommun, the import review)
    with pytest.raises(MissingFields) as exc:
        parse_kallelse(text)
    assert exc.value.fields == ["kommun"] and "--kommun" in exc.value.sv and "--kommun" in exc.value.en
    m = parse_kallelse(text, hints=Hints(kommun="Botkyrka"))
    assert m.municipality == "Botkyrka kommun" and m.id == "botkyrka-ks-2025-04-07"
    assert m.notice_case_number.canonical == "KS/2025:00003"
    assert m.doc_kind == "kallelse" and (m.committee_short, m.time) == ("KS", "13:00")
    assert [(i.ordinal, i.case_number.canonical if i.case_number else None) for i in m.items] == [
        (1, None),
        (2, "KS/2025:00120"),
        (3, "KS/2024:00777"),
    ]
    assert all(not i.documents and i.line_start is None for i in m.items)
    assert m.items[2].tabled and not m.items[1].tabled
    # the same cover as PDF text: the long agenda row wraps, tabs are spaces
    shaped, pages = pdf_shape(text, width=60)
    m2 = parse_kallelse(shaped, line_pages=pages, hints=Hints(kommun="Botkyrka"))
    assert [(i.ordinal, i.title) for i in m2.items] == [(i.ordinal, i.title) for i in m.items]


def test_a_secret_bilaga_leaves_no_trace_in_public_fields():
    lines = UNSEEN.split("\n")
    cut = lines.index("I sekretessdelen")
    secret = [
        "I sekretessdelen",
        "",
        "DET HÄR ÄR BOTKYRKA",
        "",
        "Utredning om Kalle Påhittsson, född 19121212-1212",
        "",
        f"Mått{T}Antal",
        f"Dagar frånvaro{T}41",
        f"Incidenter{T}7",
        "",
        "Sida 1 av 1",
    ]
    m = parse_kallelse("\n".join(lines[:cut] + secret))
    it = m.items[4]
    assert len(it.locked_parts) == 1
    part = it.locked_parts[0]
    assert "Kalle Påhittsson" in part.text and "Dagar frånvaro" in part.text
    public = "\n".join(_public_texts(m))
    for needle in ("Kalle", "19121212", "Dagar frånvaro", "Incidenter"):
        assert needle not in public
    assert all(d.tables == 0 for d in it.documents)
    assert not any(p.kind == "personuppgift" for p in it.secret_parts)  # nothing public to flag


def test_lex_sarah_block_without_marker_is_locked_only_in_a_list_item():
    lines = UNSEEN.split("\n")
    cut = lines.index("I sekretessdelen")
    block = ["Lex Sarah-rapporter 2231, 2240", "Rapport om brister i tillsynen på fritidshemmet Exempelgården"]
    m = parse_kallelse("\n".join(lines[:cut] + block))
    part = m.items[4].locked_parts[0]
    assert (part.kind, part.report_numbers, part.label) == ("lex_sarah", [2231, 2240], "Sekretessbelagd del")
    assert part.vault_label == "Lex Sarah-rapporter (2)"  # the count only in the vault
    assert part.detected_by == "lex_sarah_block" and "Exempelgården" in part.text
    assert "2231" not in "\n".join(_public_texts(m)) and "Exempelgården" not in "\n".join(_public_texts(m))
    # the same lines in an ordinary beslutsärende: report numbers are probably secret there too, so the
    # block is locked, and the item says it was locked on suspicion (a member can read it after unlocking)
    i4 = lines.index("12 månader räknas som ett helt år.")
    m2 = parse_kallelse("\n".join(lines[: i4 + 1] + ["", *block] + lines[i4 + 1 :]))
    assert m2.items[3].locked_parts and "locked_unsure" in m2.items[3].warnings
    assert "2231" not in "\n".join(_public_texts(m2)) and "Exempelgården" not in "\n".join(_public_texts(m2))
    # running text about lex Sarah in a beslutsärende (a year, a count) stays public and unlocked
    prose = ["Under 2023 kom 33 lex Sarah-rapporter in till nämnden.", "Lex Sarah-rapporter 2023 redovisas i bilagan."]
    m3 = parse_kallelse("\n".join(lines[: i4 + 1] + ["", *prose] + lines[i4 + 1 :]))
    assert not m3.items[3].secret_parts and "33 lex Sarah-rapporter" in m3.items[3].documents[0].text
