"""Line normalisation: line splitting, NBSP, folding, dehyphenation, page-break joins (SEEDS.md §4.2)."""

from __future__ import annotations

import pytest

from botkyrka_nämnd.importing.normalize import (
    clean_lines,
    dehyphenate,
    fold,
    join_page_breaks,
    normalize_line,
    ocr_fold,
    split_lines,
)


def test_split_lines_keeps_an_unterminated_last_line():
    assert split_lines("a\nb") == ["a", "b"]
    assert split_lines("a\nb\n") == ["a", "b"]
    assert split_lines("a\r\nb\rc") == ["a", "b", "c"]
    assert split_lines("a\n\n") == ["a", ""]
    assert split_lines(" ") == [" "]
    assert split_lines("") == []


def test_normalize_line():
    assert normalize_line("Beslut \u00a0 ") == "Beslut"
    assert normalize_line("a\u00a0b\u202fc") == "a b c"
    assert normalize_line(" Socialnamnden") == " Socialnamnden"  # a page start keeps its space
    assert normalize_line("Analys\t\t\t") == "Analys"


def test_fold_and_ocr_fold():
    assert fold("Förslag till beslut – Ärendet") == "forslag till beslut - arendet"
    assert fold("Idéburet") == "ideburet"
    assert ocr_fold("Ekonomisk ménadsuppf6ljning") == "ekonomisk menadsuppfoljning"
    assert ocr_fold("Det &r 6verdrag") == "det ar overdrag"
    assert ocr_fold("Tid 2018-08-28, k1 19:00") == "tid 2018-08-28, kl 19:00"
    # numbers stay numbers
    assert ocr_fold("SN 2018:254, 58 750 kronor") == "sn 2018:254, 58 750 kronor"


@pytest.mark.parametrize(
    "lines, joined",
    [
        (["till kom-", "munstyrelsen för vidare"], ["till kommunstyrelsen", "för vidare"]),
        (
            ["budget- och skuldrådgiv-", "ningen. Åtgärderna re-", "dovisas"],
            ["budget- och skuldrådgivningen.", "Åtgärderna redovisas"],
        ),
        (["effekterna av Covid-", "19 är svåra"], ["effekterna av Covid-19", "är svåra"]),
        (["flerårsplan 2020-", "2022 (KS/2018:192)"], ["flerårsplan 2020-2022", "(KS/2018:192)"]),
        (["placeringar inom LVU-", "varden ökar"], ["placeringar inom LVU-varden", "ökar"]),
        (["upprättandet av IOP-", "överenskommelse"], ["upprättandet av IOP-överenskommelse"]),
        (["enligt (14-", "dagarsregeln)"], ["enligt (14-dagarsregeln)"]),
        (["(Medarbetar-", "", "undersökning 2017)"], ["(Medarbetarundersökning", "2017)"]),
        (["eller an-", "neli.sjoberg@botkyrka.se."], ["eller anneli.sjoberg@botkyrka.se."]),
        (["Budget-", "Prognos"], ["Budget-", "Prognos"]),  # next line starts upper-case: a table header
        (["kommunens budget-", "och skuldrådgivning"], ["kommunens budget-", "och skuldrådgivning"]),
        (["delår 1 2020 -", "fortsättning"], ["delår 1 2020 -", "fortsättning"]),
        (["kvali-", "tets-", "arbete"], ["kvalitetsarbete"]),
        (["slut-", "", "", "rapport"], ["slut-", "", "", "rapport"]),  # more than one blank line: no join
    ],
)
def test_dehyphenate(lines, joined):
    assert dehyphenate(lines) == joined


def test_join_page_breaks():
    lines = ["… vad de olika rubrikerna", "", "", "för rapportering innebär.", "", "Nästa stycke."]
    assert join_page_breaks(lines) == ["… vad de olika rubrikerna för rapportering innebär.", "", "Nästa stycke."]
    # a finished sentence, a list item and a table row are not joined
    assert join_page_breaks(["Klart.", "", "nästa"]) == ["Klart.", "", "nästa"]
    assert join_page_breaks(["Punkter:", "", "- en"]) == ["Punkter:", "", "- en"]
    assert join_page_breaks(["a\tb", "", "c"]) == ["a\tb", "", "c"]
    assert join_page_breaks(["Rubrik", "", "", "", "Text"]) == ["Rubrik", "", "Text"]


def test_clean_lines_pipeline():
    src = ["  Socialnämnden godkänner och överlämnar den till kom-  ", "munstyrelsen.\u00a0", "", "", "Nytt stycke"]
    assert clean_lines(src) == "Socialnämnden godkänner och överlämnar den till kommunstyrelsen.\n\nNytt stycke"
    assert clean_lines(["", "", "x", ""]) == "x"
