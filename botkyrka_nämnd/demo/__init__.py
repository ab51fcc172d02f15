"""A demo data set the program generates itself: fictional kallelser in the real 2024 template.

Everything here is invented: names, numbers, reports and the one secret part. The texts follow the
structure of the 2024 kallelse (SEEDS.md §2.2): the cover (``Kallelse till möte för socialnämnden 2024``,
``Tid:``/``Plats:``/``Ordförande:``/``Sekreterare:``), the tab-separated agenda, group-meeting lines, and per
item a handling in one of the three variants:

- **A** ``TJÄNSTESKRIVELSE`` / ``BOTKYRKA`` / ``KOMMUN`` / letter head / ``Dnr:`` / ``NN title`` / sections;
- **B** the same letter head without ``TJÄNSTESKRIVELSE`` after three or more blank lines, with
  ``NN Tjänsteskrivelse`` + title line, ``NN Tjänsteutlåtande - title`` or ``NN title``; often followed by an
  embedded bilaga with a ``DET HÄR ÄR BOTKYRKA`` cover, a table of contents and "Mått" tables;
- **C** the IVO report on non-executed decisions: ``**Referens**`` / name / e-mail / ``Mottagare`` /
  committee / ``NN title``, without Dnr.

Public API::

    generate_meeting(committee, short, meeting_date, seed, n_items=9, ...) -> DemoMeeting
    generate_meeting_text(committee, short, meeting_date, seed, n_items=9, ...) -> str
    generate_demo_texts(today=None, *, committee="Socialnämnden", seed=0) -> list[(file name, text)]
    demo_meetings(today=None, *, committee="Socialnämnden", seed=0) -> list[DemoMeeting]
    write_demo(out_dir, today=None, *, pdf=True) -> list[Path]

Generation is deterministic for the same arguments (``random.Random`` seeded with a string), and each agenda
item draws from its own generator, so a re-issued kallelse (``revision=2``) differs only where intended.

The parts: :mod:`.committees` (the committees' template words), :mod:`.topics` (the invented texts),
:mod:`.writer` (the text writer and the bodies of the handlingar), :mod:`.generate` (one kallelse) and
:mod:`.dataset` (the demo data set).
"""

from .committees import COMMITTEES
from .dataset import demo_meetings, generate_demo_texts, write_demo
from .generate import DemoItem, DemoMeeting, generate_meeting, generate_meeting_text

__all__ = [
    "COMMITTEES",
    "DemoItem",
    "DemoMeeting",
    "demo_meetings",
    "generate_demo_texts",
    "generate_meeting",
    "generate_meeting_text",
    "write_demo",
]
