"""Stage 5 for one item: what of it is locked, and its sekretess flags (the detection is :mod:`..sekretess`).

A secret row (a Sekretessärende) locks all of the item (``_secret_row``). Otherwise the item's locked ranges
start at an explicit marker or, in an item that lists reports or decisions, at a report block found by its
structure, in any other item at a lex Sarah / lex Maria line with a report number (``_locked_ranges``);
``_secrets`` turns them into :class:`SecretPart` entries and adds the parts and flags for identifiable data
handed out at the meeting, list entries and personnummer. Called from :mod:`.items` while an item is built.
"""

from __future__ import annotations

import re

from ...domain.model import AgendaItem, ListEntry, SecretPart
from .. import sekretess
from ..normalize import dehyphenate
from .documents import _in
from .text import Lines

SECRET_LABEL = "Sekretessbelagd del"
SECRET_LABEL_UNSURE = "Möjlig sekretessbelagd del – låst för säkerhets skull"
# items whose body lists reports, decisions or letters (whatever the kommun calls them): their report
# blocks are found by structure, as in an anmälningsärende
_REPORT_LIST_TITLE = re.compile(
    r"anm[äa]l|delegations|delegerings|ordf[öo]randebeslut|meddelande|delgivning|inkomna\s+skrivelser|"
    r"lex\s*(?:sarah|maria)|rapporter|avvikelse|missf[öo]rh[åa]llande",
    re.I,
)


class ItemSecrets:
    """The sekretess steps of :class:`~.assemble.Parser` for one item (a base class of it: the methods use
    the parser's state)."""

    c: Lines
    _unsure_starts: set[int]

    def _secret_row(self, it: AgendaItem, blocks, locked) -> None:
        """A Sekretessärende / enskilt ärende: everything of it but its number and agenda title is locked;
        a proposal printed on the agenda goes into the locked part too."""
        c = self.c
        lines = [c.s[j] for a, b in locked for j in range(a, b + 1) if c.content(j)]
        if it.proposal:
            lines.insert(0, it.proposal)
            it.proposal, it.proposal_source = None, None
        first = min((a for a, _b in locked), default=None)
        last = max((b for _a, b in locked), default=None)
        it.secret_parts.append(
            SecretPart(
                kind="sekretessarende",
                label="Sekretessärende",
                text="\n".join(lines),
                line_start=first + 1 if first is not None else None,
                line_end=last + 1 if last is not None else None,
                not_in_source=not lines,
                locked=True,
                detected_by="secret_row",
                page=c.page(first),
            )
        )
        if "sekretess" not in it.flags:
            it.flags.append("sekretess")
        it.kind = "sekretessarende" if it.kind not in ("justering", "procedural") else it.kind

    def _content_lines(self, a: int, b: int, locked: list[tuple[int, int]]) -> list[tuple[int, str]]:
        c = self.c
        out = []
        for j in range(a, b + 1):
            if j in c.art or _in(j, locked):
                continue
            out.append((j, c.s[j]))
        return out

    def _locked_ranges(self, it, blocks, kind) -> list[tuple[int, int]]:
        """Where the item's secret content starts (to the end of its block): an explicit marker, or in an
        item that lists reports or decisions (an anmälnings- or delegationsärende, or one whose title says
        so) a report block found by its structure; in any other item a lex Sarah / lex Maria line with a
        report number. A block that is only probably secret is locked too, and the item says so
        (``locked_unsure``): an over-locked part can be read after unlocking, a leak cannot be undone."""
        c = self.c
        ranges = []
        in_scope = kind in ("anmalningsarenden", "delegationsbeslut") or bool(
            _REPORT_LIST_TITLE.search(sekretess.detection_text(it.title or ""))
        )
        for _st, a, b in blocks:
            content = [j for j in range(a, b + 1) if c.content(j)]
            texts = [c.s[j] for j in content]
            for k, j in enumerate(content):
                if sekretess.is_secret_marker(c.s[j]):
                    ranges.append((j, b))
                    break
                found = sekretess.report_block_start(texts, k) if in_scope else sekretess.report_line(texts[k])
                if found is None:
                    continue
                if not found[1]:
                    self._unsure_starts.add(j)
                    if "locked_unsure" not in it.warnings:
                        it.warnings.append("locked_unsure")
                ranges.append((j, b))
                break
        return ranges

    def _secrets(self, it: AgendaItem, blocks, docs_all, locked) -> None:
        c = self.c
        for a, b in locked:
            lines = [c.s[j] for j in range(a, b + 1) if c.content(j)]
            last = max((j for j in range(a, b + 1) if c.content(j)), default=a)
            text = "\n".join(lines)
            nums = sekretess.report_numbers(text)
            is_lex = sekretess.mentions_lex_sarah(text)
            if is_lex and nums:
                detail = f"Lex Sarah-rapporter ({len(nums)})" if len(nums) > 1 else "Lex Sarah-rapport"
            elif is_lex:
                detail = "Lex Sarah"
            elif nums:
                detail = f"Rapporter ({len(nums)})" if len(nums) > 1 else "Rapport"
            else:
                detail = "Sekretessbelagd del"
            marker = sekretess.is_secret_marker(c.s[a])
            unsure = not marker and (a in self._unsure_starts or not is_lex)
            # while locked the placeholder says only that a locked part exists (not how many reports)
            public = SECRET_LABEL_UNSURE if unsure else SECRET_LABEL
            it.secret_parts.append(
                SecretPart(
                    kind="lex_sarah" if is_lex else ("granska" if unsure else "sekretessdel"),
                    label=public,
                    vault_label=detail if not unsure else f"{detail} – möjlig sekretess, låst för säkerhets skull",
                    text=text,
                    report_numbers=nums,
                    line_start=a + 1,
                    line_end=last + 1,
                    locked=True,
                    detected_by="marker" if marker else ("structure" if unsure else "lex_sarah_block"),
                    page=c.page(a),
                )
            )
        # identifiable data handed out at the meeting
        for _st, a, b in blocks:
            content = self._content_lines(a, b, locked)
            joined = " ".join(dehyphenate([t for _j, t in content]))
            if sekretess.refers_to_handed_out_data(joined):
                hit = next((j for j, t in content if re.search(r"identifierbar|att\s+tillg", t, re.I)), a)
                it.secret_parts.append(
                    SecretPart(
                        kind="hanvisning",
                        label="Identifierbara uppgifter (finns vid sammanträdet)",
                        line_start=hit + 1,
                        line_end=hit + 1,
                        not_in_source=True,
                        locked=True,
                        detected_by="hanvisning",
                        page=c.page(hit),
                    )
                )
                break
        # flags from list entries
        groups: dict[str, list[ListEntry]] = {}
        for e in it.list_entries:
            for fl in e.flags:
                groups.setdefault(fl, []).append(e)
        labels = {
            "individarende": "Individärenden",
            "personuppgift": "Personuppgifter",
            "granska": "Granska",
        }
        for fl, entries in groups.items():
            if fl not in labels:
                continue
            if fl not in it.flags:
                it.flags.append(fl)
            if fl == "individarende" and all(e.kind == "ej_verkstallt_beslut" for e in entries):
                it.secret_parts.append(
                    SecretPart(
                        kind=fl,
                        label=f"{labels[fl]} ({len(entries)})",
                        line_start=entries[0].line,
                        line_end=entries[-1].line,
                        locked=False,
                        detected_by="ej_verkstallt_beslut",
                        page=c.page((entries[0].line or 1) - 1),
                    )
                )
            else:
                for e in entries:
                    it.secret_parts.append(
                        SecretPart(
                            kind=fl,
                            label=labels[fl],
                            line_start=e.line,
                            line_end=e.line,
                            locked=False,
                            detected_by="list_entry",
                            page=c.page((e.line or 1) - 1),
                        )
                    )
        # personnummer anywhere in the public text of the item
        for _st, a, b in blocks:
            for j, t in self._content_lines(a, b, locked):
                if sekretess.find_personnummer(t):
                    if "personuppgift" not in it.flags:
                        it.flags.append("personuppgift")
                    if not any(p.kind == "personuppgift" and p.line_start == j + 1 for p in it.secret_parts):
                        it.secret_parts.append(
                            SecretPart(
                                kind="personuppgift",
                                label="Personnummer",
                                line_start=j + 1,
                                line_end=j + 1,
                                locked=False,
                                detected_by="personnummer",
                                page=c.page(j),
                            )
                        )
        if any(p.locked for p in it.secret_parts) and "sekretess" not in it.flags:
            it.flags.append("sekretess")
