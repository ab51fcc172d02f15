"""The kallelse importer as a pipeline of stages, each with a typed result (DESIGN.md §2, issue 9):

==============  ==========================  ============================================================
stage           module                      result
==============  ==========================  ============================================================
0 text          :mod:`.text`                :class:`~.text.Lines`: one format-independent line context
2 cover         :mod:`.cover`               :class:`~.cover.Cover`: kommun, body, date, time, place, people
                (:mod:`.cover_labels`,      (labels; date, time, place; chair, secretary)
                :mod:`.cover_date_place`,
                :mod:`.cover_people`)
3 agenda        :mod:`.agenda`              :class:`~.agenda_rows.Agenda`: rows (:mod:`.agenda_rows`), read
                (:mod:`.agenda_table`,      by the table or the list strategy (a number lost in a copy:
                :mod:`.agenda_list`)        :mod:`.agenda_recover`)
4a handlingar   :mod:`.handlingar`          where each item's documents start, matched to the rows
4b documents    :mod:`.documents`           documents and their sections
5 sekretess     :mod:`..sekretess`          locked parts and flags (called from :mod:`.item_secrets`)
6 assembly      :mod:`.assemble`            :class:`~.assemble.ParseResult` with the :class:`Meeting`; each
                (:mod:`.items`)             item built in :mod:`.items`
==============  ==========================  ============================================================

Layout differences are data (:mod:`.vocabulary`: labels, headings, section words) or small strategies
inside a stage, never a copy of the parser. Swedish dates and times live in :mod:`botkyrka_nämnd.domain.dates`,
Dnr in :mod:`botkyrka_nämnd.domain.casenumber`, bodies and kommuner in :mod:`botkyrka_nämnd.domain.bodies`.
"""

from __future__ import annotations

from ...domain.model import Meeting
from ...errors import MissingFields, UnknownLayout
from .assemble import Hints, ParseResult, parse_document

__all__ = ["Hints", "MissingFields", "ParseResult", "UnknownLayout", "parse_document", "parse_kallelse"]


def parse_kallelse(
    text: str, *, line_pages: list[int] | None = None, line_x=None, line_y=None, hints: Hints | None = None
) -> Meeting:
    """Parse one kallelse into a :class:`Meeting`; raise :class:`MissingFields` (a user error naming what is
    missing and how to supply it) when the kommun, the body, the date or the agenda cannot be found."""
    res = parse_document(text, line_pages=line_pages, line_x=line_x, line_y=line_y, hints=hints)
    if res.missing:
        raise MissingFields(res.missing, res)
    return res.meeting
