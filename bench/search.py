"""Search latency on a 10-year archive, against ripgrep over the same text (DESIGN.md §8).

    .venv/bin/python bench/search.py [--meetings 2000] [--rounds 7] [--rebuild] [--out bench/out/corpus]

Builds the corpus with ``bench/corpus.py`` (or reuses one with the same number of meetings), then runs a
fixed query mix (the kinds of SEEDS.md §6: words, inflections, compounds, phrases, prefixes, exclusions,
filters, Dnr, words typed without å/ä/ö, OCR spellings) through ``SearchService.search`` (parse, FTS5,
ranking, grouping, snippets: what the user waits for), and in the same run ripgrep (``rg -i -F``, output
discarded) over the plain-text export of the same kallelser. Prints p50/p95 latency of both and the
ratio, per query and overall, plus the corpus, build and index figures. Targets: p95 < 20 ms, >= 100x
faster than ripgrep. Nothing is asserted; timings belong here, not in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import corpus  # noqa: E402
from botkyrka_nämnd.search.fts import INDEX_VERSION  # noqa: E402
from botkyrka_nämnd.services.context import AppContext  # noqa: E402

QUERIES = [
    "placering",
    "placeringar",
    "försörjningsstöd",
    "hemlöshet",
    "våld i nära relation",
    '"våld i nära relation"',
    "statsbidrag",
    "ej verkställda beslut",
    "boendestöd",
    "kompetensförsörjningsplan",
    "socialsekreterare lön",
    "delårsrapport",
    "lex Sarah",
    "socialnämnden",
    "barnkonsekvensanalys",
    "hemtjänst",
    "särskilt boende",
    "förskoleplatser",
    "detaljplan Tumba",
    "skolskjuts",
    "ekonomiskt bistånd",
    "skuldrådg*",
    "familjehem -HVB",
    "forsorjningsstod",  # typed without å/ä/ö
    "hemlosh*",
    "överskott",
    "personalomsättning",
    "klimatstrategi",
    "placering nämnd:SN från:2022",
    "tertial källa:bilaga",
    "SN/2021:00123",
    "2019:210",
]


def rg_pattern(query: str) -> str:
    """What a grep user would type for the query: the words, without our syntax."""
    q = re.sub(r"\S+:\S+", " ", query)  # filters and Dnr
    q = re.sub(r"(^|\s)-\S+", " ", q)  # exclusions
    q = q.replace('"', " ").replace("*", " ")
    q = " ".join(q.split())
    return q or query


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]


def run_search(ctx, rounds: int) -> dict[str, tuple[list[float], int]]:
    out = {}
    for q in QUERIES:  # warm-up: page cache, statement cache, stemmer
        ctx.search.search(q, limit=20)
    for q in QUERIES:
        times, n = [], 0
        for _ in range(rounds):
            t = time.perf_counter()
            hits = ctx.search.search(q, limit=20)
            times.append((time.perf_counter() - t) * 1000)
            n = len(hits)
        out[q] = (times, n)
    return out


def run_rg(text_dir: Path, rounds: int) -> dict[str, list[float]]:
    rg = shutil.which("rg")
    if rg is None:
        raise SystemExit("ripgrep (rg) is not installed")
    out = {}
    subprocess.run([rg, "-i", "-F", "-e", "placering", str(text_dir)], stdout=subprocess.DEVNULL, check=False)  # warm cache
    for q in QUERIES:
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            subprocess.run([rg, "-i", "-F", "-e", rg_pattern(q), str(text_dir)], stdout=subprocess.DEVNULL, check=False)
            times.append((time.perf_counter() - t) * 1000)
        out[q] = times
    return out


def main(argv=None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--meetings", type=int, default=2000)
    p.add_argument("--years", type=int, default=10)
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--rebuild", action="store_true", help="build the corpus even if one exists")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "corpus")
    a = p.parse_args(argv)

    stats_file = a.out / "stats.json"
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else None
    if a.rebuild or stats is None or stats.get("meetings") != a.meetings or stats.get("index_version") != INDEX_VERSION:
        print(f"building the corpus ({a.meetings} meetings) ...", file=sys.stderr)
        stats = corpus.build(a.out, meetings=a.meetings, years=a.years)
    corpus.report(stats)
    print(f"platform: Python {platform.python_version()}, SQLite {stats.get('sqlite')}, {os.cpu_count()} CPUs")

    ctx = AppContext(a.out)  # the corpus directory is a data directory
    t = time.perf_counter()
    ctx.search_index  # opens the store and runs the start-up check
    print(f"open store + search index start-up check: {(time.perf_counter() - t) * 1000:.0f} ms")
    ours = run_search(ctx, a.rounds)
    rg = run_rg(a.out / "text", a.rounds)
    ctx.close()

    print()
    print(f"{'query':34s} {'hits':>4s} {'p50 ms':>7s} {'max ms':>7s} {'rg p50':>7s} {'ratio':>6s}")
    ratios = []
    for q in QUERIES:
        times, n = ours[q]
        ratio = statistics.median(rg[q]) / statistics.median(times)
        ratios.append(ratio)
        print(f"{q[:34]:34s} {n:4d} {statistics.median(times):7.2f} {max(times):7.2f} {statistics.median(rg[q]):7.1f} {ratio:6.0f}x")
    all_ours = [t for times, _ in ours.values() for t in times]
    all_rg = [t for times in rg.values() for t in times]
    p50, p95 = pct(all_ours, 50), pct(all_ours, 95)
    r50, r95 = pct(all_rg, 50), pct(all_rg, 95)
    print()
    print(f"search  ({len(all_ours)} runs): p50 {p50:.2f} ms, p95 {p95:.2f} ms   (target p95 < 20 ms: {'met' if p95 < 20 else 'NOT met'})")
    print(f"ripgrep ({len(all_rg)} runs): p50 {r50:.1f} ms, p95 {r95:.1f} ms")
    print(f"ratio ripgrep/search: {r50 / p50:.0f}x at p50, {r95 / p95:.0f}x at p95; per query median {statistics.median(ratios):.0f}x, "
          f"worst {min(ratios):.0f}x   (target >= 100x: {'met' if r50 / p50 >= 100 else 'NOT met'})")


if __name__ == "__main__":
    main()
