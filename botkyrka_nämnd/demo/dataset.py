"""The demo data set: the meetings around today (two held, two coming, one re-issued), as texts or as
files on disk."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TypedDict

from .committees import BY_NAME
from .generate import DemoMeeting, generate_meeting, tuesdays
from .topics import GENERIC_TOPICS, SN_TOPICS


class _MeetingPlan(TypedDict):
    """The keyword arguments of :func:`generate_meeting` that differ between the demo meetings."""

    n_items: int
    secret: bool
    schedule: bool
    topics: list[int]


def demo_meetings(today: date | None = None, *, committee: str = "Socialnämnden", seed: int = 0) -> list[DemoMeeting]:
    """Four meetings around ``today`` (two past, two upcoming) and a re-issued version of the next one.

    The most recent past meeting carries the fictional secret part. Order: by date, v1 before v2.
    """
    today = today or date.today()
    short = BY_NAME.get(committee.casefold(), "".join(w[0] for w in committee.split()).upper()[:3] or "SN")
    schedule = [d for year in (today.year - 1, today.year, today.year + 1) for d in tuesdays(year)]
    past = [d for d in schedule if d < today][-2:]
    dates = past + [d for d in schedule if d > today][:2]  # a meeting on ``today`` itself is skipped
    out: list[DemoMeeting] = []
    # every topic of the committee appears somewhere in the set (search tests rely on the subjects)
    n_topics = len(SN_TOPICS) if short == "SN" else len(GENERIC_TOPICS.get(short, GENERIC_TOPICS["KS"]))
    shift = seed % n_topics
    plans = [[(shift + t) % n_topics for t in ts] for ts in ([7, 2, 3, 4], [5, 6, 1], [0, 8, 9, 2], [4, 1, 3])]
    for k, d in enumerate(dates):
        kw: _MeetingPlan = {"n_items": (9, 8, 9, 7)[k], "secret": (k == 1), "schedule": (k == 2), "topics": plans[k]}
        out.append(generate_meeting(committee, short, d, seed + k, **kw))
        if k == 2:
            out.append(generate_meeting(committee, short, d, seed + k, revision=2, **kw))
    return out


def generate_demo_texts(
    today: date | None = None, *, committee: str = "Socialnämnden", seed: int = 0
) -> list[tuple[str, str]]:
    """(file name, text) of the demo kallelser, v1 before v2; file names end in ``.txt``."""
    return [(m.file_stem + ".txt", m.text) for m in demo_meetings(today, committee=committee, seed=seed)]


def write_demo(
    out_dir: Path, today: date | None = None, *, pdf: bool = True, committee: str = "Socialnämnden", seed: int = 0
) -> list[Path]:
    """Write the demo kallelser into ``out_dir`` as PDFs (via :mod:`.importing.pdfbuild`) or text files."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for m in demo_meetings(today, committee=committee, seed=seed):
        if pdf:
            from ..importing.pdfbuild import build_pdf

            path = out_dir / f"{m.file_stem}.pdf"
            build_pdf(m.text, path, header=m.header, title=f"Kallelse {m.committee} {m.date.isoformat()}")
        else:
            path = out_dir / f"{m.file_stem}.txt"
            path.write_text(m.text, encoding="utf-8")
        paths.append(path)
    return paths
