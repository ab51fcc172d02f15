"""The analysed query and its FTS5 expressions: what FTS5 is asked at each ranking tier (see
:mod:`.fts_rank`) and what the highlighter marks (:mod:`.snippet`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .analysis import F_MARK, S_MARK, WordForms, analyse_word, fold
from .fts_schema import quote
from .query import ParsedQuery, Term


@dataclass
class MatchPlan:
    """The analysed query: what FTS5 is asked and what the highlighter marks."""

    clauses: list[list[tuple[Term, list[WordForms]]]]
    excluded: list[tuple[Term, list[WordForms]]]
    compounds: dict[str, list[str]] = field(default_factory=dict)  # query stem -> longer stems that end/start with it
    alt_norms: dict[str, list[str]] = field(default_factory=dict)  # query norm -> expansion words
    alt_fkeys: dict[str, list[str]] = field(default_factory=dict)  # query OCR key -> expansion OCR keys
    dnr: list[str] = field(default_factory=list)  # Dnr tokens: a query that is only a case number
    sequence: list[WordForms] = field(default_factory=list)  # the words as typed, function words included
    prefixes: dict[str, list[str]] = field(default_factory=dict)  # typed prefix -> the indexed words it starts


def plan_query(pq: ParsedQuery) -> MatchPlan:
    def forms(t: Term) -> list[WordForms]:
        return [analyse_word(w) for w in t.words]

    return MatchPlan(
        clauses=[[(t, forms(t)) for t in cl.terms] for cl in pq.clauses],
        excluded=[(t, forms(t)) for t in pq.excluded],
        sequence=[analyse_word(w) for w in pq.sequence],
    )


def _term_expr(term: Term, wf: list[WordForms], plan: MatchPlan | None, tier: str) -> str:
    """FTS5 expression for one term at one tier (an OR of tokens and phrases). The OCR keys (f) join at
    the stem tier: OCR rows carry their own down-weighting, and a query without compounds then needs no
    separate "all" pass."""
    stem_ok = tier != "exact"
    parts: list[str] = []
    if term.is_phrase:
        star = " *" if term.prefix else ""
        parts.append(quote(" ".join(f.norm for f in wf)) + star)
        if stem_ok:
            if not term.quoted:
                parts.append(quote(" ".join(S_MARK + f.stem for f in wf)) + star)
            parts.append(quote(" ".join(F_MARK + f.fkey for f in wf)) + star)
        return "(" + " OR ".join(parts) + ")"
    f = wf[0]
    if term.prefix:
        words = plan.prefixes.get(f.norm) if plan is not None else None
        # the indexed words that start with the prefix, when they are few; else an FTS5 prefix query
        # (which merges every matching term's doclist before the first row)
        parts += [quote(w) for w in words] if words is not None else [quote(f.norm) + " *"]
        if stem_ok:
            parts.append(quote(F_MARK + fold(f.norm)) + " *")
        return "(" + " OR ".join(parts) + ")"
    parts.append(quote(f.norm))
    if stem_ok:
        if not term.quoted:
            parts.append(quote(S_MARK + f.stem))
        parts.append(quote(F_MARK + f.fkey))
    if tier in ("all", "expanded") and not term.quoted and plan is not None:
        parts += [quote(S_MARK + c) for c in plan.compounds.get(f.stem, ())]
    if tier == "expanded" and plan is not None and not term.quoted:
        for alt in plan.alt_norms.get(f.norm, ()):
            a = analyse_word(alt)
            parts += [quote(a.norm), quote(S_MARK + a.stem)]
        parts += [quote(F_MARK + k) for k in plan.alt_fkeys.get(f.fkey, ())]
    return "(" + " OR ".join(dict.fromkeys(parts)) + ")"


def tier_expression(plan: MatchPlan, tier: str) -> str | None:
    """The whole query at one tier: clauses ANDed, alternatives ORed. Exclusions are not part of it:
    they drop whole items afterwards (:meth:`.fts_rank.Ranking._ranked_excluding`), which FTS5's row-level NOT
    could not do and which costs less than NOT over a common word."""
    if not plan.clauses and plan.dnr:
        return "(" + " OR ".join(quote(t) for t in plan.dnr) + ")"
    pos = []
    for clause in plan.clauses:
        alts = [_term_expr(t, wf, plan, tier) for t, wf in clause if wf]
        if alts:
            pos.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
    return " AND ".join(pos) if pos else None


def negative_expression(plan: MatchPlan) -> str | None:
    neg = [_term_expr(t, wf, plan, "stem") for t, wf in plan.excluded if wf]
    return " OR ".join(neg) if neg else None


def match_expression(plan: MatchPlan, *, expanded: bool = False) -> str | None:
    """The broadest expression (what any hit matches)."""
    return tier_expression(plan, "expanded" if expanded else "all")


def phrase_expression(plan: MatchPlan) -> str | None:
    """The unquoted multi-word query as one phrase of stems, function words included (for the adjacency
    boost: "våld i nära relation" boosts passages that say "våld i nära relationer")."""
    words = plan.sequence
    if len(words) < 2:
        return None
    return quote(" ".join(S_MARK + f.stem for f in words)) + " OR " + quote(" ".join(F_MARK + f.fkey for f in words))
