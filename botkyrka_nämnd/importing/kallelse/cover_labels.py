"""Stage 2, cover: the label vocabularies, and how a label line is read.

The labels are data (:data:`DATE_LABELS`, :data:`PLACE_LABELS` …), matched at the start of a line
(:func:`_match`) with the value on the same line or, for a label printed alone, on the next line
(:func:`_next_value`). Also here: the patterns the cover readers share (a web page's breadcrumb, a group
meeting line).
"""

from __future__ import annotations

import re

from .text import Lines, take

# label vocabularies (OCR-folded: å/ä -> a, ö -> o, lower case)
DATE_LABELS = (
    "dag och tid",
    "datum och tid",
    "tid och datum",
    "datum, tid",
    "datum/tid",
    "tid, datum",
    "tid/datum",
    "sammantradesdatum",
    "motesdatum",
    "sammantradesdag",
    "tidpunkt",
    "datum",
    "tid",
)
DATE_LABELS_NEED_DATE = ("sammantrade", "mote", "nar", "sammantraffande")
PLACE_LABELS = (
    "plats och tid for sammantrade",
    "plats och tid for sammantradet",
    "plats och tid",
    "tid och plats",
    "sammantradeslokal",
    "motesplats",
    "motesrum",
    "motelokal",
    "plats",
    "lokal",
)
TIME_LABELS = ("klockan", "kl")
CHAIR_LABELS = ("ordforande", "ordf")
SECRETARY_LABELS = ("namndsekreterare", "kommunsekreterare", "utskottssekreterare", "sekreterare", "sekr")
NOT_MEETING_DATE = (
    "plats och tid for justering",
    "tid for justering",
    "upprattad",
    "utskick",
    "utskickad",
    "datum for utskick",
    "skickad",
    "publicerad",
    "justerad",
    "justeringsdatum",
    "anslagsdatum",
    "anslaget",
    "protokollet justerat",
)


def _label_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^(?P<label>{alts})(?![\w])\.?\s*:?\s*(?P<rest>.*)$")


_DATE_LABEL = _label_rx(DATE_LABELS)
_DATE_LABEL_NEED = _label_rx(DATE_LABELS_NEED_DATE)
_PLACE_LABEL = _label_rx(PLACE_LABELS)
_TIME_LABEL = _label_rx(TIME_LABELS)
_CHAIR_LABEL = _label_rx(CHAIR_LABELS)
_SECRETARY_LABEL = _label_rx(SECRETARY_LABELS)
_NOT_DATE = _label_rx(NOT_MEETING_DATE)
_INLINE_LABEL = re.compile(r"\s(?=(?:Plats|Lokal|Ordförande|Sekreterare)\s*:)")
_ANY_LABEL = (_DATE_LABEL, _PLACE_LABEL, _TIME_LABEL, _CHAIR_LABEL, _SECRETARY_LABEL)


_GROUP = re.compile(r"tr\S{1,2}ffas|gruppm\S{1,2}te|partigrupp|f\S{1,2}rm\S{1,2}te")


_BREADCRUMB = re.compile(r"^(?:din position\s*:|du [äa]r h[äa]r\s*:)?\s*(?:hem|start(?:sida)?)\s*>", re.IGNORECASE)


def _match(rx: re.Pattern[str], c: Lines, i: int) -> tuple[str, str] | None:
    """(label, rest of the line as printed) when line ``i`` starts with a label of ``rx``."""
    f = c.f[i].lstrip("*# ")
    off = len(c.f[i]) - len(f)
    m = rx.match(f)
    if not m:
        return None
    start = off + m.start("rest")
    return m.group("label"), c.s[i][start:].strip()


def _is_label_line(c: Lines, i: int) -> bool:
    return any(_match(rx, c, i) for rx in _ANY_LABEL) or bool(_match(_DATE_LABEL_NEED, c, i))


def _next_value(c: Lines, i: int, hi: int) -> int | None:
    """The line holding the value of a label printed alone on line ``i`` (not another label)."""
    for j in take(c.next(i, hi), 1):
        if _is_label_line(c, j):
            return None
        return j
    return None


__all__ = ["CHAIR_LABELS", "DATE_LABELS", "PLACE_LABELS", "SECRETARY_LABELS"]
