"""Kinds and positions are enums of the domain (domain/model.py): every kind the importer gives on the real
kallelser (the seeds and every corpus document) is a member, and the plain string values the store keeps
compare equal to the members."""

from __future__ import annotations

import json

import pytest

from botkyrka_nämnd.domain.model import (
    MAIN_KINDS,
    POSITIONS,
    DocumentKind,
    ItemKind,
    Meeting,
    Position,
    RowKind,
    SecretKind,
    SectionKind,
)
from botkyrka_nämnd.importing.kallelse import parse_document

from ..conftest import SEED_000, SEED_002, SEED_003, read_seed


def _kinds(m: Meeting) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {"item": set(), "row": set(), "document": set(), "section": set(), "secret": set()}
    for it in m.items:
        out["item"].add(it.kind)
        out["row"].add(it.row_kind)
        out["secret"] |= {p.kind for p in it.secret_parts}
        for d in it.documents:
            out["document"].add(d.kind)
            out["section"] |= {s.kind for s in d.sections}
    return out


ENUMS = {"item": ItemKind, "row": RowKind, "document": DocumentKind, "section": SectionKind, "secret": SecretKind}


def _assert_members(found: dict[str, set[str]], where: str) -> None:
    for what, values in found.items():
        unknown = {v for v in values if v not in {m.value for m in ENUMS[what]}}
        assert not unknown, (where, what, unknown)


@pytest.mark.parametrize("name", [SEED_000, SEED_002, SEED_003])
def test_every_kind_of_the_seeds_is_a_member(seeds_dir, name):
    m = parse_document(read_seed(seeds_dir, name)).meeting
    found = _kinds(m)
    _assert_members(found, name)
    assert ItemKind.BESLUTSARENDE in found["item"] and DocumentKind.TJANSTESKRIVELSE in found["document"]


def test_every_kind_of_the_corpus_is_a_member(corpus_dir):
    index = json.loads((corpus_dir / "index.json").read_text(encoding="utf-8"))
    entries = index if isinstance(index, list) else next(iter(index.values()))
    seen: dict[str, set[str]] = {k: set() for k in ENUMS}
    for e in entries:
        text = (corpus_dir / (e.get("kallelse") or e["file"])).read_text(encoding="utf-8")
        found = _kinds(parse_document(text).meeting)
        _assert_members(found, e["id"])
        for k, v in found.items():
            seen[k] |= v
    assert len(seen["item"]) >= 3 and len(seen["section"]) >= 3  # the check saw real variety


def test_members_are_the_stored_strings():
    assert ItemKind("beslutsarende") is ItemKind.BESLUTSARENDE and ItemKind.BESLUTSARENDE == "beslutsarende"
    assert json.dumps([RowKind.SUB_ITEM]) == '["sub_item"]'
    assert "tjansteskrivelse" in MAIN_KINDS and "bilaga" not in MAIN_KINDS
    assert POSITIONS == {"for": "För", "emot": "Emot", "avvakta": "Avvakta", "yrkande": "Yrkande"}
    assert Position("emot").label == "Emot"
    with pytest.raises(ValueError):
        Position("kanske")
