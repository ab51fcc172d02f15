"""What changed in a re-issued kallelse (issue 12): a word-level diff per item and document between the
version the member read and the current one, through the real importer on seed 000 and the CLI."""

from __future__ import annotations

import json

import pytest

from botkyrka_nämnd import cli
from botkyrka_nämnd.services.changes import changes, diff_texts
from botkyrka_nämnd.services.context import AppContext
from botkyrka_nämnd.services.reading import ReadingService
from tests.conftest import SEED_000

pytestmark = pytest.mark.seeds

MEETING = "botkyrka-sn-2024-09-24"
MOVED = "Ansökan ska vara Socialstyrelsen tillhanda senast 2024-10-01."  # its own paragraph in item 5


def test_word_diff_keeps_amounts_whole_and_ignores_moved_paragraphs():
    old = "Första stycket.\nNämnden godkänner 755 000 kronor.\nSista stycket om Botkyrka."
    new = "Sista stycket om Botkyrka.\nFörsta stycket.\nNämnden godkänner 810 000 kronor."
    (h,) = diff_texts(old, new)  # the moved paragraph is not a change
    assert (h.old, h.new) == ("755 000", "810 000") and h.before.endswith("godkänner") and h.after == "kronor."
    assert h.emphasis == ["810 000", "755 000"]
    assert diff_texts(old, old) == []
    (ins,) = diff_texts("A.", "A.\nEtt nytt stycke om Tumba.")
    assert (ins.old, ins.new) == ("", "Ett nytt stycke om Tumba.")


def _reissue(tmp_path, text: str, name: str):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_changes_since_the_version_the_member_read(tmp_path, seeds_dir, capsys):
    raw = (seeds_dir / SEED_000).read_text(encoding="utf-8")
    data = tmp_path / "data"
    ctx = AppContext(data)
    try:
        ctx.importer.import_path(seeds_dir / SEED_000)
        assert changes(ctx, MEETING) == []  # one version: nothing changed
        v2 = raw.replace("755 000 kronor", "810 000 kronor")
        ctx.importer.import_path(_reissue(tmp_path, v2, "v2.txt"))
        found = changes(ctx, MEETING, 5)
        assert {c.document for c in found} >= {
            "Ansökan om statsbidrag för att stärka arbetet med att hjälpa våldsutsatta att ordna stadigvarande boende 2025"
        }
        main = found[0]
        assert (main.item_number, main.from_version, main.to_version, main.read) == (5, 1, 2, False)
        assert [(h.old, h.new) for h in main.hunks] == [("755 000", "810 000")]
        assert changes(ctx, MEETING, 4) == []  # other items did not change

        # the member reads version 2; version 3 moves a paragraph and changes one word
        reading = ReadingService(ctx)
        reading.mark_document_read(main.document_id)
        assert reading.flush(wait_ms=2000)
        i = v2.index(MOVED, v2.index(MOVED) + 1)  # its second copy, a paragraph of its own
        v3 = v2[:i] + v2[i + len(MOVED) :]
        v3 = v3.replace("Barnkonsekvensanalys\n", f"{MOVED}\n\nBarnkonsekvensanalys\n", 1)
        v3 = v3.replace("i projektform under år 2024", "i projektform under hela år 2024", 1)
        ctx.importer.import_path(_reissue(tmp_path, v3, "v3.txt"))
        (main3, *_) = changes(ctx, MEETING, 5, was_read=reading.was_read)
        assert (main3.from_version, main3.to_version, main3.read) == (2, 3, True)
        assert [(h.old, h.new) for h in main3.hunks] == [("", "hela")]  # not the amount, not the move
        reading.close()
    finally:
        ctx.close()

    code = cli.main(["--data-dir", str(data), "changes", MEETING, "5", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out[0]["item_number"] == 5 and out[0]["from_version"] == 2 and out[0]["to_version"] == 3
    assert out[0]["hunks"][0]["old"] == "" and out[0]["hunks"][0]["new"] == "hela"
    assert cli.main(["--data-dir", str(data), "changes", MEETING]) == 0
    text = capsys.readouterr().out
    assert "Ärende 5:" in text and "version 2 → 3" in text and "nytt: ”hela”" in text
