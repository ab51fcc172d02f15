"""Sekretess and personal-data detection (SEEDS.md §3), on text snippets."""

from __future__ import annotations

import pytest

from botkyrka_nämnd.importing import sekretess


def _check_digit(nine: str) -> str:
    total = 0
    for i, ch in enumerate(nine):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    return str((10 - total % 10) % 10)


@pytest.mark.parametrize(
    "line",
    [
        "I sekretessdelen",
        "I sekretessdelen ",
        "i sekretessdelen:",
        "I sekretessdelen: Lex Sarah rapport 12",
        "Sekretessbelagd del",
    ],
)
def test_explicit_marker(line):
    assert sekretess.is_secret_marker(line)


@pytest.mark.parametrize(
    "line",
    ["Ärendet innehåller ingen sekretess.", "Sekretessprövning görs vid begäran", "Se sekretessdelen i bilagan nedan"],
)
def test_not_a_marker(line):
    assert not sekretess.is_secret_marker(line)


def test_lex_sarah_report_block():
    line = "Lex Sarah rapport 1531, 1545, 1610, 1646  "
    assert sekretess.is_lex_sarah_block(line)
    assert sekretess.lex_sarah_report_numbers(line) == [1531, 1545, 1610, 1646]
    assert sekretess.report_numbers("I sekretessdelen\n" + line) == [1531, 1545, 1610, 1646]
    assert sekretess.lex_sarah_report_numbers("Lex Sarah-rapporter: 2101 och 2102") == [2101, 2102]


@pytest.mark.parametrize(
    "text",
    [
        # 000:379 metric row and 002:542-607 running text (SEEDS S6, S7): public, never a block
        "Andel lex Sarah åtgärder som genomförs inom beslutad tid\t\t42 %\t\t100 %\t66 %",
        "Under perioden har det kommit in 33 lex Sarah-",
        "rapporter och 12 utredningar har avslutats.",
        "2.2 Avvikelser inklusive lex Sarah",
        "tagit del av en lex Sarah utredning som gjorts av ett foretag",
    ],
)
def test_public_lex_sarah_text_is_not_a_block(text):
    assert not sekretess.is_lex_sarah_block(text)
    assert sekretess.lex_sarah_report_numbers(text) is None


def test_reference_to_data_handed_out_at_the_meeting():
    s2 = (
        "Identifierbara uppgifter skickas till IVO. Dessa uppgifter finns även att tillgå för nämndens "
        "ledamöter under sammanträdet samt hos nämndsekreteraren."
    )
    assert sekretess.refers_to_handed_out_data(s2)
    # 000:1711 only says the data go to IVO: no placeholder (SEEDS §5.2 assertion 17)
    assert not sekretess.refers_to_handed_out_data("Identifierbara uppgifter skickas till IVO.")
    assert sekretess.refers_to_handed_out_data("Underlaget delas ut vid sammanträdet.")


def test_individual_decisions():
    block = "Beslut om träningslägenhet enligt 4 kap 1 § SoL beviljat 190801 ska rappor- teras som ej verkställt."
    assert sekretess.individual_decision_date(block) == "2019-08-01"
    assert (
        sekretess.individual_decision_date("Beslut om kontaktperson enligt 4 kap 1 § SoL bevilajt 191218 ska")
        == "2019-12-18"
    )
    assert (
        sekretess.individual_decision_date("Beslut om personligt stöd enligt 4 kap 1 § SoL\nbeviljat 191230 ska")
        == "2019-12-30"
    )
    assert (
        sekretess.individual_decision_date(
            "Gynnande beslut som socialnämnden fattar med stöd av 4 kap 1 § socialtjänstlagen ska rapporteras"
        )
        is None
    )
    assert sekretess.individual_decision_date("Beslut om kontaktperson enligt 4 kap 1 § SoL beviljat 191399") is None


def test_personnummer_with_luhn():
    assert sekretess.find_personnummer("Sökande 19121212-1212 har") == [(8, 21)]
    assert sekretess.find_personnummer("pnr 121212-1212") == [(4, 15)]
    assert sekretess.find_personnummer("pnr 121212-1213") == []  # wrong check digit
    sam = "121272-123"  # samordningsnummer: day + 60
    sam += _check_digit(sam.replace("-", ""))
    assert sekretess.find_personnummer(f"samordningsnummer {sam}") != []
    # not personnummer: organisation numbers, dates, phone numbers, case numbers
    for text in (
        "Org.nr: 212000-2882 · Bankgiro: 624-1061",
        "Org.nr 212000-2882 - Bankgiro",
        "Organisationsnummer 556677-8899",
        "Tid: 2024-09-24, Kl: 18:00",
        "tfn 0708-86 13 39",
        "KS/2024:00314",
        "Lst 705-6386-2018",
    ):
        assert sekretess.find_personnummer(text) == [], text
    # the Org.nr exclusion alone keeps a personnummer-shaped, Luhn-valid number out
    assert sekretess.find_personnummer("Firma 121212-1212") != []
    assert sekretess.find_personnummer("Org.nr: 121212-1212") == []
    assert sekretess.find_personnummer("Organisationsnummer 121212-1212") == []


def test_delegation_flags():
    slutet = "Beslut om tillfälligt tillstånd enl. 8 kap 2 § alkohollagen för servering av alkoholdrycker till slutet sällskap"
    assert sekretess.delegation_flags("Akpane Njagwani, Olive, Subtopia 2018-06-30—2018-07-01", slutet) == [
        "personuppgift"
    ]
    for org in (
        "Hydet MC 208-08-04—2018-08-05",
        "All natiions, Subtopia 2018-07-27—2018-07-28",
        "Sri Lanka Foreningen i Sverige, Fittja Ang 2018-07-28",
        "Liberian Swedish Association 2020-2020-08-01—2020-08-02",
        "TB Slagsta AB, Slagsta Sjökrog &Camping 2020-04-18—2020-07-17",
    ):
        assert "personuppgift" not in sekretess.delegation_flags(org, slutet), org
    # a name outside a "slutet sällskap" decision is not flagged by the name rule
    assert sekretess.delegation_flags("Anna Andersson, Tumba", "Beslut om serveringstillstånd till allmänheten") == []
    assert sekretess.delegation_flags("Ansökan om antagning till hemvärnet (SN 2020:192)") == ["individarende"]
    assert sekretess.notification_flags(
        "Ordf6randebeslut angdende forordnande i1 drenden enligt LVU (1990:52) och LVM (1988:870) (SN 2018:216)"
    ) == ["granska"]
    assert sekretess.notification_flags("§ 121 KF Aktualiserad klimatstrategi för Botkyrka (KS/2018:140)") == []
