"""The query syntax: words, phrases, prefixes, exclusions, OR, filters and case numbers; never a crash."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from botkyrka_nämnd.search.analysis import F_MARK, S_MARK
from botkyrka_nämnd.search.fts_plan import match_expression, phrase_expression, plan_query, tier_expression
from botkyrka_nämnd.search.fts_schema import DDL
from botkyrka_nämnd.search.query import CaseQuery, parse, parse_date_bound


def words(pq):
    return [[t.words for t in cl.terms] for cl in pq.clauses]


def test_words_phrases_prefix_and_exclusion():
    pq = parse('placering "våld i nära relation" skuldråd* -corona -"lex Sarah"')
    assert words(pq) == [[("placering",)], [("våld", "i", "nära", "relation")], [("skuldråd",)]]
    assert [t.quoted for cl in pq.clauses for t in cl.terms] == [False, True, False]
    assert pq.clauses[2].terms[0].prefix
    assert [t.words for t in pq.excluded] == [("corona",), ("lex", "Sarah")]


def test_unbalanced_quote_runs_to_the_end():
    pq = parse('statsbidrag "våld i nära')
    assert words(pq) == [[("statsbidrag",)], [("våld", "i", "nära")]]


def test_hyphenated_token_is_a_phrase():
    pq = parse("Covid-19 LVU-vården")
    assert words(pq) == [[("Covid", "19")], [("LVU", "vården")]]
    assert all(t.is_phrase and not t.quoted for cl in pq.clauses for t in cl.terms)


def test_or_and_eller():
    pq = parse("covid OR corona ELLER pandemin hemlöshet")
    assert words(pq) == [[("covid",), ("corona",), ("pandemin",)], [("hemlöshet",)]]
    assert words(parse("OR placering")) == [[("OR",)], [("placering",)]]  # a leading OR is just a word


def test_function_words_dropped_unless_quoted_or_alone():
    assert words(parse("våld i nära relation")) == [[("våld",)], [("nära",)], [("relation",)]]
    assert words(parse('"i en"')) == [[("i", "en")]]
    assert words(parse("och")) == [[("och",)]]


def test_case_numbers_are_taken_out_of_the_words():
    pq = parse("SN 2018:254 hemsjukvård")
    assert pq.case_numbers == [CaseQuery("SN", 2018, 254)]
    assert words(pq) == [[("hemsjukvård",)]]
    assert parse("SN/2024:00303").case_numbers[0].canonical == "SN/2024:00303"
    assert parse("sn2020:218").case_numbers[0].canonical == "SN/2020:00218"
    assert parse("SN 2020:12/").case_numbers[0].canonical == "SN/2020:00012"
    bare = parse("2018:254").case_numbers[0]
    assert bare.series is None and bare.suffix == "/2018:00254"
    assert parse("kl 18:30").case_numbers == []  # a time is not a Dnr


def test_filters():
    pq = parse("placering nämnd:SN från:2020 till:2021-06 källa:bilagor")
    assert words(pq) == [[("placering",)]]
    assert (pq.committee, pq.date_from, pq.date_to, pq.sources) == ("SN", "2020-01-01", "2021-06-30", {"attachment"})
    pq = parse("year:2019 source:note source:item")
    assert (pq.date_from, pq.date_to, pq.sources) == ("2019-01-01", "2019-12-31", {"note", "item"})
    pq = parse("från:igår Covid:19")
    assert pq.problems == ["från:igår"] and words(pq) == [[("Covid", "19")]]


def test_date_bounds():
    assert parse_date_bound("2024", end=False) == "2024-01-01"
    assert parse_date_bound("2024-02", end=True) == "2024-02-29"
    assert parse_date_bound("2023/2/3", end=True) == "2023-02-03"
    assert parse_date_bound("2024-13", end=True) is None
    assert parse_date_bound("2024-02-30", end=False) is None


def test_tier_expressions():
    plan = plan_query(parse("placering"))
    plan.compounds["placering"] = ["familjehemsplacering"]
    assert tier_expression(plan, "exact") == '("placering")'
    assert tier_expression(plan, "stem") == f'("placering" OR "{S_MARK}placering" OR "{F_MARK}placering")'
    assert (
        tier_expression(plan, "all")
        == f'("placering" OR "{S_MARK}placering" OR "{F_MARK}placering" OR "{S_MARK}familjehemsplacering")'
    )
    expr = match_expression(plan_query(parse('"Tåget" -corona')))
    assert expr == f'("tåget" OR "{F_MARK}tag")' and "corona" not in expr  # exclusions drop items afterwards
    assert phrase_expression(plan_query(parse("våld nära relation"))) is not None
    assert phrase_expression(plan_query(parse("våld"))) is None


def _fts() -> sqlite3.Connection:
    c = sqlite3.connect(":memory:")
    for stmt in DDL:
        c.execute(stmt)
    c.execute("INSERT INTO search_fts(rowid, w, s, f, k) VALUES (1, 'and or not near', 'and or not near', '', '')")
    return c


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120))
def test_any_input_parses_into_a_valid_fts_expression(text):
    conn = _fts()
    pq = parse(text)
    plan = plan_query(pq)
    for expr in (match_expression(plan), tier_expression(plan, "exact"), phrase_expression(plan)):
        if expr:
            conn.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (expr,)).fetchall()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                '"',
                "-",
                "*",
                "(",
                ")",
                ":",
                "^",
                "+",
                "NEAR",
                "AND",
                "OR",
                "NOT",
                "ELLER",
                "{w}",
                "å",
                "x",
                " ",
                "2018:254",
                "nämnd:",
                '-"',
            ]
        ),
        max_size=20,
    )
)
def test_fts_syntax_characters_are_plain_text(parts):
    conn = _fts()
    plan = plan_query(parse("".join(parts)))
    expr = match_expression(plan)
    if expr:
        conn.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (expr,)).fetchall()
