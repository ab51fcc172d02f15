"""Stage 3, list strategy: rows whose numbers a web copy lost.

A copy that lost digits may skip a number; the titles of the rows it lost are then glued to the row above
(``Budgetprognos juni Rapport över revision av föreningar``). :func:`_recover_missing` splits them again where
the merged text splits cleanly: before words that start titles (Rapport, Svar, Yttrande …), else before a
capital.
"""

from __future__ import annotations

import itertools

from .agenda_rows import AgendaRow

_TITLE_STARTS = {
    "förslag",
    "motion",
    "medborgarförslag",
    "svar",
    "rapport",
    "yttrande",
    "uppdrag",
    "information",
    "informationsärende",
    "redovisning",
    "uppföljning",
    "ansökan",
    "beslut",
    "revidering",
    "antagande",
    "godkännande",
    "delegationsbeslut",
    "anmälningsärenden",
    "ekonomisk",
    "budget",
    "budgetprognos",
    "mål",
    "plan",
    "remiss",
    "val",
    "avsägelse",
    "fyllnadsval",
    "taxa",
    "riktlinjer",
    "riktlinje",
    "policy",
    "program",
    "detaljplan",
    "planuppdrag",
    "granskning",
    "återrapportering",
    "slutredovisning",
    "slutrapport",
    "delårsrapport",
    "årsredovisning",
    "verksamhetsplan",
    "internkontroll",
    "ändring",
    "utökning",
    "överföring",
    "inriktning",
    "nämndinitiativ",
    "initiativ",
    "delegationsärenden",
    "tema",
    "hållbarhetsvecka",
    "dialogmöte",
    "medborgardialog",
    "firmatecknare",
    "reglemente",
    "kompetensförsörjningsplan",
    "sammanträdesordning",
    "tilläggsavtal",
    "markanvisning",
    "genomförande",
    "arbetsmarknadspolitiken",
    "verksamhetsberättelse",
    "avtal",
    "utredning",
    "prognos",
    "lägesrapport",
    "muntlig",
    "fastställande",
    "framställan",
    "tillägg",
    "kvalitetsberättelse",
}


def _recover_missing(row: AgendaRow, number: int, count: int = 1) -> list[AgendaRow]:
    """Rows ``number`` … were printed but their numbers were lost; their titles are glued to the row above:
    ``Budgetprognos juni Rapport över revision av föreningar`` -> ``Budgetprognos juni`` / ``Rapport …``.
    The split falls before words that start titles (Rapport, Svar, Yttrande …), else before a capital."""
    words = row.title.split()
    cuts = _split_points(words, count) if len(words) >= 2 else []
    bounds = [0, *cuts, len(words)]
    titles = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
    row.title = titles[0]
    out = [
        AgendaRow(number + k, t, "item", line=row.line, last=row.line, number_guessed=True, group=row.group)
        for k, t in enumerate(titles[1:])
    ]
    while len(out) < count:  # nothing left to split: the row is there, its title is not
        out.append(
            AgendaRow(number + len(out), "", "item", line=row.line, last=row.line, number_guessed=True, group=row.group)
        )
    return out


def _split_points(words: list[str], count: int) -> list[int]:
    scored = []
    for k in range(1, len(words)):
        w = words[k]
        if not w[:1].isupper():
            continue
        prev = words[k - 1]
        if prev in ("-", "–") or prev.endswith((",", ":")):
            continue
        score = (
            (10 if w.lower().strip(",") in _TITLE_STARTS else 0)
            + (2 if k >= 2 else 0)
            + (1 if prev[:1].islower() else 0)
        )
        scored.append((score, k))
    best = sorted(scored, key=lambda t: (-t[0], t[1]))[:count]
    return sorted(k for _s, k in best)
