"""Line classifiers, page-artifact detection and list entries of the parser (importing.layout,
importing.artifacts, importing.lists), on small hand-written inputs."""

from __future__ import annotations

import pytest

from botkyrka_nämnd.importing import artifacts, lists
from botkyrka_nämnd.importing.layout import (
    bilaga_label,
    committee_in_text,
    date_line,
    header_kind,
    heading_kind,
    is_cover,
    match_committee,
)


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Förslag till beslut", "forslag_till_beslut"),
        ("Forslag till beslut", "forslag_till_beslut"),
        ("Beslut ", "beslut"),
        ("               Beslut", "beslut"),
        ("Sammanfattning av ärendet", "sammanfattning"),
        ("Sammanfattning", "sammanfattning"),
        ("Ärendet", "arendet"),
        ("Arendet", "arendet"),
        ("Arende", "arendet"),
        ("Barnkonsekvensanalys", "barnkonsekvensanalys"),
        ("Ekonomiska konsekvenser av beslutet", "ekonomiska_konsekvenser"),
        ("Underlag för beslut", "underlag_for_beslut"),
        ("Skickas till", "skickas_till"),
        ("Expedieras till:", "expedieras_till"),
        ("Fastställd av", "faststalld_av"),
        ("Beslutet", None),
        ("Besluten som har rapporterats in har delats in", None),
        ("Sammanställning av rapporterade beslut", None),
        ("Analys", None),
    ],
)
def test_heading_kind(line, kind):
    assert heading_kind(line) == kind


@pytest.mark.parametrize(
    "line, kind",
    [
        ("TJÄNSTESKRIVELSE", "tjsk"),
        ("BOTKYRKA KOMMUN TJANSTESKRIVELSE 2[2]", "tjsk"),
        ("BOTKYRKA KOMMUN ORDFORANDEFORSLAG", "ordf"),
        ("ORDFÖRANDEFÖRSLAG", "ordf"),
        ("**Referens**", "referens"),
        ("Referens Mottagare", "referens"),
        ("Mottagare", "mottagare"),
        ("KOMMUN", "botkyrka"),
        ("Socialnämnd", "committee"),
        ("Socialndmnden", "committee"),
        ("Socialférvaltningen", "forvaltning"),
        ("2023-09-24", "date"),
        ("2018-08-28 Dnr SN 2017:1", "date"),
        ("2018-0814 Dnr SN/2018:256", "date"),
        ("2018-08-17 SN72018-320", "date"),
        ("2020-03-23 Dnr", "date"),
        ("Datum:", "datum"),
        ("Kod: 3.7.0.1", "kod"),
        ("Dnr: SN/2024:00005", "dnr"),
        ("8", "number"),
        ("Tamara.glogovac@botkyrka.se", "email"),
        ("Anneli Sjöberg", "name"),
        ("2024-09-24 var en tisdag med möte", None),
        ("Socialnämnden har tagit del av informationen.", None),
    ],
)
def test_header_kind(line, kind):
    assert header_kind(line) == kind


def test_date_line_and_bilaga_and_cover():
    assert date_line("2018-0814 Dnr SN/2018:256") == ("2018-08-14", "SN/2018:256")
    assert date_line(" 2020-04-30 Dnr  SN/2020:14".strip()) == ("2020-04-30", "SN/2020:14")
    assert date_line("2018-13-40") is None
    assert bilaga_label("Bilaga 6A:X - Investeringar") == ("Bilaga 6A:X", "Investeringar")
    assert bilaga_label("Bilaga 1") == ("Bilaga 1", "")
    assert bilaga_label("Bilagor – Behov av medel över ram") is None
    assert is_cover("DET HÄR ÄR BOTKYRKA") and is_cover("**DET HÄR ÄR") and not is_cover("Det här är en text")


def test_committees():
    assert match_committee("Socialnamnden").short == "SN"
    assert match_committee("Vård- och omsorgsnämnd").short == "VON"
    assert match_committee("Johanna Forssell Socialndmnd") is None
    assert committee_in_text("Kallelse till möte för kultur- och fritidsnämnden 2025").short == "KFN"
    assert committee_in_text("Kallelse till möte 2025") is None


def _detect(lines: list[str]):
    s = [x.strip() for x in lines]
    return artifacts.detect(s, ["\t" in x for x in lines])


def test_letterhead_inside_a_sentence_and_page_numbers():
    lines = [
        "Därefter följer en genomgång av vad de olika rubrikerna",
        "",
        "Botkyrka Kommun",
        "",
        "Adress: Botkyrka kommun, 147 85 TUMBA · Org.nr: 212000-2882 · Bankgiro: 624-1061",
        "",
        "Hemsida: www.botkyrka.se",
        "",
        "för rapportering innebär.",
        "1[2]",
        "Kvalitetsberättelse, Socialnämnden, 2018 16(16)",
        "Sida 3 av 12",
    ]
    art = _detect(lines)
    assert {k: a.kind for k, a in art.items()} == {
        2: "letterhead",
        4: "letterhead",
        6: "letterhead",
        9: "page_no",
        10: "footer",
        11: "page_no",
    }
    assert art[10].end_of_document and not art[9].end_of_document and not art[11].end_of_document


def test_running_committee_header_but_not_a_letter_head():
    body = "Socialnämndens verksamheter ska bidra till en trygg och säker miljö. " * 2
    lines = [body, "", "Socialnämnden", "", "kunskap och kännedom om arbetet.", "", "", "", "Socialnämnd", "", "Datum:"]
    assert set(_detect(lines)) == {2}


def test_continuation_header_and_bare_dnr_footer():
    lines = [
        "text",
        "BOTKYRKA KOMMUN TJÄNSTESKRIVELSE 2[3]",
        "Socialförvaltningen",
        "",
        "2020-04-30 Dnr SN/2020:14",
        "",
        "§ 141 KF Samla LSS myndighetsutövning (KS/2018:368)",
        "",
        "Dnr SN 2018:12",
        "§ 143 KF Stärkt närdemokrati genom nya former för dialog",
    ]
    art = _detect(lines)
    assert {k: a.kind for k, a in art.items()} == {1: "header", 2: "header", 4: "header", 8: "footer"}


def test_delegation_list_with_decision_type_subheadings():
    src = [
        "Förvaltningschef",
        "Ansökan om antagning till hemvärnet (SN 2025:111)",
        "",
        "Alkoholhandläggare",
        "",
        "Beslut om tillfälligt tillstånd enl. 8 kap 2 § alkohollagen för servering av alkohol-",
        "drycker till slutet sällskap",
        "",
        "Exempelklubben MC 2025-05-01",
        "",
        "Kim Påhittad, Festlokalen 2025-05-03",
        "",
        "Beslut om återkallelse av serveringstillstånd enl. 9 kap 18 § alkohollagen",
        "Restaurang Uppdiktad AB",
        "",
        "Dnr SN 2025:14",
    ]
    entries = lists.delegations([(k, x) for k, x in enumerate(src)])
    assert [(e.line, e.delegate) for e in entries] == [
        (2, "Förvaltningschef"),
        (9, "Alkoholhandläggare"),
        (11, "Alkoholhandläggare"),
        (13, "Alkoholhandläggare"),
    ]
    assert entries[0].flags == ["individarende"]
    assert entries[1].flags == [] and entries[2].flags == ["personuppgift"]
    assert entries[2].text.startswith("Beslut om tillfälligt tillstånd") and entries[2].text.endswith(
        "Festlokalen 2025-05-03"
    )
    assert "alkoholdrycker" in entries[1].text  # hyphenation joined inside an entry
    assert entries[0].case_number.canonical == "SN/2025:00111"


def test_notification_entries_split_on_paragraph_signs():
    src = [
        "§ 12 KS 2025-02-03 Lokalförsörjningsplan KS/2025:00101",
        "§ 15 KF 2025-01-30 Reglemente för nämnderna",
        "KS/2024:00990",
        "Skolinspektionens beslut efter tillsyn",
        "UN 2025:77",
    ]
    entries = lists.notifications([(k, x) for k, x in enumerate(src)])
    assert [(e.paragraph, e.body, e.decided_on) for e in entries] == [
        ("§ 12", "KS", "2025-02-03"),
        ("§ 15", "KF", "2025-01-30"),
    ]
    assert [e.case_number.canonical for e in entries] == ["KS/2025:00101", "KS/2024:00990"]
