"""Domain dataclasses: what the importer produces and the store keeps.

Pure data, no I/O, no Qt. Code names are English; the Swedish domain words are in DESIGN.md §3.

The parser (``importing.kallelse``) turns one kallelse into one :class:`Meeting` with its
:class:`AgendaItem` list; each item carries its :class:`Document` list (tjänsteskrivelse, bilagor, ...),
each document its :class:`Section` list. Secret content is *never* placed in a public section: it is
cut out into a :class:`SecretPart` whose ``text`` only ever goes to the vault; the public section keeps
:data:`SECRET_PLACEHOLDER` in its place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .casenumber import CaseNumber

SECRET_PLACEHOLDER = "Sekretessbelagd del – låst"


class ItemKind(StrEnum):
    """Agenda item kinds (SEEDS.md §5.1), and the procedural rows of other templates."""

    MUNTLIG_INFORMATION = "muntlig_information"
    BESLUTSARENDE = "beslutsarende"
    INFORMATION = "information"
    ANMALNINGSARENDEN = "anmalningsarenden"
    DELEGATIONSBESLUT = "delegationsbeslut"
    JUSTERING = "justering"
    PROCEDURAL = "procedural"
    SEKRETESSARENDE = "sekretessarende"


class RowKind(StrEnum):
    """What an agenda row is (DESIGN.md §7 'row_kind'): a numbered ärende, a procedural row (Justering, Val
    av justerare, Godkännande av dagordningen), an unnumbered ärende ("Förvaltningschefen informerar") or a
    sub-item of a numbered one ("a) Delårsrapport 1", printed_number "3a")."""

    ITEM = "item"
    PROCEDURAL = "procedural"
    UNNUMBERED_ITEM = "unnumbered_item"
    SUB_ITEM = "sub_item"


class DocumentKind(StrEnum):
    ORDFORANDEFORSLAG = "ordforandeforslag"
    TJANSTESKRIVELSE = "tjansteskrivelse"
    TJANSTEUTLATANDE = "tjansteutlatande"
    ARENDEBESKRIVNING = "arendebeskrivning"
    BILAGA = "bilaga"
    RAPPORT = "rapport"
    PLAN = "plan"
    AVTAL = "avtal"
    ANSOKAN = "ansokan"
    PROTOKOLLSUTDRAG = "protokollsutdrag"
    EXTERNT_PROTOKOLL = "externt_protokoll"
    UTREDNING = "utredning"


class SectionKind(StrEnum):
    FORSLAG_TILL_BESLUT = "forslag_till_beslut"
    BESLUT = "beslut"
    SAMMANFATTNING = "sammanfattning"
    ARENDET = "arendet"
    BARNKONSEKVENSANALYS = "barnkonsekvensanalys"
    EKONOMISKA_KONSEKVENSER = "ekonomiska_konsekvenser"
    UNDERLAG_FOR_BESLUT = "underlag_for_beslut"
    SKICKAS_TILL = "skickas_till"
    EXPEDIERAS_TILL = "expedieras_till"
    FASTSTALLD_AV = "faststalld_av"
    SIGNATUR = "signatur"
    BODY = "body"
    TABLE = "table"


class SecretKind(StrEnum):
    """Secret part kinds (SEEDS.md §3.2). Only ``locked`` parts go to the vault; the others are flags."""

    LEX_SARAH = "lex_sarah"
    SEKRETESSDEL = "sekretessdel"
    INDIVIDARENDE = "individarende"
    PERSONUPPGIFT = "personuppgift"
    HANVISNING = "hanvisning"
    GRANSKA = "granska"
    SEKRETESSARENDE = "sekretessarende"  # a whole agenda row the notice marks as secret (other templates)


# The values as tuples, for membership tests and schema checks. The store keeps the plain string values; a
# StrEnum member is that string, so rows, JSON and comparisons need no conversion.
ITEM_KINDS = tuple(ItemKind)
ROW_KINDS = tuple(RowKind)
DOCUMENT_KINDS = tuple(DocumentKind)
SECTION_KINDS = tuple(SectionKind)
SECRET_KINDS = tuple(SecretKind)

# warnings an item may carry
WARNINGS = ("dnr_mismatch", "date_before_meeting", "number_mismatch", "title_mismatch", "duplicate_document")


@dataclass
class Section:
    kind: str
    text_raw: str  # exact text (headers/footers removed? no: as in the source, for anchors)
    text_clean: str  # page headers/footers removed, hyphenation joined, NBSP -> space
    heading: str | None = None
    text_index: str | None = None  # OCR-repaired text (OCR files only), else None
    line_start: int | None = None  # 1-based, in the source text
    line_end: int | None = None
    page: int | None = None  # 1-based PDF page where the section starts (PDF sources)


@dataclass
class Document:
    kind: str
    title: str
    sections: list[Section] = field(default_factory=list)
    bilaga_label: str | None = None  # 'Bilaga 1', 'Bilaga 6A:X'
    doc_date: str | None = None  # ISO date
    case_number: CaseNumber | None = None
    author: str | None = None  # handläggare
    code: str | None = None  # 'Kod: 3.7.0.1'
    line_start: int | None = None
    line_end: int | None = None
    page_start: int | None = None
    page_end: int | None = None
    tables: int = 0  # number of tables found (e.g. the 17 "Mått" tables)

    @property
    def text(self) -> str:
        from .doctext import join_sections

        return join_sections(s.text_clean for s in self.sections)


@dataclass
class ListEntry:
    """One entry of an anmälnings-/delegationslista or one non-executed decision."""

    kind: str  # 'anmalan' | 'delegationsbeslut' | 'ej_verkstallt_beslut'
    text: str
    paragraph: str | None = None  # '§ 161'
    body: str | None = None  # 'KS', 'KF'
    decided_on: str | None = None
    delegate: str | None = None
    case_number: CaseNumber | None = None
    line: int | None = None
    flags: list[str] = field(default_factory=list)
    text_index: str | None = None  # OCR-repaired ``text`` for the search index (OCR files only), else None


@dataclass
class SecretPart:
    """A part covered by sekretess (or a flag on public text).

    ``locked=True`` parts are cut out of the public text; ``text`` holds their content and is only ever
    handed to the vault (sealed when the vault is locked). ``locked=False`` parts are review flags
    (individärenden, personuppgifter) on text that stays public.
    """

    kind: str
    label: str  # what the public placeholder says: that a locked part exists, nothing of what it holds
    text: str = ""  # the secret content itself; empty when not_in_source
    vault_label: str | None = None  # the detailed label ("Lex Sarah-rapporter (4)"), kept only in the vault
    content_tag: str | None = None  # keyed digest of ``text`` (key from the keyring): a re-issue that changes
    #                                 the secret content changes the item, without the store holding an oracle
    report_numbers: list[int] = field(default_factory=list)
    line_start: int | None = None
    line_end: int | None = None
    not_in_source: bool = False  # a reference to data handed out at the meeting
    locked: bool = True
    detected_by: str = ""
    page: int | None = None


@dataclass
class AgendaItem:
    ordinal: int | None  # 1..n; None for 'Justering'
    title: str  # the agenda title (or the heading title when there is no agenda)
    kind: str
    title_heading: str | None = None
    heading_index: str | None = None  # OCR-repaired ``title_heading`` for the search index (OCR files only)
    title_raw: str | None = None  # the agenda title as printed, when ``title`` is its OCR repair
    printed_number: str | None = None  # '01', '8' (even when wrong)
    agenda_case_number: CaseNumber | None = None
    document_case_number: CaseNumber | None = None
    proposal: str | None = None  # proposed decision text
    proposal_source: str | None = None  # 'forvaltningen' | 'ordforandeforslag'
    tabled: bool = False  # bordlagt
    warnings: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # 'individarende', 'personuppgift', 'granska', ...
    documents: list[Document] = field(default_factory=list)
    list_entries: list[ListEntry] = field(default_factory=list)
    secret_parts: list[SecretPart] = field(default_factory=list)
    meeting_dates: list[str] = field(default_factory=list)  # e.g. sammanträdesordning 2025
    line_start: int | None = None
    line_end: int | None = None
    row_kind: str = "item"  # ROW_KINDS
    group: str | None = None  # the agenda section heading above the row ("Beslutsärenden")
    presenter: str | None = None  # "Föredragande: …"
    decision: str | None = None  # what the protokoll says was decided (None until one is imported)
    decision_source: str | None = None  # e.g. "§ 33"
    secret: bool = False  # the whole item is under sekretess (a Sekretessärende row)

    @property
    def case_number(self) -> CaseNumber | None:
        return self.agenda_case_number or self.document_case_number

    @property
    def locked_parts(self) -> list[SecretPart]:
        return [p for p in self.secret_parts if p.locked]


@dataclass
class GroupMeeting:
    text: str
    time: str | None = None
    line: int | None = None


@dataclass
class PageArtifact:
    line: int
    kind: str  # header | footer | letterhead | page_no
    text: str


@dataclass
class Meeting:
    """One meeting of one body. Its identity is kommun + body + date (+ time when the body meets twice
    that day); nothing here has a default kommun or body: the importer reads them from the document or
    the member supplies them."""

    date: str  # ISO
    committee: str = ""  # the body as printed, nominative: 'Socialnämnden', 'Byggnadsnämndens arbetsutskott'
    committee_short: str = ""  # 'SN', 'BNAU'
    municipality: str = ""  # 'Botkyrka kommun'
    time: str | None = None
    place: str | None = None
    place_raw: str | None = None
    chair: str | None = None
    secretary: str | None = None
    notice_case_number: CaseNumber | None = None
    doc_kind: str = "kallelse"
    date_source: str | None = None  # 'tid_line' | 'ordforandeforslag_header' | ...
    text_origin: str = "digital"  # 'digital' | 'ocr'
    items: list[AgendaItem] = field(default_factory=list)
    group_meetings: list[GroupMeeting] = field(default_factory=list)
    page_artifacts: list[PageArtifact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    line_count: int = 0
    id_override: str | None = None  # set by the store when the readable id is taken by another meeting

    @property
    def body(self) -> str:
        return self.committee

    @property
    def kommun(self) -> str:
        return self.municipality

    @property
    def body_key(self) -> str:
        from .bodies import body_key

        return body_key(self.committee)

    @property
    def base_id(self) -> str:
        """``botkyrka-sn-2024-09-24``: kommun, the body's short form, the date."""
        from .bodies import slug

        return f"{slug(self.municipality)}-{slug(self.committee_short or self.committee)}-{self.date}"

    @property
    def id(self) -> str:
        return self.id_override or self.base_id

    def item(self, ordinal: int) -> AgendaItem:
        for it in self.items:
            if it.ordinal == ordinal:
                return it
        raise KeyError(ordinal)

    @property
    def numbered_items(self) -> list[AgendaItem]:
        return [i for i in self.items if i.ordinal is not None]


class Position(StrEnum):
    """A member's planned position on an item (their own, never published)."""

    FOR = "for"
    EMOT = "emot"
    AVVAKTA = "avvakta"
    YRKANDE = "yrkande"

    @property
    def label(self) -> str:
        """The label shown and exported."""
        return _POSITION_LABELS[self]


_POSITION_LABELS = {
    Position.FOR: "För",
    Position.EMOT: "Emot",
    Position.AVVAKTA: "Avvakta",
    Position.YRKANDE: "Yrkande",
}
# code -> label, in the order the UI offers them
POSITIONS = {p.value: p.label for p in Position}

# The documents whose text the item page shows inline (the others are listed as bilagor).
MAIN_KINDS = (
    DocumentKind.ORDFORANDEFORSLAG,
    DocumentKind.TJANSTESKRIVELSE,
    DocumentKind.TJANSTEUTLATANDE,
    DocumentKind.ARENDEBESKRIVNING,
    DocumentKind.PROTOKOLLSUTDRAG,
)
