"""Issue 9: which meeting a document is. kommun + body + date (+ time); two bodies never share a meeting,
a re-issue is recognised, ambiguity is refused; separate handlingar and protokoll files attach to their
meeting; stores from before (schema v2, ``SN-2024-09-24``) migrate with their notes."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys

import pytest

from botkyrka_nämnd.errors import MeetingConflict, MissingFields
from botkyrka_nämnd.importing.kallelse import Hints
from botkyrka_nämnd.services.context import AppContext

from ..conftest import ROOT, SEED_000

T = "\t"


def kallelse(
    body: str, date: str, titles: list[str], *, time: str = "18:00", kommun: str = "Botkyrka kommun", dnr: int = 100
) -> str:
    rows = [f"{n}.{T}{t}{T}KS/2024:{dnr + n:05d}" for n, t in enumerate(titles, start=1)]
    return "\n".join(
        [
            kommun,
            f"Kallelse till möte för {body.lower()} 2024",
            "",
            f"Tid: {date}, Kl: {time}",
            "",
            "Plats: Kommunalhuset i Tumba",
            "",
            f"{T}Ärenden{T}",
            *rows,
        ]
    )


def digest(ctx: AppContext, meeting_id: str) -> str:
    conn = ctx.store.conn
    rows = conn.execute("SELECT * FROM meeting WHERE id=?", (meeting_id,)).fetchall()
    rows += conn.execute(
        "SELECT id, position, ordinal, title, kind, agenda_case_number, proposal, content_hash FROM agenda_item "
        "WHERE meeting_id=? ORDER BY id",
        (meeting_id,),
    ).fetchall()
    rows += conn.execute(
        "SELECT d.id, d.version, d.is_current, d.content_hash FROM document d JOIN agenda_item a ON a.id=d.item_id "
        "WHERE a.meeting_id=? ORDER BY d.id",
        (meeting_id,),
    ).fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.fixture
def ctx(tmp_path):
    c = AppContext(tmp_path / "data")
    yield c
    c.close()


def test_two_bodies_on_the_same_date_are_two_meetings_and_nothing_is_overwritten(ctx, tmp_path, seeds_dir):
    sn = ctx.importer.import_path(seeds_dir / SEED_000)
    before = digest(ctx, sn.meeting_id)
    ks_file = tmp_path / "ks.txt"
    ks_file.write_text(
        kallelse(
            "Kommunstyrelsen",
            "2024-09-24",
            [
                "Val av justerare",
                "Delårsrapport 2",
                "Budget 2025",
                "Taxor 2025",
                "Motion om cykelvägar",
                "Anmälningsärenden",
            ],
        ),
        encoding="utf-8",
    )
    ks = ctx.importer.import_path(ks_file)
    assert (sn.meeting_id, ks.meeting_id) == ("botkyrka-sn-2024-09-24", "botkyrka-ks-2024-09-24")
    assert {m["id"]: m["committee"] for m in ctx.repo.meetings()} == {
        "botkyrka-sn-2024-09-24": "Socialnämnden",
        "botkyrka-ks-2024-09-24": "Kommunstyrelsen",
    }
    assert digest(ctx, sn.meeting_id) == before  # items 1-9, time and place of the socialnämnd untouched
    assert [it["title"] for it in ctx.repo.items(ks.meeting_id)][:2] == ["Val av justerare", "Delårsrapport 2"]
    assert ctx.repo.meeting(sn.meeting_id)["time"] == "18:00"


def test_the_same_body_in_two_kommuner_is_two_meetings(ctx, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(
        kallelse("Socialnämnden", "2025-03-04", ["Budget", "Taxor"], kommun="Botkyrka kommun"), encoding="utf-8"
    )
    b.write_text(
        kallelse("Socialnämnden", "2025-03-04", ["Budget", "Taxor"], kommun="Huddinge kommun"), encoding="utf-8"
    )
    ids = {ctx.importer.import_path(a).meeting_id, ctx.importer.import_path(b).meeting_id}
    assert ids == {"botkyrka-sn-2025-03-04", "huddinge-sn-2025-03-04"}


def test_a_different_agenda_for_the_same_body_and_date_is_refused_not_merged(ctx, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(
        kallelse("Kommunstyrelsen", "2025-03-04", ["Budget 2026", "Taxor 2026", "Motion om bad"], time=""),
        encoding="utf-8",
    )
    first = ctx.importer.import_path(a)
    before = digest(ctx, first.meeting_id)
    b.write_text(
        kallelse(
            "Kommunstyrelsen", "2025-03-04", ["Detaljplan för Tumba C", "Avfallsplan", "Valärenden"], time="", dnr=500
        ),
        encoding="utf-8",
    )
    with pytest.raises(MeetingConflict) as exc:
        ctx.importer.import_path(b)
    assert "inget blandas" in exc.value.sv and "nothing is mixed up" in exc.value.en
    assert digest(ctx, first.meeting_id) == before and len(ctx.repo.meetings()) == 1


def test_a_second_meeting_the_same_day_at_another_time_gets_its_own_id(ctx, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(
        kallelse("Kommunstyrelsen", "2025-03-04", ["Budget 2026", "Taxor 2026"], time="09:00"), encoding="utf-8"
    )
    b.write_text(
        kallelse("Kommunstyrelsen", "2025-03-04", ["Detaljplan för Tumba C", "Avfallsplan"], time="18:00", dnr=500),
        encoding="utf-8",
    )
    ids = [ctx.importer.import_path(a).meeting_id, ctx.importer.import_path(b).meeting_id]
    assert ids == ["botkyrka-ks-2025-03-04", "botkyrka-ks-2025-03-04-1800"]


def test_a_reissue_that_renumbers_the_agenda_keeps_each_note_on_its_arende(ctx, corpus_dir):
    """Kungsbacka ks-au 2025-01-28: the kallelse has an unnumbered row and 1-9, the copy at the start of the
    handlingar numbers the same rows 1-10. A note on "Avslut av uppdrag …" (kallelse item 1) stays on it."""
    folder = corpus_dir / "kungsbacka/ks-au/2025-01-28"
    out = ctx.importer.import_path(folder / "kallelse.md")
    item = ctx.repo.item(out.meeting_id, 1)
    assert item["title"].startswith("Avslut av uppdrag om avsiktsförklaring")
    ctx.annotations.save_note(item["id"], "Fråga om tidplanen")
    again = ctx.importer.import_path(folder / "handlingar.first16000.md")
    assert again.meeting_id == out.meeting_id and len(ctx.repo.meetings()) == 1
    moved = ctx.repo.item_by_id(item["id"])
    assert moved["title"].startswith("Avslut av uppdrag om avsiktsförklaring") and moved["ordinal"] == 2
    assert ctx.annotations.item_note(item["id"])["body"] == "Fråga om tidplanen"


def test_a_protokoll_attaches_each_decision_to_its_agenda_item(ctx, corpus_dir):
    folder = corpus_dir / "kungsbacka/ks-au/2025-01-28"
    k = ctx.importer.import_path(folder / "kallelse.md")
    agenda_before = [(it["ordinal"], it["title"]) for it in ctx.repo.items(k.meeting_id)]
    p = ctx.importer.import_path(folder / "protokoll.md")
    assert p.meeting_id == k.meeting_id and len(ctx.repo.meetings()) == 1
    items = ctx.repo.items(k.meeting_id)
    assert [(it["ordinal"], it["title"]) for it in items] == agenda_before  # nothing renumbered or added
    by_title = {it["title"]: it for it in items}
    assert by_title["Erbjudande om medlemskap i kommunalförbundet Tolkförmedling Väst"]["decision"] == (
        "Kungsbacka kommun ansöker inte om medlemskap i Tolkförmedling Väst."
    )
    assert by_title["Erbjudande om medlemskap i kommunalförbundet Tolkförmedling Väst"]["decision_source"] == "§ 37"
    assert sum(1 for it in items if it["decision"]) == 10


def test_a_protokoll_alone_creates_the_meeting(ctx, corpus_dir):
    p = ctx.importer.import_path(corpus_dir / "kungsbacka/ks-au/2025-01-28/protokoll.md")
    m = ctx.repo.meeting(p.meeting_id)
    assert (m["committee"], m["date"], m["kommun"]) == (
        "Kommunstyrelsens arbetsutskott",
        "2025-01-28",
        "Kungsbacka kommun",
    )
    assert len(ctx.repo.items(p.meeting_id)) == 10


def test_handlingar_without_a_cover_attach_to_the_meeting_that_lists_their_items(ctx, corpus_dir):
    """bygg-au 2024-02-01: the handlingar open with a tjänsteskrivelse to Byggnadsnämnden (the deciding body);
    its Dnr BN-2024-00013 is the arbetsutskott's item 3 (2024-00013). It becomes that item's document."""
    folder = corpus_dir / "kungsbacka/bygg-au/2024-02-01"
    k = ctx.importer.import_path(folder / "kallelse.md")
    h = ctx.importer.import_path(folder / "handlingar.first16000.md")
    assert h.meeting_id == k.meeting_id == "kungsbacka-bnau-2024-02-01" and len(ctx.repo.meetings()) == 1
    item3 = ctx.repo.item(k.meeting_id, 3)
    docs = ctx.repo.documents(item3["id"])
    assert item3["title"] == "Byggnadsnämndens årsredovisning 2023" and docs and docs[0]["kind"] == "tjansteskrivelse"
    assert ctx.repo.meeting(k.meeting_id)["time"] == "09:00"  # the cover's fields stay


def test_a_document_without_a_date_asks_for_it_and_imports_with_it(ctx, corpus_dir):
    path = corpus_dir / "pages/botkyrka/botkyrka_un_2014_kallelse.excerpt.txt"
    with pytest.raises(MissingFields) as exc:
        ctx.importer.import_path(path)
    assert exc.value.fields == ["date"] and ctx.repo.meetings() == []
    out = ctx.importer.import_path(path, hints=Hints(date="2014-04-22"))
    assert out.meeting_id == "botkyrka-un-2014-04-22" and out.items == 16


def test_text_without_an_agenda_imports_as_one_searchable_document_when_the_member_names_the_meeting(ctx, tmp_path):
    f = tmp_path / "promemoria.txt"
    f.write_text(
        "Promemoria om lokalförsörjning\n\nFörvaltningen redovisar behovet av nya lokaler för förskolan i Alby.",
        encoding="utf-8",
    )
    with pytest.raises(MissingFields):
        ctx.importer.import_path(f)
    out = ctx.importer.import_path(f, hints=Hints(body="Utbildningsnämnden", date="2025-05-06", kommun="Botkyrka"))
    assert out.meeting_id == "botkyrka-un-2025-05-06"
    (it,) = ctx.repo.items(out.meeting_id)
    assert it["title"] == "Promemoria om lokalförsörjning"
    assert [h.item_number for h in ctx.search.search("lokalförsörjning")] == [1]


def test_cli_import_with_body_date_and_kommun(tmp_path, corpus_dir):
    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "botkyrka_nämnd", "--data-dir", str(tmp_path / "d"), *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )

    path = str(corpus_dir / "pages/botkyrka/botkyrka_sbn_kallelse.excerpt.txt")
    r = run("import", path, "--json")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "--body" in r.stderr and "--date" in r.stderr and "(The text does not say" in r.stderr
    assert json.loads(r.stdout)["failed"][0]["error"].startswith("Texten anger inte")
    r = run("import", path, "--body", "Samhällsbyggnadsnämnden", "--date", "2018-06-12", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["imported"][0]["meeting_id"] == "botkyrka-sbn-2018-06-12"
    rows = json.loads(run("agenda", "botkyrka-sbn-2018-06-12", "--json").stdout)
    assert rows[1]["group"] == "ÖPPET SAMMANTRÄDE" and rows[-1]["group"] == "SLUTET SAMMANTRÄDE"
    m = json.loads(run("meetings", "--json").stdout)[0]
    assert (m["kommun"], m["body"]) == ("Botkyrka kommun", "Samhällsbyggnadsnämnden")
    r = run("import", path, "--date", "12 juni")
    assert r.returncode == 2 or "ÅÅÅÅ-MM-DD" in r.stderr


def test_a_store_from_before_migrates_ids_keeps_notes_and_resolves_old_ids(tmp_path, seeds_dir):
    """A schema-v2 store (ids 'SN-2024-09-24', committee 'SN') opens as v3: readable ids, the old id an alias."""
    from botkyrka_nämnd.storage import migrations

    path = tmp_path / "data" / "store.db"
    path.parent.mkdir(parents=True)
    conn = sqlite3.connect(path)
    migrations.upgrade_to_1(conn)
    migrations.upgrade_to_2(conn)
    conn.execute("PRAGMA user_version=2")
    conn.execute("INSERT INTO committee(id, name) VALUES ('SN', 'Socialnämnden')")
    conn.execute(
        "INSERT INTO meeting(id, committee_id, date, time, imported_at, updated_at) "
        "VALUES ('SN-2024-09-24', 'SN', '2024-09-24', '18:00', 'x', 'x')"
    )
    conn.execute(
        "INSERT INTO agenda_item(id, meeting_id, position, ordinal, title, kind, agenda_case_number) "
        "VALUES (1, 'SN-2024-09-24', 0, 1, 'Förvaltningschefen informerar', 'muntlig_information', 'SN/2024:00005')"
    )
    conn.execute(
        "INSERT INTO case_mention(case_number, item_id, raw, role) VALUES ('SN/2024:00005', 1, 'SN/2024:00005', 'agenda')"
    )
    conn.execute(
        "INSERT INTO annotation(uid, item_id, kind, body, created_at, modified_at, is_item_note) "
        "VALUES ('u1', 1, 'note', 'Min anteckning', 'x', 'x', 1)"
    )
    conn.execute(
        "INSERT INTO setting(key, value) VALUES ('reading.last_position', ?)",
        (json.dumps({"meeting_id": "SN-2024-09-24", "item_id": 1}),),
    )
    conn.commit()
    conn.close()
    ctx = AppContext(tmp_path / "data")
    try:
        assert [m["id"] for m in ctx.repo.meetings()] == ["botkyrka-sn-2024-09-24"]
        assert ctx.repo.meeting("SN-2024-09-24")["id"] == "botkyrka-sn-2024-09-24"
        assert ctx.repo.items("SN-2024-09-24")[0]["title"] == "Förvaltningschefen informerar"
        assert ctx.annotations.item_note(1)["body"] == "Min anteckning"
        assert json.loads(ctx.settings.get("reading.last_position"))["meeting_id"] == "botkyrka-sn-2024-09-24"
        assert [h.item_number for h in ctx.search.search("SN 2024:5")] == [1]
        # importing the seed now is a re-issue of the migrated meeting, not a second meeting
        out = ctx.importer.import_path(seeds_dir / SEED_000)
        assert out.meeting_id == "botkyrka-sn-2024-09-24" and len(ctx.repo.meetings()) == 1
        assert ctx.annotations.item_note(1)["body"] == "Min anteckning"
        assert ctx.repo.item_by_id(1)["title"].startswith("Förvaltningschefen informerar")
    finally:
        ctx.close()
