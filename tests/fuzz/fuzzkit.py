"""Shared pieces of the fuzzing suite: the per-test settings, mutations of real documents, what counts as
public text of a parsed meeting, and re-issues of the seeds (the clear-text scan is tests/clear_text.py).

Nothing here copies a seed or corpus document: they are read from ../shared at test time (the fixtures
``seeds_dir`` and ``corpus_dir`` skip when the folders are absent).
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from hypothesis import settings
from hypothesis import strategies as st

from botkyrka_nämnd.domain.casenumber import CaseNumber
from botkyrka_nämnd.domain.model import SecretPart
from botkyrka_nämnd.importing import sekretess
from botkyrka_nämnd.importing.kallelse import parse_document
from tests.conftest import CORPUS_DIR, SEED_003, SEEDS_DIR

# -------------------------------------------------------------------------------------------- settings


def profile_name() -> str:
    name = os.environ.get("HYPOTHESIS_PROFILE", "ci")
    return name if name in ("ci", "long") else "ci"


def fuzz_settings(ci: int, long: int, **kwargs) -> settings:
    """The active profile (``tests/fuzz/conftest.py``) with this test's example count: ``ci`` examples in
    the default profile, ``long`` with ``HYPOTHESIS_PROFILE=long``."""
    name = profile_name()
    return settings(settings.get_profile(name), max_examples=ci if name == "ci" else long, **kwargs)


# ------------------------------------------------------------------------------------------ documents
BLOCK_003 = "Lex Sarah rapport 1531, 1545, 1610, 1646"
NUMBERS_003 = ("1531", "1545", "1610", "1646")


@cache
def seed(name: str) -> str:
    return (SEEDS_DIR / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def corpus_files() -> tuple[str, ...]:
    """Paths (relative to the corpus folder) of every text of the corpus: Markdown, pdftotext, web excerpts."""
    out = []
    for p in sorted(CORPUS_DIR.rglob("*")):
        if p.suffix in (".md", ".txt") and p.name not in ("README.md", "SOURCES.md"):
            out.append(str(p.relative_to(CORPUS_DIR)))
    return tuple(out)


@cache
def corpus_text(rel: str) -> str:
    return (CORPUS_DIR / rel).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def line_pool() -> tuple[str, ...]:
    """Every distinct non-blank line of the seeds and the corpus: material for "line soup" documents."""
    seen: dict[str, None] = {}
    texts = [seed(n) for n in sorted(p.name for p in SEEDS_DIR.glob("*.txt"))]
    texts += [corpus_text(r) for r in corpus_files()]
    for t in texts:
        for ln in t.split("\n"):
            if ln.strip():
                seen.setdefault(ln, None)
    return tuple(seen)


# --------------------------------------------------------------------------------------------- unicode
# characters an editor, a PDF extractor or an attacker puts into text: controls, bidi, zero-width, soft hyphen,
# NBSP and other fixed spaces, combining marks, line separators, BOM, noncharacters, look-alikes, astral
SPICE = (
    [chr(c) for c in range(0x20)]
    + ["\x7f", "\x85", "\x9b", "\xa0", "\xad", "\u034f", "\u061c", "\u115f", "\u180e"]
    + ["\u0300", "\u0301", "\u0308", "\u030a", "\u0327", "\u0338", "\u20dd"]
    + [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
    + [
        "\u2028",
        "\u2029",
        "\u2060",
        "\u2007",
        "\u2009",
        "\u202f",
        "\u3000",
        "\u3164",
        "\ufeff",
        "\ufffd",
        "\uffff",
        "\ufdd0",
        "\ufe0f",
        "\uffa0",
    ]
    + ["а", "е", "о", "р", "с", "ο", "Ｌ", "ｅ", "ｘ", "１", "５", "ﬁ", "Ⅸ", "¹", "½", "ß", "İ", "ŉ"]
    + ["\U0001f600", "\U000e0041", "\U0010ffff", "\U0001d7d9"]
    + ["-", "–", "—", "\t", " ", "  ", ":", ".", ",", "/", "§", "%", "(", ")", "|", "<br>", "<!--", "-->", "---"]
    + [
        "I sekretessdelen",
        "Lex Sarah",
        "Bilaga 1",
        "TJÄNSTESKRIVELSE",
        "ORDFÖRANDEFÖRSLAG",
        "Dnr: SN/2020:238",
        "Förslag till beslut",
        "Beslut",
        "Ärenden",
        "Tid: 2024-09-24, Kl: 18:00",
        "1.\t",
        "\f",
    ]
)

spice_char = st.one_of(st.sampled_from(SPICE), st.characters(exclude_categories=("Cs",)))
spice_text = st.lists(spice_char, min_size=1, max_size=6).map("".join)
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=80)

# --------------------------------------------------------------------- disguised lex Sarah report lines
_INVISIBLE = [
    "\u00ad",
    "\u034f",
    "\u061c",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202c",
    "\u202e",
    "\u2060",
    "\u2066",
    "\u2069",
    "\ufeff",
    "\ufe0f",
    "\u180e",
]
_LOOKALIKE = {
    "a": ["а", "ａ"],
    "e": ["е", "ｅ"],
    "o": ["о", "ο", "ｏ"],
    "p": ["р", "ｐ"],
    "x": ["х", "ｘ"],
    "L": ["Ｌ"],
    "S": ["Ѕ", "Ｓ"],
    "r": ["ｒ"],
    "h": ["ｈ"],
    "t": ["ｔ"],
    "1": ["１"],
    "5": ["５"],
    "6": ["６"],
    " ": ["\u00a0", "\u2009", "\u3000"],
}


@st.composite
def disguised_block(draw):
    """The seed's report line with invisible characters inside words and letters swapped for look-alikes of
    other scripts or full-width forms, as a crafted file would hide it."""
    out = []
    for ch in "Lex Sarah rapport 1531, 1545, 1610, 1646":
        if ch in _LOOKALIKE and draw(st.integers(0, 3)) == 0:
            ch = draw(st.sampled_from(_LOOKALIKE[ch]))
        out.append(ch)
        if draw(st.integers(0, 4)) == 0:
            out.append(draw(st.sampled_from(_INVISIBLE)))
    return "".join(out)


_OVERLAYS = ["\u0334", "\u0335", "\u0336", "\u0338", "\u20dd", "\u20e3", "\u0489"]
_MARKS = ["\u0301", "\u0308", "\u0330", "\u0300\u0301", "\u0327", *_OVERLAYS]


@st.composite
def marked_block(draw):
    """The report line with stray combining marks (an accent on a digit or a space, a strike-through overlay):
    a reader still reads "Lex Sarah rapport 1531, 1545, 1610, 1646"."""
    out = []
    for ch in "Lex Sarah rapport 1531, 1545, 1610, 1646":
        out.append(ch)
        if draw(st.integers(0, 3)) == 0:
            # on a letter only an overlay, which composes with no letter (an accent would make "Sárah", another
            # word); on a digit, a space or a comma any mark, none of which composes with them
            out.append(draw(st.sampled_from(_OVERLAYS if ch.isalpha() else _MARKS)))
    return "".join(out)


# ------------------------------------------------------------------------------------------- mutations
# A position in a list of lines: a non-negative value counts from the start (modulo the length), a negative
# one from the end (so that the tail of a document, where the seeds keep their lex Sarah block, is hit often).
position = st.one_of(st.integers(0, 6000), st.integers(-400, -1))
column = st.integers(0, 200)
span = st.integers(1, 60)

mutation = st.one_of(
    st.tuples(st.just("delete"), position, span),
    st.tuples(st.just("duplicate"), position, span, position),
    st.tuples(st.just("move"), position, span, position),
    st.tuples(st.just("chars"), position, column, spice_text),
    st.tuples(st.just("truncate"), st.integers(0, 2**20)),
    st.tuples(st.just("digit"), st.integers(0, 50_000), st.integers(0, 9)),
    st.tuples(st.just("datedigit"), st.integers(0, 5_000), st.integers(0, 9)),
    st.tuples(st.just("join"), position, st.sampled_from(["", " ", "\t", "  "])),
    st.tuples(st.just("split"), position, column),
    st.tuples(st.just("line"), position, any_text),
    st.tuples(st.just("blank"), position, st.integers(1, 5)),
    st.tuples(st.just("case"), position, st.sampled_from(["upper", "lower", "title", "swap"])),
    st.tuples(st.just("space"), position, st.sampled_from(["tabs", "untab", "strip", "nbsp", "indent", "crlf", "cr"])),
)
mutations = st.lists(mutation, min_size=1, max_size=8)


_DATE_OR_DNR = re.compile(
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[:.]\d{2}|\b[A-ZÅÄÖ]{2,}\s?[/-]?\s?\d{4}\s?[:/-]\s?\d{1,6}|\b\d{6}\b"
)


def _pos(p: int, n: int) -> int:
    if n <= 0:
        return 0
    return (n + p) % n if p < 0 else p % n


def mutate(text: str, ops) -> str:
    """``text`` with the mutations ``ops`` applied in order (each op a tuple, see :data:`mutation`).
    Deterministic, so that a crasher can be kept as a plain test with its ops."""
    lines = text.split("\n")
    for op in ops:
        kind, args = op[0], op[1:]
        n = len(lines)
        if kind == "delete":
            i = _pos(args[0], n)
            del lines[i : i + args[1]]
        elif kind == "duplicate":
            i = _pos(args[0], n)
            chunk = lines[i : i + args[1]]
            j = _pos(args[2], n + 1) if args[2] >= 0 else _pos(args[2], n)
            lines[j:j] = chunk
        elif kind == "move":
            i = _pos(args[0], n)
            chunk = lines[i : i + args[1]]
            del lines[i : i + args[1]]
            j = _pos(args[2], len(lines) + 1)
            lines[j:j] = chunk
        elif kind == "chars":
            i = _pos(args[0], n)
            if lines:
                ln = lines[i]
                c = args[1] % (len(ln) + 1)
                lines[i] = ln[:c] + args[2] + ln[c:]
            else:
                lines = [args[2]]
        elif kind == "truncate":
            t = "\n".join(lines)
            lines = t[: args[0] % (len(t) + 1)].split("\n")
        elif kind == "digit":
            t = "\n".join(lines)
            digits = [m.start() for m in re.finditer(r"\d", t)]
            if digits:
                k = digits[args[0] % len(digits)]
                t = t[:k] + str(args[1]) + t[k + 1 :]
                lines = t.split("\n")
        elif kind == "datedigit":  # a digit of a date, a time or a Dnr
            t = "\n".join(lines)
            digits = [k for m in _DATE_OR_DNR.finditer(t) for k in range(m.start(), m.end()) if t[k].isdigit()]
            if digits:
                k = digits[args[0] % len(digits)]
                t = t[:k] + str(args[1]) + t[k + 1 :]
                lines = t.split("\n")
        elif kind == "join":
            i = _pos(args[0], n)
            if i + 1 < n:
                lines[i : i + 2] = [lines[i].rstrip() + args[1] + lines[i + 1].lstrip()]
        elif kind == "split":
            i = _pos(args[0], n)
            if lines:
                ln = lines[i]
                c = args[1] % (len(ln) + 1)
                lines[i : i + 1] = [ln[:c], ln[c:]]
        elif kind == "line":
            if lines:
                lines[_pos(args[0], n)] = args[1]
        elif kind == "blank":
            i = _pos(args[0], n + 1) if args[0] >= 0 else _pos(args[0], n)
            lines[i:i] = [""] * args[1]
        elif kind == "case":
            if lines:
                i = _pos(args[0], n)
                lines[i] = getattr(lines[i], {"swap": "swapcase"}.get(args[1], args[1]))()
        elif kind == "space":
            if lines:
                i = _pos(args[0], n)
                ln = lines[i]
                lines[i] = {
                    "tabs": ln.replace(" ", "\t"),
                    "untab": ln.replace("\t", "    "),
                    "strip": ln.strip(),
                    "nbsp": ln.replace(" ", "\u00a0"),
                    "indent": "        " + ln,
                    "crlf": ln + "\r",
                    "cr": ln.replace(" ", "\r", 1),
                }[args[1]]
        else:  # pragma: no cover - a typo in a kept regression op
            raise ValueError(kind)
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------ public text


def public_strings(meeting) -> list[tuple[str, str]]:
    """(path, text) of every string of a parsed meeting that is stored or shown in the public store: all of
    it except the content of a secret part (``text``, ``vault_label``), which only ever goes to the vault."""
    out: list[tuple[str, str]] = []

    def walk(obj, path: str) -> None:
        if obj is None or isinstance(obj, (int, float, bool)):
            return
        if isinstance(obj, str):
            out.append((path, obj))
        elif isinstance(obj, CaseNumber):
            out.append((path + ".raw", obj.raw))
            out.append((path + ".canonical", obj.canonical))
        elif isinstance(obj, SecretPart):
            for name in ("kind", "label", "detected_by"):
                walk(getattr(obj, name), f"{path}.{name}")
        elif dataclasses.is_dataclass(obj):
            for f in dataclasses.fields(obj):
                walk(getattr(obj, f.name), f"{path}.{f.name}")
        elif isinstance(obj, (list, tuple)):
            for k, x in enumerate(obj):
                walk(x, f"{path}[{k}]")
        elif isinstance(obj, dict):
            for k, x in obj.items():
                walk(x, f"{path}[{k!r}]")

    walk(meeting, "meeting")
    return out


_BLOCK_RX = re.compile(r"Lex Sarah rapport (?P<nums>\d{3,6}(?:, \d{3,6})*)")
_YEAR = re.compile(r"(?:19[89]\d|20[0-4]\d)")


def reads_as_block(line: str) -> list[str]:
    """The report numbers of ``line`` when it still reads as the seed's lex Sarah report line (``Lex Sarah
    rapport 1531, 1545 …``; invisible characters ignored, spaces collapsed, other text around it allowed), and
    not all of them are years (``Lex Sarah rapport 2019`` in running text is public by design)."""
    t = " ".join(sekretess.detection_text(line).split())
    found: list[str] = []
    for m in _BLOCK_RX.finditer(t):
        nums = m.group("nums").split(", ")
        if not all(_YEAR.fullmatch(x) for x in nums):
            found += nums
    return found


def protected_numbers(text: str, meeting) -> list[str]:
    """Which of the seed's report numbers the parser must keep out of every public field of ``meeting`` parsed
    from ``text``: those of :data:`NUMBERS_003` whose every occurrence in the text is on a line that reads as
    the report line and lies inside the handlingar of an item (at or after the first document's first
    line: the cover and the agenda before it are public by design)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts = [d.line_start for it in meeting.items for d in it.documents if d.line_start]
    if not starts:
        return []
    first = min(starts) - 1  # 0-based
    out = []
    for n in NUMBERS_003:
        occ = [k for k, ln in enumerate(lines) if n in ln]
        if occ and all(k >= first and n in reads_as_block(lines[k]) for k in occ):
            out.append(n)
    return out


# ------------------------------------------------------------------------------ re-issues of the seeds
# The units of a seed that a re-issue may drop or restore, and rendering one version of it.
ORIGINAL_003 = NUMBERS_003


@dataclass(frozen=True)
class Base:
    name: str
    lines: tuple[str, ...]
    units: tuple[tuple[str, frozenset[int]], ...]  # (label, 0-based source lines): a document or a whole item
    editable: tuple[int, ...]  # lines inside the handlingar that an edit may replace
    block: int  # 003: the line of the report block; 000: the line after which a block is inserted
    reports: tuple[str, ...]  # the report numbers of the seed as issued


@cache
def seed_parse(name: str):
    return parse_document(seed(name))


@cache
def base(name: str) -> Base:
    text = seed(name)
    lines = text.split("\n")
    m = seed_parse(name).meeting
    units: list[tuple[str, frozenset[int]]] = []
    for it in m.items:
        doc_lines = []
        for k, d in enumerate(it.documents):
            span = frozenset(range(d.line_start - 1, d.line_end))
            units.append((f"item {it.ordinal} {d.kind} {k}", span))
            doc_lines.append(span)
        row = {i for i, ln in enumerate(lines[:60]) if ln.startswith(f"{it.ordinal}.\t")}  # 000's agenda row
        units.append((f"item {it.ordinal}", frozenset().union(*doc_lines, row)))
    in_docs = sorted(set().union(*(s for _l, s in units)))
    if name == SEED_003:
        block = next(i for i, ln in enumerate(lines) if BLOCK_003 in ln)
        reports = ORIGINAL_003
    else:
        last = m.items[-1].documents[-1]
        block, reports = last.line_end - 1, ()
    editable = tuple(i for i in in_docs if lines[i].strip() and i != block)
    return Base(name, tuple(lines), tuple(units), editable, block, reports)


def render(b: Base, dropped: frozenset[int], edits: dict[int, str], reports: tuple[str, ...], tail: int) -> str:
    gone = set().union(*(b.units[u][1] for u in dropped)) if dropped else set()
    out = []
    for i, ln in enumerate(b.lines):
        if i in gone:
            continue
        ln = edits.get(i, ln)
        if b.name == SEED_003 and i == b.block:
            if reports == ORIGINAL_003:
                out.append(ln)
            elif reports:
                out.append("Lex Sarah rapport " + ", ".join(reports))
            continue
        out.append(ln)
        if b.name != SEED_003 and i == b.block and reports:
            # a re-issue of 000 that adds a lex Sarah report block to its Anmälningsärenden (no marker line:
            # the block itself says it is secret)
            out.append("Lex Sarah rapport " + ", ".join(reports))
    return "\n".join(out) + "\n" * tail
