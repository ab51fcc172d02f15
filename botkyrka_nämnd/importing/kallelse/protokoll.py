"""Stage 3b: the paragraphs of a protokoll (``§ 33  Dnr KS-2023-00686`` / title / … / ``Beslut`` …).

A protokoll is recognised by its title (``PROTOKOLL``, ``SAMMANTRÄDESPROTOKOLL``, ``Protokollsutdrag``,
``Justerat protokoll``) together with numbered paragraphs, or by the paragraph list and the justering
fields (``Paragrafer 126-159``, ``Utses att justera``, ``Justerare``). Each paragraph becomes a row whose
number is the §, with its Dnr and title, and the decision: the text under ``Beslut`` / ``<Nämndens> beslut``,
else, when the body only proposes (an arbetsutskott), its ``Förslag till beslut`` that the Beslutsgång adopts.
A table of contents (``§ 33 … Fastställande av koncernbudget 2025 ........ 3``) is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...domain.casenumber import CaseNumber, find_case_numbers
from .text import Lines, take

_PARA = re.compile(r"^§\s*(?P<num>\d{1,4})\b\s*(?P<rest>.*)$")
_LEADER = re.compile(r"(?:\.\s*){4,}\s*\d{1,3}\s*$|\s\d{1,3}\s*$")
_PROTOKOLL_TITLE = re.compile(
    r"(?:^|\s)(?:sammantr\S{1,2}desprotokoll|protokoll|protokollsutdrag|justerat protokoll)(?:\s|$)"
)
_JUSTERING = re.compile(
    r"^(?:paragrafer|utses att justera|justerare|protokolljusterare|justerandes sign|justeringens)\b"
)
_DECISION = re.compile(
    r"^(?:beslut|[\w\-]+(?:s)? beslut|n\S{1,2}mndens beslut|styrelsens beslut|utskottets beslut|"
    r"kommunfullm\S{1,2}ktiges beslut|kommunstyrelsens beslut)\s*:?$"
)
_PROPOSAL = re.compile(r"^(?:[\w\-]+(?: och [\w\-]+)?s )?f\S{1,2}rslag till (?:beslut|[\w\- ]+)(?: i [\w\- ]+)?\s*:?$")
_STOP = re.compile(
    r"^(?:besluts(?:g\S{1,2}ng|underlag)|sammanfattning(?: av \S{1,2}rendet)?|beskrivning av \S{1,2}rendet|"
    r"bakgrund|yrkanden?|propositionsordning|reservation|protokollsanteckning|beslutet skickas till|"
    r"expedieras till|skickas till|\S{1,2}rendet|j\S{1,2}v|omr\S{1,2}stning)\b"
)


@dataclass
class Paragraph:
    number: int
    title: str
    case: CaseNumber | None
    start: int  # the § line
    title_last: int
    end: int
    decision: str | None = None


def is_protokoll(c: Lines, limit: int = 80) -> bool:
    """A protokoll: its title near the top, and paragraphs or justering fields."""
    titled = False
    fields = 0
    for k, i in enumerate(c.content_lines()):
        if k > limit:
            break
        f = c.f[i]
        if _PROTOKOLL_TITLE.search(f) and len(f) < 80 and not f.startswith(("justering av", "val av")):
            titled = True
        if _JUSTERING.match(f):
            fields += 1
    if not titled:
        return fields >= 2
    return fields >= 1 or any(_PARA.match(c.s[i]) for i in take(c.content_lines(), 400))


def read_paragraphs(c: Lines) -> list[Paragraph]:
    heads: list[tuple[int, int, str]] = []
    for i in range(c.n):
        if not c.content(i):
            continue
        m = _PARA.match(c.s[i])
        if not m:
            continue
        heads.append((i, int(m.group("num")), m.group("rest").strip()))
    # a table of contents lists the paragraphs with dot leaders and pages, a few lines each: skipped
    toc: set[int] = set()
    for k, (i, _num, _rest) in enumerate(heads):
        nxt_head = heads[k + 1][0] if k + 1 < len(heads) else c.n
        span = [j for j in range(i, nxt_head) if c.content(j)]
        if len(span) <= 5 and any(re.search(r"\.{2,}\s*\d{1,3}\s*$|\.{6,}\s*$", c.s[j]) for j in span):
            toc.add(i)
    heads = [h for h in heads if h[0] not in toc]
    # the longest run of paragraphs numbered n, n+1, … (gaps allowed: omedelbart justerade paragraphs)
    runs: list[list[tuple[int, int, str]]] = []
    for h in heads:
        for run in runs:
            if h[1] > run[-1][1] and h[1] - run[-1][1] <= 5:
                run.append(h)
                break
        else:
            runs.append([h])
    heads = max(runs, key=len) if runs else []
    # only the paragraphs in sequence (a protokoll numbers them n, n+1, …)
    out: list[Paragraph] = []
    for k, (i, num, rest) in enumerate(heads):
        if out and num <= out[-1].number:
            continue
        end = heads[k + 1][0] - 1 if k + 1 < len(heads) else c.n - 1
        case = None
        found = find_case_numbers(rest, labelled=True)
        if found:
            case = found[0]
            title_text = rest[: rest.find(found[0].raw)].strip() if rest.find(found[0].raw) > 0 else ""
        else:
            title_text = rest
        title_text = re.sub(
            r"(?i)^(?:dnr|diarienummer|diarienr)\b\.?\s*:?\s*$", "", title_text.replace("\t", " ").strip()
        )
        title_lines: list[int] = []
        if not title_text or len(title_text) < 3:
            for j in take(c.next(i, end), 3):
                if c.sk(j) or _DECISION.match(c.f[j]) or _PROPOSAL.match(c.f[j]):
                    break
                if case is None and (cf := find_case_numbers(c.s[j], labelled=True)) and len(c.s[j]) < 40:
                    case = cf[0]
                    continue
                title_lines.append(j)
                if not c.s[j].endswith(("-", ",")) and len(c.s[j]) < 70:
                    break
            title_text = " ".join(c.s[j] for j in title_lines)
        title = " ".join(title_text.split()).strip(" -–")
        p = Paragraph(num, title, case, i, title_lines[-1] if title_lines else i, end)
        p.decision = _decision(c, p)
        out.append(p)
    return out


def _section_text(c: Lines, start: int, end: int) -> str:
    lines = []
    for j in range(start + 1, end + 1):
        if not c.content(j):
            continue
        f = c.f[j]
        if _STOP.match(f) or _DECISION.match(f) or _PROPOSAL.match(f) or (c.sk(j) and c.sk(j) != "beslut"):
            break
        lines.append(c.s[j])
    from ..normalize import dehyphenate

    return " ".join(" ".join(dehyphenate(lines)).split())


def _decision(c: Lines, p: Paragraph) -> str | None:
    proposal_at = None
    for j in range(p.title_last + 1, p.end + 1):
        if not c.content(j):
            continue
        f = " ".join(c.f[j].split())
        if _DECISION.match(f):
            text = _section_text(c, j, p.end)
            if text:
                return text
        if proposal_at is None and _PROPOSAL.match(f):
            proposal_at = j
    if proposal_at is not None:
        return _section_text(c, proposal_at, p.end) or None
    return None
