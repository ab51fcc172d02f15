"""The generated demo data (botkyrka_nämnd/demo/): template, determinism, dates, the re-issued kallelse,
the single secret part, and that the parser reads every text as intended."""

from __future__ import annotations

import difflib
import importlib.util
import re
from datetime import date, timedelta

import pytest

from botkyrka_nämnd import demo
from botkyrka_nämnd.demo.generate import tuesdays
from botkyrka_nämnd.demo.topics import REVISION_PARAGRAPH

TODAY = date(2024, 9, 10)
AGENDA_ROW = re.compile(r"^(\d+)\.\t(.+?)\t([A-Za-z]{2,3}/\d{4}:\s?\d{5})\s*$")
HAVE_PARSER = importlib.util.find_spec("botkyrka_nämnd.importing.kallelse") is not None


@pytest.fixture(scope="module")
def meetings():
    return demo.demo_meetings(TODAY)


def test_deterministic_for_seed_and_today():
    a = demo.generate_demo_texts(TODAY)
    assert a == demo.generate_demo_texts(TODAY)
    assert a != demo.generate_demo_texts(TODAY, seed=1)
    assert a != demo.generate_demo_texts(TODAY + timedelta(days=35))


def test_dates_two_past_two_upcoming(meetings):
    dates = sorted({m.date for m in meetings})
    assert len(dates) == 4
    assert sum(d < TODAY for d in dates) == 2 and sum(d > TODAY for d in dates) == 2
    assert all(d.weekday() == 1 and d.month != 7 for d in dates)  # Tuesdays, no meeting in July
    assert all(abs((d - TODAY).days) < 120 for d in dates)


def test_file_names_and_order(meetings):
    names = [n for n, _ in demo.generate_demo_texts(TODAY)]
    assert len(names) == 5 == len(set(names))
    assert (
        names[2] == f"kallelse-SN-{meetings[2].date}.txt"
        and names[3] == f"kallelse-SN-{meetings[2].date}-reviderad.txt"
    )
    assert [m.revision for m in meetings] == [1, 1, 1, 2, 1]


def test_template_of_2024(meetings):
    for m in meetings:
        lines = m.text.split("\n")
        assert lines[4] == f"Kallelse till möte för socialnämnden {m.date.year}"
        assert f"Tid: {m.date.isoformat()}, Kl: 18:00" in lines
        assert any(ln.startswith("Plats: ") for ln in lines)
        assert "Ordförande: Kerstin Almqvist (S)" in lines and "Sekreterare: Maria Hedlund" in lines
        i = lines.index("\tÄrenden\t")
        rows = [AGENDA_ROW.match(ln) for ln in lines[i + 1 : i + 1 + len(m.items)]]
        assert all(rows) and [int(r.group(1)) for r in rows] == list(range(1, len(m.items) + 1))
        assert [r.group(3).replace(" ", "") for r in rows] == [it.agenda_case for it in m.items]
        assert any(ln.startswith("Majoritetsgruppen träffas kl. 17:30") for ln in lines)
        # every item's handling: variant A/B letter head + Dnr + "NN title", or variant C
        for it in m.items:
            nn = f"{it.ordinal:02d} "
            heads = [k for k, ln in enumerate(lines) if ln.startswith(nn) and k > i + len(m.items)]
            assert heads, (m.file_stem, it.ordinal)
            k = heads[0]
            before = [ln for ln in lines[max(0, k - 14) : k] if ln]
            if it.variant == "C":
                assert "**Referens**" in before and before[-2:] == ["Mottagare", "Socialnämnden"]
                assert it.document_case is None
            else:
                assert before[-1] == f"Dnr: {it.document_case}"
                assert "Socialnämnd" in before and "Socialförvaltningen" in before
                if it.variant == "A":
                    assert "TJÄNSTESKRIVELSE" in lines[max(0, k - 20) : k]
            assert lines[k + 2] in ("Förslag till beslut", it.title) or lines[k + 2].startswith(it.title[:20])
        assert "DET HÄR ÄR BOTKYRKA" in lines  # an embedded bilaga with its cover
        assert any(ln.startswith("Mått\tUtfall") for ln in lines)
        assert sum(1 for it in m.items if it.variant == "B") >= 2
        anm = [ln for ln in lines if re.match(r"^§ \d+ KS \d{4}-\d\d-\d\d .+ KS/\d{4}:\d{5}$", ln)]
        assert len(anm) >= 2


def test_variant_b_follows_three_blank_lines(meetings):
    for m in meetings:
        lines = m.text.split("\n")
        for k, ln in enumerate(lines):
            if ln == "Socialnämnd" and lines[k - 1] == "" and "TJÄNSTESKRIVELSE" not in lines[k - 8 : k]:
                assert lines[k - 3 : k] == ["", "", ""], (m.file_stem, k)


def test_exactly_one_meeting_has_a_secret_part(meetings):
    secret = [m for m in meetings if "I sekretessdelen" in m.text]
    assert len(secret) == 1
    m = secret[0]
    assert m.date < TODAY  # a past meeting
    lines = m.text.split("\n")
    k = lines.index("I sekretessdelen")
    assert re.fullmatch(r"Lex Sarah rapport \d{4}, \d{4}", lines[k + 2])
    assert [ln for ln in lines[k + 2 :] if ln] == m.secret_lines
    assert 3 <= len(m.secret_lines) <= 4 and "fiktivt HVB-hem" in m.secret_lines[1]
    assert m.items[-1].title == "Anmälningsärenden"  # the secret part ends the last item


def test_reissued_kallelse_changes_one_document(meetings):
    v1, v2 = meetings[2], meetings[3]
    assert v1.date == v2.date and v1.items == v2.items
    removed, added = [], []
    for ln in difflib.ndiff(v1.text.split("\n"), v2.text.split("\n")):
        if ln.startswith("- "):
            removed.append(ln[2:])
        elif ln.startswith("+ "):
            added.append(ln[2:])
    inserted = [ln for ln in added if ln.startswith(REVISION_PARAGRAPH[:60])]
    assert len(inserted) == 1

    def amounts(lines):
        return [m.group(0) for ln in lines if (m := re.search(r"\d{1,3}(?: \d{3})+ kronor", ln))]

    assert amounts(removed) and amounts(added) and set(amounts(removed)).isdisjoint(amounts(added))
    # nothing else changed: every changed line names the old or the new amount
    olds, news = set(amounts(removed)), set(amounts(added))
    assert len(olds) == len(news) == 1
    old_amount, new_amount = olds.pop(), news.pop()
    assert removed and all(old_amount in ln for ln in removed if ln)
    assert all(new_amount in ln for ln in added if ln)


def test_subjects_a_politician_searches_for(meetings):
    """Search tests use the demo: each subject is in the set, in a decision's text, not only in a title."""
    text = "\n".join(m.text for m in meetings)
    for subject in (
        "familjehem",
        "placera",
        "försörjningsstöd",
        "våld i nära relationer",
        "statsbidrag",
        "kompetensförsörjning",
        "hemlös",
        "HVB-hem",
        "LVU",
        "barnkonsekvensanalys",
        "internkontroll",
    ):
        assert subject.casefold() in text.casefold(), subject
    titles = {it.title for m in meetings for it in m.items}
    assert (
        len(
            [
                t
                for t in titles
                if t.startswith(
                    (
                        "Ansökan om statsbidrag",
                        "Kompetensförsörjningsplan",
                        "Handlingsplan mot hemlöshet",
                        "Riktlinjer för ekonomiskt",
                    )
                )
            ]
        )
        == 4
    )


def test_no_seed_text_is_copied(meetings, seeds_dir):
    seed_lines = set()
    for f in seeds_dir.glob("*.txt"):
        seed_lines |= {ln.strip() for ln in f.read_text(encoding="utf-8").split("\n") if len(ln.strip()) > 60}
    for m in meetings:
        copied = [ln for ln in m.text.split("\n") if ln.strip() in seed_lines]
        assert copied == [], copied[:3]


def test_many_meetings_for_several_committees():
    """What the search benchmark does: 2,000 meetings over 10 years for five nämnder (a sample here)."""
    texts = set()
    for short, committee in (
        ("SN", "Socialnämnden"),
        ("UN", "Utbildningsnämnden"),
        ("VON", "Vård- och omsorgsnämnden"),
        ("KFN", "Kultur- och fritidsnämnden"),
        ("KS", "Kommunstyrelsen"),
    ):
        for year in (2016, 2025):
            for k, d in enumerate(tuesdays(year)[:3]):
                t = demo.generate_meeting_text(committee, short, d, seed=k, n_items=6 + k)
                lines = t.split("\n")
                assert lines[4] == f"Kallelse till möte för {committee[0].lower() + committee[1:]} {year}"
                rows = [r for r in map(AGENDA_ROW.match, lines) if r]
                assert len(rows) == 6 + k and all(r.group(3).startswith(f"{short}/") for r in rows)
                texts.add(t)
    assert len(texts) == 30


def test_bigger_meetings_for_benchmarks():
    t = demo.generate_meeting_text("Socialnämnden", "SN", date(2024, 9, 24), seed=3, n_items=14, bilaga_chapters=12)
    assert len(t) > 4 * len(demo.generate_meeting_text("Socialnämnden", "SN", date(2024, 9, 24), seed=3))
    assert len([r for r in map(AGENDA_ROW.match, t.split("\n")) if r]) == 14


@pytest.mark.skipif(not HAVE_PARSER, reason="importing/kallelse (parse_kallelse) does not exist yet")
def test_every_demo_text_parses_to_its_items(meetings):
    from botkyrka_nämnd.importing.kallelse import parse_kallelse

    for m in meetings:
        parsed = parse_kallelse(m.text)
        assert parsed.date == m.date.isoformat() and parsed.time == "18:00"
        assert len(parsed.items) == len(m.items), m.file_stem
        for want, got in zip(m.items, parsed.items):
            assert got.ordinal == want.ordinal
            assert got.agenda_case_number.canonical == want.agenda_case
            assert (got.document_case_number.canonical if got.document_case_number else None) == want.document_case
            assert got.kind == want.kind
        locked = [p for it in parsed.items for p in it.locked_parts]
        if "I sekretessdelen" in m.text:
            assert len(locked) == 1 and locked[0].report_numbers == [
                int(x) for x in re.findall(r"\d{4}", m.secret_lines[0])
            ]
            assert all(
                s not in "\n".join(d.text for it in parsed.items for d in it.documents) for s in m.secret_lines[1:]
            )
        else:
            assert locked == []


@pytest.mark.skipif(not HAVE_PARSER, reason="importing/kallelse (parse_kallelse) does not exist yet")
def test_other_committees_parse():
    from botkyrka_nämnd.importing.kallelse import parse_kallelse

    for short, committee in (
        ("UN", "Utbildningsnämnden"),
        ("VON", "Vård- och omsorgsnämnden"),
        ("KS", "Kommunstyrelsen"),
    ):
        m = demo.generate_meeting(committee, short, date(2023, 5, 16), seed=5, n_items=7)
        parsed = parse_kallelse(m.text)
        assert [i.agenda_case_number.canonical for i in parsed.items] == [i.agenda_case for i in m.items]
