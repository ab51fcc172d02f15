"""Benchmark of the OCR repair (botkyrka_nämnd.importing.ocr) on the seed texts.

    .venv/bin/python bench/ocr.py [SEEDS_DIR]

Prints, without asserting anything: the wordfreq load time, repair_text time on 002 (first run, which
fills the per-word caches, and a warm run), how many word tokens the repair changes in 002 and in the
clean file 000 (as digital text and forced through the OCR rules), the most frequent changes, and how
well diacritics stripped from 000 and 003 are put back (restored / wrong / missed / damaged tokens).
SEEDS_DIR defaults to $BOTKYRKA_SEEDS_DIR or ../shared/seeds beside the checkout.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from botkyrka_nämnd.importing.ocr.lexicon import _lex  # noqa: E402
from botkyrka_nämnd.importing.ocr.text import classify_text, repair_text  # noqa: E402

SEEDS = {"000": "000_3a75fed938480f1a.txt", "002": "002_7cc99368761cbc3a.txt", "003": "003_a361098a97ab5e08.txt"}
_TOKEN = re.compile(r"(?:[^\W_]|[&@{])+")
_STRIP = str.maketrans("åäöÅÄÖ", "aaoAAO")


def changed(before: str, after: str) -> Counter:
    out: Counter = Counter()
    for a, b in zip(before.split("\n"), after.split("\n")):
        out.update((x, y) for x, y in zip(_TOKEN.findall(a), _TOKEN.findall(b)) if x != y)
    return out


def timed(fn, *args, **kw):
    t = time.perf_counter()
    result = fn(*args, **kw)
    return result, time.perf_counter() - t


def main() -> None:
    seeds_dir = Path(
        sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BOTKYRKA_SEEDS_DIR", ROOT.parent / "shared" / "seeds")
    )
    texts = {k: (seeds_dir / v).read_text(encoding="utf-8") for k, v in SEEDS.items()}

    _, t_load = timed(_lex)
    print(f"wordfreq load (lazy, once): {t_load:.2f} s")
    for k, text in texts.items():
        kind, ratio = classify_text(text)
        print(f"classify {k}: {kind}, diacritic ratio {ratio:.4f}, {len(_TOKEN.findall(text))} tokens")

    s002 = texts["002"]
    r1, t1 = timed(repair_text, s002)
    r2, t2 = timed(repair_text, s002)
    assert r1 == r2
    c002 = changed(s002, r1)
    print(f"\nrepair_text 002: first run {t1:.2f} s, warm run {t2:.2f} s")
    print(f"002: {sum(c002.values())} of {len(_TOKEN.findall(s002))} tokens changed ({len(c002)} distinct changes)")
    print("  most frequent:", ", ".join(f"{a}→{b} {n}" for (a, b), n in c002.most_common(25)))
    lines = r1.split("\n")
    print(
        f"  lines with 'socialnämnden': before {sum('socialnämnden' in x.lower() for x in s002.split(chr(10)))}, "
        f"after {sum('socialnämnden' in x.lower() for x in lines)}"
    )

    s000 = texts["000"]
    for mode, label in ((None, "as digital text"), (True, "forced OCR rules")):
        c, t = timed(lambda mode=mode: changed(s000, repair_text(s000, ocr=mode)))
        print(f"000 {label}: {sum(c.values())} tokens changed ({t:.2f} s): {dict(c)}")

    print("\nstripped diacritics put back (tokens that had å/ä/ö | tokens without):")
    for k in ("000", "003"):
        orig = texts[k]
        stripped = orig.translate(_STRIP)
        rep, t = timed(repair_text, stripped)
        st: Counter = Counter()
        for x, y, z in zip(orig.split(), stripped.split(), rep.split()):
            if x != y:
                st["restored" if z == x else "missed" if z == y else "wrong"] += 1
            else:
                st["ok" if z == x else "damaged"] += 1
        need = st["restored"] + st["missed"] + st["wrong"]
        plain = st["ok"] + st["damaged"]
        print(
            f"  {k}: restored {st['restored']}/{need} ({st['restored'] / need:.1%}), wrong {st['wrong']}, "
            f"missed {st['missed']} | damaged {st['damaged']}/{plain} ({st['damaged'] / plain:.2%})  [{t:.2f} s]"
        )


if __name__ == "__main__":
    main()
