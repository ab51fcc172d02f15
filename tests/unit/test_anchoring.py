"""Text anchors (domain.anchoring): a quote with context found again in a re-issued text."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from botkyrka_nämnd.domain.anchoring import PreparedText, TextQuote, locate, normalize, selector_for, trim_span

P1 = "Socialnämnden föreslås besluta att godkänna rapporten om placeringar av barn och unga."
P2 = "Förvaltningen har under året sett en ökning av antalet placeringar i HVB-hem, särskilt för ungdomar 13–17 år."
PASSAGE = "Kostnaderna har ökat med 12 miljoner kronor jämfört med föregående år."
P4 = "Nämnden bör följa utvecklingen noga och få en ny rapport i december."
TEXT = "\n\n".join([P1, P2, PASSAGE, P4])


def sel_of(text: str, quote: str) -> TextQuote:
    s = text.index(quote)
    return selector_for(text, s, s + len(quote))


def found_text(text: str, sel: TextQuote, **kw) -> str | None:
    a = locate(text, sel, **kw)
    return None if a is None else text[a.start : a.end]


def test_selector_keeps_quote_and_context_and_trims_whitespace():
    s = TEXT.index(PASSAGE)
    sel = selector_for(TEXT, s - 2, s + len(PASSAGE) + 1)  # the selection took the blank line with it
    assert sel.quote == PASSAGE
    assert sel.prefix == TEXT[s - 32 : s] and sel.prefix.endswith("år.\n\n")
    assert sel.suffix == TEXT[s + len(PASSAGE) : s + len(PASSAGE) + 32]
    assert trim_span("  ab  ", 0, 6) == (2, 4)


def test_same_text_is_found_exactly_where_it_was():
    sel = sel_of(TEXT, PASSAGE)
    a = locate(TEXT, sel)
    assert (a.start, a.end, a.method, a.score) == (
        TEXT.index(PASSAGE),
        TEXT.index(PASSAGE) + len(PASSAGE),
        "exact",
        100.0,
    )


def test_reflowed_lines_soft_hyphens_and_double_spaces_still_match_exactly():
    sel = sel_of(TEXT, PASSAGE)
    reflowed = TEXT.replace("ökat med 12", "ökat\nmed  12").replace("jämfört", "jäm\u00adfört")
    a = locate(reflowed, sel)
    assert a.method == "exact"
    assert normalize(reflowed[a.start : a.end]) == PASSAGE
    assert reflowed[a.start : a.end].startswith("Kostnaderna") and reflowed[a.start : a.end].endswith("år.")


def test_paragraph_inserted_before_moves_the_anchor():
    sel = sel_of(TEXT, PASSAGE)
    inserted = "Ett nytt stycke om lokalförsörjningen har lagts till i den nya versionen av rapporten."
    new = "\n\n".join([P1, inserted, P2, PASSAGE, P4])
    a = locate(new, sel, hint=TEXT.index(PASSAGE))
    assert a.method == "exact"
    assert a.start == TEXT.index(PASSAGE) + len(inserted) + 2
    assert new[a.start : a.end] == PASSAGE


def test_slightly_edited_passage_is_found_fuzzily_and_covers_the_new_wording():
    sel = sel_of(TEXT, PASSAGE)
    edited = "Kostnaderna har ökat med 14,5 miljoner kronor jämfört med förra året."
    new = TEXT.replace(PASSAGE, edited)
    a = locate(new, sel)
    assert a.method == "fuzzy" and 80 <= a.score < 100
    assert new[a.start : a.end] == edited


def test_words_inserted_inside_the_passage_are_covered():
    sel = sel_of(TEXT, PASSAGE)
    edited = "Kostnaderna för placeringar har ökat med 12 miljoner kronor jämfört med föregående år."
    new = TEXT.replace(PASSAGE, edited)
    assert found_text(new, sel) == edited


def test_removed_passage_is_not_placed_on_its_neighbours():
    sel = sel_of(TEXT, PASSAGE)
    assert locate(TEXT.replace(PASSAGE + "\n\n", ""), sel) is None
    assert locate(TEXT.replace(PASSAGE, "Nämnden informeras muntligt."), sel) is None


def test_rewritten_passage_needs_review():
    sel = sel_of(TEXT, PASSAGE)
    assert locate(TEXT.replace(PASSAGE, "Kostnaderna har minskat kraftigt."), sel) is None


def test_repeated_quote_is_told_apart_by_its_context():
    text = "Yrkande från M: avslag.\nYrkande från S: bifall till förvaltningens förslag.\nYrkande från V: avslag."
    second = text.index("avslag", text.index("V:"))
    sel = selector_for(text, second, second + len("avslag"))
    a = locate(text, sel)
    assert a.start == second
    # and when the text around it is re-issued, the context still picks the right one
    new = "Protokollsanteckning.\n" + text
    assert locate(new, sel).start == second + len("Protokollsanteckning.\n")


def test_repeated_quote_without_context_takes_the_one_nearest_the_hint():
    text = "jäv " * 5
    assert locate(text, TextQuote("jäv"), hint=8).start == 8
    assert locate(text, TextQuote("jäv"), hint=0).start == 0


def test_short_quote_in_an_unrelated_context_is_not_the_same_passage():
    text = "Ledamoten Berg anmälde jäv i ärende 5 och lämnade rummet."
    sel = sel_of(text, "jäv")
    other = "Ärendet gäller upphandling av hemtjänst. Frågan om jäv utreds av kommunjuristen separat."
    assert locate(other, sel) is None
    # ... but the same sentence re-wrapped is found
    assert found_text(text.replace(" i ärende", "\ni ärende"), sel) == "jäv"


def test_prepared_text_maps_normalised_offsets_back():
    raw = "Barn\u00adoch  unga\n\n \u00ad placeras\u00ad"
    p = PreparedText(raw)
    assert p.text == "Barnoch unga placeras" == normalize(raw)
    i = p.text.index("unga")
    assert p.span(i, i + 4) == (raw.index("unga"), raw.index("unga") + 4)
    i = p.text.index("placeras")
    assert raw[slice(*p.span(i, i + len("placeras")))] == "placeras"
    assert p.span(0, len(p.text)) == (0, raw.index("placeras") + len("placeras"))
    sel = selector_for(raw, 0, len(raw))
    assert sel.quote == raw.rstrip("\u00ad") and locate(p, sel) == locate(raw, sel)


def test_empty_and_whitespace_quotes_are_never_found():
    assert locate(TEXT, TextQuote("")) is None
    assert locate(TEXT, TextQuote("  \n ")) is None
    assert locate("", TextQuote("något")) is None


def test_a_long_quote_in_a_long_document_with_one_edit():
    filler = " ".join(f"Stycke {n} handlar om verksamhetens mål och uppföljning under året." for n in range(400))
    passage = " ".join(
        ["Förvaltningen föreslår att avgiften för trygghetslarm höjs från 250 till 300 kronor per månad."] * 3
    )
    text = filler[: len(filler) // 2] + " " + passage + " " + filler[len(filler) // 2 :]
    sel = sel_of(text, passage)
    new = text.replace(passage, passage.replace("300 kronor", "320 kronor", 1))
    a = locate(new, sel)
    assert a is not None and a.method == "fuzzy"
    assert new[a.start : a.end].startswith("Förvaltningen föreslår") and "320 kronor" in new[a.start : a.end]


# ---------------------------------------------------------------------------------------------- properties
WORDS = [
    "nämnden",
    "barn",
    "och",
    "unga",
    "placering",
    "ärende",
    "beslut",
    "jäv",
    "år",
    "kronor",
    "12",
    "HVB-hem",
    "förslag",
    "återremiss",
    "öppenvård",
    "Åsa",
    "yrkande",
    "§",
    "SN/2024:00303",
    "tjänsteskrivelse",
]
SEPS = [" ", " ", " ", "\n", ". ", ", ", "\n\n", "  ", "\u00ad", " \u00ad\n"]

texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPS)), min_size=3, max_size=120).map(
    lambda pairs: "".join(w + s for w, s in pairs)
)


@st.composite
def text_and_span(draw):
    text = draw(texts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 80)))
    start, end = trim_span(text, start, end)
    assume(start < end)
    return text, start, end


@settings(max_examples=200, deadline=None)
@given(text_and_span())
def test_property_an_anchor_is_found_in_its_own_text_exactly_where_it_was(data):
    text, start, end = data
    sel = selector_for(text, start, end)
    a = locate(text, sel, hint=start)
    assert a is not None and a.method == "exact"
    assert (a.start, a.end) == (start, end)


@settings(max_examples=200, deadline=None)
@given(text_and_span(), st.text(alphabet="0123456789 -", min_size=1, max_size=200))
def test_property_text_inserted_before_shifts_the_anchor(data, inserted):
    text, start, end = data
    sel = selector_for(text, start, end)
    assume(normalize(text).count(normalize(sel.quote).strip()) == 1)
    new = inserted + "\n" + text
    a = locate(new, sel)
    assert a is not None
    assert (a.start, a.end) == (start + len(inserted) + 1, end + len(inserted) + 1)


@settings(max_examples=100, deadline=None)
@given(text_and_span())
def test_property_a_found_span_reads_as_the_quote_or_nothing_is_found(data):
    text, start, end = data
    sel = selector_for(text, start, end)
    cut = text[:start] + text[end:]  # the passage removed
    a = locate(cut, sel)
    if a is not None:  # only when the same words occur elsewhere in the text
        if a.method == "exact":
            assert normalize(cut[a.start : a.end]) == normalize(sel.quote)
        assert 0 <= a.start < a.end <= len(cut)


def test_a_proposal_keeps_to_one_paragraph_and_starts_a_sentence():
    from botkyrka_nämnd.domain.anchoring import within_bounds

    text = "… och förutsättningarna för god spridning av resultaten,\n\nAnsökan ska vara inkommen senast 2024-10-01."
    s = text.index("resultaten")
    assert text.__getitem__(
        slice(*within_bounds(text, s, len(text), "Ansökan ska vara Socialstyrelsen tillhanda"))
    ) == ("Ansökan ska vara inkommen senast 2024-10-01.")
    prose = "Det var så. Kostnaderna ökade kraftigt under året. Slut."
    s = prose.index("så")
    got = prose.__getitem__(slice(*within_bounds(prose, s, prose.index(" Slut"), "Kostnaderna ökade under perioden.")))
    assert got == "Kostnaderna ökade kraftigt under året."
    # a quote that itself ran over two paragraphs may be proposed over two
    two = "Första.\nAndra stycket."
    assert within_bounds(two, 0, len(two), "Första.\nAndra") == (0, len(two))
