"""Lookups in the index's vocabulary (``search_term`` and its trigram index) that widen a query: compound
stems, spellings with å/ä/ö, partial words, near OCR spellings and the words a typed prefix starts."""

from __future__ import annotations

import sqlite3

from rapidfuzz.distance import Levenshtein

from .analysis import WordForms, has_swedish_letters
from .fts_plan import MatchPlan
from .fts_schema import quote

MAX_EXPANSIONS = 12
MAX_PREFIX_WORDS = 30  # a typed prefix with up to this many indexed words is searched as those words
MAX_COMPOUNDS = 10  # compound stems searched per query word and direction (the most common)


class Vocabulary:
    """The vocabulary lookups of :class:`~.fts.FtsIndex` (a mixin: it reads ``self.conn``)."""

    conn: sqlite3.Connection

    def compounds(self, wf: WordForms) -> list[str]:
        """Indexed stems that the query stem ends (>= 5 letters) or starts (>= 6 letters): "placering" ->
        "familjehemsplacering", "årsplacering"; "boendestöd" -> "boendestödteam" (SEEDS.md §6)."""
        out: list[str] = []
        stem = wf.stem
        if wf.compound_suffix:
            rev = stem[::-1]
            out += [
                r[0]
                for r in self.conn.execute(
                    "SELECT term FROM search_term WHERE col='s' AND rev > ? AND rev < ? ORDER BY n DESC LIMIT ?",
                    (rev, rev + "\U0010ffff", MAX_COMPOUNDS),
                )
            ]
        if wf.compound_prefix:
            out += [
                r[0]
                for r in self.conn.execute(
                    "SELECT term FROM search_term WHERE col='s' AND term > ? AND term < ? ORDER BY n DESC LIMIT ?",
                    (stem, stem + "\U0010ffff", MAX_COMPOUNDS),
                )
            ]
        return [t for t in dict.fromkeys(out) if t != stem]

    def fold_variants(self, wf: WordForms) -> list[str]:
        """Indexed words with å/ä/ö that fold to the query word's stem (the user typed "forsorjningsstod"
        and the text says "försörjningsstödet")."""
        rows = self.conn.execute(
            "SELECT term FROM search_term WHERE col='w' AND fold=? AND term<>? LIMIT ?",
            (wf.fkey, wf.norm, 4 * MAX_EXPANSIONS),
        ).fetchall()
        return [r[0] for r in rows if has_swedish_letters(r[0])][:MAX_EXPANSIONS]

    def partial_words(self, wf: WordForms) -> list[str]:
        """Indexed words that contain the query word (partial words inside compounds)."""
        if len(wf.norm) < 4 or wf.norm.isdigit():
            return []
        rows = self.conn.execute(
            """SELECT t.term FROM search_term_tri x CROSS JOIN search_term t ON t.id = x.rowid
               WHERE search_term_tri MATCH ? AND t.col='w' AND t.term<>? ORDER BY length(t.term) LIMIT ?""",
            (quote(wf.norm), wf.norm, MAX_EXPANSIONS),
        ).fetchall()
        return [r[0] for r in rows if not r[0].startswith(wf.stem)]  # inflections are matched already

    def fuzzy_ocr_keys(self, wf: WordForms) -> list[str]:
        """OCR keys within edit distance 1 (2 from 9 letters) of the query word's key."""
        key = wf.fkey
        if len(key) < 5 or key.isdigit():
            return []
        k = 2 if len(key) >= 9 else 1
        # pigeonhole: with k edits, one of k+1 pieces of the key is intact in the candidate
        size = len(key) // (k + 1)
        pieces = [key[i * size : (i + 1) * size if i < k else len(key)] for i in range(k + 1)]
        pieces = [p for p in pieces if len(p) >= 3]
        if not pieces:
            return []
        rows = self.conn.execute(
            """SELECT t.term FROM search_term_tri x CROSS JOIN search_term t ON t.id = x.rowid
               WHERE search_term_tri MATCH ? AND t.col='f' AND length(t.term) BETWEEN ? AND ? LIMIT 2000""",
            (" OR ".join(quote(p) for p in pieces), len(key) - k, len(key) + k),
        ).fetchall()
        scored = sorted(
            (d, t) for (t,) in rows if t != key and (d := Levenshtein.distance(key, t, score_cutoff=k)) <= k
        )
        return [t for _, t in scored[:MAX_EXPANSIONS]]

    def prefix_words(self, prefix: str) -> list[str] | None:
        """The indexed words that start with ``prefix``; None when there are more than MAX_PREFIX_WORDS."""
        rows = self.conn.execute(
            "SELECT term FROM search_term WHERE col='w' AND term >= ? AND term < ? LIMIT ?",
            (prefix, prefix + "\U0010ffff", MAX_PREFIX_WORDS + 1),
        ).fetchall()
        return [r[0] for r in rows] if len(rows) <= MAX_PREFIX_WORDS and len(prefix) >= 3 else None

    def prepare(self, plan: MatchPlan) -> None:
        """Look up the compounds of every plain query word and the words of every short prefix."""
        for clause in plan.clauses + [[(t, wf)] for t, wf in plan.excluded]:
            for term, wfs in clause:
                if not wfs or term.is_phrase:
                    continue
                if term.prefix:
                    words = self.prefix_words(wfs[0].norm)
                    if words is not None:
                        plan.prefixes[wfs[0].norm] = words
                elif not term.quoted and wfs[0].stem not in plan.compounds:
                    plan.compounds[wfs[0].stem] = self.compounds(wfs[0])

    def expand(self, plan: MatchPlan, *, partial: bool) -> bool:
        """Fill the plan's expansions: å/ä/ö spellings of words typed without them (always); partial words
        and near OCR spellings when ``partial``. Returns whether anything was added."""
        added = False
        for clause in plan.clauses:
            for term, wfs in clause:
                if term.is_phrase or term.quoted or term.prefix or not wfs:
                    continue
                wf = wfs[0]
                alts = list(plan.alt_norms.get(wf.norm, ()))
                before = len(alts)
                if not has_swedish_letters(wf.norm) and not before:
                    alts += self.fold_variants(wf)
                if partial:
                    alts += self.partial_words(wf)
                    fk = self.fuzzy_ocr_keys(wf)
                    if fk:
                        plan.alt_fkeys[wf.fkey] = fk
                        added = True
                if len(alts) > before:
                    plan.alt_norms[wf.norm] = list(dict.fromkeys(alts))[: 2 * MAX_EXPANSIONS]
                    added = True
        return added
