import pytest

from botkyrka_nämnd.domain.casenumber import CaseNumber, find_case_numbers, parse_case_number, parse_case_query


@pytest.mark.parametrize(
    "raw, canonical",
    [
        ("SN/2024:00303", "SN/2024:00303"),
        ("SN/2024: 00317", "SN/2024:00317"),
        ("SN 2024:00321", "SN/2024:00321"),
        ("SN 2024:210", "SN/2024:00210"),
        ("SN/2018:254", "SN/2018:00254"),
        ("(SN2020:218)", "SN/2020:00218"),
        ("Dnr SN 2020:12/", "SN/2020:00012"),
        ("kS/2024:00308", "KS/2024:00308"),
        ("SN72018-320", "SN/2018:00320"),
        ("(SN \n2020:197)", "SN/2020:00197"),
        ("Dnr. SBF/2015:229", "SBF/2015:00229"),
        ("von/2018:144", "VON/2018:00144"),
    ],
)
def test_printed_forms_normalise(raw, canonical):
    cn = parse_case_number(raw)
    assert cn is not None and cn.canonical == canonical


@pytest.mark.parametrize(
    "text", ["§ 161 KS 2024-09-09 Firmatecknare", "2018-08-28 kl 19:00", "SN 2018:, Bilaga 4", "PERSON 2018:12"]
)
def test_not_case_numbers(text):
    assert find_case_numbers(text) == []


def test_same_case_in_two_formats_is_equal():
    assert parse_case_number("SN 2018:254") == parse_case_number("Dnr SN/2018:254")
    assert len({parse_case_number("SN 2018:254"), parse_case_number("SN/2018:00254")}) == 1


def test_several_in_order():
    found = find_case_numbers("agenda SN 2017:1 och dokument (SN 2018:1) samt KS/2024:00480")
    assert [c.canonical for c in found] == ["SN/2017:00001", "SN/2018:00001", "KS/2024:00480"]


@pytest.mark.parametrize(
    "q, expected",
    [
        ("SN 2018:254", ("SN", 2018, 254)),
        ("SN/2024:00303", ("SN", 2024, 303)),
        ("2018:254", (None, 2018, 254)),
        ("socialnämnden", None),
    ],
)
def test_query_forms(q, expected):
    assert parse_case_query(q) == expected


def test_short_forms_cover_typed_variants():
    forms = CaseNumber("SN", 2024, 303).short_forms()
    assert "SN/2024:00303" in forms and "SN 2024:303" in forms and "2024:303" in forms
