"""The rules of annotation input (issue 6): tags, planned positions, note bodies and colours.

Used by :class:`~botkyrka_nämnd.services.annotations.AnnotationService` (which re-exports these names).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import UserError

SUGGESTED_TAGS = ("yrkande", "fråga", "jäv", "att läsa", "viktigt")
_POSITION_ALIASES = {
    "för": "for",
    "for": "for",
    "emot": "emot",
    "mot": "emot",
    "avvakta": "avvakta",
    "yrkande": "yrkande",
}
ANCHOR_STATES = ("ok", "moved", "fuzzy", "needs_review")
MAX_BODY = 1_000_000
MAX_TAG = 40
MAX_TAGS = 30
_COLOR = re.compile(r"^(#[0-9a-fA-F]{6}|[a-zåäö]{1,20})$")


class AnnotationError(UserError):
    """Invalid annotation input (empty note, bad position, a passage outside the text, ...)."""

    code = "annotation_invalid"


def normalize_tags(tags: Iterable[str] | None) -> list[str]:
    """Trimmed, lower-cased, whitespace collapsed, duplicates dropped (order kept)."""
    out: list[str] = []
    for t in tags or ():
        if not isinstance(t, str):
            raise AnnotationError("En tagg måste vara text.", "A tag must be text.")
        t = " ".join(t.split()).lower()
        if not t:
            continue
        if len(t) > MAX_TAG:
            raise AnnotationError(
                f"En tagg får vara högst {MAX_TAG} tecken.", f"A tag may be at most {MAX_TAG} characters."
            )
        if t not in out:
            out.append(t)
    if len(out) > MAX_TAGS:
        raise AnnotationError(f"Högst {MAX_TAGS} taggar per anteckning.", f"At most {MAX_TAGS} tags per annotation.")
    return out


_SV_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "é": "e", "ü": "y"})


def sv_sort_key(text: str) -> str:
    """Swedish alphabetical order (… x y z å ä ö) for short lower-case strings such as tags."""
    return text.lower().translate(_SV_ORDER)


def normalize_position(position: str | None) -> str | None:
    if position is None or position == "":
        return None
    code = _POSITION_ALIASES.get(str(position).strip().lower())
    if code is None:
        raise AnnotationError(
            "Hållningen måste vara för, emot, avvakta eller yrkande.",
            "The position must be för, emot, avvakta or yrkande.",
        )
    return code


def check_body(text) -> str:
    if not isinstance(text, str):
        raise AnnotationError("Anteckningen måste vara text.", "The note must be text.")
    if len(text) > MAX_BODY:
        raise AnnotationError(
            "Anteckningen är för lång (högst en miljon tecken).",
            "The note is too long (at most one million characters).",
        )
    return text


def check_color(color: str | None) -> str | None:
    if color is None or color == "":
        return None
    if not isinstance(color, str) or not _COLOR.match(color):
        raise AnnotationError("Okänd färg.", "Unknown colour.")
    return color
