"""List entries of anmälnings- and delegationsärenden and de-identified non-executed decisions.

All functions take *content lines*: ``(index, text)`` pairs of stripped source lines with page artifacts
and secret lines already removed, blank lines kept as ``''`` (they separate entries).
"""

from __future__ import annotations

import re

from ..domain.casenumber import find_case_numbers
from ..domain.model import ListEntry
from . import sekretess
from .layout import DNR_LINE, heading_kind, parse_date
from .normalize import dehyphenate, ocr_fold

Line = tuple[int, str]

_PARAGRAPH = re.compile(r"^§\s*(?P<num>\d+)\s+(?P<body>[A-ZÅÄÖa-zåäö]{1,4})\b(?:\s+(?P<date>\d{4}-\d{2}-\d{2}))?")
_DECISION_TYPE = re.compile(
    r"^(?:beslut\s+(?:om|g\S{1,2}llande|ang\S{1,2}ende|enl)|\S{0,2}terkallelse|ans\S{1,2}kan\s+om|yttrande|avslag|"
    r"tillst\S{1,2}nd\s+(?:enl|till|f\S{1,2}r))"
)
_DELEGATE = re.compile(
    r"(?:chef|presidium|handl\S{1,2}ggare|ordf\S{1,2}rande|utskott|direkt\S{1,2}r|samordnare|sekreterare|"
    r"jurist|inspekt\S{1,2}r|controller|vice\s+ordf)"
)


def blocks(lines: list[Line]) -> list[list[Line]]:
    """Entries separated by blank lines; a line starting with ``§ 161`` always starts a new entry (PDF text
    may have no blank lines between entries)."""
    out: list[list[Line]] = []
    cur: list[Line] = []
    for idx, text in lines:
        if not text:
            if cur:
                out.append(cur)
                cur = []
            continue
        if cur and text.startswith("§") and _PARAGRAPH.match(text):
            out.append(cur)
            cur = []
        cur.append((idx, text))
    if cur:
        out.append(cur)
    return out


def join(block: list[Line]) -> str:
    """The text of a block: hyphenation joined, lines joined with spaces."""
    return " ".join(x for x in dehyphenate([t for _, t in block]) if x).strip()


def _is_bare_dnr(block: list[Line]) -> bool:
    return len(block) == 1 and bool(DNR_LINE.match(block[0][1])) and len(block[0][1]) <= 40


def notifications(lines: list[Line]) -> list[ListEntry]:
    """Anmälningsärenden: one entry per block (``§ 161 KS 2024-09-09 … KS/2024:00314``, or a title with
    its Dnr on the next line)."""
    entries = []
    for block in blocks(lines):
        if _is_bare_dnr(block) or heading_kind(block[0][1]):
            continue
        text = join(block)
        case = find_case_numbers("\n".join(t for _, t in block))
        m = _PARAGRAPH.match(text)
        entries.append(
            ListEntry(
                kind="anmalan",
                text=text,
                paragraph=f"§ {m.group('num')}" if m else None,
                body=m.group("body").upper() if m else None,
                decided_on=parse_date(m.group("date")) if m and m.group("date") else None,
                case_number=case[0] if case else None,
                line=block[0][0] + 1,
                flags=sekretess.notification_flags(text),
            )
        )
    return entries


def _is_delegate(text: str) -> bool:
    if len(text) > 45 or any(ch.isdigit() for ch in text) or "(" in text or text.endswith((".", ",")):
        return False
    f = ocr_fold(text)
    return bool(_DELEGATE.search(f)) and not _DECISION_TYPE.match(f)


def delegations(lines: list[Line]) -> list[ListEntry]:
    """Delegationsbeslut grouped under their delegates (``Förvaltningschef``, ``Socialnämndens
    presidium``, ``Alkoholhandläggare``). A block that only names a decision type (``Beslut om tillfälligt
    tillstånd … till slutet sällskap``) followed by plain blocks is a sub-heading: each following block is
    one decision of that type."""
    tokens: list[tuple[str, list[Line]]] = []
    for block in blocks(lines):
        cur: list[Line] = []
        for idx, text in block:
            if _is_delegate(text):
                if cur:
                    tokens.append(("block", cur))
                    cur = []
                tokens.append(("delegate", [(idx, text)]))
            else:
                cur.append((idx, text))
        if cur:
            tokens.append(("block", cur))
    tokens = [(k, b) for k, b in tokens if not (k == "block" and (_is_bare_dnr(b) or heading_kind(b[0][1])))]

    entries: list[ListEntry] = []
    delegate: str | None = None
    pending_type: str | None = None
    for pos, (kind, block) in enumerate(tokens):
        if kind == "delegate":
            delegate = block[0][1]
            pending_type = None
            continue
        text = join(block)
        typed = bool(_DECISION_TYPE.match(ocr_fold(text)))
        nxt = tokens[pos + 1] if pos + 1 < len(tokens) else None
        if typed and nxt is not None and nxt[0] == "block" and not _DECISION_TYPE.match(ocr_fold(join(nxt[1]))):
            pending_type = text
            continue
        if typed:
            pending_type = None
        full = f"{pending_type}: {text}" if pending_type and not typed else text
        case = find_case_numbers("\n".join(t for _, t in block))
        entries.append(
            ListEntry(
                kind="delegationsbeslut",
                text=full,
                delegate=delegate,
                case_number=case[0] if case else None,
                line=block[0][0] + 1,
                flags=sorted(set(sekretess.delegation_flags(text, pending_type or ""))),
            )
        )
    return entries


def non_executed(lines: list[Line]) -> list[ListEntry]:
    """De-identified non-executed decisions (``Beslut om … enligt 4 kap 1 § SoL beviljat 190801 …``), each
    flagged ``individarende``."""
    entries = []
    for block in blocks(lines):
        text = join(block)
        date = sekretess.individual_decision_date(text)
        if date is None:
            continue
        entries.append(
            ListEntry(
                kind="ej_verkstallt_beslut",
                text=text,
                decided_on=date,
                line=block[0][0] + 1,
                flags=["individarende"],
            )
        )
    return entries
