"""Line-level text normalisation for kallelser (SEEDS.md §2.3, §4.2).

The parser works on *lines*: every structure of a kallelse (agenda rows, document headers, headings,
list entries) is line-based, and every position the store keeps is a 1-based source line. So this module
never reflows the source; it offers

- :func:`split_lines`: the file as lines, keeping an unterminated last line;
- :func:`normalize_line`: U+00A0 (and the other fixed-width spaces) -> space, trailing whitespace removed;
- :func:`fold` / :func:`ocr_fold`: comparison keys (lower case, diacritics folded, OCR look-alikes mapped;
  defined in :mod:`botkyrka_nämnd.domain.textkeys`, where the store uses them too);
- :func:`dehyphenate`: joins line-end hyphenation, keeping real hyphens (``LVU-``/``varden``,
  ``Covid-``/``19``, ``(14-``/``dagarsregeln``);
- :func:`join_page_breaks`: re-joins a sentence that a page break (blank lines, a removed footer) split;
- :func:`clean_lines`: the whole cleaning pipeline for one section's lines -> ``text_clean``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..domain.textkeys import fold as fold  # re-exported: the importer's callers use them from here
from ..domain.textkeys import ocr_fold as ocr_fold

_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\ufeff": ""})


def split_lines(text: str) -> list[str]:
    """The lines of ``text``. ``\\r\\n`` and ``\\r`` count as line ends; a final line without a newline is
    kept (SEEDS.md: none of the seed files ends with one), and a final newline does not add an empty line."""
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return lines


def normalize_line(line: str) -> str:
    """NBSP and other fixed spaces -> space; trailing whitespace removed (leading kept: a single leading
    space marks a page start in the OCR'd files)."""
    return line.translate(_SPACES).rstrip()


def is_blank(line: str) -> bool:
    return not line.strip()


# --- dehyphenation ---------------------------------------------------------------------------------

# a line ending in letter/digit + '-' (not ' -', not '--')
_HYPHEN_END = re.compile(r"(?P<word>\S*?)(?P<last>[^\W_])-$")
_ACRONYM = re.compile(r"^\(?[A-ZÅÄÖ]{2,}$")
_CONJUNCTIONS = frozenset({"och", "eller", "samt", "resp", "respektive", "till", "som", "men"})
_NEXT_TOKEN = re.compile(r"^(\S+)\s*(.*)$")


def _join_kind(line: str, nxt: str) -> str | None:
    """How ``line`` (ending in '-') joins ``nxt``: 'drop' (remove the hyphen), 'keep' (keep it, no space)
    or None (no join)."""
    m = _HYPHEN_END.search(line)
    if not m or not nxt:
        return None
    first = nxt[0]
    stem = m.group("word") + m.group("last")
    stem = stem.lstrip("(\"'“”[")
    if first.isdigit():
        # Covid-/19, 2020-/2022: a real hyphen
        return "keep"
    if not first.islower():
        return None
    nm = _NEXT_TOKEN.match(nxt)
    assert nm is not None  # nxt starts with a lower-case letter: (\S+) matches
    token = nm.group(1).rstrip(".,;:)")
    if token.lower() in _CONJUNCTIONS:
        return None  # suspended hyphen: "budget- / och skuldrådgivning"
    if _ACRONYM.match(stem) or m.group("last").isdigit():
        return "keep"  # LVU-/varden, IOP-/överenskommelse, (14-/dagarsregeln)
    return "drop"


def dehyphenate(lines: list[str], max_gap: int = 1) -> list[str]:
    """Join line-end hyphenation (SEEDS.md §4.2). ``lines`` are stripped lines; the first token of the
    continuation line moves up, the rest stays where it was (an emptied line disappears). A join may cross
    up to ``max_gap`` blank lines (003:1187-1189 ``Medarbetar-`` / blank / ``undersökning``)."""
    out = list(lines)
    i = 0
    n = len(out)
    while i < n:
        line = out[i]
        if line.endswith("-") and len(line) > 1:
            j = i + 1
            gap = 0
            while j < n and not out[j].strip() and gap < max_gap:
                j += 1
                gap += 1
            if j < n and out[j].strip():
                nxt = out[j].strip()
                kind = _join_kind(line, nxt)
                if kind:
                    m = _NEXT_TOKEN.match(nxt)
                    assert m is not None  # _join_kind matched it already
                    token, rest = m.group(1), m.group(2)
                    out[i] = (line[:-1] if kind == "drop" else line) + token
                    out[j] = rest
                    if not rest:
                        del out[j]
                        n -= 1
                    # remove the blank lines the join crossed
                    for _ in range(gap):
                        del out[i + 1]
                        n -= 1
                    continue  # the joined line may end in '-' again
        i += 1
    return out


# --- page-break joins ------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?:;)\]”\"]$")
_LIST_START = re.compile(r"^(?:[-–•*·]|\d+[.)]\s|[a-z]\)\s)")


def join_page_breaks(lines: list[str]) -> list[str]:
    """Re-join a sentence that blank lines (a page break, a removed footer) split: ``… vad de olika
    rubrikerna`` / (blank…) / ``för rapportering innebär.`` -> one line. Only when the first part does not
    end a sentence and the continuation starts with a lower-case letter; never across table rows."""
    out: list[str] = []
    pending_blank = 0
    for line in lines:
        if not line.strip():
            pending_blank += 1
            continue
        if (
            pending_blank
            and out
            and "\t" not in out[-1]
            and "\t" not in line
            and line[:1].islower()
            and not _SENTENCE_END.search(out[-1])
            and not out[-1].endswith("-")
            and not _LIST_START.match(line)
        ):
            out[-1] = out[-1] + " " + line
        else:
            if pending_blank and out:
                out.append("")
            out.append(line)
        pending_blank = 0
    return out


def clean_lines(lines: Iterable[str]) -> str:
    """``text_clean`` of one section from its (already artifact-free) source lines: NBSP -> space, each
    line stripped, hyphenation joined, page-broken sentences joined, runs of blank lines collapsed."""
    stripped = [normalize_line(x).strip() for x in lines]
    joined = dehyphenate(stripped)
    joined = join_page_breaks(joined)
    return "\n".join(joined).strip("\n")
