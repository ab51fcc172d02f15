"""SECURITY.md §3 B9 / issue 10: hypothesis over the text parser (``parse_document`` / ``parse_kallelse``).

Inputs: arbitrary text; "line soup" documents built from the real lines of the seeds and the corpus; and
mutations of the real seeds and corpus documents (line ranges deleted, duplicated, moved; random unicode
inserted: controls, bidi, soft hyphen, zero-width, NBSP, combining marks; truncation; digits of dates and Dnr
changed; lines joined and split; ...).

Pass: only the documented user errors (``errors.UserError``: ``UnknownLayout``, ``MissingFields``) are raised,
never anything else; and on seed 003, while the mutated text still reads "Lex Sarah rapport 1531, 1545, 1610,
1646" inside an item's handlingar, none of those numbers is in any public field of the parsed meeting.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from botkyrka_nämnd.domain.model import SECRET_PLACEHOLDER
from botkyrka_nämnd.errors import UserError
from botkyrka_nämnd.importing.kallelse import Hints, parse_document, parse_kallelse
from tests.conftest import SEED_000, SEED_002, SEED_003

from .fuzzkit import (
    BLOCK_003,
    any_text,
    base,
    corpus_files,
    corpus_text,
    disguised_block,
    fuzz_settings,
    line_pool,
    marked_block,
    mutate,
    mutations,
    protected_numbers,
    public_strings,
    render,
    seed,
    seed_parse,
    spice_char,
)

pytestmark = pytest.mark.fuzz


def parse_or_user_error(text: str, hints: Hints | None = None):
    """The ParseResult, or None when the parser refused the text with a documented user error. Any other
    exception propagates: that is the failure hypothesis looks for."""
    try:
        res = parse_document(text, hints=hints)
    except UserError:
        return None
    # parse_kallelse is parse_document plus MissingFields: the same text must give the same answer
    if res.missing:
        try:
            parse_kallelse(text, hints=hints)
        except UserError:
            pass
        else:
            raise AssertionError(
                "parse_kallelse accepted a text whose parse_document result misses " + repr(res.missing)
            )
    return res


def assert_no_secret_in_public(text: str, res) -> None:
    if res is None:
        return
    needles = protected_numbers(text, res.meeting)
    if not needles:
        return
    leaks = [(path, n) for path, s in public_strings(res.meeting) for n in needles if n in s]
    assert not leaks, f"report numbers in public fields: {leaks[:5]}"


# ----------------------------------------------------------------------------------------- arbitrary text
@fuzz_settings(ci=150, long=5000)
@given(st.lists(spice_char, max_size=200).map("".join))
def test_arbitrary_text_raises_only_user_errors(text):
    parse_or_user_error(text)


@fuzz_settings(ci=40, long=3000)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(line_pool()) if line_pool() else any_text, any_text, st.sampled_from(["", " ", "\t"])
        ),
        max_size=250,
    ),
    st.booleans(),
)
def test_line_soup_of_real_lines_raises_only_user_errors(lines, with_hints):
    """Documents built from the real lines of every seed and corpus text in random order: cover labels,
    agenda rows, document headers, headings, lex Sarah lines meet each other in every combination."""
    hints = Hints(body="Socialnämnden", date="2024-09-24", kommun="Botkyrka kommun") if with_hints else None
    parse_or_user_error("\n".join(lines), hints)


# ----------------------------------------------------------------------------------- mutations of the corpus
@fuzz_settings(ci=40, long=1500)
@given(st.sampled_from(corpus_files()) if corpus_files() else st.nothing(), mutations)
def test_mutated_corpus_documents_raise_only_user_errors(corpus_dir, rel, ops):
    parse_or_user_error(mutate(corpus_text(rel), ops))


# ------------------------------------------------------------------------------------ mutations of the seeds
@fuzz_settings(ci=12, long=300)
@given(mutations)
def test_mutated_seed_000_raises_only_user_errors(seeds_dir, ops):
    parse_or_user_error(mutate(seed(SEED_000), ops))


@fuzz_settings(ci=2, long=20)
@given(mutations)
def test_mutated_ocr_seed_002_raises_only_user_errors(seeds_dir, ops):
    """The OCR'd seed (about 3 s a parse): few examples in CI."""
    parse_or_user_error(mutate(seed(SEED_002), ops))


@pytest.mark.slow  # over 5 s (pytest --durations)
@fuzz_settings(ci=25, long=350)
@given(mutations)
@example([("delete", 0, 1), ("duplicate", 0, 3, -1)])  # the report line became an item's title (fixed upstream)
def test_mutated_seed_003_keeps_the_lex_sarah_numbers_out_of_public_text(seeds_dir, ops):
    text = mutate(seed(SEED_003), ops)
    res = parse_or_user_error(text)
    assert_no_secret_in_public(text, res)


@fuzz_settings(ci=12, long=150)
@given(st.one_of(disguised_block(), marked_block(), st.just(BLOCK_003)), st.integers(0, 10_000), st.booleans())
def test_a_disguised_report_line_in_any_item_of_seed_000_is_locked(seeds_dir, line, where, marker):
    """Seed 000 has no secret part: a lex Sarah report line (with invisible characters, look-alike letters,
    full-width forms or stray combining marks; after an "I sekretessdelen" line or not) put on any line of any
    item's handlingar must never leave one of its numbers in a public field."""
    b = base(SEED_000)
    inside = sorted(set().union(*(lines for _label, lines in b.units)))
    k = inside[where % len(inside)]
    lines = list(b.lines)
    lines[k:k] = ["I sekretessdelen", line] if marker else [line]
    res = parse_or_user_error("\n".join(lines))
    assert res is not None
    leaks = [(path, n) for path, s in public_strings(res.meeting) for n in ("1531", "1545", "1610", "1646") if n in s]
    assert not leaks, f"report numbers in public fields: {leaks[:5]}"


def test_the_sekretess_property_applies_to_the_unmutated_seed_003(seeds_dir):
    """The property is not vacuous: on the seed itself all four numbers are protected and none is public."""
    text = seed(SEED_003)
    assert BLOCK_003 in text
    res = parse_or_user_error(text)
    assert res is not None and sorted(protected_numbers(text, res.meeting)) == ["1531", "1545", "1610", "1646"]
    assert_no_secret_in_public(text, res)
    # the walker reads the sections (the placeholder where the block was) and leaves out only the locked content
    public = public_strings(res.meeting)
    assert any(SECRET_PLACEHOLDER in s and p.endswith(".text_clean") for p, s in public)
    assert any("1531" in p.text for it in res.meeting.items for p in it.locked_parts)


# ------------------------------------------------------------------------------ kept crashers (regressions)
@pytest.mark.parametrize("withdrawn", [(1,), (2,), (4,), (9,), (2, 4), (1, 5, 6), (4, 5, 6), (2, 3, 4, 5, 6, 7, 8)])
def test_kept_items_withdrawn_from_a_reissue_leave_the_other_items_as_they_were(seeds_dir, withdrawn):
    """Found by the re-issue machine: 000 with items withdrawn (agenda row and handlingar gone, the agenda not
    renumbered). Was: without row 1 a table of contents inside item 4's bilaga was read as the agenda; a gap
    inside the agenda ended it (without row 4 only items 1-3 were read and the handlingar of items 5-9 went to
    item 3); a gap was also taken for a number lost in a copy and a row invented by splitting a title."""
    b, full = base(SEED_000), seed_parse(SEED_000).meeting
    units = frozenset(k for k, (label, _lines) in enumerate(b.units) if label in {f"item {n}" for n in withdrawn})
    m = parse_kallelse(render(b, units, {}, (), 0))
    assert [(it.ordinal, it.title, [d.kind for d in it.documents]) for it in m.items] == [
        (it.ordinal, it.title, [d.kind for d in it.documents]) for it in full.items if it.ordinal not in withdrawn
    ]
    assert not any("number_guessed" in it.warnings for it in m.items)


def test_kept_a_first_document_and_an_agenda_row_withdrawn(seeds_dir):
    """The first step of the same crasher: item 1 keeps its row but loses its tjänsteskrivelse, item 2 is
    withdrawn; a lex Sarah report added to the Anmälningsärenden is locked."""
    b, full = base(SEED_000), seed_parse(SEED_000).meeting
    drop = frozenset(k for k, (label, _l) in enumerate(b.units) if label in ("item 1 tjansteskrivelse 0", "item 2"))
    assert len(drop) == 2
    text = render(b, drop, {}, ("1702",), 1)
    m = parse_kallelse(text)
    assert [(it.ordinal, len(it.documents)) for it in m.items] == [(1, 0)] + [
        (it.ordinal, len(it.documents)) for it in full.items if it.ordinal > 2
    ]
    assert [p.report_numbers for p in m.item(9).locked_parts] == [[1702]]
    assert not [path for path, s in public_strings(m) if "1702" in s]
