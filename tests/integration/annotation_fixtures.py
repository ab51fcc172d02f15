"""Meetings for the annotation and export tests, built with the domain dataclasses and saved with
``Repository.save_meeting`` inside one transaction (the importer's own path), plus a re-issue helper that
does exactly what ``ImportService.import_path`` does after parsing.
"""

from __future__ import annotations

import copy

from botkyrka_nämnd.domain import (
    SECRET_PLACEHOLDER,
    AgendaItem,
    Document,
    Meeting,
    SecretPart,
    Section,
    parse_case_number,
)
from botkyrka_nämnd.services.context import AppContext

MEETING_ID = "botkyrka-sn-2024-09-24"
PASSPHRASE = "korrekt häst batteri häftklammer"

# the passage the re-anchoring tests highlight (item 2, Bilaga 1, page 6)
PASSAGE = (
    "Kostnaderna för placeringar i HVB-hem har ökat med 12 miljoner kronor jämfört med föregående år, "
    "främst för ungdomar 16–17 år."
)
SECRET_TEXT = "Rapport 1: Brukaren Östen Ärlig föll i badrummet på Tallbacken den 3 mars; personalen larmade sent."


def _section(kind, text, page, heading=None):
    return Section(kind=kind, text_raw=text, text_clean=text, heading=heading, page=page)


def bilaga_sections(passage: str | None = PASSAGE, *, inserted: str | None = None) -> list[Section]:
    """Bilaga 1 of item 2: three pages; ``passage`` on page 6 (None: removed), ``inserted`` a paragraph
    added on page 5 before it."""
    p5 = (
        "Placeringsrapport för första halvåret 2024. Rapporten beskriver antalet placeringar av barn och "
        "unga, placeringsformer och kostnader. Uppgifterna kommer från verksamhetssystemet."
    )
    if inserted:
        p5 = p5 + "\n\n" + inserted
    p6_parts = [
        "Under perioden placerades 48 barn och unga utanför hemmet, varav 19 i familjehem och 29 i HVB.",
        passage,
        "Förvaltningen bedömer att andelen placeringar i familjehem behöver öka under 2025.",
    ]
    p6 = "\n".join(p for p in p6_parts if p)
    p7 = (
        "Sammanfattningsvis följer förvaltningen utvecklingen månadsvis och återkommer till nämnden "
        "med en fördjupad analys i december."
    )
    return [_section("body", p5, 5), _section("body", p6, 6), _section("body", p7, 7)]


def build_meeting(*, bilaga: list[Section] | None = None, proposal2: str | None = None) -> Meeting:
    cn = parse_case_number
    ts2 = Document(
        kind="tjansteskrivelse",
        title="Rapport om placeringar av barn och unga",
        case_number=cn("SN/2024:00303"),
        page_start=3,
        page_end=4,
        sections=[
            _section(
                "forslag_till_beslut",
                "Socialnämnden godkänner rapporten och lägger den till handlingarna.",
                3,
                "Förslag till beslut",
            ),
            _section(
                "sammanfattning",
                "Antalet placeringar har ökat under året. Förvaltningen föreslår att nämnden följer utvecklingen "
                "och att uppföljningen redovisas i tertialrapporten.",
                3,
                "Sammanfattning",
            ),
            _section(
                "arendet",
                "Nämnden gav i februari förvaltningen i uppdrag att redovisa placeringarna två gånger per år.",
                4,
                "Ärendet",
            ),
        ],
    )
    bil2 = Document(
        kind="bilaga",
        title="Placeringsrapport januari–juni 2024",
        bilaga_label="Bilaga 1",
        page_start=5,
        page_end=7,
        sections=bilaga if bilaga is not None else bilaga_sections(),
    )
    ts3 = Document(
        kind="tjansteskrivelse",
        title="Lex Sarah-rapporter",
        case_number=cn("SN/2024:00317"),
        page_start=8,
        page_end=8,
        sections=[
            _section(
                "forslag_till_beslut", "Socialnämnden lägger informationen till handlingarna.", 8, "Förslag till beslut"
            ),
            _section("body", SECRET_PLACEHOLDER, 8),
        ],
    )
    ts4 = Document(
        kind="tjansteskrivelse",
        title="Ekonomisk uppföljning augusti",
        case_number=cn("SN/2024:00210"),
        page_start=9,
        page_end=9,
        sections=[_section("body", "Prognosen visar ett underskott på 4,2 miljoner kronor för helåret.", 9)],
    )
    items = [
        AgendaItem(ordinal=None, title="Justering", kind="justering"),
        AgendaItem(
            ordinal=1,
            title="Anmälan av delegationsbeslut",
            kind="delegationsbeslut",
            proposal="Socialnämnden lägger anmälan av delegationsbeslut till handlingarna.",
        ),
        AgendaItem(
            ordinal=2,
            title="Rapport om placeringar av barn och unga 2024",
            kind="beslutsarende",
            agenda_case_number=cn("SN/2024:00303"),
            proposal=proposal2 or "Socialnämnden godkänner rapporten och lägger den till handlingarna.",
            documents=[ts2, bil2],
        ),
        AgendaItem(
            ordinal=3,
            title="Lex Sarah-rapporter",
            kind="beslutsarende",
            agenda_case_number=cn("SN/2024:00317"),
            proposal="Socialnämnden lägger informationen till handlingarna.",
            documents=[ts3],
            secret_parts=[SecretPart(kind="lex_sarah", label="1 lex Sarah-rapport", text=SECRET_TEXT, page=8)],
        ),
        AgendaItem(
            ordinal=4,
            title="Ekonomisk uppföljning augusti",
            kind="information",
            agenda_case_number=cn("SN/2024:00210"),
            proposal="Socialnämnden lägger informationen till handlingarna.",
            documents=[ts4],
        ),
    ]
    return Meeting(
        date="2024-09-24",
        committee="Socialnämnden",
        committee_short="SN",
        municipality="Botkyrka kommun",
        time="18:00",
        place="Tumba, Lokal Tingstorget",
        chair="Anna Ärlemalm",
        secretary="Örjan Åberg",
        items=items,
    )


def save(ctx: AppContext, meeting: Meeting):
    """Save like the importer does: one transaction, save_meeting, then the re-anchoring hook."""
    with ctx.store.transaction():
        res = ctx.repo.save_meeting(meeting, None)
        if res.superseded_document_ids:
            ctx.annotations.reanchor_after_import(res.new_document_ids, res.superseded_document_ids)
    return res


def item_id(ctx: AppContext, number: int, meeting_id: str = MEETING_ID) -> int:
    return ctx.repo.item(meeting_id, number)["id"]


def document_id(ctx: AppContext, number: int, kind: str = "bilaga") -> int:
    docs = [d for d in ctx.repo.documents(item_id(ctx, number)) if d["kind"] == kind]
    return docs[0]["id"]


def secret_uid(ctx: AppContext, number: int = 3) -> str:
    return ctx.sealed_parts.secret_parts(item_id(ctx, number))[0]["uid"]


def fill_vault(ctx: AppContext, meeting: Meeting) -> None:
    """Put the meeting's secret text into the (unlocked) vault as the importer + absorb would."""
    for position, item in enumerate(meeting.items):
        if not item.locked_parts:
            continue
        for saved, part in zip(ctx.sealed_parts.secret_parts(item_id(ctx, item.ordinal)), item.locked_parts):
            ctx.vault.put_secret(
                saved["uid"],
                meeting_id=meeting.id,
                item_position=position,
                item_ordinal=item.ordinal,
                kind=part.kind,
                label=part.label,
                text=part.text,
                page=part.page,
            )
            ctx.sealed_parts.set_secret_state(saved["uid"], "in_vault")


def reissued(meeting: Meeting, **changes) -> Meeting:
    """A deep copy with item 2's bilaga sections replaced (``bilaga=[...]``)."""
    m = copy.deepcopy(meeting)
    if "bilaga" in changes:
        m.item(2).documents[1].sections = changes["bilaga"]
    return m
