"""The generator of one demo kallelse: the cover, the agenda, the group meetings and per item a handling
in variant A, B or C (see :mod:`botkyrka_nämnd.demo`), deterministic for the same arguments."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from .committees import HANDLAGGARE, MONTHS, PLACES, committee_info
from .topics import GENERIC_TOPICS, SN_TOPICS, generic_spec
from .writer import Writer, fmt, write_anmalningar, write_bilaga, write_decision, write_delegation, write_ivo


def _kr(amount: int) -> str:
    return f"{amount:,}".replace(",", " ")


@dataclass
class DemoItem:
    ordinal: int
    title: str
    kind: str  # muntlig_information | beslutsarende | anmalningsarenden
    agenda_case: str  # canonical, e.g. 'SN/2024:00317'
    document_case: str | None  # None for the IVO report (variant C)
    variant: str  # 'A' | 'B' | 'C'
    has_bilaga: bool = False


@dataclass
class DemoMeeting:
    committee: str
    short: str
    date: date
    text: str
    items: list[DemoItem]
    revision: int = 1
    secret_lines: list[str] = field(default_factory=list)  # the fictional secret content (for tests)
    meeting_dates_next_year: list[str] = field(default_factory=list)

    @property
    def file_stem(self) -> str:
        stem = f"kallelse-{self.short}-{self.date.isoformat()}"
        return stem if self.revision == 1 else f"{stem}-reviderad"

    @property
    def header(self) -> str:
        return f"Botkyrka kommun · {self.committee} · {self.date.isoformat()}"


def tuesdays(year: int) -> list[date]:
    """One Tuesday per month (no July), in the second half of the month."""
    out = []
    for month in range(1, 13):
        if month == 7:
            continue
        d = date(year, month, 15)
        d += timedelta(days=(1 - d.weekday()) % 7)
        out.append(d)
    return out


def generate_meeting(
    committee: str,
    short: str,
    meeting_date: date,
    seed: int = 0,
    n_items: int = 9,
    *,
    secret: bool = False,
    revision: int = 1,
    bilaga_chapters: int = 2,
    schedule: bool | None = None,
    topics: list[int] | None = None,
) -> DemoMeeting:
    """One fictional kallelse with handlingar.

    ``n_items`` >= 4: information items, beslutsärenden from the committee's topics, for SN/VON an IVO report
    (variant C), a Sammanträdesordning (autumn meetings, or ``schedule=True``) or a delegationsbeslut item,
    and Anmälningsärenden last. ``secret`` adds an ``I sekretessdelen`` part with fictional lex Sarah reports
    at the end of Anmälningsärenden. ``revision=2`` re-issues the same kallelse with one tjänsteskrivelse
    changed (an amount and one inserted paragraph). ``bilaga_chapters`` sets the length of embedded reports.
    ``topics`` chooses the beslutsärenden (indexes into the committee's topic list, used in this order)
    instead of a random draw.
    """
    n_items = max(4, n_items)
    c = committee_info(committee, short)
    name, sh, y = c["name"], c["short"], meeting_date.year
    key = f"{sh}|{meeting_date.isoformat()}|{seed}"
    rng = random.Random(key)
    if schedule is None:
        schedule = (meeting_date.month >= 9 and rng.random() < 0.6) or meeting_date.month == 10
    lower = name[0].lower() + name[1:]
    doc_date = meeting_date - timedelta(days=rng.choice([12, 14, 15, 19]))
    w = Writer()
    used_numbers: set[int] = set()

    def dnr(year: int = y, lo: int = 20, hi: int = 480) -> str:
        while True:
            n = rng.randint(lo, hi)
            if n not in used_numbers:
                used_numbers.add(n)
                return f"{sh}/{year}:{n:05d}"

    # --- the agenda
    plan: list[dict] = []
    plan.append(
        {
            "kind": "muntlig_information",
            "variant": "A",
            "topic": "chief",
            "title": "Förvaltningschefen informerar – muntlig information",
            "case": f"{sh}/{y}:00002",
        }
    )
    used_numbers.add(2)
    units = list(c["units"])
    rng.shuffle(units)
    n_fixed = 2 + (1 if sh in ("SN", "VON") else 0)  # information + ... + anmälningsärenden
    n_info = 2 if n_items >= 8 else 1
    for k in range(n_info - 1):
        unit = units[k % len(units)]
        plan.append(
            {
                "kind": "muntlig_information",
                "variant": "A",
                "topic": "unit",
                "unit": unit,
                "title": f"Information om {c['office'].lower()}s verksamheter: {unit} – muntlig information",
                "case": dnr(),
            }
        )
    pool = list(SN_TOPICS) if sh == "SN" else [None] * len(GENERIC_TOPICS.get(sh, GENERIC_TOPICS["KS"]))
    order = list(range(len(pool)))
    rng.shuffle(order)
    if topics:
        order = [t % len(order) for t in topics] + [t for t in order if t not in {x % len(order) for x in topics}]
    n_decisions = n_items - len(plan) - n_fixed
    for k in range(n_decisions):
        ti = order[k % len(order)]
        variant = "B" if k % 3 != 2 else "A"
        plan.append(
            {
                "kind": "beslutsarende",
                "variant": variant,
                "topic": ti,
                "round": k // len(order),
                "case": dnr(),
                "bilaga": bilaga_chapters > 2 and k % 2 == 0,
            }
        )
    if sh in ("SN", "VON"):
        q = (meeting_date.month - 1) // 3 or 4
        plan.append(
            {
                "kind": "beslutsarende",
                "variant": "C",
                "topic": "ivo",
                "q": q,
                "title": f"Sammanställning av ej verkställda beslut kvartal {q}",
                "case": dnr(),
            }
        )
    if schedule:
        plan.append(
            {
                "kind": "beslutsarende",
                "variant": "A",
                "topic": "schedule",
                "title": f"Sammanträdesordning för {lower} {y + 1}",
                "case": dnr(),
            }
        )
    else:
        plan.append(
            {
                "kind": "delegationsbeslut",
                "variant": "A",
                "topic": "delegation",
                "title": f"Anmälan av delegationsbeslut {y}",
                "case": dnr(),
            }
        )
    plan.append(
        {
            "kind": "anmalningsarenden",
            "variant": "A",
            "topic": "anm",
            "title": "Anmälningsärenden",
            "case": dnr(year=y - 1 if rng.random() < 0.3 else y, lo=1, hi=20),
        }
    )

    # titles of beslutsärenden (need the topic values)
    values_base = {
        "n": name,
        "y": y,
        "y0": y - 1,
        "y1": y + 1,
        "y2": y + 2,
        "y3": y + 3,
        "y4": y + 4,
        "t": 1 if meeting_date.month < 9 else 2,
        "d": doc_date.isoformat(),
        "period_end": "30 april" if meeting_date.month < 9 else "31 augusti",
        "dd": f"{rng.randint(1, 28)} {MONTHS[(meeting_date.month - 2) % 12]}",
    }
    item_rngs = [random.Random(f"{key}|{i}") for i in range(len(plan))]
    for i, p in enumerate(plan):
        r = item_rngs[i]
        amount = r.randrange(180, 2400) * 1000 if p["topic"] != "ivo" else 0
        v = dict(
            values_base,
            amount=_kr(amount),
            count=r.randint(12, 640),
            small=r.randint(6, 28),
            pct=r.randint(3, 24),
            mkr=f"{r.randint(3, 45)},{r.randint(0, 9)}",
            unit=p.get("unit", ""),
        )
        p["values"] = v
        if p["kind"] == "beslutsarende" and isinstance(p["topic"], int):
            if sh == "SN":
                p["spec"] = SN_TOPICS[p["topic"]]
            else:
                title, topic = GENERIC_TOPICS.get(sh, GENERIC_TOPICS["KS"])[p["topic"]]
                p["spec"] = generic_spec(title, topic, r)
            title = fmt(p["spec"]["title"], v)
            if p.get("round"):
                title = f"{title} – del {p['round'] + 1}"
            p["title"] = title

    # embedded bilagor: the report topic if there is one, else the first decision with an attached document
    if decisions_with_specs := [p for p in plan if "spec" in p]:
        with_bilaga = next(
            (p for p in decisions_with_specs if p["spec"].get("report")),
            next((p for p in decisions_with_specs if len(p["spec"]["underlag"]) > 1), decisions_with_specs[0]),
        )
        with_bilaga["bilaga"] = True

    # the document a re-issued kallelse changes: preferably one whose proposal names an amount
    decisions = [i for i, p in enumerate(plan) if "spec" in p]
    revised_item = next(
        (
            i
            for field in ("proposal", "economics", "case")
            for i in decisions
            if "{amount}" in str(plan[i]["spec"][field])
        ),
        decisions[0] if decisions else None,
    )
    if revision > 1 and revised_item is not None:
        v = plan[revised_item]["values"]
        r = random.Random(f"{key}|revision{revision}")  # not the item's generator: nothing else may change
        old = int(v["amount"].replace(" ", ""))
        v["amount"] = _kr(max(50_000, old + r.choice([-1, 1]) * r.randrange(20, 120) * 1000))

    # agenda dnr may differ from the document's (as in the real files), and be printed with a space
    for i, p in enumerate(plan):
        p["doc_case"] = p["case"]
        if p["variant"] == "C":
            p["doc_case"] = None
        elif i == 1 and rng.random() < 0.5:
            p["doc_case"] = dnr()

    # --- cover and agenda
    w.raw("", "", "", "")
    w.para(f"Kallelse till möte för {lower} {y}")
    w.para(f"Tid: {meeting_date.isoformat()}, Kl: 18:00")
    w.para(f"Plats: {rng.choice(PLACES)}")
    w.para(f"Ordförande: {c['chair']}")
    w.para(f"Sekreterare: {c['secretary']}")
    w.raw("\tÄrenden\t")
    for i, p in enumerate(plan, start=1):
        case = p["case"]
        if rng.random() < 0.15:
            case = case.replace(":", ": ")
        w.raw(f"{i}.\t{p['title']}\t{case}")
    w.raw("")
    place = rng.choice(["Sal Hågelby plan 2", "Sal Alby plan 3", "Styrelserummet"])
    w.para(f"Majoritetsgruppen träffas kl. 17:30 i Kommunalhuset, {place}")
    w.para("Oppositionsgruppen träffas kl. 17:15 i Kommunalhuset, Styrelserummet")

    # --- handlingar
    items: list[DemoItem] = []
    secret_lines: list[str] = []
    schedule_dates: list[str] = []
    for i, p in enumerate(plan, start=1):
        r = item_rngs[i - 1]
        v = p["values"]
        nn = f"{i:02d}"
        author = r.choice(HANDLAGGARE) if p["topic"] not in ("chief", "anm", "schedule") else c["secretary"]
        if p["variant"] == "A":
            w.raw("TJÄNSTESKRIVELSE", "")
            if p["topic"] != "anm" or r.random() < 0.5:
                w.raw("BOTKYRKA", "KOMMUN")
            w.blanks(3)
        elif p["variant"] == "B":
            w.blanks(r.choice([3, 3, 4]))
        if p["variant"] in "AB":
            w.para(c["letterhead"])
            date_line = (
                doc_date.isoformat() if p["variant"] == "A" else r.choice(["Datum:", doc_date.isoformat(), None])
            )
            if date_line:
                w.para(date_line)
            w.para(c["office"])
            if p["topic"] not in ("anm", "schedule", "delegation"):
                w.para(f"Kod: {r.randint(1, 3)}.{r.randint(1, 7)}.{r.randint(0, 6)}.{r.randint(1, 2)}")
            w.para(author, f"Dnr: {p['doc_case']}")
            prefix = p.get("spec", {}).get("prefix", "") if p["variant"] == "B" else ""
            if prefix == "Tjänsteskrivelse":
                w.para(f"{nn} Tjänsteskrivelse", p["title"])
            elif prefix:
                w.para(f"{nn} {prefix} - {p['title']}")
            else:
                w.para(f"{nn} {p['title'].replace(' – ', ' - ')}")
        else:  # C: IVO report
            w.blanks(3)
            contact = r.choice(HANDLAGGARE)
            w.raw(
                "**Referens**",
                "",
                contact,
                f"{contact.split()[0].lower()}.{contact.split()[-1].lower()}@botkyrka.se",
                "",
                "Mottagare",
                "",
                name,
                "",
            )
            w.para(f"{nn} {p['title']} {y}")

        topic = p["topic"]
        if topic == "chief":
            w.para("Förslag till beslut", f"{name} har tagit del av informationen.", "Sammanfattning av ärendet")
            w.para(
                f"{c['chief']} informerar om aktuella frågor, bland annat läget i verksamheterna, rekryteringar och arbetsmiljön."
            )
        elif topic == "unit":
            w.para("Förslag till beslut", f"{name} har tagit del av informationen.", "Sammanfattning av ärendet")
            w.para(
                f"Enhetschef {r.choice(HANDLAGGARE)} informerar om verksamheten inom {p['unit'].lower()}: uppdrag, arbetssätt och aktuella utmaningar."
            )
        elif topic == "ivo":
            write_ivo(w, r, name, p["q"], y)
        elif topic == "schedule":
            dates = tuesdays(y + 1)
            schedule_dates = [d.isoformat() for d in dates]
            w.para(
                "Förslag till beslut", f"{name} godkänner datum för sammanträden {y + 1}", "Sammanfattning av ärendet"
            )
            w.para(f"{name}s sammanträden {y + 1} föreslås äga rum följande datum:")
            first = [f"{d.day} {MONTHS[d.month - 1]}" for d in dates if d.month <= 6]
            second = [f"{d.day} {MONTHS[d.month - 1]}" for d in dates if d.month > 6]
            w.para(", ".join(first[:-1]) + " och " + first[-1], ", ".join(second[:-1]) + " och " + second[-1] + ".")
            w.para("Sammanträdena börjar klockan 18.00 om inget annat anges i kallelsen.")
        elif topic == "delegation":
            write_delegation(w, r, name, meeting_date)
        elif topic == "anm":
            secret_lines = write_anmalningar(w, r, name, meeting_date, secret)
        else:
            write_decision(w, r, p["spec"], v, name, revised=(revision > 1 and i - 1 == revised_item))
            if p.get("bilaga"):
                write_bilaga(w, r, p, v, name, chapters=bilaga_chapters)
        items.append(DemoItem(i, p["title"], p["kind"], p["case"], p["doc_case"], p["variant"], bool(p.get("bilaga"))))
    return DemoMeeting(name, sh, meeting_date, w.text(), items, revision, secret_lines, schedule_dates)


def generate_meeting_text(committee: str, short: str, meeting_date: date, seed: int = 0, n_items: int = 9, **kw) -> str:
    """The text of :func:`generate_meeting` (same arguments)."""
    return generate_meeting(committee, short, meeting_date, seed, n_items, **kw).text
