"""Stage 2, cover: the chair and the secretary.

From labels (``Ordförande: X``, or the label alone with the name on the next line), from signature blocks
(``Name  Name`` / ``ordförande  sekreterare`` in two columns, merged onto one line, or flattened into one
line with the names: :func:`_signature`), and from member lists (``X (M), ordförande``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...domain.bodies import find_bodies, match_body
from ..normalize import ocr_fold
from .cover_labels import _CHAIR_LABEL, _SECRETARY_LABEL, CHAIR_LABELS, SECRETARY_LABELS, _match
from .text import Lines

if TYPE_CHECKING:
    from .cover import Cover


_ROLE_CHAIR = r"(?:ordf(?:orande)?\.?)"
_ROLE_SECR = r"(?:(?:namnd|kommun|utskotts|styrelse|forbunds)?sekreterare|sekr\.?)"
_ROLE = re.compile(
    rf"(?<![\w-])(?:(?P<vice>(?:1:e|2:e|forste|andre|vice)\s+)?(?P<chair>{_ROLE_CHAIR})|(?P<secr>{_ROLE_SECR}))(?![\w])"
)
_NAME_WORD = re.compile(
    r"^(?:[A-ZÅÄÖÉÜ][a-zåäöéüëèáíóú'’\-]+|[A-ZÅÄÖÉÜ]{2,}(?:-[A-ZÅÄÖÉÜ]{2,})?|af|av|von|van|de|der|la|el|bin)$"
)
_PARTY = re.compile(r"^\((?:[A-ZÅÄÖ]{1,4}|[A-ZÅÄÖ][a-zåäö]{1,3}|[a-zåäö]{1,3})\),?$")
_MEMBER_ROLE = re.compile(
    r"^(?P<name>[A-ZÅÄÖÉ][\wåäöéü\-]+(?:\s+[A-ZÅÄÖÉ][\wåäöéü\-]+){1,3})\s*(?P<party>\([A-ZÅÄÖa-zåäö]{1,4}\))?\s*,?\s+"
    r"(?P<role>ordförande|sekreterare|nämndsekreterare|kommunsekreterare)\b",
)


def _people(c: Lines, cv: Cover, lo: int, hi: int, agenda_lines: set[int], ocr: bool) -> None:
    for i in range(lo, hi):
        if not c.content(i):
            continue
        if cv.chair is None and (m := _match(_CHAIR_LABEL, c, i)) and m[1] and not _ROLE.search(ocr_fold(m[1])):
            if c.f[i].lstrip("*# ").startswith("ordforande") and (":" in c.s[i][:14] or _label_tab(c.raw[i])):
                cv.chair = _person(m[1].split("\t")[0], ocr)
                continue
        if (
            cv.secretary is None
            and (m := _match(_SECRETARY_LABEL, c, i))
            and m[1]
            and (":" in c.s[i][:20] or _label_tab(c.raw[i]))
        ):
            value = m[1].split("\t")[0]
            if _is_name(value) or ":" in c.s[i][:20]:
                cv.secretary = _person(value, ocr)
                continue
        # a label alone on its line, the name on the next ("Sekreterare" / "Vera Lagerström")
        f = c.f[i].strip(" :*")
        if f in CHAIR_LABELS + SECRETARY_LABELS:
            j = next(c.next(i, hi - 1), None)
            if j is not None and j <= i + 2 and _is_name(c.s[j].split("\t")[0]) and not _roles_of(c.f[j]):
                if f in CHAIR_LABELS and cv.chair is None:
                    cv.chair = _person(c.s[j].split("\t")[0], ocr)
                elif f in SECRETARY_LABELS and cv.secretary is None:
                    cv.secretary = _person(c.s[j].split("\t")[0], ocr)
    if cv.chair and cv.secretary:
        return
    for i in range(lo, hi):
        if not c.content(i):
            continue
        found = _signature(c, i, lo)
        if found:
            chair, secr = found
            if chair and cv.chair is None:
                cv.chair = _person(chair, ocr)
            if secr and cv.secretary is None:
                cv.secretary = _person(secr, ocr)
            if cv.chair and cv.secretary:
                return
    for i in range(lo, hi):
        if not c.content(i):
            continue
        member = _MEMBER_ROLE.match(c.s[i])
        if member:
            name = member.group("name") + (f" {member.group('party')}" if member.group("party") else "")
            if (
                member.group("role") == "ordförande"
                and cv.chair is None
                and not re.search(r"vice\s*$", c.s[i][: member.start("role")])
            ):
                cv.chair = name
            elif member.group("role") != "ordförande" and cv.secretary is None:
                cv.secretary = name


def _label_tab(raw: str) -> bool:
    """``Ordförande<tab>Fredrik Hansson``: the label is the first cell of its line (not a word in a cell)."""
    return bool(re.match(r"^[^\t]{3,24}\t\S", raw.lstrip("\t ")))


def _person(name: str, ocr: bool) -> str:
    name = " ".join(name.replace("\t", " ").split()).strip(" ,.;")
    if name.isupper():
        name = " ".join("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")) for w in name.split())
    if ocr:
        from ..ocr import text as _ocr

        name = _ocr.repair_text(name, ocr=True)
    return name


def _roles_of(text: str) -> list[tuple[int, int, str]]:
    """(start, end, 'chair'|'secretary') of the role words in a folded text ('vice ordförande' is skipped)."""
    out = []
    for m in _ROLE.finditer(text):
        if m.group("vice"):
            continue
        out.append((m.start(), m.end(), "chair" if m.group("chair") else "secretary"))
    return out


def _signature(c: Lines, i: int, lo: int) -> tuple[str | None, str | None] | None:
    f = c.f[i]
    roles = _roles_of(f)
    if not roles or len(f) > 200:
        return None
    kinds = [k for _, _, k in roles]
    if "chair" not in kinds and "secretary" not in kinds:
        return None
    # (1) a line of role words only, names in columns on the line above
    rest = _ROLE.sub(" ", f)
    rest = re.sub(r"[\t,/&]| och ", " ", rest)
    qualifiers = [b for _a, _b, b in find_bodies(c.s[i])]
    leftover = " ".join(w for w in rest.split() if not qualifiers or not any(w in ocr_fold(q.name) for q in qualifiers))
    if not leftover.strip(" .:-") and len(roles) <= 3:
        p = next(c.prev(i, lo), None)
        if p is None or p < i - 3 or _ROLE.search(c.f[p]):
            return None  # the line above is a member list ("X (SD), vice ordförande"), not the names
        return _pair(_names_above(c, p, i, len(roles)), kinds)
    # (2) names and roles flattened into one line
    return _flattened(c.s[i], roles)


def _names_above(c: Lines, p: int, i: int, k: int) -> list[str]:
    cells_p = [x.text for x in c.cells[p]] if c.cells[p] else [c.s[p]]
    cells_r = c.cells[i]
    if len(cells_p) == k and all(_is_name(t) for t in cells_p):
        return cells_p
    # pair by column position when both lines carry positions
    if (
        len(cells_p) >= k
        and cells_r
        and all(x.x is not None for x in cells_r)
        and all(x.x is not None for x in c.cells[p])
    ):
        names = []
        for r in cells_r:
            best = min(c.cells[p], key=lambda x: abs((x.x or 0) - (r.x or 0)))
            names.append(best.text)
        if all(_is_name(t) for t in names):
            return names
    words = c.s[p].replace("\t", " ").split()
    return _split_names(words, k)


def _is_name(t: str) -> bool:
    words = t.split()
    if not 1 < len(words) <= 5:
        return False
    return all(_NAME_WORD.match(w) or _PARTY.match(w) for w in words)


def _split_names(words: list[str], k: int) -> list[str]:
    """``Lisa Andersson Andrea Egerlundh`` -> two names: by parties, else by halves (2+3 for five words)."""
    words = [w for w in words if _NAME_WORD.match(w) or _PARTY.match(w)]
    if k <= 1:
        return [" ".join(words)] if words else []
    cut = next((n + 1 for n, w in enumerate(words[:-1]) if _PARTY.match(w)), None)
    if cut is None:
        if len(words) < 2 * k - 1:
            return [" ".join(words)] + [""] * (k - 1)
        cut = len(words) // 2 if len(words) % 2 == 0 else 2
    first, second = words[:cut], words[cut:]
    return [" ".join(first), " ".join(second)] + [""] * (k - 2)


def _pair(names: list[str], kinds: list[str]) -> tuple[str | None, str | None]:
    chair = secr = None
    for name, kind in zip(names, kinds):
        if not name or not _is_name(name):
            continue
        if kind == "chair" and chair is None:
            chair = name
        elif kind == "secretary" and secr is None:
            secr = name
    return chair, secr


def _flattened(s: str, roles: list[tuple[int, int, str]]) -> tuple[str | None, str | None] | None:
    """``Stefan Dayne Elisabeth Persson Ordförande Sekreterare``, ``Katarina Berggren Ordförande Erik Sahlin
    Sekreterare``, ``Robert Aslan ordf kultur- och fritidsnämnden Ann Gustafsson nämndsekreterare``."""
    tokens = []  # (kind, text): 'name' words and 'role' markers in order
    pos = 0
    for a, b, kind in roles:
        tokens += [("w", w) for w in s[pos:a].split()]
        tokens.append(("role", kind))
        pos = b
    tokens += [("w", w) for w in s[pos:].split()]
    # runs of name words (a body qualifier such as "kultur- och fritidsnämnden" breaks a run)
    runs: list[tuple[int, list[str]]] = []  # (index of the token after the run, words)
    cur: list[str] = []
    for n, (kind, w) in enumerate(tokens):
        if kind == "w" and (_NAME_WORD.match(w.strip(",.!")) or _PARTY.match(w)) and not match_body(w):
            cur.append(w.strip(",!"))
        else:
            if cur:
                runs.append((n, cur))
            cur = []
    if cur:
        runs.append((len(tokens), cur))
    role_pos = [n for n, (kind, _) in enumerate(tokens) if kind == "role"]
    role_kinds = [tokens[n][1] for n in role_pos]
    if not runs or not role_pos:
        return None
    # alternating: each role right after its own name run
    before = [max((r for r in runs if r[0] <= rp), key=lambda r: r[0], default=None) for rp in role_pos]
    if all(b is not None for b in before) and len({b[0] for b in before if b}) == len(role_pos):
        names = [" ".join(_tail_name(b[1])) for b in before if b]
        return _pair(names, role_kinds)
    # names first, then the roles
    first_role = role_pos[0]
    run = max((r for r in runs if r[0] <= first_role), key=lambda r: r[0], default=None)
    if run is None:
        return None
    words = run[1]
    k = len(role_pos)
    if len(words) > 2 * k and not any(_PARTY.match(w) for w in words):
        words = words[-2 * k :]
    return _pair(_split_names(words, k), role_kinds)


def _tail_name(words: list[str]) -> list[str]:
    """The name at the end of a run of capitalised words ("Välkomna! Lars Johansson" -> Lars Johansson)."""
    if len(words) >= 2 and _PARTY.match(words[-1]):
        return words[-3:]
    return words[-2:]
