"""Swedish typography of exported text (export.typography)."""

from __future__ import annotations

import pytest

from botkyrka_nämnd.export.typography import count, quoted, sv_date, sv_time, sv_typography

NB = "\u00a0"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ('Hon sa "nej" och gick.', "Hon sa ”nej” och gick."),
        ("“engelska” och „tyska” citattecken", "”engelska” och ”tyska” citattecken"),
        ("förvaltningens 'förslag'", "förvaltningens ’förslag’"),
        ("Vi väntar...", "Vi väntar…"),
        ("Beslutet - som fattades i maj - gäller", f"Beslutet{NB}– som fattades i maj{NB}– gäller"),
        ("ungdomar 16-17 år", f"ungdomar 16–17{NB}år"),
        ("Kostnaden blev 12 miljoner kronor", f"Kostnaden blev 12{NB}miljoner kronor"),
        ("en ökning med 40 %", f"en ökning med 40{NB}%"),
        ("1 234 567 kr", f"1{NB}234{NB}567{NB}kr"),
        ("Dnr SN/2024:00303", f"Dnr{NB}SN/2024:00303"),
        ("Se SN 2024:210 och KS 2023:15", f"Se SN{NB}2024:210 och KS{NB}2023:15"),
        ("enligt § 12 och 4 kap. 1 § SoL", f"enligt §{NB}12 och 4{NB}kap. 1{NB}§ SoL"),
        ("se s. 6 i Bilaga 2", f"se s.{NB}6 i Bilaga{NB}2"),
        ("- godkänner planen\n  * och skickar den", "– godkänner planen\n  – och skickar den"),
    ],
)
def test_sv_typography(raw, expected):
    assert sv_typography(raw) == expected


@pytest.mark.parametrize(
    "untouched",
    ["2024-09-24", "SN/2024:00303", "SN72018-320", "HVB-hem", "08-530", "version 2.1-3"],
)
def test_dates_case_numbers_and_words_are_left_alone(untouched):
    assert sv_typography(untouched) == untouched


def test_quoted_dates_and_times():
    assert quoted(" Kostnaderna ökade med 3 % ") == f"”Kostnaderna ökade med 3{NB}%”"
    assert sv_date("2024-09-24") == f"24{NB}september 2024"
    assert sv_date("2024-09-24", weekday=True) == f"tisdag 24{NB}september 2024"
    assert sv_date("2025-06-01", weekday=True) == f"söndag 1{NB}juni 2025"
    assert sv_date("inte ett datum") == "inte ett datum" and sv_date(None) == ""
    assert sv_time("18:00") == f"kl.{NB}18.00" and sv_time(None) == ""
    assert sv_typography(None) == ""
    assert (
        count(1, "markering", "markeringar") == f"1{NB}markering" and count(0, "ärende", "ärenden") == f"0{NB}ärenden"
    )
