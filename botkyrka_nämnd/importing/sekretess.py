"""Sekretess and personal-data detection (SEEDS.md §3).

Pure functions on text; the parser decides where they apply and builds the
:class:`~botkyrka_nämnd.domain.model.SecretPart` objects. Priorities (SEEDS.md §3.2):

1. an explicit marker ``I sekretessdelen``: the rest of the agenda item is secret (locked);
2. a lex Sarah *report block* (``Lex Sarah rapport 1531, 1545``) inside an anmälnings- or
   delegationsärende: the rest of the item is secret (locked). "lex Sarah" in running text or in a metric
   table is public and is never matched (the pattern needs report *numbers*);
3. a reference to identifiable data handed out at the meeting: an empty locked placeholder
   (``not_in_source``);
4. de-identified individual decisions (``Beslut om … enligt 4 kap 1 § SoL beviljat ÅÅMMDD``): a flag;
5. personal data: personnummer (Luhn-checked, never an organisation number), private persons named in
   delegation decisions, antagning till hemvärnet: flags;
6. LVU/LVM ordförandebeslut in a list: a ``granska`` flag.

Nothing here logs or keeps text.
"""

from __future__ import annotations

import re

from .normalize import fold

# 1. "I sekretessdelen" (also "Sekretessdel:", "Sekretessbelagd del"), at the start of a line
_MARKER = re.compile(
    r"^\s*(?:i\s+)?(?:sekretessdel(?:en)?|sekretessbelagda?\s+(?:del(?:en)?|handling(?:ar(?:na)?)?|bilag(?:a|or)))\b",
    re.IGNORECASE,
)

# Invisible and formatting characters an editor or a crafted file can put inside a word ("Lex<soft hyphen>
# Sarah", a zero-width space): removed before any detection (the line count is kept).
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
# Latin look-alikes from other scripts (Cyrillic а, е, о, р, с, у, х; Greek ο …) that make "Lex Sаrah" invisible
_CONFUSABLE = str.maketrans(
    "аеорсухіјѕԁԛԝАВЕКМНОРСТХІЈЅοαεκνρτυχΑΒΕΗΙΚΜΝΟΡΤΥΧ", "aeopcyxijsdqwABEKMHOPCTXIJSoaekvptuxABEHIKMNOPTYX"
)
_DASHES = "\\-‐‑‒–—―−_."


def detection_text(line: str) -> str:
    """``line`` as the detector reads it: invisible characters removed, compatibility forms (NFKC: full-width
    letters, ligatures) and look-alike letters of other scripts mapped to Latin. Only for matching; the
    stored text is the source's."""
    import unicodedata

    t = _INVISIBLE.sub("", line)
    if not t.isascii():
        t = unicodedata.normalize("NFKC", t).translate(_CONFUSABLE)
        # a look-alike mapped to Latin may compose with the mark after it (Cyrillic о + acute -> ó): compose
        # again, so that the result is stable; a mark that still composes with nothing (on a digit or a space,
        # a strike-through overlay: "1\u0301531", "rapport\u0334 1531") would keep a report line from matching,
        # so the stray marks go too (a precomposed å, ä, ö is a letter, not a mark, and stays)
        t = unicodedata.normalize("NFKC", t)
        if not t.isascii():
            t = "".join(ch for ch in t if unicodedata.category(ch) not in ("Mn", "Me"))
    return t


# 2. a lex Sarah (or lex Maria) report block with its report numbers
_LEX = rf"lex[\s{_DASHES}]*(?:sarah|maria)"
_LEX_SARAH_REPORTS = re.compile(
    rf"{_LEX}[\s{_DASHES}]*(?:rapport(?:er|erna)?|anm[äa]lan|anm[äa]lningar(?:na)?|utredning(?:ar|en|arna)?|"
    rf"[äa]rende(?:n|t)?|h[äa]ndelse(?:r|n)?)?\s*(?:nr\.?|nummer|id)?\s*:?\s*"
    r"(?P<nums>\d{3,6}(?:\s*(?:,|och|&|/|;|\+)\s*\d{3,6})*)(?![\d%])",
    re.IGNORECASE,
)
_NUM = re.compile(r"\d{3,6}")
_LEX_SARAH = re.compile(_LEX, re.IGNORECASE)
# a line of report numbers only ("1531, 1545", "Nr 1610", "1646.", "- 1531", "• 1545")
_NUMBERS_ONLY = re.compile(
    r"^\s*(?:[-–—•*·▪‣o]\s+|[-–—•*·▪‣])?\s*(?:nr\.?|nummer|rapport(?:er)?)?\s*\d{3,6}"
    r"(?:\s*(?:,|och|&|/|;)\s*\d{3,6})*\s*[.;]?\s*$",
    re.IGNORECASE,
)
# numbers of a lex Sarah line that are not report numbers: percentages, amounts, § and law references
# ("(2001:453)", "SOSFS 2011:5"); a case number ("SN 2020/1531") *is* kept: it names one report
_NOT_A_REPORT_ID = re.compile(
    r"\d[\d ]*\s*(?:%|kr\b|procent|st\b|stycken)|§\s*\d+|\d+\s*§|"
    r"\(\s*\d{4}\s*:\s*\d+\s*\)|\b(?:sfs|sosfs|hslf-fs)\s*\d{4}\s*:\s*\d+|"
    r"\b\d{1,2}\s+kap\b",
    re.IGNORECASE,
)
# words of a report list that is probably under sekretess without saying so (structure, not one phrase)
_REPORT_WORDS = re.compile(
    r"(?:rapport(?:er|erna)?|utredning(?:ar|arna)?|h[äa]ndelserapport\w*|avvikelse(?:r|rapport\w*)?|"
    r"missf[öo]rh[åa]llande\w*|ivo-anm[äa]lan\w*|anm[äa]lan(?:\s+enligt)?\s+lex)",
    re.IGNORECASE,
)
_NOT_REPORT_NUMBER = re.compile(
    r"\(\s*\d{4}\s*:\s*\d+\s*\)|\b(?:19|20)\d\d[-/:]\d+|\b\d{1,2}\s*(?:%|kr|procent|st)\b|"
    r"§\s*\d+|\b(?:19|20)\d\d\b"
)

# 3. identifiable data available to the members at the meeting (003:1709-1711)
_HANDED_OUT = re.compile(
    r"att\s+tillg[åa]\s+f[öo]r\s+n[äa]mndens\s+ledam[öo]ter"
    r"|delas\s+ut\s+(?:till\s+ledam[öo]terna\s+)?(?:vid|under|på)\s+(?:sammantr[äa]det|m[öo]tet)"
    r"|finns\s+tillg[äa]nglig\w*\s+(?:f[öo]r\s+ledam[öo]terna\s+)?(?:vid|under)\s+sammantr[äa]det",
    re.IGNORECASE,
)

# 4. a de-identified individual decision (ej verkställt beslut)
_INDIVIDUAL_DECISION = re.compile(
    r"^\s*Beslut\s+om\s+.+?\s+enligt\s+4\s+kap\.?\s*1\s*§\s*SoL\b.*?\bbevil\w*\s*(?P<date>\d{6})\b",
    re.IGNORECASE | re.DOTALL,
)

# 5. personnummer / samordningsnummer; a preceding "Org.nr" makes it an organisation number
_PNR = re.compile(
    r"(?<![\d\w-])(?P<cent>19|20)?(?P<yy>\d{2})(?P<mm>0[1-9]|1[0-2])(?P<dd>[0-8]\d|9[01])"
    r"[ ]?(?P<sep>[-+–])?[ ]?(?P<last>\d{4})(?![\d-])"
)
_ORGNR_BEFORE = re.compile(r"org(?:anisations)?\.?\s*(?:nr|nummer)\.?", re.IGNORECASE)

_PRIVATE_NAME = re.compile(r"^(?P<name>[A-ZÅÄÖÉ][a-zåäöéü]+(?:[ -][A-ZÅÄÖÉ][a-zåäöéü]+){1,3}),")
_ORG_WORDS = re.compile(
    r"\b(?:ab|hb|kb|mc|ek|ideell|f[oö]rening\w*|association|club|klubb\w*|restaurang\w*|sverige|kommun\w*|"
    r"f[oö]rsamling\w*|stiftelse\w*|bolag\w*|sällskap\w*|sallskap\w*|center|centrum|hotell?\w*)\b",
    re.IGNORECASE,
)
_HOME_GUARD = re.compile(r"antagning\s+(?:i|till)\s+hemv", re.IGNORECASE)
_LVU_LVM_CHAIR = re.compile(r"ordf\S*randebeslut", re.IGNORECASE)
_LVU_LVM = re.compile(r"\bLV[UM]\b")
_PRIVATE_PARTY = re.compile(r"slutet?\s+s\S*llskap", re.IGNORECASE)


_SECRET_WORDS = re.compile(
    rf"sekretess|{_LEX}|\bosl\b|offentlighets-?\s*och\s*sekretesslag|26\s*kap\.?\s*\d|enskilt\s+[äa]rende|"
    r"individ[äa]rende|hemlig|konfidentiell|confidential",
    re.IGNORECASE,
)


def looks_secret(text: str) -> bool:
    """True when a short text outside the agenda's items (a page header or footer, a file name) speaks of
    sekretess, lex Sarah/Maria, OSL or an individual case. Such text is never stored in clear: it is
    dropped, and the file is treated as one that carries a secret part."""
    return bool(_SECRET_WORDS.search(detection_text(text).replace("_", " ")))


def is_secret_marker(line: str) -> bool:
    """``I sekretessdelen`` (and its variants) at the start of ``line``."""
    return bool(_MARKER.match(detection_text(line)))


def report_block_start(lines: list[str], i: int) -> tuple[str, bool] | None:
    """Does line ``i`` (of an anmälnings- or delegationsärende) start a block that is, or may be, under
    sekretess? Returns (kind, certain):

    - ``("lex_sarah", True)``: a lex Sarah / lex Maria line with report numbers on it (``Lex Sarah rapport
      1531, 1545``, ``Lex Sarah-anmälan 1610``), or a lex Sarah heading whose numbers stand on the next lines;
    - ``("granska", False)``: a list of report numbers under report words without the name (``Rapporter
      1531, 1545``, ``Utredningar:`` / ``1610``): probably secret, so locked, and said so.

    Running text about lex Sarah has no report numbers and is not matched (000:379, 002:542-607)."""
    line = detection_text(lines[i])
    if _LEX_SARAH_REPORTS.search(line):
        return "lex_sarah", True
    stripped = _NOT_REPORT_NUMBER.sub(" ", line)
    nums = _NUM.findall(stripped)
    nxt = [detection_text(x) for x in lines[i + 1 : i + 4] if x.strip()][:2]
    numbers_follow = bool(nxt) and bool(_NUMBERS_ONLY.match(nxt[0]))
    if _LEX_SARAH.search(line):
        if len(line) <= 90 and numbers_follow:
            return "lex_sarah", True
        # lex Sarah with an id of three or more digits anywhere on the line ("Anmälan till IVO enligt lex
        # Sarah, 1531", "Lex Sarah SN 2020/1531"): probably a report's number, so locked and said so
        if _NUM.search(_NOT_A_REPORT_ID.sub(" ", line)):
            return "lex_sarah", False
    if _REPORT_WORDS.search(line):
        if len(nums) >= 2 and re.search(r"\d{3,6}\s*(?:,|och|&|/|;)\s*\d{3,6}", stripped):
            return "granska", False
        if len(line) <= 60 and numbers_follow:
            return "granska", False
    return None


def report_line(line: str) -> tuple[str, bool] | None:
    """In an item that is not a list of reports: a lex Sarah / lex Maria report line with a number that is
    not a year (``Lex Sarah-rapport 1531 avser …``) starts a block that is probably secret: ("lex_sarah",
    False). Running text ("lex Sarah-rapporter 2023", "33 lex Sarah-rapporter") is not matched."""
    t = detection_text(line)
    m = _LEX_SARAH_REPORTS.search(t)
    if not m:
        return None
    if all(re.fullmatch(r"(?:19[89]\d|20[0-4]\d)", x) for x in _NUM.findall(m.group("nums"))):
        return None  # a year or years
    return "lex_sarah", False


def secret_in_field(text: str) -> int | None:
    """In a short public field (an agenda title, a document title, a proposal): where a lex Sarah / lex Maria
    mention with a report id starts (an index into ``text``), or None. The field is cut there."""
    t = detection_text(text)
    m = _LEX_SARAH.search(t)
    if not m:
        return None
    rest = t[m.start() :]
    if not (report_line(rest) or _NUM.search(_NOT_A_REPORT_ID.sub(" ", rest))):
        return None
    # map the position back onto ``text`` (detection_text drops and maps characters one by one)
    pos = 0
    for k, ch in enumerate(text):
        if pos >= m.start():
            return k
        pos += len(detection_text(ch))
    return 0


def secret_looking_lines(text: str) -> list[int]:
    """The 1-based numbers of the lines of a whole source text that read as a lex Sarah / lex Maria report
    line with an id (wherever they stand: in an item, between the agenda and the documents, in a margin).
    A file with such a line outside every locked part is kept as a secret-bearing file: its bytes, name and
    plain digest are never stored, and the PDF pages of these lines are replaced in its public copy."""
    lines = text.split("\n")
    out = []
    for k, line in enumerate(lines):
        if report_line(line) or report_block_start(lines, k) == ("lex_sarah", True):
            out.append(k + 1)
            # a heading whose numbers stand on the lines under it: those lines too
            for j in range(k + 1, min(len(lines), k + 12)):
                nxt = detection_text(lines[j])
                if not nxt.strip():
                    continue
                if not _NUMBERS_ONLY.match(nxt):
                    break
                out.append(j + 1)
    return sorted(set(out))


def lex_sarah_report_numbers(text: str) -> list[int] | None:
    """The report numbers of a lex Sarah report block in ``text`` (``Lex Sarah rapport 1531, 1545``), or
    None when ``text`` holds no such block. Running text about lex Sarah has no numbers: None."""
    m = _LEX_SARAH_REPORTS.search(detection_text(text))
    if not m:
        return None
    return [int(x) for x in _NUM.findall(m.group("nums"))]


def is_lex_sarah_block(line: str) -> bool:
    """A line that *starts* a lex Sarah report block (``Lex Sarah rapport 1531, 1545 …``, also
    ``Lex Sarah-rapporter: 12345``). Running text that mentions lex Sarah does not start with it."""
    m = _LEX_SARAH_REPORTS.match(detection_text(line).strip())
    return bool(m)


def report_numbers(text: str) -> list[int]:
    """All lex Sarah report numbers in ``text`` (in order, without duplicates)."""
    seen: list[int] = []
    text = detection_text(text)
    for m in _LEX_SARAH_REPORTS.finditer(text):
        for x in _NUM.findall(m.group("nums")):
            if int(x) not in seen:
                seen.append(int(x))
    lines = text.split("\n")
    for ln in lines:  # a report list without the name ("Rapporter 1531, 1545")
        if _REPORT_WORDS.search(ln) and not _LEX_SARAH_REPORTS.search(ln):
            stripped = _NOT_REPORT_NUMBER.sub(" ", ln)
            for run in re.finditer(r"\d{3,6}(?:\s*(?:,|och|&|/|;)\s*\d{3,6})+", stripped):
                for x in _NUM.findall(run.group(0)):
                    if int(x) not in seen:
                        seen.append(int(x))
    for k, ln in enumerate(lines):  # a heading with the numbers on the lines under it
        if _LEX_SARAH.search(ln) or _REPORT_WORDS.search(ln):
            for nxt in lines[k + 1 :]:
                if not nxt.strip():
                    continue
                if not _NUMBERS_ONLY.match(nxt):
                    break
                for x in _NUM.findall(nxt):
                    if int(x) not in seen:
                        seen.append(int(x))
    return seen


def mentions_lex_sarah(text: str) -> bool:
    return bool(_LEX_SARAH.search(detection_text(text)))


def refers_to_handed_out_data(text: str) -> bool:
    """True when ``text`` says identifiable data are available to the members at the meeting. ``text``
    should be joined (line breaks as spaces, hyphenation joined)."""
    return bool(_HANDED_OUT.search(text))


def individual_decision_date(block: str) -> str | None:
    """For a de-identified individual decision (``Beslut om … enligt 4 kap 1 § SoL beviljat 181128 …``)
    the ISO decision date; else None. ``bevilajt`` (sic, 003:1849) counts."""
    m = _INDIVIDUAL_DECISION.match(block)
    if not m:
        return None
    d = m.group("date")
    yy, mm, dd = int(d[:2]), int(d[2:4]), int(d[4:])
    if not (1 <= mm <= 12 and 1 <= dd <= 31):
        return None
    return f"{2000 + yy:04d}-{mm:02d}-{dd:02d}"


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    return total % 10 == 0


def find_personnummer(text: str) -> list[tuple[int, int]]:
    """Spans of personnummer / samordningsnummer in ``text``: a valid date part (day + 60 for a
    samordningsnummer), a Luhn-valid check digit, and no ``Org.nr``/``Organisationsnummer`` within the 20
    characters before it (``Org.nr: 212000-2882`` is not a personnummer)."""
    found = []
    for m in _PNR.finditer(text):
        dd = int(m.group("dd"))
        if not (1 <= dd <= 31 or 61 <= dd <= 91):
            continue
        if not m.group("sep") and not m.group("cent"):
            # ten bare digits are too often other numbers; demand a separator or a century
            continue
        ten = m.group("yy") + m.group("mm") + m.group("dd") + m.group("last")
        if not _luhn_ok(ten):
            continue
        before = text[max(0, m.start() - 20) : m.start()]
        if _ORGNR_BEFORE.search(before):
            continue
        found.append((m.start(), m.end()))
    return found


def delegation_flags(entry_text: str, type_text: str = "") -> list[str]:
    """Review flags of one delegation decision: ``personuppgift`` for a private person named as permit
    holder (a "slutet sällskap" permit) or a personnummer, ``individarende`` for a decision about one
    individual (antagning till hemvärnet), ``granska`` for LVU/LVM ordförandebeslut."""
    flags: list[str] = []
    text = " ".join(entry_text.split())
    context = " ".join(type_text.split()) + " " + text
    m = _PRIVATE_NAME.match(text)
    if m and not _ORG_WORDS.search(m.group("name")) and _PRIVATE_PARTY.search(context):
        flags.append("personuppgift")
    if find_personnummer(text) and "personuppgift" not in flags:
        flags.append("personuppgift")
    if _HOME_GUARD.search(text):
        flags.append("individarende")
    flags += notification_flags(text)
    return flags


def notification_flags(entry_text: str) -> list[str]:
    """Review flags of one anmälan: ``granska`` for LVU/LVM ordförandebeslut (SEEDS.md S11), which
    usually concern individual cases; ``personuppgift`` for a personnummer."""
    text = " ".join(entry_text.split())
    flags: list[str] = []
    if _LVU_LVM_CHAIR.search(fold(text)) and _LVU_LVM.search(text):
        flags.append("granska")
    if find_personnummer(text):
        flags.append("personuppgift")
    return flags
